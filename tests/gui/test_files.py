"""Files: open, save, the unsaved-changes prompt, new from last year, exports, screenshots."""
import importlib.machinery
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from nianbao.core.errors import InputError
from nianbao.core.reportfile import read_report, write_report
from nianbao.gui import exports
from nianbao.gui.app import build_window, screenshot

from .conftest import SAMPLE, WITH_ERRORS


def menu_texts(window):
    return [a.text() for a in window.file_menu.actions()]


def test_open_save_round_trip(qtbot, window_for, report_copy, tmp_path):
    window = window_for(report_copy(SAMPLE))
    doc = window.document
    assert window.title_label.text() == "平潭综合实验区公安局2022年政府信息公开工作年度报告"
    doc.set_cells({"t2.penalty.decisions": 160}, "edit")
    window.tab_widgets[6].editor.setPlainText("本年度未收取信息处理费。")
    assert doc.modified and window.isWindowModified()
    target = tmp_path / "saved.nianbao"
    assert window.files.save_to(target)
    assert not doc.modified
    again = read_report(target)
    assert again.get("t2.penalty.decisions") == 160
    assert again.text["other"] == "本年度未收取信息处理费。"
    assert str(target.resolve()) in window.files.recent_files()
    # open it into another window: everything is there
    other = window_for(target)
    assert other.document.report.get("t2.penalty.decisions") == 160
    assert other.tab_widgets[6].editor.toPlainText() == "本年度未收取信息处理费。"


def test_open_path_replaces_the_report(qtbot, window_for, report_copy):
    window = window_for(None)
    job = window.files.open_path(str(report_copy(WITH_ERRORS)))
    qtbot.waitUntil(lambda: window.document.report.year == 2024, timeout=5000)
    assert job is not None
    assert "✖" in window.tabs.tabText(2)
    assert window.findings.tree.topLevelItemCount() == len(window.document.findings)


def test_unreadable_file_is_a_clear_error(qtbot, tmp_path):
    bad = tmp_path / "bad.nianbao"
    bad.write_text("这不是年报", encoding="utf-8")
    with pytest.raises(InputError):
        build_window(str(bad), autosave=False)


def test_open_failure_shows_the_message(qtbot, window_for, tmp_path):
    window = window_for(None)
    bad = tmp_path / "bad.nianbao"
    bad.write_text("{ not json", encoding="utf-8")
    window.files.open_path(str(bad))
    qtbot.waitUntil(lambda: bool(window.files.last_error), timeout=5000)
    assert "bad.nianbao" in window.files.last_error


def test_close_asks_about_unsaved_changes(qtbot, window_for, report_copy):
    path = report_copy(SAMPLE)
    window = window_for(path)
    window.document.set_cells({"t3.new.natural": 2}, "edit")
    asked = []
    window.ask_unsaved = lambda parent, title: asked.append(title) or "cancel"
    assert not window.close()                          # cancelled: stays open
    assert asked == ["平潭综合实验区公安局2022年政府信息公开工作年度报告"]
    window.ask_unsaved = lambda parent, title: "save"
    assert window.close()
    assert read_report(path).get("t3.new.natural") == 2


def test_new_from_last_year_marks_carried_cells(qtbot, window_for, tmp_path):
    last = read_report(SAMPLE)
    last.set("t3.carried_out.natural", 3)
    last.text["other"] = "上年的其他事项。"
    last_path = tmp_path / "last.nianbao"
    write_report(last, last_path)
    window = window_for(None)
    window.files.create(2023, "平潭综合实验区公安局", str(last_path))
    qtbot.waitUntil(lambda: window.document.report.year == 2023, timeout=5000)
    doc = window.document
    assert doc.report.get("t3.carried_in.natural") == 3
    model = window.tab_widgets[3].model
    tip = model.index_of("t3.carried_in.natural").data(Qt.ToolTipRole)
    assert "来自2022年报 四、结转下年度继续办理" in tip
    # last year's text is shown for reference and never copied
    tab = window.tab_widgets[6]
    assert tab.last_year_view is not None and tab.last_year_view.isReadOnly()
    assert tab.last_year_view.toPlainText() == "上年的其他事项。"
    assert tab.editor.toPlainText() == ""
    tab.toggle_button.click()
    assert not tab.last_year_view.isVisibleTo(tab)


