"""One entry for the document formats: the file's kind (sniffed by ``importing``) → its reader → the report."""
from __future__ import annotations

from typing import List, Optional

from ..errors import InputError
from ..xlsx.read import ImportResult
from .grid import read_blocks

WHAT = {"docx": "Word 文档", "pdf": "PDF 文件", "html": "网页", "text": "文本"}


def read_document(kind: str, data: bytes, name: str, year: Optional[int] = None) -> ImportResult:
    extra: List[str] = []
    if kind == "doc" and "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError(f"“{name}”是加密的 Word 文档（设置了打开密码），无法导入；"
                         "请先在 Word 或 WPS 中取消密码后另存为 .docx 再导入")
    if kind == "doc":
        raise InputError(f"“{name}”是旧版 Word/WPS 文档（.doc/.wps），无法直接读取；"
                         "请在 Word 或 WPS 中“另存为”.docx 格式后再导入")
    if kind == "docx":
        from .docx import read_docx
        blocks = read_docx(data, name)
    elif kind == "pdf":
        from .pdf import read_pdf
        blocks = read_pdf(data, name)
    elif kind == "html":
        from .html import read_html
        blocks = read_html(data, name)
    else:
        if b"\x00" in data[:4096] and not data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(f"“{name}”既不是年报文件，也不是 Excel、Word、PDF、网页或文本，无法读取")
        from .text import read_text
        blocks, extra = read_text(data, name)
    result = read_blocks(blocks, name, WHAT.get(kind, "文档"), year)
    result.notes = extra + result.notes
    return result
