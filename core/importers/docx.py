"""Read a Word document (.docx, as Word and WPS write it) into paragraphs and tables.

The OOXML is read directly (``word/document.xml``, vetted by ``container``):
paragraphs in body order, descending into content controls; tables with their
merges — ``gridSpan`` across (or the legacy ``hMerge``), ``vMerge`` down
(``restart`` starts a merged cell, a bare ``vMerge`` continues it) — and
``gridBefore`` leading gaps.  A
table nested in a cell is read as the text of that cell.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from ..errors import InputError
from .container import open_zip, parse_xml, read_member
from .grid import Block, Cell, Table

W_URI = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_URI = b"http://purl.oclc.org/ooxml/wordprocessingml/main"     # Word's “Strict Open XML” saves
W = "{" + W_URI.decode() + "}"
DOCUMENT = "word/document.xml"
MAX_INT = 60


def _int(el, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(W + "val", default)), MAX_INT))
    except ValueError:
        return default


def _text(el) -> str:
    """The text of a paragraph (or a cell): runs' text, tabs and breaks; paragraphs on lines."""
    out: List[str] = []
    for node in el.iter():
        tag = node.tag
        if tag == W + "t" and node.text:
            out.append(node.text)
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "p" and out and node is not el:
            out.append("\n")
    return "".join(out)


def _cell_text(tc) -> str:
    paras = [_text(p) for p in tc.iter(W + "p")]
    return "\n".join(p for p in paras if p.strip())


def _table(tbl) -> Table:
    """Rows of ``Cell``s with their spans; vertical merges counted from the rows below."""
    placed: List[List[tuple]] = []          # per row: (grid column, colspan, text, vmerge)
    for tr in tbl.findall(W + "tr"):
        row, col = [], _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = max(1, _int(pr.find(W + "gridSpan") if pr is not None else None))
            vm = pr.find(W + "vMerge") if pr is not None else None
            vmerge = None if vm is None else (vm.get(W + "val") or "continue")
            hm = pr.find(W + "hMerge") if pr is not None else None
            if hm is not None and (hm.get(W + "val") or "continue") == "continue" and row:
                # The legacy horizontal merge (older Word, WPS): the cell widens the one to its left.
                c0, s0, text, v0 = row[-1]
                row[-1] = (c0, s0 + span, text, v0)
            else:
                row.append((col, span, _cell_text(tc), vmerge))
            col += span
        placed.append(row)
    rows: Table = []
    for r, row in enumerate(placed):
        cells: List[Cell] = []
        next_col = 0
        for col, span, text, vmerge in row:
            if vmerge == "continue":
                continue
            down = 1
            if vmerge == "restart":
                while r + down < len(placed) and any(
                        c == col and v == "continue" for c, _, _, v in placed[r + down]):
                    down += 1
            # Columns left free by continued cells are taken by the merges above; a gap
            # (gridBefore) must stay empty, so it is filled with blank cells.
            cells += [Cell("") for c in range(next_col, col) if not _covered(placed, r, c)]
            next_col = col + span
            cells.append(Cell(text, rowspan=down, colspan=span))
        rows.append(cells)
    return rows


def _covered(placed, r: int, col: int) -> bool:
    return any(c <= col < c + s and v == "continue" for c, s, _, v in placed[r])


def _blocks(el, out: List[Block]) -> None:
    for child in el:
        if child.tag == W + "p":
            out.append(_text(child))
        elif child.tag == W + "tbl":
            out.append(_table(child))
        elif child.tag != W + "sectPr":
            _blocks(child, out)        # content controls, custom XML, tracked insertions


def read_docx(data: bytes, name: str) -> List[Block]:
    archive = open_zip(data, name, " Word 文档")
    names = set(archive.namelist())
    if DOCUMENT not in names:
        if "xl/workbook.xml" in names:
            raise InputError(f"“{name}”是 Excel 工作簿，不是 Word 文档")
        raise InputError(f"“{name}”是压缩包，但不是 Word 文档（.docx），无法导入")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise InputError(f"“{name}”是启用宏的 Word 文档（.docm），为安全起见不予导入；请另存为 .docx 后再导入")
    xml = read_member(archive, DOCUMENT, name).replace(STRICT_URI, W_URI)
    root = parse_xml(xml, name, DOCUMENT)
    body: Optional[object] = root.find(W + "body")
    if body is None:
        raise InputError(f"“{name}”中没有正文，无法导入")
    out: List[Block] = []
    _blocks(body, out)
    return out
