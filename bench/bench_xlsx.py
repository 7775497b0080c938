"""Excel export and import speed, and batch checking throughput.  Prints numbers; asserts nothing.

    python3 bench/bench_xlsx.py [--files 200]

Targets (issue 5): export < 100 ms, import < 150 ms, batch > 20 files per second.
The hand-made layout is the one-sheet official layout of ``tests/core/xlsx_layouts.py``
(labels in half-width punctuation, ``1、`` numbering, line breaks, numbers as text).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from timing import timed  # noqa: E402  (bench/ is the script's folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    t = time.perf_counter()
    import openpyxl  # noqa: F401  (what the first export or import pays once)
    print(f"import openpyxl (once per process): {(time.perf_counter() - t) * 1000:.0f} ms")

    from nianbao.core.batch import check_files
    from nianbao.core.reportfile import read_report
    from nianbao.core.xlsx.export import export_xlsx
    from nianbao.core.xlsx.read import read_workbook
    from tests.core.xlsx_layouts import broken, dunhao, half_width, official_one_sheet, sample_report

    report = read_report(ROOT / "resources" / "samples" / "pingtan-gonganju-2022.nianbao")
    own = export_xlsx(report)
    hand = official_one_sheet(sample_report(), label=lambda s: broken(dunhao(half_width(s))),
                              write=lambda cid, v: str(v) if isinstance(v, int) and v % 2 else v)
    xls = (ROOT / "tests" / "data" / "xlsx" / "layout-official-variants.xls").read_bytes()
    export_xlsx(report), read_workbook(own, "w.xlsx"), read_workbook(hand, "w.xlsx")   # warm up

    for label, fn in [("export (report → xlsx bytes)", lambda: export_xlsx(report)),
                      ("import own export (by name)", lambda: read_workbook(own, "own.xlsx")),
                      ("import hand-made layout (by labels)", lambda: read_workbook(hand, "hand.xlsx")),
                      ("import legacy .xls (by labels)", lambda: read_workbook(xls, "hand.xls"))]:
        median, worst = timed(fn, args.repeat)
        print(f"{label:40s} median {median:6.1f} ms   max {worst:6.1f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.files):
            year = 2022 + i % 2
            agency = f"平潭县第{i // 2}局"
            r = sample_report(year, agency)
            data = export_xlsx(r) if i % 4 < 2 else official_one_sheet(r)
            path = Path(tmp) / f"{agency}-{year}.xlsx"
            path.write_bytes(data)
            paths.append(str(path))
        t = time.perf_counter()
        results = check_files(paths)
        elapsed = time.perf_counter() - t
        paired = sum(1 for r in results if r.previous_file)
        print(f"batch check of {len(paths)} workbooks (half own exports, half hand-made): "
              f"{elapsed:.2f} s, {len(paths) / elapsed:.0f} files/s, {paired} checked against last year")


if __name__ == "__main__":
    main()
