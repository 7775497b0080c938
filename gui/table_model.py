"""One table model for all three tables of the form, driven by ``Table.grid``.

The model's rows and columns are the official printed grid: headings, merged
column headers and row labels are cells of the grid (merges are reported by
``spans`` for the view's ``setSpan``), data cells carry a cell id.  Values are
read from the document's snapshot and written through ``ReportDocument.set_cells``;
the colours come from the document's findings.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from nianbao.core.checks import ERROR, WARNING, SEVERITY_LABEL, cell_label
from nianbao.core.form import FORM, ROLE_DATA, ROLE_HEADER, ROLE_HEADING, ROLE_NOTE, GridCell, Table
from nianbao.core.values import Value, format_value, is_valid, read_entry

# Roles as plain ints: data() runs for every role of every visible cell, and comparing
# against PySide's enum members costs microseconds each.
CELL_ID_ROLE = int(Qt.UserRole) + 1
GRID_ROLE = int(Qt.UserRole) + 2
DISPLAY, EDIT, BACKGROUND, FOREGROUND, ALIGNMENT, TOOLTIP, FONT, ACCESSIBLE = (
    int(r) for r in (Qt.DisplayRole, Qt.EditRole, Qt.BackgroundRole, Qt.ForegroundRole,
                     Qt.TextAlignmentRole, Qt.ToolTipRole, Qt.FontRole, Qt.AccessibleTextRole))

# Colours a clerk can tell apart on a cheap monitor, and that print the meaning in the tooltip too.
COLOR_HEADER = QColor("#e8edf3")
COLOR_COMPUTED = QColor("#e4e4e4")
COLOR_BLANK = QColor("#fff6d5")
COLOR_CARRIED = QColor("#dcebff")
COLOR_ERROR = QColor("#f6b9b9")
COLOR_WARNING = QColor("#fde3a7")
COLOR_INVALID_TEXT = QColor("#b00020")
COLOR_COMPUTED_TEXT = QColor("#333333")
# Up to this many changed cells are announced one by one (each view repaints just them);
# more (fill blanks with 0, a new report) as one rectangle.
_CELL_BY_CELL = 40
BRUSH_HEADER, BRUSH_COMPUTED, BRUSH_BLANK, BRUSH_CARRIED, BRUSH_ERROR, BRUSH_WARNING = (
    QBrush(c) for c in (COLOR_HEADER, COLOR_COMPUTED, COLOR_BLANK, COLOR_CARRIED, COLOR_ERROR, COLOR_WARNING))
BRUSH_INVALID_TEXT, BRUSH_COMPUTED_TEXT = QBrush(COLOR_INVALID_TEXT), QBrush(COLOR_COMPUTED_TEXT)
FLAGS_LABEL = Qt.ItemIsEnabled
FLAGS_TOTAL = Qt.ItemIsEnabled | Qt.ItemIsSelectable
FLAGS_INPUT = FLAGS_TOTAL | Qt.ItemIsEditable
ALIGN_NUMBER = int(Qt.AlignRight | Qt.AlignVCenter)
ALIGN_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)

CARRIED_FROM_ROW = "carried_out"   # last year's 四、结转下年度继续办理 …
CARRIED_TO_ROW = "carried_in"      # … is this year's 二、上年结转


def parse_cell_input(cell_id: str, text: str) -> Tuple[Value, Optional[str], Optional[str]]:
    """Typed or pasted text → (value, refusal, note) by the core's one rule, the cell named in both."""
    value, refusal, note = read_entry(FORM.cells[cell_id].kind, text)
    label = cell_label(cell_id)
    return (value, refusal and f"{label}：{refusal}", note and f"{label}：{note}")


def total_refusal(cell_id: str) -> str:
    """Why typing into a computed total does nothing."""
    return f"{cell_label(cell_id)} 是合计，合计自动计算，不能直接填写"


