"""Starting the application: QApplication, the Chinese font and translations, the main window.

``main(path)`` is what ``nianbao [FILE]`` runs; without a display it says so in
Chinese (with the command-line alternative) instead of running invisibly.
``build_window(path)`` builds the real window for a file without starting an
event loop (tests use it), and ``screenshot(path, out_png, tab)`` renders it into
a PNG with no display.  Qt's own English diagnostics ("This plugin does not
support propagateSizeHints()" …) go to a log file in the data folder, never to
the clerk's terminal.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Optional

from nianbao.core.errors import InputError

SCREEN_SIZE = (1366, 768)
UI_FONT = ("fonts", "NotoSansSC-Regular.ttf")
UI_POINT_SIZE = 10
WINDOW_ICON = ("icons", "nianbao-256.png")


NO_DISPLAY = ("未找到图形界面（DISPLAY）：无法打开窗口。请在图形桌面中运行 nianbao，"
              "或使用命令行：nianbao check 报告文件（校验）、nianbao export 报告文件 --pdf 输出.pdf（导出），"
              "nianbao --help 查看全部用法")
QT_LOG = "qt-messages.log"
_QT_LOG_LIMIT = 1 << 20


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                # a platform without a display asked for explicitly (offscreen, vnc …)
                or (platform and not platform.startswith(("xcb", "wayland"))))


def quiet_qt_messages() -> None:
    """Qt's diagnostics to ``qt-messages.log`` in the data folder, not to the terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind, context, message) -> None:
        try:
            from .autosave import data_dir
            log = data_dir() / QT_LOG
            mode = "w" if log.exists() and log.stat().st_size > _QT_LOG_LIMIT else "a"
            with open(log, mode, encoding="utf-8") as out:
                out.write(f"{kind.name}: {message}\n")
        except OSError:
            pass    # no log then; still nothing on the terminal
        if kind == QtMsgType.QtFatalMsg:
            # Qt is about to abort (for example a DISPLAY that cannot be reached): one line, exit 2.
            where = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "（未设置）"
            print(f"nianbao: 无法连接图形界面（DISPLAY={where}），窗口无法打开；"
                  f"详情见数据文件夹中的 {QT_LOG}。命令行仍可使用：nianbao --help", file=sys.stderr, flush=True)
            os._exit(2)
    qInstallMessageHandler(handler)


