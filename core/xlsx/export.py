"""The report as the workbook a supervisor expects: one sheet laid out like the official template.

``export_xlsx(report) -> bytes``.  Title, the preamble, sections 一 to 六 in
order — the narrative texts one paragraph per row, tables 二、三、四 drawn from
``Table.grid`` with its merged headers and labels — and the signature.  The
sheet has fifteen equal columns, the grid of 表四; the other tables' grid
columns are runs of them (表三's long row labels take five), so all three
tables line up on one page width.  Printing: A4 portrait, fitted to the width,
page breaks placed so that no table and no heading is split from what follows,
the page number in the footer ("— 3 —").  Row heights are set from the text they
hold, because no spreadsheet program sizes rows of merged, wrapped cells by itself.
Numbers carry a format (``0`` for counts, ``0.00##`` for 万元) and shrink to fit
their cell, so that no program prints 99999999 as "1E+08"; totals are shaded as
in the window; each paragraph's first line is indented two characters, and a
paragraph longer than a row is cut after a sentence (``paragraphs.py``).  A
report with open errors is marked as a 草稿 (``draft.py``).

Each value is written as a value, never a formula, so every reader sees the
totals (openpyxl cannot store a formula's cached value).  The defined names,
document properties and the exact-value fallbacks that make a re-import exact
are described in ``names.py``.

With ``SOURCE_DATE_EPOCH`` set (reproducible builds' convention), the workbook's
created/modified properties and its zip entries carry that time and no trace of the
system that wrote it, so the same report exports byte-identically on Linux and Windows.
"""
from __future__ import annotations

import datetime
import io
import json
import math
import os
import re
import zipfile
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Tuple

from .. import __version__
from ..errors import InputError
from ..checks.findings import Finding
from ..form import COUNT, FORM, MONEY, ROLE_DATA, ROLE_HEADING, ROLE_LABEL, ROLE_NOTE, Table
from ..model import Report
from ..values import Invalid, Value
from . import names
from .labels import read_value
from .draft import DRAFT_COLOR, draft_line, is_draft, write_findings_sheet
from .paragraphs import cut_paragraph


def get_column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter as letter
    return letter(index)

COLUMNS = 15
COLUMN_WIDTH = 5.6                     # Excel width units; 15 of them fill A4 portrait
COLUMN_PT = (int(COLUMN_WIDTH * 7 + 5)) * 0.75
PAGE_PT = 700                          # printable height of an A4 page, kept on the safe side
# How each table's grid columns sit on the fifteen sheet columns (runs of these widths).
RUNS = {"t2": (6, 3, 3, 3), "t3": (1, 2, 5, 1, 1, 1, 1, 1, 1, 1), "t4": (1,) * 15}
MAX_LINES_PER_ROW = 24                 # a row is at most 409 pt high
COUNT_FORMAT, MONEY_FORMAT = "0", "0.00##"   # never General: it shows 123456 as "1E+05" in a narrow cell
TOTAL_FILL = "E4E4E4"                  # totals shaded as the window shades computed cells
INDENT = names.INDENT                  # a paragraph's first line is indented two characters
FOOTER = "— &P —"
TITLE_PT, HEADING_PT, TEXT_PT, TABLE_PT = 18, 12, 12, 10
FONT_TITLE, FONT_HEADING, FONT_TEXT, FONT_TABLE = "宋体", "黑体", "仿宋", "宋体"


