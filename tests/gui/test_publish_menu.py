"""导出 Word…, 导出网页版… and 复制为网页格式 in the 文件 menu: real exports on the worker thread."""
import zipfile

import pytest
from PySide6.QtWidgets import QApplication

from nianbao.gui import exports

from .conftest import SAMPLE, WITH_ERRORS
from .test_files import menu_texts


def test_menu_has_word_html_and_copy(qtbot, window_for):
    texts = menu_texts(window_for(None))
    for text in ("导出 Word…", "导出网页版…", "复制为网页格式"):
        assert text in texts


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_export_writes_the_file(qtbot, window_for, report_copy, tmp_path, kind):
    window = window_for(report_copy(WITH_ERRORS))
    target = tmp_path / f"年报.{kind}"
    with qtbot.waitSignal(window.files.exported, timeout=60000):
        window.files.export_to(exports.EXPORTERS[kind], str(target), offer_open=False)
    if kind == "docx":
        header = zipfile.ZipFile(target).read("word/header1.xml").decode()
        assert 'string="草稿"' in header      # the window's findings have errors: a draft
    else:
        html = target.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "附：未解决的校验问题" in html


def test_copy_puts_html_and_plain_text_on_the_clipboard(qtbot, window_for, report_copy):
    window = window_for(report_copy(SAMPLE))
    clipboard = QApplication.clipboard()
    clipboard.clear()
    try:
        window.files.copy_html()
        qtbot.waitUntil(lambda: clipboard.mimeData() is not None and clipboard.mimeData().hasHtml(),
                        timeout=30000)
        mime = clipboard.mimeData()
        assert mime.html().startswith('<div lang="zh-CN">') and "<table" in mime.html()
        assert mime.text().startswith(window.document.report.title)
        assert "\t" in mime.text()
    finally:
        # Qt's offscreen platform crashes at exit while its clipboard holds data (a real
        # X11 display does not: checked under xvfb).
        clipboard.clear()
