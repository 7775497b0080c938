"""What a narrative text states, as data: numbers of applications, results, cases, documents, years.

``claims(text, year)`` reads one text of a report (引言, 一, 五 or 六) once and
returns every statement the N-* rules compare with the tables.  It is a pure
function of the text and the report year and is cached, so that the checks,
which run on every keystroke, never parse a text again while the clerk edits
a cell.

Numbers are read where a unit follows them (``6件``, ``十二件``, ``两起``,
``60%``); what they count is decided by the words of their own clause (the
stretch since the previous comma, enumeration comma or number).  A number is
only claimed when those words are unambiguous: "全年公开信息179条" or
"受理行政许可申请1396件" state nothing about 表三, and a clause about another
year or about a change ("较上年增加3件") is not a claim about this year's table.

A year governs the clauses after it in its sentence ("2021年共收到申请5件，办结5件"),
except a year that is only compared with ("较2022年增加8件"), one that names where
applications are carried to ("结转至2024年") and one inside brackets ("（2021年为9件）"):
those govern their own clause only.  Likewise what a number counts carries over to a
percentage after it ("予以公开62件，占38.04%"), but not out of brackets: in
"予以公开62件（含部分公开31件），占38.04%" the share is 予以公开's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ..lazyre import lazy_re

# Characters that read the same either way; replaced one for one so that spans
# found in the normalised text are spans of the original text.
_SAME_WIDTH = str.maketrans("０１２３４５６７８９％．，：；（）　Ｘｘ",
                            "0123456789%.,:;() Xx")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_YEAR = lazy_re(r"[〇零一二三四五六七八九]{4}(?=年)", needs=(("年",),))


@dataclass(frozen=True)
class Claim:
    """One statement read from a narrative text, with its span."""

    kind: str                 # see the KINDS below
    value: object             # int count, Decimal percentage, or a year
    start: int                # span of the phrase in the text
    end: int
    subject: str = ""         # result group / document row and column / review or suit
    wording: str = ""         # received: "new", "with_carried" or "" (either); carried_in: "included"
    decimals: int = 0         # percentages: digits after the point as printed


# Kinds of claims:
#   apps_received  收到/受理…申请 N 件 (N = 0 for 未收到…申请)
#   apps_handled   办结/答复 N 件            apps_any  办理…申请 N 件 (received or handled)
#   carried_in     上年结转 N 件             carried_out  结转下年度 N 件
#   result, result_pct  予以公开… N 件 / N%   (subject = index of the group in T3_RESULT_GROUPS;
#                       wording = groups the author counts inside it, "予以公开8件（含部分公开3件）"
#                       gives subject "0", wording "1": 8 may be 予以公开 alone or with 部分公开)
#   review, suit, review_or_suit  行政复议 / 行政诉讼 N 件 (0 for 没有…行政复议)
#   all_upheld, none_corrected    "均获维持", "无败诉 / 未出现被纠错" (subject = the cases meant:
#                       "review", "suit" or "" for both)
#   doc            规章/规范性文件 制发/废止/现行有效 N 件 (subject = "normative.issued" …)
# and, read by text_years: period_year, title_year, placeholder.


def normalize(text: str) -> str:
    """Full-width forms folded and 二〇二二年 written as 2022年, keeping every offset."""
    out = text.translate(_SAME_WIDTH)
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group()), out)


def chinese_number(s: str) -> Optional[int]:
    """十二 → 12, 两 → 2, 一百零五 → 105, 一百五十八 → 158, 五百五 → 550; None for what is
    not a well-formed numeral (三二十, 十百, 一五八), so that it is never misread."""
    if all(c in _CN_DIGITS for c in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return None
    total, digit, unit, zero = 0, None, 10 ** 4, False
    for c in s:
        if c in _CN_DIGITS:
            if digit is not None:
                return None                     # two digits in a row: 三二十, 五零
            if _CN_DIGITS[c] == 0:
                zero = True                     # 一百零五: a gap, not a digit
            else:
                digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            if _CN_UNITS[c] >= unit or (zero and digit is None):
                return None                     # 十百, 一百零百
            unit = _CN_UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit, zero = None, False
        else:
            return None
    if digit is not None and not zero and unit >= 100:
        return total + digit * unit // 10       # 五百五 = 550, 一千二 = 1200
    return total + (digit or 0)


_NUMBER = r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
_COUNT_RE = lazy_re(_NUMBER + r"\s*(?P<unit>件|宗|起|例|份|%)", needs=(("件", "宗", "起", "例", "份", "%"),))
# Characters that end the clause a number belongs to.
_CLAUSE_END = set("。；;，,、:：！？!?\n()“”\"")
_SENTENCE_END = set("。！？!?\n")
# Words before a Chinese numeral that make it part of another word (统一件、同一件事).
_NOT_A_NUMERAL_BEFORE = set("统同唯单每逐万之第")
YEAR_RE = lazy_re(r"(\d{4})\s*年", needs=(("年",),))
_CHANGE = lazy_re(r"同比|较上年|比上年|较去年|比去年|增加|减少|增长|下降|上升|增幅|降幅")

# The result groups （一）…（六） in the order of T3_RESULT_GROUPS; one alternation, so
# that 不予以公开 is not also read as 予以公开.
_RESULT_WORDS = ("予以公开|同意公开|全部公开", "部分公开", "不予以?公开", "无法提供", "不予处理",
                 "其他处理")
_RESULT_RE = lazy_re("|".join(f"(?P<g{i}>{w})" for i, w in
                                 sorted(enumerate(_RESULT_WORDS), key=lambda iw: iw[0] != 2)))
_APPLICATION = lazy_re(r"信息公开|依申请|公开申请|申请公开|信息申请")
_NOT_APPLICATIONS = lazy_re(r"许可|审批|办件|政务服务|信访|投诉|举报|咨询|来电|来信|留言|热线|建议|提案")
_RECEIVED = lazy_re(r"收到|受理|接收|接到|新收|收悉|登记")
_HANDLED = lazy_re(r"办结|答复|办复|回复|处理完毕|办理完毕|完成办理")
_HANDLING = lazy_re(r"办理|处理")
_CARRIED_OUT = lazy_re(r"结转(?:至|到|入)?下|转(?:至|到|入)?下一?年|转(?:至|到|入)\s*\d{4}\s*年|跨年度?办理|下一?年度?继续|继续办理"
                       r"|尚在办理|正在办理|仍在办理|未办结", needs=(("转", "跨年", "继续", "在办理", "未办结"),))
_CARRIED_IN = lazy_re(r"上一?年度?结转|结转上一?年度?|去年结转|以前年度结转|上年度?遗留", needs=(("结转", "遗留"),))
_WITH_CARRIED = lazy_re(r"其中|含|包括")
_REVIEW = lazy_re(r"复议")
_CASE_KINDS = ("review", "suit", "review_or_suit")
_APPLIED = lazy_re(r"(?<!依)申请", needs=(("申请",),))
_DOCUMENTS = lazy_re(r"公文|发文|文件")
_SUBSET = lazy_re(r"其中|通过|网上|网络|信函|当面|邮寄|传真|电子邮件|现场")
_OUTCOME = lazy_re(r"[^。；;，,、\n]{0,8}?(?:维持|纠正|纠错|撤销|审结|败诉|胜诉|确认违法|驳回)",
                   needs=(("维持", "纠正", "纠错", "撤销", "审结", "败诉", "胜诉", "确认违法", "驳回"),))
_SUIT = lazy_re(r"诉讼|起诉")
_AFTER = lazy_re(r"[^。；;，,、\n]{0,12}")     # what follows a number up to the clause end
_DOC_ROWS = (("normative", lazy_re(r"规范性文件")), ("regulations", lazy_re(r"规章(?!制度)", needs=(("规章",),))))
_DOC_COLS = (("repealed", lazy_re(r"废止|宣布失效|失效")),
             ("in_force", lazy_re(r"现行有效|继续有效|有效的?(?:行政)?(?:规范性文件|规章)", needs=(("有效",),))),
             ("issued", lazy_re(r"制发|制定|出台|印发|新增")))
_DOC_NOT = lazy_re(r"类|解读|公开|发布|清理(?!废止)")


def _number(m: re.Match, text: str) -> Optional[object]:
    raw = m.group("num")
    if raw[0].isdigit():
        if m.group("unit") == "%":
            return Decimal(raw)
        return int(raw) if "." not in raw else None
    if m.start() > 0 and text[m.start() - 1] in _NOT_A_NUMERAL_BEFORE:
        return None
    return chinese_number(raw) if m.group("unit") != "%" else None


SENTENCE_MAX = 300


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins (after 。！？ or a line break)."""
    # Bounded, so that a long text without full stops stays fast to read.
    i, stop = pos, max(0, pos - SENTENCE_MAX)
    while i > stop and text[i - 1] not in _SENTENCE_END:
        i -= 1
    return i


