"""The report as an editable Word document (.docx) in the layout of GB/T 9704-2012.

Written with the standard library (zipfile and escaped XML strings): one
``word/document.xml`` with real ``w:tbl`` tables (``gridSpan`` and ``vMerge``
for every merge of the form's grids, ``tblHeader`` rows repeating where 表三
breaks, ``cantSplit`` rows), styles carrying the 公文 sizes (title 二号 小标宋,
headings 三号 黑体, body 三号 仿宋_GB2312 with a two-character indent on a fixed
28.95 pt line), and footers with the page number as a ``PAGE`` field — "— N —",
odd pages right, even pages left — so that it stays right after editing.

Fonts are named, not embedded: the ``w:eastAsia`` names are the ones Chinese
offices install (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312), and the font table
gives each an ``altName`` (仿宋, 宋体, SimHei, 楷体) that Word and WPS use where
the official face is missing.  Embedding would put a font licence question
into every file sent to the OA system and several MB into a 50 KB document;
the 文书 who typesets the final version uses the office's own fonts anyway.

A report with open errors gets a 草稿 watermark in the header of every page
and ends with a page listing the findings, as the PDF does.
"""
from __future__ import annotations

import io
import zipfile
from typing import Dict, List, Sequence, Set, Tuple

from ..checks.findings import Finding
from ..form import FORM, ROLE_DATA, ROLE_LABEL, TITLE_SUFFIX
from ..model import Report
from ..pdf.document import creation_time
from ..pdf.draft import FINDINGS_FRACTIONS
from ..pdf.styles import (BODY_SIZE, FRAME_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT,
                          MARGIN_TOP, PAGE_HEIGHT, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE, PAGE_WIDTH,
                          TABLE_MIN_SIZE, TABLE_SIZE, TITLE_SIZE)
from ..pdf.tables import (CELL_PAD, LABEL_SHARES, NUMBER_SIZE_STEP, READABLE_SIZE, FormTable,
                          _block_starts, column_widths)
from .common import (WATERMARK, Heading, Paragraph, TableBlock, clean, findings_parts, is_draft,
                     report_parts, signature_indents, signature_lines, text_width)
from .xmlparts import CONTENT_TYPES, FONT_TABLE, ROOT_RELS, SETTINGS, STYLES, WATERMARK_SHAPE, W_NS

LINE = 579                       # the body line, twips: 28.95 pt (22 lines in the 225 mm 版心)
TITLE_LINE = round(TITLE_SIZE * 1.5 * 20)
CHAR = int(BODY_SIZE * 20)       # one body character, twips


def twips(points: float) -> int:
    return round(points * 20)


