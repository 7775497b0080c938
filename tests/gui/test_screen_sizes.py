"""Issue 9: the window fits the screen, 表三 keeps its labels near their numbers, short tab titles."""
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from nianbao.core.form import FORM
from nianbao.gui.autosave import settings

from .conftest import WITH_ERRORS


def available():
    return QGuiApplication.primaryScreen().availableGeometry()


def test_first_window_fits_the_available_screen(qtbot):
    from nianbao.gui.app import build_window
    window = build_window(None, autosave=False)
    qtbot.addWidget(window)
    area = available()
    assert window.width() <= area.width() and window.height() <= area.height()


def test_a_remembered_size_that_no_longer_fits_is_shrunk(qtbot):
    from nianbao.gui.app import build_window
    big = build_window(None, autosave=False)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 2400, 1500)          # as left on a larger screen
    settings().setValue("window/geometry", big.saveGeometry())
    window = build_window(None, autosave=False)
    qtbot.addWidget(window)
    area = available()
    assert window.width() <= area.width() and window.height() <= area.height()
    frame = window.frameGeometry()
    assert area.contains(frame.topLeft())


@pytest.mark.parametrize("width", [1024, 1366, 1920])
def test_tab_titles_are_short_whole_and_the_full_title_is_at_hand(qtbot, window_for, width):
    window = window_for(WITH_ERRORS)
    window.resize(width, 700)
    qtbot.wait(50)
    bar = window.tabs.tabBar()
    for section in FORM.sections:
        i = section.number - 1
        text = bar.tabText(i)
        assert text.startswith(f"{section.numeral} ") and len(text.split()[1]) <= 5
        assert section.title in bar.tabToolTip(i)
        assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width() - 1, f"{text} is cut at {width}"
        assert bar.tabRect(i).right() <= bar.width()
        window.tabs.setCurrentIndex(i)
        headings = [w.text() for w in window.current_tab().findChildren(QLabel)]
        assert any(section.title in h for h in headings), f"no page heading with {section.title}"


def test_table_three_labels_stay_near_their_numbers_on_a_wide_screen(qtbot, window_for):
    window = window_for(WITH_ERRORS)
    window.tabs.setCurrentIndex(2)
    tab = window.current_tab()
    tab.resize(1900, 800)
    tab.fit_columns()
    labels = sum(tab.body.columnWidth(c) for c in range(FORM.table("t3").label_cols))
    assert labels <= 600, labels
    data = [tab.body.columnWidth(c) for c in range(FORM.table("t3").label_cols, FORM.table("t3").grid_cols)]
    assert min(data) >= 64
