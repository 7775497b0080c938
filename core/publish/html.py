"""The report as clean HTML for a government portal's CMS (TRS, Hanweb, 大汉 …).

What a CMS rich-text editor keeps when the clerk pastes or uploads it:

* real ``<table>``s with ``rowspan``/``colspan`` exactly as ``FORM``'s grids,
  ``<th scope>`` headers, ``id``/``headers`` tying each number to its row and
  column labels (GB/T 37668: complex tables need both), a ``<caption>``;
* only inline styles editors keep: ``border-collapse``, borders, padding,
  ``text-align``; no classes, scripts, external fonts or pixel widths.  Each
  table sits in a ``<div>`` that scrolls sideways (``overflow-x:auto``), so on a
  phone 表三 scrolls inside its own box instead of widening the page;
* ``<h2>`` for the title and ``<h3>`` for the sections, ``lang="zh-CN"``;
* every text escaped: an agency or a paragraph with ``<``, ``&`` or a quote is
  shown as typed.

``render_html(..., page=False)`` is the fragment (one ``<div lang="zh-CN">``) the
GUI's 复制为网页格式 puts on the clipboard; ``render_text`` is the plain-text
flavour of the same clipboard (tables as tab-separated rows).
"""
from __future__ import annotations

from html import escape
from typing import List, Sequence

from ..checks.findings import Finding
from ..form import ROLE_DATA, ROLE_HEADER, ROLE_HEADING, ROLE_LABEL, ROLE_NOTE
from ..model import Report
from .common import (WATERMARK, Heading, Paragraph, TableBlock, clean, findings_parts, is_draft,
                     report_parts, signature_lines)

_CELL = "border:1px solid #000;padding:0.3em 0.4em"
_TABLE = "border-collapse:collapse;width:100%"
# 表三 and 表四 keep readable columns on a phone (表四: two characters a line in its 15
# columns): below this width they scroll in their box.
_MIN_WIDTH = {"t3": "44em", "t4": "56em", "findings": "36em"}
_CAPTION = {"t2": "表二", "t3": "表三", "t4": "表四", "findings": "附表"}


def _esc(text: str) -> str:
    return escape(clean(text), quote=True)


def _scope(g) -> str:
    if g.role in (ROLE_HEADER, ROLE_HEADING):
        return "colgroup" if g.colspan > 1 else "col"
    return "rowgroup" if g.rowspan > 1 else "row"


def _table(block: TableBlock, caption: str) -> str:
    """One table: spans as the grid, headers with scope and ids, data cells naming their headers."""
    key = block.key
    ids = {}
    for row in block.rows:
        for slot in row:
            g = slot.cell
            if not slot.continued and g.role in (ROLE_HEADER, ROLE_HEADING, ROLE_LABEL):
                ids[(g.row, g.col)] = f"nb-{key}-{g.row}-{g.col}"
    headers_of = {}
    cells = [(s.cell, ids.get((s.cell.row, s.cell.col))) for row in block.rows for s in row
             if not s.continued and (s.cell.row, s.cell.col) in ids]
    for row in block.rows:
        for slot in row:
            g = slot.cell
            if slot.continued or g.role != ROLE_DATA:
                continue
            # A data cell's headers: the column headers above it and the row labels left of it.
            names = [i for h, i in cells
                     if (h.role in (ROLE_HEADER, ROLE_HEADING) and h.row < g.row
                         and h.col < g.col + g.colspan and g.col < h.col + h.colspan)
                     or (h.role == ROLE_LABEL and h.col < g.col
                         and h.row <= g.row < h.row + h.rowspan)]
            headers_of[(g.row, g.col)] = " ".join(names)
    out = []
    for row in block.rows:
        tds = []
        for slot in row:
            g = slot.cell
            if slot.continued:
                continue
            span = ((f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "")
                    + (f' colspan="{g.colspan}"' if g.colspan > 1 else ""))
            text = _esc(slot.text)
            if g.role == ROLE_DATA:
                tds.append(f'<td{span} headers="{headers_of[(g.row, g.col)]}" '
                           f'style="{_CELL};text-align:center">{text}</td>')
            elif g.role == ROLE_NOTE:
                tds.append(f'<td{span} style="{_CELL};text-align:center">{text}</td>')
            else:
                # Row labels in the body's weight: a column of bold labels outweighs the numbers.
                look = "text-align:left;font-weight:normal" if g.role == ROLE_LABEL else "text-align:center"
                tds.append(f'<th{span} id="{ids[(g.row, g.col)]}" scope="{_scope(g)}" '
                           f'style="{_CELL};{look}">{text}</th>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    minimum = f";min-width:{_MIN_WIDTH[key]}" if key in _MIN_WIDTH else ""
    return (f'<div style="overflow-x:auto;max-width:100%"><table style="{_TABLE}{minimum}">'
            # Left-aligned: a centred caption over a table wider than a phone is cut off.
            f'<caption style="text-align:left">{_esc(caption)}</caption>' + "".join(out) + "</table></div>")


def _parts_html(parts) -> List[str]:
    out, heading = [], ""
    for part in parts:
        if isinstance(part, Heading):
            heading = part.text
            out.append(f"<h3>{_esc(part.text)}</h3>")
        elif isinstance(part, Paragraph):
            out.append(f'<p style="text-indent:2em">{_esc(part.text)}</p>')
        else:
            caption = _CAPTION[part.key] + (" " + heading.split("、", 1)[-1] if heading else "")
            out.append(_table(part, caption))
    return out


def render_html(report: Report, findings: Sequence[Finding], page: bool = True) -> str:
    """The report as a self-contained HTML page, or (``page=False``) the fragment alone."""
    draft = is_draft(findings)
    body = [f'<h2 style="text-align:center">{_esc(report.title)}</h2>']
    if draft:
        body.append(f"<p><strong>{WATERMARK}：本报告仍有未解决的校验错误，不应公开。</strong></p>")
    body += _parts_html(report_parts(report))
    body += [f'<p style="text-align:right">{_esc(line)}</p>' for line in signature_lines(report)]
    if draft:
        body += _parts_html(findings_parts(findings))
    fragment = '<div lang="zh-CN">' + "\n".join(body) + "</div>"
    if not page:
        return fragment
    title = report.title + (f"（{WATERMARK}）" if draft else "")
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n</head>\n"
            # As a portal's article column: a readable measure, centred.
            f'<body style="max-width:60em;margin:0 auto;padding:0 1em">\n{fragment}\n</body>\n</html>\n')


def render_text(report: Report, findings: Sequence[Finding]) -> str:
    """The plain-text flavour: title, headings, paragraphs, tables as tab-separated rows."""
    lines = [report.title, ""]
    parts = report_parts(report)
    if is_draft(findings):
        parts += findings_parts(findings)
    for part in parts:
        if isinstance(part, Heading):
            lines += ["", part.text]
        elif isinstance(part, Paragraph):
            lines.append("\u3000\u3000" + part.text)
        else:
            # One tab-separated field per grid column, so that a paste into a sheet lines up.
            width = max(s.cell.col + s.cell.colspan for row in part.rows for s in row)
            for row in part.rows:
                fields = [""] * width
                for slot in row:
                    if not slot.continued:
                        fields[slot.cell.col] = slot.text
                lines.append("\t".join(fields))
    lines += [""] + signature_lines(report)
    return "\n".join(clean(line) for line in lines) + "\n"
