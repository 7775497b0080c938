"""Checking many files in one run, as a reviewer does: ``nianbao check *.xlsx``.

Each file is read by whatever reader fits it; one that cannot be read is
reported and the others are still checked.  Where two files are the same
agency in consecutive years, the later one is checked against the earlier.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from .checks import ERROR, INFO, SEVERITY_LABEL, WARNING, Finding, run_checks
from .errors import InputError, one_line
from .importing import load
from .model import Report


@dataclass
class FileResult:
    file: str
    report: Optional[Report] = None
    findings: List[Finding] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    error: Optional[str] = None
    previous_file: Optional[str] = None

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_json(self) -> Dict:
        out: Dict = {"file": self.file,
                     "year": self.report.year if self.report else None,
                     "agency": self.report.agency if self.report else None,
                     "findings": [f.to_json() for f in self.findings]}
        if self.error:
            out["error"] = self.error
        if self.notes:
            out["notes"] = self.notes
        if self.previous_file:
            out["previous"] = self.previous_file
        return out

    def summary(self) -> str:
        if self.error:
            return f"{self.file}：无法读取：{self.error}"
        r = self.report
        return (f"{self.file}：{r.agency}{r.year}年 — {self.count(ERROR)} 个错误，"
                f"{self.count(WARNING)} 个警告，{self.count(INFO)} 个提示")

    def render_text(self) -> str:
        lines = [self.summary()]
        if self.previous_file:
            lines.append(f"  （已与上年报告 {self.previous_file} 进行跨年度核对）")
        lines += [f"  导入说明：{n}" for n in self.notes]
        for f in self.findings:
            lines.append(f"  [{SEVERITY_LABEL[f.severity]}] {f.rule} {f.message}")
            if f.fix is not None:
                lines.append(f"      建议：{f.fix.description}")
        return "\n".join(lines)


def _agency_key(name: str) -> str:
    return re.sub(r"\s+", "", name or "")


# What a reviewer's folder of reports holds: a folder named on the command line is read for these.
REPORT_SUFFIXES = (".nianbao", ".xlsx", ".xls", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".mht", ".mhtml",
                   ".txt")


def expand_folders(paths: Sequence[str]) -> List[str]:
    """Each folder replaced by the report files in it (by name, sorted); files as given."""
    from pathlib import Path
    out: List[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out += sorted(str(f) for f in p.iterdir() if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES)
        else:
            out.append(str(path))
    return out


def check_files(paths: Sequence[str], previous: Optional[str] = None) -> List[FileResult]:
    prev_report: Optional[Report] = None
    if previous:
        prev_report = load(previous).report  # an unreadable --previous is an argument error
    results: List[FileResult] = []
    for path in expand_folders(paths):
        result = FileResult(str(path))
        try:
            loaded = load(path)
            result.report, result.notes = loaded.report, loaded.notes
        except InputError as exc:
            result.error = one_line(exc)
        except (RecursionError, MemoryError):
            result.error = f"“{path}”过于复杂，读取时超出了程序的处理能力，无法读取"
        except Exception as exc:  # a defect must not silence the other files of the batch
            result.error = _defect(path, exc)
        results.append(result)

    # The same agency in consecutive years, within this batch.
    by_key: Dict[Tuple[str, int], FileResult] = {}
    for r in results:
        if r.report is not None:
            by_key.setdefault((_agency_key(r.report.agency), r.report.year), r)
    for r in results:
        if r.report is None:
            continue
        prev = prev_report
        if prev is None:
            earlier = by_key.get((_agency_key(r.report.agency), r.report.year - 1))
            if earlier is not None:
                prev, r.previous_file = earlier.report, earlier.file
        elif previous:
            r.previous_file = previous
        try:
            r.findings = run_checks(r.report, prev)
        except Exception as exc:  # as above: one file's defect, the others still checked
            r.error = _defect(r.file, exc)
    return results


def _defect(path: str, exc: Exception) -> str:
    return f"处理“{path}”时程序出错（{type(exc).__name__}），未能检查；请把该文件报告给开发者"
