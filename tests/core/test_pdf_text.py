"""The PDF's text: no character vanishes, Chinese line breaking, 二级标题, 落款, official fonts.

Each test exports a real PDF and reads it back with pdfplumber: which font
each character was drawn with, where each line starts.
"""
from __future__ import annotations

import datetime as dt
import io
import struct
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from nianbao.core.pdf import FontFile, PdfOptions, export_pdf, find_official_fonts
from nianbao.core.pdf.fonts import BODY, HEADING, SUBHEAD, TITLE
from nianbao.core.pdf.linebreak import CANNOT_END, CANNOT_START
from nianbao.core.pdf.textblock import MAX_PULL, break_lines
from nianbao.core.reportfile import read_report
from nianbao.core.resources import resource_path, sample_report_path

RARE = "镕堃喆昇赟㎡"   # not in FandolFang; must fall back, never vanish
FORBIDDEN_AT_START = "，。、；：？！）》”％"


@pytest.fixture(scope="module")
def sample():
    return read_report(sample_report_path())


def _chars(data: bytes):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [dict(c, page=p.page_number) for p in pdf.pages for c in p.chars]


def _font_path(pdf_font_name: str) -> Path:
    """The bundled file behind a font name in the PDF (``AAAAAB+FandolFang-Regular``)."""
    ps_name = pdf_font_name.split("+", 1)[1]
    for path in resource_path("fonts").glob("*.ttf"):
        if path.stem.replace("-", "").lower() == ps_name.replace("-", "").lower():
            return path
    raise AssertionError(f"no bundled file for {pdf_font_name}")


def _has_glyph(path: Path, ch: str, cache={}) -> bool:
    if path not in cache:
        cache[path] = TTFont(f"probe-{path.stem}", str(path)).face.charToGlyph
    return ord(ch) in cache[path]


def test_characters_the_body_font_lacks_are_drawn_with_a_font_that_has_them(sample):
    report = sample.copy()
    report.agency = f"某某市{RARE[:3]}区人民政府"
    report.text["overview"] = f"负责人王{RARE[0]}、李{RARE[1]}、张{RARE[2]}、赵{RARE[3]}、刘{RARE[4]}，" \
                              f"办公面积1200{RARE[5]}。\n" + report.text["overview"]
    report.date = dt.date(2023, 1, 20)
    chars = _chars(export_pdf(report, []))
    drawn = {}
    for c in chars:
        if c["text"] in RARE:
            drawn.setdefault(c["text"], set()).add(c["fontname"])
            assert _has_glyph(_font_path(c["fontname"]), c["text"]), (c["text"], c["fontname"])
    assert set(drawn) == set(RARE)
    assert not _has_glyph(resource_path("fonts", "FandolFang-Regular.ttf"), RARE[0])
    # Title, body, 落款: the agency's rare characters appear at each place.
    assert sum(1 for c in chars if c["text"] == RARE[0]) == 3


def test_every_character_of_the_text_is_drawn(sample):
    """Nothing silently dropped: every non-space character of the texts is in the PDF, in order."""
    body = [c for c in _chars(export_pdf(sample, [])) if abs(c["size"] - 16) < 0.1]
    text = "".join(c["text"] for c in body)
    for key in ("overview", "problems", "other"):
        for paragraph in sample.text[key].split("\n"):
            assert "".join(paragraph.split()) in "".join(text.split())


def _line_starts(chars):
    lines = {}
    for c in chars:
        if c["size"] > 15.9 and c["size"] < 16.1:  # body text
            lines.setdefault((c["page"], round(c["top"])), []).append(c)
    return ["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
            for _key, line in sorted(lines.items())]


def test_no_line_starts_with_closing_punctuation(sample):
    report = sample.copy()
    # Punctuation-dense text: every position of a line end meets a mark sooner or later.
    filler = "".join(f"第{i}项工作，已完成；其中“重点”任务（含专项）占{i}％。是否按期？是！" for i in range(40))
    report.text["problems"] = filler + "\n" + "、".join("政务公开" * (i % 3 + 1) for i in range(80)) + "。"
    lines = _line_starts(_chars(export_pdf(report, [])))
    assert len(lines) > 60
    for line in lines:
        assert line[0] not in FORBIDDEN_AT_START, line
        assert line[0] not in CANNOT_START, line
        assert line[-1] not in "（《“", line


