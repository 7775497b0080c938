"""Hand-made documents for the document import tests: .docx, web pages and copied text.

Each builder takes the report the document should say and writes it as real
ones are written: a .docx as Word/WPS write it (``gridSpan``/``vMerge``, 表三
split across two tables, 表二 as four small tables, numbers as text, some in
full-width digits, empty cells left empty); a portal page with navigation,
breadcrumbs, a layout table around the article and a footer, ``<p>``-wrapped
cells and ``&nbsp;``; the text a browser copies from such a page.  Tables are
drawn from ``FORM``'s official grid; labels are never written here.
"""
from __future__ import annotations

import html
import io
import zipfile
from typing import Callable, Dict, List, Optional, Sequence
from xml.sax.saxutils import escape

from nianbao.core.form import FORM, report_title
from nianbao.core.model import Report
from nianbao.core.values import format_value

T2, T3, T4 = FORM.table("t2"), FORM.table("t3"), FORM.table("t4")
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def values_of(report: Report, full_width: Sequence[str] = ()) -> Dict[str, str]:
    snap = report.snapshot()
    out = {}
    for cid, v in snap.items():
        text = "" if v is None else format_value(v)
        out[cid] = text.translate(FULL) if cid in full_width else text
    return out


def grid_rows(table, values: Dict[str, str], first: int = 0, last: Optional[int] = None,
              relabel: Optional[Dict[str, str]] = None, drop: Sequence[int] = ()):
    """The official grid's rows ``first``..``last`` as (text, rowspan, colspan, col) per row."""
    last = table.grid_rows if last is None else last
    rows = [[] for _ in range(table.grid_rows)]
    for g in sorted(table.grid, key=lambda g: (g.row, g.col)):
        text = values.get(g.cell_id, "") if g.cell_id else (relabel or {}).get(g.text, g.text)
        rows[g.row].append((text, g.rowspan, g.colspan, g.col))
    out = []
    for r in range(first, last):
        if r in drop:
            continue
        row = []
        for text, rs, cs, c in rows[r]:
            row.append((text, min(rs, last - r), cs, c))
        # A cell merged down from a row above this part: restart it here (Word repeats nothing).
        for g in table.grid:
            if g.row < first <= r < g.row + g.rowspan and r == first and g.rowspan > 1:
                row.append((values.get(g.cell_id, "") if g.cell_id else g.text,
                            min(g.row + g.rowspan, last) - r, g.colspan, g.col))
        out.append(sorted(row, key=lambda x: x[3]))
    return out


def tables_of(report: Report, values: Dict[str, str], relabel=None, drop_t2: Sequence[int] = (),
              t3_whole: bool = False):
    """The tables as real documents hold them: 表二 four small tables, 表三 split in two
    (or, ``t3_whole``, one table that the page breaks, its header rows repeated)."""
    t2_blocks = [(0, 4), (4, 7), (7, 11), (11, 14)]
    return {
        2: [grid_rows(T2, values, a, b, relabel, drop_t2) for a, b in t2_blocks],
        3: [grid_rows(T3, values)] if t3_whole else [grid_rows(T3, values, 0, 15), grid_rows(T3, values, 15)],
        4: [grid_rows(T4, values)],
    }


def document(report: Report, values: Dict[str, str], variant: Optional[dict] = None):
    """Title, preamble, sections with texts or tables, 落款: ("p", text) / ("table", rows).

    ``variant``: how a real report departs from the official wording — ``relabel``
    (official text → as printed, for labels and headings) and ``drop_t2`` (表二 grid rows left out).
    """
    variant = variant or {}
    relabel = variant.get("relabel", {})
    out = [("p", report_title(report.agency, report.year))]
    if report.text.get("preamble"):
        out += [("p", t) for t in report.text["preamble"].split("\n")]
    tables = tables_of(report, values, relabel, variant.get("drop_t2", ()), variant.get("t3_whole", False))
    for s in FORM.sections:
        out.append(("p", relabel.get(s.title, s.title)))
        if s.text_key:
            out += [("p", t) for t in report.text.get(s.text_key, "").split("\n") if t]
        else:
            out += [("table", t) for t in tables[s.number]]
    out.append(("p", report.agency))
    d = report.date
    if d is not None:
        out.append(("p", f"{d.year}年{d.month}月{d.day}日"))
    return out


# -- .docx ----------------------------------------------------------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str, indent: bool = False) -> str:
    runs = "<w:r><w:br/></w:r>".join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
                                      for t in text.split("\n"))
    pr = '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr>' if indent else ""
    return f"<w:p>{pr}{runs}</w:p>"


_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


def _docx_table(rows, header_rows: int = 0) -> str:
    """Word's table XML: a vertically merged cell is a ``restart`` cell and ``continue`` cells below;
    the first ``header_rows`` rows repeat on every page (标题行重复)."""
    ncols = max(c + cs for row in rows for _, _, cs, c in row)
    down: Dict[int, tuple] = {}        # column → (rows left, colspan) of a merge from above
    xml = [f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>{_BORDERS}</w:tblPr><w:tblGrid>"
           + f"<w:gridCol w:w=\"{8800 // ncols}\"/>" * ncols + "</w:tblGrid>"]
    for i, row in enumerate(rows):
        starts = {c: (t, rs, cs) for t, rs, cs, c in row}
        cells, c = [], 0
        while c < ncols:
            if c in down:
                left, cs = down[c]
                span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
                cells.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                if left == 1:
                    del down[c]
                else:
                    down[c] = (left - 1, cs)
                c += cs
                continue
            t, rs, cs = starts.get(c, ("", 1, 1))
            pr = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "") + ('<w:vMerge w:val="restart"/>' if rs > 1 else "")
            paras = "".join(_p(x) for x in t.split("\n")) if t else "<w:p/>"
            cells.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>")
            if rs > 1:
                down[c] = (rs - 1, cs)
            c += cs
        repeat = "<w:trPr><w:tblHeader/></w:trPr>" if i < header_rows else ""
        xml.append(f"<w:tr>{repeat}" + "".join(cells) + "</w:tr>")
    return "".join(xml) + "</w:tbl>"


