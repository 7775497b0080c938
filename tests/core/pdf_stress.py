"""Stress reports for the PDF: content the published samples never have.

Built from a real sample so that everything else stays realistic: 99999999 in
every cell, 3,000-character texts with URLs and Latin runs, one long unbroken
paragraph, rare characters in names, no 成文日期 and no 机关名称.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nianbao.core.form import FORM
from nianbao.core.model import Report
from nianbao.core.reportfile import read_report
from nianbao.core.resources import sample_report_path

URLS = ("https://www.pingtan.gov.cn/xxgk/zfxxgkzl/zfxxgkndbg/202401/t20240120_6312457.htm",
        "http://220.160.52.229:8080/ysqgk/apply?type=natural&step=2&id=A3F29C0017",
        "zfxxgk_pingtan@163.com", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "GB/T 9704-2012", "ISO/IEC 27001:2022", "QR-2023-0001234567",
        "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08" * 2)
RARE_NAMES = "朱镕基、王堃、张喆、李昇、赵赟同志参加，办公用房面积1200㎡"


def _sentence(k: int) -> str:
    url = URLS[k % len(URLS)]
    return (f"第{k + 1}项：我局通过政府门户网站（{url}）公开政府信息{100 + k * 37}条，"
            f"累计访问量达到{1234567 + k * 8191}人次，并在{RARE_NAMES[:12]}等人员参与下完善了"
            f"依申请公开工作流程。")


def long_text(chars: int = 3000) -> str:
    """Paragraphs of about 300 characters, each with a URL or a Latin or digit run."""
    out, paragraph, k = [], "", 0
    while sum(map(len, out)) + len(paragraph) < chars:
        paragraph += _sentence(k)
        k += 1
        if len(paragraph) > 280:
            out.append(paragraph)
            paragraph = ""
    return "\n".join(out + ([paragraph] if paragraph else []))


def base() -> Report:
    report = read_report(sample_report_path())
    report.date = dt.date(report.year + 1, 1, 20)
    return report


def all_nines() -> Report:
    report = base()
    for cell in FORM.input_cells:
        report.set(cell.id, Decimal("99999999") if cell.kind == "money" else 99999999)
    return report


def long_texts() -> Report:
    report = base()
    for key in ("overview", "problems", "other"):
        report.text[key] = long_text()
    report.text["problems"] = ("(一)存在问题：" + report.text["problems"][:900] + "\n（二）改进措施："
                               + report.text["problems"][900:])
    return report


def unbroken() -> Report:
    """One paragraph of 2,400 characters without a line break, a URL every few sentences."""
    report = base()
    report.text["overview"] = "".join(_sentence(k) for k in range(24))
    return report


def bare() -> Report:
    """No 机关名称 and no 成文日期, rare characters in the text."""
    report = base()
    report.agency = ""
    report.date = None
    report.text["other"] = report.text.get("other", "") + RARE_NAMES + "。"
    return report


STRESS = {"nines": all_nines, "long": long_texts, "unbroken": unbroken, "bare": bare}
