"""Look at an imported workbook's bytes before any parser does: it is somebody else's file.

What is refused here, each with a one-line Chinese message (``InputError``):

* a file too big to be an annual report workbook (a real one is < 1 MB);
* a zip (``.xlsx``) whose central directory promises too many members, too
  much uncompressed data, or a compression ratio no spreadsheet has — a zip
  bomb is refused from its directory, before a byte is inflated (the declared
  sizes are binding: Python's zipfile stops at the declared size and fails the
  CRC when a member lies about it);
* a zip that is not an Excel workbook (a ``.docx``, an ``.ods``, any archive);
* a macro-enabled workbook (``.xlsm``: content type ``macroEnabled`` or a
  ``vbaProject.bin``), and an ``.xls`` carrying a VBA project;
* an encrypted workbook: an encrypted ``.xlsx`` is an OLE compound file with
  an ``EncryptionInfo`` stream instead of a ``Workbook`` stream.

The parsers after this are also bounded in the work they do, not only in size
(``MAX_ROWS`` × ``MAX_COLS`` of at most ``MAX_SHEETS`` sheets, ``MAX_CELLS``
non-empty cells in all, a sheet of more than ``MAX_SHEET_CELLS`` cells not
parsed, at most ``MAX_MERGES`` merged ranges and ``MAX_MERGED_AREA`` merged
cells per sheet, and the parser never asked to read on past a sheet's last row).
Measured with ``nianbao check`` (process start included): two sheets of 24 MB
XML in wide rows 1.2 s, 16,384 columns × 30 rows 0.5 s, 200,000 merged ranges
0.5 s.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024            # the file itself
MAX_MEMBERS = 1000                       # zip members
MAX_UNCOMPRESSED = 50 * 1024 * 1024      # all members together, as declared
MAX_MEMBER = 25 * 1024 * 1024            # any one member (a sheet's XML, the shared strings)
MAX_TEXT_PART = 5 * 1024 * 1024         # shared strings, styles: parsed whole before any cell is read
MAX_RATIO = 100                          # uncompressed : compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024                # small members may compress well; they cannot hurt

# What the readers scan of each sheet: the official tables fit in 80 rows × 20 columns.
MAX_SHEETS = 40
MAX_ROWS = 400
MAX_COLS = 60
MAX_MERGED_AREA = 100_000   # cells covered by merges, per sheet
MAX_CELLS = 50_000    # non-empty cells over all sheets; a real report workbook has 1 000 – 5 000
MAX_NAMED_ROWS = 25_000     # rows an own export's names may reach (9 texts of up to 2,000 paragraphs)
PEEK_ROWS = 1_000           # empty rows looked at past the limit before calling the sheet cut
MAX_SHEET_CELLS = 200_000   # cells in one sheet's XML (the parser visits each); a report has < 5 000
MAX_MERGES = 5_000          # merged ranges per sheet; a report has < 300
_ROW_TAG = re.compile(rb"<(?:\w{1,20}:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d{1,7})["']""")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_BYTES:
        raise InputError(f"“{name}”过大（{len(data) // 1048576} MB），不像年报工作簿，已拒绝导入")
    if len(data) < 8:
        raise InputError(f"“{name}”是空文件或已损坏，无法读取")