def docx_bytes(report: Report, full_width: Sequence[str] = (), variant: Optional[dict] = None) -> bytes:
    values = values_of(report, full_width)
    body = []
    for kind, item in document(report, values, variant):
        # Body paragraphs indented two characters (首行缩进), as reports are written.
        header = T3.header_rows if (variant or {}).get("t3_whole") and len(item) == T3.grid_rows else 0
        body.append(_p(item, indent=True) if kind == "p" else _docx_table(item, header) + "<w:p/>")
    parts: Dict[str, str] = {}
    sect = "<w:sectPr/>"
    if (variant or {}).get("page_furniture"):
        # A running head (the title) and a page number “— N —” at the foot of every page.
        sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
                '<w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>')
        head = escape(report_title(report.agency, report.year))
        parts["word/header1.xml"] = (f'<?xml version="1.0"?><w:hdr {_NS}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
                                     f'<w:r><w:t>{head}</w:t></w:r></w:p></w:hdr>')
        parts["word/footer1.xml"] = (f'<?xml version="1.0"?><w:ftr {_NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                                     '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr="PAGE">'
                                     '<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t>'
                                     '</w:r></w:p></w:ftr>')
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        parts["word/_rels/document.xml.rels"] = (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdH" Type="{rel}header" Target="header1.xml"/>'
            f'<Relationship Id="rIdF" Type="{rel}footer" Target="footer1.xml"/></Relationships>')
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS} xmlns:r="http://schemas.'
           f'openxmlformats.org/officeDocument/2006/relationships"><w:body>' + "".join(body) + sect
           + "</w:body></w:document>")
    return zip_docx({"word/document.xml": xml, **parts})


def zip_docx(parts: Dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                   '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


# -- web page -------------------------------------------------------------------

def _html_table(rows, wrap: Callable[[str], str]) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:600px">']
    for row in rows:
        tds = []
        for t, rs, cs, _ in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f'<td{attrs} style="border:solid windowtext 1.0pt">{wrap(t)}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "\n".join(out) + "</table>"


def html_page(report: Report, full_width: Sequence[str] = (), style: str = "trs",
              variant: Optional[dict] = None) -> str:
    """A portal page: <title>, navigation, breadcrumb with the title, the article in a layout table, footer."""
    values = values_of(report, full_width)
    title = report_title(report.agency, report.year)

    def wrap(t):
        if not t:
            return "&nbsp;"
        return "".join(f'<p style="text-align:center"><span style="font-size:12pt">{html.escape(x)}</span></p>'
                       for x in t.split("\n"))
    body = []
    for kind, item in document(report, values, variant):
        if kind == "p":
            body.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{html.escape(item)}</p>')
        else:
            body.append(_html_table(item, wrap))
    article = "\n".join(body)
    if style == "hanweb":
        article = f'<div id="zoom"><!--<$[信息内容]>begin-->{article}<!--<$[信息内容]>end--></div>'
    elif style == "dahan":
        article = f'<div class="bt-article"><div class="main-txt">{article}</div></div>'
    else:
        article = f'<div class="TRS_Editor"><div class="Custom_UnionStyle">{article}</div></div>'
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}_政府信息公开</title>
<script>var a = "<table><tr><td>2099年政府信息公开工作年度报告</td></tr></table>";</script>
<style>td {{ font-size: 12pt }}</style></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>互动交流</li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报 &gt; {html.escape(title)}</div>
<table width="100%" class="layout"><tr><td class="left"><ul><li>政府信息公开指南</li><li>政府信息公开年报</li></ul></td>
<td class="main"><h1>{html.escape(title)}</h1><div class="info">发布时间：{report.year + 1}-01-20 来源：本站 浏览次数：123 【字号：大 中 小】</div>
{article}
<div class="print">【打印本页】【关闭窗口】</div></td></tr></table>
<div class="footer"><p>主办单位：{html.escape(report.agency)} 网站标识码：3501000001</p><p>闽ICP备05012345号 地址：平潭县 联系电话：0591-12345678</p>
<img src="http://example.invalid/logo.png"></div></body></html>"""


# -- copied text ----------------------------------------------------------------

def copied_text(report: Report, run_together: bool = False, one_per_line: bool = False,
                variant: Optional[dict] = None) -> str:
    """What a browser copies from the page: rows as tab-separated cells, or cells run together."""
    values = values_of(report)
    lines = ["首页 > 政务公开 > 政府信息公开年报"]
    for kind, item in document(report, values, variant):
        if kind == "p":
            lines.append(item)
            continue
        for row in item:
            texts = [t for t, _, _, _ in row]
            if one_per_line:
                lines += [t for t in texts if t]
            elif run_together:
                lines.append("".join(texts))
            else:
                lines.append("\t".join(texts))
    lines.append("主办单位：示例网站 网站标识码：3501000001")
    return "\n".join(lines) + "\n"
