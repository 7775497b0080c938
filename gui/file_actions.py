"""The 文件 menu: new, open, save, recent files, last year's import (a file or the clipboard), the exports
and 复制为网页格式.

Last year's report comes from a report file, an Excel workbook, a Word
document, a PDF, a saved web page, a text file, or the clipboard (粘贴上年年报:
the page copied in a browser, its table markup kept where the clipboard has
it).  Opening a file, importing last year's and every export run on a
worker thread; the exported file is written atomically.  Errors reach the clerk
as the one-line Chinese message of ``InputError``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, List, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from nianbao.core.errors import InputError
from nianbao.core.form import FORM
from nianbao.core.importing import KIND_REPORT, Loaded, load, load_bytes
from nianbao.core.model import new_report
from nianbao.core.reportfile import atomic_write_bytes, write_report_or_explain

from .autosave import settings
from .document import ReportDocument
from .exports import Exporter, available_exporters, excel_import_available, export_bytes
from .worker import Job, run_in_background

REPORT_FILTER = "年报文件 (*.nianbao)"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx *.xls)"
DOCUMENT_FILTER = "Word、PDF、网页或文本 (*.docx *.pdf *.html *.htm *.mht *.txt)"
ANY_FILTER = (f"年报、Excel、Word、PDF 或网页 (*.nianbao *.xlsx *.xls *.docx *.pdf *.html *.htm *.mht *.txt);;"
              f"{REPORT_FILTER};;{EXCEL_FILTER};;{DOCUMENT_FILTER}")
MAX_RECENT = 8
OFFICIAL_FONTS_KEY = "pdf/official_fonts"


def _dialogs():
    """The dialogs module, imported when a dialog is first needed: not on the way to the window."""
    from . import dialogs
    return dialogs


def _unsaved(document: ReportDocument) -> ReportDocument:
    """A report made from another file holds data the clerk has not saved yet."""
    document.mark_modified()
    return document


class FileActions(QObject):
    exported = Signal(str)            # the path written
    loaded = Signal(object)           # the new ReportDocument

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.excel = excel_import_available()
        self.exporters = available_exporters()
        self.open_filter = ANY_FILTER if self.excel else REPORT_FILTER
        self.last_error = ""

    # -- menu ----------------------------------------------------------------

    def build_menu(self, menu: QMenu) -> None:
        w = self.window
        self.action("新建…", self.new_report, menu, QKeySequence.New)
        self.action("从上年报告/Excel新建…" if self.excel else "从上年报告新建…",
                    lambda: self.new_report(ask_last_year=True), menu)
        self.action("打开…", self.open, menu, QKeySequence.Open)
        self.recent_menu = menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        self.action("保存", self.save, menu, QKeySequence.Save)
        self.action("另存为…", self.save_as, menu, QKeySequence.SaveAs)
        if self.excel or self.exporters:
            menu.addSeparator()
        if self.excel:
            self.action("从上年Excel导入…", self.import_last_year_excel, menu)
            self.action("粘贴上年年报（从剪贴板导入）", self.paste_last_year, menu)
        for exporter in self.exporters:
            self.action(exporter.menu_text, lambda _=False, e=exporter: self.export(e), menu)
        if any(e.kind == "html" for e in self.exporters):
            self.action("复制为网页格式", self.copy_html, menu)
        if any(e.kind == "pdf" for e in self.exporters):
            self.official_fonts_action = QAction("PDF 使用本机公文字体（仿宋_GB2312、方正小标宋简体等）", self.window)
            self.official_fonts_action.setCheckable(True)
            self.official_fonts_action.setChecked(self.use_official_fonts())
            self.official_fonts_action.setToolTip("本机装有公文字体时使用它们，未装的仍用程序自带的字体")
            self.official_fonts_action.toggled.connect(lambda on: settings().setValue(OFFICIAL_FONTS_KEY, on))
            menu.addAction(self.official_fonts_action)
        menu.addSeparator()
        self.action("退出", w.close, menu, QKeySequence.Quit)

    @staticmethod
    def use_official_fonts() -> bool:
        return str(settings().value(OFFICIAL_FONTS_KEY, False)).lower() in ("true", "1")

    def action(self, text: str, slot: Callable, menu: QMenu, shortcut=None) -> QAction:
        act = QAction(text, self.window)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        return act

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for path in files:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.window.maybe_save() and self.open_path(p))
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)

    def recent_files(self) -> List[str]:
        value = settings().value("recent", [])
        files = [value] if isinstance(value, str) else list(value or [])
        return [f for f in files if Path(f).exists()]

    def remember(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        settings().setValue("recent", files[:MAX_RECENT])

    # -- new, open -----------------------------------------------------------

    def new_report(self, ask_last_year: bool = False) -> None:
        if not self.window.maybe_save():
            return
        dialog = _dialogs().ReportInfoDialog(self.window, ask_last_year=ask_last_year,
                                          file_filter=self.open_filter)
        if dialog.exec() != _dialogs().ReportInfoDialog.Accepted:
            self.window.focus_current_tab()
            return
        year, agency, last_path = dialog.values()
        if last_path and dialog.loaded is not None:
            self.create_from(year, agency, dialog.loaded, last_path)   # the dialog has read it already
        else:
            self.create(year, agency, last_path)

    def create(self, year: int, agency: str, last_path: Optional[str] = None) -> Optional[Job]:
        """A new report; with last year's report (any readable format), carried forward."""
        if not last_path:
            self.window.set_document(ReportDocument(new_report(year, agency)))
            return None
        return self._load_in_background(last_path, lambda loaded: self.create_from(year, agency, loaded, last_path),
                                        year=year - 1)

    def create_from(self, year: int, agency: str, loaded: Loaded, last_path: str) -> None:
        """A new report carrying forward last year's, already read from ``last_path``."""
        try:
            report = new_report(year, agency, loaded.report)
        except InputError as exc:      # last year's file is of another year
            self.fail(str(exc))
            return
        self.window.set_document(_unsaved(ReportDocument(report)))
        self.window.statusBar().showMessage(f"已从 {Path(last_path).name} 结转上年数据", 8000)
        self._show_notes(loaded)

    def open(self) -> None:
        if not self.window.maybe_save():
            return
        path = _dialogs().choose_file(self.window, "打开年报", self._directory(), self.open_filter)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> Optional[Job]:
        def done(loaded: Loaded):
            own = loaded.kind == KIND_REPORT
            document = ReportDocument(loaded.report, Path(path) if own else None)
            if not own:
                document.mark_modified()   # imported from Excel: not yet saved as a report file
            self.window.set_document(document)
            if own:
                self.remember(Path(path).resolve())
            self._show_notes(loaded)
            self.loaded.emit(self.window.document)
        return self._load_in_background(path, done)

    def import_last_year_excel(self) -> None:
        if not self.window.maybe_save():
            return
        path = _dialogs().choose_file(self.window, "选择上年年报（Excel、Word、PDF 或网页）", self._directory(),
                                      ANY_FILTER)
        if path:
            self._load_in_background(path, self._carry_into_current,
                                     year=self.window.document.report.year - 1)

    def paste_last_year(self) -> Optional[Job]:
        """Last year's report as copied from its web page: the HTML when the clipboard has it, else the text."""
        from PySide6.QtGui import QGuiApplication
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasHtml() and mime.html().strip():
            data, name = mime.html().encode("utf-8"), "剪贴板中的网页内容"
        elif mime is not None and mime.hasText() and mime.text().strip():
            data, name = mime.text().encode("utf-8"), "剪贴板中的文字"
        else:
            self.fail("剪贴板中没有文字：请先在网页上选中上年年报全文并复制，再粘贴")
            return None
        self.window.statusBar().showMessage("正在读取剪贴板中的上年年报…")
        year = self.window.document.report.year - 1
        return run_in_background(lambda: load_bytes(data, name, year), self._carry_into_current, self.fail)

    def _carry_into_current(self, loaded: Loaded) -> None:
        """Last year's report joins the open one: 二、上年结转 from its 四, its texts for reference.

        What the clerk has typed this year stays; only the carried cells are set.
        """
        doc = self.window.document
        current = doc.report.copy()
        try:
            carried = new_report(current.year, current.agency, loaded.report)
        except InputError as exc:          # last year's file is of another year
            self.fail(str(exc))
            return
        current.last_year = carried.last_year
        current.agency = current.agency or carried.agency
        for cid, value in carried.values.items():
            current.set(cid, value)
        self.window.set_document(_unsaved(ReportDocument(current, doc.path)))
        self.window.statusBar().showMessage(
            f"已从 {loaded.report.year} 年报告结转 {FORM.table('t3').cell_at('carried_in', 'total').row.label}", 8000)
        self._show_notes(loaded)

    def _load_in_background(self, path: str, done: Callable[[Loaded], None],
                            year: Optional[int] = None) -> Job:
        """Read a file off the UI thread; ``year``: the report wanted from a multi-report workbook."""
        self.window.statusBar().showMessage(f"正在读取 {Path(path).name}…")
        return run_in_background(lambda: load(path, year), done, self.fail)

    def _show_notes(self, loaded: Loaded) -> None:
        if loaded.notes:
            _dialogs().show_notice(self.window, "导入时有以下情况，请核对：", list(loaded.notes))

    def fail(self, message: str) -> None:
        self.last_error = message
        self.window.statusBar().showMessage(message, 10000)
        _dialogs().show_error(self.window, message)

    # -- save ----------------------------------------------------------------

    def save(self) -> bool:
        doc = self.window.document
        if doc.path is None or doc.path.suffix.lower() != ".nianbao":
            return self.save_as()
        return self.save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.window.document
        path = _dialogs().choose_file(self.window, "另存为",
                                   _dialogs().suggested_path(self._folder(), doc.report.title, ".nianbao"),
                                   REPORT_FILTER, save=True)
        if not path:
            return False
        if not path.lower().endswith(".nianbao"):
            path += ".nianbao"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        doc = self.window.document
        message = write_report_or_explain(doc.report, path)
        if message:
            self.fail(message)
            return False
        doc.mark_saved(path)
        self.remember(Path(path).resolve())
        self.window.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    # -- export --------------------------------------------------------------

    def export(self, exporter: Exporter) -> None:
        doc = self.window.document
        path = _dialogs().choose_file(self.window, exporter.menu_text.rstrip("…"),
                                   _dialogs().suggested_path(self._folder(), doc.report.title, exporter.suffix),
                                   exporter.file_filter, save=True)
        if path:
            if not path.lower().endswith(exporter.suffix):
                path += exporter.suffix
            self.export_to(exporter, path)

    def export_to(self, exporter: Exporter, path: str, offer_open: bool = True) -> Job:
        doc = self.window.document
        report, findings = doc.report.copy(), list(doc.findings)   # the worker gets its own copy
        official = self.use_official_fonts()

        def work():
            atomic_write_bytes(path, export_bytes(exporter, report, findings, official), backup=False)
            return path

        def done(written):
            self.window.statusBar().showMessage(f"已导出到 {written}", 8000)
            self.exported.emit(written)
            if offer_open and exporter.kind in ("pdf", "docx"):
                self._offer_open(written)
        self.window.statusBar().showMessage("正在导出…")
        return run_in_background(work, done, self.fail)

    def copy_html(self) -> Job:
        """The report on the clipboard as text/html (tables with their merges, for a portal's
        editor) and as plain text, made on the worker thread."""
        doc = self.window.document
        report, findings = doc.report.copy(), list(doc.findings)

        def work():
            from nianbao.core.publish import export_html, export_text
            return export_html(report, findings, page=False), export_text(report, findings)

        def done(result):
            from PySide6.QtCore import QMimeData
            from PySide6.QtGui import QGuiApplication
            mime = QMimeData()
            mime.setHtml(result[0])
            mime.setText(result[1])
            QGuiApplication.clipboard().setMimeData(mime)
            self.window.statusBar().showMessage("已复制网页格式，可粘贴到网站后台的编辑器", 8000)
        return run_in_background(work, done, self.fail)

    def _offer_open(self, path: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Information, "导出完成", f"已导出到：\n{path}\n\n是否现在打开？",
                          QMessageBox.Open | QMessageBox.Close, self.window)
        box.button(QMessageBox.Open).setText("打开")
        box.button(QMessageBox.Close).setText("关闭")
        box.accepted.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
        box.open()

    def _folder(self) -> Optional[Path]:
        doc = self.window.document
        return doc.path.parent if doc.path else None

    def _directory(self) -> str:
        folder = self._folder()
        return str(folder) if folder else ""
