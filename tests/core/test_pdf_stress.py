"""The PDF holds for any content: the stress reports of ``pdf_stress`` parsed back.

Each test reads the real PDF bytes (pdfplumber, pypdf, poppler's pdftotext):
no 草/稿 inside the text, bounded gaps between the glyphs of a line, one number
size per table and no wrapped number, tables that start on the page their
heading is on, 二级标题 in 楷体 everywhere, and what the export tells the clerk.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict

import pdfplumber
import pytest

from tests.core import pdf_stress
from nianbao.core.checks import run_checks
from nianbao.core.form import FORM, ROLE_DATA
from nianbao.core.pdf import FontFile, PdfOptions, render_pdf
from nianbao.core.pdf.fonts import BODY
from nianbao.core.pdf.styles import BODY_LEADING, BODY_SIZE, FRAME_WIDTH, MARGIN_BOTTOM, MARGIN_TOP
from nianbao.core.pdf.tables import _clip
from nianbao.core.pdf.textblock import MAX_SPACING
from nianbao.core.resources import resource_path
from tests.core.test_pdf import _check_tables, _squash, _table_parts

PAGE_HEIGHT = 841.89
FRAME_BOTTOM = PAGE_HEIGHT - MARGIN_BOTTOM


@pytest.fixture(scope="module")
def stress(monkeypatch_module):
    """name → (report, PdfExport) for every stress report."""
    out = {}
    for name, make in pdf_stress.STRESS.items():
        report = make()
        out[name] = (report, render_pdf(report, run_checks(report)))
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1705708800")
        yield mp


def _pages(data: bytes):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.extract_text() or "", p.chars, p.curves) for p in pdf.pages]


def test_watermark_is_not_text(stress):
    for name in ("nines", "bare"):
        _report, result = stress[name]
        assert result.draft
        pages = _pages(result.data)
        first = _heading_page(pages, "附：未解决的校验问题")
        for text, chars, curves in pages:
            assert any(c["fill"] for c in curves)
        for text, chars, curves in pages[:first]:
            assert "草" not in text and "稿" not in text, name
        # Only the findings page names the draft, in its own sentence.
        assert "修正前本文件仅为草稿" in _squash(pages[first][0])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("name", ["long", "unbroken", "bare"])
def test_lines_are_never_stretched_apart(stress, name, tmp_path):
    """Between two glyphs of a body line there is at most the small justification limit
    (plus a word space): before, URLs and Latin runs spread lines 80–180 pt apart."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(stress[name][1].data)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    lines = defaultdict(list)
    for page, body in enumerate(out.split("<page ")[1:]):
        for x0, y0, x1, y1 in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                         r'yMax="([\d.]+)">', body):
            if float(y1) - float(y0) > BODY_SIZE * 0.9:        # body text, not tables
                lines[(page, round(float(y0)))].append((float(x0), float(x1)))
    assert len(lines) > 40
    bound = MAX_SPACING * BODY_SIZE + BODY_SIZE / 2            # one space and the spacing
    for key, words in lines.items():
        words.sort()
        gaps = [b[0] - a[1] for a, b in zip(words, words[1:])]
        assert max(gaps, default=0) <= bound, (key, words)


def test_urls_break_at_their_separators(stress):
    from nianbao.core.pdf.textblock import break_lines
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from nianbao.core.pdf.fonts import font_set
    fonts = font_set()
    text = "我局通过政府门户网站（" + pdf_stress.URLS[0] + "）公开政府信息。"
    for shift in range(0, 30, 3):
        line = "公" * shift + text
        glyphs = [(f, ch, stringWidth(ch, f, BODY_SIZE)) for f, t in fonts.runs(line, BODY) for ch in t]
        lines = ["".join(g[1] for g in ln) for ln in break_lines(glyphs, FRAME_WIDTH, 32, BODY_SIZE)]
        for a in lines[:-1]:
            if a[-1].isascii() and a[-1].isalnum():
                assert False, f"a URL broken inside a word: {lines}"


def test_one_number_size_per_table_and_no_number_wrapped(stress):
    report, result = stress["nines"]
    _check_tables(result.data, report)      # every number whole, in its cell, right-aligned
    values = report.snapshot()
    sizes = defaultdict(set)
    for spec, start, (_page, xs, ys, chars) in _table_parts(result.data):
        stop = start + len(ys) - 1 - spec.header_rows
        for original in spec.grid:
            g = _clip(original, spec.header_rows, start, stop)
            if g is None or g.role != ROLE_DATA:
                continue
            box = (xs[g.col], ys[g.row], xs[g.col + g.colspan], ys[g.row + g.rowspan])
            inside = [c for c in chars if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
                      and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]]
            assert len({round(c["top"]) for c in inside}) == 1, (g.cell_id, values[g.cell_id])
            sizes[spec.key] |= {round(c["size"], 2) for c in inside}
    assert set(sizes) == {"t2", "t3", "t4"}
    assert all(len(s) == 1 for s in sizes.values()), dict(sizes)


def _heading_page(pages, title):
    for number, (text, chars, _curves) in enumerate(pages):
        if title in _squash(text):
            return number
    raise AssertionError(title)


