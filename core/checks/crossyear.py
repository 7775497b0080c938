"""Checks across years, given last year's report: X-CARRY, X-STOCK, X-DUP, X-YEAR.

Last year's report is either passed explicitly (``nianbao check --previous``,
or a batch that holds both years) or the one carried forward into the report
when it was created from last year's file.
"""
from __future__ import annotations

import re
from typing import List

from ..form import FORM
from ..values import is_valid
from .findings import ERROR, WARNING, Context, Finding, Fix, cell_label
from .tables import T3_COLUMNS, _ints

# Sentences split on Chinese sentence ends and line breaks; digits are folded so
# that a text copied with only the year changed still counts as the same.
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_DIGITS = re.compile(r"[0-9０-９]+|[〇一二三四五六七八九十]+年")
_NOISE = re.compile(r"[\s，、,：:“”\"'（）()《》]")
DUP_MIN_CHARS = 60          # a short statement ("本年度未收取信息处理费") may rightly repeat
DUP_SHARE = 0.5             # "more than half of it the same"


def _sentences(text: str) -> List[str]:
    out = []
    for s in _SENTENCE_END.split(text):
        s = _NOISE.sub("", _DIGITS.sub("#", s))
        if len(s) >= 6:
            out.append(s)
    return out


def repeated_share(text: str, last_text: str) -> float:
    """The share of this year's text (by characters) in sentences that stood in last year's too."""
    this = _sentences(text)
    if not this:
        return 0.0
    last = set(_sentences(last_text))
    total = sum(len(s) for s in this)
    same = sum(len(s) for s in this if s in last)
    return same / total if total else 0.0


def _norm_agency(name: str) -> str:
    return re.sub(r"\s+", "", name or "")


def check_cross_year(ctx: Context) -> List[Finding]:
    prev = ctx.previous
    if prev is None or ctx.previous_values is None:
        return []
    report = ctx.report
    if prev.year != report.year - 1 or _norm_agency(prev.agency) != _norm_agency(report.agency):
        # Not last year's report of this agency: comparing carried and standing numbers
        # with it would only produce wrong errors and harmful one-click fixes.
        return [Finding(
            "X-YEAR", WARNING,
            f"用于跨年核对的上年报告是“{prev.agency}”{prev.year}年的，而本报告是“{report.agency}”"
            f"{report.year}年的：应为同一机关的上一年度报告；上年结转和现行有效件数的跨年核对未进行",
            expected=report.year - 1, actual=prev.year)] + _duplicate_text(report, prev)
    return _carried_in(ctx) + _in_force(ctx) + _duplicate_text(report, prev)


def _carried_in(ctx: Context) -> List[Finding]:
    """X-CARRY: this year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column."""
    report, prev, v, prev_values = ctx.report, ctx.previous, ctx.values, ctx.previous_values
    findings: List[Finding] = []
    for col in T3_COLUMNS:
        here, there = f"t3.carried_in.{col}", f"t3.carried_out.{col}"
        if not (is_valid("count", v[here]) and is_valid("count", prev_values[there])):
            continue
        if col == "total" and not (report.is_stated_total(here) or prev.is_stated_total(there)):
            continue  # both derived: a difference was already reported column by column
        if v[here] != prev_values[there]:
            findings.append(Finding(
                "X-CARRY", ERROR,
                f"表三 {cell_label(here)} 为 {v[here]}，而{prev.year}年报告的"
                f"{cell_label(there)} 为 {prev_values[there]}，两者应相等",
                (here,), expected=prev_values[there], actual=v[here],
                fix=None if FORM.cells[here].computed else Fix(here, prev_values[there])))
    return findings


def _in_force(ctx: Context) -> List[Finding]:
    """X-STOCK: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止."""
    findings: List[Finding] = []
    for row in ("regulations", "normative"):
        ids = [f"t2.{row}.{c}" for c in ("issued", "repealed", "in_force")]
        nums = _ints(ctx.values, ids)
        last = ctx.previous_values.get(ids[2])
        if nums is None or not is_valid("count", last):
            continue
        issued, repealed, in_force = nums
        expected = last + issued - repealed
        if in_force != expected:
            name = FORM.cells[ids[0]].row.label
            findings.append(Finding(
                "X-STOCK", WARNING,
                f"表二 {name}：上年现行有效 {last} + 本年制发 {issued} − 本年废止 {repealed} = {expected}，"
                f"而本年现行有效件数为 {in_force}；如因集中清理等原因不一致，请在正文中说明",
                tuple(ids), expected=expected, actual=in_force,
                fix=Fix(ids[2], expected) if expected >= 0 else None))
    return findings


# The 信息处理费 position in 六 is, rightly, the same sentence every year.
_FEE_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:处理费|收费|收取[^。！？；!?;\n]{0,15}费)[^。！？；!?;\n]*[。！？；!?;\n]*")


def _compared_text(key: str, text: str) -> str:
    """What X-DUP compares of a text: in 六, all but the sentences stating the fee position."""
    return _FEE_SENTENCE.sub("", text) if key == "other" else text


def _duplicate_text(report, prev) -> List[Finding]:
    """X-DUP: copying an older report's text is just as wrong as copying last year's."""
    findings: List[Finding] = []
    for key in ("overview", "problems", "other"):
        text = _compared_text(key, report.text.get(key, ""))
        last_text = _compared_text(key, prev.text.get(key, ""))
        if len(_NOISE.sub("", text)) < DUP_MIN_CHARS or not last_text:
            continue
        share = repeated_share(text, last_text)
        if share > DUP_SHARE:
            title = FORM.section_of_text(key).title
            findings.append(Finding(
                "X-DUP", WARNING,
                f"{title} 的文字约 {round(share * 100)}% 与{prev.year}年报告相同，"
                f"格式要求不得“年年雷同”，请按本年实际情况撰写",
                text_key=key))
    return findings