def test_numbers_are_not_broken_across_lines(sample):
    report = sample.copy()
    report.text["problems"] = "".join(f"全年共受理申请{n}件，" for n in range(1000, 1400, 7)) + \
        "\n" + "政" * 53 + "10条。"   # the last line would be 条。 alone: 10 moves down whole
    lines = _line_starts(_chars(export_pdf(report, [])))
    assert "10条。" in lines
    for a, b in zip(lines, lines[1:]):
        assert not (a[-1].isdigit() and b[0].isdigit()), (a, b)


def test_subheadings_in_kai_and_headings_in_hei(sample):
    chars = _chars(export_pdf(sample, []))
    text_fonts = {}
    for c in chars:
        text_fonts.setdefault(c["text"], set()).add(c["fontname"].split("+")[1])
    line = "".join(c["text"] for c in chars if "FandolKai" in c["fontname"])
    assert line.startswith("（一）突出重点，落实公开责任。")
    assert any("NotoSansSC" in c["fontname"] and c["text"] == "总" for c in chars)
    assert any("NotoSerifSC-Bold" in c["fontname"] for c in chars)  # the title


def test_signature_agency_and_date_after_gbt9704(sample):
    report = sample.copy()
    report.date = dt.date(2023, 1, 20)
    chars = _chars(export_pdf(report, []))
    chars = [c for c in chars if c["page"] == chars[-1]["page"] and abs(c["size"] - 16) < 0.1]
    date = [c for c in chars if c["text"] in "2023年1月20日"]
    date_line = max(round(c["top"]) for c in date)
    date_chars = sorted((c for c in date if round(c["top"]) == date_line), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in date_chars) == "2023年1月20日"
    agency_line = [c for c in chars if abs(c["top"] - date_chars[0]["top"] + 29) < 2]
    agency_chars = sorted(agency_line, key=lambda c: c["x0"])
    assert "".join(c["text"] for c in agency_chars) == report.agency
    right = 595.2756 - 26 * 72 / 25.4
    # 署名 right-indented two characters; the date starts two characters to its right.
    assert agency_chars[-1]["x1"] == pytest.approx(right - 32, abs=1)
    assert date_chars[0]["x0"] == pytest.approx(agency_chars[0]["x0"] + 32, abs=1)


_WORDS = ["政务", "公开", "2022", "100%", "（一）", "《条例》", "“三安全”", "abc", "工作", "信 息"]
_MARKS = ["", "", "，", "。", "、", "？", "”。", "）。”", "……”）。"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_MARKS)), max_size=80),
       st.integers(min_value=0, max_value=2))
def test_break_lines_keeps_every_character_and_the_rules(words, indent):
    """Text as clerks write it (words, each maybe followed by punctuation) breaks by the rules."""
    text = "".join(word + mark for word, mark in words)
    glyphs = [("f", ch, 16.0 if ord(ch) > 0x2000 else 8.0) for ch in text]
    lines = break_lines(glyphs, 442.2, indent * 16.0, 16.0)
    rebuilt = "".join(g[1] for line in lines for g in line)
    assert rebuilt.replace(" ", "") == text.replace(" ", "")  # only spaces at a line's start go
    for k, line in enumerate(lines):
        assert line, "no empty line"
        assert sum(g[2] for g in line) <= 442.2 + 16.0 * (0.5 + MAX_PULL) + 0.01
        if k:
            assert line[0][1] not in CANNOT_START
            assert line[0][1] != " "
            assert lines[k - 1][-1][1] not in CANNOT_END
            assert not (lines[k - 1][-1][1].isdigit() and line[0][1].isdigit())


# -- official fonts installed on the machine -----------------------------------------

def _fake_font(names, truetype=True, base=0) -> bytes:
    """A minimal sfnt: a name table with ``names`` (family) and, if asked, glyf/loca entries.

    ``base`` is where the sfnt will start in its file (table offsets count from the file's start).
    """
    records, strings = b"", b""
    for name in names:
        raw = name.encode("utf-16-be")
        records += struct.pack(">HHHHHH", 3, 1, 0x804, 1, len(raw), len(strings))
        strings += raw
    name_table = struct.pack(">HHH", 0, len(names), 6 + 12 * len(names)) + records + strings
    tags = [b"name"] + ([b"glyf", b"loca"] if truetype else [b"CFF "])
    header_size = 12 + 16 * len(tags)
    directory = struct.pack(">IHHHH", 0x00010000, len(tags), 0, 0, 0)
    for tag in tags:
        length = len(name_table) if tag == b"name" else 0
        directory += struct.pack(">4sIII", tag, 0, base + header_size, length)
    return directory + name_table


