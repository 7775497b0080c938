"""Issue 9 / issue 10 items 5 and 6: autosave has a deadline, and a recovery file is never lost in rotation."""
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.core.reportfile import read_report
from nianbao.gui import autosave
from nianbao.gui.autosave import AUTOSAVE_DEADLINE_MS, Autosaver, find_recoveries
from nianbao.gui.document import ReportDocument

from .conftest import SAMPLE

HELPER = Path(__file__).with_name("typing_helper.py")


def crashed_recovery(data_dir, path, value=5):
    """A recovery file as a killed window leaves it: written, its lock released."""
    doc = ReportDocument(read_report(path))
    saver = Autosaver(doc, data_dir)
    doc.set_cells({"t3.new.natural": value}, "edit")
    saver.save_now()
    saver._lock.unlock()
    return saver.file


def test_continuous_changes_are_saved_by_the_deadline(qtbot, report_copy, data_dir):
    doc = ReportDocument(read_report(report_copy(SAMPLE)))
    saver = Autosaver(doc, data_dir)
    saves = []
    saver.saved.connect(lambda _: saves.append(time.monotonic()))
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < 2.5:            # a change every 100 ms, never a pause
        n += 1
        doc.set_text("other", f"第{n}次修改")
        qtbot.wait(100)
    assert saves, "typing without a pause was never autosaved"
    assert saves[0] - start < AUTOSAVE_DEADLINE_MS / 1000 + 0.5
    assert len(saves) >= 2


def test_a_broken_character_in_the_window_is_autosaved_and_restored_with_a_note(qtbot, report_copy, data_dir):
    doc = ReportDocument(read_report(report_copy(SAMPLE)))
    saver = Autosaver(doc, data_dir)
    doc.set_text("other", "粘贴来的\ud800文字")
    saver.save_now()
    assert saver.file.exists(), "a lone surrogate made the recovery write fail"
    saver._lock.unlock()
    (found,) = find_recoveries(data_dir)
    assert found.report.text["other"] == "粘贴来的\ufffd文字"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_typing_keeps_all_but_the_last_second(qtbot, report_copy, data_dir, window_for):
    path = report_copy(SAMPLE)
    env = dict(os.environ, NIANBAO_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(HELPER), str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    typed = {}
    try:
        first = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 5)
            if not ready:
                continue
            line = proc.stdout.readline()
            assert line, "the helper ended"
            if line.startswith("typed "):
                _, i, t = line.split()
                typed[int(i)] = float(t)
                first = first or float(t)
                if float(t) - first >= 5.0:        # five seconds of a change every 100 ms
                    break
    finally:
        proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        proc.wait(timeout=10)
    assert len(typed) >= 20, typed
    offered = []
    window = window_for(None, recover=lambda r: offered.append(r) or True)
    assert len(offered) == 1
    text = window.document.report.text.get("problems", "")
    kept = {int(m) for m in re.findall(r"(\d+);", text)}
    due = {i for i, t in typed.items() if t <= killed_at - 1.0}
    assert due, typed
    assert due <= kept, f"lost {sorted(due - kept)} typed more than a second before the kill"
    newest = max((typed[i] for i in kept if i in typed), default=None)
    print(f"{len(typed)} changes typed; the recovery kept {len(kept)}, "
          f"up to {killed_at - newest:.2f} s before the kill" if newest else "nothing kept")


def test_restored_file_is_deleted_only_after_the_new_one_is_written(qtbot, report_copy, data_dir, window_for,
                                                                     monkeypatch):
    old = crashed_recovery(data_dir, report_copy(SAMPLE))
    real_write = autosave.atomic_write_bytes

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(autosave, "atomic_write_bytes", disk_full)
    window = window_for(None, recover=lambda r: True)
    assert window.document.report.get("t3.new.natural") == 5
    assert old.exists(), "the restored work was deleted before the new recovery file was written"
    monkeypatch.setattr(autosave, "atomic_write_bytes", real_write)
    window.autosaver.save_now()
    assert window.autosaver.file.exists() and not old.exists()


def test_restored_work_is_on_disk_at_once(qtbot, report_copy, data_dir, window_for):
    old = crashed_recovery(data_dir, report_copy(SAMPLE), value=9)
    window = window_for(None, recover=lambda r: True)
    # no second without a recovery file: the new one is written before the old one goes
    assert window.autosaver.file.exists() and not old.exists()
    data = json.loads(window.autosaver.file.read_text(encoding="utf-8"))
    assert data["report"]
    window.autosaver._lock.unlock()                 # as if killed right now
    again = find_recoveries(data_dir)
    assert len(again) == 1 and again[0].report.get("t3.new.natural") == 9


@pytest.mark.parametrize("content", [b"{\"recovery\": 1, \"report\": {\"format\": 99}", b"\xff\xfe garbage",
                                     json.dumps({"recovery": 2, "report": {"version": 99}}).encode()])
def test_unreadable_recovery_file_is_kept_and_named(qtbot, data_dir, window_for, content):
    data_dir.mkdir(parents=True, exist_ok=True)
    bad = data_dir / "recovery-0123456789abcdef.json"
    bad.write_bytes(content)
    window = window_for(None, recover=lambda r: pytest.fail("nothing readable to offer"))
    assert bad.exists() and bad.read_bytes() == content
    assert len(window.recovery_notes) == 1 and str(bad) in window.recovery_notes[0]
    assert "未删除" in window.recovery_notes[0]