def test_text_tabs(qtbot, window_for):
    window = window_for(None)
    overview = window.tab_widgets[1]
    overview.insert_outline()
    text = overview.editor.toPlainText()
    for heading in ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"):
        assert heading in text
    assert window.document.report.text["overview"] == text
    assert "建议不超过 1000" in overview.count_label.text()
    overview.editor.setPlainText("字" * 1001)
    assert "1001" in overview.count_label.text()
    other = window.tab_widgets[6]
    assert any("信息处理费" in w.text() for w in other.findChildren(type(window.title_label)))


def _fake_exporter(monkeypatch, kind):
    """The real exporter when it is installed; otherwise a small stand-in module."""
    real = exports.EXPORTERS[kind]
    if exports.module_available(real.module):
        return real
    name = f"_fake_{kind}_exporter"
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    module.export_pdf = lambda report, findings: b"%PDF-1.4 fake " + report.agency.encode()
    module.export_xlsx = lambda report: b"PK\x03\x04 fake"
    monkeypatch.setitem(sys.modules, name, module)
    return exports.Exporter(real.kind, real.menu_text, name, real.suffix, real.file_filter, real.produce)


@pytest.mark.parametrize("kind,magic", [("pdf", b"%PDF"), ("xlsx", b"PK\x03\x04")])
def test_export_runs_off_the_ui_thread_and_writes_the_file(qtbot, window_for, report_copy, tmp_path,
                                                          monkeypatch, kind, magic):
    window = window_for(report_copy(SAMPLE))
    exporter = _fake_exporter(monkeypatch, kind)
    target = tmp_path / f"out{exporter.suffix}"
    with qtbot.waitSignal(window.files.exported, timeout=60000) as blocker:
        window.files.export_to(exporter, str(target), offer_open=False)
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(magic)


def test_export_error_is_shown(qtbot, window_for, report_copy, tmp_path, monkeypatch):
    window = window_for(report_copy(SAMPLE))
    name = "_failing_exporter"
    module = types.ModuleType(name)

    def fail(report, findings, options=None):
        raise InputError("报告有错误，无法导出")
    module.export_pdf = fail
    monkeypatch.setitem(sys.modules, name, module)
    real = exports.EXPORTERS["pdf"]
    exporter = exports.Exporter("pdf", real.menu_text, name, ".pdf", real.file_filter, real.produce)
    window.files.export_to(exporter, str(tmp_path / "x.pdf"))
    qtbot.waitUntil(lambda: bool(window.files.last_error), timeout=5000)
    assert window.files.last_error == "报告有错误，无法导出"
    assert not (tmp_path / "x.pdf").exists()


def test_menu_entries_only_for_what_exists(qtbot, window_for):
    window = window_for(None)
    texts = menu_texts(window)
    assert ("导出 PDF…" in texts) == exports.module_available("nianbao.core.pdf")
    assert ("导出 Excel…" in texts) == exports.module_available("nianbao.core.xlsx.export")
    assert ("从上年Excel导入…" in texts) == exports.module_available("nianbao.core.xlsx.read")
    assert "openpyxl" not in sys.modules or exports.module_available("nianbao.core.xlsx.export")


def test_screenshot_png(tmp_path):
    out = tmp_path / "tab3.png"
    screenshot(str(WITH_ERRORS), str(out), tab=3)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    with pytest.raises(InputError):
        screenshot(str(tmp_path / "missing.nianbao"), str(tmp_path / "x.png"))


