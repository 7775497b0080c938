"""Page geometry and paragraph styles after GB/T 9704-2012 (党政机关公文格式).

Sizes are the standard's: A4, 版心 156 mm × 225 mm with margins 37 mm top,
28 mm left (订口), 35 mm bottom, 26 mm right; body in 三号 (16 pt) 仿宋 on a grid
of 22 lines of 28 characters; the title in 二号 (22 pt) 小标宋; page numbers in
四号 (14 pt) with a 一字线 either side, 7 mm below the 版心.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BODY, HEADING, SUBHEAD, TITLE, FontSet

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
MARGIN_BOTTOM = 35 * mm
MARGIN_RIGHT = 26 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT      # 156 mm
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM    # 225 mm

BODY_SIZE = 16.0          # 三号
TITLE_SIZE = 22.0         # 二号
PAGE_NUMBER_SIZE = 14.0   # 四号
TABLE_SIZE = 10.5         # 五号, as the published tables use
TABLE_MIN_SIZE = 4.5      # the smallest a table's numbers are set in
LINES_PER_PAGE = 22
# The 22-line grid: 225 mm / 22 lines; reportlab's frame padding is zero here.
BODY_LEADING = FRAME_HEIGHT / LINES_PER_PAGE
INDENT = 2 * BODY_SIZE    # 首行缩进二字
PAGE_NUMBER_GAP = 7 * mm  # from the 版心's bottom edge to the top of the 一字线


class Styles:
    """The paragraph styles of one export, bound to its font set."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        body = fonts.name(BODY)
        self.title = ParagraphStyle(
            "title", fontName=fonts.name(TITLE), fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.5, alignment=TA_CENTER, wordWrap="CJK",
            spaceAfter=BODY_LEADING)
        self.body = ParagraphStyle(
            "body", fontName=body, fontSize=BODY_SIZE, leading=BODY_LEADING,
            firstLineIndent=INDENT, alignment=TA_JUSTIFY, wordWrap="CJK")
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontName=fonts.name(HEADING), keepWithNext=1)
        self.subhead_face = fonts.name(SUBHEAD)
        self.signature = ParagraphStyle(
            "signature", parent=self.body, firstLineIndent=0, alignment=TA_RIGHT)
        self.table = ParagraphStyle(
            "table", fontName=body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2,
            alignment=TA_LEFT, wordWrap="CJK")
        self.table_centre = ParagraphStyle("table_centre", parent=self.table, alignment=TA_CENTER)
        # Numbers never wrap: without CJK wrapping a string without spaces stays one line.
        self.table_number = ParagraphStyle("table_number", parent=self.table, alignment=TA_RIGHT,
                                           wordWrap=None, splitLongWords=0)
        self.findings_note = ParagraphStyle("findings_note", parent=self.body, firstLineIndent=0)