def _ensure_platform() -> None:
    """Without a display, render offscreen rather than fail."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def ensure_app(complete: bool = True):
    """The QApplication, created once, with the bundled Chinese font and Qt's Chinese translations.

    ``complete=False`` (the start of ``nianbao``): only the font, which the first
    paint needs; ``complete_app`` adds the rest right after it.
    """
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        _ensure_platform()
        QApplication.setApplicationName("nianbao")
        QApplication.setOrganizationName("nianbao")
        QApplication.setApplicationDisplayName("政府信息公开工作年度报告")
        app = QApplication(sys.argv[:1])
    # Also when someone else (a test harness) created the application.
    if not app.property("nianbao_font"):
        _install_font(app)
        app.setProperty("nianbao_font", True)
    if complete:
        complete_app(app)
    return app


def complete_app(app) -> None:
    """Qt's Chinese translations (its own dialogs' buttons) and the window icon; once."""
    if not app.property("nianbao_ready"):
        _install_translations(app)
        from PySide6.QtGui import QIcon
        from nianbao.core.resources import resource_path
        app.setWindowIcon(QIcon(str(resource_path(*WINDOW_ICON))))
        app.setProperty("nianbao_ready", True)


def _install_font(app) -> None:
    from PySide6.QtGui import QFont, QFontDatabase
    from nianbao.core.resources import resource_path
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*UI_FONT)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0], UI_POINT_SIZE)
        font.setStyleStrategy(QFont.PreferAntialias)
        app.setFont(font)


def _install_translations(app) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    app._translators = []   # kept alive as long as the application
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            app._translators.append(translator)
            break


def load_document(path: Optional[str], check: bool = True):
    """The document for a file (report file or Excel, via core.importing), or a blank report."""
    from nianbao.core.importing import KIND_REPORT, load
    from nianbao.core.model import new_report
    from .document import ReportDocument
    if path is None:
        import datetime
        return ReportDocument(new_report(datetime.date.today().year - 1, ""), check=check), []
    loaded = load(path)
    own = loaded.kind == KIND_REPORT
    document = ReportDocument(loaded.report, Path(path).resolve() if own else None, check=check)
    if not own:
        document.mark_modified()   # imported from Excel: not yet saved as a report file
    return document, list(loaded.notes)


def build_window(path: Optional[str] = None, *, autosave: bool = True,
                 recover: Optional[Callable[[object], bool]] = None, deferred: bool = False):
    """The real main window for ``path`` (None: a blank report), without an event loop.

    ``recover`` is asked about each recovery file left by a crashed run (True:
    restore it); without it, recovery files are left alone.  Raises
    ``InputError`` when the file cannot be read.  ``deferred``: the window
    completes its start (checks, findings, menus) right after its first paint.
    """
    ensure_app(complete=not deferred)
    from .autosave import Autosaver, find_recoveries
    from .main_window import MainWindow
    document, notes, restored, unreadable = None, [], None, []
    if recover is not None:
        for recovery in find_recoveries(unreadable=unreadable):
            if document is not None:
                recovery.release()      # one window restores one report; the next start offers the rest
                continue
            if recover(recovery):
                from .document import ReportDocument
                document = ReportDocument(recovery.report, recovery.original, check=not deferred)
                document.mark_modified()
                restored = recovery
            else:
                recovery.discard()
    if document is None:
        document, notes = load_document(path, check=not deferred)
    factory = Autosaver if autosave else None
    if restored is not None:
        if autosave:
            # The restored file goes only once this window's own recovery file is on disk.
            factory = lambda doc: _adopting(Autosaver(doc), restored)   # noqa: E731
        else:
            restored.release()
    window = MainWindow(document, autosaver_factory=factory, deferred=deferred)
    window.import_notes = notes
    window.recovery_notes = unreadable
    return window


def _adopting(autosaver, recovery):
    autosaver.adopt(recovery)
    return autosaver


def screenshot(path: str, out_png: str, tab: int = 1) -> None:
    """Render the window with the report at ``path`` (tab 1–6) at 1366×768 into a PNG."""
    from . import collector
    collector.pause()
    try:
        from PySide6.QtCore import Qt
        quiet_qt_messages()
        window = build_window(path, autosave=False)
    finally:
        collector.settle()     # also when the file could not be read
    window.setAttribute(Qt.WA_DontShowOnScreen, True)
    window.setWindowState(Qt.WindowNoState)   # not the clerk's remembered (maybe maximised) window
    window.resize(*SCREEN_SIZE)
    window.tabs.setCurrentIndex(max(0, min(5, tab - 1)))
    window.show()
    app = ensure_app()
    for _ in range(3):
        app.processEvents()
    image = window.grab()
    window.ask_unsaved = lambda *_: "discard"
    window.hide()   # not close(): a screenshot must not change the size the clerk's window opens at
    if not image.save(str(out_png), "PNG"):
        raise InputError(f"无法写入截图文件：{out_png}")


def _report_unexpected_errors(window) -> None:
    """From now on an unforeseen error is logged and told in Chinese, never a console traceback."""
    from . import crash, dialogs
    from .autosave import data_dir
    crash.install(data_dir, lambda message: dialogs.show_error(window, message, "意外错误"))


def main(path: Optional[str] = None) -> int:
    """Start the application (``nianbao [FILE]``): restore offer, window, event loop."""
    if not _has_display():
        raise InputError(NO_DISPLAY)
    from . import collector
    collector.pause()      # until the window's start is complete (MainWindow.complete_start)
    quiet_qt_messages()
    app = ensure_app(complete=False)

    def ask_restore(recovery) -> bool:
        from . import dialogs     # only when there is something to restore: not on the way to the window
        complete_app(app)
        return dialogs.ask_restore(recovery)

    try:
        window = build_window(path, recover=ask_restore, deferred=True)
    except InputError as exc:
        from . import dialogs
        complete_app(app)
        dialogs.show_error(None, str(exc)).exec()
        window = build_window(None, recover=None, deferred=True)
    window.startCompleted.connect(lambda: complete_app(app))
    window.startCompleted.connect(lambda: _report_unexpected_errors(window))
    if os.environ.get("NIANBAO_STARTUP_PROBE"):   # startup_probe.PROBE_ENV, without importing it
        from . import startup_probe
        startup_probe.watch(window, app)
    window.show()
    for title, notes in (("导入时有以下情况，请核对：", window.import_notes),
                         ("上次未保存的工作", window.recovery_notes)):
        if notes:
            from . import dialogs
            window.startCompleted.connect(
                lambda t=title, n=notes: dialogs.show_notice(window, t, n))
    return app.exec()
