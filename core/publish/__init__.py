"""The report for publishing: an editable Word document and clean HTML for the portal.

``export_docx(report, findings=None) -> bytes`` is the .docx for the office's OA
system (审签, 盖章, typeset in WPS): GB/T 9704 layout, real Word tables.
``export_html(report, findings=None, page=True) -> str`` is the page (or, with
``page=False``, the fragment the GUI puts on the clipboard) for a portal's CMS;
``export_text`` is the plain-text flavour of the same clipboard.  All three are
derived from ``FORM``'s grids like the PDF and the Excel writers; none needs a
display or writes a file.  ``findings`` default to ``run_checks(report)``: a
report with open errors is marked 草稿 and ends with its findings.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from ..checks.findings import Finding
from ..model import Report


def _findings(report: Report, findings: Optional[Sequence[Finding]]) -> List[Finding]:
    if findings is None:
        from ..checks import run_checks
        findings = run_checks(report)
    return list(findings)


def export_docx(report: Report, findings: Optional[Sequence[Finding]] = None) -> bytes:
    from .docx import render_docx
    return render_docx(report, _findings(report, findings))


def export_html(report: Report, findings: Optional[Sequence[Finding]] = None, page: bool = True) -> str:
    from .html import render_html
    return render_html(report, _findings(report, findings), page=page)


def export_text(report: Report, findings: Optional[Sequence[Finding]] = None) -> str:
    from .html import render_text
    return render_text(report, _findings(report, findings))


__all__ = ["export_docx", "export_html", "export_text"]
