"""Issue 9, the whole scenario on a real process in a real X session (Xvfb + openbox), keyboard by xdotool.

new report → all of 表三 typed by keyboard alone after Alt+3 → a block pasted → undo/redo →
kill -9 while typing → recover → new from last year's Excel while on 表三 → export.
The window's state is read from outside, from its recovery file (written within a second of
each change) and from the files it saves and exports.  Every wait polls for its condition.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from nianbao.core.form import FORM
from nianbao.core.reportfile import read_report, report_from_dict
from nianbao.gui import exports

from .conftest import SAMPLE
from .xsession import XSession, skip_reason, wait_for

ROOT = Path(__file__).resolve().parents[2]
BLOCK = [[7, 8, 9], [4, 5, 6]]
CLIPBOARD = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
app.clipboard().setText(sys.argv[1])
print("ready", flush=True)
app.exec()
"""

pytestmark = [pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or ""),
              pytest.mark.skipif(not exports.module_available("nianbao.core.xlsx.export")
                                 or not exports.excel_import_available(), reason="needs the Excel reader and writer")]


def t3_order():
    table = FORM.table("t3")
    return [c.id for c in sorted((c for c in table.cells if not c.computed), key=lambda c: table.data_positions[c.id])]


def typed_value(k):
    return (k * 7 + 3) % 10


class App:
    """The real ``nianbao`` in the X session; its report as its recovery file holds it."""

    def __init__(self, session, data_dir, *args):
        self.session, self.data_dir = session, data_dir
        # HOME: where the file dialogs suggest saving; Enter takes the suggestion (typing a path
        # into Qt's dialog races its completer)
        env = dict(session.env, NIANBAO_DATA_DIR=str(data_dir), HOME=str(data_dir.parent / "home"))
        (data_dir.parent / "home").mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "nianbao", *args], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def window(self, name="年度报告"):
        def find():
            ids = self.session.xdotool("search", "--onlyvisible", "--pid", str(self.proc.pid), "--name", name).split()
            return ids[-1] if ids else None
        found = wait_for(find, 120, 0.25, f"a window named {name}")

        def active():
            self.session.focus(found)
            return self.session.xdotool("getactivewindow") == found
        wait_for(active, 60, 0.25, f"{name} to have the keyboard")
        time.sleep(0.5)
        return found

    def recovered(self):
        """The report in this process's recovery file, or None."""
        for file in self.data_dir.glob("recovery-*.json"):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                return report_from_dict(data["report"], where="恢复文件")
            except (OSError, ValueError, KeyError):
                continue
        return None

    def wait_report(self, condition, what, timeout=120):
        return wait_for(lambda: (lambda r: r if r is not None and condition(r) else None)(self.recovered()),
                        timeout, 0.2, what)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)


@pytest.fixture
def session():
    s = XSession(1366, 768)
    yield s
    s.close()


def shot(session, tmp_path):
    """What the screen showed when a step failed (in $NIANBAO_FAILURE_SHOTS, or the test's folder)."""
    out = Path(os.environ.get("NIANBAO_FAILURE_SHOTS", tmp_path)) / f"failure-{int(time.time())}.png"
    session.screenshot(out)
    print("screen at failure:", out)


@pytest.fixture
def workdir():
    """A folder of the test's own: pytest's tmp_path can be rotated away by another pytest run
    on the same machine while this long test is still using it."""
    with tempfile.TemporaryDirectory(prefix="nianbao-x11-") as folder:
        yield Path(folder)


