"""The report laid out as an official document (GB/T 9704-2012) with platypus.

Order: title, optional preamble, the six sections (一 text, 二 三 四 tables,
五 六 text), then the 落款 (agency and date).  A report with error-level
findings gets a 草稿 watermark on every page and a last page listing the open
findings, so that an unchecked report cannot pass for a finished one.
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import re
from typing import List, Sequence

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, PageBreak, PageTemplate,
                                Paragraph, Spacer)

from ..checks.findings import ERROR, Finding
from ..form import FORM, TITLE_SUFFIX
from ..model import Report
from .draft import WATERMARK, draw_watermark, findings_story
from .fonts import BODY, HEADING, SUBHEAD, TITLE, FontSet
from .styles import (BODY_LEADING, BODY_SIZE, FRAME_HEIGHT, FRAME_WIDTH, INDENT, MARGIN_BOTTOM,
                     MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_NUMBER_GAP,
                     PAGE_NUMBER_SIZE, PAGE_WIDTH, Styles)
from .tables import build_table
from .textblock import TextBlock

# A paragraph that opens with （一） (or a half-width "(一)") has a run-in 二级标题, set in
# 楷体 up to its full stop or colon: "（一）主动公开情况。", "（一）存在问题：" alike, in every section.
_SUBHEAD_START = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_SUBHEAD = re.compile(_SUBHEAD_START.pattern + r"[^。：:\n]{0,40}?[。：:]")
_SUBHEAD_MAX = 40          # a whole short paragraph opening with （一） is a heading
_KEEP_WITH_SIGNATURE = 120  # characters: a last paragraph this short moves with the 落款
_TABLE_GAP = 4.0           # points between a section heading and its table
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LEADING_SPACE = re.compile(r"^[\s\u3000]+")


def creation_time() -> _dt.datetime:
    """When the PDF says it was made: ``SOURCE_DATE_EPOCH`` if set (reproducible builds and
    tests), else now.  Never a date made up from the report."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)


