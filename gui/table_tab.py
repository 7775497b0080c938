"""A table's tab: the official grid sized to the window, its merged column headers kept in view.

The columns share the tab's width so that no table needs a horizontal scroll
bar on a 1366-pixel screen; rows grow to fit their wrapped labels.  For 表三,
whose 25 rows scroll, a second view of the same model shows the header rows
frozen above the body.
"""
from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QVBoxLayout, QWidget

from nianbao.core.form import FORM, ROLE_DATA, GridCell, Section

from .table_model import ReportTableModel
from .table_view import GridView

# Column widths (px at the default font) that keep every table within a 1366-px screen.
_DATA_WIDTH = {"t2": (120, 190), "t3": (64, 100), "t4": (56, 92)}
_LABEL_WEIGHTS = {"t2": (1.0,), "t3": (0.8, 1.25, 2.6)}
# On a wide screen the labels stay near their numbers: the table keeps its width, the rest is margin.
_LABEL_MAX = {"t2": 300, "t3": 560}
MIN_ROW_HEIGHT = 28


def section_heading(section: Section, parent: QWidget) -> QLabel:
    """The page heading: the section's full title (the tab shows a short one), and the body's longer title."""
    suffix = f"（{section.body_title}）" if section.body_title != section.short_title else ""
    label = QLabel(f"<b>{section.title}</b>{suffix}", parent)
    label.setWordWrap(True)
    return label


class TableTab(QWidget):
    """A table's tab: the frozen column headers above the scrolling body."""

    notice = Signal(str, list)
    hint = Signal(str)
    entry = Signal(str, bool)

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        table = model.table
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(0)
        heading = section_heading(FORM.section(table.section), self)
        heading.setContentsMargins(2, 0, 0, 4)
        layout.addWidget(heading)
        self.header: Optional[GridView] = None
        if table.header_rows and table.grid_rows > table.header_rows + 1:
            self.header = GridView(model, self)
            self.header.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            self.header.setSelectionMode(QAbstractItemView.NoSelection)
            self.header.setFocusPolicy(Qt.NoFocus)
            self.header.setFrameShape(QFrame.NoFrame)
            for r in range(table.header_rows, table.grid_rows):
                self.header.setRowHidden(r, True)
            layout.addWidget(self.header)
        self.body = GridView(model, self)
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn if self.header else Qt.ScrollBarAsNeeded)
        if self.header:
            for r in range(table.header_rows):
                self.body.setRowHidden(r, True)
            self.body.setFrameShape(QFrame.NoFrame)
            self.setStyleSheet("TableTab { border: 1px solid #9aa5b1; }")
        layout.addWidget(self.body, 1)
        for view in (self.body,):
            view.notice.connect(self.notice)
            view.hint.connect(self.hint)
            view.entry.connect(self.entry)
        first = self.body.next_entry(GridCell(-1, 0, ROLE_DATA))
        if first:
            self.body.setCurrentIndex(model.index(first.row, first.col))

    def focus_entry(self) -> None:
        """The keyboard into the grid, at the cell it had last time (at first: the first to fill in)."""
        self.body.setFocus(Qt.OtherFocusReason)
        self.body.scrollTo(self.body.currentIndex())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Column widths that fill the tab without a horizontal scroll bar; rows tall enough to wrap."""
        table = self.model.table
        scrollbar = self.body.verticalScrollBar().sizeHint().width()
        available = max(200, self.width() - 14 - scrollbar)
        n_data = table.grid_cols - table.label_cols
        low, high = _DATA_WIDTH[table.key]
        weights = _LABEL_WEIGHTS.get(table.key, ())
        label_space = 0 if not weights else min(_LABEL_MAX.get(table.key, 10 ** 6), available - n_data * low)
        data_width = max(low, min(high, (available - label_space) // max(1, n_data)))
        if weights:
            label_space = min(_LABEL_MAX.get(table.key, 10 ** 6), available - data_width * n_data)
        widths = [int(label_space * w / sum(weights)) for w in weights] + [data_width] * n_data
        views = [v for v in (self.header, self.body) if v is not None]
        for view in views:
            for col, w in enumerate(widths):
                view.setColumnWidth(col, w)
        self._fit_rows(widths, views)

    def _fit_rows(self, widths: List[int], views: List[GridView]) -> None:
        metrics = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        table = self.model.table
        heights = [MIN_ROW_HEIGHT] * table.grid_rows
        for g in table.grid:
            if g.role == ROLE_DATA or not g.text:
                continue
            width = sum(widths[g.col:g.col + g.colspan]) - 8
            fm = bold_metrics if g.role in ("heading", "header") else metrics
            need = fm.boundingRect(QRect(0, 0, max(20, width), 10000), Qt.TextWordWrap, g.text).height() + 8
            per_row = -(-need // g.rowspan)
            for r in range(g.row, g.row + g.rowspan):
                heights[r] = max(heights[r], per_row)
        for view in views:
            for r, h in enumerate(heights):
                view.setRowHeight(r, h)
        if self.header:
            self.header.setFixedHeight(sum(heights[:table.header_rows]) + 1)
            self.header.setViewportMargins(0, 0, self.body.verticalScrollBar().sizeHint().width(), 0)
