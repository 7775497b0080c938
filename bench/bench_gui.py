"""How fast the window comes up, and how fast findings follow a keystroke.

Prints numbers, asserts nothing:

* start-up: wall time from launching a fresh Python process to the main window
  shown (offscreen) with the sample report, against a bare PySide6 window
  (QApplication + an empty QMainWindow) measured the same way;
* keystroke → findings refreshed: a digit typed into a 表三 cell (real key
  events through the view and the cell editor), until the totals, the
  findings panel and the tab badges are updated and painted (the digit alone: the
  grid refreshes while the cell is still being typed); median over many edits.

Run: python3 bench/bench_gui.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("shown", flush=True)
"""
REAL = """
import sys; sys.path.insert(0, %r)
from gui.app import build_window, ensure_app
from core.resources import sample_report_path
w = build_window(str(sample_report_path()), autosave=False)
w.resize(1366, 768); w.show(); ensure_app().processEvents()
print("shown", flush=True)
heavy = [m for m in ("openpyxl", "reportlab") if m in sys.modules]
print("heavy", ",".join(heavy), flush=True)
""" % str(ROOT)


def time_to_shown(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR="/tmp/nianbao-bench")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = proc.communicate()[0]
    if not line.startswith("shown"):
        raise SystemExit("the window did not come up")
    if "heavy" in rest and rest.strip() != "heavy":
        print("  warning: start-up imported", rest.strip())
    return elapsed


def bench_startup(runs: int) -> None:
    time_to_shown(BARE)   # warm the file cache
    time_to_shown(REAL)
    bare, real = [], []
    for _ in range(runs):  # interleaved, so that load from other processes hits both alike
        bare.append(time_to_shown(BARE))
        real.append(time_to_shown(REAL))
    b, r = statistics.median(bare), statistics.median(real)
    print(f"start-up to window shown (median of {runs}): bare PySide6 {b * 1000:.0f} ms, "
          f"nianbao {r * 1000:.0f} ms, ratio {r / b:.2f}; "
          f"best: {min(bare) * 1000:.0f} ms vs {min(real) * 1000:.0f} ms, ratio {min(real) / min(bare):.2f}")


def bench_keystroke(edits: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from gui.app import build_window, ensure_app
    from core.resources import resource_path
    app = ensure_app()
    window = build_window(str(resource_path("samples", "pingtan-haitan-2024.nianbao")), autosave=False)
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentIndex(2)
    view = window.tab_widgets[3].body
    model = view.grid_model
    app.processEvents()
    timings = []
    cells = ["t3.new.natural", "t3.granted.natural", "t3.carried_in.commercial", "t3.partial.legal"]
    for i in range(edits):
        cid = cells[i % len(cells)]
        view.setCurrentIndex(model.index_of(cid))
        view.setFocus()
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(view, Qt.Key_1 + (i % 8))   # opens the editor; totals and findings follow
        app.processEvents()          # totals, findings panel, badges repainted
        timings.append(time.perf_counter() - start)
        QTest.keyClick(window.focusWidget(), Qt.Key_Return)
        app.processEvents()
    timings.sort()
    print(f"keystroke → findings refreshed and painted (median of {edits}): "
          f"{statistics.median(timings) * 1000:.1f} ms (p90 {timings[int(len(timings) * 0.9)] * 1000:.1f} ms, "
          f"findings now {len(window.document.findings)})")
    window.ask_unsaved = lambda *_: "discard"
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    bench_startup(args.runs)
    bench_keystroke(args.edits)


if __name__ == "__main__":
    main()
