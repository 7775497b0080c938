"""Each table, cross-year and format rule of RULES.md: a case that passes and a case that fails."""
from decimal import Decimal

import pytest

from nianbao.core.checks import run_checks
from nianbao.core.model import new_report
from nianbao.core.values import Invalid
from support import consistent_report, sample


def rules(report, previous=None, rule=None):
    found = run_checks(report, previous)
    return [f for f in found if rule is None or f.rule == rule]


def only(report, rule, previous=None):
    found = rules(report, previous, rule)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_a_consistent_report_has_no_table_findings():
    assert [f.rule for f in rules(consistent_report()) if f.rule[0] in "TSX"] == []


# -- the published samples: exactly the errors their README lists ------------

def test_samples_findings_match_the_samples_readme():
    def by_rule(name):
        out = {}
        for f in rules(sample(name)):
            out[f.rule] = out.get(f.rule, 0) + 1
        return out
    assert {k: v for k, v in by_rule("pingtan-gonganju-2022").items() if k[0] == "T"} == {}
    assert {k: v for k, v in by_rule("pingtan-ziranziyuan-2023").items() if k[0] == "T"} == {
        "T3-ROW": 2, "T3-BAL": 1}
    assert {k: v for k, v in by_rule("pingtan-haitan-2024").items()
            if k in ("T3-ROW", "T3-RES", "T3-BAL", "T4-SUM")} == {"T3-ROW": 6, "T3-RES": 1}
    assert {k: v for k, v in by_rule("pingtan-shehuishiye-2023").items()
            if k in ("T3-ROW", "T3-RES", "T3-BAL", "T4-SUM")} == {}


def test_ziranziyuan_balance_names_the_commercial_column_with_its_numbers():
    f = only(sample("pingtan-ziranziyuan-2023"), "T3-BAL")
    assert "商业企业" in f.message
    assert (f.expected, f.actual) == (0, 1)
    assert f.cells == ("t3.new.commercial", "t3.carried_in.commercial",
                       "t3.results_total.commercial", "t3.carried_out.commercial")


# -- T2 ----------------------------------------------------------------------

def test_t2_num():
    r = consistent_report()
    r.set("t2.penalty.decisions", Invalid("/"))
    r.set("t2.licensing.decisions", -1)
    found = rules(r, rule="T2-NUM")
    assert {f.cells for f in found} == {("t2.penalty.decisions",), ("t2.licensing.decisions",)}
    slash = next(f for f in found if f.cells == ("t2.penalty.decisions",))
    assert slash.fix.value == 0 and "行政处罚" in slash.message and "“/”" in slash.message


def test_t2_money_unit_written_in_yuan():
    r = consistent_report()
    r.set("t2.fees.amount", Invalid("5000元"))
    assert only(r, "T2-MONEY-UNIT").cells == ("t2.fees.amount",)
    assert rules(consistent_report(), rule="T2-MONEY-UNIT") == []


def test_t2_money_unit_far_above_last_year():
    last, r = consistent_report(2022), consistent_report(2023)
    last.set("t2.fees.amount", Decimal("1.5"))
    r.set("t2.fees.amount", Decimal("15000"))
    f = only(r, "T2-MONEY-UNIT", last)
    assert f.fix.value == Decimal("1.5")
    r.set("t2.fees.amount", Decimal("3"))
    assert rules(r, last, "T2-MONEY-UNIT") == []


def test_t2_repeal_with_and_without_last_year():
    r = consistent_report()
    r.set("t2.normative.issued", 0)
    r.set("t2.normative.in_force", 1)
    r.set("t2.normative.repealed", 2)
    # Without last year's report the start stock is unknown (it may have been 8): no constraint.
    assert rules(r, rule="T2-REPEAL") == []
    r.set("t2.normative.repealed", 40)
    assert rules(r, rule="T2-REPEAL") == []
    last = consistent_report(2022)
    last.set("t2.normative.in_force", 8)
    r.set("t2.normative.repealed", 2)
    assert rules(r, last, "T2-REPEAL") == []         # 2 <= 8 + 0
    r.set("t2.normative.repealed", 9)
    f = only(r, "T2-REPEAL", last)
    assert (f.expected, f.actual) == (8, 9)


