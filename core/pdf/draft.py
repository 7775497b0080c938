"""What marks a report that still has errors: the 草稿 watermark and the findings page.

A report with error-level findings can still be exported (the clerk needs a
printout to discuss), but every page says 草稿 and the last page lists what is
open, so that such a printout cannot be signed or published by mistake.
"""
from __future__ import annotations

from typing import List, Sequence

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..checks.findings import ERROR, SEVERITY_LABEL, Finding
from .fonts import BODY, HEADING, TITLE, FontSet
from .styles import BODY_LEADING, FRAME_WIDTH, PAGE_HEIGHT, PAGE_WIDTH, Styles

WATERMARK = "草稿"
WATERMARK_SIZE = 150.0
WATERMARK_GREY = 0.55
WATERMARK_ALPHA = 0.22
FINDINGS_TITLE = "附：未解决的校验问题"
_COLUMNS = ("序号", "级别", "规则", "问题")
_COLUMN_FRACTIONS = (0.07, 0.09, 0.17, 0.67)


def draw_watermark(canvas, fonts: FontSet) -> None:
    """草稿 across the page, translucent so that every number under it stays legible."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY))
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    fonts.draw(canvas, 0, -WATERMARK_SIZE * 0.35, WATERMARK, TITLE, WATERMARK_SIZE, "centre")
    canvas.restoreState()


def findings_story(findings: Sequence[Finding], styles: Styles) -> List:
    """The findings page: a heading, a one-line summary and a table of every open finding."""
    fonts = styles.fonts
    errors = sum(1 for f in findings if f.severity == ERROR)
    heading = Paragraph(fonts.markup(FINDINGS_TITLE, HEADING),
                        styles.heading.clone("findings_heading", firstLineIndent=0))
    heading._bookmark = "findings"
    heading._outline_title = FINDINGS_TITLE
    summary = (f"本报告经校验仍有{errors}项错误"
               + (f"、{len(findings) - errors}项警告或提示" if len(findings) > errors else "")
               + "，修正前本文件仅为草稿，不应签发、报送或公开。")
    cell = styles.table
    centre = styles.table_centre
    rows = [[Paragraph(fonts.markup(text, HEADING), centre) for text in _COLUMNS]]
    for number, f in enumerate(findings, 1):
        rows.append([Paragraph(str(number), centre),
                     Paragraph(fonts.markup(SEVERITY_LABEL[f.severity], BODY), centre),
                     Paragraph(fonts.markup(f.rule, BODY), centre),
                     Paragraph(fonts.markup(f.message, BODY), cell)])
    table = Table(rows, colWidths=[f * FRAME_WIDTH for f in _COLUMN_FRACTIONS], repeatRows=1,
                  style=TableStyle([
                      ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                      ("FONTNAME", (0, 0), (-1, -1), fonts.name(BODY)),
                      ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                  ]))
    return [heading, Paragraph(fonts.markup(summary, BODY), styles.findings_note),
            Spacer(1, BODY_LEADING / 2), table]
