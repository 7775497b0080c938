"""A workbook as the importer sees it: bounded grids of cell values, merges, defined names.

Both file types end here, so that one label matcher serves both: ``.xlsx``
through openpyxl in read-only (streaming) mode after ``safety`` has vetted the
zip, legacy ``.xls`` through xlrd.  Only the first ``MAX_ROWS`` × ``MAX_COLS``
of at most ``MAX_SHEETS`` sheets are read, which bounds time and memory
whatever the file claims about its size — except the rows an own export's
defined names point at (``nb_*``, up to ``MAX_NAMED_ROWS``): those are read
whole, so a long report comes back complete.  A sheet whose XML holds more than
``MAX_SHEET_CELLS`` cells is not parsed at all.  Every limit that cuts a
workbook short is recorded in ``Book.cuts``, for the import notes.

Any exception a parser raises on a damaged or hostile file becomes one
``InputError``: this module is the trust boundary, so it catches broadly.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..errors import InputError
from . import safety
from .names import PREFIX as NAME_PREFIX

Range = Tuple[int, int, int, int]          # first row, first column, last row, last column (0-based, inclusive)


@dataclass
class Sheet:
    name: str
    rows: List[List[object]]               # values: None, str, int, float, bool, datetime
    merges: List[Range] = field(default_factory=list)

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None


@dataclass
class Book:
    sheets: List[Sheet]
    names: Dict[str, Tuple[str, Range]] = field(default_factory=dict)   # lower-case name → (sheet, range)
    props: Dict[str, str] = field(default_factory=dict)                 # custom document properties
    cuts: List[str] = field(default_factory=list)   # what a scan limit left unread, in Chinese

    @property
    def truncated(self) -> bool:
        return bool(self.cuts)

    def sheet(self, name: str) -> Optional[Sheet]:
        return next((s for s in self.sheets if s.name == name), None)


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """OOXML's ``_xHHHH_`` escapes (a carriage return is ``_x000D_``), which openpyxl leaves as they are."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _unescaped(row) -> List[object]:
    return [unescape(v) if isinstance(v, str) else v for v in row]


def _trim(rows: List[List[object]]) -> List[List[object]]:
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    return rows


# -- .xlsx ---------------------------------------------------------------------

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})"')
_MERGES_OPEN_RE = re.compile(rb"<(?:\w+:)?mergeCells[\s>]")
_CELLS_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _merges_of(xml: bytes, cuts: List[str], sheet: str) -> List[Range]:
    # The merge list follows the cell data; start at its opening tag (after the last </sheetData>).
    start = xml.rfind(b"sheetData>")
    opening = _MERGES_OPEN_RE.search(xml, max(0, start))
    if opening is None:
        return []
    found = ((int(m.group(2)) - 1, _col_index(m.group(1).decode()),
              int(m.group(4)) - 1, _col_index(m.group(3).decode()))
             for m in _MERGE_RE.finditer(xml, opening.start()))
    return _bounded_merges(found, cuts, sheet)


def _bounded_merges(ranges, cuts: List[str], sheet: str) -> List[Range]:
    """The merges within the scanned area, as long as filling them stays cheap.

    Each merged cell is filled with its value before labels are matched; a
    hostile file could declare thousands of overlapping sheet-sized merges, so
    the area filled is capped (a real report merges a few hundred cells).
    """
    out, area = [], 0
    for seen, (r0, c0, r1, c1) in enumerate(ranges):
        if len(out) >= safety.MAX_MERGES or seen >= 10 * safety.MAX_MERGES:
            cuts.append(f"工作表“{sheet}”的合并单元格过多，只处理了前 {seen:,} 处")
            break
        if r0 >= safety.MAX_ROWS or c0 >= safety.MAX_COLS or r1 < r0 or c1 < c0:
            continue
        r1, c1 = min(r1, safety.MAX_ROWS - 1), min(c1, safety.MAX_COLS - 1)
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
        if area > safety.MAX_MERGED_AREA:
            cuts.append(f"工作表“{sheet}”的合并区域过大，其余合并单元格未处理")
            break
        out.append((r0, c0, r1, c1))
    return out


def _parse_range(text: str) -> Optional[Range]:
    m = _CELLS_RE.match(text.strip())
    if not m:
        return None
    c0, r0 = _col_index(m.group(1)), int(m.group(2)) - 1
    c1, r1 = (_col_index(m.group(3)), int(m.group(4)) - 1) if m.group(3) else (c0, r0)
    return (r0, c0, r1, c1)


