"""Vet a zipped office document (.docx) before any XML in it is parsed: it is somebody else's file.

The same limits as the workbook reader (``xlsx.safety``): the file's size,
the number of members, the declared uncompressed sizes and compression
ratios, all judged from the zip's central directory before a byte is
inflated.  XML is parsed only through defusedxml (no DTDs, no entities, no
external references).
"""
from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import InputError
from ..xlsx import safety


def open_zip(data: bytes, name: str, what: str) -> zipfile.ZipFile:
    safety.check_size(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(f"“{name}”已损坏（不是完整的{what}压缩包），无法读取")
    if len(infos) > safety.MAX_MEMBERS:
        raise InputError(f"“{name}”包含 {len(infos)} 个部件，不像年报{what}，已拒绝导入")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > safety.MAX_MEMBER or total > safety.MAX_UNCOMPRESSED:
            raise InputError(f"“{name}”解压后过大（超过 {safety.MAX_UNCOMPRESSED // 1048576} MB），"
                             "可能是恶意构造的压缩包，已拒绝导入")
        if info.file_size > safety.RATIO_FLOOR and info.file_size > safety.MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"“{name}”的压缩比异常（{info.filename}），可能是恶意构造的压缩包，已拒绝导入")
    return archive


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    try:
        return archive.read(member)
    except KeyError:
        raise InputError(f"“{name}”缺少部件 {member}，不是完整的 Word 文档，无法读取")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        raise InputError(f"“{name}”已损坏（{member} 无法解压），无法读取")


def parse_xml(xml: bytes, name: str, member: str):
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException
    try:
        return ElementTree.fromstring(xml)
    except DefusedXmlException:
        raise InputError(f"“{name}”的 {member} 含有外部实体或文档类型定义，可能是恶意构造的文件，已拒绝导入")
    except Exception:       # ParseError and anything a broken file makes the parser raise
        raise InputError(f"“{name}”已损坏（{member} 不是有效的 XML），无法读取")
