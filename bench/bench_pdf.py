"""Benchmark: exporting the sample report to PDF.

Prints, for the full sample report (resources/samples, all six sections):

* warm: one export in a process that has already imported reportlab and
  registered the fonts (what the GUI pays on its second 导出PDF);
* fresh: a new ``python3`` process that imports, registers the fonts, reads
  the report and exports it (what ``nianbao export FILE --pdf`` pays),
  measured from outside the process, interpreter start-up included;
* the PDF's size.

Targets (issue 4): warm < 150 ms, fresh < 700 ms, size < 300 KB.

Usage: ``python3 bench/bench_pdf.py [--runs N]`` from the repository root.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_WARM_MS = 150
TARGET_FRESH_MS = 700
TARGET_SIZE_KB = 300

FRESH = """
from nianbao.core.reportfile import read_report
from nianbao.core.resources import sample_report_path
from nianbao.core.checks import run_checks
from nianbao.core.pdf import export_pdf
report = read_report(sample_report_path())
data = export_pdf(report, run_checks(report))
assert data.startswith(b"%PDF")
"""


def warm(runs: int):
    from nianbao.core.checks import run_checks
    from nianbao.core.pdf import export_pdf
    from nianbao.core.reportfile import read_report
    from nianbao.core.resources import sample_report_path

    report = read_report(sample_report_path())
    findings = run_checks(report)
    data = export_pdf(report, findings)  # imports, font registration, first layout
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        export_pdf(report, findings)
        times.append((time.perf_counter() - start) * 1000)
    return times, len(data)


def fresh(runs: int):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", FRESH], cwd=ROOT, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="PDF export benchmark")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    warm_times, size = warm(args.runs)
    fresh_times = fresh(max(3, args.runs // 2))
    warm_ms, fresh_ms = statistics.median(warm_times), statistics.median(fresh_times)
    size_kb = size / 1024
    print(f"warm export   median {warm_ms:7.1f} ms  (min {min(warm_times):.1f}, "
          f"{len(warm_times)} runs)  target < {TARGET_WARM_MS} ms  {_verdict(warm_ms < TARGET_WARM_MS)}")
    print(f"fresh process median {fresh_ms:7.1f} ms  (min {min(fresh_times):.1f}, "
          f"{len(fresh_times)} runs)  target < {TARGET_FRESH_MS} ms  "
          f"{_verdict(fresh_ms < TARGET_FRESH_MS)}")
    print(f"file size     {size_kb:7.1f} KB  target < {TARGET_SIZE_KB} KB  "
          f"{_verdict(size_kb < TARGET_SIZE_KB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