def _esc(text: str) -> str:
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def _para(runs: str, style: str = "", props: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + props
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{runs}</w:p>"


def _body_paragraph(p: Paragraph) -> str:
    runs = ""
    if p.subhead:
        runs += _run(p.text[:p.subhead], '<w:rStyle w:val="Subhead"/>')
    return _para(runs + _run(p.text[p.subhead:]))


def _title(report: Report, draft: bool) -> str:
    """The title, broken after the agency when it does not fit one line (as the PDF does)."""
    title = report.title
    if report.agency and text_width(title) * TITLE_SIZE > FRAME_WIDTH:
        runs = _run(report.agency) + "<w:r><w:br/></w:r>" + _run(title[len(report.agency):])
    else:
        runs = _run(title)
    return _para(runs, "Title")


def _heading(h: Heading) -> str:
    return _para(_run(h.text), "Heading1" if h.number else "FindingsHeading")


def _number_size(block: TableBlock, widths: Sequence[int]) -> float:
    """One size for all numbers of a table: the largest (up to 五号) at which each fits its
    column on one line, a digit being half a character wide."""
    size = TABLE_SIZE
    for row in block.rows:
        for slot in row:
            if slot.continued or slot.cell.role != ROLE_DATA or not slot.text:
                continue
            g = slot.cell
            room = (sum(widths[g.col:g.col + g.colspan]) - 2 * twips(CELL_PAD)) / 20
            need = text_width(slot.text) * 1.1  # Times digits are a little wider than half
            if need * size > room:
                size = max(TABLE_MIN_SIZE, int(room / need / NUMBER_SIZE_STEP) * NUMBER_SIZE_STEP)
    return size


def _split_before(block: TableBlock) -> Set[int]:
    """Grid rows a table may break before, as the PDF splits it: 表二 between its 第二十条
    blocks, 表三 where each part keeps MIN_BODY_ROWS rows; 表四 and a findings table anywhere
    after the header."""
    if block.table is None:
        return set(range(2, len(block.rows)))
    t = block.table
    least = 1 if t.key == "t2" else FormTable.MIN_BODY_ROWS
    return {row for row in _block_starts(t.key)
            if row - t.header_rows >= least and t.grid_rows - row >= least}


def _cell(slot, width: int, number_size: float, keep: bool) -> str:
    g = slot.cell
    keep_next = "<w:keepNext/>" if keep else ""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if g.colspan > 1:
        props += f'<w:gridSpan w:val="{g.colspan}"/>'
    if slot.continued:
        return (f'<w:tc><w:tcPr>{props}<w:vMerge/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep_next}</w:pPr></w:p></w:tc>')
    if g.rowspan > 1:
        props += '<w:vMerge w:val="restart"/>'
    if g.role not in (ROLE_DATA, ROLE_LABEL):
        props += '<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>'
    props += '<w:vAlign w:val="center"/>'
    rpr = ""
    if g.role == ROLE_DATA and number_size != TABLE_SIZE:
        rpr = f'<w:sz w:val="{round(number_size * 2)}"/><w:szCs w:val="{round(number_size * 2)}"/>'
    style = "TableLabel" if g.role == ROLE_LABEL else "TableText"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_para(_run(slot.text, rpr) if slot.text else '', style, keep_next)}</w:tc>"


def _grid_widths(block: TableBlock, label_share: float = 1.0) -> List[int]:
    if block.table is None:
        points = [f * FRAME_WIDTH for f in FINDINGS_FRACTIONS]
    else:
        t = block.table
        points = column_widths(t.key, t.grid_cols, t.label_cols, label_share)
    widths = [twips(p) for p in points]
    widths[-1] += twips(FRAME_WIDTH) - sum(widths)   # rounding: the table fills the 版心 exactly
    return widths


def _layout(block: TableBlock) -> Tuple[List[int], float]:
    """Column widths and the numbers' one size, as the PDF decides them: very long numbers
    first take width from the label columns, then are set smaller."""
    best = None
    shares = LABEL_SHARES if block.table is not None and block.table.label_cols else (1.0,)
    for share in shares:
        widths = _grid_widths(block, share)
        size = _number_size(block, widths)
        if best is None or size > best[1]:
            best = (widths, size)
        if size >= READABLE_SIZE:
            break
    return best


def _table(block: TableBlock) -> str:
    widths, size = _layout(block)
    header_rows = block.table.header_rows if block.table is not None else 1
    # Word keeps a row on the page of the next when its paragraphs keep with the next.
    splits = _split_before(block)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="FormTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, row in enumerate(block.rows):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < header_rows else "")
        cells = []
        for slot in row:
            g = slot.cell
            cells.append(_cell(slot, sum(widths[g.col:g.col + g.colspan]), size,
                               r + 1 < len(block.rows) and r + 1 not in splits))
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _signature(report: Report) -> List[str]:
    """The 落款 after an empty line: agency and 成文日期, right-aligned with the GB/T 9704 indents."""
    lines = signature_lines(report)
    if not lines:
        return []
    line_chars = FRAME_WIDTH / BODY_SIZE
    indents = signature_indents(report, line_chars)
    keys = (["agency"] if report.agency else []) + (["date"] if report.date else [])
    out = [_para("", props='<w:keepNext/>')]
    for k, (key, text) in enumerate(zip(keys, lines)):
        chars = round(indents[key] * 100)
        keep = "<w:keepNext/>" if k < len(lines) - 1 else ""
        out.append(_para(_run(text), "Signature",
                         f'{keep}<w:ind w:rightChars="{chars}" w:right="{round(indents[key] * CHAR)}"/>'))
    return out


