"""Findings are bounded: at most 50 per rule, then one "…另有 N 处" line (issue 10, slow inputs)."""
from __future__ import annotations

from collections import Counter

from nianbao.core.checks import MAX_PER_RULE, run_checks
from nianbao.core.form import FORM
from nianbao.core.model import Report
from nianbao.core.values import Invalid


def test_at_most_fifty_findings_per_rule_then_a_count_of_the_rest():
    r = Report(2023, "某局")
    for cell in FORM.input_cells:
        r.set(cell.id, Invalid("x"))
    findings = run_checks(r)
    per_rule = Counter(f.rule for f in findings)
    assert max(per_rule.values()) <= MAX_PER_RULE + 1
    rest = [f for f in findings if f.message.startswith("…另有")]
    assert rest, per_rule
    capped = rest[0].rule
    listed = per_rule[capped] - 1
    hidden = int(rest[0].message.split("另有 ")[1].split(" 处")[0])
    assert listed == MAX_PER_RULE and hidden > 0