def test_a_table_starts_under_its_heading_without_leaving_half_a_page(stress):
    """表二 splits between its 第二十条 blocks and 表三 between rows; the heading moves to
    the next page only when not even the first block fits under it."""
    base = stress["long"][0]
    split_seen = 0
    for cut in range(0, 3000, 150):
        report = base.copy()
        report.text["overview"] = base.text["overview"][:cut] or "2022年，我局认真落实条例。"
        pages = _pages(render_pdf(report, []).data)
        for number in (2, 3):
            title = _squash(FORM.section(number).title)
            page = _heading_page(pages, title)
            _text, chars, _ = pages[page]
            heading = [c for c in chars if c["text"] == title[1] and abs(c["size"] - 16) < 0.1]
            top = min(c["top"] for c in heading)
            if top < MARGIN_TOP + 5 and page > 0:
                # Moved: what was left on the page before would not have held the first block.
                before = [c["bottom"] for c in pages[page - 1][1] if c["bottom"] < FRAME_BOTTOM]
                free = FRAME_BOTTOM - max(before)
                assert free < BODY_LEADING * 2 + (130 if number == 2 else 230), (cut, number, free)
            text_after = _squash(pages[page + 1][0]) if page + 1 < len(pages) else ""
            if number == 2 and "第二十条第（八）项" in text_after and "第二十条第（一）项" not in text_after:
                split_seen += 1
    assert split_seen      # some lengths put 表二's last blocks on the next page


def test_subheadings_in_kai_in_every_section(stress):
    report = stress["long"][0].copy()
    report.text["problems"] = "(一)存在问题：公开内容不够全面。\n（二）改进措施：加强培训，提高质量。"
    report.text["other"] = "（一）信息处理费。本年度未收取信息处理费。"
    with pdfplumber.open(io.BytesIO(render_pdf(report, []).data)) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    kai = "".join(c["text"] for c in chars if "FandolKai" in c["fontname"])
    for heading in ("(一)存在问题：", "（二）改进措施：", "（一）信息处理费。"):
        assert heading in kai
    assert "公开内容不够全面" not in kai and "本年度未收取" not in kai


def test_no_agency_no_date_are_findings_and_notes(stress):
    report, result = stress["bare"]
    last = _squash(_pages(result.data)[-1][0])
    assert "报告没有填写机关名称" in last and "报告没有填写成文日期" in last
    assert any("没有成文日期" in n for n in result.notes)
    assert any("草稿" in n and "1项错误" in n for n in result.notes)
    assert not stress["long"][1].draft and stress["long"][1].notes == ()


def test_rare_characters_are_drawn(stress):
    report, result = stress["bare"]
    text = "".join(_squash(t) for t, _c, _v in _pages(result.data))
    for ch in "镕堃喆昇赟㎡":
        assert ch in text


def test_official_fonts_missing_are_named_with_their_substitutes(stress):
    report = stress["long"][0]
    none_installed = render_pdf(report, [], PdfOptions(official_requested=True))
    [note] = none_installed.notes
    for name in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "FandolFang", "FandolKai"):
        assert name in note
    stand_in = FontFile(str(resource_path("fonts", "NotoSansSC-Regular.ttf")))
    some = render_pdf(report, [], PdfOptions(official_fonts={BODY: stand_in}, official_requested=True))
    [note] = some.notes
    assert "仿宋_GB2312" not in note and "楷体_GB2312" in note
    assert render_pdf(report, [], PdfOptions()).notes == ()      # not asked for: nothing to say


def test_signature_never_alone_and_heading_never_orphaned(stress):
    """The 落款 keeps with the last paragraph, and a short last section with its heading
    (before, the 99999999 report printed 平潭综合实验区公安局 / 2023年1月20日 alone on a page)."""
    base = stress["nines"][0]
    heading = _squash(FORM.section(6).title)
    other = _squash(base.text["other"])
    for cut in [None] + list(range(0, 1400, 100)):
        report = base.copy()
        if cut is not None:
            report.text["problems"] = base.text["problems"][:cut] or "（一）存在问题：栏目更新不及时。"
        pages = [_squash(t) for t, _c, _v in _pages(render_pdf(report, []).data)]
        last = pages[-1]
        assert "2023年1月20日" in last and other in last, cut
        page = _heading_page([(p, (), ()) for p in pages], heading)
        assert other in pages[page], cut


def test_table_parts_split_at_blocks_and_keep_enough_rows(stress):
    from nianbao.core.pdf.fonts import font_set
    from nianbao.core.pdf.styles import Styles
    from nianbao.core.pdf.tables import build_table
    report = stress["long"][0]
    styles = Styles(font_set())
    t2_blocks = {g.row for g in FORM.table("t2").grid if g.role == "heading"}
    for key in ("t2", "t3"):
        table = build_table(key, report.snapshot(), styles)
        whole = table.wrap(FRAME_WIDTH, PAGE_HEIGHT)[1]
        for height in range(60, int(whole), 20):
            parts = table.split(FRAME_WIDTH, height)
            if not parts:
                continue
            first, rest = parts
            assert first.wrap(FRAME_WIDTH, height)[1] <= height
            if key == "t2":        # between 第二十条 blocks: a block's heading stays with its rows
                assert rest.start in t2_blocks
            else:                   # no part of 表三 is a stub of two or three rows
                assert first.stop - first.start >= 4 and rest.stop - rest.start >= 4


def test_watermark_outlines_read_from_every_bundled_face():
    from nianbao.core.pdf.fonts import BUNDLED, bundled_name, registered_face
    from nianbao.core.pdf.outline import glyph_outline
    for role in BUNDLED:
        face = registered_face(bundled_name(role))
        head = face.bbox      # in PDF units (1/1000 em)
        for ch in "草稿政A9":
            contours = glyph_outline(face, ch)
            assert contours and all(seg[0] in "MLC" for c in contours for seg in c), (role, ch)
            xs = [p[0] * 1000 / face.unitsPerEm for c in contours for seg in c for p in seg[1:]]
            assert head[0] - 1 <= min(xs) and max(xs) <= head[2] + 1, (role, ch)
