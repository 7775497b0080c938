"""How fast the window comes up: a bare PySide6 window against nianbao, from source and frozen.

Prints numbers, asserts nothing.  Each run is a fresh process, timed from just
before it is launched to the line it prints on stdout:

* ``shown`` — the first paint of the top-level window is complete (for nianbao:
  the real main window with the sample report's title, the six section tabs,
  the menus and the findings panel's frame on screen);
* ``ready`` — nianbao only: what it does right after that first paint (checks,
  findings list, tab badges, the current tab's content) is done and painted.

Both are detected by the same code (``gui.startup_probe``), switched on by
``NIANBAO_STARTUP_PROBE=1``; the bare window is QApplication + an empty
QMainWindow of the same size.  Runs are interleaved so that load from other
processes hits all alike; medians are reported.  Python modules are
byte-compiled first (into a temporary cache, as an installed package would be)
so that the source numbers do not include compiling .py files.

``--screenshot`` (issue 15's figure): whole processes, start → window with the
report, its checks and tab content painted → PNG, i.e. ``nianbao screenshot
SAMPLE out.png``, against a bare PySide6 window with 6 tabs of 25×7
QTableWidgets rendered the same way into the same kind of PNG; interleaved,
each printed as a ratio to the bare window measured in the same run.

Run: python3 bench/bench_startup.py [--runs N] [--screenshot]
     (the frozen build is timed when dist/nianbao exists: packaging/build --no-deb)
"""
from __future__ import annotations

import argparse
import compileall
import os
import statistics
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "pingtan-gonganju-2022.nianbao"
FROZEN = ROOT / "dist" / "nianbao" / ("nianbao.exe" if os.name == "nt" else "nianbao")

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from nianbao.gui.startup_probe import say, watch_first_paint
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 740)
watch_first_paint(window, lambda: (say("shown"), app.quit()))
window.show()
app.exec()
"""
BARE_PNG = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
for t in range(6):
    table = QTableWidget(25, 7)
    for r in range(25):
        for c in range(7):
            table.setItem(r, c, QTableWidgetItem(str(r * 7 + c)))
    tabs.addTab(table, f"表{t + 1}")
window.setCentralWidget(tabs)
window.setAttribute(Qt.WA_DontShowOnScreen, True)
window.resize(1366, 768)
window.show()
for _ in range(3):
    app.processEvents()
if not window.grab().save(sys.argv[1], "PNG"):
    sys.exit(1)
print("shown")
"""
SOURCE = "import sys; from nianbao.core.cli import main; sys.exit(main())"


def launch(argv, env) -> dict:
    """Seconds from launch to each line the process prints."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                            cwd=str(ROOT))
    watchdog = threading.Timer(60, proc.kill)   # a build without the probe never quits
    watchdog.start()
    times = {}
    for line in proc.stdout:
        times[line.strip()] = time.perf_counter() - start
    watchdog.cancel()
    if proc.wait() != 0 or "shown" not in times:
        raise SystemExit(f"{argv[0]}: did not come up (exit {proc.returncode}, printed {sorted(times)})")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--screenshot", action="store_true",
                        help="whole processes to a PNG: nianbao screenshot against the bare 6-tab window")
    args = parser.parse_args()

    cache = tempfile.mkdtemp(prefix="nianbao-bench-")
    try:
        (run_screenshot if args.screenshot else run)(args.runs, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def bench_env(cache: str) -> dict:
    """The processes' environment; core and gui byte-compiled into ``cache`` as an install would be."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_STARTUP_PROBE="1",
               NIANBAO_DATA_DIR=os.path.join(cache, "data"), PYTHONPYCACHEPREFIX=os.path.join(cache, "pyc"),
               PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = env["PYTHONPYCACHEPREFIX"]
    for package in ("core", "gui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    return env


def launch_png(argv, env, png: str) -> tuple:
    """Seconds from launch to exit of a process that must write ``png``, and its CPU seconds."""
    if os.path.exists(png):
        os.remove(png)
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                          cwd=str(ROOT), timeout=60)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or not os.path.getsize(png):
        raise SystemExit(f"{argv[:3]}: no PNG (exit {done.returncode})")
    return elapsed, _children_cpu() - before


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:       # Windows: wall time only
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_screenshot(runs: int, cache: str) -> None:
    env = bench_env(cache)
    png = os.path.join(cache, "out.png")
    kinds = {"bare PySide6 6 tabs": [sys.executable, "-c", BARE_PNG, png],
             "nianbao screenshot": [sys.executable, "-m", "nianbao", "screenshot", str(SAMPLE), png]}
    results = {kind: [] for kind in kinds}
    for argv in kinds.values():   # warm the file cache
        launch_png(argv, env, png)
    for _ in range(runs):
        for kind, argv in kinds.items():
            results[kind].append(launch_png(argv, env, png))
    def median(kind, which):
        return statistics.median(r[which] for r in results[kind])

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"start → painted window → PNG, whole processes, median of {runs} interleaved runs "
          f"(Qt {qt_version()}, {os.cpu_count()} cores, load {load:.2f}):")
    for kind in results:
        wall, cpu = median(kind, 0), median(kind, 1)
        print(f"  {kind:20s} {wall * 1000:6.0f} ms  = {wall / median('bare PySide6 6 tabs', 0):.2f} × bare  "
              f"(goal ≤ 1.30);  CPU {cpu * 1000:6.0f} ms = {cpu / median('bare PySide6 6 tabs', 1):.2f} × bare")


def run(runs: int, cache: str) -> None:
    env = bench_env(cache)
    kinds = {"bare PySide6": [sys.executable, "-c", BARE],
             "nianbao (source)": [sys.executable, "-c", SOURCE, str(SAMPLE)]}
    if FROZEN.exists():
        kinds["nianbao (frozen)"] = [str(FROZEN), str(SAMPLE)]
    results = {kind: [] for kind in kinds}
    for argv in kinds.values():   # warm the file cache
        launch(argv, env)
    for _ in range(runs):
        for kind, argv in kinds.items():
            results[kind].append(launch(argv, env))

    def median(kind, event):
        values = [r[event] for r in results[kind] if event in r]
        return statistics.median(values) if values else None

    bare = median("bare PySide6", "shown")
    print(f"start-up, median of {runs} runs each, offscreen (Qt {qt_version()}, {os.cpu_count()} cores):")
    for kind in kinds:
        shown, ready = median(kind, "shown"), median(kind, "ready")
        line = f"  {kind:18s} window shown {shown * 1000:6.0f} ms"
        if kind != "bare PySide6":
            line += f"  = {shown / bare:.2f} × bare"
        if ready is not None:
            line += f";  checks and findings on screen {ready * 1000:6.0f} ms = {ready / bare:.2f} × bare"
        print(line)
    if not FROZEN.exists():
        print(f"  (no frozen build at {FROZEN.parent}: packaging/build --no-deb makes it)")


def qt_version() -> str:
    from PySide6 import __version__
    return __version__


if __name__ == "__main__":
    main()
