"""The N-* rules: what the narrative texts state, compared with the tables.

Precision first: the real published reports in resources/samples must give
exactly the findings a reviewer would give, and two realistic reports written
here in the style of real ones (the same facts in different phrasings) must be
silent; each copy with one number or fact changed in the text must give
exactly the one expected finding, pointing at the changed phrase.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from nianbao.core.checks import run_checks
from nianbao.core.form import FORM
from nianbao.core.checks.text_claims import chinese_number, claims, normalize
from nianbao.core.model import Report
from nianbao.core.reportfile import read_report
from nianbao.core.resources import resource_path


def _sample(name: str) -> Report:
    return read_report(resource_path("samples", f"{name}.nianbao"))


def _text_findings(report: Report):
    return [f for f in run_checks(report) if f.rule.startswith("N-")]


# -- the real samples ----------------------------------------------------------

def test_luolong_real_report_gives_plan_and_fee_only():
    report = _sample("luolong-gongxin-2022")
    found = {f.rule: f for f in _text_findings(report)}
    assert sorted(found) == ["N-FEE", "N-PLAN"]
    plan = found["N-PLAN"]
    start, end = plan.span
    assert report.text["problems"][start:end].startswith("2022年, 区工信局将继续做好")
    assert (plan.expected, plan.actual) == (2023, 2022)
    assert found["N-FEE"].text_key == "other"


def test_gonganju_real_report_only_notes_its_long_overview():
    # Its 一 really is 1,245 characters long (the format says about 1,000): a hint, nothing else.
    findings = _text_findings(_sample("pingtan-gonganju-2022"))
    assert [(f.rule, f.severity, f.actual) for f in findings] == [("N-LEN1", "info", 1245)]


REAL_MUTATIONS = [
    ("pingtan-gonganju-2022", "overview", "收到政府信息公开申请1件", "收到政府信息公开申请2件", "N-APPS"),
    ("pingtan-gonganju-2022", "overview", "没有因政府信息公开针对区公安局申请行政复议或行政诉讼的事项",
     "因政府信息公开针对区公安局申请行政复议1件", "N-REVIEW"),
    ("pingtan-gonganju-2022", "other", "2022年，无收取信息处理费情况。", "无。", "N-FEE"),
    ("pingtan-gonganju-2022", "problems", "2023年，我局将继续", "2022年，我局将继续", "N-PLAN"),
    ("pingtan-haitan-2024", "overview", "行政复议1件", "行政复议2件", "N-REVIEW"),
    ("pingtan-haitan-2024", "overview", "行政诉讼0件", "行政诉讼1件", "N-REVIEW"),
    ("pingtan-ziranziyuan-2023", "overview", "办理依申请公开19件", "办理依申请公开18件", "N-APPS"),
    ("pingtan-shehuishiye-2023", "other", "2023年度我局未产生信息公开处理费。", "", "N-FEE"),
    ("luolong-gongxin-2022", "overview", "统计期限为2022年1月1日", "统计期限为2021年1月1日", "N-PERIOD"),
    ("luolong-gongxin-2022", "overview", "未收到政府信息依申请公开事项", "收到政府信息公开申请2件", "N-NOAPP"),
]


@pytest.mark.parametrize("name,key,before,after,rule", REAL_MUTATIONS,
                         ids=[f"{m[0]}:{m[4]}" for m in REAL_MUTATIONS])
def test_real_reports_with_one_fact_changed(name, key, before, after, rule):
    report = _sample(name)
    silent = {f.rule for f in _text_findings(report)}
    assert before in report.text[key]
    report.text[key] = report.text[key].replace(before, after)
    added = [f for f in _text_findings(report) if f.rule not in silent or f.rule == rule]
    assert [f.rule for f in added] == [rule]


@pytest.mark.parametrize("name", ["pingtan-haitan-2024", "pingtan-shehuishiye-2023",
                                  "pingtan-ziranziyuan-2023"])
def test_other_real_reports_are_silent(name):
    assert _text_findings(_sample(name)) == []


def test_haitan_text_agrees_with_the_parts_not_the_printed_zero_total():
    report = _sample("pingtan-haitan-2024")
    assert report.get("t3.new.total") == 0          # printed 0, parts add up to 6
    assert not [f for f in _text_findings(report) if f.rule in ("N-APPS", "N-NOAPP")]
    report.text["overview"] = report.text["overview"].replace("受理政府信息公开申请6件",
                                                              "受理政府信息公开申请8件")
    apps = [f for f in _text_findings(report) if f.rule == "N-APPS"]
    assert len(apps) == 1 and (apps[0].expected, apps[0].actual) == (6, 8)


def test_gonganju_with_one_number_changed():
    report = _sample("pingtan-gonganju-2022")
    report.text["overview"] = report.text["overview"].replace("结转上年度政府信息公开申请1件",
                                                              "结转上年度政府信息公开申请2件")
    [finding] = [f for f in _text_findings(report) if f.rule != "N-LEN1"]
    assert finding.rule == "N-APPS" and finding.cells == ("t3.carried_in.total",)
    assert "二、上年结转政府信息公开申请数量·总计" in finding.message and "2件" in finding.message
    start, end = finding.span
    assert report.text["overview"][start:end] == "结转上年度政府信息公开申请2件"


# -- realistic reports of our own ---------------------------------------------

def _table_a(report: Report) -> Report:
    """14 new applications (12 自然人, 2 商业企业) + 1 carried in; 14 answered, 1 carried out."""
    cells = {
        "t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.regulations.in_force": 0,
        "t2.normative.issued": 3, "t2.normative.repealed": 1, "t2.normative.in_force": 25,
        "t2.licensing.decisions": 1200, "t2.penalty.decisions": 35, "t2.coercion.decisions": 2,
        "t2.fees.amount": Decimal("0"),
        "t3.new.natural": 12, "t3.new.commercial": 2, "t3.carried_in.natural": 1,
        "t3.granted.natural": 6, "t3.partial.natural": 3, "t3.refused.third_party.natural": 1,
        "t3.unavailable.not_held.natural": 2, "t3.unavailable.not_held.commercial": 1,
        "t3.rejected.repeat.commercial": 1, "t3.carried_out.natural": 1,
        "t4.review.upheld": 1, "t4.review.corrected": 1, "t4.suit_direct.upheld": 1,
    }
    report.fill_blanks_with_zero()
    for cid, value in cells.items():
        report.set(cid, value)
    return report


PREAMBLE_A = (
    "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
    "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在区人民政府门户网站"
    "查阅或下载。如对本报告有疑问，请与区人力资源和社会保障局办公室联系（电话：0591-12345678）。")
OVERVIEW_A = (
    "2023年，区人社局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "现将我局2023年度政府信息公开工作年度报告如下。\n"
    "（一）主动公开情况。全年主动公开政府信息326条，其中政策文件类42条。全年制发行政规范性文件3件，"
    "废止1件，现行有效行政规范性文件25件。受理行政许可申请1200件，全部按时办结。\n"
    "（二）依申请公开情况。2023年共收到政府信息公开申请14件，上年结转1件；已办结14件，其中予以公开6件、"
    "部分公开3件、不予公开1件、无法提供3件、不予处理1件，予以公开占办结总数的42.9%；"
    "结转下年度继续办理1件。\n"
    "（三）政府信息管理。严格落实“先审后发”，2021年出台的保密审查制度继续执行。\n"
    "（四）监督保障。全年发生因政府信息公开引起的行政复议2件，其中维持1件、纠正1件；行政诉讼1件，法院判决维持。")
PROBLEMS_A = (
    "2023年，我局政府信息公开工作取得一定成效，但仍存在政策解读形式单一、依申请公开答复规范性有待提高等问题。"
    "2024年，我局将进一步加强业务培训，完善依申请公开办理流程，丰富政策解读形式。")
OTHER_A = "本年度未收取信息处理费。"

# The same facts in other words, as other offices write them.
PREAMBLE_B = ("本年度报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为2023年1月1日至2023年12月31日。")
OVERVIEW_B = (
    "二〇二三年，我局扎实推进政务公开工作。\n"
    "一是主动公开。通过门户网站发布信息二百余条，新制发规范性文件三件，清理废止一件；目前现行有效的规范性文件共25件。\n"
    "二是依申请公开。全年共受理政府信息公开申请十五件（含上年结转一件），已答复十四件，结转至下一年度继续办理一件。"
    "答复结果中，同意公开六件，部分公开三件，不予公开一件，信息不存在等无法提供的三件，不予处理一件。\n"
    "三是复议诉讼。本年度因政府信息公开被申请行政复议两件，被提起行政诉讼一件，行政复议中1件被纠错。")
PROBLEMS_B = (
    "存在的问题：一是公开内容不够全面；二是工作人员业务能力有待提升。改进措施：下一步，我局将加强学习培训，"
    "健全信息发布审核机制，提高公开质量。")
OTHER_B = "2023年度，我局未发生收取信息处理费的情况。"


def _report(preamble, overview, problems, other) -> Report:
    report = _table_a(Report(year=2023, agency="某区人力资源和社会保障局", date=dt.date(2024, 1, 18)))
    report.text = {"preamble": preamble, "overview": overview, "problems": problems, "other": other}
    return report


@pytest.fixture(params=["A", "B"])
def clean(request):
    if request.param == "A":
        return _report(PREAMBLE_A, OVERVIEW_A, PROBLEMS_A, OTHER_A)
    return _report(PREAMBLE_B, OVERVIEW_B, PROBLEMS_B, OTHER_B)


def test_realistic_reports_are_clean(clean):
    assert [f for f in run_checks(clean) if not f.rule.startswith("N-")] == []   # tables agree
    assert _text_findings(clean) == []


MUTATIONS = [
    # (text key, phrase as written, phrase changed, rule, cells, expected, actual)
    ("overview", "共收到政府信息公开申请14件", "共收到政府信息公开申请13件",
     "N-APPS", ("t3.new.total",), 14, 13),
    ("overview", "已办结14件", "已办结12件", "N-APPS", ("t3.results_total.total",), 14, 12),
    ("overview", "结转下年度继续办理1件", "结转下年度继续办理3件",
     "N-APPS", ("t3.carried_out.total",), 1, 3),
    ("overview", "上年结转1件", "上年结转2件", "N-APPS", ("t3.carried_in.total",), 1, 2),
    ("overview", "部分公开3件", "部分公开4件", "N-RESULTS", ("t3.partial.total",), 3, 4),
    ("overview", "无法提供3件", "无法提供2件", "N-RESULTS",
     ("t3.unavailable.not_held.total", "t3.unavailable.needs_creation.total",
      "t3.unavailable.unclear.total"), 3, 2),
    ("overview", "占办结总数的42.9%", "占办结总数的50%", "N-RESULTS",
     ("t3.granted.total", "t3.results_total.total"), Decimal("43"), Decimal("50")),
    ("overview", "行政复议2件", "行政复议3件", "N-REVIEW", ("t4.review.total",), 2, 3),
    ("overview", "行政诉讼1件", "行政诉讼2件", "N-REVIEW",
     ("t4.suit_direct.total", "t4.suit_after_review.total"), 1, 2),
    ("overview", "废止1件", "废止2件", "N-DOCS", ("t2.normative.repealed",), 1, 2),
    ("overview", "现行有效行政规范性文件25件", "现行有效行政规范性文件26件",
     "N-DOCS", ("t2.normative.in_force",), 25, 26),
    ("overview", "全年制发行政规范性文件3件", "全年制发行政规范性文件5件",
     "N-DOCS", ("t2.normative.issued",), 3, 5),
    ("preamble", "统计期限自2023年1月1日起至2023年12月31日止",
     "统计期限自2022年1月1日起至2022年12月31日止", "N-PERIOD", (), 2023, 2022),
    ("overview", "现将我局2023年度政府信息公开工作年度报告如下", "现将我局2022年度政府信息公开工作年度报告如下",
     "N-PERIOD", (), 2023, 2022),
    ("problems", "2024年，我局将进一步", "2023年，我局将进一步", "N-PLAN", (), 2024, 2023),
    ("overview", "全年主动公开政府信息326条", "全年主动公开政府信息XX条",
     "N-PLACEHOLDER", (), None, None),
    ("other", "本年度未收取信息处理费。", "无。", "N-FEE", (), None, None),
]


@pytest.mark.parametrize("key,before,after,rule,cells,expected,actual", MUTATIONS,
                         ids=[f"{m[3]}:{m[2]}" for m in MUTATIONS])
def test_one_change_in_the_text_gives_exactly_one_finding(key, before, after, rule, cells,
                                                          expected, actual):
    report = _report(PREAMBLE_A, OVERVIEW_A, PROBLEMS_A, OTHER_A)
    assert before in report.text[key]
    report.text[key] = report.text[key].replace(before, after)
    [finding] = _text_findings(report)
    assert finding.rule == rule
    assert finding.cells == cells
    assert (finding.expected, finding.actual) == (expected, actual)
    assert finding.text_key == key
    start, end = finding.span
    changed_at = report.text[key].index(after)
    assert start < changed_at + len(after) and end > changed_at   # the span covers the change


MUTATIONS_B = [
    ("overview", "共受理政府信息公开申请十五件", "共受理政府信息公开申请十六件", "N-APPS", 15, 16),
    ("overview", "已答复十四件", "已答复十三件", "N-APPS", 14, 13),
    ("overview", "结转至下一年度继续办理一件", "结转至下一年度继续办理两件", "N-APPS", 1, 2),
    ("overview", "同意公开六件", "同意公开七件", "N-RESULTS", 6, 7),
    ("overview", "不予处理一件", "不予处理两件", "N-RESULTS", 1, 2),
    ("overview", "被申请行政复议两件", "被申请行政复议一件", "N-REVIEW", 2, 1),
    ("overview", "新制发规范性文件三件", "新制发规范性文件四件", "N-DOCS", 3, 4),
    ("preamble", "统计期限为2023年1月1日至2023年12月31日", "统计期限为2022年1月1日至2022年12月31日",
     "N-PERIOD", 2023, 2022),
]


@pytest.mark.parametrize("key,before,after,rule,expected,actual", MUTATIONS_B,
                         ids=[f"{m[3]}:{m[2]}" for m in MUTATIONS_B])
def test_other_phrasings_catch_a_changed_number(key, before, after, rule, expected, actual):
    report = _report(PREAMBLE_B, OVERVIEW_B, PROBLEMS_B, OTHER_B)
    assert before in report.text[key]
    report.text[key] = report.text[key].replace(before, after)
    [finding] = _text_findings(report)
    assert (finding.rule, finding.expected, finding.actual) == (rule, expected, actual)
    start, end = finding.span
    assert after[-2:] in report.text[key][start:end + 2]


def test_table_edit_is_caught_too():
    report = _report(PREAMBLE_A, OVERVIEW_A, PROBLEMS_A, OTHER_A)
    report.set("t3.granted.natural", 5)
    report.set("t3.closed.other.natural", 1)       # same balance, one result moved
    rules = sorted(f.rule for f in _text_findings(report))
    assert rules == ["N-RESULTS", "N-RESULTS"]      # 予以公开6件 and its 42.9%


# A town without applications (2024), and an office whose text counts carried-in
# applications inside the received ones and gives shares (2023).
PREAMBLE_C = "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2024年1月1日至2024年12月31日。"
OVERVIEW_C = (
    "2024年，某镇人民政府认真落实政务公开各项要求。\n"
    "（一）主动公开。全年通过政府门户网站主动公开政府信息86条。\n"
    "（二）依申请公开。2024年，我镇未收到政府信息公开申请，无上年结转申请。\n"
    "（三）监督保障。全年未发生因政府信息公开引起的行政复议、行政诉讼。")
PROBLEMS_C = ("一是信息公开的及时性有待提高；二是工作人员业务水平不高。下一步，我镇将加强业务培训，"
              "2025年重点做好基层政务公开标准目录的动态调整。")
OTHER_C = "本年度我镇未收取信息处理费，无其他需要报告的事项。"

OVERVIEW_D = (
    "（二）依申请公开情况。全年共收到政府信息公开申请20件（其中上年结转2件），全部按时办结。"
    "从办理结果看，予以公开8件，占40%；部分公开4件，占20%；不予公开2件；无法提供5件；不予处理1件。\n"
    "（三）复议诉讼情况。全年因政府信息公开被申请行政复议1件，复议机关维持原行政行为；"
    "被提起行政诉讼2件，均获维持。")
TABLE_D = {"t3.new.natural": 18, "t3.carried_in.natural": 2, "t3.granted.natural": 8,
           "t3.partial.natural": 4, "t3.refused.third_party.natural": 2,
           "t3.unavailable.not_held.natural": 5, "t3.rejected.repeat.natural": 1,
           "t4.review.upheld": 1, "t4.suit_direct.upheld": 2}


def _report_c() -> Report:
    report = Report(year=2024, agency="某县某镇人民政府", date=dt.date(2025, 1, 22))
    report.fill_blanks_with_zero()
    report.text = {"preamble": PREAMBLE_C, "overview": OVERVIEW_C, "problems": PROBLEMS_C,
                   "other": OTHER_C}
    return report


def _report_d() -> Report:
    report = _with_table(OVERVIEW_D, TABLE_D, year=2023)
    report.text["problems"] = PROBLEMS_A
    return report


@pytest.mark.parametrize("make", [_report_c, _report_d])
def test_more_realistic_reports_are_clean(make):
    report = make()
    assert [f for f in run_checks(report) if not f.rule.startswith("N-")] == []
    assert _text_findings(report) == []


@pytest.mark.parametrize("make,key,before,after,cells,rule", [
    (_report_c, "overview", None, None, {"t3.new.natural": 1, "t3.granted.natural": 1}, "N-NOAPP"),
    (_report_c, "overview", None, None, {"t3.carried_in.natural": 1, "t3.granted.natural": 1}, "N-APPS"),
    (_report_c, "overview", None, None, {"t4.review.upheld": 1}, "N-REVIEW"),
    (_report_c, "problems", "2025年重点", "2024年重点", {}, "N-PLAN"),
    (_report_c, "preamble", "2024年1月1日至2024年", "2023年1月1日至2023年", {}, "N-PERIOD"),
    (_report_c, "other", "本年度我镇未收取信息处理费，", "", {}, "N-FEE"),
    (_report_d, "overview", "申请20件", "申请18件", {}, "N-APPS"),
    (_report_d, "overview", "占40%", "占45%", {}, "N-RESULTS"),
    (_report_d, "overview", "不予公开2件", "不予公开3件", {}, "N-RESULTS"),
    (_report_d, "overview", None, None, {"t4.suit_direct.upheld": 1, "t4.suit_direct.corrected": 1},
     "N-REVIEW"),
    (_report_d, "overview", None, None, {"t4.suit_direct.upheld": 1, "t4.suit_direct.pending": 1},
     "N-REVIEW"),
])
def test_more_realistic_reports_with_one_change(make, key, before, after, cells, rule):
    report = make()
    if before is not None:
        assert before in report.text[key]
        report.text[key] = report.text[key].replace(before, after)
    for cid, value in cells.items():
        report.set(cid, value)
    # The tables stay consistent in themselves: only the text disagrees.
    report.set("t3.carried_out.natural", 0)
    assert [f.rule for f in _text_findings(report)] == [rule]


# -- N-NOAPP and zero claims ----------------------------------------------------

def _zero_report(overview: str, year: int = 2022) -> Report:
    report = Report(year=year, agency="某县工业和信息化局", date=dt.date(year + 1, 1, 25))
    report.fill_blanks_with_zero()
    report.text = {"overview": overview, "problems": PROBLEMS_A.replace("2023", str(year))
                   .replace("2024", str(year + 1)), "other": "本年度没有收取信息处理费。"}
    return report


@pytest.mark.parametrize("phrase", [
    "2022年我局未收到政府信息依申请公开事项。",
    "本年度没有收到政府信息公开申请。",
    "全年无政府信息公开申请。",
    "2022年未发生依申请公开事项。",
    "本年度收到政府信息公开申请0件。",
    "全年依申请公开0件。",
    "本年度未收到政府信息公开申请，也未发生行政复议和行政诉讼。",
    "本年度无政府信息公开申请。",
    "依申请公开办理情况：本年度共收到政府信息公开申请零件。",
])
def test_no_application_phrases(phrase):
    report = _zero_report(phrase)
    assert _text_findings(report) == []
    report.set("t3.new.natural", 2)
    report.set("t3.granted.natural", 2)
    [finding] = _text_findings(report)
    assert finding.rule == "N-NOAPP" and finding.severity == "error"
    assert finding.expected == 2 and finding.actual == 0


def test_text_with_applications_but_table_without():
    report = _zero_report("2022年，我局共收到政府信息公开申请3件，均已按时答复。")
    [finding] = _text_findings(report)
    assert (finding.rule, finding.expected, finding.actual) == ("N-NOAPP", 0, 3)


def test_no_review_or_suit_named_together():
    report = _zero_report("未发生因政府信息公开申请行政复议、提起行政诉讼情况。")
    report.set("t4.suit_after_review.pending", 1)
    [finding] = _text_findings(report)
    assert finding.rule == "N-REVIEW" and "t4.suit_after_review.total" in finding.cells


def test_no_review_claims():
    report = _zero_report("全年没有因政府信息公开申请行政复议或行政诉讼的情况。")
    assert _text_findings(report) == []
    report.set("t4.suit_direct.upheld", 1)
    [finding] = _text_findings(report)
    assert finding.rule == "N-REVIEW" and finding.expected == 1 and finding.actual == 0
    assert set(finding.cells) == {"t4.review.total", "t4.suit_direct.total",
                                  "t4.suit_after_review.total"}


@pytest.mark.parametrize("phrase,cell", [
    ("因政府信息公开引起的行政复议2件，均获维持。", "t4.review.corrected"),
    ("因政府信息公开引起的行政复议2件，未出现被纠错的情况。", "t4.review.corrected"),
    ("因政府信息公开引起的行政复议2件，均获维持。", "t4.review.pending"),
])
def test_outcome_claims(phrase, cell):
    report = _zero_report(phrase)
    report.set("t4.review.upheld", 2)
    assert _text_findings(report) == []
    report.set("t4.review.upheld", 1)
    report.set(cell, 1)
    [finding] = _text_findings(report)
    assert finding.rule == "N-REVIEW" and finding.cells == (cell,)


# -- what is not a claim ---------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "全年公开信息179条，发布户籍管理政策及工作动态24条。",
    "全年主动公开政府信息52条，其中政策及规范性文件类3条。",
    "受理行政许可申请1396件，全部办结。",
    "全年印发公文514条，其中主动公开130条，依申请公开363条，不予公开21条。",
    "收到政府信息公开申请的数量较上年增加3件。",
    "2021年共收到政府信息公开申请5件。",
    "全年办理信访件12件，其中不予处理0件。",
    "高效办成一件事，全年办理行政复议案件15件。",
    "2021年出台的《政府信息公开工作制度》继续有效。",
    "对照2021年度政府信息公开工作年度报告中指出的问题逐项整改。",
    "全文电子化率达100%，按时办结率100%。",
    "统一件号管理，结转资金5件。",
    "全年共办理行政复议案件35件，其中涉及政府信息公开的0件。",
    "通过政府信息公开平台办结群众诉求3000件。",
    "2022年共收到政府信息公开申请0件，其中通过网络平台收到0件。",
    "全年制发公文514件，其中主动公开130件，依申请公开363件，不予公开21件。",
    "本年度没有收取政府信息公开申请费用。",
    "行政复议案件中没有被纠错的情况。",
    "答复人大代表建议12件、政协提案8件，并在政府信息公开专栏公开。",
    "全年对拟公开信息进行保密审查200条。",
    "全年未收到涉及国家秘密的政府信息公开申请。",
    "对无法提供的政府信息公开申请逐件说明理由。",
])
def test_statements_that_are_not_about_the_tables(phrase):
    assert _text_findings(_zero_report(phrase)) == []


# -- the section rules --------------------------------------------------------------

def _fires(rule: str, key: str, text: str) -> bool:
    """Whether ``rule`` reports a 2022 report without applications whose text ``key`` is ``text``."""
    report = _zero_report("2022年我局未收到政府信息公开申请。")
    report.text[key] = text
    findings = [f for f in _text_findings(report) if f.rule == rule]
    assert all(f.severity == _SEVERITY[rule] for f in findings)
    return bool(findings)


_SEVERITY = {"N-FEE": "warning", "N-SEC5": "warning", "N-PLAN": "warning", "N-PLACEHOLDER": "error",
             "N-PERIOD": "error"}

@pytest.mark.parametrize("other,fires", [
    ("无", True), ("", True), ("无。", True), ("本年度无其他需要报告的事项。", True),
    ("（文字描述，收取信息处理费情况在此处报告。）", True),
    ("2022年，无收取信息处理费情况。", False),
    ("本年度没有产生信息公开处理费。", False),
    ("本机关2022年未收取任何费用。", False),
    ("信息处理费0元。", False),
    ("按照《政府信息公开信息处理费管理办法》，本年度共收取信息处理费200元。", False),
])
def test_fee(other, fires):
    assert _fires("N-FEE", "other", other) == fires


@pytest.mark.parametrize("problems,fires", [
    ("", True), ("无", True), ("暂无。", True), ("工作有待加强。", True),
    ("一是公开内容不够全面，二是解读形式单一。下一步将加强培训，丰富解读形式，提高公开质量。", False),
])
def test_section_five(problems, fires):
    assert _fires("N-SEC5", "problems", problems) == fires


def test_overview_length():
    opening = "2022年我局未收到政府信息公开申请。\n"
    report = _zero_report(opening + "政" * (1000 - len(opening.strip())))
    assert "N-LEN1" not in [f.rule for f in _text_findings(report)]     # 1,000 characters
    report.text["overview"] += "。\n\n 公开"                             # spaces do not count
    [finding] = [f for f in _text_findings(report) if f.rule == "N-LEN1"]
    assert finding.severity == "info" and finding.actual == 1003
    start, end = finding.span          # the characters beyond the thousandth
    assert re.sub(r"\s", "", report.text["overview"][start:end]) == "。公开"


@pytest.mark.parametrize("problems,fires", [
    ("2022年，区工信局将继续做好政府信息公开工作，主动回应社会关切。", True),
    ("下一步，2022年我局计划完善公开目录。", True),
    ("2022年，我局政府信息公开工作存在问题，主要是公开不及时。", False),
    ("2022年，我局继续推进政务公开，但仍存在不足。", False),
    ("2023年，我局将继续做好政府信息公开工作。", False),
    ("下一步，我局将对2022年12月发现的问题逐项整改。", False),
    ("2022年，我局按照计划完成了目录编制，为今后工作打下基础。", False),
    ("2022年，我局对拟公开信息严格审查，为明年工作打下基础。", False),
    ("2022年，我局加强了业务培训，下一步将继续深化。", False),
    ("2022年，我局在政策解读方面取得成效，将继续丰富解读形式。", False),
    ("下一步，我局将于2022年底前完成目录修订。", True),
    ("2022年我局将持续加强政策解读。", True),
])
def test_plan_names_the_next_year(problems, fires):
    assert _fires("N-PLAN", "problems", problems + "存在公开不全面的问题，将加强培训，提高质量。") == fires


@pytest.mark.parametrize("text,fires", [
    ("共收到申请XX件。", True), ("××局2022年度报告。", True), ("联系人：○○○。", True),
    ("有关数据待补充。", True), ("（文字描述）", True), ("全年收到申请X件。", True),
    ("采用H5、XML格式发布。", False), ("二〇〇八年以来持续推进。", False),
    ("XXL号文件", False), ("第十三届人大", False),
])
def test_placeholders(text, fires):
    assert _fires("N-PLACEHOLDER", "preamble", text) == fires


@pytest.mark.parametrize("preamble,fires", [
    ("本报告所列数据统计期限为2022年1月1日到2022年12月31日。", False),
    ("本报告所列数据统计期限为2021年1月1日到2021年12月31日。", True),
    ("本报告中所列数据的统计期限自二〇二一年一月一日起至二〇二一年十二月三十一日止。", True),
    ("洛阳市洛龙区工业和信息化局2021年政府信息公开工作年度报告", True),
    ("洛阳市洛龙区工业和信息化局2022年政府信息公开工作年度报告", False),
    ("2021年出台的制度继续执行，2021年1月起施行。", False),
])
def test_period(preamble, fires):
    assert _fires("N-PERIOD", "preamble", preamble) == fires


# -- reading numbers -------------------------------------------------------------------

@pytest.mark.parametrize("word,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("零", 0),
    ("一百五十八", 158), ("两百", 200), ("一百一十", 110), ("一千零八", 1008), ("一千二百三十四", 1234),
    ("五百五", 550), ("一千二", 1200),
    # not numerals: never read as some number
    ("三二十", None), ("十百", None), ("一五八", None), ("五零", None), ("百十千", None),
])
def test_chinese_numbers(word, value):
    assert chinese_number(word) == value


def test_counts_in_chinese_numerals_with_hundreds():
    overview = "全年共收到政府信息公开申请一百五十八件，办结一百六十三件，上年结转十二件，结转下年度七件。"
    cells = {"t3.new.natural": 158, "t3.carried_in.natural": 12, "t3.granted.natural": 163,
             "t3.carried_out.natural": 7}
    assert _text_findings(_with_table(overview, cells)) == []
    [finding] = _text_findings(_with_table(overview.replace("一百五十八", "一百五十六"), cells))
    assert (finding.rule, finding.expected, finding.actual) == ("N-APPS", 158, 156)


def test_normalising_keeps_offsets():
    text = "统计期限为二〇二二年１月１日至２０２２年12月31日，收到申请１２件"
    assert len(normalize(text)) == len(text)
    assert normalize(text).startswith("统计期限为2022年1月1日至2022年")


def test_blank_or_invalid_cells_are_not_compared():
    report = _zero_report("2022年，我局共收到政府信息公开申请3件，均已按时答复。")
    report.set("t3.new.natural", None)
    assert "N-NOAPP" not in [f.rule for f in _text_findings(report)]


def test_texts_are_parsed_once_while_cells_change():
    report = _report(PREAMBLE_A, OVERVIEW_A, PROBLEMS_A, OTHER_A)
    run_checks(report)
    misses = claims.cache_info().misses
    for value in range(5):
        report.set("t3.new.natural", value)
        run_checks(report)
    assert claims.cache_info().misses == misses


# -- phrasings as published reports word them (paraphrased), with their tables -------

def _with_table(overview: str, cells: dict, year: int = 2022) -> Report:
    report = _zero_report(overview, year)
    for cid, value in cells.items():
        report.set(cid, value)
    return report


PUBLISHED_STYLE = [
    # (overview, cells, rules expected)
    ("2022年，区政府办公室共收到5份政府信息公开申请，均为自然人申请。其中，予以公开2件，部分公开1件，"
     "本办不掌握相关政府信息1件，其他1件（申请人撤回）。无下年度结转。",
     {"t3.new.natural": 5, "t3.granted.natural": 2, "t3.partial.natural": 1,
      "t3.unavailable.not_held.natural": 1, "t3.closed.other.natural": 1}, []),
    ("2022年，区政府办公室共收到6份政府信息公开申请，均为自然人申请。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, ["N-APPS"]),
    ("2022年，区政府办公室共收到5份政府信息公开申请。无下年度结转。",
     {"t3.new.natural": 5, "t3.granted.natural": 4, "t3.carried_out.natural": 1}, ["N-APPS"]),
    # A real inconsistency of this kind: the text says 2, the table 3.
    ("本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。",
     {"t3.new.natural": 3, "t3.granted.natural": 3}, ["N-APPS"]),
    ("全区共受理政府信息公开申请26件，答复25件。其中同意公开或部分公开共8件，公开率为32%。",
     {"t3.new.natural": 26, "t3.granted.natural": 5, "t3.partial.natural": 3,
      "t3.unavailable.not_held.natural": 17, "t3.carried_out.natural": 1}, []),
    ("全区共受理政府信息公开申请26件，答复25件。其中同意公开或部分公开共9件。",
     {"t3.new.natural": 26, "t3.granted.natural": 5, "t3.partial.natural": 3,
      "t3.unavailable.not_held.natural": 17, "t3.carried_out.natural": 1}, ["N-RESULTS"]),
    ("2022年，我办全年未收到行政许可申请；全年未接到信息公开申请；各栏目共刊发文稿44篇。", {}, []),
    ("2022年，我办全年未收到行政许可申请；全年未接到信息公开申请。",
     {"t3.new.natural": 1, "t3.granted.natural": 1}, ["N-NOAPP"]),
    ("2022年度本单位共收到政府信息公开申请件1件。", {"t3.new.legal": 1, "t3.granted.legal": 1}, []),
    ("2022年全市共收到政府信息申请公开件658件，因政府信息公开引起的行政复议22件、行政诉讼案件1件。",
     {"t3.new.natural": 658, "t3.granted.natural": 658, "t4.review.upheld": 22,
      "t4.suit_direct.pending": 1}, []),
    ("2022年全市共收到政府信息申请公开件658件，因政府信息公开引起的行政复议22件、行政诉讼案件1件。",
     {"t3.new.natural": 658, "t3.granted.natural": 658, "t4.review.upheld": 21,
      "t4.suit_direct.pending": 1}, ["N-REVIEW"]),
    ("全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。",
     {"t4.suit_direct.upheld": 1, "t4.suit_after_review.upheld": 1}, []),
    ("2022年，在门户网站主动公开区政府规章13件（含新制定5件，修改4件，废止4件），"
     "主动公开行政规范性文件42件，人事任免文件106件。全年共发布各类信息46106条。",
     {"t2.regulations.issued": 2, "t2.normative.issued": 9}, []),
    ("2022年，共办理政府12345热线47件，已全部办结，回复率和满意率均达100%。", {}, []),
    ("本年度报告中所列数据统计期限为2022年1月1日至12月31日。现公布我局2022年政府信息公开工作年度报告。",
     {}, []),
    ("本年度报告中所列数据统计期限为2021年1月1日至12月31日。", {}, ["N-PERIOD"]),
]


@pytest.mark.parametrize("overview,cells,rules", PUBLISHED_STYLE,
                         ids=[f"{i}:{'+'.join(p[2]) or 'silent'}" for i, p in enumerate(PUBLISHED_STYLE)])
def test_published_style_phrasings(overview, cells, rules):
    report = _with_table(overview, cells)
    assert [f for f in run_checks(report) if f.rule.startswith(("T3", "T4"))] == []
    assert [f.rule for f in _text_findings(report)] == rules


# -- robustness: whatever a clerk types, the checks answer ---------------------------

FORM_TEXT_KEYS = list(FORM.text_keys)
_PIECES = st.sampled_from([
    "收到", "政府信息公开", "申请", "件", "0", "1", "12", "十二", "两", "上年结转", "结转下年度", "予以公开",
    "部分公开", "不予公开", "占", "%", "42.9", "行政复议", "行政诉讼", "均获维持", "未", "没有", "无",
    "规范性文件", "制发", "废止", "现行有效", "统计期限", "2021年", "2022年", "1月1日", "12月31日",
    "将继续", "下一步", "XX", "（文字描述）", "，", "。", "；", "、", "\n", " ", "１２", "二〇二一年",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(FORM_TEXT_KEYS))
def test_any_text_is_read_without_error(text, key):
    report = _zero_report("2022年我局未收到政府信息公开申请。")
    report.text[key] = text
    for finding in _text_findings(report):
        if finding.span is not None:
            start, end = finding.span
            assert 0 <= start <= end <= len(report.text[finding.text_key])


# -- a reviewer's findings: years in comparisons, outcome claims, brackets -------------

# A county office's text (2023): a comparison with 2022 and a carry-over "至2024年" in the
# middle of the sentence must not make the rest of the sentence about 2022 or 2024.
OVERVIEW_E = (
    "（二）依申请公开。2023年共收到政府信息公开申请23件，较2022年增加8件，上年结转2件，"
    "全部按期答复，结转至2024年继续办理1件。其中，予以公开10件，占41.67%，部分公开3件，"
    "不予公开2件，无法提供7件，不予处理1件，其他处理1件。\n"
    "（五）监督保障。2023年，因政府信息公开被申请行政复议2件，其中维持1件、纠正1件；"
    "被提起行政诉讼1件，尚未审结。全年未收到涉及政府信息公开的投诉举报。")
TABLE_E = {"t3.new.natural": 20, "t3.new.commercial": 2, "t3.new.legal": 1, "t3.carried_in.natural": 2,
           "t3.granted.natural": 9, "t3.granted.commercial": 1, "t3.partial.natural": 3,
           "t3.refused.third_party.natural": 1, "t3.refused.process.natural": 1,
           "t3.unavailable.not_held.natural": 5, "t3.unavailable.not_held.commercial": 1,
           "t3.unavailable.not_held.legal": 1, "t3.rejected.petition.natural": 1,
           "t3.closed.no_correction.natural": 1, "t3.carried_out.natural": 1,
           "t4.review.upheld": 1, "t4.review.corrected": 1, "t4.suit_direct.pending": 1}


def _report_e(overview: str = OVERVIEW_E, cells: dict = TABLE_E) -> Report:
    report = _with_table(overview, cells, year=2023)
    report.text["problems"] = PROBLEMS_A
    return report


def test_comparison_with_another_year_is_clean():
    report = _report_e()
    assert [f for f in run_checks(report) if not f.rule.startswith("N-")] == []
    assert _text_findings(report) == []


@pytest.mark.parametrize("before,after,rule,expected,actual", [
    # after "较2022年增加8件" the sentence is about 2023 again
    ("全部按期答复", "办结25件", "N-APPS", 24, 25),
    ("上年结转2件", "上年结转3件", "N-APPS", 2, 3),
    # "结转至2024年" names where the application goes, not what the next clause is about
    ("结转至2024年继续办理1件。其中，予以公开10件", "结转至2024年继续办理1件，予以公开11件",
     "N-RESULTS", 10, 11),
    ("结转至2024年继续办理1件", "结转至2024年继续办理2件", "N-APPS", 1, 2),
    ("较2022年增加8件，上年结转2件", "与2022年相比增加8件，上年结转2件，办结23件", "N-APPS", 24, 23),
])
def test_a_year_in_a_comparison_governs_only_its_clause(before, after, rule, expected, actual):
    report = _report_e(OVERVIEW_E.replace(before, after, 1))
    [finding] = _text_findings(report)
    assert (finding.rule, finding.expected, finding.actual) == (rule, expected, actual)


@pytest.mark.parametrize("overview,cells,rules", [
    # a number about the other year itself is still not a claim
    ("2022年共收到政府信息公开申请5件，较2021年的9件减少4件。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, []),
    ("2022年共收到政府信息公开申请5件（2021年为9件），办结5件。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, []),
    # a year inside brackets governs only the brackets, but all of them
    ("2022年共收到政府信息公开申请5件（2021年为9件），办结4件。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, ["N-APPS"]),
    ("2022年共收到政府信息公开申请5件（2021年收到申请9件，办结8件）。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, []),
    # "截至" a date of another year is not a comparison: what follows is about that year
    ("截至2021年底，共收到政府信息公开申请9件。", {"t3.new.natural": 5, "t3.granted.natural": 5}, []),
    # a bracket that only glosses the time governs like the year itself (a copied old text)
    ("本年度（2021年）共收到政府信息公开申请9件，办结9件。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, []),
    # a year in a document's title is not the period the numbers are of
    ("按照《2021年政务公开工作要点》，全年共收到政府信息公开申请9件。",
     {"t3.new.natural": 5, "t3.granted.natural": 5}, ["N-APPS"]),
])
def test_years_of_other_clauses(overview, cells, rules):
    assert [f.rule for f in _text_findings(_with_table(overview, cells))] == rules


@pytest.mark.parametrize("phrase,cells,wrong,cited", [
    # 均获维持 follows the lawsuit: the corrected review is no contradiction
    ("因政府信息公开被申请行政复议2件，其中维持1件、纠正1件；被提起行政诉讼1件，均获维持。",
     {"t4.review.upheld": 1, "t4.review.corrected": 1, "t4.suit_direct.upheld": 1},
     {"t4.suit_direct.upheld": 0, "t4.suit_direct.corrected": 1}, ("t4.suit_direct.corrected",)),
    # 均获维持 follows the reviews: a pending lawsuit is no contradiction
    ("全年因政府信息公开引起行政复议5件，均获维持；行政诉讼3件，尚未审结。",
     {"t4.review.upheld": 5, "t4.suit_direct.pending": 3},
     {"t4.review.upheld": 4, "t4.review.pending": 1}, ("t4.review.pending",)),
    # 无败诉 is about lawsuits only
    ("因政府信息公开被申请行政复议2件，其中维持1件、纠正1件；被提起行政诉讼1件，无败诉情况。",
     {"t4.review.upheld": 1, "t4.review.corrected": 1, "t4.suit_after_review.upheld": 1},
     {"t4.suit_after_review.upheld": 0, "t4.suit_after_review.corrected": 1},
     ("t4.suit_after_review.corrected",)),
    # the clause names both groups ("各1件" is a count of each, not read)
    ("因政府信息公开引起的行政复议和行政诉讼各1件，行政复议、行政诉讼均获维持。",
     {"t4.review.upheld": 1, "t4.suit_direct.upheld": 1},
     {"t4.review.upheld": 0, "t4.review.corrected": 1}, ("t4.review.corrected",)),
    # the nearest clause that names a group names both
    ("因政府信息公开引起的行政复议和行政诉讼各1件，均获维持。",
     {"t4.review.upheld": 1, "t4.suit_direct.upheld": 1},
     {"t4.suit_direct.upheld": 0, "t4.suit_direct.pending": 1}, ("t4.suit_direct.pending",)),
    # "经复议" names the reviews
    ("因政府信息公开被申请行政复议2件，经复议均获维持；行政诉讼1件，尚未审结。",
     {"t4.review.upheld": 2, "t4.suit_direct.pending": 1},
     {"t4.review.upheld": 1, "t4.review.corrected": 1}, ("t4.review.corrected",)),
    # 复议后起诉 is a lawsuit
    ("因政府信息公开被申请行政复议1件，维持1件；复议后起诉1件，均获维持。",
     {"t4.review.upheld": 1, "t4.suit_after_review.upheld": 1},
     {"t4.suit_after_review.upheld": 0, "t4.suit_after_review.corrected": 1},
     ("t4.suit_after_review.corrected",)),
])
def test_outcome_claims_refer_to_the_group_they_follow(phrase, cells, wrong, cited):
    report = _with_table(phrase, cells)
    assert _text_findings(report) == []
    for cid, value in wrong.items():
        report.set(cid, value)
    [finding] = _text_findings(report)
    assert finding.rule == "N-REVIEW" and finding.cells == cited


# An office (2022) whose text counts 部分公开 inside 予以公开, in brackets.
OVERVIEW_F = (
    "二是依申请公开。全年共收到政府信息公开申请20件，全部办结。"
    "其中予以公开8件（含部分公开3件），占40%；不予公开2件，无法提供9件，不予处理1件。")
TABLE_F = {"t3.new.natural": 20, "t3.granted.natural": 5, "t3.partial.natural": 3,
           "t3.refused.third_party.natural": 2, "t3.unavailable.not_held.natural": 9,
           "t3.rejected.petition.natural": 1}
# A city office's text as a reviewer changed it: the table's 予以公开 is 62 itself (the
# bracket only points at 部分公开), and 38.04% = 予以公开 62 / 办结 163.
OVERVIEW_G = (
    "二是依申请公开。全年共收到政府信息公开申请158件，上年结转12件，办结163件，结转下年度7件。"
    "其中予以公开62件（含部分公开31件），占38.04%；部分公开31件，不予公开9件，无法提供45件，"
    "不予处理10件，其他处理6件。")
TABLE_G = {"t3.new.natural": 158, "t3.carried_in.natural": 12, "t3.granted.natural": 62,
           "t3.partial.natural": 31, "t3.refused.third_party.natural": 9,
           "t3.unavailable.not_held.natural": 45, "t3.rejected.petition.natural": 10,
           "t3.closed.other.natural": 6, "t3.carried_out.natural": 7}


@pytest.mark.parametrize("overview,cells,rules", [
    # the author's 予以公开 includes 部分公开: 8 = 5 + 3 and 40% = 8 / 20
    (OVERVIEW_F, TABLE_F, []),
    (OVERVIEW_G, TABLE_G, []),
    (OVERVIEW_F.replace("占40%", "占45%"), TABLE_F, ["N-RESULTS"]),
    (OVERVIEW_F.replace("占40%", "占25%"), TABLE_F, []),          # 5 / 20 alone is also a reading
    (OVERVIEW_F.replace("予以公开8件", "予以公开9件"), TABLE_F, ["N-RESULTS"]),
    (OVERVIEW_F.replace("含部分公开3件", "含部分公开4件"), TABLE_F, ["N-RESULTS"]),
    (OVERVIEW_G.replace("占38.04%", "占19.02%"), TABLE_G, ["N-RESULTS"]),
    # without 含 the bracket is an aside: its subject does not carry to 占…% after it, and
    # the count before it is 予以公开 alone
    (OVERVIEW_G.replace("（含部分公开31件）", "（部分公开31件）"), TABLE_G, []),
    (OVERVIEW_F.replace("（含部分公开3件）", "（部分公开3件）"), TABLE_F, ["N-RESULTS", "N-RESULTS"]),
    # a share inside brackets is of the count before it
    (OVERVIEW_G.replace("（含部分公开31件），占38.04%；部分公开31件",
                        "（占38.04%），部分公开31件（占19.02%）"), TABLE_G, []),
    (OVERVIEW_G.replace("（含部分公开31件），占38.04%；部分公开31件",
                        "（占38.04%），部分公开31件（占25%）"), TABLE_G, ["N-RESULTS"]),
])
def test_brackets_after_a_result(overview, cells, rules):
    report = _with_table(overview, cells)
    assert [f for f in run_checks(report) if f.rule.startswith(("T3", "T4"))] == []
    assert [f.rule for f in _text_findings(report)] == rules


def test_a_result_including_another_names_both_readings():
    report = _with_table(OVERVIEW_F.replace("予以公开8件", "予以公开9件"), TABLE_F)
    [finding] = _text_findings(report)
    assert (finding.expected, finding.actual) == (5, 9)
    assert finding.cells == ("t3.granted.total",)
    assert finding.message.endswith("（一）予以公开·总计 为 5，与（二）部分公开合计 8")
    report = _with_table(OVERVIEW_F.replace("占40%", "占45%"), TABLE_F)
    [finding] = _text_findings(report)
    assert finding.message.endswith("的 25%（与（二）部分公开合计 8 件则为 40%）")


# -- issue 12: false findings seen on real reports --------------------------------

_APPS_19 = {"t3.new.natural": 12, "t3.new.legal": 7, "t3.carried_in.natural": 4,
            "t3.granted.natural": 16, "t3.granted.legal": 7}


@pytest.mark.parametrize("overview", [
    "2022年，我局共收到政府信息公开申请19件，其中自然人申请12件；上年结转4件。",
    "2022年，我局共收到政府信息公开申请19件（其中自然人12件、法人或其他组织7件），上年结转4件。",
    "2022年，我局新收政府信息公开申请19件，其中法人或其他组织申请7件，另有上年结转申请4件。",
])
def test_received_count_with_carried_in_named_apart_is_new_only(overview):
    report = _with_table(overview, _APPS_19)
    assert _text_findings(report) == []
    # With one number changed the finding quotes 一 alone, and belongs to 一 with its span.
    report.text["overview"] = overview.replace("申请19件", "申请18件")
    [finding] = _text_findings(report)
    assert (finding.rule, finding.expected, finding.actual) == ("N-APPS", 19, 18)
    assert finding.cells == ("t3.new.total",)
    assert "为 19" in finding.message and "之和" not in finding.message
    assert finding.section == 1 and finding.text_key == "overview"
    start, end = finding.span
    assert report.text["overview"][start:end].endswith("申请18件")


def test_received_count_including_carried_in_still_reads_both():
    report = _with_table("2022年，共收到政府信息公开申请23件，其中上年结转4件。", _APPS_19)
    assert _text_findings(report) == []


def test_text_findings_show_on_their_texts_tab():
    report = _with_table("本年度共受理政府信息公开申请2件。", {"t3.new.natural": 3, "t3.granted.natural": 3})
    [finding] = _text_findings(report)
    assert finding.section == 1
    report.text = {**report.text, "problems": report.text["problems"] + "本年度收到的政府信息公开申请5件已全部办结。"}
    assert {f.section for f in _text_findings(report)} == {1, 5}


@pytest.mark.parametrize("phrase", [
    "转下一年度办理答复的有1件",
    "转入下一年度办理1件",
    "结转至下一年度继续办理1件",
    "跨年度办理1件",
    "转至2023年度办理1件",
])
def test_carried_over_wordings(phrase):
    overview = f"2022年，我局共收到政府信息公开申请5件，已答复4件，{phrase}。"
    cells = {"t3.new.natural": 5, "t3.granted.natural": 4, "t3.carried_out.natural": 1}
    assert _text_findings(_with_table(overview, cells)) == []
    [finding] = _text_findings(_with_table(overview.replace("1件", "2件"), cells))
    assert finding.rule == "N-APPS" and finding.cells == ("t3.carried_out.total",)


@pytest.mark.parametrize("phrase,cells,wrong", [
    ("未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",
     {"t4.review.upheld": 1, "t4.suit_direct.upheld": 1}, "t4.review.corrected"),
    ("未发生政府信息公开行政复议被纠错的情况。", {"t4.review.upheld": 2}, "t4.review.corrected"),
    ("没有发生政府信息公开行政诉讼被撤销或被确认违法的情况。",
     {"t4.suit_direct.other": 1}, "t4.suit_after_review.corrected"),
    ("未出现因政府信息公开行政复议、行政诉讼被纠错的情形。",
     {"t4.review.upheld": 1, "t4.suit_after_review.pending": 1}, "t4.suit_direct.corrected"),
])
def test_no_outcome_is_not_no_cases(phrase, cells, wrong):
    report = _with_table("2022年，我局未收到政府信息公开申请。" + phrase, cells)
    assert _text_findings(report) == []
    report.set(wrong, 1)
    [finding] = _text_findings(report)
    assert finding.rule == "N-REVIEW" and finding.cells == (wrong,)


@pytest.mark.parametrize("phrase", ["无转下一年度办理的申请", "没有跨年度办理的申请", "无结转下年度的申请"])
def test_no_carry_over_wordings(phrase):
    overview = f"2022年，我局共收到政府信息公开申请5件，均已按期答复，{phrase}。"
    cells = {"t3.new.natural": 5, "t3.granted.natural": 5}
    assert _text_findings(_with_table(overview, cells)) == []
    cells = {"t3.new.natural": 5, "t3.granted.natural": 4, "t3.carried_out.natural": 1}
    [finding] = _text_findings(_with_table(overview.replace("均已按期答复", "已答复4件"), cells))
    assert finding.rule == "N-APPS" and finding.cells == ("t3.carried_out.total",) and finding.actual == 0
