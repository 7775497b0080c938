"""The whole sample report, typed into a blank report by keyboard alone, saved and read back."""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nianbao.core.form import FORM
from nianbao.core.reportfile import read_report
from nianbao.core.values import format_value

from .conftest import SAMPLE


def press(widget, key, text=""):
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, text))


def type_text(window, text):
    for ch in text:
        target = window.focusWidget()
        if ch == "\n":
            press(target, Qt.Key_Return, "\r")
        else:
            press(target, ord(ch) if ch.isascii() and ch.isdigit() else Qt.Key_unknown, ch)


def test_fill_the_sample_by_keyboard(qtbot, window_for, tmp_path):
    sample = read_report(SAMPLE)
    window = window_for(None)
    window.document.set_metadata(sample.year, sample.agency)
    for section in FORM.sections:
        window.tabs.setCurrentIndex(section.number - 1)
        tab = window.tab_widgets[section.number]
        if section.text_key:
            tab.editor.setFocus()
            type_text(window, sample.text.get(section.text_key, ""))
            continue
        view = tab.body
        view.setFocus()
        # the tab opens on its first cell to fill in; Tab walks every input cell in reading order
        table = FORM.table(section.table_key)
        order = sorted((c for c in table.cells if not c.computed), key=lambda c: table.data_positions[c.id])
        for cell in order:
            assert view.grid_model.cell_id(view.currentIndex()) == cell.id
            type_text(window, format_value(sample.get(cell.id)))
            QTest.keyClick(window.focusWidget(), Qt.Key_Tab)
    doc = window.document
    assert doc.snapshot == sample.snapshot()
    assert {k: doc.report.text.get(k, "") for k in ("overview", "problems", "other")} == \
        {k: sample.text.get(k, "") for k in ("overview", "problems", "other")}
    assert not [f for f in doc.findings if f.severity == "error"]
    target = tmp_path / "typed.nianbao"
    assert window.files.save_to(target)
    assert read_report(target).snapshot() == sample.snapshot()