def test_t2_reg_for_county_and_township_bodies():
    r = consistent_report(agency="某县某镇人民政府")
    r.set("t2.regulations.issued", 2)
    assert only(r, "T2-REG")
    city = consistent_report(agency="某市人民政府")
    city.set("t2.regulations.issued", 2)
    assert rules(city, rule="T2-REG") == []
    r.set("t2.regulations.issued", 0)
    r.set("t2.regulations.in_force", 0)
    assert rules(r, rule="T2-REG") == [] or all(
        r.get(c) == 0 for c in ("t2.regulations.issued", "t2.regulations.in_force"))


# -- T3 / T4 -----------------------------------------------------------------

def test_t3_num_and_t4_num():
    r = consistent_report()
    r.set("t3.granted.natural", Invalid("1.5"))
    r.set("t4.review.upheld", Invalid("无"))
    assert only(r, "T3-NUM").cells == ("t3.granted.natural",)
    f = only(r, "T4-NUM")
    assert f.fix.value == 0
    # the arithmetic rules stay silent where a value is not a number
    assert rules(r, rule="T3-RES") == [] and rules(r, rule="T4-SUM") == []


@pytest.mark.parametrize("table,cell", [("T2", "t2.coercion.decisions"), ("T3", "t3.new.legal"),
                                        ("T4", "t4.suit_direct.pending")])
def test_blanks_are_reported_not_guessed(table, cell):
    r = consistent_report()
    assert rules(r, rule=f"{table}-BLANK") == []
    r.set(cell, None)
    assert cell in only(r, f"{table}-BLANK").cells


def test_t3_row():
    r = consistent_report()
    right = r.get("t3.granted.total")
    r.set("t3.granted.total", right + 2)
    f = only(r, "T3-ROW")
    assert (f.expected, f.actual) == (right, right + 2)
    assert f.fix.cell == "t3.granted.total" and f.fix.value == right
    assert "（一）予以公开·总计" in f.message


def test_t3_res():
    r = consistent_report()
    right = r.get("t3.results_total.research")
    r.set("t3.results_total.research", right + 1)
    f = only(r, "T3-RES")
    assert f.fix.value == right and len(f.cells) == 22


def test_t3_bal_offers_the_carried_out_fix():
    r = consistent_report()
    out = r.get("t3.carried_out.natural")
    r.set("t3.carried_out.natural", out + 1)
    f = only(r, "T3-BAL")
    assert f.fix.cell == "t3.carried_out.natural" and f.fix.value == out
    assert f.fix.description == f"将 四、结转下年度继续办理·自然人 改为 {out}"


def test_t3_other_hint():
    r = consistent_report()
    assert rules(r, rule="T3-OTHER") == []
    r.set("t3.closed.other.natural", 500)
    r.set("t3.new.natural", r.get("t3.new.natural") + 500)
    f = only(r, "T3-OTHER")
    assert f.severity == "info"


def test_t4_sum():
    r = consistent_report()
    r.set("t4.suit_after_review.total", 9)
    f = only(r, "T4-SUM")
    assert "复议后起诉" in f.message and f.fix.value == r.computed("t4.suit_after_review.total")


# -- across years --------------------------------------------------------------

def test_x_carry():
    last = consistent_report(2022)
    r = new_report(2023, "", last)
    assert rules(r, rule="X-CARRY") == []
    r.set("t3.carried_in.social", (r.get("t3.carried_in.social") or 0) + 1)
    found = rules(r, rule="X-CARRY")
    assert [f.cells for f in found] == [("t3.carried_in.social",)]   # 总计 follows from it
    assert found[0].fix.value == last.get("t3.carried_out.social")


