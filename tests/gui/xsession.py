"""A real X session for GUI tests and screenshots: Xvfb at a given size, openbox, xdotool.

``XSession(width, height)`` starts Xvfb on a free display and openbox on it; ``skip_reason()``
says which tool is missing (the tests then skip).  Everything waits by polling for a
condition with generous time-outs, so that a loaded 2-core machine does not make it flaky.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Callable, List, Optional

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")


def skip_reason() -> Optional[str]:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    return f"needs {', '.join(missing)} (a real X session under Xvfb with a window manager)" if missing else None


def wait_for(condition: Callable[[], object], timeout: float = 60.0, step: float = 0.1, what: str = ""):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what or condition}")


class XSession:
    def __init__(self, width: int, height: int):
        self.size = (width, height)
        self.processes: List[subprocess.Popen] = []
        self.env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        try:
            self.display = self.env["DISPLAY"] = self._start_xvfb(width, height)
            wait_for(lambda: self.run(["xprop", "-root"]).returncode == 0, 60, 0.2, "Xvfb to accept clients")
            wait_for(self._window_manager, 90, 0.5, "openbox to manage the screen")
        except BaseException:
            self.close()
            raise

    def _window_manager(self) -> bool:
        if "_NET_SUPPORTING_WM_CHECK" in self.run(["xprop", "-root"]).stdout:
            return True
        if not any(p.args == ["openbox"] and p.poll() is None for p in self.processes):
            self.processes.append(subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                                   stderr=subprocess.DEVNULL))
        return False

    def _start_xvfb(self, width: int, height: int) -> str:
        for number in range(90 + os.getpid() % 50, 400):
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or proc.poll() is not None, 30)
            except TimeoutError:
                proc.kill()
                continue
            if proc.poll() is None:
                self.processes.append(proc)
                return f":{number}"
        raise RuntimeError("no free X display")

    def run(self, args, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=60, **kwargs)

    def xdotool(self, *args) -> str:
        return self.run(["xdotool", *args]).stdout.strip()

    def window_of(self, pid: int, timeout: float = 90) -> str:
        """The visible top-level window of a process (its id for xdotool)."""
        def find():
            ids = self.xdotool("search", "--onlyvisible", "--pid", str(pid), "--name", "年度报告").split()
            return ids[-1] if ids else None
        return wait_for(find, timeout, 0.25, f"a window of process {pid}")

    # Keys go through XTEST to the focused window, as a keyboard's would (not XSendEvent).
    def key(self, *keys: str, delay_ms: int = 60) -> None:
        self.xdotool("key", "--delay", str(delay_ms), *keys)

    def type(self, text: str, delay_ms: int = 60) -> None:
        self.xdotool("type", "--delay", str(delay_ms), text)

    def focus(self, window: str) -> None:
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("windowfocus", "--sync", window)

    def screenshot(self, out: Path) -> None:
        self.run(["import", "-window", "root", str(out)])

    def close(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