def open_xlsx_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The workbook's zip, after its central directory has been found proportionate."""
    check_size(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError(f"“{name}”已损坏（不是完整的 .xlsx 压缩包），无法读取")
    except NotImplementedError:   # "zip file version 25.5": a format Python's zipfile cannot read
        raise InputError(f"“{name}”使用了 Excel 不会使用的压缩格式，无法读取")
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"“{name}”包含 {len(infos)} 个部件，不像年报工作簿，已拒绝导入")
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
            raise InputError(f"“{name}”的部件 {info.filename[:60]} 使用了 Excel 不会使用的压缩方式或加密，无法读取")
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_UNCOMPRESSED:
            raise InputError(f"“{name}”解压后过大（超过 {MAX_UNCOMPRESSED // 1048576} MB），"
                             "可能是恶意构造的压缩包，已拒绝导入")
        if info.file_size > MAX_TEXT_PART and info.filename.lower().endswith(("sharedstrings.xml", "styles.xml")):
            raise InputError(f"“{name}”的文字或样式部件过大（{info.file_size // 1048576} MB），"
                             "不像年报工作簿，已拒绝导入")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"“{name}”的压缩比异常（{info.filename}），可能是恶意构造的压缩包，已拒绝导入")
    names = {i.filename for i in infos}
    if "mimetype" in names and "content.xml" in names:
        raise InputError(f"“{name}”是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 后再导入")
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise InputError(f"“{name}”是压缩包，但不是 Excel 工作簿（.xlsx），无法导入")
    content_types = _read_member(archive, "[Content_Types].xml", name, limit=1024 * 1024)
    if (b"macroEnabled" in content_types or any(n.lower().endswith("vbaproject.bin") for n in names)):
        raise InputError(f"“{name}”是启用宏的工作簿（.xlsm），为安全起见不予导入；"
                         "请在 Excel/WPS 中另存为不含宏的 .xlsx 后再导入")
    return archive


def count_cells(xml: bytes) -> int:
    """The cells a sheet's XML declares: what the parser would visit, counted without parsing."""
    # bytes.count is fast where a regex over 25 MB is not; a namespace prefix (<x:c>) is counted
    # too, and anything else ending in ":c " only makes the count an upper bound.
    return sum(xml.count(b"<c" + end) + xml.count(b":c" + end) for end in (b" ", b">", b"/"))


# A cell that holds something (a value, an inline string or a formula), with its column letters.
_VALUED_CELL = re.compile(rb'<(?:\w{1,20}:)?c\s[^>]*?\br="([A-Z]{1,3})\d+"[^>]*(?<!/)>\s*<(?:\w{1,20}:)?(?:v|is|f)[\s>]')


def column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def widest_column(xml: bytes) -> int:
    """The last column (1-based) in which a sheet's XML has a cell holding something."""
    return max((column_number(m.group(1).decode()) for m in _VALUED_CELL.finditer(xml)), default=0)


def count_rows(xml: bytes) -> int:
    """How many rows a reader can get from a sheet's XML: the last row's number, or the count of rows.

    The reader stops there instead of asking the parser for one more row, which
    would make it parse the rest of the sheet (say, 200,000 merged ranges) for nothing.
    """
    count, last = 0, None
    for last in _ROW_TAG.finditer(xml):
        count += 1
    if last is None:
        return 0
    end = xml.find(b">", last.end() - 1)
    number = _ROW_NUMBER.search(xml, last.end() - 1, end if end >= 0 else len(xml))
    return max(count, int(number.group(1)) if number else 0)


def _read_member(archive: zipfile.ZipFile, member: str, name: str, limit: int) -> bytes:
    try:
        info = archive.getinfo(member)
    except KeyError:
        return b""
    if info.file_size > limit:
        raise InputError(f"“{name}”的部件 {member} 过大，已拒绝导入")
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError,
            ValueError):     # ValueError: "negative seek value", a directory that lies about offsets
        raise InputError(f"“{name}”已损坏（{member} 无法解压），无法读取")


def check_ole(data: bytes, name: str) -> None:
    """An OLE compound file: refuse what is encrypted or carries macros before xlrd parses it."""
    check_size(data, name)
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise InputError(f"“{name}”已加密（设置了打开密码），无法导入；请先在 Excel/WPS 中取消密码后另存")
    if _utf16("_VBA_PROJECT") in data:
        raise InputError(f"“{name}”包含宏，为安全起见不予导入；请在 Excel/WPS 中另存为不含宏的工作簿后再导入")
    if _utf16("Workbook") not in data and _utf16("Book") not in data:
        if _utf16("WordDocument") in data:
            raise InputError(f"“{name}”是 Word 文档，不是 Excel 工作簿，无法导入")
        raise InputError(f"“{name}”不是 Excel 工作簿（.xls），无法导入")