def test_x_stock():
    last, r = consistent_report(2022), consistent_report(2023)
    last.set("t2.normative.in_force", 10)
    r.set("t2.normative.issued", 3)
    r.set("t2.normative.repealed", 1)
    r.set("t2.normative.in_force", 12)
    last.set("t2.regulations.in_force", r.get("t2.regulations.in_force") - r.get("t2.regulations.issued"))
    assert rules(r, last, "X-STOCK") == []
    r.set("t2.normative.in_force", 20)
    f = only(r, "X-STOCK", last)
    assert (f.expected, f.actual, f.fix.value) == (12, 20, 12)


TEXT_2022 = ("2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。"
             "全年通过门户网站主动公开政府信息120条，涵盖机构职能、政策文件、财政预决算等内容。"
             "严格落实保密审查制度，确保公开内容准确规范。持续加强政府信息公开平台建设，及时更新栏目内容。")


def test_x_dup_catches_last_years_text_with_only_the_numbers_changed():
    last, r = consistent_report(2022), consistent_report(2023)
    last.text["overview"] = TEXT_2022
    r.text["overview"] = TEXT_2022.replace("2022", "2023").replace("120", "135")
    f = only(r, "X-DUP", last)
    assert f.text_key == "overview" and f.section == 1
    r.text["overview"] = ("2023年，我局围绕优化营商环境，重点公开涉企政策和行政执法信息，"
                          "新增政策解读专栏，发布图解解读12篇。针对去年评估中指出的栏目更新不及时问题，"
                          "建立了每周巡查机制，全年整改栏目问题15个。")
    assert rules(r, last, "X-DUP") == []


FEE_ONLY = "{y}年度，本机关未收取政府信息公开信息处理费。本机关严格按照《政府信息公开信息处理费管理办法》执行，依申请提供政府信息不收取费用。"


def test_x_dup_leaves_a_six_that_only_states_the_fee_position():
    last, r = consistent_report(2022), consistent_report(2023)
    last.text["other"] = FEE_ONLY.format(y=2022)
    r.text["other"] = FEE_ONLY.format(y=2023)
    assert rules(r, last, "X-DUP") == []
    # A 六 that copies more than the fee position is still 雷同.
    more = ("本机关收到人大代表建议5件、政协委员提案3件，均已按期办结并在门户网站公开答复内容。"
            "围绕重点领域信息公开要求，开展专项自查，逐项整改栏目更新不及时问题。")
    last.text["other"] += more
    r.text["other"] += more
    f = only(r, "X-DUP", last)
    assert f.text_key == "other" and f.section == 6


def test_x_year():
    last, r = consistent_report(2022), consistent_report(2023)
    assert rules(r, last, "X-YEAR") == []
    assert only(r, "X-YEAR", consistent_report(2021))
    assert only(r, "X-YEAR", consistent_report(2022, agency="另一个局"))


def test_s_format():
    r = consistent_report(2022)
    assert rules(r, rule="S-FORMAT") == []
    r.template = "2019"
    assert only(r, "S-FORMAT").severity == "error"
    r.year = 2020
    assert rules(r, rule="S-FORMAT") == []


def test_findings_are_sorted_errors_first_and_serialise():
    found = run_checks(sample("pingtan-haitan-2024"))
    sev = [f.severity for f in found]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)
    j = found[0].to_json()
    assert {"rule", "severity", "message", "cells", "expected", "actual"} <= set(j)


# -- found in review ----------------------------------------------------------

def test_a_previous_report_of_another_year_or_agency_gives_no_carry_errors_or_fixes():
    last, r = consistent_report(2022), consistent_report(2023)
    r.set("t3.carried_in.natural", 99)
    same_agency = {f.rule for f in rules(r, last)}
    assert "X-CARRY" in same_agency and "X-YEAR" not in same_agency
    for other in (consistent_report(2021), consistent_report(2022, agency="另一个局")):
        found = [f for f in rules(r, other) if f.rule.startswith("X-")]
        assert [f.rule for f in found] == ["X-YEAR"]
        assert "未进行" in found[0].message and found[0].fix is None


