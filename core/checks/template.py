"""S-FORMAT: a report for 2021 or later must use the 2021 format's tables.

A report read from a workbook in the 2019 (试行) format (国办公开办函〔2019〕60号)
is marked ``template = "2019"`` by the importer; for years before 2021 that
format was right, from 2021 on it is an error.
"""
from __future__ import annotations

from typing import List

from ..form import FORM
from .findings import ERROR, Context, Finding

FIRST_YEAR_OF_2021_FORMAT = 2021
LEGACY_TEMPLATES = {"2019": "2019年（试行）格式（国办公开办函〔2019〕60号）"}


def check_template(ctx: Context) -> List[Finding]:
    report = ctx.report
    if report.template == FORM.template or report.year < FIRST_YEAR_OF_2021_FORMAT:
        return []
    used = LEGACY_TEMPLATES.get(report.template, f"“{report.template}”格式")
    return [Finding("S-FORMAT", ERROR,
                    f"{report.year}年度报告使用了{used}的表格，{FIRST_YEAR_OF_2021_FORMAT}年起应使用"
                    f"{FORM.name}")]
