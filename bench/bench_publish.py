"""Word and portal HTML export speed.  Prints numbers; asserts nothing.

    python3 bench/bench_publish.py [--repeat 50]

For the bundled sample (all six sections) and for a draft (every cell a different
number, so that the checks fail and the findings page is added):

* warm: one export in a process that has already imported the writers (what the
  GUI pays on its second 导出Word/导出网页版, and each file of a batch);
* fresh: ``python -m nianbao export FILE --docx … --html …`` in a new process,
  interpreter start-up, the checks and both atomic writes included;
* the sizes of the .docx and the HTML.

Targets (issue 14): .docx < 150 ms and HTML < 20 ms warm.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_DOCX_MS = 150
TARGET_HTML_MS = 20


from timing import timed  # noqa: E402  (bench/ is the script's folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    t = time.perf_counter()
    from nianbao.core.checks import run_checks
    from nianbao.core.publish import export_docx, export_html
    from nianbao.core.publish import docx as _docx, html as _html  # noqa: F401  (imported once)
    from nianbao.core.reportfile import read_report
    from nianbao.core.resources import sample_report_path
    from tests.core.publish_render import distinct_report
    print(f"import the writers (once per process): {(time.perf_counter() - t) * 1000:.0f} ms")

    sample = read_report(sample_report_path())
    for name, report in (("sample", sample), ("draft with findings", distinct_report())):
        findings = run_checks(report)
        docx, html = export_docx(report, findings), export_html(report, findings)   # warm up
        for label, fn, target in (("docx", lambda: export_docx(report, findings), TARGET_DOCX_MS),
                                  ("html", lambda: export_html(report, findings), TARGET_HTML_MS)):
            median, worst = timed(fn, args.repeat)
            print(f"{name:20s} {label}: median {median:6.1f} ms   max {worst:6.1f} ms   "
                  f"(target < {target} ms)")
        print(f"{name:20s} sizes: docx {len(docx) / 1024:.1f} KB, html {len(html.encode()) / 1024:.1f} KB")

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        command = [sys.executable, "-m", "nianbao", "export", str(sample_report_path()),
                   "--docx", str(Path(tmp) / "r.docx"), "--html", str(Path(tmp) / "r.html")]
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append((time.perf_counter() - t) * 1000)
        print(f"fresh process, both files: median {statistics.median(times):.0f} ms")


if __name__ == "__main__":
    main()
