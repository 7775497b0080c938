"""Text against the tables: the N-* rules of RULES.md.

The narrative sections quote numbers and facts that drift from the tables after
late edits.  ``text_claims`` reads what each text states (once per text, cached);
this module compares those claims with the cells and reports every disagreement
with the phrase's span, so the application can highlight it in the text.

A total is compared both as shown and as its parts add up to: when a stated
total disagrees with its parts (reported by T3-ROW/T3-RES), a text that agrees
with either reading is not reported again.  A blank or invalid cell is never
compared (T*-BLANK and T*-NUM report it).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from ..lazyre import lazy_re
from ..form import FORM, T3_RESULT_GROUPS, T4_GROUPS
from ..values import is_valid
from .findings import ERROR, INFO, WARNING, Context, Finding, cell_label, table_name
from .text_claims import Claim, claims, normalize
from .text_years import plans, report_claims

LEN1_MAX = 1000            # "篇幅原则上不超过一千字"
SEC5_MIN = 30              # shorter than this cannot name a problem and a measure
QUOTE_MAX = 40

_NEW, _CARRIED_IN = "t3.new.total", "t3.carried_in.total"
_RESULTS_TOTAL, _CARRIED_OUT = "t3.results_total.total", "t3.carried_out.total"
_REVIEW = ("t4.review.total",)
_SUITS = ("t4.suit_direct.total", "t4.suit_after_review.total")
_GROUP_CELLS = [tuple(f"t3.{row}.total" for row in rows) for _, rows in T3_RESULT_GROUPS]
_GROUP_NAMES = [label.split("（区分")[0] for label, _ in T3_RESULT_GROUPS]


def _group_cells(subject: str) -> Tuple[str, ...]:
    return tuple(cid for i in subject.split(",") for cid in _GROUP_CELLS[int(i)])


def _group_names(subject: str) -> str:
    return "与".join(_GROUP_NAMES[int(i)] for i in subject.split(","))


def _where(text_key: str) -> str:
    section = FORM.section_of_text(text_key)
    return section.title if section else "正文前的引言"


def _quote(text: str, claim: Claim) -> str:
    phrase = text[claim.start:claim.end].strip()
    return phrase if len(phrase) <= QUOTE_MAX else "…" + phrase[-QUOTE_MAX:]


def _labels(ids: Sequence[str]) -> str:
    """``表三 四、结转下年度继续办理·总计``; a result group as ``表三 （四）无法提供 各项·总计之和``."""
    groups = [i for i, cells in enumerate(_GROUP_CELLS) if set(cells) <= set(ids)]
    named = [c for c in ids if not any(c in _GROUP_CELLS[i] for i in groups)]
    parts = [f"{_GROUP_NAMES[i]} 各项·总计" if len(_GROUP_CELLS[i]) > 1 else cell_label(_GROUP_CELLS[i][0])
             for i in groups] + [cell_label(c) for c in named]
    many = len(parts) > 1 or any(len(_GROUP_CELLS[i]) > 1 for i in groups)
    return f"{table_name(ids[0])} {'、'.join(parts)}" + ("之和" if many else "")


def _leaves(cell_id: str) -> Tuple[str, ...]:
    """The input cells a computed cell adds up, through nested totals."""
    cell = FORM.cells[cell_id]
    if not cell.computed:
        return (cell_id,)
    return tuple(leaf for part in cell.parts for leaf in _leaves(part))


_LEAVES = {c.id: _leaves(c.id) for c in FORM.computed_cells}


class _Table:
    """The table's numbers for a text to agree with: each total as shown and as derived."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def _cell(self, cid: str) -> Optional[Tuple[int, Set[int]]]:
        """(preferred, acceptable) values of one cell; None when it cannot be known.

        A derived total whose parts are not all filled in is not known (the
        blank is reported by T*-BLANK); a stated total is known as stated and,
        when its parts are complete, also as what they add up to.
        """
        values, report = self.ctx.values, self.ctx.report
        shown = values[cid]
        if not FORM.cells[cid].computed:
            return (shown, {shown}) if is_valid("count", shown) else None
        accepted: Set[int] = set()
        derived = None
        if all(is_valid("count", values[leaf]) for leaf in _LEAVES[cid]):
            derived = report.computed(cid, values)
            accepted.add(derived)
        if report.is_stated_total(cid) and is_valid("count", shown):
            accepted.add(shown)
        if not accepted:
            return None
        return (derived if derived is not None else shown), accepted

    def readings(self, ids: Iterable[str]) -> Optional[Tuple[int, Set[int]]]:
        """(preferred sum, every acceptable sum) of the cells, or None if one is unknown."""
        preferred, sums = 0, {0}
        for cid in ids:
            cell = self._cell(cid)
            if cell is None:
                return None
            preferred += cell[0]
            sums = {s + v for s in sums for v in cell[1]}
        return preferred, sums

    def any_of(self, *id_sets: Sequence[str]):
        """The readings of several alternative cell sets: (first set, its derived sum, all sums)."""
        accepted: Set[int] = set()
        first = None
        for ids in id_sets:
            r = self.readings(ids)
            if r is None:
                continue
            accepted |= r[1]
            if first is None:
                first = (tuple(ids), r[0])
        return None if first is None else (first[0], first[1], accepted)


