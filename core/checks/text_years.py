"""What a text says about the report itself: its year, leftovers of the template, plans.

The statistics period and the report's own title must name the report year
(N-PERIOD); placeholders such as XX or （文字描述） must be gone
(N-PLACEHOLDER); and a sentence of 五 that announces next steps must not name
the report year (N-PLAN), which usually means last year's text was copied.
Pure functions of the text, cached like ``text_claims.claims``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Tuple

from ..lazyre import lazy_re
from .text_claims import YEAR_RE, Claim, normalize, sentence_start

# -- years: the statistics period and the report's own title -----------------------

_PERIOD = lazy_re(r"统计(?:期限|时限|时间|区间|周期|期间|范围|截止时间)[为是自从:：\s]*[^。；;，,\n]{0,40}",
                  needs=(("统计",),))
_FULL_YEAR = lazy_re(r"(\d{4})年1月1日[起]?\s*(?:至|到|—|-|～|~)+\s*(?:(\d{4})年)?12月31日",
                      needs=(("1月1日",), ("12月31日",)))
_TITLE = lazy_re(r"(?:现将|特将|现予?公布|现发布|特发布|特编制|现编制)[^。；;\n]{0,30}?(\d{4})年度?"
                    r"[^。；;\n，,]{0,25}?(?:报告|年报)", needs=(("现", "特"), ("报告", "年报")))
_TITLE_LINE = lazy_re(r"^[^。\n，,]{0,40}?(\d{4})年度?[^。\n，,]{0,25}?政府信息公开工作(?:年度)?报告[ \t]*$",
                         re.M, needs=(("政府信息公开工作",),))


def _year_claims(text: str) -> List[Claim]:
    out: List[Claim] = []
    seen = set()
    for m in _PERIOD.finditer(text):
        for y in YEAR_RE.finditer(m.group()):
            out.append(Claim("period_year", int(y.group(1)), m.start(), m.end()))
        seen.add((m.start(), m.end()))
    for m in _FULL_YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in seen):
            continue
        sentence = text[sentence_start(text, m.start()):m.end()]
        if re.search(r"上年|去年|上一年|同比", sentence):
            continue
        for g in (1, 2):
            if m.group(g):
                out.append(Claim("period_year", int(m.group(g)), m.start(), m.end()))
    for regex in (_TITLE, _TITLE_LINE):
        for m in regex.finditer(text):
            if re.search(r"上年|去年|上一年|上年度", m.group()):
                continue
            out.append(Claim("title_year", int(m.group(1)), m.start(), m.end()))
    return out


_PLACEHOLDER = lazy_re(
    r"(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|××+|○○+|待补充|待填写|待完善数据"
    r"|\(文字描述[^)]{0,40}\)|此处填写|在此填写"
    r"|(?<![A-Za-z0-9.])[Xx×](?=\s*(?:件|条|月|日|个|篇|次|人|万元|元))")


def _placeholder_claims(text: str) -> List[Claim]:
    return [Claim("placeholder", m.group(), m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]


# -- 五: next steps that name the report year --------------------------------------

_PLAN_WORDS = lazy_re(
    r"下一步|(?<!为)(?:今后|明年|来年|新的一年|新一年)|拟(?:于|在|将)|计划(?:于|在|将|年内)|打算"
    r"|将(?:继续|进一步|持续|不断|加强|加大|坚持|着力|重点|全面|积极|认真|切实|深入|严格|大力|努力"
    r"|围绕|推进|完善|强化|做好|聚焦|抓好|扎实|以|在|按照|结合|紧紧|主动|及时|逐步|力争|探索|健全)",
    needs=(("下一步", "今后", "明年", "来年", "一年", "拟", "计划", "打算", "将"),))


_TIME_SHIFT = lazy_re(r"下一步|(?<!为)(?:今后|明年|来年|新的一年|新一年)",
                      needs=(("下一步", "今后", "明年", "来年", "一年"),))
_CLAUSE_SPLIT = lazy_re(r"[，,;；]")


def _plans_in(sentence: str, year: int) -> Optional[int]:
    """Where a sentence announces next steps for the report year, or None.

    The year must govern the announcement: "2022年，区工信局将继续…" or "下一步，
    2022年我局计划于…" or "将于2022年…".  A sentence that reports what was done in
    the year and then turns to the future ("2022年，我局加强了培训，下一步将…")
    names the year for the past and is not reported.
    """
    if str(year + 1) in sentence:
        return None
    direct = re.search(rf"(?:将|拟|计划)(?:于|在)\s*{year}\s*年", sentence)
    if direct:
        return direct.start()
    for head in re.finditer(rf"(?:^|[，,:：;；])\s*(?:在|于)?{year}\s*年(?!\s*\d|\s*1?\d月|度报告|度政府)",
                            sentence):
        if _TIME_SHIFT.search(sentence, 0, head.start()):
            return head.start()
        # The clause the year opens: "2022年，区工信局将继续…" or "2022年我局将…".
        rest = sentence[head.end():].lstrip(" ，,:：")
        clause = _CLAUSE_SPLIT.split(rest, 1)[0]
        if _PLAN_WORDS.search(clause):
            return head.start()
    return None


def plan_sentences(text: str, year: int) -> List[Tuple[int, int]]:
    """Spans of sentences that announce next steps "in" the report year (五, N-PLAN)."""
    out = []
    start = 0
    for m in re.finditer(r"[。！？!?\n]|$", text):
        sentence = text[start:m.end()]
        at = _plans_in(sentence, year)
        if at is not None:
            begin = start + at
            while begin < m.end() and text[begin] in " ，,:：;；":
                begin += 1
            out.append((begin, m.end()))
        start = m.end()
        if m.end() >= len(text):
            break
    return out


@lru_cache(maxsize=256)
def report_claims(text: str) -> Tuple[Claim, ...]:
    """The years (period_year, title_year) and placeholders a text states."""
    norm = normalize(text)
    return tuple(sorted(_year_claims(norm) + _placeholder_claims(norm), key=lambda c: c.start))


@lru_cache(maxsize=64)
def plans(text: str, year: int) -> Tuple[Tuple[int, int], ...]:
    return tuple(plan_sentences(normalize(text), year))