def test_new_report_refuses_a_last_year_of_another_year():
    from nianbao.core.errors import InputError
    with pytest.raises(InputError, match="2023年度"):
        new_report(2024, "", consistent_report(2022))


@pytest.mark.parametrize("agency", ["镇江市人民政府", "镇江市交通运输局", "国家乡村振兴局", "洛阳市教育局"])
def test_t2_reg_is_silent_for_bodies_with_rule_making_power_or_their_departments(agency):
    r = consistent_report(agency=agency)
    r.set("t2.regulations.issued", 2)
    assert rules(r, rule="T2-REG") == []


@pytest.mark.parametrize("agency", ["某县某镇人民政府", "某某街道办事处", "某乡人民政府", "洛阳市洛龙区工业和信息化局"])
def test_t2_reg_fires_for_county_township_and_street_bodies(agency):
    r = consistent_report(agency=agency)
    r.set("t2.regulations.issued", 2)
    assert only(r, "T2-REG")


@pytest.mark.parametrize("typed, meant", [("3件", 3), ("２１５", 215), (" 12 条", 12), ("—", 0)])
def test_num_findings_offer_the_number_an_entry_obviously_means(typed, meant):
    r = consistent_report()
    r.set("t3.granted.legal", Invalid(typed))
    assert only(r, "T3-NUM").fix.value == meant


def test_an_amount_in_yuan_is_offered_in_wan_yuan():
    r = consistent_report()
    r.set("t2.fees.amount", Invalid("5000元"))
    assert only(r, "T2-MONEY-UNIT").fix.value == Decimal("0.5")


# -- T2-MONEY-UNIT against the text; S-AGENCY and S-DATE ------------------------------

@pytest.mark.parametrize("other,amount,fix", [
    ("2023年度，本机关共收取信息处理费300元。", "300", Decimal("0.03")),
    ("本年度依申请公开收取信息处理费用合计1,200元，已全额上缴国库。", "1200", Decimal("0.12")),
    ("2023年共收取信息处理费0.05万元。", "500", Decimal("0.05")),
])
def test_t2_money_unit_against_the_fee_the_text_states(other, amount, fix):
    r = consistent_report()
    r.text["other"] = other
    r.set("t2.fees.amount", Decimal(amount))
    f = only(r, "T2-MONEY-UNIT")
    assert f.fix.value == fix and f.cells == ("t2.fees.amount",)
    r.set("t2.fees.amount", fix)
    assert rules(r, rule="T2-MONEY-UNIT") == []


def test_t2_money_unit_ignores_a_rate_and_a_different_amount():
    r = consistent_report()
    r.text["other"] = "信息处理费按件计收，标准为每件100元；全年收取信息处理费0.5万元。"
    r.set("t2.fees.amount", Decimal("100"))
    assert rules(r, rule="T2-MONEY-UNIT") == []


def test_s_agency_missing_is_an_error():
    import datetime as dt
    r = consistent_report(agency="  ")
    r.date = dt.date(2024, 1, 20)
    f = only(r, "S-AGENCY")
    assert f.severity == "error" and "机关名称" in f.message
    assert rules(consistent_report(), rule="S-AGENCY") == []


@pytest.mark.parametrize("day,fires", [
    (None, True), ("2024-01-01", False), ("2024-01-31", False), ("2024-02-01", True),
    ("2023-12-28", True), ("2025-01-20", True),
])
def test_s_date(day, fires):
    import datetime as dt
    r = consistent_report(2023)
    r.date = dt.date.fromisoformat(day) if day else None
    found = rules(r, rule="S-DATE")
    assert [f.severity for f in found] == (["warning"] if fires else [])
    if fires:
        assert ("没有填写成文日期" if day is None else "2024年1月31日") in found[0].message
