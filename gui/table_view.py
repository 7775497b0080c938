"""The grid of one official table, with the habits of a spreadsheet.

Enter moves down and Tab moves right (to the next cell the clerk fills in),
typing replaces, Delete clears, Ctrl+C/Ctrl+V copy and paste tab-separated
blocks to and from Excel/WPS.  Every change goes to the document as one
undoable step; while a cell is typed, the totals and findings follow each
keystroke and the whole entry stays one step.
"""
from __future__ import annotations

import itertools
from typing import Dict, List, Optional, Sequence

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QApplication, QHeaderView, QLineEdit,
                               QStyledItemDelegate, QTableView)

from nianbao.core.checks import cell_label
from nianbao.core.form import FORM, ROLE_DATA, GridCell
from nianbao.core.values import format_value

from .table_model import CELL_ID_ROLE, ReportTableModel, parse_cell_input, total_refusal

DOWN, UP, RIGHT, LEFT = (1, 0), (-1, 0), (0, 1), (0, -1)
_EDIT_SESSIONS = itertools.count(1)
REFUSED_STYLE = "color: #b00020;"
REDO_Y = Qt.ControlModifier | Qt.Key_Y
BLANK_MARK_COLOR = QColor("#b59a55")


class CellDelegate(QStyledItemDelegate):
    """A line editor for a cell; Enter and Tab commit and move like in a spreadsheet."""

    def __init__(self, view: "GridView"):
        super().__init__(view)
        self._view = view
        self._sessions: Dict[QLineEdit, tuple] = {}   # editor → (cell id, session, value before)

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        cid = index.data(CELL_ID_ROLE)
        session = next(_EDIT_SESSIONS)
        self._sessions[editor] = (cid, session, self._view.document.snapshot[cid])
        # Totals and findings follow every keystroke, not only the confirmed entry.
        editor.textEdited.connect(lambda text: self._live(editor, text))
        return editor

    def _live(self, editor: QLineEdit, text: str) -> None:
        """Each keystroke: the value by the core's rule, or the cell back to its value and why."""
        cid, session, before = self._sessions[editor]
        value, refusal, _note = parse_cell_input(cid, text)
        if refusal is not None and text.strip() and parse_cell_input(cid, text + "000")[1] is None:
            return     # a number not finished yet ("12.", "1,"): judged at the next key, or on Enter
        if refusal is None:
            editor.setStyleSheet("")
            self._view.document.set_cells({cid: value}, f"填写 {cell_label(cid)}", session=session)
            self._view.entry.emit("", False)
        else:
            editor.setStyleSheet(REFUSED_STYLE)
            self._revert(editor)
            self._view.entry.emit(refusal, True)

    def _revert(self, editor) -> None:
        cid, session, before = self._sessions[editor]
        self._view.document.set_cells({cid: before}, f"填写 {cell_label(cid)}", session=session)

    def destroyEditor(self, editor, index):
        self._sessions.pop(editor, None)
        super().destroyEditor(editor, index)

    def paint(self, painter, option, index):
        super().paint(painter, option, index)
        cid = index.data(CELL_ID_ROLE)
        if cid and not FORM.cells[cid].computed and self._view.document.snapshot[cid] is None:
            # Blank is not zero: say so in the cell itself, whatever its colour.
            painter.save()
            painter.setPen(BLANK_MARK_COLOR)
            painter.drawText(option.rect.adjusted(4, 0, -6, 0), Qt.AlignRight | Qt.AlignVCenter, "空")
            painter.restore()

    def setEditorData(self, editor, index):
        if not editor.isModified():   # never overwrite what the clerk is typing
            editor.setText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor, model, index):
        if editor in self._sessions and parse_cell_input(self._sessions[editor][0], editor.text())[1]:
            self._revert(editor)       # refused: the cell keeps the value it had (and the model says why)
        model.setData(index, editor.text(), Qt.EditRole)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape and editor in self._sessions:
            self._revert(editor)
        if event.type() == QEvent.KeyPress and event.key() in (
                Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab):
            key = event.key()
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.NoHint)
            self._view.move_after_entry(key, event.modifiers())
            return True
        return super().eventFilter(editor, event)


