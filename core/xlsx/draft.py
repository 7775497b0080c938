"""What marks an exported workbook whose report still has errors, as the PDF's 草稿 does.

A red 草稿 line stands above the title (``export.py`` writes it) and a sheet of
its own lists every open finding in the words of the PDF's findings page
(``pdf/draft.py``): position, what is wrong, what to change.  The reader skips
that sheet (``names.FINDINGS_SHEET``): it is about the report, not part of it.
"""
from __future__ import annotations

from typing import Dict, Sequence

from ..checks.findings import ERROR, Finding
from .names import FINDINGS_SHEET

DRAFT_COLOR = "B00020"
FINDINGS_WIDTHS = (6, 8, 22, 48, 26)   # the sheet's columns, as the PDF's findings table


def is_draft(findings: Sequence[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def draft_line(findings: Sequence[Finding]) -> str:
    """The visible line above a draft's title."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    return f"草稿：本报告仍有{errors}项错误，见“{FINDINGS_SHEET}”工作表；改正后重新导出即为正式文件"


def write_findings_sheet(ws, findings: Sequence[Finding], fonts: Dict[str, object], border) -> None:
    """The open findings on ``ws``: a heading, the one-line summary, then a table row each."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from ..pdf.draft import FINDINGS_TITLE, findings_rows, findings_summary
    from .export import FOOTER, HEADING_PT, TABLE_PT, _cell_text, _height, _lines_in, _width_pt
    ws.sheet_view.showGridLines = False
    summary = findings_summary(findings)
    ws.append([FINDINGS_TITLE])
    ws.append([summary])
    ws["A1"].font, ws["A2"].font = fonts["heading"], fonts["draft"]
    ws["A2"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.merge_cells(f"A2:{get_column_letter(len(FINDINGS_WIDTHS))}2")
    ws.row_dimensions[1].height = _height(1, HEADING_PT) + 4
    ws.row_dimensions[2].height = _height(_lines_in(summary, sum(map(_width_pt, FINDINGS_WIDTHS)),
                                                    HEADING_PT), HEADING_PT)
    header, *rows = findings_rows(findings)
    ws.append(list(header))
    for row in rows:
        ws.append([_cell_text(text) for text in row])
    for r, row in enumerate(ws.iter_rows(min_row=3), 3):
        lines = 1
        for cell, width in zip(row, FINDINGS_WIDTHS):
            cell.border = border
            cell.font = fonts["table_bold" if r == 3 else "table"]
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="center" if r == 3 or cell.column <= 2 else "left")
            lines = max(lines, _lines_in(str(cell.value or ""), _width_pt(width), TABLE_PT))
        ws.row_dimensions[r].height = min(409, max(20, _height(lines, TABLE_PT)))
    for c, width in enumerate(FINDINGS_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    ws.oddFooter.center.text = FOOTER