def test_whole_scenario_by_keyboard(session, workdir):
    tmp_path = workdir
    data_dir = tmp_path / "appdata"
    order = t3_order()
    app = App(session, data_dir)
    try:
        app.window()
        # 新建: Ctrl+N, the dialog confirmed by Enter
        session.key("ctrl+n")
        app.window("新建年度报告")
        session.key("Return")
        time.sleep(1)
        app.window()
        # all of 表三 by keyboard alone after Alt+3
        session.key("alt+3")
        time.sleep(0.5)
        keys = []
        for k, _ in enumerate(order):
            keys += [str(typed_value(k)), "Tab"]
        session.key(*keys, delay_ms=25)
        report = app.wait_report(lambda r: all(r.get(c) == typed_value(k) for k, c in enumerate(order)),
                                 "all of 表三 typed in the recovery file")
        # a block pasted at 三（一）予以公开·自然人, reached by Shift+Tab
        start = order.index("t3.granted.natural")
        session.key(*["shift+Tab"] * (len(order) - 1 - start), delay_ms=15)
        clip = subprocess.Popen([sys.executable, "-c", CLIPBOARD, "\n".join("\t".join(map(str, r)) for r in BLOCK)],
                                env=session.env, stdout=subprocess.PIPE, text=True)
        try:
            assert clip.stdout.readline().strip() == "ready"
            session.key("ctrl+v")
            pasted = {f"t3.{row}.{col}": BLOCK[i][j] for i, row in enumerate(("granted", "partial"))
                      for j, col in enumerate(("natural", "commercial", "research"))}
            app.wait_report(lambda r: all(r.get(c) == v for c, v in pasted.items()), "the pasted block")
        finally:
            clip.kill()
            clip.wait(timeout=10)
        # undo takes the whole paste back, Ctrl+Y redoes it
        session.key("ctrl+z")
        app.wait_report(lambda r: all(r.get(c) == report.get(c) for c in pasted), "the paste undone")
        session.key("ctrl+y")
        app.wait_report(lambda r: all(r.get(c) == v for c, v in pasted.items()), "the paste redone")
        # kill -9 while typing
        typing = subprocess.Popen(["xdotool", "key", "--delay", "100", *(["9", "Tab"] * 40)], env=session.env)
        time.sleep(2.5)
        app.kill()
        typing.kill()
        typing.wait(timeout=10)
    except BaseException:
        shot(session, tmp_path)
        raise
    finally:
        app.kill()
    # recover: the next start offers it, Enter restores
    app = App(session, data_dir)
    try:
        app.window("恢复未保存的工作")
        session.key("Return")
        app.window()
        restored = app.wait_report(lambda r: r.get("t3.granted.natural") == 9, "the restored report's own recovery file")
        # the 9s typed before the kill run from the paste's first cell in Tab order; all else as before
        nines = next(k for k, c in enumerate(order[start:] + [None]) if c is None or restored.get(c) != 9)
        assert nines >= 1
        before = {c: pasted.get(c, typed_value(k)) for k, c in enumerate(order)}
        assert {c: restored.get(c) for c in order[:start] + order[start + nines:]} == \
            {c: before[c] for c in order[:start] + order[start + nines:]}
        # save it (Ctrl+S → the Chinese file dialog), so that 新建 asks nothing
        home = tmp_path / "home"
        session.key("ctrl+s")
        app.window("另存为")
        session.key("Return")
        saved = wait_for(lambda: next(home.glob("*.nianbao"), None), 60, what="the saved report")
        assert read_report(saved).get("t3.granted.natural") == 9
        # new from last year's Excel while on 表三
        app.window()
        session.key("alt+3")
        last = read_report(SAMPLE)
        last.set("t3.carried_out.natural", 3)
        from nianbao.core.xlsx.export import export_xlsx
        excel = tmp_path / "last-year.xlsx"
        excel.write_bytes(export_xlsx(last))
        for attempt in range(2):   # a loaded machine may take the first keys before the field has focus
            session.key("alt+f", "Down", "Return", delay_ms=300)
            dialog = app.window("新建年度报告")
            time.sleep(1)                                 # the dialog opens in the file's field
            session.key("ctrl+a")
            session.type(str(excel), delay_ms=30)
            session.key("Tab", delay_ms=500)
            time.sleep(2)                                 # it reads the file: the year becomes its year + 1
            session.key("Return", delay_ms=500)
            if _gone(session, dialog, 30):
                break
            session.screenshot(tmp_path / f"dialog-still-open-{attempt}.png")
            session.key("Escape")
        app.wait_report(lambda r: r.year == last.year + 1 and r.get("t3.carried_in.natural") == 3,
                        "the new report carried from last year's Excel")
        # the 表三 on screen is the new report's: a number typed lands in it
        app.window()
        session.key("5", "Return")
        app.wait_report(lambda r: r.year == last.year + 1 and r.get("t3.new.natural") == 5,
                        "a number typed into the new report")
        # export to Excel through the menu, counted from the bottom (退出, then what the menu lists
        # after 导出 Excel…: the later exporters, 复制为网页格式, the PDF font option)
        kinds = [e.kind for e in exports.available_exporters()]
        ups = 1 + len(kinds) - kinds.index("xlsx") + ("html" in kinds) + ("pdf" in kinds)
        session.key("alt+f", *["Up"] * ups, "Return", delay_ms=300)
        app.window("导出 Excel")
        session.key("Return")
        out = wait_for(lambda: next((p for p in home.glob("*.xlsx") if p.stat().st_size), None), 90,
                       what="the exported workbook")
        from nianbao.core.importing import load
        back = wait_for(lambda: _try_load(load, out), 60, what="a readable export")
        assert back.report.year == last.year + 1
        assert back.report.get("t3.new.natural") == 5 and back.report.get("t3.carried_in.natural") == 3
    except BaseException:
        shot(session, tmp_path)
        raise
    finally:
        app.kill()


def _try_load(load, path):
    try:
        return load(str(path))
    except Exception:
        return None


def _gone(session, window_id: str, timeout: float) -> bool:
    """Whether a window has closed within ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if window_id not in session.xdotool("search", "--onlyvisible", "--name", ".").split():
            return True
        time.sleep(0.25)
    return False
