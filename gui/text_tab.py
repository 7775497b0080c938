"""The narrative tabs 一、五、六: an editor with a live character count.

一 offers the usual sub-heading outline to start from and shows its 1,000-character
guideline; 六 reminds that 信息处理费 is reported there.  When the report carries
last year's report, last year's text is shown read-only beside this year's, for
reference only: it is never copied into this year's text.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTextEdit,
                               QToolTip, QVBoxLayout, QWidget)

from nianbao.core.checks import ERROR, INFO, WARNING
from nianbao.core.checks.text import LEN1_MAX as OVERVIEW_GUIDELINE, visible_length
from nianbao.core.form import Section

# The sub-headings most 总体情况 sections are organised under.
OVERVIEW_OUTLINE = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")
_NUMERALS = "一二三四五六七八九十"
# The same colours as the grid cells: red for an error, amber for a warning, blue for a hint.
SPAN_COLORS = {ERROR: "#f6b9b9", WARNING: "#fde3a7", INFO: "#dcebff"}


def outline_text() -> str:
    return "\n\n".join(f"（{_NUMERALS[i]}）{h}" for i, h in enumerate(OVERVIEW_OUTLINE)) + "\n"


class TextTab(QWidget):
    def __init__(self, section: Section, document, parent=None):
        super().__init__(parent)
        self.section = section
        self.document = document
        self.key = section.text_key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)

        bar = self._bar = QHBoxLayout()
        from .table_tab import section_heading
        bar.addWidget(section_heading(section, self), 1)
        bar.addStretch(1)
        self.outline_button: Optional[QPushButton] = None
        if self.key == "overview":
            self.outline_button = QPushButton("插入提纲", self)
            self.outline_button.setToolTip("在光标处插入常用小标题：" + "、".join(OVERVIEW_OUTLINE))
            self.outline_button.clicked.connect(self.insert_outline)
            bar.addWidget(self.outline_button)
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        if section.placeholder and "报告" in section.placeholder:
            # The template's placeholder minus its generic "文字描述，" opening.
            reminder = QLabel("提示：" + section.placeholder.strip("（）").split("，", 1)[-1], self)
            reminder.setStyleSheet("color: #8a5a00; background: #fff4d6; padding: 4px;")
            layout.addWidget(reminder)

        self.splitter = QSplitter(Qt.Horizontal, self)
        self.editor = QPlainTextEdit(self.splitter)
        self.editor.setPlaceholderText(section.placeholder or "（文字描述）")
        self.editor.setPlainText(document.report.text.get(self.key, ""))
        self.editor.document().setModified(False)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.viewport().installEventFilter(self)
        self.last_year_view: Optional[QPlainTextEdit] = None
        last = document.report.last_year
        if last is not None and last.text.get(self.key):
            self._add_last_year(last)
        layout.addWidget(self.splitter, 1)
        self._update_count()
        document.findingsChanged.connect(self.highlight_findings)
        self.highlight_findings()

    def focus_entry(self) -> None:
        """The keyboard into the editor, its cursor where it was left."""
        self.editor.setFocus(Qt.OtherFocusReason)

    def _add_last_year(self, last) -> None:
        box = QWidget(self.splitter)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(QLabel(f"{last.year}年报原文（只读，仅供参考，不会复制到本年报告）", box))
        self.last_year_view = QPlainTextEdit(box)
        self.last_year_view.setReadOnly(True)
        self.last_year_view.setPlainText(last.text[self.key])
        self.last_year_view.setStyleSheet("QPlainTextEdit { background: #f3f3f3; color: #444; }")
        box_layout.addWidget(self.last_year_view)
        self.toggle_button = QPushButton("隐藏上年原文", self)
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._toggle_last_year)
        self._bar.insertWidget(2, self.toggle_button)
        self.splitter.setSizes([600, 400])

    def _toggle_last_year(self, hidden: bool) -> None:
        self.last_year_view.parentWidget().setVisible(not hidden)
        self.toggle_button.setText("显示上年原文" if hidden else "隐藏上年原文")

    def insert_outline(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.positionInBlock() > 0:
            cursor.insertText("\n")
        cursor.insertText(outline_text())
        self.editor.setFocus()

    def _on_text_changed(self) -> None:
        self.document.set_text(self.key, self.editor.toPlainText())
        self._update_count()

    def _update_count(self) -> None:
        n = visible_length(self.editor.toPlainText())
        if self.key == "overview":
            over = n > OVERVIEW_GUIDELINE
            self.count_label.setText(f"字数 {n} / 建议不超过 {OVERVIEW_GUIDELINE}")
            self.count_label.setStyleSheet("color: #b00020;" if over else "")
        else:
            self.count_label.setText(f"字数 {n}")

    def highlight_findings(self) -> None:
        selections = []
        for f in self.document.findings:
            if f.text_key != self.key or not f.span:
                continue
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(SPAN_COLORS.get(f.severity, SPAN_COLORS[WARNING])))
            sel.format = fmt
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(f.span[0])
            cursor.setPosition(min(f.span[1], len(self.editor.toPlainText())), QTextCursor.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.editor.setExtraSelections(selections)

    def findings_at(self, position: int) -> list:
        return [f for f in self.document.findings
                if f.text_key == self.key and f.span and f.span[0] <= position < f.span[1]]

    def eventFilter(self, watched, event):
        # A highlighted passage explains itself when the mouse rests on it.
        if event.type() == QEvent.ToolTip and watched is self.editor.viewport():
            position = self.editor.cursorForPosition(event.pos()).position()
            messages = [f.message for f in self.findings_at(position)]
            if messages:
                QToolTip.showText(event.globalPos(), "\n".join(dict.fromkeys(messages)), self.editor)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def select_span(self, span) -> None:
        self.editor.setFocus()
        if span:
            cursor = self.editor.textCursor()
            cursor.setPosition(span[0])
            cursor.setPosition(min(span[1], len(self.editor.toPlainText())), QTextCursor.KeepAnchor)
            self.editor.setTextCursor(cursor)
