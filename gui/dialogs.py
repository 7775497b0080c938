"""The few dialogs the window needs: new report, unsaved changes, restore, messages.

Questions that block are kept here and called through the window's hooks, so
that tests can answer them without a modal dialog ever waiting for a click.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import List, Optional, Tuple

from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox,
                               QWidget)

from nianbao.core.files import safe_file_name

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class ReportInfoDialog(QDialog):
    """Year and agency of a report; for a new report optionally last year's report to carry from."""

    def __init__(self, parent=None, *, year: Optional[int] = None, agency: str = "",
                 title: str = "新建年度报告", ask_last_year: bool = False, file_filter: str = "",
                 report=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.year = QSpinBox(self)
        self.year.setRange(2008, 2100)
        self.year.setValue(year or _dt.date.today().year - 1)
        self.year.setSuffix(" 年")
        form.addRow("报告年度：", self.year)
        self.agency = QLineEdit(agency, self)
        self.agency.setPlaceholderText("例如：平潭综合实验区公安局")
        self.agency.setMinimumWidth(360)
        form.addRow("机关名称：", self.agency)
        self.last_year: Optional[QLineEdit] = None
        if ask_last_year:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            self.last_year = QLineEdit(row)
            self.last_year.setPlaceholderText("上年年报文件（用于结转上年数据，可不选）")
            browse = QPushButton("选择…", row)
            browse.clicked.connect(lambda: self._browse(file_filter))
            line.addWidget(self.last_year, 1)
            line.addWidget(browse)
            form.addRow("上年年报：", row)
        self.date: Optional[QDateEdit] = None
        self.preamble: Optional[QPlainTextEdit] = None
        if report is not None:
            # Editing an open report: also the 成文日期 of the 落款 and the paragraph before 一.
            self.has_date = QCheckBox("填写成文日期", self)
            self.date = QDateEdit(self)
            self.date.setCalendarPopup(True)
            self.date.setDisplayFormat("yyyy年M月d日")
            self.date.setDate(report.date or _dt.date(report.year + 1, 1, 20))
            self.has_date.setChecked(report.date is not None)
            self.date.setEnabled(report.date is not None)
            self.has_date.toggled.connect(self.date.setEnabled)
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.has_date)
            line.addWidget(self.date, 1)
            form.addRow("成文日期：", row)
            self.preamble = QPlainTextEdit(report.text.get("preamble", ""), self)
            self.preamble.setPlaceholderText("正文前的引言（可不填）：依据、统计期限、查阅方式、联系方式")
            self.preamble.setMinimumHeight(120)
            form.addRow("引言：", self.preamble)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self, file_filter: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择上年年报", "", file_filter)
        if path:
            self.last_year.setText(path)

    def details(self) -> Tuple[Optional[_dt.date], str]:
        """成文日期 (None: not given) and the preamble, for an open report."""
        date = self.date.date().toPython() if self.date is not None and self.has_date.isChecked() else None
        return date, self.preamble.toPlainText().strip() if self.preamble is not None else ""

    def values(self) -> Tuple[int, str, Optional[str]]:
        last = self.last_year.text().strip() if self.last_year is not None else ""
        return self.year.value(), self.agency.text().strip(), last or None


def ask_unsaved(parent, title: str) -> str:
    box = QMessageBox(QMessageBox.Warning, "尚未保存", f"《{title}》有尚未保存的修改，是否保存？",
                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, parent)
    box.button(QMessageBox.Save).setText("保存")
    box.button(QMessageBox.Discard).setText("不保存")
    box.button(QMessageBox.Cancel).setText("取消")
    answer = box.exec()
    return {QMessageBox.Save: SAVE, QMessageBox.Discard: DISCARD}.get(answer, CANCEL)


def ask_restore(recovery, parent=None) -> bool:
    box = QMessageBox(QMessageBox.Question, "恢复未保存的工作",
                      "上次程序没有正常退出，发现一份未保存的年报：\n\n"
                      f"{recovery.description}\n\n是否恢复？（选择“否”将丢弃这份内容）",
                      QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText("恢复")
    box.button(QMessageBox.No).setText("丢弃")
    return box.exec() == QMessageBox.Yes


def show_error(parent, message: str, title: str = "无法完成") -> QMessageBox:
    """A non-blocking message box (``open``): the work it reports is already over."""
    box = QMessageBox(QMessageBox.Critical, title, message, QMessageBox.Ok, parent)
    box.open()
    return box


def show_notice(parent, title: str, lines: List[str]) -> QMessageBox:
    shown = lines[:20] + ([f"……另有 {len(lines) - 20} 条"] if len(lines) > 20 else [])
    box = QMessageBox(QMessageBox.Information, "提示", title, QMessageBox.Ok, parent)
    box.setInformativeText("\n".join("• " + line for line in shown))
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 560px; }")
    box.open()
    return box


def suggested_path(directory: Optional[Path], name: str, suffix: str) -> str:
    base = directory or Path.home()
    return str(base / safe_file_name(name, suffix))
