"""Issue 9: typing and pasting obey one rule, the core's; a refusal stays until the next edit."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from .conftest import SAMPLE
from .test_grid import go_to, table_tab, type_text


def typed(window, cell, text, key=Qt.Key_Return):
    view = table_tab(window, 3).body
    go_to(view, cell)
    type_text(view, text)
    QTest.keyClick(view.focusWidget(), key)
    return view


def test_negative_and_units_are_refused_and_the_message_stays(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    report = window.document.report
    before = report.get("t3.new.natural")
    for text, says in (("-3", "是负数"), ("3件", "不是非负整数")):
        view = typed(window, "t3.new.natural", text)
        assert report.get("t3.new.natural") == before, f"“{text}” was stored"
        message = window.entry_label.text()
        assert f"“{text}”" in message and says in message and "未填入" in message
        assert "自然人" in message
        # moving around (status hints, findings) does not cover it
        QTest.keyClick(view, Qt.Key_Down)
        window.statusBar().showMessage("别的提示", 5000)
        assert window.entry_label.text() == message and window.entry_label.isVisible()
    # the next edit clears it
    typed(window, "t3.new.commercial", "2")
    assert window.entry_label.text() == ""
    assert report.get("t3.new.commercial") == 2


def test_while_typing_a_refused_text_stores_nothing(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 3).body
    before = window.document.report.get("t3.new.natural")
    go_to(view, "t3.new.natural")
    type_text(view, "3件")
    assert window.document.report.get("t3.new.natural") == before
    assert "“3件”" in window.entry_label.text()
    assert view.focusWidget().text() == "3件"          # what was typed stays in sight, nothing swallowed


def test_what_is_stored_is_said_plainly(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    typed(window, "t3.new.natural", "１２")
    assert window.document.report.get("t3.new.natural") == 12
    assert "已将“１２”填为 12" in window.entry_label.text()


def test_paste_and_typing_refuse_alike(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    typed(window, "t3.new.natural", "-3")
    typed_message = window.entry_label.text()
    tab = table_tab(window, 3)
    notices = []
    tab.notice.connect(lambda title, lines: notices.append(lines))
    go_to(tab.body, "t3.new.natural")
    QGuiApplication.clipboard().setText("-3\n")
    QTest.keyClick(tab.body, Qt.Key_V, Qt.ControlModifier)
    assert notices and typed_message in notices[0]


def test_typing_into_a_total_says_why(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 3).body
    total = window.document.snapshot["t3.new.total"]
    go_to(view, "t3.new.total")
    type_text(view, "5")
    assert window.document.snapshot["t3.new.total"] == total
    assert "合计自动计算" in window.entry_label.text()


def test_an_unfinished_number_is_not_refused_while_typing(qtbot, window_for, report_copy):
    from decimal import Decimal
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 2).body
    go_to(view, "t2.fees.amount")
    seen = []
    for ch in "12.5":
        type_text(view, ch)
        seen.append(window.entry_label.text())
    assert seen == ["", "", "", ""]
    QTest.keyClick(view.focusWidget(), Qt.Key_Return)
    assert window.document.report.get("t2.fees.amount") == Decimal("12.5")
