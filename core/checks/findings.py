"""Findings: what a check reports, as data first and Chinese text second.

A finding names its rule (RULES.md), its severity, the cells involved, the
expected and actual numbers where numbers were compared, and — where changing
one cell would satisfy the rule — that change as a ``Fix`` the application can
offer as a one-click button.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ..form import FORM
from ..model import Report
from ..values import Value, format_value

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
# What every writer puts on a report with open errors, and what every reader leaves out again.
DRAFT_MARK = "草稿"
FINDINGS_TITLE = "附：未解决的校验问题"

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def table_name(cell_id: str) -> str:
    return _TABLE_NAMES[cell_id.split(".", 1)[0]]


def cell_label(cell_id: str) -> str:
    """The official row and column labels of a cell: ``四、结转下年度继续办理·自然人``."""
    cell = FORM.cells[cell_id]
    if cell.table == "t4":
        return "·".join(cell.row.path + (cell.column.label,))
    return cell.label


@dataclass(frozen=True)
class Fix:
    """A one-cell correction a finding offers."""

    cell: str
    value: Value

    @property
    def description(self) -> str:
        return f"将 {cell_label(self.cell)} 改为 {format_value(self.value)}"


@dataclass(frozen=True)
class Finding:
    """One result of a check: rule, severity, message, the cells or text it is about."""

    rule: str
    severity: str
    message: str
    cells: Tuple[str, ...] = ()
    expected: Any = None
    actual: Any = None
    fix: Optional[Fix] = None
    text_key: Optional[str] = None        # the narrative text a text finding is about
    span: Optional[Tuple[int, int]] = None  # where in that text, for highlighting

    @property
    def section(self) -> int:
        """The report section (1 … 6) the finding belongs to, for the tab it shows on.

        A finding about a passage of text belongs to that text's section (the
        table it compares with is only named), so that showing it selects the
        passage; otherwise the section of its first cell.
        """
        if self.text_key:
            section = FORM.section_of_text(self.text_key)
            if section:
                return section.number
        if self.cells:
            return FORM.section_of_cell(self.cells[0]).number
        return 1

    @property
    def compared(self) -> bool:
        return self.expected is not None or self.actual is not None

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"rule": self.rule, "severity": self.severity,
                               "message": self.message, "cells": list(self.cells)}
        if self.compared:
            out["expected"] = _json_number(self.expected)
            out["actual"] = _json_number(self.actual)
        if self.fix is not None:
            out["fix"] = {"cell": self.fix.cell, "value": _json_number(self.fix.value),
                          "description": self.fix.description}
        if self.text_key:
            out["text"] = self.text_key
            if self.span is not None:
                out["span"] = list(self.span)
        return out


def _json_number(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is None or isinstance(value, (int, float)):
        return value
    return str(value)


@dataclass
class Context:
    """What every check gets: the report, every cell's value, and last year's report if known."""
    report: Report
    values: Mapping[str, Value]
    previous: Optional[Report] = None
    previous_values: Optional[Mapping[str, Value]] = None
    cache: Dict[str, Any] = field(default_factory=dict)


def sort_findings(findings: List[Finding]) -> List[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.section))
