"""The main window: header line, one tab per section, the findings panel, menus, status bar.

It wires the pieces together and stays small: grids live in ``table_view``,
narrative tabs in ``text_tab``, the findings panel in ``findings``, the 文件
menu in ``file_actions``, recovery in ``autosave``.

Start-up is in two steps so that the window is on screen fast: the frame
(title, file name, buttons, the six section tabs, the menu titles, the findings
panel's frame) is built first; the rest — checks, findings list, tab badges,
menu entries, the current tab's content — by ``complete_start``, which the
window runs right after its first paint when built with ``deferred=True``
(``nianbao`` does), or at once (tests, screenshots).  The modules only that
second step needs are imported there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy, QTabWidget,
                               QVBoxLayout, QWidget)

from nianbao.core.form import FORM

from . import collector
from .autosave import settings
from .document import ReportDocument

if TYPE_CHECKING:
    from .table_tab import TableTab

APP_NAME = "政府信息公开工作年度报告"
# Tab titles short enough for six tabs side by side on a 1024-pixel screen; the full title is
# the tab's tooltip and the page's heading.
DEFAULT_SIZE = (1280, 740)
FRAME_ALLOWANCE = (16, 48)     # what a window manager adds around a window: borders, title bar


def tab_title(section) -> str:
    return f"{section.numeral} {section.tab_label}"


class _SectionTabs(dict):
    """Section number → the tab's content, built on first use."""

    def __init__(self, build: Callable[[int], QWidget]):
        super().__init__()
        self._build = build

    def __missing__(self, number: int) -> QWidget:
        widget = self[number] = self._build(number)
        return widget


