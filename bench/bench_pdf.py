"""Benchmark: exporting the sample report to PDF, against LibreOffice converting the same report.

Prints, for the full sample report (resources/samples, all six sections):

* warm: one export in a process that has already imported reportlab and
  registered the fonts (what the GUI pays on its second 导出PDF);
* fresh: ``python -m nianbao export SAMPLE --pdf OUT`` as a new process,
  timed from outside, interpreter start-up included (modules byte-compiled
  first, into a temporary cache, as an installed package would be);
* the peer, when ``soffice`` is installed: LibreOffice's
  ``soffice --headless --convert-to pdf`` of the same report's .xlsx (written
  by ``nianbao export --xlsx``), with a profile of its own that one untimed
  run has set up.  Fresh exports and conversions are interleaved, so load
  from other processes hits both alike; the ratio is of their medians
  (issue 15: fresh ≤ 0.5 × LibreOffice), of wall time and, as the figure a
  shared machine disturbs least, of CPU time (user + system, children included);
* the PDF's size.

Targets (issue 4): warm < 150 ms, size < 300 KB.

Usage: ``python3 bench/bench_pdf.py [--runs N]`` from the repository root.
"""
from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "resources" / "samples" / "pingtan-gonganju-2022.nianbao"

TARGET_WARM_MS = 150
TARGET_SIZE_KB = 300
TARGET_RATIO = 0.5


def warm(runs: int):
    from nianbao.core.checks import run_checks
    from nianbao.core.pdf import export_pdf
    from nianbao.core.reportfile import read_report

    report = read_report(SAMPLE)
    findings = run_checks(report)
    data = export_pdf(report, findings)  # imports, font registration, first layout
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        export_pdf(report, findings)
        times.append((time.perf_counter() - start) * 1000)
    return times, len(data)


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(argv, env, output: Path):
    """(wall, CPU) milliseconds of a process and its children, checked to have written ``output``.

    CPU time (user + system) is what a loaded machine disturbs least.
    """
    output.unlink(missing_ok=True)
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = ((time.perf_counter() - start) * 1000, (_cpu() - cpu) * 1000)
    if not output.exists():
        raise SystemExit(f"{argv[0]} wrote no {output.name}")
    return elapsed


def fresh(runs: int, tmp: Path):
    """(nianbao (wall, CPU) times, LibreOffice's or None), interleaved."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp / "pyc"), PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = env["PYTHONPYCACHEPREFIX"]
    for package in ("core", "nianbao"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    pdf = tmp / "nianbao.pdf"
    ours = [sys.executable, "-m", "nianbao", "export", str(SAMPLE), "--pdf", str(pdf)]
    kinds = {"nianbao": (ours, pdf)}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        xlsx = tmp / "report.xlsx"
        subprocess.run([sys.executable, "-m", "nianbao", "export", str(SAMPLE), "--xlsx", str(xlsx)],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        peer = [soffice, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
                "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(xlsx)]
        kinds["LibreOffice"] = (peer, tmp / "lo" / "report.pdf")
    for argv, output in kinds.values():   # page cache, byte-compiled modules, LibreOffice's profile
        timed(argv, env, output)
    times = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, (argv, output) in kinds.items():
            times[kind].append(timed(argv, env, output))
    return times["nianbao"], times.get("LibreOffice")


def _medians(label: str, times):
    wall, cpu = (statistics.median(t[k] for t in times) for k in (0, 1))
    print(f"  {label:29s} median {wall:7.1f} ms  (min {min(t[0] for t in times):.1f}, {len(times)} runs), "
          f"CPU {cpu:.1f} ms")
    return wall, cpu


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="PDF export benchmark")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    warm_times, size = warm(max(args.runs, 10))
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-bench-pdf-"))
    try:
        ours, peer = fresh(args.runs, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    warm_ms, size_kb = statistics.median(warm_times), size / 1024
    print(f"PDF export of the sample, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end:")
    print(f"  warm export   median {warm_ms:7.1f} ms  (min {min(warm_times):.1f}, "
          f"{len(warm_times)} runs)  target < {TARGET_WARM_MS} ms  {_verdict(warm_ms < TARGET_WARM_MS)}")
    fresh_ms = _medians("fresh `nianbao export --pdf`", ours)
    if peer:
        peer_ms = _medians("LibreOffice --convert-to pdf", peer)
        ratio, cpu_ratio = fresh_ms[0] / peer_ms[0], fresh_ms[1] / peer_ms[1]
        print(f"  ratio {ratio:.2f} × LibreOffice (CPU {cpu_ratio:.2f} ×)  target ≤ {TARGET_RATIO}  "
              f"{_verdict(ratio <= TARGET_RATIO)}")
    else:
        print("  (no soffice: apt-get install libreoffice-calc for the peer)")
    print(f"  file size     {size_kb:7.1f} KB  target < {TARGET_SIZE_KB} KB  "
          f"{_verdict(size_kb < TARGET_SIZE_KB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
