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


# -- cells run together -------------------------------------------------------

def consistent_report():
    """A report whose tables obey every rule (row sums, column sums, 勾稽), as published ones should."""
    from nianbao.core.model import new_report
    import datetime as dt
    r = new_report(2023, "平潭县示例局")
    rows = {"new": [12, 1, 0, 0, 0, 0], "carried_in": [2, 0, 0, 0, 0, 0], "granted": [5, 1, 0, 0, 0, 0],
            "partial": [3, 0, 0, 0, 0, 0], "unavailable.not_held": [4, 0, 0, 0, 0, 0],
            "rejected.repeat": [1, 0, 0, 0, 0, 0], "carried_out": [1, 0, 0, 0, 0, 0]}
    cols = ["natural", "commercial", "research", "social", "legal", "other_org"]
    from nianbao.core.form import FORM
    for cell in FORM.input_cells:
        if cell.table == "t3":
            row, col = cell.id[3:].rsplit(".", 1)
            r.set(cell.id, rows.get(row, [0] * 6)[cols.index(col)])
    for cid, v in {"review.upheld": 1, "review.pending": 1, "suit_after_review.upheld": 1}.items():
        r.set("t4." + cid, v)
    for cell in FORM.input_cells:
        if cell.table == "t4" and r.values.get(cell.id) is None:
            r.set(cell.id, 0)
    for cid, v in {"regulations.issued": 0, "regulations.repealed": 0, "regulations.in_force": 5,
                   "normative.issued": 5, "normative.repealed": 6, "normative.in_force": 15,
                   "licensing.decisions": 106, "penalty.decisions": 7, "coercion.decisions": 0}.items():
        r.set("t2." + cid, v)
    r.set("t2.fees.amount", 0)
    r.text = {"overview": "2023年，本局认真贯彻落实《条例》。", "problems": "一是公开内容不够全面。",
              "other": "本年度未收取信息处理费。"}
    r.date = dt.date(2024, 1, 20)
    return r


def test_run_together_rows_split_by_the_tables_rules():
    want = consistent_report()
    text = copied_text(want, run_together=True)
    assert "一、本年新收政府信息公开申请数量121000013" in text and "行政规范性文件5615" in text
    loaded = load_bytes(text.encode(), "粘贴.txt")
    snap, expected = loaded.report.snapshot(), want.snapshot()
    wrong = {c: (snap[c], expected[c]) for c in expected if snap[c] != expected[c]}
    # 行政规范性文件 5615 splits three ways (5/6/15, 5/61/5, 56/1/5) and no rule tells: blank, noted.
    assert set(wrong) == {"t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"}
    assert all(snap[c] is None for c in wrong)
    note = next(n for n in loaded.notes if "行政规范性文件" in n)
    assert "5/6/15" in note and "5/61/5" in note and "56/1/5" in note and "留空" in note
    # 一、本年新收 alone could be 12/1/0/0/0/0/13 or 1/2/10/0/0/0/13: the column rules chose.
    assert snap["t3.new.natural"] == 12 and snap["t3.new.commercial"] == 1


def test_run_together_row_the_rules_cannot_settle_is_left_blank():
    want = consistent_report()
    lines = [ln for ln in copied_text(want, run_together=True).splitlines()
             if not ln.startswith(("（七）总计", "四、结转下年度继续办理"))]
    loaded = load_bytes("\n".join(lines).encode(), "粘贴.txt")
    assert loaded.report.values.get("t3.new.natural") is None
    note = next(n for n in loaded.notes if "一、本年新收政府信息公开申请数量" in n)
    assert "12/1/0/0/0/0/13" in note and "1/2/10/0/0/0/13" in note


def test_page_saved_as_one_file_mht():
    """IE/Edge “网页，单一文件”: the HTML quoted-printable inside a MIME message, with its images."""
    import quopri
    want = report()
    body = quopri.encodestring(html_page(want).encode("gb18030").replace(b'charset="utf-8"', b"")).decode("ascii")
    mht = ("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
           '\ttype="text/html";\r\n\tboundary="----=_NextPart_000"\r\n\r\n'
           "------=_NextPart_000\r\nContent-Type: text/html; charset=\"gb2312\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/a.htm\r\n\r\n"
           + body + "\r\n------=_NextPart_000\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           "iVBORw0KGgo=\r\n------=_NextPart_000--\r\n").encode("ascii")
    loaded = load_bytes(mht, "年报.mht")
    assert loaded.kind == "html"
    assert_same(loaded, want)


def test_title_in_two_lines_agency_above_year():
    want = report()
    want.agency = "平潭综合实验区自然资源与生态环境局"
    page = html_page(want).replace(f"<h1>{want.agency}{want.year}年",
                                   f"<h1>{want.agency}</h1><h1>{want.year}年")
    page = page.replace(f"&nbsp;&nbsp;{want.agency}{want.year}年", f"&nbsp;&nbsp;{want.agency}</p><p>{want.year}年")
    loaded = load_bytes(page.encode(), "a.html")
    assert_same(loaded, want)
    assert not loaded.notes


def test_word_strict_open_xml():
    import io
    import zipfile
    want = report()
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes(want))).read("word/document.xml").decode()
    strict = xml.replace("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                         "http://purl.oclc.org/ooxml/wordprocessingml/main")
    from tests.core.doc_layouts import zip_docx
    assert_same(load_bytes(zip_docx({"word/document.xml": strict}), "strict.docx"), want)


def test_section_headings_without_numerals_and_in_their_long_form():
    want = report()
    page = html_page(want)
    page = page.replace("一、总体情况", "总体情况").replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进措施")
    page = page.replace("六、其他需要报告的事项", "其他需要报告的事项")
    loaded = load_bytes(page.encode(), "a.html")
    assert_same(loaded, want)


def test_signature_agency_and_date_on_one_line():
    want = report()
    page = html_page(want).replace(f"&nbsp;&nbsp;{want.agency}</p>\n<p style=\"text-indent:2em\">&nbsp;&nbsp;2024年1月20日",
                                   f"&nbsp;&nbsp;{want.agency}&nbsp;&nbsp;2024年1月20日")
    assert f"{want.agency}&nbsp;&nbsp;2024年1月20日" in page
    assert_same(load_bytes(page.encode(), "a.html"), want)


def test_word_legacy_horizontal_merge():
    """Older Word and WPS merge across with hMerge cells instead of one gridSpan cell."""
    import io
    import re
    import zipfile
    from tests.core.doc_layouts import zip_docx
    want = report()
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes(want))).read("word/document.xml").decode()

    def split(m):
        n = int(m.group(1))
        first = '<w:tc><w:tcPr><w:hMerge w:val="restart"/>'
        rest = '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>' * (n - 1)
        return first, rest
    out, pos = [], 0
    for m in re.finditer(r'<w:tc><w:tcPr><w:gridSpan w:val="(\d+)"/>(?!<w:vMerge)(.*?)</w:tc>', xml):
        first, rest = split(m)
        out += [xml[pos:m.start()], first + m.group(2) + "</w:tc>" + rest]
        pos = m.end()
    legacy = "".join(out) + xml[pos:]
    assert "hMerge" in legacy and legacy.count("gridSpan") < xml.count("gridSpan")
    assert_same(load_bytes(zip_docx({"word/document.xml": legacy}), "wps.docx"), want)