class MainWindow(QMainWindow):
    startCompleted = Signal()

    def __init__(self, document: ReportDocument, autosaver_factory: Optional[Callable] = None,
                 deferred: bool = False):
        super().__init__()
        self.document: Optional[ReportDocument] = None
        self.tab_widgets = _SectionTabs(self._build_tab)
        # Blocking questions go through this hook so tests can answer them.
        self.ask_unsaved: Callable[[QWidget, str], str] = _ask_unsaved
        self.start_complete = False
        self._start_pending = deferred
        self._autosaver_factory = autosaver_factory
        self._fitted_on_screen = False
        self.resize(*DEFAULT_SIZE)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 0)
        header = QHBoxLayout()
        self.title_label = QLabel(central)
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1f3b5a;")
        self.path_label = QLabel(central)
        self.path_label.setStyleSheet("color: #666;")
        self.path_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        edit_info = QPushButton("报告信息…", central)
        edit_info.setToolTip("报告年度、机关名称、成文日期、正文前的引言")
        edit_info.clicked.connect(self.edit_report_info)
        fill_zero = QPushButton("空白单元格填 0", central)
        fill_zero.setToolTip("在表二、表三、表四所有尚未填写的单元格中填入 0（可撤销）")
        fill_zero.clicked.connect(self.fill_blanks_with_zero)
        header.addWidget(self.title_label)
        header.addWidget(self.path_label, 1)
        header.addWidget(fill_zero)
        header.addWidget(edit_info)
        layout.addLayout(header)
        self.tabs = QTabWidget(central)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)
        self._pages = []
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        # What became of the last entry: stays until the next edit (status messages do not cover it).
        self.entry_label = QLabel(self)
        self.entry_label.setMaximumWidth(720)
        self.statusBar().addPermanentWidget(self.entry_label)
        self.summary_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.summary_label)
        self.file_menu = self.menuBar().addMenu("文件(&F)")
        self.edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.view_menu = self.menuBar().addMenu("查看(&V)")
        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self.autosaver = None
        self.document = document
        self._add_section_pages()
        self._update_title()
        geometry = settings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)    # the size the clerk left it at, from the first paint on
        self.fit_to_screen()
        if not deferred:
            self.complete_start()

    def fit_to_screen(self) -> None:
        """The window within the screen's available area: a size remembered on a larger screen shrinks."""
        from PySide6.QtGui import QGuiApplication
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        width = min(self.width(), area.width() - FRAME_ALLOWANCE[0])
        height = min(self.height(), area.height() - FRAME_ALLOWANCE[1])
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        if not area.contains(frame):
            x = max(area.left(), min(frame.left(), area.right() - frame.width()))
            y = max(area.top(), min(frame.top(), area.bottom() - frame.height()))
            self.move(x, y)

    def complete_start(self) -> None:
        """Everything the first paint could do without: menus, checks, findings, the current tab."""
        if self.start_complete:
            return
        # Whatever touches Qt's ``Qt`` namespace waits until here: PySide builds all of
        # its enums when the name is first imported, some 12 ms the first paint need not wait for.
        from PySide6.QtCore import Qt
        self.title_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # On a narrow window the six official titles shorten rather than scroll out of sight.
        self.tabs.setElideMode(Qt.ElideMiddle)
        self.findings_dock = QDockWidget("校验结果", self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [150], Qt.Vertical)
        state = settings().value("window/state")
        if state is not None:
            self.restoreState(state)         # the findings panel where the clerk left it
        from .file_actions import FileActions
        self.files = FileActions(self)
        self.files.build_menu(self.file_menu)
        self._build_edit_menu(self.edit_menu)
        self._build_view_menu(self.view_menu)
        self.help_menu.addAction("关于", self._about)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        document = self.document
        self.document = None
        self.set_document(document)
        if self._autosaver_factory is not None:
            self.autosaver = self._autosaver_factory(self.document)
            if self.document.modified:
                self.autosaver.schedule()
        self.start_complete = True
        collector.settle()
        self.startCompleted.emit()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._start_pending:
            # The frame is on screen: the rest follows as the next thing the event loop does.
            self._start_pending = False
            QTimer.singleShot(0, self.complete_start)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted_on_screen:
            # Once the window manager has framed and placed it: the frame within the screen too.
            self._fitted_on_screen = True
            QTimer.singleShot(300, self.fit_to_screen)
        if self._start_pending:
            # Should no paint come (a minimised start), the window still completes its start.
            QTimer.singleShot(500, self.complete_start)

    # -- document ------------------------------------------------------------

    def _add_section_pages(self) -> None:
        """One empty page per section; each tab's content is built when the tab is first shown."""
        old_index = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.clear()
        for page in self._pages:
            page.deleteLater()
        self.tab_widgets = _SectionTabs(self._build_tab)
        self._pages = []
        for section in FORM.sections:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages.append(page)
            self.tabs.addTab(page, tab_title(section))
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(max(0, old_index))

    def set_document(self, document: ReportDocument) -> None:
        """Show another report (new, opened, restored) in this window."""
        from .findings import FindingsPanel
        replacing = self.document is not None
        # The document first: rebuilding the pages shows the current tab, which must be built on it.
        self.document = document
        if replacing:
            self._add_section_pages()
        document.check()
        self.findings = FindingsPanel(document, self.findings_dock)
        self.findings.findingActivated.connect(self.show_finding)
        old_panel = self.findings_dock.widget()
        self.findings_dock.setWidget(self.findings)
        if old_panel is not None:
            old_panel.deleteLater()
        document.findingsChanged.connect(self._on_findings_changed)
        document.modifiedChanged.connect(self.setWindowModified)
        document.metadataChanged.connect(self._update_title)
        document.changed.connect(lambda: self.show_entry_message("", False))
        document.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        document.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(document.undo_stack.canUndo())
        self.redo_action.setEnabled(document.undo_stack.canRedo())
        if self.autosaver is not None:
            self.autosaver.set_document(document)
        self.setWindowModified(document.modified)
        self._update_title()
        self._on_findings_changed()
        self._on_tab_changed(self.tabs.currentIndex())

    def _build_tab(self, number: int) -> QWidget:
        from .table_model import ReportTableModel
        from .table_tab import TableTab
        from .text_tab import TextTab
        section = FORM.section(number)
        page = self._pages[number - 1]
        if section.table_key:
            model = ReportTableModel(FORM.table(section.table_key), self.document, page)
            tab = TableTab(model, page)
            tab.notice.connect(self._show_notice)
            tab.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
            tab.entry.connect(self.show_entry_message)
        else:
            tab = TextTab(section, self.document, page)
        page.layout().addWidget(tab)
        tab.show()     # now, not at the layout's next turn: the tab may take the focus at once
        return tab

    def _on_tab_changed(self, index: int) -> None:
        if index >= 0:
            self.tab_widgets[index + 1]
            self.focus_current_tab()

    def show_section(self, number: int) -> None:
        """Alt+number: the section's tab, the cursor in its editor or the cell it had last time."""
        self.tabs.setCurrentIndex(number - 1)
        self.focus_current_tab()

    def focus_current_tab(self) -> None:
        """Typing goes where the clerk fills in: the tab's editor, or its current input cell."""
        tab = self.current_tab()
        if tab is not None:
            tab.focus_entry()

    def show_entry_message(self, text: str, refused: bool) -> None:
        """A refused entry (red) or what was stored, until the next edit; "" clears it."""
        self.entry_label.setText(text)
        self.entry_label.setToolTip(text)
        self.entry_label.setStyleSheet("color: #b00020; font-weight: bold;" if refused else "color: #1f3b5a;")

    def current_tab(self) -> Optional[QWidget]:
        index = self.tabs.currentIndex()
        return self.tab_widgets[index + 1] if index >= 0 else None

    def _update_title(self) -> None:
        report = self.document.report
        self.title_label.setText(report.title if report.agency else f"（未填写机关名称）{report.title}")
        path = self.document.path
        self.path_label.setText(f"　{path.name}" if path else "　（尚未保存）")
        self.path_label.setToolTip(str(path) if path else "")
        name = path.name if path else "未命名"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")

    def _on_findings_changed(self) -> None:
        from nianbao.core.checks import ERROR, WARNING
        from .findings import summary
        counts = self.document.counts()
        for section in FORM.sections:
            c = counts[section.number]
            badge = " ".join(t for t in (f"✖{c[ERROR]}" if c[ERROR] else "",
                                         f"⚠{c[WARNING]}" if c[WARNING] else "") if t)
            self.tabs.setTabText(section.number - 1, f"{tab_title(section)} {badge}".strip())
            self.tabs.setTabToolTip(section.number - 1,
                                    f"{section.title}：错误 {c[ERROR]} 个，警告 {c[WARNING]} 个")
        errors = sum(c[ERROR] for c in counts.values())
        self.summary_label.setText(summary(self.document.findings))
        self.summary_label.setStyleSheet("color: #b00020; font-weight: bold;" if errors else "color: #1b6e2d;")

    def current_table(self) -> Optional[TableTab]:
        from .table_tab import TableTab
        widget = self.current_tab()
        return widget if isinstance(widget, TableTab) else None

    def show_finding(self, finding) -> None:
        """Switch to the finding's tab and select its cells (or its passage of text)."""
        from .table_tab import TableTab
        from .text_tab import TextTab
        self.tabs.setCurrentIndex(finding.section - 1)
        tab = self.tab_widgets[finding.section]
        if isinstance(tab, TableTab):
            tab.body.select_cells(finding.cells)
        elif isinstance(tab, TextTab):
            tab.select_span(finding.span)
        self.statusBar().showMessage(finding.message, 10000)

    # -- edit menu -----------------------------------------------------------

    def _build_edit_menu(self, menu) -> None:
        from PySide6.QtGui import QGuiApplication, QKeySequence
        self.undo_action = self._add(menu, "撤销", lambda: self._undo_redo("undo"), QKeySequence.Undo)
        self.redo_action = self._add(menu, "重做", lambda: self._undo_redo("redo"), QKeySequence.Redo)
        # Ctrl+Y as well, as in Excel, WPS and every Windows program (Linux's Redo is Ctrl+Shift+Z).
        self.redo_action.setShortcuts(list(dict.fromkeys(
            QKeySequence.keyBindings(QKeySequence.Redo) + [QKeySequence("Ctrl+Y")])))
        menu.addSeparator()
        self._add(menu, "复制", lambda: self._on_table(lambda t: t.body.copy_selection()))
        self._add(menu, "粘贴", lambda: self._on_table(
            lambda t: t.body.paste_text(QGuiApplication.clipboard().text())))
        self._add(menu, "清除所选单元格", lambda: self._on_table(lambda t: t.body.clear_selection()))
        menu.addSeparator()
        self._add(menu, "空白单元格全部填 0", self.fill_blanks_with_zero, "Ctrl+Shift+0")
        self._add(menu, "重新计算全部合计", lambda: self.document.recompute_totals())
        self._add(menu, "报告信息（年度、机关、成文日期、引言）…", self.edit_report_info)

    def _build_view_menu(self, menu) -> None:
        # Everything reachable from the keyboard: a section by Alt+number, findings by F8.
        for section in FORM.sections:
            self._add(menu, section.title, lambda n=section.number: self.show_section(n),
                      f"Alt+{section.number}")
        menu.addSeparator()
        self._add(menu, "下一个问题", lambda: self.step_finding(1), "F8")
        self._add(menu, "上一个问题", lambda: self.step_finding(-1), "Shift+F8")
        self._add(menu, "校验结果面板", lambda: self.findings.tree.setFocus(), "Ctrl+Shift+F")
        from .findings import FIX_SHORTCUT
        self._add(menu, "修正所选问题", self.apply_selected_fix, FIX_SHORTCUT)

    def apply_selected_fix(self) -> None:
        """F9: the selected finding's fix, as one undoable edit; or why there is none."""
        finding = self.findings.selected_finding()
        if finding is None:
            self.statusBar().showMessage("请先在校验结果中选中一条问题（F8 逐条查看）", 6000)
        elif finding.fix is None:
            self.statusBar().showMessage("所选问题没有可自动应用的修正，请按说明手工修改", 6000)
        elif self.findings.apply_fix(finding):
            self.statusBar().showMessage(f"已修正：{finding.fix.description}（可撤销）", 8000)

    def step_finding(self, step: int) -> None:
        """Show the next (or previous) finding in the list: its tab, its cells."""
        from .findings import FINDING_ROLE
        items = self.findings.items()
        if not items:
            self.statusBar().showMessage("没有需要处理的问题", 4000)
            return
        current = self.findings.tree.currentItem()
        index = items.index(current) + step if current in items else (0 if step > 0 else -1)
        item = items[index % len(items)]
        self.findings.tree.setCurrentItem(item)
        self.show_finding(item.data(0, FINDING_ROLE))

    def _add(self, menu, text, slot, shortcut=None):
        from PySide6.QtGui import QAction, QKeySequence
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _undo_redo(self, which: str) -> None:
        # In a narrative tab the editor keeps its own history of typing.
        from .text_tab import TextTab
        tab = self.current_tab()
        if isinstance(tab, TextTab) and tab.editor.hasFocus():
            getattr(tab.editor, which)()
        else:
            getattr(self.document.undo_stack, which)()

    def _on_table(self, fn) -> None:
        tab = self.current_table()
        if tab is not None:
            fn(tab)

    def fill_blanks_with_zero(self) -> None:
        blanks = len(self.document.report.blank_input_cells())
        if self.document.fill_blanks_with_zero():
            self.statusBar().showMessage(f"已在 {blanks} 个空白单元格中填入 0（可撤销）", 6000)

    def _show_notice(self, title: str, lines: list) -> None:
        from . import dialogs      # when there is a notice: not on the way to the window
        dialogs.show_notice(self, title, lines)

    def edit_report_info(self) -> None:
        from . import dialogs
        report = self.document.report
        dialog = dialogs.ReportInfoDialog(self, year=report.year, agency=report.agency, title="报告信息",
                                          report=report)
        if dialog.exec() == dialogs.ReportInfoDialog.Accepted:
            year, agency, _ = dialog.values()
            date, preamble = dialog.details()
            self.document.set_metadata(year, agency, date, preamble)
        self.focus_current_tab()

    def _about(self) -> None:
        from . import dialogs
        dialogs.show_notice(self, APP_NAME, [FORM.name])

    # -- closing -------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or the clerk said so)."""
        if not self.document.modified:
            return True
        from . import dialogs
        answer = self.ask_unsaved(self, self.document.report.title)
        if answer == dialogs.SAVE:
            return self.files.save()
        return answer == dialogs.DISCARD

    def _save_layout(self) -> None:
        stored = settings()
        stored.setValue("window/geometry", self.saveGeometry())
        stored.setValue("window/state", self.saveState())

    def closeEvent(self, event) -> None:
        if not self.start_complete:
            self.complete_start()   # closed before its first paint: nothing edited, but the same path
        if self.maybe_save():
            if self.autosaver is not None:
                self.autosaver.discard()
            self._save_layout()
            event.accept()
        else:
            event.ignore()


def _ask_unsaved(parent, title: str) -> str:
    from . import dialogs
    return dialogs.ask_unsaved(parent, title)