def _body(parts) -> List[str]:
    out = []
    for part in parts:
        if isinstance(part, Heading):
            out.append(_heading(part))
        elif isinstance(part, Paragraph):
            out.append(_body_paragraph(part))
        else:
            out.append(_table(part))
            # Word needs a paragraph between two tables and after the last; a short one here.
            out.append(_para("", "TableGap"))
    return out


def _footer(even: bool) -> str:
    """— N — with N a PAGE field: odd pages right, even pages left, one character from the edge."""
    side = "left" if even else "right"
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    props = f'<w:ind w:{side}Chars="100" w:{side}="{twips(PAGE_NUMBER_SIZE)}"/><w:jc w:val="{side}"/>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W_NS}>'
            + _para(_run("— ") + field + _run(" —"), "Footer", props) + "</w:ftr>")


def _header(draft: bool) -> str:
    content = f"<w:r>{WATERMARK_SHAPE.replace('{TEXT}', WATERMARK)}</w:r>" if draft else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W_NS}>'
            + _para(content, "Header") + "</w:hdr>")


def _section_properties() -> str:
    footer = twips(MARGIN_BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 1.2)
    return ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderOdd"/>'
            '<w:headerReference w:type="even" r:id="rIdHeaderEven"/>'
            '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{twips(PAGE_WIDTH)}" w:h="{twips(PAGE_HEIGHT)}"/>'
            f'<w:pgMar w:top="{twips(MARGIN_TOP)}" w:right="{twips(MARGIN_RIGHT)}" '
            f'w:bottom="{twips(MARGIN_BOTTOM)}" w:left="{twips(MARGIN_LEFT)}" w:header="851" '
            f'w:footer="{footer}" w:gutter="0"/><w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>')


_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             + "".join(f'<Relationship Id="{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{t}" Target="{f}"/>'
                       for i, t, f in (("rIdStyles", "styles", "styles.xml"),
                                       ("rIdSettings", "settings", "settings.xml"),
                                       ("rIdFonts", "fontTable", "fontTable.xml"),
                                       ("rIdHeaderOdd", "header", "header1.xml"),
                                       ("rIdHeaderEven", "header", "header2.xml"),
                                       ("rIdFooterOdd", "footer", "footer1.xml"),
                                       ("rIdFooterEven", "footer", "footer2.xml")))
             + "</Relationships>")


def _core(report: Report, draft: bool) -> str:
    when = creation_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    title = f"{report.title}（{WATERMARK}）" if draft else report.title
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_esc(title)}</dc:title><dc:subject>{report.year}年{TITLE_SUFFIX}</dc:subject>"
            f"<dc:creator>{_esc(report.agency)}</dc:creator><cp:keywords>{_esc(FORM.name)}</cp:keywords>"
            "<dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            "</cp:coreProperties>")


_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>nianbao</Application></Properties>")


def document_xml(report: Report, findings: Sequence[Finding]) -> str:
    draft = is_draft(findings)
    body = [_title(report, draft)] + _body(report_parts(report)) + _signature(report)
    if draft:
        body.append(_para('<w:r><w:br w:type="page"/></w:r>', props='<w:ind w:firstLine="0"/>'))
        body += _body(findings_parts(findings))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>'
            + "".join(body) + _section_properties() + "</w:body></w:document>")


def render_docx(report: Report, findings: Sequence[Finding]) -> bytes:
    """The .docx bytes; the same report gives the same bytes (fixed zip times, no random ids)."""
    draft = is_draft(findings)
    parts: Dict[str, str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": _core(report, draft),
        "docProps/app.xml": _APP,
        "word/document.xml": document_xml(report, findings),
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/styles.xml": STYLES,
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/header1.xml": _header(draft),
        "word/header2.xml": _header(draft),
        "word/footer1.xml": _footer(even=False),
        "word/footer2.xml": _footer(even=True),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            # The same bytes on Windows: ZipInfo marks the writing system (0 there, 3 here).
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 3
            z.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()

