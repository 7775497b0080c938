"""The filing-ready PDF: the report as an official document with exact tables.

``render_pdf(report, findings, options=None) -> PdfExport`` is what the command
line (``nianbao export FILE --pdf OUT.pdf``) calls: the bytes, whether they are
a 草稿, and the notes to print on stderr.  ``export_pdf`` returns the bytes
alone (the GUI's 导出PDF).  Neither needs a display or writes a file.  ``find_official_fonts()`` tells the GUI
which official faces the machine has, for the 使用本机公文字体 setting.

Importing this package costs reportlab's import (~130 ms): import it only when
exporting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional, Sequence, Tuple

from reportlab import rl_config

# Invariant output (no clock, no random ids) makes the same report give the
# same bytes; each canvas also gets the body face as its initial font, which
# keeps the unembedded Helvetica out of every PDF.
rl_config.invariant = 1

from ..checks.findings import ERROR, Finding  # noqa: E402
from ..model import Report  # noqa: E402
from .fonts import FontFile, font_set  # noqa: E402
from .linebreak import forbid_line_start  # noqa: E402
from .notes import export_notes  # noqa: E402
from .official import ROLE_LABEL, find_official_fonts  # noqa: E402

forbid_line_start()


@dataclass(frozen=True)
class PdfOptions:
    """How to export: ``official_fonts`` (role → installed file) replace the bundled faces.

    The GUI fills it from ``find_official_fonts()`` when the clerk turns on
    使用本机公文字体; an empty mapping prints with the bundled faces.
    ``official_requested`` says the clerk asked for the official faces, so that
    every one not found is named in the export's notes.
    """
    official_fonts: Mapping[str, FontFile] = field(default_factory=dict)
    official_requested: bool = False

    @classmethod
    def with_installed_official_fonts(cls) -> "PdfOptions":
        return cls(official_fonts=find_official_fonts(), official_requested=True)

    def font_problems(self) -> Dict[str, str]:
        """Role → why its installed face cannot be used (the bundled face is used instead).

        Registers the faces (a few hundred ms for large ones), so the GUI calls
        this off the UI thread, e.g. when the clerk turns the setting on.
        """
        return dict(font_set(self.official_fonts).unusable)


@dataclass(frozen=True)
class PdfExport:
    """What an export produced: the bytes, whether it is a 草稿, and lines to tell the clerk.

    ``notes`` are one Chinese sentence each (the command line prints them on
    stderr, the GUI shows them): why the file is a draft, a missing 成文日期,
    official faces that were missing and what was used instead.
    """
    data: bytes
    draft: bool
    notes: Tuple[str, ...] = ()


def render_pdf(report: Report, findings: Optional[Sequence[Finding]] = None,
               options: Optional[PdfOptions] = None) -> PdfExport:
    """The report as a PDF with what the clerk must be told about it."""
    from .document import render

    if findings is None:
        from ..checks import run_checks
        findings = run_checks(report)
    options = options or PdfOptions()
    fonts = font_set(options.official_fonts)
    data = render(report, list(findings), fonts)
    draft = any(f.severity == ERROR for f in findings)
    return PdfExport(data, draft, tuple(export_notes(report, findings, options, fonts)))


def export_pdf(report: Report, findings: Optional[Sequence[Finding]] = None,
               options: Optional[PdfOptions] = None) -> bytes:
    """The report as PDF bytes; error-level ``findings`` make it a 草稿 with a findings page."""
    return render_pdf(report, findings, options).data


__all__ = ["export_pdf", "render_pdf", "PdfExport", "PdfOptions", "FontFile", "find_official_fonts",
           "ROLE_LABEL"]