def _excel_of_sample(tmp_path, monkeypatch):
    """An .xlsx of the sample: written by the real exporter, or read by a stand-in reader when absent."""
    target = tmp_path / "上年.xlsx"
    if exports.module_available("nianbao.core.xlsx.read"):
        if not exports.module_available("nianbao.core.xlsx.export"):
            pytest.skip("no Excel writer to make a workbook with")
        from nianbao.core.xlsx.export import export_xlsx
        target.write_bytes(export_xlsx(read_report(SAMPLE)))
        return target
    if "nianbao.core.xlsx" not in sys.modules and not exports.module_available("nianbao.core.xlsx"):
        package = types.ModuleType("nianbao.core.xlsx")
        package.__path__ = []
        monkeypatch.setitem(sys.modules, "nianbao.core.xlsx", package)
    reader = types.ModuleType("nianbao.core.xlsx.read")
    reader.read_workbook = lambda data, name: types.SimpleNamespace(
        report=read_report(SAMPLE), notes=["表三“其他”列未找到，按空白处理"])
    monkeypatch.setitem(sys.modules, "nianbao.core.xlsx.read", reader)
    target.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    return target


def test_open_excel_is_an_unsaved_import(qtbot, window_for, tmp_path, monkeypatch):
    excel = _excel_of_sample(tmp_path, monkeypatch)
    window = window_for(None)
    window.files.open_path(str(excel))
    qtbot.waitUntil(lambda: window.document.report.year == 2022, timeout=20000)
    doc = window.document
    assert doc.path is None and doc.modified       # saving asks for a report file name
    assert doc.report.get("t2.penalty.decisions") == 157


def test_new_from_last_years_excel(qtbot, window_for, tmp_path, monkeypatch):
    excel = _excel_of_sample(tmp_path, monkeypatch)
    window = window_for(None)
    window.files.create(2023, "", str(excel))
    qtbot.waitUntil(lambda: window.document.report.year == 2023, timeout=20000)
    report = window.document.report
    assert report.agency == "平潭综合实验区公安局"
    assert report.last_year is not None and report.last_year.year == 2022
    assert report.get("t3.carried_in.natural") == read_report(SAMPLE).get("t3.carried_out.natural")


