"""粘贴上年年报: last year's report pasted from the clipboard (a web page copied in a browser), and
last year's Word/PDF/page chosen as a file (issue 13)."""
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from nianbao.core.model import Report
from nianbao.core.reportfile import read_report, write_report
from tests.core import doc_layouts as dl

from .conftest import SAMPLE
from .test_files import menu_texts


def _window_2023(window_for, tmp_path):
    this = Report(2023, "平潭综合实验区公安局")
    this.set("t3.new.natural", 7)
    write_report(this, tmp_path / "2023.nianbao")
    return window_for(tmp_path / "2023.nianbao")


def _pasted(qtbot, window, mime):
    QGuiApplication.clipboard().setMimeData(mime)
    window.files.paste_last_year()
    qtbot.waitUntil(lambda: window.document.report.last_year is not None or bool(window.files.last_error),
                    timeout=20000)
    return window.document.report


def test_paste_copied_page_html_carries_four_into_two(qtbot, window_for, tmp_path, monkeypatch):
    monkeypatch.setattr("nianbao.gui.dialogs.show_notice", lambda *a, **k: None)
    last = read_report(SAMPLE)
    window = _window_2023(window_for, tmp_path)
    assert "粘贴上年年报（从剪贴板导入）" in menu_texts(window)
    mime = QMimeData()
    mime.setHtml(dl.html_page(last))
    mime.setText(dl.copied_text(last))
    report = _pasted(qtbot, window, mime)
    assert not window.files.last_error
    assert report.get("t3.new.natural") == 7                     # typed this year: kept
    assert report.get("t3.carried_in.total") == last.get("t3.carried_out.total")
    assert report.last_year.snapshot() == last.snapshot()
    assert report.last_year.text == last.text


def test_paste_copied_text(qtbot, window_for, tmp_path, monkeypatch):
    monkeypatch.setattr("nianbao.gui.dialogs.show_notice", lambda *a, **k: None)
    last = read_report(SAMPLE)
    window = _window_2023(window_for, tmp_path)
    mime = QMimeData()
    mime.setText(dl.copied_text(last))
    report = _pasted(qtbot, window, mime)
    assert report.last_year.snapshot() == last.snapshot()


def test_paste_with_an_empty_clipboard_says_so(qtbot, window_for, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("nianbao.gui.dialogs.show_error", lambda _w, m: shown.append(m))
    window = _window_2023(window_for, tmp_path)
    QGuiApplication.clipboard().setMimeData(QMimeData())
    assert window.files.paste_last_year() is None
    assert shown and "剪贴板中没有文字" in shown[0]


def test_file_dialogs_offer_word_pdf_and_pages(qtbot, window_for):
    window = window_for(None)
    for pattern in ("*.docx", "*.pdf", "*.html", "*.txt", "*.xlsx", "*.nianbao"):
        assert pattern in window.files.open_filter.split(";;")[0]
