"""How fast findings follow a keystroke (start-up: bench/bench_startup.py).

Prints numbers, each as a ratio to one 60 Hz frame (16.7 ms), asserts nothing:

* keystroke → findings refreshed: a digit typed into a 表三 cell (real key
  events through the view and the cell editor), until the totals, the
  findings panel and the tab badges are updated and painted (the digit alone: the
  grid refreshes while the cell is still being typed); median over many edits.

Run: python3 bench/bench_gui.py [--edits N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FRAME_MS = 1000 / 60   # the peer: one frame at 60 Hz, 16.7 ms


def bench_keystroke(edits: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from nianbao.gui.app import build_window, ensure_app
    from nianbao.core.resources import resource_path
    app = ensure_app()
    window = build_window(str(resource_path("samples", "pingtan-haitan-2024.nianbao")), autosave=False)
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentIndex(2)
    view = window.tab_widgets[3].body
    model = view.grid_model
    app.processEvents()
    timings, cpu = [], []
    cells = ["t3.new.natural", "t3.granted.natural", "t3.carried_in.commercial", "t3.partial.legal"]
    for i in range(edits):
        cid = cells[i % len(cells)]
        view.setCurrentIndex(model.index_of(cid))
        view.setFocus()
        app.processEvents()
        start, start_cpu = time.perf_counter(), time.process_time()
        QTest.keyClick(view, Qt.Key_1 + (i % 8))   # opens the editor; totals and findings follow
        app.processEvents()          # totals, findings panel, badges repainted
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        QTest.keyClick(window.focusWidget(), Qt.Key_Return)
        app.processEvents()
    timings.sort()
    cpu.sort()
    median, p90 = statistics.median(timings) * 1000, timings[int(len(timings) * 0.9)] * 1000
    cpu_median, cpu_p90 = statistics.median(cpu) * 1000, cpu[int(len(cpu) * 0.9)] * 1000
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"keystroke → findings refreshed and painted ({edits} edits, load {load:.2f}, "
          f"findings now {len(window.document.findings)}):\n"
          f"  median {median:5.1f} ms = {median / FRAME_MS:.2f} × one 60 Hz frame\n"
          f"  p90    {p90:5.1f} ms = {p90 / FRAME_MS:.2f} × one 60 Hz frame  (goal ≤ 1.00)\n"
          f"  CPU of this process (steadier on a shared machine): median {cpu_median:5.1f} ms, "
          f"p90 {cpu_p90:5.1f} ms = {cpu_p90 / FRAME_MS:.2f} × one frame")
    window.ask_unsaved = lambda *_: "discard"
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    bench_keystroke(args.edits)


if __name__ == "__main__":
    main()
