"""Property tests: consistent random reports pass every arithmetic rule; one changed cell breaks its rule."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.core.checks import run_checks
from nianbao.core.form import FORM, T3_RESULT_ROWS
from nianbao.core.model import Report
from nianbao.core.reportfile import report_from_dict, report_to_dict

APPLICANTS = [c.key for c in FORM.table("t3").columns if c.key != "total"]
ARITHMETIC = {"T3-ROW", "T3-RES", "T3-BAL", "T4-SUM", "T2-NUM", "T3-NUM", "T4-NUM",
              "T2-BLANK", "T3-BLANK", "T4-BLANK"}
counts = st.integers(min_value=0, max_value=5000)


@st.composite
def consistent_reports(draw):
    r = Report(year=draw(st.integers(2021, 2030)), agency="某市交通运输局")
    for cell in FORM.table("t2").cells:
        if cell.kind == "money":
            r.set(cell.id, draw(st.decimals(min_value=0, max_value=10 ** 6, places=4)))
        else:
            r.set(cell.id, draw(counts))
    for col in APPLICANTS:
        results = 0
        for row in T3_RESULT_ROWS:
            v = draw(counts)
            r.set(f"t3.{row.key}.{col}", v)
            results += v
        carried_in = draw(st.integers(0, results))
        carried_out = draw(counts)
        r.set(f"t3.carried_in.{col}", carried_in)
        r.set(f"t3.carried_out.{col}", carried_out)
        r.set(f"t3.new.{col}", results + carried_out - carried_in)
    for cell in FORM.table("t4").cells:
        if not cell.computed:
            r.set(cell.id, draw(counts))
    return r


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_a_consistent_report_passes_every_arithmetic_rule(report):
    assert [f.message for f in run_checks(report) if f.rule in ARITHMETIC] == []
    # …and so does the same report read back from its file, every total stated.
    again = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert [f.message for f in run_checks(again) if f.rule in ARITHMETIC] == []


def rules_for(cell_id):
    """The rules a stated change to this one cell must break."""
    cell = FORM.cells[cell_id]
    if cell.table == "t4":
        return {"T4-SUM"}
    if cell.row.key == "results_total":
        return {"T3-RES", "T3-ROW"} if cell.column.key != "total" else {"T3-ROW"}
    return {"T3-ROW"}


T3_T4_CELLS = [c.id for t in ("t3", "t4") for c in FORM.table(t).cells]


@settings(max_examples=120, deadline=None)
@given(consistent_reports(), st.sampled_from(T3_T4_CELLS), st.integers(1, 50))
def test_changing_any_one_stated_cell_breaks_the_rule_it_belongs_to(report, cell_id, delta):
    data = json.loads(json.dumps(report_to_dict(report)))
    data["cells"][cell_id] += delta
    changed = report_from_dict(data)
    fired = {f.rule for f in run_checks(changed) if cell_id in f.cells}
    assert rules_for(cell_id) <= fired, (cell_id, fired)


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.sampled_from(APPLICANTS), st.integers(1, 50))
def test_in_the_application_a_changed_part_moves_its_totals_and_breaks_the_balance(report, col, delta):
    cell = f"t3.granted.{col}"
    report.set(cell, report.get(cell) + delta)
    bal = [f for f in run_checks(report) if f.rule == "T3-BAL"]
    assert [f.cells[0] for f in bal] == [f"t3.new.{col}"]
    assert bal[0].fix is None or bal[0].fix.value == report.get(f"t3.carried_out.{col}") - delta
