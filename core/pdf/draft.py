"""What marks a report that still has errors: the 草稿 watermark and the findings page.

A report with error-level findings can still be exported (the clerk needs a
printout to discuss), but every page says 草稿 and the last page lists what is
open, so that such a printout cannot be signed or published by mistake.
"""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..checks.findings import (DRAFT_MARK, ERROR, FINDINGS_TITLE, SEVERITY_LABEL, Finding, cell_label,
                               table_name)
from ..form import FORM
from .fonts import BODY, HEADING, TITLE, FontSet, bundled_name, registered_face
from .outline import NoOutline, draw_outlined, glyph_outline
from .styles import BODY_LEADING, FRAME_WIDTH, PAGE_HEIGHT, PAGE_WIDTH, Styles

WATERMARK = DRAFT_MARK
WATERMARK_SIZE = 150.0
WATERMARK_GREY = 0.55
WATERMARK_ALPHA = 0.22
FINDINGS_COLUMNS = ("序号", "级别", "位置", "问题", "建议修改")
FINDINGS_FRACTIONS = (0.07, 0.08, 0.2, 0.43, 0.22)

# What to do about a finding without a one-cell fix, by rule (or rule family before "-").
_ADVICE = {
    "T2-NUM": "改为非负数（件数为整数，金额以万元计）", "T3-NUM": "改为非负整数，没有的填 0",
    "T4-NUM": "改为非负整数，没有的填 0", "T2-BLANK": "没有的填写 0", "T3-BLANK": "没有的填写 0",
    "T4-BLANK": "没有的填写 0", "T2-MONEY-UNIT": "按万元填写（1万元 = 10000元）",
    "T2-REPEAL": "核对废止件数和上年现行有效件数", "T2-REG": "核实是否确为规章；内部规章制度不计入",
    "T3-ROW": "核对各类申请人的数字与总计", "T3-RES": "核对各项办理结果与（七）总计",
    "T3-BAL": "核对本年新收、上年结转、办理结果和结转下年度的数字",
    "T3-OTHER": "在正文中说明其他处理较多的原因", "T4-SUM": "核对各项结果与总计",
    "X-CARRY": "与上年报告的“结转下年度继续办理”保持一致", "X-STOCK": "核对现行有效件数，或在正文中说明原因",
    "X-DUP": "按本年实际情况重新撰写", "X-YEAR": "选用同一机关上一年度的报告",
    "N-FEE": "在六中写明是否收取信息处理费", "N-SEC5": "写明存在的主要问题和改进措施",
    "N-PLACEHOLDER": "替换为实际内容", "N-PERIOD": "改为本报告年度", "N-PLAN": "改为下一年度",
    "N-LEN1": "精简到一千字左右", "N": "核对正文与表格，改正不一致的一处",
    "S-AGENCY": "在“报告信息”中填写机关名称", "S-DATE": "在“报告信息”中填写次年1月1日至31日之间的成文日期",
    "S-FORMAT": "按2021年格式的表格重新填报",
}
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def for_reader(text: str) -> str:
    """A message without the spaces that separate fields for a terminal ("·总计 为 8")."""
    return _CJK_SPACE.sub("", text)


_ASIDE = re.compile(r"（[^（）]{6,}）")      # （区分处理的，只计这一情形，不计其他情形）


def location(f: Finding) -> str:
    """Where to look: the table and first cell, the text's section, or the report's details."""
    if f.text_key:
        return FORM.section(f.section).title
    if f.cells:
        shown = _ASIDE.sub("", cell_label(f.cells[0]))
        return f"{table_name(f.cells[0])}：{shown}" + ("等" if len(f.cells) > 1 else "")
    return "报告信息"


def advice(f: Finding) -> str:
    if f.fix is not None:
        return for_reader(f.fix.description)
    return _ADVICE.get(f.rule) or _ADVICE.get(f.rule.split("-")[0], "请核实后修改")


def _watermark_face(fonts: FontSet):
    """The title face if it has TrueType outlines for 草稿, else the bundled one."""
    for name in (fonts.name(TITLE), bundled_name(TITLE)):
        face = registered_face(name)
        try:
            for ch in WATERMARK:
                glyph_outline(face, ch)
            return face
        except NoOutline:
            continue
    raise NoOutline("no face draws the watermark")


def draw_watermark(canvas, fonts: FontSet) -> None:
    """草稿 across the page, translucent so that every number under it stays legible.

    Drawn as filled outlines, not text: copying or extracting the page's text must
    not put 草 and 稿 inside its sentences and cells.
    """
    face = _watermark_face(fonts)
    width = sum(face.charWidths.get(ord(ch), 1000) for ch in WATERMARK) * WATERMARK_SIZE / 1000
    canvas.saveState()
    canvas.setFillColor(colors.Color(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY))
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    draw_outlined(canvas, face, WATERMARK, -width / 2, -WATERMARK_SIZE * 0.35, WATERMARK_SIZE)
    canvas.restoreState()


def findings_summary(findings: Sequence[Finding]) -> str:
    """The one line above the findings table: how many errors are open and what that means."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    return (f"本报告经校验仍有{errors}项错误"
            + (f"、{len(findings) - errors}项警告或提示" if len(findings) > errors else "")
            + "，修正前本文件仅为草稿，不应签发、报送或公开。")


def findings_rows(findings: Sequence[Finding]) -> List[Tuple[str, ...]]:
    """The findings table as text: the header row (FINDINGS_COLUMNS), then one row per finding."""
    rows: List[Tuple[str, ...]] = [FINDINGS_COLUMNS]
    for number, f in enumerate(findings, 1):
        rows.append((str(number), SEVERITY_LABEL[f.severity], location(f), for_reader(f.message),
                     advice(f)))
    return rows


def findings_story(findings: Sequence[Finding], styles: Styles) -> List:
    """The findings page: a heading, a one-line summary and a table of every open finding."""
    fonts = styles.fonts
    heading = Paragraph(fonts.markup(FINDINGS_TITLE, HEADING),
                        styles.heading.clone("findings_heading", firstLineIndent=0))
    heading._bookmark = "findings"
    heading._outline_title = FINDINGS_TITLE
    cell = styles.table
    centre = styles.table_centre
    header, *body = findings_rows(findings)
    rows = [[Paragraph(fonts.markup(text, HEADING), centre) for text in header]]
    for texts in body:
        rows.append([Paragraph(fonts.markup(text, BODY), centre if k < 2 else cell)
                     for k, text in enumerate(texts)])
    table = Table(rows, colWidths=[f * FRAME_WIDTH for f in FINDINGS_FRACTIONS], repeatRows=1,
                  style=TableStyle([
                      ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                      ("FONTNAME", (0, 0), (-1, -1), fonts.name(BODY)),
                      ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                  ]))
    return [heading, Paragraph(fonts.markup(findings_summary(findings), BODY), styles.findings_note),
            Spacer(1, BODY_LEADING / 2), table]
