"""The portal HTML parsed as a browser parses it (html5lib): tables cell by cell through the
spans, header associations, what a CMS keeps, escaping, and Chromium screenshots."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.core.publish_render import CHROMIUM, distinct_report, expected_grid, screenshot

from nianbao.core.checks.findings import ERROR, Finding
from nianbao.core.form import FORM
from nianbao.core.pdf.document import _paragraphs
from nianbao.core.publish import export_html, export_text

H = "{http://www.w3.org/1999/xhtml}"
ALLOWED_STYLE = {"border", "border-collapse", "padding", "text-align", "width", "min-width",
                 "max-width", "overflow-x", "text-indent", "font-weight", "margin"}


@pytest.fixture(scope="module")
def report():
    return distinct_report()


@pytest.fixture(scope="module")
def page(report):
    return export_html(report, [])


def _parse(html: str) -> ET.Element:
    """The document as a browser builds it (html5lib implements the HTML5 parsing rules)."""
    html5lib = pytest.importorskip("html5lib")
    return html5lib.parse(html)


def _text(el) -> str:
    return "".join(el.itertext())


def _table_grid(table):
    """The HTML table model: (row, col) → origin and origin → cell element, through the spans."""
    origin, cells, taken = {}, {}, set()
    for r, tr in enumerate(table.iter(H + "tr")):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            cells[(r, c)] = cell
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
                    origin[(r + dr, c + dc)] = (r, c)
            c += cs
    return origin, cells


def test_tables_by_row_and_column_through_the_spans(page, report):
    tables = list(_parse(page).iter(H + "table"))
    assert len(tables) == 3
    values = report.snapshot()
    for table, el in zip(FORM.tables, tables):
        want_texts, want_origin = expected_grid(table, values)
        origin, cells = _table_grid(el)
        assert origin == want_origin, table.key
        assert {pos: _text(c) for pos, c in cells.items()} == want_texts, table.key
        # Numbers are <td>s centred; labels and headers are <th>s with a scope.
        for g in table.grid:
            cell = cells[(g.row, g.col)]
            if g.cell_id:
                assert cell.tag == H + "td" and "text-align:center" in cell.get("style")
            elif g.role in ("header", "heading", "label"):
                assert cell.tag == H + "th" and cell.get("scope") in ("col", "colgroup", "row", "rowgroup")


def test_every_number_names_its_row_and_column_headers(page):
    root = _parse(page)
    ids = {el.get("id"): _text(el) for el in root.iter() if el.get("id")}
    assert len(ids) == sum(1 for el in root.iter() if el.get("id"))   # unique
    t3 = list(root.iter(H + "table"))[1]
    _origin, cells = _table_grid(t3)
    cell = cells[(FORM.table("t3").data_positions["t3.refused.secret.commercial"])]
    names = [ids[i] for i in cell.get("headers").split()]
    assert names == ["申请人情况", "法人或其他组织", "商业企业", "三、本年度办理结果", "（三）不予公开",
                     "1.属于国家秘密"]
    for td in root.iter(H + "td"):
        if td.get("headers") is not None:
            assert all(i in ids for i in td.get("headers").split())


def test_structure_and_what_a_cms_keeps(page, report):
    root = _parse(page)
    assert root.get("lang") == "zh-CN"
    assert _text(root.find(f"{H}body//{H}h2")) == report.title
    assert [_text(h) for h in root.iter(H + "h3")] == [s.title for s in FORM.sections]
    captions = [_text(c) for c in root.iter(H + "caption")]
    assert captions == ["表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
                        "表四 政府信息公开行政复议、行政诉讼情况"]
    assert not [el for el in root.iter() if el.get("class") is not None]
    assert not list(root.iter(H + "script")) and not list(root.iter(H + "link"))
    for el in root.iter():
        style = el.get("style")
        if style:
            props = {d.split(":")[0].strip() for d in style.split(";") if d.strip()}
            assert props <= ALLOWED_STYLE, props
            assert not re.search(r"(?<!border:)\b\d+px", style), style   # no pixel widths
        assert el.get("width") is None
    # Each table scrolls sideways in its own box on a narrow screen.
    boxes = [d for d in root.iter(H + "div") if "overflow-x:auto" in (d.get("style") or "")]
    assert len(boxes) == 3
    paras = [_text(p) for p in root.iter(H + "p")]
    assert paras[:len(_paragraphs(report.text["overview"]))] == _paragraphs(report.text["overview"])
    assert paras[-2:] == [report.agency, "2023年1月20日"]


def test_texts_are_escaped():
    report = distinct_report()
    report.agency = '某局<script>alert(1)</script>&“办” "x"'
    report.text["overview"] = "第一段 <b>不是粗体</b> & 'q'\x07"
    html = export_html(report, [])
    root = _parse(html)
    assert not list(root.iter(H + "script")) and not list(root.iter(H + "b"))
    assert _text(root.find(f"{H}body//{H}h2")) == report.title
    assert "第一段 <b>不是粗体</b> & 'q'" in [_text(p) for p in root.iter(H + "p")]
    assert report.title in _text(root.find(f"{H}head/{H}title"))


def test_fragment_and_plain_text(report):
    fragment = export_html(report, [], page=False)
    assert fragment.startswith('<div lang="zh-CN">') and "<html" not in fragment and "<body" not in fragment
    text = export_text(report, [])
    assert text.startswith(report.title + "\n")
    snap = report.snapshot()
    row = ["一、本年新收政府信息公开申请数量", "", ""] + [str(snap[f"t3.new.{c.key}"]) for c in FORM.table("t3").columns]
    assert "\n" + "\t".join(row) + "\n" in text
    assert "2023年1月20日" in text


def test_draft_says_so_and_lists_the_findings():
    report = distinct_report()
    html = export_html(report, [Finding("T3-BAL", ERROR, "表三 收支不平衡", cells=("t3.new.total",))])
    root = _parse(html)
    assert "草稿" in _text(root.find(f"{H}head/{H}title"))
    assert _text(list(root.iter(H + "p"))[0]).startswith("草稿")
    assert "附：未解决的校验问题" in [_text(h) for h in root.iter(H + "h3")]
    rows = [[_text(c) for c in tr] for tr in list(root.iter(H + "table"))[-1].iter(H + "tr")]
    assert rows[0] == ["序号", "级别", "位置", "问题", "建议修改"] and rows[1][:2] == ["1", "错误"]


@pytest.mark.skipif(not CHROMIUM, reason="Chromium not installed")
@pytest.mark.parametrize("width", [1280, 390])
def test_chromium_renders_desktop_and_phone(tmp_path, page, width):
    from PIL import Image

    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    png = screenshot(path, tmp_path / f"shot-{width}.png", width, 3000)
    image = Image.open(png).convert("L")
    assert image.size == (width, 3000)
    dark = sum(1 for v in image.getdata() if v < 128)
    assert dark > 5000      # text and table rules were drawn, not a blank or error page
