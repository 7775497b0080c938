"""No lost work: the autosave survives a SIGKILL and the next start offers it back."""
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.gui.autosave import Autosaver, find_recoveries
from nianbao.gui.document import ReportDocument
from nianbao.core.reportfile import read_report

from .conftest import SAMPLE

HELPER = Path(__file__).with_name("recovery_helper.py")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_process_work_is_restored(qtbot, report_copy, data_dir, window_for):
    path = report_copy(SAMPLE)
    env = dict(os.environ, NIANBAO_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(HELPER), str(path), "t3.new.research", "7",
                             "本年度无其他需要说明的问题。"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)   # the autosave has written the edit
        assert ready, "the application did not autosave within a minute"
        line = proc.stdout.readline()
        assert line.startswith("saved "), line
        recovery_file = Path(line.split(" ", 1)[1].strip())
        assert recovery_file.parent == data_dir and recovery_file.exists()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    # the file on disk was never saved: only the recovery file has the edit
    assert read_report(path).get("t3.new.research") == 0

    offered = []
    window = window_for(None, recover=lambda r: offered.append(r) or True)
    assert len(offered) == 1 and offered[0].original == path.resolve()
    doc = window.document
    assert doc.report.get("t3.new.research") == 7
    assert doc.snapshot["t3.new.total"] == 8
    assert doc.report.text["problems"].endswith("\n本年度无其他需要说明的问题。")
    assert window.tab_widgets[5].editor.toPlainText() == doc.report.text["problems"]
    assert doc.path == path.resolve() and doc.modified
    assert not recovery_file.exists()          # taken over by this window
    assert find_recoveries(data_dir) == []     # offered once only
    # saving puts it in the file and removes the new recovery file
    window.autosaver.save_now()
    assert window.autosaver.file.exists()
    assert window.files.save()
    assert read_report(path).get("t3.new.research") == 7
    assert not window.autosaver.file.exists()


def test_autosave_waits_a_second_and_a_running_window_is_not_offered(qtbot, report_copy, data_dir):
    doc = ReportDocument(read_report(report_copy(SAMPLE)))
    saver = Autosaver(doc, data_dir)
    doc.set_cells({"t3.new.natural": 5}, "edit")
    assert saver.pending() and not saver.file.exists()
    with qtbot.waitSignal(saver.saved, timeout=3000):
        pass
    assert saver.file.exists()
    assert find_recoveries(data_dir) == []     # its lock is held: the window is still running
    doc.undo_stack.undo()                      # back to the saved state: nothing to recover
    assert not saver.file.exists()


def test_declined_recovery_is_discarded(qtbot, report_copy, data_dir, window_for):
    doc = ReportDocument(read_report(report_copy(SAMPLE)))
    saver = Autosaver(doc, data_dir)
    doc.set_cells({"t3.new.natural": 5}, "edit")
    saver.save_now()
    saver._lock.unlock()                       # as if the process had died
    window = window_for(None, recover=lambda r: False)
    assert window.document.report.agency == ""
    assert not saver.file.exists() and find_recoveries(data_dir) == []


def test_two_crashed_windows_are_offered_one_per_start(qtbot, report_copy, data_dir, window_for):
    savers = []
    for value in (5, 6):
        doc = ReportDocument(read_report(report_copy(SAMPLE)))
        saver = Autosaver(doc, data_dir)
        doc.set_cells({"t3.new.natural": value}, "edit")
        saver.save_now()
        saver._lock.unlock()
        savers.append(saver)
    first = window_for(None, recover=lambda r: True)
    left = find_recoveries(data_dir)
    assert len(left) == 1                       # the other one is kept for the next start
    for r in left:
        r.release()
    second = window_for(None, recover=lambda r: True)
    values = {first.document.report.get("t3.new.natural"), second.document.report.get("t3.new.natural")}
    assert values == {5, 6}
    assert find_recoveries(data_dir) == []
