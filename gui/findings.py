"""The findings panel: every finding of the core's checks, errors first, with one-click fixes.

The panel lists what ``run_checks`` returned, no more: it never knows a rule.
Clicking a finding asks the window to show its tab and select its cells;
where the core offers a one-cell ``Fix``, a button that says what it will do
("将 四·自然人 改为 3") applies it as one undoable edit, and so does F9 for the
selected finding.  Only the rows whose findings changed are rewritten, in place (a keystroke mostly
changes a total in one or two messages).
"""
from __future__ import annotations

from typing import List

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from nianbao.core.checks import ERROR, INFO, SEVERITY_LABEL, WARNING, Finding
from nianbao.core.form import FORM

SEVERITY_COLOR = {ERROR: QColor("#b00020"), WARNING: QColor("#9a5b00"), INFO: QColor("#35618f")}
FINDING_ROLE = Qt.UserRole + 1
FIX_SHORTCUT = "F9"


def summary(findings: List[Finding]) -> str:
    """错误 3 · 警告 1 · 提示 0 — or that nothing was found."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, INFO)}
    if not findings:
        return "校验通过：没有发现错误或警告"
    return " · ".join(f"{SEVERITY_LABEL[s]} {n}" for s, n in counts.items())


class FindingsPanel(QWidget):
    findingActivated = Signal(object)      # a Finding the clerk clicked
    fixApplied = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.caption = QLabel(self)
        layout.addWidget(self.caption)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["级别", "部分", "说明", "修正内容", ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Stretch)      # what the fix will do, shortened if need be
        header.setSectionResizeMode(4, QHeaderView.ResizeToContents)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        layout.addWidget(self.tree)
        self.set_document(document)

    def set_document(self, document) -> None:
        self.document = document
        document.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """The list made to show the document's findings, touching only the rows that changed.

        A keystroke mostly changes one or two findings (a total in a message): the
        rows before and after them stay as they are (their fix buttons, the selection).
        """
        findings = self.document.findings
        shown = [item.data(0, FINDING_ROLE) for item in self.items()]
        if shown != findings:
            same_start = 0
            limit = min(len(shown), len(findings))
            while same_start < limit and shown[same_start] == findings[same_start]:
                same_start += 1
            same_end = 0
            while (same_end < limit - same_start
                   and shown[len(shown) - 1 - same_end] == findings[len(findings) - 1 - same_end]):
                same_end += 1
            self.tree.setUpdatesEnabled(False)
            old_rows = len(shown) - same_start - same_end
            new = findings[same_start:len(findings) - same_end]
            for offset, finding in enumerate(new[:old_rows]):     # rows rewritten in place: no re-layout
                self._show(self.tree.topLevelItem(same_start + offset), finding)
            for _ in range(old_rows - len(new)):
                self.tree.takeTopLevelItem(same_start + len(new))
            for offset, finding in enumerate(new[old_rows:], start=same_start + old_rows):
                item = QTreeWidgetItem()
                self.tree.insertTopLevelItem(offset, item)
                self._show(item, finding)
            self.tree.setUpdatesEnabled(True)
        self.caption.setText(summary(findings))

    def _show(self, item: QTreeWidgetItem, finding: Finding) -> None:
        """``item`` made to show ``finding``, with a fix button when it has a fix."""
        section = FORM.section(finding.section)
        fix = finding.fix.description if finding.fix is not None else ""
        for column, text in enumerate((SEVERITY_LABEL[finding.severity], section.numeral, finding.message, fix)):
            item.setText(column, text)
        item.setData(0, FINDING_ROLE, finding)
        item.setForeground(0, QBrush(SEVERITY_COLOR[finding.severity]))
        item.setToolTip(1, section.title)
        item.setToolTip(2, f"{finding.message}\n（规则 {finding.rule}）")
        item.setToolTip(3, fix)
        button = self.tree.itemWidget(item, 4)
        if finding.fix is None:
            if button is not None:
                self.tree.removeItemWidget(item, 4)
            return
        if button is None:
            button = QPushButton(f"修正（{FIX_SHORTCUT}）", self.tree)
            # The row's finding when clicked: the row may since show another one.
            button.clicked.connect(lambda _=False, row=item: self.apply_fix(row.data(0, FINDING_ROLE)))
            self.tree.setItemWidget(item, 4, button)
        button.setToolTip(f"{fix}（选中此条后按 {FIX_SHORTCUT} 也可修正，可撤销）")

    def items(self) -> List[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def selected_finding(self):
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def apply_fix(self, finding: Finding) -> bool:
        fix = finding.fix
        if fix is None:
            return False
        done = self.document.set_cells({fix.cell: fix.value}, f"修正：{fix.description}")
        if done:
            self.fixApplied.emit(finding)
        return done

    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)