class GridView(QTableView):
    notice = Signal(str, list)      # title, lines: what a paste refused
    entry = Signal(str, bool)       # what became of what was typed: (message, refused); "" clears
    hint = Signal(str)              # a one-line status message

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.grid_model = model           # before setModel: currentChanged already asks for it
        self.document = model.document
        self.setModel(model)
        for g in model.spans():
            self.setSpan(g.row, g.col, g.rowspan, g.colspan)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                             | QAbstractItemView.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setTabKeyNavigation(False)
        self.setStyleSheet("QTableView { gridline-color: #9aa5b1; }"
                           "QTableView::item:selected { background: #2f6fb3; color: white; }")
        model.entry.connect(self.entry)
        self.document.findingsChanged.connect(self._refresh_status)

    # -- navigation ----------------------------------------------------------

    def anchor(self, index: QModelIndex) -> Optional[GridCell]:
        return self.grid_model.grid_cell(index.row(), index.column()) if index.isValid() else None

    def step(self, g: GridCell, direction, editable_only: bool) -> Optional[GridCell]:
        """The next data cell from ``g`` in a direction, skipping labels (and totals if asked)."""
        dr, dc = direction
        m = self.grid_model
        r, c = g.row, g.col
        while True:
            if dr > 0:
                r = (m.grid_cell(r, c).row + m.grid_cell(r, c).rowspan) if m.grid_cell(r, c) else r + 1
            elif dr < 0:
                r = (m.grid_cell(r, c).row - 1) if m.grid_cell(r, c) else r - 1
            elif dc > 0:
                c = (m.grid_cell(r, c).col + m.grid_cell(r, c).colspan) if m.grid_cell(r, c) else c + 1
            else:
                c = (m.grid_cell(r, c).col - 1) if m.grid_cell(r, c) else c - 1
            if not (0 <= r < m.rowCount() and 0 <= c < m.columnCount()):
                return None
            cover = m.grid_cell(r, c)
            if cover is None or cover.role != ROLE_DATA or self.isRowHidden(cover.row):
                continue
            if editable_only and not m.is_editable(cover.cell_id):
                continue
            return cover

    def next_entry(self, g: GridCell, backwards: bool = False) -> Optional[GridCell]:
        """Tab order: the next cell to fill in, along the row and then on the next rows."""
        found = self.step(g, LEFT if backwards else RIGHT, True)
        if found:
            return found
        m = self.grid_model
        rows = range(g.row - 1, -1, -1) if backwards else range(g.row + g.rowspan, m.rowCount())
        cols = range(m.columnCount() - 1, -1, -1) if backwards else range(m.columnCount())
        for r in rows:
            for c in cols:
                cover = m.grid_cell(r, c)
                if (cover and cover.row == r and cover.role == ROLE_DATA and not self.isRowHidden(r)
                        and m.is_editable(cover.cell_id)):
                    return cover
        return None

    def moveCursor(self, action, modifiers):
        g = self.anchor(self.currentIndex())
        if g is None or g.role != ROLE_DATA:
            return super().moveCursor(action, modifiers)
        target = {
            QAbstractItemView.MoveDown: lambda: self.step(g, DOWN, False),
            QAbstractItemView.MoveUp: lambda: self.step(g, UP, False),
            QAbstractItemView.MoveRight: lambda: self.step(g, RIGHT, False),
            QAbstractItemView.MoveLeft: lambda: self.step(g, LEFT, False),
            QAbstractItemView.MoveNext: lambda: self.next_entry(g),
            QAbstractItemView.MovePrevious: lambda: self.next_entry(g, backwards=True),
        }.get(action)
        if target is None:
            return super().moveCursor(action, modifiers)
        found = target()
        return self.model().index(found.row, found.col) if found else self.currentIndex()

    def move_after_entry(self, key, modifiers=Qt.NoModifier) -> None:
        g = self.anchor(self.currentIndex())
        if g is None:
            return
        if key in (Qt.Key_Return, Qt.Key_Enter):
            found = self.step(g, UP if modifiers & Qt.ShiftModifier else DOWN, True)
        else:
            found = self.next_entry(g, backwards=key == Qt.Key_Backtab
                                    or bool(modifiers & Qt.ShiftModifier))
        if found:
            self.setCurrentIndex(self.model().index(found.row, found.col))
        self.setFocus()   # back from the closed editor, so that typing goes on in the grid

    def keyPressEvent(self, event):
        key = event.key()
        if event.matches(QKeySequence.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.Undo):
            self.document.undo_stack.undo()
        elif event.matches(QKeySequence.Redo) or event.keyCombination() == REDO_Y:
            self.document.undo_stack.redo()
        elif event.matches(QKeySequence.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
        elif self._typed_into_total(event):
            self.entry.emit(total_refusal(self.grid_model.cell_id(self.currentIndex())), True)
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and self.state() != QAbstractItemView.EditingState:
            self.clear_selection()
        elif key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab) \
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier) \
                and self.state() != QAbstractItemView.EditingState:
            self.move_after_entry(key, event.modifiers())
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event):
        focus = QApplication.focusWidget()
        if focus is not None and self.viewport().isAncestorOf(focus):
            # Into this view's own cell editor (the first digit typed): the editor covers the
            # current cell and no other cell changes its look, so the whole grid is not repainted
            # (QAbstractItemView's way: some 90 cell paints in the keystroke).
            QAbstractScrollArea.focusOutEvent(self, event)
        else:
            super().focusOutEvent(event)

    def _typed_into_total(self, event) -> bool:
        text = event.text()
        if (self.state() == QAbstractItemView.EditingState or not text or not text.isprintable()
                or event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            return False
        cid = self.grid_model.cell_id(self.currentIndex())
        return cid is not None and FORM.cells[cid].computed

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab moves to the next cell to fill in, as in a spreadsheet, instead of leaving the grid.
        if self.selectionMode() == QAbstractItemView.NoSelection:
            return super().focusNextPrevChild(forward)
        self.move_after_entry(Qt.Key_Tab if forward else Qt.Key_Backtab)
        return True

    def currentChanged(self, current, previous):
        super().currentChanged(current, previous)
        cid = self.grid_model.cell_id(current)
        if cid:
            # What the mouse reads in a tooltip, the keyboard reads in the status bar.
            self.hint.emit(self.grid_model.status_text(cid))

    def _refresh_status(self) -> None:
        # Keep the status line about the cell being typed in up to date with the findings.
        if self.isVisible() and (self.hasFocus() or self.state() == QAbstractItemView.EditingState):
            cid = self.grid_model.cell_id(self.currentIndex())
            if cid:
                self.hint.emit(self.grid_model.status_text(cid))

    # -- selection -------------------------------------------------------------

    def selected_cell_ids(self) -> List[str]:
        ids = [self.grid_model.cell_id(i) for i in self.selectionModel().selectedIndexes()]
        return [c for c in ids if c]

    def select_cells(self, cell_ids: Sequence[str]) -> None:
        mine = [c for c in cell_ids if c in self.grid_model.table.data_positions]
        if not mine:
            return
        selection = QItemSelection()
        for cid in mine:
            index = self.grid_model.index_of(cid)
            selection.select(index, index)
        first = self.grid_model.index_of(mine[0])
        self.selectionModel().setCurrentIndex(first, QItemSelectionModel.NoUpdate)
        self.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(first)
        self.setFocus()

    # -- clear, copy, paste ------------------------------------------------------

    def clear_selection(self) -> None:
        ids = self.selected_cell_ids() or [self.grid_model.cell_id(self.currentIndex())]
        ids = [c for c in ids if self.grid_model.is_editable(c)]
        if ids:
            self.document.set_cells({c: None for c in ids}, "清除单元格")

    def copy_selection(self) -> str:
        rows: Dict[int, Dict[int, str]] = {}
        for index in self.selectionModel().selectedIndexes():
            cid = self.grid_model.cell_id(index)
            if cid:
                rows.setdefault(index.row(), {})[index.column()] = format_value(self.document.snapshot[cid])
        text = "\n".join("\t".join(cols[c] for c in sorted(cols)) for _, cols in sorted(rows.items()))
        if text:
            QGuiApplication.clipboard().setText(text + "\n")
        return text

    def paste_text(self, text: str) -> bool:
        """Paste a tab-separated block at the current cell; each value is checked on its own."""
        block = parse_tsv(text)
        start = self.anchor(self.currentIndex())
        if not block or start is None or start.role != ROLE_DATA:
            return False
        if len(block) == 1 and len(block[0]) == 1 and len(self.selected_cell_ids()) > 1:
            targets = [[c] for c in self.selected_cell_ids()]
            block = [[block[0][0]] for _ in targets]
        else:
            targets = self._paste_targets(start, block)
        changes, refused, totals, outside, notes = {}, [], [], 0, []
        for row_values, row_targets in zip(block, targets):
            outside += len(row_values) - len(row_targets)
            for raw, cid in zip(row_values, row_targets):
                if FORM.cells[cid].computed:
                    totals.append((cid, raw))
                    continue
                value, refusal, note = parse_cell_input(cid, raw)
                if refusal:
                    refused.append(refusal)
                else:
                    changes[cid] = value
                    notes += [note] if note else []
        outside += sum(len(r) for r in block[len(targets):])
        self.document.set_cells(changes, "粘贴")
        for cid, raw in totals:
            stated = parse_cell_input(cid, raw)[0]
            if raw.strip() and stated != self.document.snapshot[cid]:
                refused.append(f"{cell_label(cid)} 是合计，由程序自动计算为 "
                               f"{format_value(self.document.snapshot[cid])}，粘贴的“{raw.strip()}”未采用")
        if outside:
            refused.append(f"有 {outside} 个值超出了表格范围，未粘贴")
        if refused:
            self.notice.emit(f"粘贴了 {len(changes)} 个单元格，以下内容未采用", refused)
        elif not notes:
            self.hint.emit(f"已粘贴 {len(changes)} 个单元格")
        if notes:
            self.entry.emit(f"已粘贴 {len(changes)} 个单元格；" + "；".join(notes), False)
        return True

    def _paste_targets(self, start: GridCell, block: List[List[str]]) -> List[List[str]]:
        targets, row_start = [], start
        for values in block:
            if row_start is None:
                break
            row, g = [], row_start
            while g is not None and len(row) < len(values):
                row.append(g.cell_id)
                g = self.step(g, RIGHT, False)
            targets.append(row)
            row_start = self.step(row_start, DOWN, False)
        return targets


def parse_tsv(text: str) -> List[List[str]]:
    """What Excel/WPS put on the clipboard: rows by newline, cells by tab."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [[cell.strip().strip('"') for cell in line.split("\t")] for line in lines]
