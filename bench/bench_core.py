"""Benchmark of the core's per-keystroke work and of the report file.

On a fully filled report (the published sample's texts, every cell filled):
  - one keystroke's work: set a cell, recompute every total, run every check;
  - reading and writing the report file (atomic write with fsync and backup).
Prints medians; the target for the keystroke is under 2 ms.

    python3 bench/bench_core.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from nianbao.core.checks import run_checks  # noqa: E402
from nianbao.core.reportfile import read_report, write_report  # noqa: E402
from nianbao.core.resources import sample_report_path  # noqa: E402
from support import consistent_report  # noqa: E402


def median_ms(fn, n: int) -> float:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    sample = read_report(sample_report_path())
    report = consistent_report(2022)
    report.text = dict(sample.text)          # the real texts, so the text checks do real work
    report.last_year = consistent_report(2021)
    report.last_year.text = dict(sample.text)
    findings = run_checks(report)

    def keystroke(i):
        report.set("t3.granted.natural", i % 7)
        run_checks(report)

    def checks_only(_):
        run_checks(report)

    def recompute(_):
        report.snapshot()

    print(f"report: {sum(len(t) for t in report.text.values())} characters of text, "
          f"{len(findings)} findings")
    print(f"recompute all totals      median {median_ms(recompute, 2000):.3f} ms")
    print(f"run every check           median {median_ms(checks_only, 2000):.3f} ms")
    print(f"keystroke (set + checks)  median {median_ms(keystroke, 2000):.3f} ms   (target < 2 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.nianbao"
        write_report(report, path)
        print(f"write report file         median {median_ms(lambda _: write_report(report, path), 200):.3f} ms"
              f"   ({path.stat().st_size} bytes, atomic + fsync + backup)")
        print(f"read report file          median {median_ms(lambda _: read_report(path), 500):.3f} ms")


if __name__ == "__main__":
    main()