# Words before or after a year that make it a point of comparison or a destination, which
# govern only their own clause: 较2022年、与2022年相比、结转至2024年 (but not 截至2021年底).
_COMPARED_OR_DESTINATION_BEFORE = set("较比与同至到入转")
_COMPARED_AFTER = lazy_re(r"度?(?:同期)?(?:相比|相较|比较)", needs=(("相比", "相较", "比较"),))


def _open_bracket(text: str, sent: int, pos: int) -> int:
    """Where the bracket still open at ``pos`` opened (within the sentence), or -1."""
    i = text.rfind("(", sent, pos)
    return i if i != -1 and text.find(")", i, pos) == -1 else -1


_YEAR_ONLY = lazy_re(r"\s*\d{4}\s*年度?\s*")


def _governs_later_clauses(text: str, sent: int, year: re.Match, pos: int) -> bool:
    """Whether a year before the clause of a number at ``pos`` is what that number is of."""
    before = text[max(sent, year.start() - 2):year.start()]
    if before[-1:] in _COMPARED_OR_DESTINATION_BEFORE and before != "截至":
        return False
    if _COMPARED_AFTER.match(text, year.end()):
        return False
    bracket = _open_bracket(text, sent, year.start())
    close = text.find(")", year.end(), pos)
    # "（2021年为9件）" is an aside to what is outside it; "本年度（2022年）" only glosses
    # the time and governs.
    return bracket == -1 or close == -1 or bool(_YEAR_ONLY.fullmatch(text, bracket + 1, close))


