"""Typing, navigation, paste, undo and fixes in the real window's grids."""
from decimal import Decimal

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest

from nianbao.core.form import FORM

from .conftest import SAMPLE, WITH_ERRORS


def table_tab(window, section):
    window.tabs.setCurrentIndex(section - 1)
    return window.tab_widgets[section]


def go_to(view, cell_id):
    view.setCurrentIndex(view.grid_model.index_of(cell_id))
    view.setFocus()


def type_text(view, text):
    """Key presses as an input method delivers them (QTest.keyClicks is ASCII only)."""
    for ch in text:
        target = view.window().focusWidget() or view
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            key = ord(ch.upper()) if ch.isascii() else Qt.Key_unknown
            QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.NoModifier, ch))


def test_typing_updates_totals_and_findings(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    doc = window.document
    assert doc.findings == [] or all(f.severity != "error" for f in doc.findings)
    view = table_tab(window, 3).body
    go_to(view, "t3.new.commercial")
    type_text(view, "3")
    QTest.keyClick(view.focusWidget(), Qt.Key_Return)
    assert doc.report.get("t3.new.commercial") == 3
    assert doc.snapshot["t3.new.total"] == 4          # 1 (自然人) + 3, derived by the core
    shown = view.grid_model.index_of("t3.new.total").data()
    assert shown == "4"
    # 一 + 二 no longer equals （七）+ 四 for 商业企业: an error, coloured on the cell, listed in the panel
    bal = [f for f in doc.findings if f.rule == "T3-BAL"]
    assert bal and "t3.new.commercial" in bal[0].cells
    assert any("T3-BAL" in item.toolTip(2) for item in window.findings.items())
    tooltip = view.grid_model.index_of("t3.new.commercial").data(Qt.ToolTipRole)
    assert bal[0].message in tooltip
    assert "✖" in window.tabs.tabText(2)
    assert "错误" in window.summary_label.text()
    # Enter moved down to the next cell to fill in
    assert view.grid_model.cell_id(view.currentIndex()) == "t3.carried_in.commercial"


def test_full_width_digits_and_refused_text(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 3).body
    go_to(view, "t3.granted.natural")
    type_text(view, "１２")
    QTest.keyClick(view.focusWidget(), Qt.Key_Tab)
    assert window.document.report.get("t3.granted.natural") == 12
    assert view.grid_model.cell_id(view.currentIndex()) == "t3.granted.commercial"
    # letters cannot be typed into a count cell
    type_text(view, "abc")
    QTest.keyClick(view.focusWidget(), Qt.Key_Return)
    assert window.document.report.get("t3.granted.commercial") == 0


def test_tab_moves_right_and_skips_totals(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 4).body
    go_to(view, "t4.review.pending")
    QTest.keyClick(view, Qt.Key_Tab)
    assert view.grid_model.cell_id(view.currentIndex()) == "t4.suit_direct.upheld"
    view = table_tab(window, 2).body
    go_to(view, "t2.normative.issued")
    QTest.keyClick(view, Qt.Key_Return)
    assert view.grid_model.cell_id(view.currentIndex()) == "t2.licensing.decisions"


def test_money_cell_takes_a_decimal(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 2).body
    go_to(view, "t2.fees.amount")
    type_text(view, "12.5")
    QTest.keyClick(view.focusWidget(), Qt.Key_Return)
    assert window.document.report.get("t2.fees.amount") == Decimal("12.5")


def test_paste_block_with_a_refused_value(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    tab = table_tab(window, 3)
    view = tab.body
    notices = []
    tab.notice.connect(lambda title, lines: notices.append((title, lines)))
    go_to(view, "t3.granted.natural")
    QGuiApplication.clipboard().setText("2\t3\t0\r\n4\tabc\t-1\r\n")
    QTest.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    report = window.document.report
    assert [report.get(f"t3.granted.{c}") for c in ("natural", "commercial", "research")] == [2, 3, 0]
    assert report.get("t3.partial.natural") == 4
    assert report.get("t3.partial.commercial") == 0     # refused: kept as it was
    assert notices, "the refused values must be explained"
    lines = notices[0][1]
    assert any("abc" in line and "商业企业" in line and "非负整数" in line for line in lines)
    assert any("-1" in line for line in lines)
    # the paste is one undo step
    window.undo_action.trigger()
    assert report.get("t3.granted.natural") == 0 and report.get("t3.partial.natural") == 1
    window.redo_action.trigger()
    assert report.get("t3.granted.natural") == 2


def test_copy_gives_tab_separated_text(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 3).body
    view.select_cells(["t3.new.natural", "t3.new.commercial", "t3.carried_in.natural",
                       "t3.carried_in.commercial"])
    assert view.copy_selection() == "1\t0\n1\t0"


def test_delete_clears_and_undo_restores(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 3).body
    go_to(view, "t3.new.natural")
    QTest.keyClick(view, Qt.Key_Delete)
    doc = window.document
    assert doc.report.get("t3.new.natural") is None
    assert view.grid_model.index_of("t3.new.natural").data() == ""
    assert any(f.rule == "T3-BLANK" for f in doc.findings)
    assert doc.modified
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert doc.report.get("t3.new.natural") == 1
    assert not doc.modified


def test_one_click_fix(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    doc = window.document
    fixable = [f for f in doc.findings if f.fix is not None]
    assert fixable
    item = next(i for i in window.findings.items() if i.data(0, Qt.UserRole + 1) == fixable[0])
    assert item.text(3) == fixable[0].fix.description          # what the fix will do, in the panel
    button = window.findings.tree.itemWidget(item, 4)
    assert button is not None and button.text() == "修正（F9）"
    button.click()
    assert doc.snapshot[fixable[0].fix.cell] == fixable[0].fix.value
    assert fixable[0] not in doc.findings
    doc.undo_stack.undo()
    assert fixable[0] in doc.findings


def test_clicking_a_finding_selects_its_cells(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    item = window.findings.items()[0]
    finding = item.data(0, Qt.UserRole + 1)
    window.findings.tree.itemClicked.emit(item, 0)
    assert window.tabs.currentIndex() == finding.section - 1
    selected = set(window.tab_widgets[finding.section].body.selected_cell_ids())
    assert selected == set(finding.cells)


def test_fill_blanks_with_zero(qtbot, window_for):
    window = window_for(None)
    doc = window.document
    assert len(doc.report.blank_input_cells()) == len(FORM.input_cells)
    view = window.tab_widgets[3].body
    blank_bg = view.grid_model.index_of("t3.new.natural").data(Qt.BackgroundRole).color().name()
    window.fill_blanks_with_zero()
    assert doc.report.blank_input_cells() == []
    assert doc.report.get("t2.fees.amount") == Decimal(0)
    zero_bg = view.grid_model.index_of("t3.new.natural").data(Qt.BackgroundRole)
    assert zero_bg is None or zero_bg.color().name() != blank_bg
    # A new report has no 机关名称 yet (S-AGENCY); the tables themselves are now error-free.
    assert not any(f.severity == "error" and f.rule != "S-AGENCY" for f in doc.findings)
    doc.undo_stack.undo()
    assert len(doc.report.blank_input_cells()) == len(FORM.input_cells)


def test_totals_are_read_only(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    model = window.tab_widgets[3].model
    index = model.index_of("t3.new.total")
    assert not (model.flags(index) & Qt.ItemIsEditable)
    assert not model.setData(index, "7")


def test_one_value_pasted_into_a_selection_fills_it(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    view = table_tab(window, 4).body
    view.select_cells(["t4.review.upheld", "t4.review.corrected", "t4.review.total"])
    assert view.paste_text("２\n")
    report = window.document.report
    assert report.get("t4.review.upheld") == 2 and report.get("t4.review.corrected") == 2
    assert window.document.snapshot["t4.review.total"] == 4     # the total stays computed


def test_clicking_a_text_finding_selects_its_passage(qtbot, window_for, report_copy):
    from nianbao.core.checks import Finding
    window = window_for(report_copy(SAMPLE))
    finding = Finding("N-TEST", "warning", "测试", text_key="problems", span=(2, 6))
    window.show_finding(finding)
    tab = window.tab_widgets[5]
    assert window.tabs.currentIndex() == 4 and window.current_tab() is tab
    cursor = tab.editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (2, 6)


def test_totals_follow_each_keystroke_and_one_entry_is_one_undo(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    doc = window.document
    view = table_tab(window, 3).body
    go_to(view, "t3.new.commercial")
    type_text(view, "1")
    assert view.state() == view.State.EditingState
    assert doc.snapshot["t3.new.total"] == 2            # before Enter
    type_text(view, "2")
    assert doc.snapshot["t3.new.total"] == 13
    assert any(f.rule == "T3-BAL" for f in doc.findings)
    QTest.keyClick(window.focusWidget(), Qt.Key_Return)
    assert doc.report.get("t3.new.commercial") == 12
    doc.undo_stack.undo()                               # the whole entry, not its last digit
    assert doc.report.get("t3.new.commercial") == 0
    assert not doc.modified


def test_escape_puts_the_value_back(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    doc = window.document
    view = table_tab(window, 3).body
    go_to(view, "t3.new.natural")
    type_text(view, "9")
    assert doc.snapshot["t3.new.total"] == 9
    QTest.keyClick(window.focusWidget(), Qt.Key_Escape)
    assert doc.report.get("t3.new.natural") == 1 and doc.snapshot["t3.new.total"] == 1
    assert doc.undo_stack.count() == 0 and not doc.modified


def test_keyboard_reaches_sections_and_findings(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    shortcuts = {a.text(): a.shortcut().toString() for a in window.view_menu.actions()}
    assert shortcuts["三、收到和处理政府信息公开申请情况"] == "Alt+3"
    assert shortcuts["下一个问题"] == "F8"
    window.step_finding(1)
    first = window.document.findings[0]
    assert window.tabs.currentIndex() == first.section - 1
    assert set(window.tab_widgets[first.section].body.selected_cell_ids()) == set(first.cells)
    assert first.message in window.statusBar().currentMessage()
    window.step_finding(1)
    assert window.findings.tree.currentItem() is window.findings.items()[1]


def test_status_bar_reads_the_current_cell(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    view = table_tab(window, 3).body
    messages = []
    window.tab_widgets[3].hint.connect(messages.append)
    go_to(view, "t3.new.total")
    assert messages and messages[-1].startswith("一、本年新收政府信息公开申请数量·总计 — 【错误】")


def test_text_findings_are_highlighted_where_they_point(qtbot, window_for, report_copy):
    from nianbao.core.checks import Finding
    window = window_for(report_copy(SAMPLE))
    doc = window.document
    tab = window.tab_widgets[5]
    doc.findings = [Finding("N-TEST", "warning", "这里写错了", text_key="problems", span=(3, 8))]
    doc.findingsChanged.emit()
    assert [s.cursor.selectionStart() for s in tab.editor.extraSelections()] == [3]
    assert [f.message for f in tab.findings_at(5)] == ["这里写错了"] and tab.findings_at(9) == []
