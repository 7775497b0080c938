"""Issue 9: the keyboard is where the clerk types — after Alt+N, a tab switch, a closed dialog."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from nianbao.core.form import FORM
from nianbao.gui import dialogs

from .conftest import SAMPLE
from .test_keyboard_fill import type_text


def input_order(table_key):
    table = FORM.table(table_key)
    return [c.id for c in sorted((c for c in table.cells if not c.computed),
                                 key=lambda c: table.data_positions[c.id])]


def test_alt_3_then_digits_and_tabs_fill_the_first_cells(qtbot, window_for):
    window = window_for(None)
    window.title_label.setFocus()
    QTest.keyClick(window, Qt.Key_3, Qt.AltModifier)
    assert window.tabs.currentIndex() == 2
    view = window.tab_widgets[3].body
    assert QApplication.focusWidget() is view
    for digit in "123456":
        type_text(window, digit)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    got = [window.document.report.get(c) for c in input_order("t3")[:6]]
    assert got == [1, 2, 3, 4, 5, 6]


def test_alt_1_focuses_the_text_not_a_button(qtbot, window_for):
    window = window_for(SAMPLE)
    QTest.keyClick(window, Qt.Key_3, Qt.AltModifier)
    QTest.keyClick(window, Qt.Key_1, Qt.AltModifier)
    assert QApplication.focusWidget() is window.tab_widgets[1].editor
    # already on 一: Alt+1 again still puts the cursor in the text
    window.tab_widgets[1].outline_button.setFocus()
    QTest.keyClick(window, Qt.Key_1, Qt.AltModifier)
    assert QApplication.focusWidget() is window.tab_widgets[1].editor


def test_each_tab_remembers_its_cell(qtbot, window_for):
    window = window_for(SAMPLE)
    QTest.keyClick(window, Qt.Key_4, Qt.AltModifier)
    view = window.tab_widgets[4].body
    third = input_order("t4")[2]
    view.setCurrentIndex(view.grid_model.index_of(third))
    QTest.keyClick(window, Qt.Key_2, Qt.AltModifier)
    assert QApplication.focusWidget() is window.tab_widgets[2].body
    window.tabs.setCurrentIndex(3)       # by the mouse on the tab bar, as by Alt+4
    assert QApplication.focusWidget() is view
    assert view.grid_model.cell_id(view.currentIndex()) == third
    window.tabs.setCurrentIndex(4)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)


def test_closing_a_dialog_returns_to_the_grid(qtbot, window_for, monkeypatch):
    window = window_for(SAMPLE)
    QTest.keyClick(window, Qt.Key_3, Qt.AltModifier)
    for answer in (dialogs.ReportInfoDialog.Rejected, dialogs.ReportInfoDialog.Accepted):
        window.title_label.setFocus()
        monkeypatch.setattr(dialogs.ReportInfoDialog, "exec", lambda self, a=answer: a)
        window.files.new_report()
        view = window.tab_widgets[3].body
        assert QApplication.focusWidget() is view
        assert view.grid_model.cell_id(view.currentIndex()) == input_order("t3")[0]
    window.title_label.setFocus()
    monkeypatch.setattr(dialogs.ReportInfoDialog, "exec", lambda self: dialogs.ReportInfoDialog.Rejected)
    window.edit_report_info()
    assert QApplication.focusWidget() is window.tab_widgets[3].body
