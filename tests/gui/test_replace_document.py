"""Issue 9 blocker: after every way of replacing the report, the tab one is on shows and edits the NEW one.

Each action of the 文件 menu that replaces the open report is run from each of the six tabs
(the tab built on the old report before the action).  Afterwards the current tab shows the
new report's values, an edit lands in the new report (never the old one), and saving writes it.
"""
import pytest
from PySide6.QtCore import Qt

from nianbao.core.form import FORM
from nianbao.core.reportfile import read_report, write_report
from nianbao.core.values import format_value
from nianbao.gui import dialogs

from .conftest import SAMPLE, WITH_ERRORS
from .test_files import _excel_of_sample

ACTIONS = ("new", "open", "recent", "from_last_year_report", "from_last_year_excel", "import_last_year_excel")


@pytest.fixture
def files(tmp_path, monkeypatch):
    """This year's report (2023, full of values), another report, last year's report and its Excel."""
    this = read_report(SAMPLE)
    this.year = 2023
    this.text["overview"] = "本年度的总体情况。"
    paths = {"this": tmp_path / "this.nianbao", "other": tmp_path / "other.nianbao",
             "last": tmp_path / "last.nianbao"}
    write_report(this, paths["this"])
    other = read_report(WITH_ERRORS)
    other.text["overview"] = "另一份报告的总体情况。"
    write_report(other, paths["other"])
    last = read_report(SAMPLE)
    last.set("t3.carried_out.natural", 3)
    write_report(last, paths["last"])
    paths["excel"] = _excel_of_sample(tmp_path, monkeypatch)
    return paths


def run_action(qtbot, window, action, files, monkeypatch):
    old = window.document
    fa = window.files
    if action == "new":
        fa.create(2024, "新建的机关")
    elif action == "open":
        monkeypatch.setattr(dialogs, "choose_file", lambda *a, **k: str(files["other"]))
        fa.open()
    elif action == "recent":
        fa.remember(files["other"])
        fa._fill_recent()
        next(a for a in fa.recent_menu.actions() if a.text() == str(files["other"])).trigger()
    elif action == "from_last_year_report":
        fa.create(2023, "", str(files["last"]))
    elif action == "from_last_year_excel":
        fa.create(2023, "", str(files["excel"]))
    else:
        monkeypatch.setattr(dialogs, "choose_file", lambda *a, **k: str(files["excel"]))
        fa.import_last_year_excel()
    qtbot.waitUntil(lambda: window.document is not old, timeout=20000)
    return old


def shown_matches(tab, document) -> bool:
    """What the tab displays is exactly the document's content."""
    if hasattr(tab, "editor"):
        return tab.document is document and tab.editor.toPlainText() == document.report.text.get(tab.key, "")
    model = tab.model
    return model.document is document and all(
        model.index_of(c.id).data(Qt.DisplayRole) == format_value(document.snapshot[c.id])
        for c in model.table.cells)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("tab_number", range(1, 7))
def test_current_tab_shows_and_edits_the_new_report(qtbot, window_for, files, tmp_path, monkeypatch,
                                                      action, tab_number):
    window = window_for(files["this"])
    window.tabs.setCurrentIndex(tab_number - 1)
    before = window.current_tab()
    assert shown_matches(before, window.document)
    old = run_action(qtbot, window, action, files, monkeypatch)
    new = window.document
    tab = window.current_tab()
    assert window.tabs.currentIndex() == tab_number - 1
    assert shown_matches(tab, new), f"{action} from tab {tab_number}: the tab shows the old report"
    if action == "import_last_year_excel":
        cell = FORM.cells["t3.carried_in.natural"]
        assert new.report.get(cell.id) == read_report(SAMPLE).get("t3.carried_out.natural")
    # every other tab, visited now, shows the new report too
    for n in range(1, 7):
        window.tabs.setCurrentIndex(n - 1)
        assert shown_matches(window.current_tab(), new)
    window.tabs.setCurrentIndex(tab_number - 1)
    # an edit lands in the new report and marks it unsaved
    old_snapshot, old_texts = dict(old.report.snapshot()), dict(old.report.text)
    if hasattr(tab, "editor"):
        tab.editor.setPlainText("新报告的文字。")
        assert new.report.text[tab.key] == "新报告的文字。"
        check = lambda saved: saved.text[tab.key] == "新报告的文字。"   # noqa: E731
    else:
        cid = next(c.id for c in tab.model.table.cells if not c.computed)
        assert tab.model.setData(tab.model.index_of(cid), "4321", Qt.EditRole)
        assert new.report.get(cid) == 4321
        assert tab.model.index_of(cid).data(Qt.DisplayRole) == "4321"
        check = lambda saved: saved.get(cid) == 4321   # noqa: E731
    assert new.modified and window.isWindowModified()
    assert old.report.snapshot() == old_snapshot and old.report.text == old_texts
    # saving writes it
    target = tmp_path / "saved.nianbao"
    assert window.files.save_to(target)
    assert check(read_report(target))
