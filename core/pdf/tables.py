"""The three statistical tables (表二, 表三, 表四) as reportlab Tables.

Everything printed — labels, merged headers, where each number goes — comes
from ``FORM.table(key).grid``; this module only decides widths and styles.
Numbers are right-aligned and shown with ``format_value`` (blank stays blank,
money as entered); a number too long for its column is set smaller rather
than wrapped, so that it stays one readable figure.
"""
from __future__ import annotations

from typing import List, Mapping, Optional

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from ..form import FORM, GridCell, ROLE_DATA, ROLE_HEADER, ROLE_HEADING, ROLE_LABEL, ROLE_NOTE
from ..values import Value, format_value
from .fonts import BODY
from .styles import FRAME_WIDTH, TABLE_MIN_SIZE, TABLE_SIZE, Styles

CELL_PAD = 3.0        # left/right padding inside a cell, points
HEADER_SHADE = colors.Color(0.93, 0.93, 0.93)

# Column widths as fractions of the 版心 width, for the grid columns of each
# table.  表三: three label columns (the narrow 三、本年度办理结果 column, the
# （一）…（七） column, the 1.…8. column), then seven applicant columns.
_T3_LABEL_WIDTHS = (0.06, 0.115, 0.335)
_T2_LABEL_WIDTH = 0.31


def column_widths(key: str, grid_cols: int, label_cols: int) -> List[float]:
    if key == "t3":
        labels = list(_T3_LABEL_WIDTHS[:label_cols])
        rest = (1 - sum(labels)) / (grid_cols - label_cols)
        fractions = labels + [rest] * (grid_cols - label_cols)
    elif key == "t2":
        rest = (1 - _T2_LABEL_WIDTH) / (grid_cols - 1)
        fractions = [_T2_LABEL_WIDTH] + [rest] * (grid_cols - 1)
    else:
        fractions = [1 / grid_cols] * grid_cols
    return [f * FRAME_WIDTH for f in fractions]


def _number_cell(text: str, width: float, styles: Styles) -> Paragraph:
    """A right-aligned number, shrunk until it fits its column on one line."""
    fonts, style = styles.fonts, styles.table_number
    available = width - 2 * CELL_PAD
    size = TABLE_SIZE
    while size > TABLE_MIN_SIZE and fonts.width(text, BODY, size) > available:
        size -= 0.5
    if size != TABLE_SIZE:
        style = style.clone("table_number_small", fontSize=size, leading=size * 1.25)
    return Paragraph(fonts.markup(text, BODY), style)


class FormTable(Table):
    """One of the form's tables, or a run of its body rows, that splits at row boundaries.

    reportlab will not split a table inside a row span, and 表三's
    三、本年度办理结果 spans 22 rows; so a split rebuilds the two parts from the
    grid, each with the header rows repeated and each spanning label clipped
    to the part (a continued group shows its label again, which a reader of
    the second page needs anyway).
    """
    MIN_BODY_ROWS = 4  # fewer rows than this at a page's foot: move the table instead

    def __init__(self, key: str, values: Mapping[str, Value], styles: Styles,
                 start: int, stop: int):
        self.form_key, self.values, self.styles, self.start, self.stop = key, values, styles, start, stop
        spec = FORM.table(key)
        data, commands, widths = _layout(spec, values, styles, start, stop)
        super().__init__(data, colWidths=widths, repeatRows=spec.header_rows or 0,
                         style=TableStyle(commands), hAlign="CENTER")

    def _part(self, start: int, stop: int) -> "FormTable":
        return FormTable(self.form_key, self.values, self.styles, start, stop)

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        header = FORM.table(self.form_key).header_rows
        heights = self._rowHeights
        used, fits = 0.0, 0
        for i, h in enumerate(heights):
            if used + h > availHeight:
                break
            used += h
            fits = i + 1
        if fits >= len(heights):
            return [self]
        body = fits - header
        while body >= self.MIN_BODY_ROWS and self.stop - self.start - body >= 1:
            first = self._part(self.start, self.start + body)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, self._part(self.start + body, self.stop)]
            body -= 1  # a clipped label made the first part taller: one row fewer
        return []


def _clip(g: GridCell, header: int, start: int, stop: int) -> Optional[GridCell]:
    """``g`` as it appears in the part holding body rows start..stop (grid rows), or None."""
    if g.row < header:
        return g
    top, bottom = max(g.row, start), min(g.row + g.rowspan, stop)
    if top >= bottom:
        return None
    return GridCell(header + top - start, g.col, g.role, g.text, g.cell_id, bottom - top, g.colspan)


def _layout(spec, values: Mapping[str, Value], styles: Styles, start: int, stop: int):
    widths = column_widths(spec.key, spec.grid_cols, spec.label_cols)
    fonts = styles.fonts
    header = spec.header_rows
    rows = header + stop - start
    data: List[List[object]] = [["" for _ in range(spec.grid_cols)] for _ in range(rows)]
    commands: List[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # Empty cells are drawn as strings in the style's font: the default
        # Helvetica would be referenced, unembedded.
        ("FONTNAME", (0, 0), (-1, -1), fonts.name(BODY)),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for original in spec.grid:
        g = _clip(original, header, start, stop)
        if g is None:
            continue
        span_width = sum(widths[g.col:g.col + g.colspan])
        if g.role == ROLE_DATA:
            text = format_value(values.get(g.cell_id))
            data[g.row][g.col] = _number_cell(text, span_width, styles) if text else ""
        else:
            style = styles.table if g.role == ROLE_LABEL else styles.table_centre
            data[g.row][g.col] = Paragraph(fonts.markup(g.text, BODY), style)
        last = (g.col + g.colspan - 1, g.row + g.rowspan - 1)
        if g.role in (ROLE_HEADER, ROLE_HEADING, ROLE_NOTE):
            commands.append(("BACKGROUND", (g.col, g.row), last, HEADER_SHADE))
        if g.rowspan > 1 or g.colspan > 1:
            commands.append(("SPAN", (g.col, g.row), last))
    return data, commands, widths


def build_table(key: str, values: Mapping[str, Value], styles: Styles) -> FormTable:
    """The table ``key`` of FORM filled with ``values`` (a report snapshot)."""
    spec = FORM.table(key)
    return FormTable(key, values, styles, spec.header_rows, spec.grid_rows)
