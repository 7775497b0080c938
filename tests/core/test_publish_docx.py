"""The exported .docx read back: every label and number by position, layout, draft, LibreOffice.

The tables are read twice: with python-docx (as Word's object model sees them;
skipped where python-docx is not installed) and from the XML itself, counting
``gridSpan`` and ``vMerge`` by hand.  LibreOffice converts the document to PDF
and the pages are rendered, as a clerk's WPS or Word would show them.
"""
from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from tests.core.publish_render import PDFTOPPM, SOFFICE, distinct_report, docx_to_pdf, expected_grid, pdf_pages

from nianbao.core.checks import run_checks
from nianbao.core.checks.findings import ERROR, Finding
from nianbao.core.form import FORM, report_title
from nianbao.core.pdf.document import _paragraphs
from nianbao.core.publish import export_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report():
    return distinct_report()


@pytest.fixture(scope="module")
def docx(report):
    return export_docx(report, [])


def _part(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ET.fromstring(z.read(name))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def _grid_from_xml(tbl):
    """(row, col) → (origin row, origin col) and origin → text, from gridSpan and vMerge."""
    origin, texts = {}, {}
    for r, tr in enumerate(tbl.findall(W + "tr")):
        c = 0
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = pr.find(W + "gridSpan")
            span = int(span.get(W + "val")) if span is not None else 1
            merge = pr.find(W + "vMerge")
            continued = merge is not None and merge.get(W + "val") in (None, "continue")
            for k in range(span):
                origin[(r, c + k)] = origin[(r - 1, c + k)] if continued else (r, c)
            if not continued:
                texts[(r, c)] = _text(tc)
            c += span
    return origin, texts


def _tables(data):
    return _part(data, "word/document.xml").iter(W + "tbl")


def test_tables_by_position_in_the_xml(docx, report):
    values = report.snapshot()
    tables = list(_tables(docx))
    assert len(tables) == 3
    for table, tbl in zip(FORM.tables, tables):
        want_texts, want_origin = expected_grid(table, values)
        origin, texts = _grid_from_xml(tbl)
        assert origin == want_origin, table.key
        assert texts == want_texts, table.key


def test_tables_by_position_with_python_docx(docx, report):
    docx_module = pytest.importorskip("docx")
    document = docx_module.Document(io.BytesIO(docx))
    values = report.snapshot()
    assert len(document.tables) == 3
    for table, dtable in zip(FORM.tables, document.tables):
        want_texts, want_origin = expected_grid(table, values)
        assert len(dtable.rows) == table.grid_rows and len(dtable.columns) == table.grid_cols
        for (r, c), (orow, ocol) in want_origin.items():
            assert dtable.cell(r, c).text == want_texts[(orow, ocol)], (table.key, r, c)
        # A merged region is one cell: Word's model hands back the same cell everywhere in it.
        for g in table.grid:
            last = dtable.cell(g.row + g.rowspan - 1, g.col + g.colspan - 1)
            assert last._tc is dtable.cell(g.row, g.col)._tc or g.rowspan > 1


def test_texts_in_order_with_styles(docx, report):
    body = _part(docx, "word/document.xml").find(W + "body")
    paras = [(p.find(f"{W}pPr/{W}pStyle"), _text(p)) for p in body.findall(W + "p")]
    styled = [(s.get(W + "val") if s is not None else "Normal", t) for s, t in paras if t]
    assert styled[0] == ("Title", report.title)
    want = [("Normal", p) for p in _paragraphs(report.text.get("preamble", ""))]
    for section in FORM.sections:
        want.append(("Heading1", section.title))
        if section.text_key:
            want += [("Normal", p) for p in _paragraphs(report.text.get(section.text_key, ""))]
    want += [("Signature", report.agency), ("Signature", "2023年1月20日")]
    assert styled[1:] == want


def test_subhead_run_in_kaiti(docx):
    body = _part(docx, "word/document.xml").find(W + "body")
    runs = [r for r in body.iter(W + "r") if r.find(f"{W}rPr/{W}rStyle") is not None]
    assert runs and all(_text(r).startswith("（") for r in runs)
    styles = _part(docx, "word/styles.xml")
    kai = next(s for s in styles.findall(W + "style") if s.get(W + "styleId") == "Subhead")
    assert kai.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == "楷体_GB2312"


def test_page_layout_fonts_and_sizes(docx):
    sect = _part(docx, "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")  # A4
    # GB/T 9704: 37 mm top, 28 mm left, 35 mm bottom, 26 mm right (1 mm = 56.7 twips).
    assert [round(int(margins.get(W + k)) / 56.693) for k in ("top", "left", "bottom", "right")] == [37, 28, 35, 26]
    styles = {s.get(W + "styleId"): s for s in _part(docx, "word/styles.xml").findall(W + "style")}

    def font(sid):
        return styles[sid].find(f"{W}rPr/{W}rFonts").get(W + "eastAsia")

    def size_of(sid):
        return int(styles[sid].find(f"{W}rPr/{W}sz").get(W + "val")) / 2

    assert (font("Title"), size_of("Title")) == ("方正小标宋简体", 22)
    assert font("Heading1") == "黑体"
    assert size_of("Normal") == 16
    defaults = _part(docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(W + "eastAsia") == "仿宋_GB2312"
    spacing = _part(docx, "word/styles.xml").find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("579", "exact")  # 28.95 pt
    indent = styles["Normal"].find(f"{W}pPr/{W}ind")
    assert indent.get(W + "firstLineChars") == "200"
    fonts = {f.get(W + "name"): f.find(W + "altName") for f in _part(docx, "word/fontTable.xml")}
    assert fonts["方正小标宋简体"].get(W + "val") == "宋体"
    assert fonts["仿宋_GB2312"].get(W + "val") == "仿宋"
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert not [n for n in z.namelist() if "font" in n.lower() and n != "word/fontTable.xml"]


def test_table_rows_repeat_and_never_split(docx):
    for table, tbl in zip(FORM.tables, _tables(docx)):
        rows = tbl.findall(W + "tr")
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
        headers = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        assert headers == [r < table.header_rows for r in range(len(rows))], table.key
        widths = [int(g.get(W + "w")) for g in tbl.find(W + "tblGrid")]
        assert sum(widths) == round(156 * 56.693)   # the 版心 width exactly
    t3 = list(_tables(docx))[1]
    assert sum(1 for tr in t3.findall(W + "tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None) == 3


def test_numbers_centred(docx):
    styles = {s.get(W + "styleId"): s for s in _part(docx, "word/styles.xml").findall(W + "style")}
    assert styles["TableText"].find(f"{W}pPr/{W}jc").get(W + "val") == "center"
    for table, tbl in zip(FORM.tables, _tables(docx)):
        origin, _texts = _grid_from_xml(tbl)
        rows = tbl.findall(W + "tr")
        for g in table.grid:
            if g.cell_id:
                r, c = g.row, g.col
                col = 0
                for tc in rows[r].findall(W + "tc"):
                    if col == c:
                        assert tc.find(f"{W}p/{W}pPr/{W}pStyle").get(W + "val") == "TableText"
                    span = tc.find(f"{W}tcPr/{W}gridSpan")
                    col += int(span.get(W + "val")) if span is not None else 1


def test_footers_page_fields_alternating(docx):
    settings = _part(docx, "word/settings.xml")
    assert settings.find(W + "evenAndOddHeaders") is not None
    for name, side in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = _part(docx, name)
        assert "PAGE" in "".join(t.text for t in footer.iter(W + "instrText"))
        assert _text(footer) == "— 1 —"
        assert footer.find(f"{W}p/{W}pPr/{W}jc").get(W + "val") == side


def test_signature_right_aligned_with_gb9704_indents(docx):
    body = _part(docx, "word/document.xml").find(W + "body")
    sig = [p for p in body.findall(W + "p")
           if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(W + "val") == "Signature"]
    assert len(sig) == 2
    agency, date = (float(p.find(f"{W}pPr/{W}ind").get(W + "rightChars")) / 100 for p in sig)
    # The date starts two characters right of the agency's first character.
    agency_width = len(distinct_report().agency)
    date_width = 6.5                       # 2023年1月20日: five digits at half a character
    assert agency + agency_width - 2 == pytest.approx(date + date_width, abs=0.02)
    assert min(agency, date) == 2


def test_escaping_and_control_characters():
    report = distinct_report()
    report.agency = '某局<科>&“办” "x"'
    report.text["overview"] = "第一段 <b>不是粗体</b> & 'q'\x07\n（一）小标题。正文"
    data = export_docx(report, [])
    body = _part(data, "word/document.xml").find(W + "body")
    texts = [_text(p) for p in body.findall(W + "p")]
    assert report_title(report.agency, report.year) in "".join(texts)
    assert "第一段 <b>不是粗体</b> & 'q'" in texts


def test_draft_watermark_and_findings_page():
    report = distinct_report()
    finding = Finding("T3-BAL", ERROR, "表三 收支不平衡", cells=("t3.new.total",))
    data = export_docx(report, [finding])
    header = zipfile.ZipFile(io.BytesIO(data)).read("word/header1.xml").decode()
    assert 'string="草稿"' in header
    body = _part(data, "word/document.xml").find(W + "body")
    texts = [_text(p) for p in body.findall(W + "p")]
    assert "附：未解决的校验问题" in texts
    assert any(t.startswith("本报告经校验仍有1项错误") for t in texts)
    findings_table = list(body.iter(W + "tbl"))[-1]
    rows = [[_text(tc) for tc in tr.findall(W + "tc")] for tr in findings_table.findall(W + "tr")]
    assert rows[0] == ["序号", "级别", "位置", "问题", "建议修改"]
    assert rows[1][:2] == ["1", "错误"] and rows[1][3] == "表三收支不平衡"
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "（草稿）</dc:title>" in core
    clean = export_docx(report, [])
    assert b"string=" not in zipfile.ZipFile(io.BytesIO(clean)).read("word/header1.xml")


def test_same_report_same_bytes(monkeypatch, report):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1674172800")
    first = export_docx(report, [])
    assert export_docx(report, []) == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "2023-01-20T00:00:00Z" in core


def test_default_findings_are_the_checks(report):
    # export_docx without findings runs the checks: these distinct numbers do not add up.
    assert any(f.severity == ERROR for f in run_checks(report))
    assert b'string="' in zipfile.ZipFile(io.BytesIO(export_docx(report))).read("word/header1.xml")


@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="LibreOffice (soffice) or pdftoppm not installed")
def test_libreoffice_renders_a_gbt9704_document(tmp_path, report):
    path = tmp_path / "report.docx"
    path.write_bytes(export_docx(report, []))
    pdf = docx_to_pdf(path, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d*", info)      # A4
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 4 <= pages <= 8
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert report.agency in flat and "2023年1月20日" in flat
    for section in FORM.sections:
        assert section.title in flat
    for label in ("申请人情况", "法人或其他组织", "第二十条第（八）项", "未经复议直接起诉"):
        assert label in flat
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", text)
    # 表三's header repeats where the table breaks (or it stands on one page).
    assert text.count("申请人情况") in (1, 2)
    images = pdf_pages(pdf, tmp_path / "page")
    assert len(images) == pages


# The order WordprocessingML's schema gives the children of these elements (ECMA-376 §17):
# Word refuses a document whose properties are out of order; LibreOffice does not mind.
_ORDER = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
            "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
            "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
            "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
            "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
            "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
            "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
              "tblLayout", "tblCellMar", "tblLook"),
    "style": ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
              "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
              "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"),
}


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footer1.xml",
                                  "word/footer2.xml"])
def test_properties_in_schema_order(part):
    data = export_docx(distinct_report(), [Finding("T3-BAL", ERROR, "x", cells=("t3.new.total",))])
    for el in _part(data, part).iter():
        order = _ORDER.get(el.tag.replace(W, ""))
        if order is None:
            continue
        names = [child.tag.replace(W, "") for child in el]
        assert names == sorted(names, key=order.index), (part, el.tag, names)


def test_long_numbers_set_smaller_in_one_size_per_table():
    report = distinct_report()
    report.set("t3.new.natural", 1234567890)
    tables = list(_tables(export_docx(report, [])))
    sizes = {int(sz.get(W + "val")) for sz in tables[1].iter(W + "sz")}
    size = sizes.pop() / 2
    assert not sizes and 6 <= size < 10.5
    # The label columns gave way first: the number columns are wider than at the start, and
    # the ten digits (a digit being about 0.55 of the size) fit one line of their column.
    widths = [int(g.get(W + "w")) for g in tables[1].find(W + "tblGrid")]
    assert widths[4] > round(156 * 56.693 * 0.49 / 7) and 10 * 0.55 * size * 20 < widths[4] - 120
    assert not list(tables[0].iter(W + "sz")) and not list(tables[2].iter(W + "sz"))   # 五号
