"""A keystroke in a grid repaints the cells it changed, not the whole grid (issue 15, "Keystroke")."""
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nianbao.core.form import FORM

from .conftest import WITH_ERRORS
from .test_grid import go_to, table_tab


class PaintLog(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.rects = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def test_the_first_digit_repaints_the_cell_and_its_totals_only(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    view = table_tab(window, 3).body
    go_to(view, "t3.new.natural")
    qtbot.wait(50)                             # the focus's own repaint done
    changes = []
    view.grid_model.dataChanged.connect(lambda a, b, *_: changes.append((a.row(), a.column(), b.row(), b.column())))
    painted = PaintLog(view.viewport())
    QTest.keyClick(view, Qt.Key_7)             # opens the cell's editor: totals and findings follow
    QApplication.processEvents()
    assert window.document.snapshot["t3.new.natural"] == 7
    assert changes and all(r0 == r1 and c0 == c1 for r0, c0, r1, c1 in changes)     # cell by cell
    full = view.viewport().rect()
    assert painted.rects and all(r.height() < full.height() / 2 for r in painted.rects), painted.rects
    QTest.keyClick(window.focusWidget(), Qt.Key_Return)
    assert window.document.snapshot["t3.new.natural"] == 7


def test_many_changed_cells_are_announced_as_one_rectangle(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    model = table_tab(window, 3).body.grid_model
    changes = []
    model.dataChanged.connect(lambda a, b, *_: changes.append((a, b)))
    inputs = [c for c in model.table.data_positions if not window.document.report.is_stated_total(c)
              and not FORM.cells[c].computed]
    window.document.set_cells({c: 1 for c in inputs}, "all ones")
    assert len(inputs) > 40 and 0 < len(changes) <= 2


def test_a_changed_finding_replaces_its_row_only(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    panel, doc = window.findings, window.document
    before = panel.items()
    assert len(before) == len(doc.findings) > 3
    target = next(f for f in doc.findings if f.cells and not FORM.cells[f.cells[0]].computed)
    cell = target.cells[0]
    doc.set_cells({cell: (doc.snapshot[cell] or 0) + 1}, "one more")
    after = panel.items()
    assert [i.data(0, Qt.UserRole + 1) for i in after] == doc.findings
    kept = [i for i in after if any(i is b for b in before)]
    assert kept                        # unchanged rows are the same rows, not rebuilt
    for item in after:                 # every fixable row has its button
        finding = item.data(0, Qt.UserRole + 1)
        assert (panel.tree.itemWidget(item, 4) is not None) == (finding.fix is not None)


def test_a_finding_whose_message_changes_is_rewritten_in_its_row(qtbot, window_for, report_copy):
    window = window_for(report_copy(WITH_ERRORS))
    panel, doc = window.findings, window.document
    inserted = []
    panel.tree.model().rowsInserted.connect(lambda *args: inserted.append(args))
    view = table_tab(window, 3).body
    go_to(view, "t3.new.natural")
    before = list(doc.findings)
    QTest.keyClick(view, Qt.Key_7)
    QApplication.processEvents()
    assert doc.findings != before
    rows_inserted = sum(last - first + 1 for _parent, first, last in inserted)
    assert rows_inserted == max(0, len(doc.findings) - len(before))     # the others rewritten in place
    assert [i.data(0, Qt.UserRole + 1) for i in panel.items()] == doc.findings
    for item in panel.items():
        finding = item.data(0, Qt.UserRole + 1)
        assert item.text(2) == finding.message
        button = panel.tree.itemWidget(item, 4)
        assert (button is not None) == (finding.fix is not None)
        if button is not None:
            assert finding.fix.description in button.toolTip()
    QTest.keyClick(window.focusWidget(), Qt.Key_Return)
    fixable = next(i for i in panel.items() if i.data(0, Qt.UserRole + 1).fix is not None)
    fix = fixable.data(0, Qt.UserRole + 1).fix
    panel.tree.itemWidget(fixable, 4).click()
    assert doc.snapshot[fix.cell] == fix.value
