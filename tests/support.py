"""Shared test helpers for the core tests: sample reports and consistent reports built to order."""
from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Dict

from nianbao.core.form import FORM, T3_RESULT_ROWS
from nianbao.core.model import Report
from nianbao.core.reportfile import read_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SHARED = ROOT / "docs"  # copies of the shared contract: FORMAT.md, RULES.md, the official text


def sample(name: str) -> Report:
    return read_report(SAMPLES / f"{name}.nianbao")


def consistent_report(year: int = 2023, agency: str = "某市生态环境局", seed: int = 1) -> Report:
    """A fully filled report in which every sum and the 勾稽关系 hold."""
    r = Report(year=year, agency=agency, date=datetime.date(year + 1, 1, 20))
    k = seed
    for cell in FORM.table("t2").cells:
        k = (k * 7 + 3) % 11
        r.set(cell.id, Decimal("12.5") if cell.kind == "money" else k)
    # t2 stock stays plausible: repealed <= in_force + issued.
    for row in ("regulations", "normative"):
        r.set(f"t2.{row}.repealed", 0)
    applicants = [c.key for c in FORM.table("t3").columns if c.key != "total"]
    for j, col in enumerate(applicants):
        results = 0
        for i, row in enumerate(T3_RESULT_ROWS):
            v = (i + j + seed) % 3
            r.set(f"t3.{row.key}.{col}", v)
            results += v
        carried_in = (j + seed) % 2
        carried_out = (j + seed + 1) % 3
        r.set(f"t3.carried_in.{col}", carried_in)
        r.set(f"t3.carried_out.{col}", carried_out)
        r.set(f"t3.new.{col}", results + carried_out - carried_in)
    for g in ("review", "suit_direct", "suit_after_review"):
        for i, o in enumerate(("upheld", "corrected", "other", "pending")):
            r.set(f"t4.{g}.{o}", (i + seed) % 2)
    return r


def values_of(report: Report) -> Dict[str, object]:
    return report.snapshot()