def _load_streaming(data: bytes):
    """openpyxl's read-only workbook, without its pass over each whole sheet.

    A read-only worksheet asks for its size on creation; a sheet without a
    ``<dimension>`` element is then parsed to the end just to find it — seconds
    for a large hostile sheet.  The rows are read here with explicit bounds, so
    the size is never needed: the worksheets are created without it.  (This
    follows openpyxl 3.1's ``ExcelReader.read_worksheets`` for read-only mode.)
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedWorksheet(ReadOnlyWorksheet):
        def _get_size(self):
            self._min_column = self._min_row = self._max_column = self._max_row = None

    class StreamingReader(ExcelReader):
        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue
                ws = UnsizedWorksheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    reader = StreamingReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def read_xlsx(data: bytes, name: str) -> Book:
    archive = safety.open_xlsx_zip(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = _load_streaming(data)
            try:
                return _book_from_openpyxl(wb, archive)
            finally:
                wb.close()
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"“{name}”过大，读取时内存不足，已放弃导入")
    except Exception:  # a damaged or hostile file: whatever the parser tripped on
        raise InputError(f"“{name}”已损坏或不是有效的 Excel 工作簿，无法读取")
    finally:
        archive.close()


class _Budget:
    """What is left of ``MAX_CELLS`` as rows are read."""

    def __init__(self):
        self.left = safety.MAX_CELLS

    def take(self, row) -> bool:
        self.left -= sum(1 for v in row if v is not None)
        return self.left >= 0


def _columns_cut(sheet: str) -> str:
    return f"工作表“{sheet}”只读取了前 {safety.MAX_COLS} 列，其后各列中的内容未读取"


def _row_limit(names: Dict[str, Tuple[str, Range]], sheet: str) -> int:
    """Rows to read of ``sheet``: ``MAX_ROWS`` more than an own export's names reach (the signature
    follows them), at most ``MAX_NAMED_ROWS``."""
    named = [rng[2] + 1 for n, (s, rng) in names.items() if s == sheet and n.startswith(NAME_PREFIX)]
    return min(max([0] + named) + safety.MAX_ROWS, safety.MAX_NAMED_ROWS)


def _scan_openpyxl(ws, limit: int, last_row: int, budget: _Budget, cuts: List[str]) -> List[List[object]]:
    rows: List[List[object]] = []
    extra = 0
    if last_row == 0:
        return rows
    for r in ws.iter_rows(min_row=1, min_col=1, max_col=safety.MAX_COLS, values_only=True):
        if len(rows) >= limit:
            # Past the limit: anything more in the sheet is a cut, said in a note.
            extra += 1
            if any(v is not None for v in r) or extra > safety.PEEK_ROWS:
                cuts.append(f"工作表“{ws.title}”只读取了前 {limit} 行")
                break
            continue
        if not budget.take(r):
            cuts.append(f"工作簿的非空单元格超过 {safety.MAX_CELLS} 个，工作表“{ws.title}”"
                        f"只读取了前 {len(rows)} 行，其后的工作表未读取")
            break
        rows.append(_unescaped(r))
        if len(rows) >= last_row:
            break       # the sheet has no more rows: do not let the parser read on
    return rows


def _book_from_openpyxl(wb, archive) -> Book:
    sheets, budget, cuts = [], _Budget(), []
    names = _names_of_openpyxl(wb)
    if len(wb.worksheets) > safety.MAX_SHEETS:
        cuts.append(f"工作簿有 {len(wb.worksheets)} 个工作表，只读取了前 {safety.MAX_SHEETS} 个")
    for ws in wb.worksheets[: safety.MAX_SHEETS]:
        if budget.left <= 0:
            break
        xml = b""
        path = getattr(ws, "_worksheet_path", None)
        if path:
            info = archive.getinfo(path.lstrip("/"))
            if info.file_size <= safety.MAX_MEMBER:
                xml = archive.read(info)
        cells = safety.count_cells(xml)
        if cells > safety.MAX_SHEET_CELLS:
            cuts.append(f"工作表“{ws.title}”有 {cells:,} 个单元格，超出年报工作簿的规模，未读取")
            continue
        last_row = safety.count_rows(xml) if xml else safety.MAX_NAMED_ROWS
        if safety.widest_column(xml) > safety.MAX_COLS:
            cuts.append(_columns_cut(ws.title))
        rows = _scan_openpyxl(ws, _row_limit(names, ws.title), last_row, budget, cuts)
        sheets.append(Sheet(ws.title, _trim(rows), _merges_of(xml, cuts, ws.title) if xml else []))
    props = {}
    for prop in getattr(wb, "custom_doc_props", None) or ():
        if prop.name and prop.value is not None:
            props[prop.name] = str(prop.value)
    return Book(sheets, names, props, cuts)


def _names_of_openpyxl(wb) -> Dict[str, Tuple[str, Range]]:
    names: Dict[str, Tuple[str, Range]] = {}
    for dn_name, dn in wb.defined_names.items():
        try:
            dests = list(dn.destinations)
        except Exception:  # a name that is a formula or constant, not a range
            continue
        if len(dests) == 1:
            rng = _parse_range(dests[0][1])
            if rng is not None:
                names[dn_name.lower()] = (dests[0][0], rng)
    return names


# -- .xls ----------------------------------------------------------------------

def read_xls(data: bytes, name: str) -> Book:
    safety.check_ole(data, name)
    try:
        import xlrd
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO(), ragged_rows=True)
        try:
            return _book_from_xlrd(book, xlrd)
        finally:
            book.release_resources()
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"“{name}”过大，读取时内存不足，已放弃导入")
    except Exception as exc:  # xlrd.XLRDError and whatever a damaged file makes it raise
        if "encrypted" in str(exc).lower():
            raise InputError(f"“{name}”已加密（设置了密码），无法导入；请先在 Excel/WPS 中取消密码后另存")
        raise InputError(f"“{name}”已损坏或不是有效的 Excel 97-2003 工作簿（.xls），无法读取")


def _xls_value(cell, datemode, xlrd):
    t, v = cell.ctype, cell.value
    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if t == xlrd.XL_CELL_NUMBER:
        return int(v) if float(v).is_integer() else v
    if t == xlrd.XL_CELL_BOOLEAN:
        return bool(v)
    if t == xlrd.XL_CELL_DATE:
        try:
            return _dt.datetime(*xlrd.xldate_as_tuple(v, datemode))
        except Exception:
            return str(v)
    if t == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(v, "#ERROR")
    return v


def _book_from_xlrd(book, xlrd) -> Book:
    sheets, budget, cuts = [], _Budget(), []
    names = _names_of_xlrd(book)
    if book.nsheets > safety.MAX_SHEETS:
        cuts.append(f"工作簿有 {book.nsheets} 个工作表，只读取了前 {safety.MAX_SHEETS} 个")
    for index in range(min(book.nsheets, safety.MAX_SHEETS)):
        if budget.left <= 0:
            break
        sh = book.sheet_by_index(index)
        rows = []
        limit = _row_limit(names, sh.name)
        if sh.nrows > limit:
            cuts.append(f"工作表“{sh.name}”只读取了前 {limit} 行")
        if sh.ncols > safety.MAX_COLS and any(
                any(c.ctype not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) for c in sh.row(r)[safety.MAX_COLS:])
                for r in range(min(sh.nrows, limit))):
            cuts.append(_columns_cut(sh.name))
        for r in range(min(sh.nrows, limit)):
            row = [_xls_value(c, book.datemode, xlrd) for c in sh.row(r)[: safety.MAX_COLS]]
            if not budget.take(row):
                cuts.append(f"工作簿的非空单元格超过 {safety.MAX_CELLS} 个，工作表“{sh.name}”"
                            f"只读取了前 {len(rows)} 行，其后的工作表未读取")
                break
            rows.append(row)
        merges = _bounded_merges(((rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sh.merged_cells),
                                 cuts, sh.name)
        sheets.append(Sheet(sh.name, _trim(rows), merges))
        book.unload_sheet(index)
    return Book(sheets, names, {}, cuts)


def _names_of_xlrd(book) -> Dict[str, Tuple[str, Range]]:
    names: Dict[str, Tuple[str, Range]] = {}
    for nobj in book.name_obj_list:
        if nobj.scope != -1 or nobj.hidden:
            continue
        try:
            sheet, rlo, rhi, clo, chi = nobj.area2d(clipped=True)
        except Exception:  # not a single area
            continue
        names[nobj.name.lower()] = (sheet.name, (rlo, clo, rhi - 1, chi - 1))
    return names
