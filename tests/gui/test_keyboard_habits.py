"""Issue 9: keyboard reach and habits — F9 applies a fix, Ctrl+Y redoes, Chinese dialogs, 从上年报告新建."""
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from nianbao.core.reportfile import read_report, write_report
from nianbao.gui import dialogs

from .conftest import SAMPLE, WITH_ERRORS
from .test_typing_rule import typed


def test_f9_applies_the_selected_findings_fix_and_the_panel_says_what_it_does(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    doc = window.document
    fixable = next(f for f in doc.findings if f.fix is not None)
    item = next(i for i in window.findings.items() if i.data(0, Qt.UserRole + 1) == fixable)
    assert item.text(3) == fixable.fix.description and item.text(3).startswith("将 ")
    window.findings.tree.setCurrentItem(item)
    window.findings.tree.setFocus()
    QTest.keyClick(window.findings.tree, Qt.Key_F9)
    assert doc.snapshot[fixable.fix.cell] == fixable.fix.value
    assert fixable not in doc.findings
    assert "已修正" in window.statusBar().currentMessage()
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert fixable in doc.findings


def test_f9_without_a_fix_says_so(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    plain = next(i for i in window.findings.items() if i.data(0, Qt.UserRole + 1).fix is None)
    window.findings.tree.setCurrentItem(plain)
    before = window.document.report.snapshot()
    QTest.keyClick(window, Qt.Key_F9)
    assert window.document.report.snapshot() == before
    assert "没有可自动应用的修正" in window.statusBar().currentMessage()


def test_ctrl_y_redoes_in_the_grid_and_in_the_text(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = typed(window, "t3.new.natural", "77")
    doc = window.document
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert doc.report.get("t3.new.natural") != 77
    QTest.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert doc.report.get("t3.new.natural") == 77
    # the menu's 重做 carries Ctrl+Y too (the window's shortcut, from anywhere)
    assert "Ctrl+Y" in [s.toString() for s in window.redo_action.shortcuts()]
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    window.findings.tree.setFocus()
    QTest.keyClick(window.findings.tree, Qt.Key_Y, Qt.ControlModifier)
    assert doc.report.get("t3.new.natural") == 77


def test_file_dialog_speaks_chinese(qtbot):
    from nianbao.gui.app import ensure_app
    ensure_app()
    dialog = dialogs.file_dialog(None, "打开年报", "", "年报文件 (*.nianbao)")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel)] + [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts = [t for t in texts if t]
    assert texts
    english = [t for t in texts if any("a" <= c.lower() <= "z" for c in t.replace("&", ""))
               and not all(c in "&LNTOS()" for c in t if c.isascii() and c.isalpha())]
    assert not english, english


def test_recovery_dialog_text_matches_its_buttons(qtbot, monkeypatch):
    seen = {}

    def fake_exec(box):
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        return QMessageBox.No
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    recovery = type("R", (), {"description": "某报告"})()
    assert dialogs.ask_restore(recovery) is False
    assert "选择“丢弃”" in seen["text"] and "“否”" not in seen["text"]
    assert set(seen["buttons"]) == {"恢复", "丢弃"}


@pytest.fixture
def last_year_file(tmp_path):
    path = tmp_path / "上年.nianbao"
    write_report(read_report(SAMPLE), path)    # 2022
    return path


def new_dialog(qtbot, monkeypatch, chosen):
    monkeypatch.setattr(dialogs, "choose_file", lambda *a, **k: str(chosen))
    dialog = dialogs.ReportInfoDialog(None, ask_last_year=True, file_filter="*")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def browse_button(dialog):
    return next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "选择…")


def test_year_comes_from_the_chosen_file_and_enter_confirms(qtbot, monkeypatch, last_year_file):
    dialog = new_dialog(qtbot, monkeypatch, last_year_file)
    dialog.year.setValue(2030)
    button = browse_button(dialog)
    button.setFocus()
    QTest.keyClick(button, Qt.Key_Space)          # 选择… by keyboard
    assert dialog.year.value() == 2023            # last year's report is 2022
    assert dialog.agency.text() == read_report(SAMPLE).agency
    reopened = []
    monkeypatch.setattr(dialogs, "choose_file", lambda *a, **k: reopened.append(1) or "")
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key_Return)
    assert not reopened, "Enter reopened the file chooser"
    assert dialog.result() == dialogs.ReportInfoDialog.Accepted
    assert dialog.loaded.report.year == 2022


def test_the_file_field_has_the_focus_first(qtbot, monkeypatch, last_year_file):
    dialog = new_dialog(qtbot, monkeypatch, last_year_file)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.last_year


def test_error_keeps_the_dialog_open_with_the_message(qtbot, monkeypatch, tmp_path, last_year_file):
    bad = tmp_path / "坏.nianbao"
    bad.write_text("不是年报", encoding="utf-8")
    dialog = new_dialog(qtbot, monkeypatch, bad)
    browse_button(dialog).click()
    assert dialog.message.isVisible() and "坏.nianbao" in dialog.message.text()
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.isVisible() and dialog.result() != dialogs.ReportInfoDialog.Accepted
    # a file of the wrong year for the year typed: said in the dialog, which stays open
    dialog.last_year.setText(str(last_year_file))
    dialog.last_year.editingFinished.emit()
    dialog.year.setValue(2025)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.isVisible() and dialog.message.text()
    dialog.year.setValue(2023)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert not dialog.isVisible() and dialog.result() == dialogs.ReportInfoDialog.Accepted


def test_new_from_last_year_through_the_dialog(qtbot, window_for, monkeypatch, last_year_file):
    window = window_for(None)
    monkeypatch.setattr(dialogs, "choose_file", lambda *a, **k: str(last_year_file))

    def drive():
        dialog = QApplication.activeModalWidget()
        browse_button(dialog).click()
        dialog.accept()
    QTimer.singleShot(0, drive)
    window.files.new_report(ask_last_year=True)
    assert window.document.report.year == 2023
    assert window.document.report.last_year.year == 2022
