"""Every check of RULES.md, run over one report (and last year's, when known).

``run_checks`` is what the command line, the GUI (on every keystroke) and the
exporters call.  Each family of rules lives in its own module as plain
functions ``Context -> list[Finding]``; adding a rule means adding a function
to ``CHECKS``.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional

from ..model import Report
from .crossyear import check_cross_year
from .metadata import check_metadata
from .findings import (ERROR, INFO, SEVERITY_LABEL, SEVERITY_ORDER, WARNING, Context, Finding, Fix,
                       cell_label, sort_findings)
from .tables import check_t2, check_t3, check_t4
from .template import check_template
from .text import check_text

CHECKS: List[Callable[[Context], List[Finding]]] = [
    check_template, check_t2, check_t3, check_t4, check_cross_year, check_text,
    check_metadata,
]


def run_checks(report: Report, previous: Optional[Report] = None) -> List[Finding]:
    """All findings for ``report``, errors first; ``previous`` defaults to the carried-forward last year."""
    previous = previous if previous is not None else report.last_year
    ctx = Context(report, report.snapshot(), previous,
                  previous.snapshot() if previous is not None else None)
    findings: List[Finding] = []
    for check in CHECKS:
        findings.extend(check(ctx))
    return sort_findings(cap_per_rule(findings))


MAX_PER_RULE = 50   # findings listed per rule; a report needing more is summed up in one more line


def cap_per_rule(findings: List[Finding], limit: int = MAX_PER_RULE) -> List[Finding]:
    """At most ``limit`` findings of each rule (the most severe first), then "…另有 N 处"."""
    ranked = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])   # stable: rule order kept
    kept: List[Finding] = []
    dropped: Dict[str, List[Finding]] = {}
    count: Dict[str, int] = {}
    for f in ranked:
        count[f.rule] = count.get(f.rule, 0) + 1
        if count[f.rule] <= limit:
            kept.append(f)
        else:
            dropped.setdefault(f.rule, []).append(f)
    for rule, rest in dropped.items():
        kept.append(Finding(rule, rest[0].severity, f"…另有 {len(rest)} 处（同一规则的结果只列出前 {limit} 处）"))
    return kept


def has_errors(findings: List[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["run_checks", "has_errors", "Finding", "Fix", "Context", "ERROR", "WARNING", "INFO",
           "SEVERITY_LABEL", "cell_label"]
