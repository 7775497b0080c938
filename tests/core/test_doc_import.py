"""Last year's report from a Word document, a saved web page and copied text, cell-exact (issue 13).

The documents are built by ``doc_layouts`` the way real ones are written; every
one of the 200 cells, the texts, the preamble, year, agency and date must come
back as the report said them.
"""
from __future__ import annotations

import pytest

from tests.core.doc_layouts import copied_text, docx_bytes, html_page
from tests.core.xlsx_layouts import sample_report

from nianbao.core.errors import InputError
from nianbao.core.importing import load_bytes, sniff

PREAMBLE = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。"
            "报告所列数据统计期限为2023年1月1日至12月31日。")


def report():
    r = sample_report()
    r.text["preamble"] = PREAMBLE
    r.set("t3.new.research", None)          # an empty cell stays blank, never 0
    return r


def assert_same(loaded, want):
    got = loaded.report
    snap, expected = got.snapshot(), want.snapshot()
    wrong = {c: (snap[c], expected[c]) for c in expected if snap[c] != expected[c]}
    assert not wrong, wrong
    assert got.text == want.text
    assert (got.year, got.agency, got.date) == (want.year, want.agency, want.date)


BUILDERS = {
    "docx": lambda r: docx_bytes(r, full_width=["t3.new.natural", "t2.penalty.decisions"]),
    "html-trs": lambda r: html_page(r, style="trs").encode("utf-8"),
    "html-hanweb": lambda r: html_page(r, style="hanweb").encode("gb18030").replace(b'charset="utf-8"', b'charset="gbk"'),
    "html-dahan": lambda r: html_page(r, style="dahan", full_width=["t4.review.upheld"]).encode("utf-8"),
    "text-tabs": lambda r: copied_text(r).encode("utf-8"),
    "text-cells-per-line": lambda r: copied_text(r, one_per_line=True).encode("utf-8"),
}


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_cell_and_text(kind):
    want = report()
    if kind == "text-cells-per-line":
        want.set("t3.new.research", 3)      # an empty cell copied one per line leaves no trace
    data = BUILDERS[kind](want)
    name = {"docx": "a.docx", "text": "a.txt"}.get(kind.split("-")[0], "a.html")
    loaded = load_bytes(data, name)
    assert loaded.kind == kind.split("-")[0]
    assert_same(loaded, want)
    assert not loaded.notes


def test_row_short_of_cells_is_left_blank_with_a_note():
    r = report()     # 表三 一、本年新收 has an empty cell: copied one per line, six numbers for seven columns
    loaded = load_bytes(copied_text(r, one_per_line=True).encode(), "a.txt")
    assert loaded.report.values.get("t3.new.natural") is None
    assert any("一、本年新收政府信息公开申请数量" in n and "只有 6 个数字" in n for n in loaded.notes)


def test_sniffed_by_content_not_name():
    r = report()
    assert sniff(docx_bytes(r)) == "docx"
    assert sniff(html_page(r).encode()) == "html"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(copied_text(r).encode()) == "text"
    assert load_bytes(html_page(r).encode(), "report.txt").kind == "html"


def test_agency_from_signature_when_title_has_none():
    r = report()
    page = html_page(r).replace(f"{r.agency}{r.year}年", f"{r.year}年")
    loaded = load_bytes(page.encode(), "a.html")
    assert loaded.report.agency == r.agency
    assert any("落款" in n for n in loaded.notes)


def test_date_in_chinese_numerals():
    r = report()
    page = html_page(r).replace("2024年1月20日", "二〇二四年一月二十日")
    assert load_bytes(page.encode(), "a.html").report.date == r.date


def test_old_word_and_wps_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le") + b"\x00" * 100
    for name in ("去年年报.doc", "去年年报.wps"):
        with pytest.raises(InputError) as err:
            load_bytes(ole, name)
        assert ".docx" in str(err.value) and "\n" not in str(err.value)


def test_page_without_tables_refused():
    with pytest.raises(InputError) as err:
        load_bytes("<html><body><p>2023年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>".encode(), "a.html")
    assert "没有表格" in str(err.value)