def test_find_official_fonts_by_family_name(tmp_path):
    (tmp_path / "FS_GB2312.ttf").write_bytes(_fake_font(["仿宋_GB2312", "FangSong_GB2312"]))
    (tmp_path / "simfang.ttf").write_bytes(_fake_font(["仿宋"]))
    (tmp_path / "simhei.ttf").write_bytes(_fake_font(["SimHei", "黑体"]))
    (tmp_path / "cff.otf.ttf").write_bytes(_fake_font(["方正小标宋简体"], truetype=False))
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01")
    sub = tmp_path / "more"
    sub.mkdir()
    # A .ttc collection with one face, starting after the 16-byte collection header.
    (sub / "kai.ttc").write_bytes(b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16)
                                  + _fake_font(["楷体_GB2312"], base=16))
    found = find_official_fonts([tmp_path])
    assert found[BODY] == FontFile(str(tmp_path / "FS_GB2312.ttf"))  # _GB2312 preferred
    assert found[HEADING] == FontFile(str(tmp_path / "simhei.ttf"))
    assert found[SUBHEAD] == FontFile(str(sub / "kai.ttc"), 0)
    assert TITLE not in found  # CFF outlines cannot be embedded


def test_official_font_setting_replaces_the_bundled_face(sample):
    # Any real TrueType file stands in for an installed 仿宋_GB2312 here.
    stand_in = FontFile(str(resource_path("fonts", "NotoSansSC-Regular.ttf")))
    data = export_pdf(sample, [], PdfOptions(official_fonts={BODY: stand_in}))
    body = [c for c in _chars(data) if c["size"] == 16 and c["page"] == 1]
    assert body and not any("FandolFang" in c["fontname"] for c in body)
    assert export_pdf(sample, [], PdfOptions()) != data


def test_an_official_font_that_cannot_be_embedded_falls_back_to_the_bundled_face(sample, tmp_path):
    broken = tmp_path / "仿宋_GB2312.ttf"
    broken.write_bytes(_fake_font(["仿宋_GB2312"]))  # no glyphs: reportlab cannot use it
    options = PdfOptions(official_fonts={BODY: FontFile(str(broken))})
    assert set(options.font_problems()) == {BODY}
    data = export_pdf(sample, [], options)
    assert any("FandolFang" in c["fontname"] for c in _chars(data) if c["page"] == 1)


def test_preamble_between_title_and_first_section(sample):
    report = sample.copy()
    report.text["preamble"] = "　　本报告根据《中华人民共和国政府信息公开条例》编制。\n\t\n"
    body = "".join(c["text"] for c in _chars(export_pdf(report, [])) if c["page"] == 1)
    title_end = body.index("年度报告") + len("年度报告")
    preamble = body.index("本报告根据《中华人民共和国政府信息公开条例》编制。")
    assert title_end <= preamble < body.index("一、总体情况")


def test_a_run_longer_than_a_line_fills_the_line_instead_of_leaving_a_bracket_alone():
    """Seen on the stress report: “网站（” then a 90-character hash on the next lines, the “（”
    alone on its line.  A run wider than a line cannot move down whole: it starts where it is."""
    text = "我局通过政府门户网站（" + "9F86D081884C7D659A2FEAA0C55AD015" * 3 + "）公开政府信息。"
    glyphs = [("f", ch, 16.0 if ord(ch) > 0x2000 else 8.0) for ch in text]
    lines = break_lines(glyphs, 442.2, 32.0, 16.0)
    texts = ["".join(g[1] for g in line) for line in lines]
    assert "".join(texts) == text
    assert texts[0].startswith("我局通过政府门户网站（9F86"), texts
    for line in lines[:-1]:
        assert sum(g[2] for g in line) >= 442.2 - 32.0 - 16.0, texts   # every line but the last is full