def _in_title(text: str, sent: int, year: re.Match, pos: int) -> bool:
    """Whether the year is part of a title 《2022年政务公开工作要点》 closed before ``pos``."""
    i = text.rfind("《", sent, year.start())
    return i != -1 and text.find("》", i, year.start()) == -1 and text.find("》", year.end(), pos) != -1


def _year_of(text: str, sent: int, pos: int) -> Optional[int]:
    """The year a number at ``pos`` is said of: the last year of the sentence that governs it.

    A year in the number's own clause always does; an earlier one only when it is
    not a comparison, a destination or inside brackets closed before the number.
    A year in a document's title governs nothing.
    """
    clause = _clause_start(text, pos, sent)
    said = None
    for year in YEAR_RE.finditer(text, sent, pos):
        if (year.start() >= clause or _governs_later_clauses(text, sent, year, pos)) \
                and not _in_title(text, sent, year, pos):
            said = int(year.group(1))
    return said


def _applications_object(clause: str, verb_re: re.Pattern) -> bool:
    """Whether the verb's object is an application: "收到…申请6件", "办结14件", not "办结群众诉求30件"."""
    verbs = list(verb_re.finditer(clause))
    if not verbs:
        return False
    between = clause[verbs[-1].end():].replace("了", "")
    return "申请" in between or len(between.strip()) <= 2