def _em_width(text: str) -> float:
    """Width in ems: CJK and full-width characters are one em, the rest half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in text)


def _lines(text: str, span_cols: int, font_pt: float) -> int:
    return _lines_in(text, span_cols * COLUMN_PT, font_pt)


def _width_pt(width: float) -> float:
    """A column's width in points from its width in Excel's units."""
    return int(width * 7 + 5) * 0.75


def _lines_in(text: str, width_pt: float, font_pt: float) -> int:
    per_line = max(1.0, (width_pt - 6) / font_pt)
    return max(1, sum(max(1, math.ceil(_em_width(p) / per_line)) for p in text.split("\n")))


def _height(lines: int, font_pt: float) -> float:
    return round(lines * font_pt * 1.35 + 5, 1)


class _Writer:
    """Lays out one report on one sheet, keeping track of rows, heights and keep-together blocks."""

    def __init__(self, report: Report, findings: Sequence[Finding] = ()):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        self.report = report
        self.findings = list(findings)
        self.draft = is_draft(self.findings)
        self.total_fill = PatternFill("solid", start_color=TOTAL_FILL, end_color=TOTAL_FILL)
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = f"{report.year}年政府信息公开年报"[:31]
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fonts = {k: Font(name=n, size=s, bold=b) for k, (n, s, b) in {
            "title": (FONT_TITLE, TITLE_PT, True), "heading": (FONT_HEADING, HEADING_PT, False),
            "text": (FONT_TEXT, TEXT_PT, False), "table": (FONT_TABLE, TABLE_PT, False),
            "table_bold": (FONT_TABLE, TABLE_PT, True)}.items()}
        self.fonts["draft"] = Font(name=FONT_HEADING, size=HEADING_PT, bold=True, color=DRAFT_COLOR)
        self.Alignment = Alignment
        self.row = 1
        self.heights: Dict[int, float] = {}
        self.blocks: List[Tuple[int, int]] = []      # (first, last) rows to keep on one page
        self.exact: Dict[str, str] = {}
        self.inputs: Dict[str, List[str]] = {COUNT: [], MONEY: []}     # cells a clerk may type in
        self.joins: Dict[str, List[int]] = {}

    # -- primitives ------------------------------------------------------------------

    def put(self, row: int, col: int, value, font: str, *, horizontal="left", span=(1, COLUMNS),
            vertical="center", border=False, wrap=True, indent=0):
        ws = self.ws
        cell = ws.cell(row=row, column=col, value=_cell_text(value) if isinstance(value, str) else value)
        if isinstance(value, str) and cell.data_type == "f":
            cell.data_type = "s"        # text that starts with "=" is text, not a formula
        cell.font = self.fonts[font]
        # A number never wraps: it shrinks to fit its cell rather than print as "###" or "1E+05".
        cell.alignment = self.Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap,
                                        shrink_to_fit=not wrap, indent=indent)
        rows, cols = span
        if rows > 1 or cols > 1:
            self._merge(row, col, row + rows - 1, col + cols - 1)
        if border:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    ws.cell(row=r, column=c).border = self.border
        return cell

    def _merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        """``ws.merge_cells`` without its check against every merge made so far, which makes a
        long report (thousands of merged paragraph rows) take quadratic time: the layout never
        merges a cell twice."""
        from openpyxl.worksheet.merge import MergedCellRange
        merged = MergedCellRange(self.ws, f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}")
        self.ws.merged_cells.ranges.add(merged)
        self.ws._clean_merge_range(merged)

    def need(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0), height)

    def line(self, text: str, font: str, pt: float, horizontal="left", vertical="center") -> int:
        r = self.row
        self.put(r, 1, text, font, horizontal=horizontal, vertical=vertical)
        self.need(r, _height(_lines(text, COLUMNS, pt), pt))
        self.row += 1
        return r

    # -- parts of the document ---------------------------------------------------------

    def text(self, key: str) -> Tuple[int, int]:
        """One paragraph per row, its first line indented two characters; a paragraph too long
        for one row continues in the next, cut after a sentence (see ``paragraphs.py``)."""
        first = self.row
        chunk = int((COLUMNS * COLUMN_PT - 6) / TEXT_PT) * MAX_LINES_PER_ROW
        pieces: List[Tuple[str, bool]] = []
        for paragraph in self.report.text.get(key, "").split("\n"):
            parts = cut_paragraph(paragraph, chunk - len(INDENT))
            pieces += [(p, i > 0) for i, p in enumerate(parts)]
        for i, (piece, continued) in enumerate(pieces):
            if continued:
                self.joins.setdefault(key, []).append(i)
            self.line(piece if continued or not piece else INDENT + piece, "text", TEXT_PT)
        self._name(names.text_name(key), f"$A${first}:$A${self.row - 1}")
        return first, self.row - 1

    def table(self, table: Table, snap: Dict[str, Value]) -> Tuple[int, int]:
        top = self.row
        starts = _starts(table.key)
        for g in table.grid:
            col, cols = starts[g.col], starts[g.col + g.colspan] - starts[g.col]
            row = top + g.row
            if g.role == ROLE_DATA:
                value = self._value(g.cell_id, snap[g.cell_id])
                cell = self.put(row, col, value, "table", horizontal="center", span=(g.rowspan, cols),
                                border=True, wrap=isinstance(value, str))
                cell.number_format = _number_format(FORM.cells[g.cell_id].kind, snap[g.cell_id])
                if FORM.cells[g.cell_id].computed:
                    cell.fill = self.total_fill
                self._name(names.cell_name(g.cell_id), f"${get_column_letter(col)}${row}")
                if not FORM.cells[g.cell_id].computed:
                    self.inputs[FORM.cells[g.cell_id].kind].append(f"{get_column_letter(col)}{row}")
                text = "" if value is None else str(value)
            else:
                text = g.text
                # 表三's innermost row labels read left to right, as in the official table;
                # group labels (三、本年度办理结果, （三）不予公开) and everything else are centred.
                left = g.role == ROLE_LABEL and table.key == "t3" and g.col + g.colspan == table.label_cols
                self.put(row, col, text, "table_bold" if g.role == ROLE_HEADING else "table",
                         horizontal="left" if left else "center", span=(g.rowspan, cols), border=True)
            pt = TABLE_PT
            need = _height(_lines(text, cols, pt), pt)
            if g.role == ROLE_NOTE:
                need = 0   # the note's cell spans the header rows, which are sized by their labels
            if g.rowspan == 1:
                self.need(row, max(need, 20))
            else:
                per_row = need / g.rowspan
                for r in range(row, row + g.rowspan):
                    self.need(r, max(per_row, 20))
        self.row = top + table.grid_rows
        return top, self.row - 1

    def _value(self, cell_id: str, value: Value):
        kind = FORM.cells[cell_id].kind
        if value is None:
            return None
        if isinstance(value, Invalid):
            written = str(value)
            exact = "invalid:" + str(value)
        elif isinstance(value, Decimal):
            written = int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 \
                else float(value)
            exact = format(value, "f")
        else:
            return value
        # What a reader gets back: a whole float such as 1.0 is stored, and read, as 1.
        back = read_value(kind, int(written) if isinstance(written, float) and written.is_integer() else written)
        if type(back) is not type(value) or str(back) != str(value):
            self.exact[cell_id] = exact
        return written

    def _name(self, name: str, ref: str) -> None:
        from openpyxl.workbook.defined_name import DefinedName
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"'{self.ws.title}'!{ref}")

    # -- the whole document ------------------------------------------------------------

    def build(self) -> None:
        report, snap = self.report, self.report.snapshot()
        top = self.line(draft_line(self.findings), "draft", HEADING_PT, horizontal="center") if self.draft else 1
        title = self.line(report.title, "title", TITLE_PT, horizontal="center")
        self.need(title, _height(_lines(report.title, COLUMNS, TITLE_PT), TITLE_PT) + 12)
        first_text = self.text("preamble")
        self.blocks.append((top, first_text[0]))
        for section in FORM.sections:
            heading = self.line(section.title, "heading", HEADING_PT, vertical="bottom")
            self.need(heading, _height(1, HEADING_PT) + 8)    # space above each section
            if section.text_key:
                first, _ = self.text(section.text_key)
                self.blocks.append((heading, first))
            else:
                _, last = self.table(FORM.table(section.table_key), snap)
                self.blocks.append((heading, last))
        self.row += 1
        sign = self.line(report.agency, "text", TEXT_PT, horizontal="right")
        last = sign
        if report.date:
            d = report.date
            last = self.line(f"{d.year}年{d.month}月{d.day}日", "text", TEXT_PT, horizontal="right")
        self.blocks.append((sign, last))
        self._finish()
        if self.draft:
            write_findings_sheet(self.wb.create_sheet(names.FINDINGS_SHEET), self.findings, self.fonts,
                                 self.border)

    def _finish(self) -> None:
        from openpyxl.worksheet.pagebreak import Break
        ws = self.ws
        for c in range(1, COLUMNS + 1):
            ws.column_dimensions[get_column_letter(c)].width = COLUMN_WIDTH
        for r, h in self.heights.items():
            ws.row_dimensions[r].height = min(h, 409)
        # Page breaks: a block that does not fit in what is left of the page starts a new one.
        used, block_of = 0.0, {first: last for first, last in self.blocks}
        r, last_row = 1, self.row - 1
        while r <= last_row:
            end = block_of.get(r, r)
            h = sum(self.heights.get(x, 15) for x in range(r, end + 1))
            if used > 0 and used + h > PAGE_PT:
                ws.row_breaks.append(Break(id=r - 1))
                used = 0.0
            used += h
            r = end + 1
        ws.print_area = f"A1:{get_column_letter(COLUMNS)}{last_row}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.oddFooter.center.text = FOOTER
        ws.sheet_view.showGridLines = False
        self._validation()
        self._properties()

    def _validation(self) -> None:
        """Excel and WPS refuse what the format does not allow in a cell a clerk edits."""
        from openpyxl.worksheet.cell_range import MultiCellRange
        from openpyxl.worksheet.datavalidation import DataValidation
        rules = {COUNT: ("whole", "请填写 0 或正整数（没有请填 0，不要填“/”“-”“无”）"),
                 MONEY: ("decimal", "请填写以万元为单位的金额（没有请填 0）")}
        for kind, cells in self.inputs.items():
            kind_of_number, message = rules[kind]
            dv = DataValidation(type=kind_of_number, operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True, errorTitle="数值无效",
                                error=message)
            dv.sqref = MultiCellRange(" ".join(cells))
            self.ws.add_data_validation(dv)

    def _properties(self) -> None:
        from openpyxl.packaging.custom import IntProperty, StringProperty
        report, props = self.report, self.wb.custom_doc_props
        props.append(StringProperty(name=names.PROP_MARK, value=names.MARK_VALUE))
        props.append(StringProperty(name=names.PROP_VERSION, value=__version__))
        props.append(StringProperty(name=names.PROP_TEMPLATE, value=report.template))
        props.append(IntProperty(name=names.PROP_YEAR, value=report.year))
        if report.agency:
            props.append(StringProperty(name=names.PROP_AGENCY, value=_xml_safe(report.agency)))
        if report.date:
            props.append(StringProperty(name=names.PROP_DATE, value=report.date.isoformat()))
        for cid, exact in self.exact.items():
            # JSON-quoted: a property's leading and trailing spaces do not survive a reader.
            props.append(StringProperty(name=names.PROP_EXACT + cid,
                                        value=json.dumps(exact, ensure_ascii=False)))
        props.append(StringProperty(name=names.PROP_INDENT, value=INDENT))
        for key, rows in self.joins.items():
            props.append(StringProperty(name=names.PROP_JOINS + key, value=str(rows)))
        self.wb.properties.title = report.title
        self.wb.properties.creator = f"nianbao {__version__}"


_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _xml_safe(text: str) -> str:
    """Control characters XML cannot carry are dropped: no spreadsheet could show them."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _cell_text(text: str) -> str:
    """Text as a cell carries it: OOXML's escapes for a carriage return (``_x000D_``, which
    an XML reader would turn into a line feed) and for a literal ``_xHHHH_``."""
    return _xml_safe(_LITERAL_ESCAPE.sub(r"_x005F_\1", text).replace("\r", "_x000D_"))