def _count_finding(rule: str, severity: str, key: str, text: str, claim: Claim,
                   ids: Sequence[str], expected: int, extra: str = "") -> Finding:
    return Finding(rule, severity,
                   f"{_where(key)} 写“{_quote(text, claim)}”，而{_labels(ids)} 为 {expected}{extra}",
                   tuple(ids), expected=expected, actual=claim.value, text_key=key,
                   span=(claim.start, claim.end))


_APPS_SETS = {
    ("apps_received", "new"): ((_NEW,),),
    ("apps_received", "with_carried"): ((_NEW, _CARRIED_IN),),
    ("apps_received", ""): ((_NEW,), (_NEW, _CARRIED_IN)),
    ("apps_any", ""): ((_NEW,), (_NEW, _CARRIED_IN), (_RESULTS_TOTAL,)),
    ("apps_handled", ""): ((_RESULTS_TOTAL,),),
    ("carried_in", ""): ((_CARRIED_IN,),),
    ("carried_in", "included"): ((_CARRIED_IN,),),
    ("carried_out", ""): ((_CARRIED_OUT,),),
}
_CASE_CELLS = {"review": _REVIEW, "suit": _SUITS, "review_or_suit": _REVIEW + _SUITS}


def _judge_count(ctx: Context, table: _Table, key: str, text: str, c: Claim) -> Optional[Finding]:
    if (c.kind, c.wording) in _APPS_SETS:
        found = table.any_of(*_APPS_SETS[(c.kind, c.wording)])
        if found is None or c.value in found[2]:
            return None
        ids, expected, accepted = found
        if c.kind in ("apps_received", "apps_any"):
            if c.value == 0 and 0 not in accepted:
                return _count_finding("N-NOAPP", ERROR, key, text, c, ids, expected,
                                      "：正文称没有收到政府信息公开申请，表三却有申请")
            received = table.readings((_NEW, _CARRIED_IN))
            if c.value > 0 and received is not None and received[1] == {0}:
                return _count_finding("N-NOAPP", ERROR, key, text, c, ids, expected,
                                      "：表三没有任何申请，正文却写了申请件数")
        return _count_finding("N-APPS", WARNING, key, text, c, ids, expected)
    if c.kind == "result":
        ids = _group_cells(c.subject)
        found = table.readings(ids)
        if found is None or c.value in found[1]:
            return None
        extra = ""
        if c.wording:
            # "予以公开8件（含部分公开3件）": 8 may also be 予以公开 and 部分公开 together.
            together = table.readings(ids + _group_cells(c.wording))
            if together is None or c.value in together[1]:
                return None
            extra = f"，与{_group_names(c.wording)}合计 {together[0]}"
        return _count_finding("N-RESULTS", WARNING, key, text, c, ids, found[0], extra)
    if c.kind == "result_pct":
        return _judge_percent(table, key, text, c)
    if c.kind in _CASE_CELLS:
        ids = _CASE_CELLS[c.kind]
        found = table.readings(ids)
        if found is None or c.value in found[1]:
            return None
        return _count_finding("N-REVIEW", WARNING, key, text, c, ids, found[0])
    if c.kind == "doc":
        cid = f"t2.{c.subject}"
        found = table.readings((cid,))
        if found is None or c.value in found[1]:
            return None
        return _count_finding("N-DOCS", WARNING, key, text, c, (cid,), found[0])
    return None