def _classify(clause: str, sentence: str, after: str, paragraph: str,
              previous: str) -> Optional[Tuple[str, str, str]]:
    """(kind, subject, wording) of a count from the words of its clause, or None.

    ``sentence`` and ``paragraph`` are the text before the number since the last
    sentence end / line break; ``previous`` is the kind of the claim before it in
    the same sentence.
    """
    words = clause + after
    # The 公开属性 of documents ("印发公文514件，其中…依申请公开363件，不予公开21件") is
    # not about applications: look for documents since the last semicolon.
    about_documents = bool(_DOCUMENTS.search(sentence.rsplit(";", 1)[-1]))
    if _CHANGE.search(clause):
        return None
    if _REVIEW.search(words) or _SUIT.search(words):
        # 行政复议 about other work is not 表四's business: the clause must be about
        # 政府信息公开, or continue a list of such cases.
        if "公开" not in words and previous not in _CASE_KINDS:
            return None
        if re.search(r"复议后起诉|经复议", words):
            return "suit", "", ""
        if _REVIEW.search(words) and _SUIT.search(words):
            return "review_or_suit", "", ""
        return ("review" if _REVIEW.search(words) else "suit"), "", ""
    for row, row_re in _DOC_ROWS:
        if row_re.search(words):
            if _DOC_NOT.search(words):
                return None
            for col, col_re in _DOC_COLS:
                if col_re.search(words):
                    return "doc", f"{row}.{col}", ""
            return None
    groups = sorted({int(m.lastgroup[1:]) for m in _RESULT_RE.finditer(words)})
    if groups:
        # Results of applications, not the 公开属性 of documents ("公文…不予公开21件").
        if not _APPLIED.search(paragraph) or about_documents:
            return None
        # "同意公开或部分公开共81件" counts both groups together.
        return "result", ",".join(map(str, groups)), ""
    if _NOT_APPLICATIONS.search(words) or re.search(r"资金|经费|余额|元", words):
        return None
    if _CARRIED_OUT.search(words) and ("结转" in words or "申请" in sentence):
        return "carried_out", "", ""
    if _CARRIED_IN.search(words):
        return "carried_in", "", ""
    if not (_APPLICATION.search(words) or _APPLICATION.search(sentence)):
        return None
    if _SUBSET.search(clause):       # "其中通过网络收到3件": a part, not the count
        return None
    if about_documents:
        return None
    if _applications_object(clause, _HANDLED):
        return "apps_handled", "", ""
    if _applications_object(clause, _RECEIVED):
        wording = "new" if re.search(r"新收|本年新", words) else ""
        if re.search(r"[含包括][^，,。]{0,6}上一?年", words):
            wording = "with_carried"
        return "apps_received", "", wording
    if _applications_object(clause, _HANDLING) or re.search(r"依申请公开(?:事项|件)?$", clause):
        return "apps_any", "", ""
    return None


# "予以公开8件（含部分公开3件）": the count includes the groups named in the bracket.
_INCLUDING = lazy_re(r"\s*\((?:其中)?(?:含|包括|包含)([^()。\n]{0,40})\)", needs=(("(",), ("含", "包括")))


def _included_groups(text: str, end: int, subject: str) -> str:
    """Result groups a result count at ``end`` says it includes, as a subject ("1"), or ""."""
    m = _INCLUDING.match(text, end)
    if not m:
        return ""
    named = {int(g.lastgroup[1:]) for g in _RESULT_RE.finditer(m.group(1))}
    own = {int(i) for i in subject.split(",")}
    return ",".join(map(str, sorted(named - own)))