class ReportTableModel(QAbstractTableModel):
    entry = Signal(str, bool)          # what became of a typed value: (message, refused)

    def __init__(self, table: Table, document, parent=None):
        super().__init__(parent)
        self.table = table
        self.document = document
        self._anchor: Dict[Tuple[int, int], GridCell] = {(g.row, g.col): g for g in table.grid}
        self._cover: Dict[Tuple[int, int], GridCell] = {}
        for g in table.grid:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    self._cover[(r, c)] = g
        self._data_ids = {(g.row, g.col): g.cell_id for g in table.grid if g.cell_id}
        self._labels = {(g.row, g.col): self._label_roles(g) for g in table.grid if not g.cell_id}
        self._flags = {(g.row, g.col): self._flags_for(g) for g in table.grid}
        self._styles: Dict[str, tuple] = {}
        self._cell_findings: Dict[str, list] = {}
        self._index_cell_findings()
        document.cellsChanged.connect(self._on_cells_changed)
        document.findingsChanged.connect(self._on_findings_changed)

    # -- geometry ----------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.grid_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.grid_cols

    def spans(self) -> List[GridCell]:
        return [g for g in self.table.grid if g.rowspan > 1 or g.colspan > 1]

    def grid_cell(self, row: int, col: int) -> Optional[GridCell]:
        """The grid cell covering (row, col), merged or not."""
        return self._cover.get((row, col))

    def index_of(self, cell_id: str) -> QModelIndex:
        row, col = self.table.data_positions[cell_id]
        return self.index(row, col)

    def cell_id(self, index: QModelIndex) -> Optional[str]:
        g = self._anchor.get((index.row(), index.column()))
        return g.cell_id if g is not None else None

    def is_editable(self, cell_id: Optional[str]) -> bool:
        return cell_id is not None and not FORM.cells[cell_id].computed

    def _flags_for(self, g: GridCell):
        if g.role != ROLE_DATA:
            return FLAGS_LABEL
        return FLAGS_INPUT if self.is_editable(g.cell_id) else FLAGS_TOTAL

    # -- data --------------------------------------------------------------

    def flags(self, index: QModelIndex):
        return self._flags.get((index.row(), index.column()), Qt.NoItemFlags)

    def data(self, index: QModelIndex, role=DISPLAY):
        # Called for every role of every visible cell at each repaint: kept to dictionary look-ups.
        key = (index.row(), index.column())
        cid = self._data_ids.get(key)
        if cid is None:
            roles = self._labels.get(key)
            return roles.get(role) if roles is not None else None
        if role == DISPLAY or role == EDIT:
            return format_value(self.document.snapshot[cid])
        if role == BACKGROUND or role == FOREGROUND:
            style = self._styles.get(cid)
            if style is None:
                style = self._styles[cid] = self._style(cid)
            return style[0] if role == BACKGROUND else style[1]
        if role == ALIGNMENT:
            return ALIGN_NUMBER
        if role == CELL_ID_ROLE:
            return cid
        if role == GRID_ROLE:
            return self._anchor[key]
        if role == TOOLTIP:
            return self._tooltip(cid, self.document.snapshot[cid])
        if role == ACCESSIBLE:
            return f"{cell_label(cid)}：{format_value(self.document.snapshot[cid]) or '空白'}"
        return None

    def _label_roles(self, g: GridCell) -> Dict[int, object]:
        if g.role in (ROLE_HEADING, ROLE_NOTE):
            align = ALIGN_LEFT
        elif g.role == ROLE_HEADER:
            align = int(Qt.AlignCenter)
        else:
            # A label spanning many rows is read at its top, where its rows begin.
            align = int(Qt.AlignLeft | (Qt.AlignTop if g.rowspan > 3 else Qt.AlignVCenter))
        roles = {DISPLAY: g.text, ALIGNMENT: align,
                 BACKGROUND: BRUSH_HEADER, GRID_ROLE: g}
        if len(g.text) > 12:
            roles[TOOLTIP] = g.text
        if g.role in (ROLE_HEADING, ROLE_HEADER):
            font = QFont()
            font.setBold(True)
            roles[FONT] = font
        return roles

    def _style(self, cid: str):
        """(background, foreground) of a data cell, from its value and its findings."""
        value = self.document.snapshot[cid]
        cell = FORM.cells[cid]
        foreground = None
        if value is not None and not is_valid(cell.kind, value):
            foreground = BRUSH_INVALID_TEXT
        elif cell.computed:
            foreground = BRUSH_COMPUTED_TEXT
        return self._background(cid, value), foreground

    def _background(self, cid: str, value: Value):
        severities = {f.severity for f in self._cell_findings.get(cid, ())}
        if ERROR in severities:
            return BRUSH_ERROR
        if value is None and not FORM.cells[cid].computed:
            # A blank cell looks blank (its warning says no more than that), never like a zero.
            return BRUSH_BLANK
        if WARNING in severities:
            return BRUSH_WARNING
        if FORM.cells[cid].computed:
            return BRUSH_COMPUTED
        if self.carried_source(cid) is not None:
            return BRUSH_CARRIED
        return None

    def carried_source(self, cid: str) -> Optional[str]:
        """For a 二、上年结转 cell carried from last year's report: where it came from."""
        last = self.document.report.last_year
        cell = FORM.cells[cid]
        if last is None or cell.table != "t3" or cell.row.key != CARRIED_TO_ROW or cell.computed:
            return None
        source = self.table.cell_at(CARRIED_FROM_ROW, cell.column.key)
        if last.get(source.id) != self.document.snapshot[cid]:
            return None
        return f"来自{last.year}年报 {source.row.label}"

    def _tooltip(self, cid: str, value: Value) -> str:
        cell = FORM.cells[cid]
        lines = [cell_label(cid)]
        if cell.computed:
            lines.append("合计，由程序自动相加，不能直接填写"
                         if not self.document.report.is_stated_total(cid)
                         else "合计（按来源文件所填，与各项之和不符）")
        elif value is None:
            lines.append("空白（尚未填写；没有的请填 0）")
        carried = self.carried_source(cid)
        if carried:
            lines.append(carried)
        for f in self._cell_findings.get(cid, ()):
            lines.append(f"【{SEVERITY_LABEL[f.severity]}】{f.message}")
        return "\n".join(lines)

    def status_text(self, cid: str) -> str:
        """One line about a cell for the status bar: where it is and its first finding."""
        findings = self._cell_findings.get(cid)
        if findings:
            return f"{cell_label(cid)} — 【{SEVERITY_LABEL[findings[0].severity]}】{findings[0].message}"
        carried = self.carried_source(cid)
        return f"{cell_label(cid)}（{carried}）" if carried else cell_label(cid)

    def setData(self, index: QModelIndex, value, role=EDIT) -> bool:
        cid = self.cell_id(index)
        if role != EDIT or not self.is_editable(cid):
            return False
        parsed, refusal, note = parse_cell_input(cid, "" if value is None else str(value))
        if refusal:
            self.entry.emit(refusal, True)
            return False
        self.document.set_cells({cid: parsed}, f"填写 {cell_label(cid)}")
        if note:
            self.entry.emit(note, False)
        return True

    # -- updates -----------------------------------------------------------

    def _on_cells_changed(self, ids: List[str]) -> None:
        for cid in ids:
            self._styles.pop(cid, None)
        positions = [self.table.data_positions[c] for c in ids if c in self.table.data_positions]
        if not positions:
            return
        if len(positions) > _CELL_BY_CELL:
            rows = [p[0] for p in positions]
            cols = [p[1] for p in positions]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))
            return
        # Cell by cell: a view repaints just these cells, not the rectangle around a cell and
        # its totals (most of the grid, which cost a keystroke some 90 cell paints).
        for row, col in positions:
            index = self.index(row, col)
            self.dataChanged.emit(index, index)

    def _index_cell_findings(self) -> None:
        index: Dict[str, list] = {}
        for f in self.document.findings:
            for cid in f.cells:
                if cid in self.table.data_positions:
                    index.setdefault(cid, []).append(f)
        self._cell_findings = index

    def _on_findings_changed(self) -> None:
        before = self._cell_findings
        self._index_cell_findings()
        touched = set(before) | set(self._cell_findings)
        changed = [c for c in touched if before.get(c) != self._cell_findings.get(c)]
        self._on_cells_changed(changed)

    def findings_for(self, cid: str) -> list:
        return list(self._cell_findings.get(cid, ()))