def _number_format(kind: str, stated: Value) -> str:
    """Counts as whole numbers, 万元 with two to four decimals (more when more are stated)."""
    if kind != MONEY:
        return COUNT_FORMAT
    decimals = -stated.as_tuple().exponent if isinstance(stated, Decimal) else 0
    return MONEY_FORMAT + "#" * max(0, min(decimals, 10) - 4)


def export_xlsx(report: Report, findings: Optional[Sequence[Finding]] = None) -> bytes:
    """The workbook's bytes; ``InputError`` for a report that could not be read back from it.

    Error-level ``findings`` (by default the report's own checks) make it a 草稿: a red line
    above the title and a sheet listing what is open."""
    problem = report.writing_problem()
    if problem:
        raise InputError(f"无法导出 Excel：{problem}")
    if findings is None:
        from ..checks import run_checks
        findings = run_checks(report)
    writer = _Writer(report, findings)
    writer.build()
    stamp = _source_date()
    if stamp is not None:
        writer.wb.properties.created = stamp   # (openpyxl's save sets "modified" to now)
    out = io.BytesIO()
    writer.wb.save(out)
    return out.getvalue() if stamp is None else _restamped(out.getvalue(), stamp)


def _source_date():
    """SOURCE_DATE_EPOCH as a UTC time (naive, as openpyxl writes it), or None when unset or not a number."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
        return datetime.datetime.fromtimestamp(max(epoch, 315532800), datetime.timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None


def _restamped(data: bytes, stamp) -> bytes:
    """The same zip with every entry dated ``stamp``, marked as made on one system (Unix), and
    ``stamp`` as the document's modification time."""
    out = io.BytesIO()
    modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, stamp.timetuple()[:6])
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o600 << 16
            content = src.read(item)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + modified, content)
            dst.writestr(info, content)
    return out.getvalue()



def _starts(table_key: str) -> List[int]:
    """The sheet column (1-based) where each grid column of a table starts, and one past the end."""
    starts = [1]
    for width in RUNS[table_key]:
        starts.append(starts[-1] + width)
    assert starts[-1] == COLUMNS + 1, table_key
    return starts