def _count_claims(text: str, year: int) -> List[Claim]:
    out: List[Claim] = []
    floor = 0
    # What the last number counted, per (sentence start, open bracket): a subject
    # carries over within a sentence, into a bracket, but not out of one.
    subjects: Dict[Tuple[int, int], Tuple[str, str, str]] = {}
    for m in _COUNT_RE.finditer(text):
        value = _number(m, text)
        if value is None or text[m.start() - 1:m.start()] == "各":
            continue        # "行政复议和行政诉讼各1件" counts each, not all
        sent = sentence_start(text, m.start())
        start = _clause_start(text, m.start(), max(floor, sent))
        clause = text[start:m.start()]
        after = _AFTER.match(text, m.end()).group()
        after = after if re.match(r"(?:次)?(?:政府信息公开|依申请|申请|行政|案件|规范性|规章)", after) else ""
        sentence = text[sent:m.end() + len(after)]
        said_year = _year_of(text, sent, m.start())
        is_pct = m.group("unit") == "%"
        paragraph = text[max(text.rfind("\n", 0, m.start()) + 1, m.start() - 2000):m.start()]
        bracket = _open_bracket(text, sent, m.start())
        context = (sent, bracket)
        last = subjects.get(context) or (subjects.get((sent, -1)) if bracket != -1 else None)
        previous = last[0] if last else ""
        kind = _classify(clause, sentence, after, paragraph, previous)
        if kind is None and last:
            # "制发规范性文件4件，废止1件" / "予以公开3件，占60%": the subject carries over.
            prev_kind, prev_subject, prev_wording = last
            if prev_kind == "doc" and not is_pct:
                for col, col_re in _DOC_COLS:
                    if col_re.search(clause) and not _DOC_NOT.search(clause):
                        kind = ("doc", prev_subject.split(".")[0] + "." + col, "")
                        break
            elif prev_kind == "result" and is_pct and re.search(r"占", clause):
                kind = ("result", prev_subject, prev_wording)
        floor = m.end()
        if kind is None:
            continue
        if kind[0] in _CASE_KINDS and _OUTCOME.match(text, m.end()):
            continue        # "行政复议中1件被纠错": a count of one outcome, not of all cases
        kind_name, subject, wording = kind
        if kind_name == "result" and not is_pct and not wording:
            wording = _included_groups(text, m.end(), subject)
        if said_year is not None and said_year != year:
            if not ((kind_name == "carried_in" and said_year == year - 1)
                    or (kind_name == "carried_out" and said_year == year + 1)):
                continue
        subjects[context] = (kind_name, subject, wording)
        if is_pct:
            if kind_name != "result":
                continue
            raw = m.group("num")
            out.append(Claim("result_pct", value, clause_begin(text, start, m.start()), m.end(),
                             subject, wording, decimals=len(raw.split(".")[1]) if "." in raw else 0))
            continue
        out.append(Claim(kind_name, value, clause_begin(text, start, m.start()), m.end(),
                         subject, wording))
    return _mark_with_carried(out, text)


def clause_begin(text: str, start: int, number_start: int) -> int:
    """Start of the highlighted phrase: the clause without its leading spaces."""
    while start < number_start and text[start].isspace():
        start += 1
    return start


def _since_last_count(text: str, start: int, end: int) -> str:
    """The words before the count ending at ``end`` since the count before it (or ``start``).

    "收到申请19件，其中自然人申请12件；上年结转4件": the 其中 introduces the
    applicants of the 19, not the 4 carried in.
    """
    last = start
    for m in _COUNT_RE.finditer(text, start, end):
        if m.end() < end:
            last = m.end()
    return text[last:end]


def _mark_with_carried(out: List[Claim], text: str) -> List[Claim]:
    """Whether a received count includes the carried-in applications.

    "共收到申请6件，其中上年结转1件": it does.  "收到申请5件…；结转上年度申请1件"
    and "收到申请19件，其中自然人申请12件；上年结转4件": the text counts the
    carried-in ones apart, so the received count is 一 alone.  Otherwise either
    reading is accepted.
    """
    marked = list(out)
    for i, claim in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (claim.kind == "apps_received" and nxt is not None and nxt.kind == "carried_in"
                and sentence_start(text, claim.start) == sentence_start(text, nxt.start)
                and _WITH_CARRIED.search(_since_last_count(text, claim.end, nxt.end))):
            marked[i] = replace(claim, wording="with_carried")
            marked[i + 1] = replace(nxt, wording="included")
    carried_apart = any(c.kind == "carried_in" and c.wording != "included" for c in marked)
    if carried_apart:
        marked = [replace(c, wording="new") if c.kind == "apps_received" and not c.wording else c
                  for c in marked]
    return marked


