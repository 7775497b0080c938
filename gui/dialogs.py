"""The few dialogs the window needs: new report, unsaved changes, restore, messages, file choosers.

Questions that block are kept here and called through the window's hooks, so
that tests can answer them without a modal dialog ever waiting for a click.
The file choosers are Qt's own dialog with every label in Chinese (Qt's zh_CN
translation leaves "Look in:" and "Files of type:" in English), or the system's
native dialog where the platform has one.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import List, Optional, Tuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QSpinBox, QWidget)

from nianbao.core.errors import InputError

from nianbao.core.files import safe_file_name

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
_FILE_DIALOG_LABELS = ((QFileDialog.LookIn, "查找范围(&L)："), (QFileDialog.FileName, "文件名(&N)："),
                       (QFileDialog.FileType, "文件类型(&T)："), (QFileDialog.Reject, "取消"))


def file_dialog(parent, title: str, directory: str, file_filter: str, save: bool = False) -> QFileDialog:
    """Qt's file dialog, every label in Chinese."""
    dialog = QFileDialog(parent, title, directory or "", file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptSave if save else QFileDialog.AcceptOpen)
    dialog.setFileMode(QFileDialog.AnyFile if save else QFileDialog.ExistingFile)
    for label, text in _FILE_DIALOG_LABELS + ((QFileDialog.Accept, "保存(&S)" if save else "打开(&O)"),):
        dialog.setLabelText(label, text)
    return dialog


def choose_file(parent, title: str, directory: str, file_filter: str, save: bool = False) -> str:
    """The chosen file's path, or "" when the clerk cancelled."""
    dialog = file_dialog(parent, title, directory, file_filter, save)   # a file in ``directory``: selected
    if dialog.exec() != QDialog.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


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
        self.loaded = None              # last year's report, read when chosen
        self._loaded_from = ("", 0)
        if ask_last_year:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            self.last_year = QLineEdit(row)
            self.last_year.setPlaceholderText("上年年报文件（用于结转上年数据，可不选）")
            self.last_year.editingFinished.connect(self._read_last_year)
            browse = QPushButton("选择…", row)
            browse.setAutoDefault(False)          # Enter after choosing confirms, never reopens the chooser
            browse.clicked.connect(lambda: self._browse(file_filter))
            line.addWidget(self.last_year, 1)
            line.addWidget(browse)
            form.addRow("上年年报：", row)
            self.last_year.setFocus()      # the file comes first: the year and the agency follow from it
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
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
        form.addRow(self.message)
        buttons = self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("确定")
        buttons.button(QDialogButtonBox.Ok).setDefault(True)
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self, file_filter: str) -> None:
        path = choose_file(self, "选择上年年报", "", file_filter)
        if path:
            self.last_year.setText(path)
            self._read_last_year()
        self.buttons.button(QDialogButtonBox.Ok).setFocus()

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _read_last_year(self, year: Optional[int] = None) -> bool:
        """Read the chosen file; this report's year becomes its year + 1. False (and why, here) on error."""
        from nianbao.core.importing import load
        path = self.last_year.text().strip() if self.last_year is not None else ""
        if not path:
            self.loaded, self._loaded_from = None, ("", 0)
            self._say("")
            return True
        if self._loaded_from == (path, year or 0) and self.loaded is not None:
            return True
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.loaded = load(path, year)
        except InputError as exc:
            self.loaded = None
            self._say(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._loaded_from = (path, year or 0)
        if year is None:
            self.year.setValue(self.loaded.report.year + 1)
        if not self.agency.text().strip():
            self.agency.setText(self.loaded.report.agency)
        self._say("")
        return True

    def accept(self) -> None:
        """With last year's file: read for this year, of the right year, or the dialog stays open and says why."""
        if self.last_year is not None and self.last_year.text().strip():
            from nianbao.core.model import new_report
            wanted = self.year.value() - 1
            if not self._read_last_year() or (self.loaded.report.year != wanted
                                              and not self._read_last_year(wanted)):
                return
            try:
                new_report(self.year.value(), self.agency.text().strip(), self.loaded.report)
            except InputError as exc:
                self._say(str(exc))
                return
        super().accept()

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
                      f"{recovery.description}\n\n是否恢复？（选择“丢弃”将删除这份内容）",
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
