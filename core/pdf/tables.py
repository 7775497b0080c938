"""The three statistical tables (表二, 表三, 表四) as reportlab Tables.

Everything printed — labels, merged headers, where each number goes — comes
from ``FORM.table(key).grid``; this module only decides widths and styles.
Numbers are right-aligned and shown with ``format_value`` (blank stays blank,
money as entered), all in one size per table: the largest at which every
value fits its column, so that no number wraps and a row does not mix sizes.
表二 splits only between its 第二十条 blocks, 表三 between body rows.
"""
from __future__ import annotations

from typing import List, Mapping, Optional, Tuple

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from ..form import FORM, GridCell, ROLE_DATA, ROLE_HEADER, ROLE_HEADING, ROLE_LABEL, ROLE_NOTE
from ..values import Value, format_value
from .fonts import BODY
from .styles import FRAME_WIDTH, PAGE_HEIGHT, TABLE_MIN_SIZE, TABLE_SIZE, Styles

CELL_PAD = 3.0        # left/right padding inside a cell, points
HEADER_SHADE = colors.Color(0.93, 0.93, 0.93)

# Column widths as fractions of the 版心 width, for the grid columns of each
# table.  表三: three label columns (the narrow 三、本年度办理结果 column, the
# （一）…（七） column, the 1.…8. column), then seven applicant columns.
_T3_LABEL_WIDTHS = (0.06, 0.115, 0.335)
_T2_LABEL_WIDTH = 0.31


# When the numbers would have to be set smaller than this, the label columns give up
# width to the number columns (down to LABEL_MIN_SHARE of theirs; the labels wrap more).
READABLE_SIZE = 8.0
LABEL_SHARES = (1.0, 0.9, 0.8, 0.7, 0.6)
NUMBER_SIZE_STEP = 0.5


def column_widths(key: str, grid_cols: int, label_cols: int, label_share: float = 1.0) -> List[float]:
    if key == "t3":
        # The narrow 三、本年度办理结果 column holds one character a line: it never gives way.
        labels = [w * label_share if w > _T3_LABEL_WIDTHS[0] else w for w in _T3_LABEL_WIDTHS[:label_cols]]
        rest = (1 - sum(labels)) / (grid_cols - label_cols)
        fractions = labels + [rest] * (grid_cols - label_cols)
    elif key == "t2":
        rest = (1 - _T2_LABEL_WIDTH * label_share) / (grid_cols - 1)
        fractions = [_T2_LABEL_WIDTH * label_share] + [rest] * (grid_cols - 1)
    else:
        fractions = [1 / grid_cols] * grid_cols
    return [f * FRAME_WIDTH for f in fractions]


def _fitting_size(spec, widths: List[float], values: Mapping[str, Value], styles: Styles) -> float:
    """The largest size (up to 五号) at which every value of the table fits its column."""
    size = TABLE_SIZE
    for g in spec.grid:
        if g.role != ROLE_DATA:
            continue
        text = format_value(values.get(g.cell_id))
        if not text:
            continue
        available = sum(widths[g.col:g.col + g.colspan]) - 2 * CELL_PAD
        at_one = styles.fonts.width(text, BODY, 1.0)
        if at_one * size > available:
            size = max(TABLE_MIN_SIZE, int(available / at_one / NUMBER_SIZE_STEP) * NUMBER_SIZE_STEP)
    return size


def table_layout(key: str, values: Mapping[str, Value], styles: Styles) -> Tuple[List[float], float]:
    """Column widths and the one size of a table's numbers: the largest at which every value
    fits on one line, so that numbers never wrap nor differ in size from cell to cell.  Very
    long numbers first take width from the label columns."""
    spec = FORM.table(key)
    best = None
    for share in LABEL_SHARES if spec.label_cols else (1.0,):
        widths = column_widths(key, spec.grid_cols, spec.label_cols, share)
        size = _fitting_size(spec, widths, values, styles)
        if best is None or size > best[1]:
            best = (widths, size)
        if size >= READABLE_SIZE:
            break
    return best