# -- phrases without a number ------------------------------------------------------

_NO_APPS = lazy_re(
    r"(?:未|没有|尚未|未曾)(?:收到|接到|接收到?|受理|发生|产生|有)"
    r"[^。；;，,]{0,12}?(?:政府信息公开|依申请公开|信息公开)[^。；;，,]{0,6}?(?:申请|事项|件)"
    r"|无(?:任何)?(?:(?:政府)?信息公开申请|依申请公开(?:事项|申请|件)?)"
    r"|(?:未|没有|无)(?:收到|接到|发生)[^。；;，,]{0,8}?依申请"
    r"|(?:未|没有|无)(?:收到|接到|接收到?|受理)[^。；;，,]{0,8}?信息[^。；;，,]{0,4}?申请(?!人)",
    needs=(("未", "没有", "无"), ("信息", "依申请")))
_NO_CARRIED_OUT = lazy_re(r"(?:无|没有)(?:结转(?:至|到|入)?下一?年度?|转(?:至|到|入)?下一?年度?|下一?年度?结转"
                          r"|跨年度?办理)", needs=(("无", "没有"), ("转", "跨年")))
_NO_CARRIED_IN = lazy_re(r"(?:无|没有)上一?年度?结转", needs=(("无", "没有"), ("结转",)))
_NO_CASES = lazy_re(r"(?:没有|未|无|未曾|未发生|未出现)[^。；;，,]{0,30}?(?:行政复议|行政诉讼)",
                    needs=(("没有", "未", "无"), ("行政复议", "行政诉讼")))
_ALL_UPHELD = lazy_re(r"(?:均|全部|都)(?:获|被|予以|得到)?(?:维持|胜诉)", needs=(("均", "全部", "都"), ("维持", "胜诉")))
_NONE_CORRECTED = lazy_re(r"(?:无|没有|未|未出现|未发生)(?:一起|一件|任何)?(?:败诉|被纠错|被纠正|纠错|被撤销|被确认违法)",
                          needs=(("无", "没有", "未"), ("败诉", "纠错", "纠正", "撤销", "确认违法")))
_CASE_WORDS = lazy_re(r"复议|诉讼|起诉|应诉")
# What a case ended in (表四's 结果纠正): words after 行政复议/行政诉讼 that make "未发生…"
# a statement about outcomes.
_CASE_OUTCOME = lazy_re(r"纠错|纠正|败诉|撤销|确认违法")
_TAIL = lazy_re(r"[^。；;，,]{0,20}")       # the rest of a phrase's clause
# Words that name a group of 表四; 复议后起诉 and 未经复议(直接起诉) are lawsuits, while
# "经复议均获维持" speaks of reviews.
_CASE_GROUP = lazy_re(r"未经复议|复议后(?:起诉|提起)|诉讼|起诉|(?P<review>复议)", needs=(("复议", "诉讼", "起诉"),))
_PHRASE_CLAUSES = lazy_re(r"[，,；;]")


def _cases_meant(text: str, sent: int, m: re.Match) -> str:
    """Which cases "均获维持" / "无败诉" speaks of: "review", "suit" or "" (both).

    败诉 is said of lawsuits only.  Otherwise the groups named in the phrase's own
    clause, else in the nearest clause before it in the sentence that names any.
    """
    if "败诉" in m.group():
        return "suit"
    clauses = _PHRASE_CLAUSES.split(text[sent:m.end()])
    for clause in reversed(clauses):
        named = {"review" if g.group("review") else "suit" for g in _CASE_GROUP.finditer(clause)}
        if named:
            return named.pop() if len(named) == 1 else ""
    return ""


