"""S-AGENCY and S-DATE: the 机关名称 and 成文日期 a published report carries.

The title ("某机关2022年政府信息公开工作年度报告") and the 落款 need the agency's
name: a report without one is an error.  The 成文日期 is printed under the
落款; 条例第五十条 requires the report to be published by 31 January of the
following year, so a missing date, or one outside 1–31 January of that year,
is a warning (the PDF export repeats it on its findings page).
"""
from __future__ import annotations

import datetime as _dt
from typing import List

from .findings import ERROR, WARNING, Context, Finding

PUBLISH_BY_MONTH, PUBLISH_BY_DAY = 1, 31    # 条例第五十条：每年1月31日前公布


def _chinese_date(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def publication_window(year: int):
    """The first and last day a report for ``year`` may be dated: 1–31 January of year + 1."""
    return _dt.date(year + 1, 1, 1), _dt.date(year + 1, PUBLISH_BY_MONTH, PUBLISH_BY_DAY)


def check_metadata(ctx: Context) -> List[Finding]:
    report = ctx.report
    out: List[Finding] = []
    if not (report.agency or "").strip():
        out.append(Finding("S-AGENCY", ERROR,
                           f"报告没有填写机关名称：标题应为“（机关名称）{report.year}年政府信息公开工作年度报告”，"
                           f"文末落款也要署机关名称；请在“报告信息”中填写"))
    first, last = publication_window(report.year)
    if report.date is None:
        out.append(Finding("S-DATE", WARNING,
                           f"报告没有填写成文日期：导出的落款将没有日期。按条例第五十条，"
                           f"应在{_chinese_date(last)}前公布，请在“报告信息”中填写"))
    elif not first <= report.date <= last:
        when = "早于报告年度结束" if report.date < first else "晚于条例第五十条规定的公布期限"
        out.append(Finding("S-DATE", WARNING,
                           f"成文日期 {_chinese_date(report.date)} {when}：{report.year}年度报告应于"
                           f"{_chinese_date(first)}至{_chinese_date(last)}之间成文并公布，请核实",
                           expected=last, actual=report.date))
    return out