def _judge_percent(table: _Table, key: str, text: str, c: Claim) -> Optional[Finding]:
    ids = _group_cells(c.subject)
    part, total = table.readings(ids), table.readings((_RESULTS_TOTAL,))
    if part is None or total is None:
        return None
    parts = set(part[1])
    together = table.readings(ids + _group_cells(c.wording)) if c.wording else None
    if together is not None:    # the share of a count that includes other groups (see _judge_count)
        parts |= together[1]
    # Tolerate rounding (or truncation) to the printed number of decimals.
    tolerance = Decimal(1).scaleb(-c.decimals)
    shares = {Decimal(p * 100) / Decimal(t) for p in parts for t in total[1] if t}
    if not shares or any(abs(s - c.value) < tolerance for s in shares):
        return None
    def share(count: int) -> Decimal:
        return (Decimal(count * 100) / Decimal(total[0])).quantize(tolerance) if total[0] \
            else min(shares).quantize(tolerance)

    expected = share(part[0])
    extra = f"（与{_group_names(c.wording)}合计 {together[0]} 件则为 {share(together[0])}%）" \
        if together is not None else ""
    return Finding("N-RESULTS", WARNING,
                   f"{_where(key)} 写“{_quote(text, c)}”，而表三 {_group_names(c.subject)} "
                   f"{part[0]} 件占 {cell_label(_RESULTS_TOTAL)} {total[0]} 件的 {expected}%{extra}",
                   tuple(ids) + (_RESULTS_TOTAL,), expected=expected, actual=c.value,
                   text_key=key, span=(c.start, c.end))


_CASE_GROUPS = {"review": ("review",), "suit": ("suit_direct", "suit_after_review"),
                "": tuple(g.key for g in T4_GROUPS)}


def _judge_cases(ctx: Context, key: str, text: str, c: Claim) -> Optional[Finding]:
    """"均获维持" / "无败诉" against 表四's 结果纠正 (and 尚未审结) of the cases it speaks of."""
    outcomes = ("corrected", "pending") if c.kind == "all_upheld" else ("corrected",)
    ids = [f"t4.{g}.{o}" for g in _CASE_GROUPS[c.subject] for o in outcomes]
    bad = [cid for cid in ids if is_valid("count", ctx.values[cid]) and ctx.values[cid] > 0]
    if not bad:
        return None
    shown = "、".join(f"{cell_label(cid)} 为 {ctx.values[cid]}" for cid in bad)
    return Finding("N-REVIEW", WARNING,
                   f"{_where(key)} 写“{_quote(text, c)}”，而表四 {shown}",
                   tuple(bad), expected=sum(ctx.values[cid] for cid in bad), actual=0,
                   text_key=key, span=(c.start, c.end))


def _judge_other(ctx: Context, key: str, text: str, c: Claim) -> Optional[Finding]:
    year = ctx.report.year
    # 五 and 六 may rightly name last year's report ("2021年度报告中指出的问题").
    if c.kind == "title_year" and key not in ("preamble", "overview"):
        return None
    if c.kind in ("period_year", "title_year") and c.value != year:
        what = "统计期限" if c.kind == "period_year" else "报告标题"
        return Finding("N-PERIOD", ERROR,
                       f"{_where(key)} 写“{_quote(text, c)}”，{what}的年份 {c.value} 不是本报告年度 {year}",
                       expected=year, actual=c.value, text_key=key, span=(c.start, c.end))
    if c.kind == "placeholder":
        return Finding("N-PLACEHOLDER", ERROR,
                       f"{_where(key)} 中还留有占位符“{c.value}”，请替换为实际内容",
                       text_key=key, span=(c.start, c.end))
    if c.kind in ("all_upheld", "none_corrected"):
        return _judge_cases(ctx, key, text, c)
    return None


