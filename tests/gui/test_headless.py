"""Issue 9: without a display the window says so in Chinese; Qt's English noise never reaches the terminal."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import WITH_ERRORS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11/Wayland matter")


def run(args, data_dir, **env_extra):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(NIANBAO_DATA_DIR=str(data_dir), **env_extra)
    return subprocess.run([sys.executable, "-m", "nianbao", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=90)


def test_window_without_a_display_says_so_and_exits_2(data_dir):
    for args in ([], [str(WITH_ERRORS)]):
        result = run(args, data_dir)
        assert result.returncode == 2, result
        assert "未找到图形界面（DISPLAY）" in result.stderr and "nianbao check" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert result.stdout == ""


def test_screenshot_and_cli_work_without_a_display_and_qt_stays_quiet(tmp_path, data_dir):
    out = tmp_path / "shot.png"
    result = run(["screenshot", str(WITH_ERRORS), str(out), "--tab", "3"], data_dir)
    assert result.returncode == 0 and out.exists(), result.stderr
    assert result.stderr == "", result.stderr          # e.g. "This plugin does not support propagateSizeHints()"
    log = data_dir / "qt-messages.log"
    assert log.exists() and "propagateSizeHints" in log.read_text(encoding="utf-8")
    check = run(["check", str(WITH_ERRORS)], data_dir)
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr


def test_an_unreachable_display_is_one_chinese_line_and_exit_2(data_dir):
    result = run([], data_dir, DISPLAY=":4321")
    assert result.returncode == 2, result
    assert "无法连接图形界面（DISPLAY=:4321）" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "qt.qpa" not in result.stderr


def test_xcb_asked_for_without_a_display_is_refused_as_well(data_dir):
    result = run([], data_dir, QT_QPA_PLATFORM="xcb")
    assert result.returncode == 2 and "未找到图形界面（DISPLAY）" in result.stderr