def chinese_date(day: _dt.date) -> str:
    """2023年1月20日, as GB/T 9704 writes a 成文日期 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


class _FixedTimeStamp(TimeStamp):
    def __init__(self, when: _dt.datetime):
        super().__init__(invariant=1)
        when = when.astimezone(_dt.timezone.utc)
        self.t = when.timestamp()
        self.lt = self.YMDhms = (when.year, when.month, when.day, when.hour, when.minute, when.second)
        self.tzname = "UTC"
        self.dhh = self.dmm = 0


class _Doc(BaseDocTemplate):
    """Records a bookmark and an outline entry for each section heading."""

    def afterFlowable(self, flowable) -> None:
        key = getattr(flowable, "_bookmark", None)
        if key:
            top = self.frame._y + flowable.height
            self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top + BODY_SIZE)
            self.canv.addOutlineEntry(flowable._outline_title, key, level=0)


def _paragraphs(text: str) -> List[str]:
    """The paragraphs of a narrative text: one per line, indentation and control characters gone
    (the clerk's own 　　 indent would double ours; a tab has no glyph)."""
    out = []
    for line in (text or "").split("\n"):
        line = _CONTROL.sub(" ", line)
        line = _LEADING_SPACE.sub("", line).rstrip()
        if line:
            out.append(line)
    return out


def _subhead_length(line: str) -> int:
    """How many leading characters of a paragraph are a 二级标题 (0 when none)."""
    match = _SUBHEAD.match(line)
    if match:
        return match.end()
    if len(line) <= _SUBHEAD_MAX and _SUBHEAD_START.match(line):
        return len(line)
    return 0


def _body_paragraph(line: str, styles: Styles) -> TextBlock:
    """A body paragraph; an opening 二级标题 （一）…。 is set in the 楷体 face."""
    fonts, cut = styles.fonts, _subhead_length(line)
    runs = fonts.runs(line[:cut], SUBHEAD) + fonts.runs(line[cut:], BODY)
    return TextBlock(runs, BODY_SIZE, BODY_LEADING, INDENT)


def _heading(number: int, styles: Styles) -> Paragraph:
    section = FORM.section(number)
    para = Paragraph(styles.fonts.markup(section.title, HEADING), styles.heading)
    para._bookmark = f"section{number}"
    para._outline_title = section.title
    return para


def _title(report: Report, styles: Styles) -> List[Paragraph]:
    """The title, broken after the agency when it does not fit one line (a 梯形 of two lines)."""
    fonts, title = styles.fonts, report.title
    lines = [title]
    if report.agency and fonts.width(title, TITLE, styles.title.fontSize) > FRAME_WIDTH:
        # report_title puts the agency first: the second line is 2022年政府信息公开工作年度报告.
        lines = [report.agency, title[len(report.agency):]]
    markup = "<br/>".join(fonts.markup(line, TITLE) for line in lines)
    return [Paragraph(markup, styles.title)]


def _signature(report: Report, styles: Styles) -> List:
    """落款 without a seal (GB/T 9704 7.3.5.2): agency right-indented two characters,
    the date starting two characters to the right of the agency's first character;
    a date longer than that is right-indented two characters and the agency moves left."""
    fonts, size = styles.fonts, BODY_SIZE
    if not report.agency and not report.date:
        return []
    char = size
    agency_width = fonts.width(report.agency, BODY, size) if report.agency else 0
    date_text = chinese_date(report.date) if report.date else ""
    date_width = fonts.width(date_text, BODY, size)
    if report.agency and agency_width + 2 * char > FRAME_WIDTH:
        # Too long for the rule: the agency takes the whole line, flush right.
        agency_right, date_right = 0.0, 2 * char
    elif report.agency and date_text:
        date_right = max(2 * char, agency_width - date_width)
        agency_right = min(date_right + date_width + 2 * char - agency_width,
                           FRAME_WIDTH - agency_width)
    else:
        agency_right = date_right = 2 * char
    # Chained with keepWithNext, not wrapped in a KeepTogether: reportlab does not put a
    # KeepTogether inside the group a short last paragraph forms with what follows it, so
    # the 落款 could go to a page of its own.
    space = Spacer(1, BODY_LEADING)
    space.keepWithNext = 1
    out: List = [space]
    if report.agency:
        out.append(Paragraph(fonts.markup(report.agency, BODY),
                             styles.signature.clone("agency", rightIndent=agency_right,
                                                    keepWithNext=1 if date_text else 0)))
    if date_text:
        out.append(Paragraph(fonts.markup(date_text, BODY),
                             styles.signature.clone("date", rightIndent=date_right)))
    return out


def build_story(report: Report, findings: Sequence[Finding], styles: Styles) -> List:
    values = report.snapshot()
    story: List = _title(report, styles)
    story += [_body_paragraph(p, styles) for p in _paragraphs(report.text.get("preamble", ""))]
    for section in FORM.sections:
        heading = _heading(section.number, styles)
        if section.text_key:
            # Not keepWithNext for a long first paragraph: it would be carried whole and
            # the page before left half empty; a heading only needs two lines of its
            # text under it.  A short one (六's single sentence, which then keeps with
            # the 落款) moves with its heading.
            paragraphs = [_body_paragraph(p, styles)
                          for p in _paragraphs(report.text.get(section.text_key, ""))]
            heading.keepWithNext = int(bool(paragraphs) and paragraphs[0].length <= _KEEP_WITH_SIGNATURE)
            story += [CondPageBreak(BODY_LEADING * 3), heading] + paragraphs
        else:
            table = build_table(section.table_key, values, styles)
            table.spaceBefore = _TABLE_GAP
            # The heading moves to the next page only with as much of the table as must go
            # with it (表二's first block, 表三's header and first rows), not with the whole
            # table: keepWithNext would carry all of it and leave half a page blank.
            heading.keepWithNext = 0
            story += [CondPageBreak(BODY_LEADING + _TABLE_GAP + table.first_part_height(FRAME_WIDTH)),
                      heading]
            story.append(table)
            story.append(Spacer(1, BODY_LEADING / 2))
    signature = _signature(report, styles)
    last = story[-1]
    if signature and isinstance(last, TextBlock) and last.length <= _KEEP_WITH_SIGNATURE:
        last.keepWithNext = 1  # GB/T 9704: the 落款 never stands alone on a page
    story += signature
    errors = [f for f in findings if f.severity == ERROR]
    if errors:
        story.append(PageBreak())
        story += findings_story(findings, styles)
    return story


def _page_number(canvas, doc, styles: Styles) -> None:
    """— 1 —: 四号, odd pages right and even pages left, one character in from the edge."""
    number = canvas.getPageNumber()
    text = f"— {number} —"
    y = MARGIN_BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.8
    if number % 2:
        x, align = MARGIN_LEFT + FRAME_WIDTH - PAGE_NUMBER_SIZE, "right"
    else:
        x, align = MARGIN_LEFT + PAGE_NUMBER_SIZE, "left"
    styles.fonts.draw(canvas, x, y, text, BODY, PAGE_NUMBER_SIZE, align)


def render(report: Report, findings: Sequence[Finding], fonts: FontSet) -> bytes:
    """The PDF bytes of ``report``; ``findings`` decide whether it is a 草稿."""
    styles = Styles(fonts)
    draft = any(f.severity == ERROR for f in findings)
    buffer = io.BytesIO()
    stamp = _FixedTimeStamp(creation_time())

    def make_canvas(*args, **kwargs):
        kwargs.update(invariant=1, initialFontName=fonts.name(BODY), initialFontSize=BODY_SIZE,
                      lang="zh-CN")
        canvas = Canvas(*args, **kwargs)
        canvas._doc._timeStamp = stamp
        canvas.showOutline()
        canvas.setViewerPreference("DisplayDocTitle", "true")  # the title, not "report.pdf"
        return canvas

    def on_page_end(canvas, doc):
        _page_number(canvas, doc, styles)
        if draft:
            draw_watermark(canvas, fonts)

    doc = _Doc(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
               leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
               topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
               title=f"{report.title}（{WATERMARK}）" if draft else report.title, author=report.agency, subject=f"{report.year}年{TITLE_SUFFIX}",
               creator="nianbao", keywords=FORM.name, lang="zh-CN", invariant=1)
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=on_page_end)])
    doc.build(build_story(report, findings, styles), canvasmaker=make_canvas)
    return buffer.getvalue()