@lru_cache(maxsize=64)
def visible_length(text: str) -> int:
    """Characters as a reader counts them for the 一千字 guideline: all but white space."""
    return len(re.sub(r"\s", "", text))


@lru_cache(maxsize=16)
def _offset_of_char(text: str, n: int) -> int:
    """Offset in ``text`` of its n-th character that is not whitespace (0-based)."""
    seen = -1
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == n:
                return i
    return len(text)


_PROBLEM_WORDS = lazy_re(r"问题|不足|短板|差距|薄弱|欠缺|有待|不够|不高|不强|滞后|仍需|尚需|还需|不到位|不规范")
_MEASURE_WORDS = lazy_re(r"下一步|将|加强|改进|措施|提升|完善|强化|推进|整改|持续|进一步|提高")
_FEE = lazy_re(r"处理费|(?:收取|收|缴纳|产生)[^。；;\n]{0,15}费", needs=(("费",),))
_NOTHING = lazy_re(r"^[\s。.、]*(?:无|暂无|没有|无。)?[\s。.、]*$")


def _section_findings(ctx: Context) -> List[Finding]:
    text = ctx.report.text
    year = ctx.report.year
    out: List[Finding] = []
    overview = text.get("overview") or ""
    length = visible_length(overview)
    if length > LEN1_MAX:
        out.append(Finding("N-LEN1", INFO,
                           f"一、总体情况 共 {length} 字（不计空白），格式要求篇幅原则上不超过一千字",
                           expected=LEN1_MAX, actual=length, text_key="overview",
                           span=(_offset_of_char(overview, LEN1_MAX), len(overview))))
    problems = text.get("problems") or ""
    size = visible_length(problems)
    if _NOTHING.match(problems) or size < SEC5_MIN or not (
            _PROBLEM_WORDS.search(problems) or _MEASURE_WORDS.search(problems)):
        said = f"只写了“{problems.strip()}”" if problems.strip() else "是空的"
        out.append(Finding("N-SEC5", WARNING,
                           f"五、存在的主要问题及改进情况 {said}，应写明存在的主要问题和改进措施",
                           text_key="problems", span=(0, len(problems)) if problems else None))
    for start, end in plans(problems, year):
        sentence = problems[start:end].strip()
        shown = sentence if len(sentence) <= QUOTE_MAX else sentence[:QUOTE_MAX] + "…"
        out.append(Finding("N-PLAN", WARNING,
                           f"五、存在的主要问题及改进情况 写“{shown}”：这是下一步的工作安排，"
                           f"却写的是本报告年度 {year} 年，应为 {year + 1} 年（可能沿用了上年的文字）",
                           expected=year + 1, actual=year, text_key="problems", span=(start, end)))
    other = text.get("other") or ""
    placeholders = [c for c in report_claims(other) if c.kind == "placeholder"]
    stated = normalize(other)
    for c in placeholders:
        stated = stated[:c.start] + " " * (c.end - c.start) + stated[c.end:]
    if not _FEE.search(stated):
        said = f"只写了“{other.strip()}”" if other.strip() else "是空的"
        out.append(Finding("N-FEE", WARNING,
                           f"六、其他需要报告的事项 {said}，没有说明是否收取信息处理费"
                           f"（格式要求在此报告，没有收取的也要写明）",
                           text_key="other", span=(0, len(other)) if other else None))
    return out


def check_text(ctx: Context) -> List[Finding]:
    findings: List[Finding] = []
    table = _Table(ctx)
    year = ctx.report.year
    for key in FORM.text_keys:
        text = ctx.report.text.get(key) or ""
        if not text:
            continue
        seen = set()
        for claim in claims(text, year) + report_claims(text):
            finding = _judge_count(ctx, table, key, text, claim) or _judge_other(ctx, key, text, claim)
            # A period "2021年1月1日至2021年12月31日" is one mistake, not two.
            if finding is not None and (finding.rule, finding.span) not in seen:
                seen.add((finding.rule, finding.span))
                findings.append(finding)
    return findings + _section_findings(ctx)