def test_screenshot_command_needs_no_display(tmp_path):
    import os
    import subprocess
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "tab4.png"
    result = subprocess.run([sys.executable, "-m", "nianbao", "screenshot", str(SAMPLE), str(out), "--tab", "4"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().toTuple() == (1366, 768)
    missing = subprocess.run([sys.executable, "-m", "nianbao", "screenshot", str(tmp_path / "no.nianbao"),
                              str(tmp_path / "x.png")], cwd=root, env=env, capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_main_opens_the_file_in_a_window(qtbot, monkeypatch, report_copy):
    """``nianbao FILE``: main() builds the window for the file and runs the event loop."""
    from PySide6.QtWidgets import QApplication
    from nianbao.gui import app as gui_app
    from nianbao.gui.main_window import MainWindow
    path = report_copy(SAMPLE)
    ran = []
    monkeypatch.setattr(QApplication, "exec", lambda self=None: ran.append(True) or 0)
    assert gui_app.main(str(path)) == 0 and ran
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
               and w.document.path == path.resolve()]
    assert windows
    for w in windows:
        qtbot.addWidget(w)
        w.ask_unsaved = lambda *_: "discard"


def test_standard_dialogs_speak_chinese(qtbot):
    from PySide6.QtCore import QCoreApplication
    from nianbao.gui.app import ensure_app
    ensure_app()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_report_info_dialog_edits_date_and_preamble(qtbot, window_for, report_copy, tmp_path):
    import datetime
    from nianbao.gui import dialogs
    window = window_for(report_copy(SAMPLE))
    report = window.document.report
    dialog = dialogs.ReportInfoDialog(window, year=report.year, agency=report.agency, report=report)
    qtbot.addWidget(dialog)
    dialog.agency.setText("平潭综合实验区公安局（测试）")
    dialog.has_date.setChecked(True)
    dialog.date.setDate(datetime.date(2023, 1, 9))
    dialog.preamble.setPlainText("本报告依据《中华人民共和国政府信息公开条例》编制。")
    year, agency, _ = dialog.values()
    window.document.set_metadata(year, agency, *dialog.details())
    assert window.title_label.text().startswith("平潭综合实验区公安局（测试）2022年")
    assert window.document.modified
    target = tmp_path / "info.nianbao"
    assert window.files.save_to(target)
    again = read_report(target)
    assert again.date == datetime.date(2023, 1, 9)
    assert again.text["preamble"] == "本报告依据《中华人民共和国政府信息公开条例》编制。"


def test_start_up_imports_no_exporter_library(tmp_path):
    import os
    import subprocess
    root = Path(__file__).resolve().parents[2]
    code = ("import sys; from nianbao.gui.app import build_window; "
            f"w = build_window({str(SAMPLE)!r}); w.show(); "
            "print(sorted(m for m in ('openpyxl', 'reportlab', 'xlrd', 'pdfplumber') if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_application_font_and_icon(qtbot):
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication
    from nianbao.gui.app import ensure_app
    ensure_app()
    assert not QApplication.windowIcon().isNull()
    family = QApplication.font().family()
    assert "Noto Sans" in family and QFontDatabase.writingSystems(family).count(
        QFontDatabase.SimplifiedChinese) == 1


def test_official_fonts_setting_reaches_the_pdf_exporter(qtbot, window_for, report_copy, tmp_path, monkeypatch):
    window = window_for(report_copy(SAMPLE))
    name = "_recording_exporter"
    module = types.ModuleType(name)
    seen = []

    class PdfOptions:
        @classmethod
        def with_installed_official_fonts(cls):
            return "installed"

    def export_pdf(report, findings, options=None):
        seen.append(options)
        return b"%PDF-1.4 test"
    module.export_pdf, module.PdfOptions = export_pdf, PdfOptions
    monkeypatch.setitem(sys.modules, name, module)
    real = exports.EXPORTERS["pdf"]
    exporter = exports.Exporter("pdf", real.menu_text, name, ".pdf", real.file_filter, real.produce)
    window.files.official_fonts_action.setChecked(True)
    job = window.files.export_to(exporter, str(tmp_path / "a.pdf"), offer_open=False)
    qtbot.waitUntil(lambda: (tmp_path / "a.pdf").exists(), timeout=5000)
    window.files.official_fonts_action.setChecked(False)
    window.files.export_to(exporter, str(tmp_path / "b.pdf"), offer_open=False)
    qtbot.waitUntil(lambda: (tmp_path / "b.pdf").exists(), timeout=5000)
    assert seen == ["installed", None] and job is not None


def test_importing_last_year_into_the_open_report_keeps_what_was_typed(qtbot, window_for, tmp_path):
    from nianbao.core.importing import Loaded
    from nianbao.core.model import Report
    last = read_report(SAMPLE)
    last.set("t3.carried_out.natural", 3)
    this = Report(2023, "平潭综合实验区公安局")
    this.set("t3.new.natural", 7)
    this_path = tmp_path / "2023.nianbao"
    write_report(this, this_path)
    window = window_for(this_path)
    window.files._carry_into_current(Loaded(last, "xlsx", ["一条导入说明"]))
    doc = window.document
    assert doc.report.get("t3.new.natural") == 7                  # typed this year: kept
    assert doc.report.get("t3.carried_in.natural") == 3           # carried from last year's 四
    assert doc.report.last_year.year == 2022 and doc.path == this_path and doc.modified
    tip = window.tab_widgets[3].model.index_of("t3.carried_in.natural").data(Qt.ToolTipRole)
    assert "来自2022年报" in tip


def test_importing_a_report_of_the_wrong_year_is_refused(qtbot, window_for, tmp_path):
    from nianbao.core.importing import Loaded
    from nianbao.core.model import Report
    write_report(Report(2025, "某局"), tmp_path / "2025.nianbao")
    window = window_for(tmp_path / "2025.nianbao")
    window.files._carry_into_current(Loaded(read_report(SAMPLE), "xlsx", []))
    assert "2024年度" in window.files.last_error
    assert window.document.report.last_year is None
