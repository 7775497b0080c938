"""Cell values and the report model: ints and Decimals, blank is not zero, derived and stated totals."""
from decimal import Decimal

from nianbao.core.form import FORM
from nianbao.core.model import Report, new_report
from nianbao.core.values import Invalid, format_value, parse_count, parse_money
from support import consistent_report, sample


def test_parse_count_accepts_integers_full_width_and_separators():
    assert parse_count("12") == 12
    assert parse_count("１２") == 12
    assert parse_count(" 1,234 ") == 1234
    assert parse_count("") is None and parse_count(None) is None
    assert parse_count("-3") == -3          # kept, and reported by T3-NUM
    assert parse_count(7.0) == 7
    for bad in ("/", "无", "1.5", "abc", "5件"):
        assert isinstance(parse_count(bad), Invalid), bad


def test_parse_money_is_exact_decimal_in_wan_yuan():
    assert parse_money("5949.088667") == Decimal("5949.088667")
    assert format_value(parse_money("0.10")) == "0.10"       # shown as entered
    assert parse_money("１２．５") == Decimal("12.5")
    assert parse_money(0.1) == Decimal("0.1")
    assert isinstance(parse_money("5000元"), Invalid)
    assert parse_money("") is None


def test_totals_are_derived_and_blank_is_not_zero():
    r = Report(year=2023, agency="某局")
    assert r.get("t3.new.total") is None
    changed = r.set("t3.new.natural", 3)
    assert "t3.new.total" in changed
    assert r.get("t3.new.total") == 3
    r.set("t3.granted.natural", 2)
    assert r.get("t3.results_total.natural") == 2
    assert r.get("t3.results_total.total") == 2
    r.set("t3.granted.natural", None)
    assert r.get("t3.results_total.natural") is None


def test_a_stated_total_is_kept_until_it_agrees():
    r = consistent_report()
    right = r.get("t3.new.total")
    r.set("t3.new.total", right + 1)
    assert r.is_stated_total("t3.new.total") and r.get("t3.new.total") == right + 1
    r.set("t3.new.natural", r.get("t3.new.natural"))       # editing a part keeps the statement
    assert r.get("t3.new.total") == right + 1
    r.set("t3.new.total", right)                           # agreeing again: derived again
    assert not r.is_stated_total("t3.new.total")
    r.set("t3.new.total", 0)
    assert r.recompute_totals() == ["t3.new.total"]
    assert r.get("t3.new.total") == right


def test_fill_blanks_with_zero_fills_only_blank_inputs():
    r = Report(year=2023, agency="某局")
    r.set("t3.new.natural", 5)
    r.fill_blanks_with_zero()
    assert r.get("t3.new.natural") == 5
    assert r.get("t2.fees.amount") == Decimal(0)
    assert r.blank_input_cells() == []
    assert r.is_complete()


def test_new_report_carries_last_years_pending_applications_forward():
    last = sample("pingtan-gonganju-2022")
    last.set("t3.carried_out.natural", 2)
    last.set("t3.carried_out.legal", 1)
    r = new_report(2023, "", last)
    assert r.agency == last.agency and r.year == 2023
    assert r.get("t3.carried_in.natural") == 2 and r.get("t3.carried_in.legal") == 1
    assert r.get("t3.carried_in.total") == 3
    assert r.last_year is not None and r.last_year.year == 2022
    assert r.text == {}                                  # last year's texts are never copied
    assert r.get("t2.normative.in_force") is None


def test_every_cell_kind():
    assert FORM.cells["t2.fees.amount"].kind == "money"
    assert sum(1 for c in FORM.cells.values() if c.kind == "money") == 1