def _number_cell(text: str, size: float, styles: Styles) -> Paragraph:
    """A right-aligned number in the table's number size."""
    style = styles.table_number
    if size != TABLE_SIZE:
        style = style.clone("table_number_small", fontSize=size, leading=size * 1.25)
    return Paragraph(styles.fonts.markup(text, BODY), style)


def _block_starts(key: str) -> Tuple[int, ...]:
    """Grid rows a table may be split before: 表二 only between its 第二十条 blocks
    (a block's heading stays with its column header and rows), the others at any body row."""
    spec = FORM.table(key)
    if key != "t2":
        return tuple(range(spec.header_rows + 1, spec.grid_rows))
    return tuple(g.row for g in spec.grid if g.role == ROLE_HEADING and g.col == 0 and g.row > 0)


class FormTable(Table):
    """One of the form's tables, or a run of its body rows, that splits at row boundaries.

    reportlab will not split a table inside a row span, and 表三's
    三、本年度办理结果 spans 22 rows; so a split rebuilds the two parts from the
    grid, each with the header rows repeated and each spanning label clipped
    to the part (a continued group shows its label again, which a reader of
    the second page needs anyway).
    """
    MIN_BODY_ROWS = 4  # fewer rows than this at a page's foot or head: split elsewhere

    def __init__(self, key: str, values: Mapping[str, Value], styles: Styles,
                 start: int, stop: int, layout: Optional[Tuple[List[float], float]] = None):
        self.form_key, self.values, self.styles, self.start, self.stop = key, values, styles, start, stop
        self.layout = table_layout(key, values, styles) if layout is None else layout
        self.number_size = self.layout[1]
        spec = FORM.table(key)
        data, commands, widths = _layout(spec, values, styles, start, stop, self.layout)
        super().__init__(data, colWidths=widths, repeatRows=spec.header_rows or 0,
                         style=TableStyle(commands), hAlign="CENTER")

    def _part(self, start: int, stop: int) -> "FormTable":
        return FormTable(self.form_key, self.values, self.styles, start, stop, self.layout)

    def _cuts(self) -> List[int]:
        """Body row counts the first part of a split may have, largest first: each part keeps
        at least MIN_BODY_ROWS rows (a clipped spanning label makes a shorter part tall)."""
        least = 1 if self.form_key == "t2" else self.MIN_BODY_ROWS
        return sorted((row - self.start for row in _block_starts(self.form_key)
                       if row - self.start >= least and self.stop - row >= least), reverse=True)

    def first_part_height(self, width: float) -> float:
        """The height of the smallest first part a split can leave (the whole table if none):
        what must fit below the section heading for the table to start on this page."""
        cuts = self._cuts()
        part = self._part(self.start, self.start + cuts[-1]) if cuts else self
        return part.wrap(width, PAGE_HEIGHT)[1]

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
        for body in self._cuts():
            if body > fits - header:
                continue
            first = self._part(self.start, self.start + body)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, self._part(self.start + body, self.stop)]
            # a clipped label made the first part taller: try the next cut
        return []


def _clip(g: GridCell, header: int, start: int, stop: int) -> Optional[GridCell]:
    """``g`` as it appears in the part holding body rows start..stop (grid rows), or None."""
    if g.row < header:
        return g
    top, bottom = max(g.row, start), min(g.row + g.rowspan, stop)
    if top >= bottom:
        return None
    return GridCell(header + top - start, g.col, g.role, g.text, g.cell_id, bottom - top, g.colspan)


def _layout(spec, values: Mapping[str, Value], styles: Styles, start: int, stop: int, layout):
    widths, size = layout
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
        if g.role == ROLE_DATA:
            text = format_value(values.get(g.cell_id))
            data[g.row][g.col] = _number_cell(text, size, styles) if text else ""
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
