"""Start-up cost: the collector paused while the window is built, then its objects frozen; no dialogs loaded.

Each case runs in a fresh process: freezing is once per process, and the test
process has built windows before.
"""
import os
import subprocess
import sys
from pathlib import Path

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, data_dir) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_screenshot_freezes_the_start_and_collects_again(tmp_path, data_dir):
    out = run(f"""
import gc
from nianbao.gui.app import screenshot
screenshot({str(SAMPLE)!r}, {str(tmp_path / 'w.png')!r})
print(gc.isenabled(), gc.get_freeze_count() > 20000)
""", data_dir)
    assert out == "True True"
    assert (tmp_path / "w.png").stat().st_size > 0


def test_a_deferred_window_collects_only_once_its_start_is_complete(data_dir):
    out = run(f"""
import gc
from nianbao.gui import collector
from nianbao.gui.app import build_window
collector.pause()
window = build_window({str(SAMPLE)!r}, autosave=False, deferred=True)
before = (gc.isenabled(), gc.get_freeze_count())
window.complete_start()
print(before, gc.isenabled(), gc.get_freeze_count() > 20000)
second = build_window({str(SAMPLE)!r}, autosave=False)     # later windows: collected normally, not frozen
frozen = gc.get_freeze_count()
gc.collect()
print(gc.isenabled(), gc.get_freeze_count() == frozen)
""", data_dir)
    assert out.splitlines() == ["(False, 0) True True", "True True"]


def test_an_unreadable_file_leaves_the_collector_on(tmp_path, data_dir):
    out = run(f"""
import gc
from nianbao.core.errors import InputError
from nianbao.gui.app import screenshot
try:
    screenshot({str(tmp_path / 'missing.nianbao')!r}, {str(tmp_path / 'x.png')!r})
except InputError:
    print(gc.isenabled())
""", data_dir)
    assert out == "True"


def test_the_window_starts_without_loading_the_dialogs(data_dir):
    out = run(f"""
import sys
from nianbao.gui.app import build_window
window = build_window({str(SAMPLE)!r}, autosave=False)
window.tabs.setCurrentIndex(2)
print(sorted(m for m in ("nianbao.gui.dialogs",) if m in sys.modules))
""", data_dir)
    assert out == "[]"
