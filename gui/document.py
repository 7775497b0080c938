"""The open report as the window sees it: cells, texts, findings, undo, modified state.

Every edit of a cell goes through ``ReportDocument.set_cells`` as one undoable
command; the document calls ``Report.set`` (the core derives the totals) and
``run_checks`` (the core knows the rules) and tells the views which cells and
findings changed.  Nothing here adds numbers or knows a rule.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nianbao.core.form import FORM
from nianbao.core.model import Report
from nianbao.core.values import Value

if TYPE_CHECKING:
    from nianbao.core.checks import Finding

# An undo record for a computed cell that was derived (not a stated total).
_DERIVED = object()
_KEEP = object()   # set_metadata: leave the date as it is


# Commands of one typing session in a cell merge into one undo step.
LIVE_EDIT_ID = 1


class SetCellsCommand(QUndoCommand):
    """One edit, paste, fill or fix: the cells' values before and after."""

    def __init__(self, document: "ReportDocument", before: Dict[str, object],
                 after: Dict[str, Value], text: str, session: Optional[int] = None):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._session = session

    def id(self) -> int:
        return LIVE_EDIT_ID if self._session is not None else -1

    def mergeWith(self, other) -> bool:
        if other._session != self._session or set(other._after) - set(self._before):
            return False
        self._after.update(other._after)
        # Typed back to what it was (or Escape): the step disappears from the history.
        self.setObsolete(all(_same_value(self._before.get(c), v) for c, v in self._after.items()))
        return True

    def redo(self) -> None:
        self._document._apply(self._after)

    def undo(self) -> None:
        self._document._apply(self._before)


def _same_value(a, b) -> bool:
    return type(a) is type(b) and a == b


class ReportDocument(QObject):
    cellsChanged = Signal(list)        # ids whose shown value may have changed
    findingsChanged = Signal()
    textEdited = Signal(str)           # text key
    modifiedChanged = Signal(bool)
    metadataChanged = Signal()         # year, agency or file path
    changed = Signal()                 # any change at all (autosave listens)

    def __init__(self, report: Report, path: Optional[Path] = None, parent=None, check: bool = True):
        """``check=False`` leaves the findings empty until ``check()`` (the window's start does it
        right after its first paint; importing the checks is part of what it saves)."""
        super().__init__(parent)
        self.report = report
        self.path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._text_modified = False
        self._was_modified = False
        self.snapshot: Dict[str, Value] = report.snapshot()
        self.findings: List[Finding] = []
        self._checked = False
        if check:
            self.check()

    def check(self) -> None:
        """The findings of the report as it is, unless they are already known."""
        if not self._checked:
            self.refresh_findings()

    # -- state -------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self._text_modified or not self.undo_stack.isClean()

    def mark_saved(self, path: Optional[Path] = None) -> None:
        if path is not None:
            self.path = Path(path)
            self.metadataChanged.emit()
        self._text_modified = False
        self.undo_stack.setClean()
        self._emit_modified()

    def mark_modified(self) -> None:
        """For a document restored from a recovery file: it differs from what is on disk."""
        self._text_modified = True
        self._emit_modified()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._emit_modified()

    def _emit_modified(self) -> None:
        now = self.modified
        if now != self._was_modified:
            self._was_modified = now
            self.modifiedChanged.emit(now)

    def counts(self) -> Dict[int, Dict[str, int]]:
        """Per section (1 … 6): how many errors and warnings its findings hold."""
        from nianbao.core.checks import ERROR, WARNING
        out = {s.number: {ERROR: 0, WARNING: 0} for s in FORM.sections}
        for f in self.findings:
            if f.severity in (ERROR, WARNING):
                out[f.section][f.severity] += 1
        return out

    # -- cells -------------------------------------------------------------

    def set_cells(self, values: Mapping[str, Value], text: str, session: Optional[int] = None) -> bool:
        """Change cells as one undoable step; False when nothing would change.

        Changes with the same ``session`` (the keystrokes of one cell edit) merge
        into the step before them, so that undo takes back the whole entry.
        """
        before: Dict[str, object] = {}
        after: Dict[str, Value] = {}
        for cid, value in values.items():
            if self._same(cid, value):
                continue
            cell = FORM.cells[cid]
            stated = self.report.is_stated_total(cid)
            before[cid] = self.report.values.get(cid) if (stated or not cell.computed) else _DERIVED
            after[cid] = value
        if not after:
            return False
        self.undo_stack.push(SetCellsCommand(self, before, after, text, session))
        return True

    def _same(self, cid: str, value: Value) -> bool:
        return _same_value(self.snapshot[cid], value) and (
            not FORM.cells[cid].computed or self.report.is_stated_total(cid))

    def _apply(self, values: Mapping[str, object]) -> None:
        changed: List[str] = []
        for cid, value in values.items():
            if value is _DERIVED:
                # Setting a total to what its parts add up to makes it derived again.
                changed += self.report.set(cid, self.report.computed(cid))
            else:
                changed += self.report.set(cid, value)
        self.snapshot = self.report.snapshot()
        self.cellsChanged.emit(list(dict.fromkeys(changed)))
        self.refresh_findings()
        self.changed.emit()

    def fill_blanks_with_zero(self) -> bool:
        from decimal import Decimal
        zeros = {cid: (Decimal(0) if FORM.cells[cid].kind == "money" else 0)
                 for cid in self.report.blank_input_cells()}
        return self.set_cells(zeros, "空白单元格填 0")

    def recompute_totals(self) -> bool:
        values = {cid: self.report.computed(cid, self.snapshot)
                  for cid in sorted(self.report.stated_totals)}
        return self.set_cells(values, "重新计算合计")

    # -- texts -------------------------------------------------------------

    def set_text(self, key: str, text: str) -> None:
        if self.report.text.get(key, "") == text:
            return
        self.report.text[key] = text
        self._text_modified = True
        self.textEdited.emit(key)
        self.refresh_findings()
        self._emit_modified()
        self.changed.emit()

    def set_metadata(self, year: int, agency: str, date=_KEEP, preamble: Optional[str] = None) -> None:
        """Year, agency and, when given, 成文日期 and the paragraph before 一 (``text.preamble``)."""
        report = self.report
        before = (report.year, report.agency, report.date, report.text.get("preamble", ""))
        report.year, report.agency = year, agency
        if date is not _KEEP:
            report.date = date
        if preamble is not None:
            report.text["preamble"] = preamble
        if (report.year, report.agency, report.date, report.text.get("preamble", "")) == before:
            return
        self._text_modified = True
        self.metadataChanged.emit()
        self.refresh_findings()
        self._emit_modified()
        self.changed.emit()

    # -- findings ----------------------------------------------------------

    def refresh_findings(self) -> None:
        from nianbao.core.checks import run_checks
        self._checked = True
        findings = run_checks(self.report)
        if findings != self.findings:
            self.findings = findings
            self.findingsChanged.emit()
