"""What the Word and the HTML writers share: the report as a sequence of parts.

Both writers walk the same outline as the PDF (title, preamble, the six
sections, the 落款, and for a report with open errors the findings): this
module produces it from the report, ``FORM`` and the PDF's own text rules
(paragraph splitting, the （一） run-in sub-heading, the 成文日期 as written),
so that no writer decides again what is printed where.

A table is given as *rows of slots*: for every grid row, each grid column is
either the start of a ``GridCell`` (with its text: a label, or a formatted
number), covered by a cell from above (Word writes a ``vMerge`` continuation
there) or covered from the left (nothing is written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ..checks.findings import ERROR, Finding
from ..form import FORM, GridCell, ROLE_DATA, Table
from ..model import Report
from ..pdf.document import _paragraphs, _subhead_length, chinese_date
from ..pdf.draft import FINDINGS_TITLE, WATERMARK, findings_rows, findings_summary
from ..values import Value, format_value

__all__ = ["FINDINGS_TITLE", "WATERMARK", "Paragraph", "Heading", "TableBlock", "Slot", "Part",
           "report_parts", "table_slots", "signature_indents", "signature_lines", "is_draft",
           "findings_parts", "clean", "text_width", "starts_here"]


@dataclass(frozen=True)
class Heading:
    """A section heading (一、总体情况) or the findings page's heading."""

    text: str
    number: int = 0          # the section number, 0 for the findings heading


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; its first ``subhead`` characters are a run-in 二级标题 (楷体)."""

    text: str
    subhead: int = 0


@dataclass(frozen=True)
class Slot:
    """One grid position of a table row: the cell starting there, or what covers it."""

    cell: Optional[GridCell]       # the cell that starts here, or covers it from above
    text: str = ""
    continued: bool = False        # covered by a row span from above (Word: vMerge continue)


@dataclass(frozen=True)
class TableBlock:
    """One of the form's tables, or the findings table (``table`` None, ``rows`` of texts)."""

    key: str
    rows: Tuple[Tuple[Slot, ...], ...]
    table: Optional[Table] = None


Part = Union[Heading, Paragraph, TableBlock]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters XML cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text or "")


def is_draft(findings: Sequence[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def paragraphs(text: str) -> List[Paragraph]:
    """A narrative text's paragraphs as the PDF sets them (indentation and controls gone)."""
    return [Paragraph(line, _subhead_length(line)) for line in _paragraphs(text)]


def table_slots(table: Table, values: Mapping[str, Value]) -> Tuple[Tuple[Slot, ...], ...]:
    """The table's grid, row by row, with every position accounted for (see the module doc)."""
    grid: List[List[Optional[Slot]]] = [[None] * table.grid_cols for _ in range(table.grid_rows)]
    for g in table.grid:
        text = format_value(values.get(g.cell_id)) if g.role == ROLE_DATA else g.text
        grid[g.row][g.col] = Slot(g, text)
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                if (r, c) == (g.row, g.col):
                    continue
                grid[r][c] = Slot(g, continued=(c == g.col and r > g.row))
    # Positions covered from the left (not a span's first column) carry nothing to write.
    return tuple(tuple(s for c, s in enumerate(row)
                       if s is not None and (s.continued or starts_here(s, r, c)))
                 for r, row in enumerate(grid))


def starts_here(slot: Slot, row: int, col: int) -> bool:
    return slot.cell is not None and (slot.cell.row, slot.cell.col) == (row, col)


def _text_slots(rows: Sequence[Sequence[str]]) -> Tuple[Tuple[Slot, ...], ...]:
    return tuple(tuple(Slot(GridCell(r, c, "header" if r == 0 else "label", text), text)
                       for c, text in enumerate(row)) for r, row in enumerate(rows))


def findings_parts(findings: Sequence[Finding]) -> List[Part]:
    """The findings page: heading, the summary line and a table of every open finding."""
    return [Heading(FINDINGS_TITLE), Paragraph(findings_summary(findings)),
            TableBlock("findings", _text_slots(findings_rows(findings)))]


def report_parts(report: Report) -> List[Part]:
    """The body between the title and the 落款: preamble, then each section in order."""
    values = report.snapshot()
    out: List[Part] = list(paragraphs(report.text.get("preamble", "")))
    for section in FORM.sections:
        out.append(Heading(section.title, section.number))
        if section.text_key:
            out += paragraphs(report.text.get(section.text_key, ""))
        else:
            table = FORM.table(section.table_key)
            out.append(TableBlock(table.key, table_slots(table, values), table))
    return out


def signature_lines(report: Report) -> List[str]:
    """The 落款's lines: agency, then the 成文日期 as GB/T 9704 writes it (each may be absent)."""
    return [line for line in (report.agency, chinese_date(report.date) if report.date else "") if line]


def text_width(text: str) -> float:
    """Width in characters of a body font: a CJK character is one, ASCII half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def signature_indents(report: Report, line_chars: float) -> Dict[str, float]:
    """Right indents, in characters, of the agency and the date (GB/T 9704 7.3.5.2, no seal).

    The agency stands two characters from the right; the date starts two characters
    right of the agency's first character; a date longer than that stands two characters
    from the right and the agency moves left.  The PDF applies the same rule in points.
    """
    agency = text_width(report.agency)
    date = text_width(chinese_date(report.date)) if report.date else 0.0
    if report.agency and agency + 2 > line_chars:
        return {"agency": 0.0, "date": 2.0}
    if report.agency and date:
        date_right = max(2.0, agency - date)
        return {"agency": min(date_right + date + 2 - agency, line_chars - agency),
                "date": date_right}
    return {"agency": 2.0, "date": 2.0}