def _phrase_claims(text: str) -> List[Claim]:
    out: List[Claim] = []
    for m in _NO_APPS.finditer(text):
        phrase = m.group()
        # "未收到涉及国家秘密的…申请" says nothing about all applications.
        if _REVIEW.search(phrase) or _SUIT.search(phrase) or _NOT_APPLICATIONS.search(phrase) \
                or re.search(r"费|收取|涉及|关于|有关|针对|要求", phrase):
            continue
        # 没有…行政复议 is read below; "未收到…申请" within a 复议 sentence is about cases.
        tail = _TAIL.match(text, m.end()).group()
        if _REVIEW.search(tail) or _SUIT.search(tail) or "公开而" in phrase:
            continue
        out.append(Claim("apps_received", 0, m.start(), m.end(), wording="new"))
    for regex, kind in ((_NO_CARRIED_OUT, "carried_out"), (_NO_CARRIED_IN, "carried_in")):
        out += [Claim(kind, 0, m.start(), m.end()) for m in regex.finditer(text)]
    for m in _NO_CASES.finditer(text):
        phrase = m.group()
        sentence = text[sentence_start(text, m.start()):m.end() + 30]
        if "未经复议" in phrase or re.search(r"[\d一二两三四五六七八九十]", phrase) \
                or re.search(r"纠错|纠正|败诉|撤销|维持", phrase) or "公开" not in sentence:
            continue
        review, suit = bool(_REVIEW.search(phrase)), bool(_SUIT.search(phrase))
        tail = _TAIL.match(text, m.end()).group()
        if _CASE_OUTCOME.search(tail):
            # "未发生…被行政复议纠错或行政诉讼败诉情形": no case had that outcome, which
            # says nothing about how many cases there were.
            named = {"review" if g.group("review") else "suit"
                     for g in _CASE_GROUP.finditer(phrase[-6:] + tail)}
            out.append(Claim("none_corrected", 0, m.start(), m.end() + len(tail),
                             named.pop() if len(named) == 1 else ""))
            continue
        suit = suit or bool(re.match(r"[或和及、与]\s*(?:被?提起)?行政诉讼", tail))
        kind = "review_or_suit" if review and suit else ("review" if review else "suit")
        out.append(Claim(kind, 0, m.start(), m.end()))
    for regex, kind in ((_ALL_UPHELD, "all_upheld"), (_NONE_CORRECTED, "none_corrected")):
        for m in regex.finditer(text):
            sent = sentence_start(text, m.start())
            sentence = text[sent:m.end()]
            if _CASE_WORDS.search(sentence) and "公开" in sentence:
                out.append(Claim(kind, 0, m.start(), m.end(), _cases_meant(text, sent, m)))
    return out


@lru_cache(maxsize=256)
def claims(text: str, year: int) -> Tuple[Claim, ...]:
    """Every count and fact a text states, in order of position; cached on (text, year)."""
    norm = normalize(text)
    found = _count_claims(norm, year) + _phrase_claims(norm)
    found.sort(key=lambda c: c.start)
    return tuple(found)


# -- the 信息处理费 amount a text states ---------------------------------------------

# "共收取信息处理费300元", "信息处理费合计0.03万元"; not a rate ("每页0.1元", "标准为…").
_FEE_AMOUNT = lazy_re(r"处理费(?:用)?(?P<gap>[^。；;\n\d]{0,12}?)(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)",
                      needs=(("处理费",), ("元",)))


def fee_amounts(text: str) -> Tuple[Tuple[Decimal, str, int, int], ...]:
    """(amount, unit "元" or "万元", start, end) of each 信息处理费 total the text states."""
    norm = normalize(text)
    out = []
    for m in _FEE_AMOUNT.finditer(norm):
        if re.search(r"每|标准|按", m.group("gap")):
            continue
        out.append((Decimal(m.group("num").replace(",", "")), m.group("unit"), m.start(), m.end()))
    return tuple(out)
