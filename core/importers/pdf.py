"""Read a text-based PDF (as published: produced from Word/WPS) into paragraphs and tables.

pdfplumber (imported only when a PDF is opened) finds the tables from their
ruling lines; each cell's span is told from its box against the table's
column and row edges.  The text outside the tables is read line by line in
reading order and joined into paragraphs (a paragraph starts indented, or
after a line that ends short).  Page numbers (``— 3 —``, ``第3页``) and running
heads repeated on most pages are dropped.

Refused with one Chinese line: an encrypted PDF, a scan (pages without a
text layer; there is no OCR), more pages than a report has, a page with more
characters or drawn lines than any report page (which bounds the table
finder's time).
"""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import List, Tuple

from ..errors import InputError
from .grid import Block, Cell, Table

MAX_PAGES = 60
SCAN_CHARS_PER_PAGE = 40     # fewer characters per page, with images, is a scan
MAX_PAGE_CHARS = 20_000      # a dense page of text holds ~1 500 characters
MAX_PAGE_OBJECTS = 20_000    # ruling lines and boxes a table finder would have to pair
_STARTS = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\D)")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")


def _edges(values, tol: float = 1.5) -> List[float]:
    out: List[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: List[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


class _Piece:
    """One table as pdfplumber found it on one page: cell boxes and their characters."""

    def __init__(self, table, page):
        self.bbox = table.bbox
        self.boxes = [b for b in table.cells if b[2] > b[0] and b[3] > b[1]]
        self.ys = _edges([b[1] for b in self.boxes] + [b[3] for b in self.boxes])
        chars = [c for c in page.chars if c.get("upright", True)]
        self.texts = {}
        for b in self.boxes:
            self.texts[b] = []
        for ch in chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            for b in self.boxes:
                if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                    self.texts[b].append(ch)
                    break

    def cells(self, xs: List[float]) -> List[list]:
        """[row, col, rowspan, colspan, text] of each cell against the column edges ``xs``."""
        out = []
        for b in self.boxes:
            r0, r1 = _index(self.ys, b[1]), _index(self.ys, b[3])
            c0, c1 = _index(xs, b[0]), _index(xs, b[2])
            if r1 > r0 and c1 > c0:
                out.append([r0, c0, r1 - r0, c1 - c0, _chars_text(self.texts[b])])
        return out


def _continues(a: "_Piece", b: "_Piece") -> bool:
    return abs(a.bbox[0] - b.bbox[0]) < 3 and abs(a.bbox[2] - b.bbox[2]) < 3


def _same_row(part: List[list], header: List[list], r: int) -> bool:
    """Row ``r`` of a continued piece holds the same cells (place and text) as row ``r`` of the first."""
    mine = sorted((c[1], c[3], c[4]) for c in part if c[0] == r)
    theirs = sorted((c[1], c[3], c[4]) for c in header if c[0] == r)
    return bool(mine) and mine == theirs


def _chain(pieces: List["_Piece"]) -> Table:
    """Tables continued across pages as one: common column edges, a row or merged cell cut
    by the page break joined again (the cut part's cells have no digits and line up with
    a cell ending at the bottom of the page before)."""
    xs = _edges([x for p in pieces for b in p.boxes for x in (b[0], b[2])])
    cells: List[list] = []
    rows = 0
    header: List[list] = []
    for k, piece in enumerate(pieces):
        part = piece.cells(xs)
        shift = rows
        if k == 0:
            header = part
        elif part:
            # Header rows repeated on the new page (标题行重复) are the first page's: dropped.
            top = 0
            while any(c[0] == top for c in part) and _same_row(part, header, top):
                top += 1
            if top:
                part = [[c[0] - top] + c[1:] for c in part if c[0] >= top]
        if k and part:
            first = [c for c in part if c[0] == 0]
            if not any(re.search(r"\d", c[4]) for c in first):
                ends = {(c[1], c[3]): c for c in cells if c[0] + c[2] == rows}
                joined = [c for c in first if (c[1], c[3]) in ends]
                whole_row = len(joined) == len(first)
                for c in joined:
                    p = ends[(c[1], c[3])]
                    p[4] += c[4]
                    p[2] += c[2] - (1 if whole_row else 0)
                    part.remove(c)
                if whole_row:
                    shift -= 1
        for c in part:
            cells.append([c[0] + shift, c[1], c[2], c[3], c[4]])
        rows = max([c[0] + c[2] for c in cells], default=rows)
    table: Table = [[] for _ in range(rows)]
    for r, c, rs, cs, text in sorted(cells):
        if 0 <= r < rows:
            table[r].append(Cell(text, rs, cs))
    return table


def _chars_text(chars) -> str:
    """Characters of a cell in reading order: lines by their top, joined without spaces (Chinese)."""
    lines: List[List[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < max(ch["size"], 1) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return "".join("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines)


def _page_lines(page, boxes) -> List[Tuple[float, float, float, str, float]]:
    """(top, x0, x1, text, size) of each text line outside the tables."""
    def outside(obj):
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
    rest = page.filter(outside)
    out = []
    for line in rest.extract_text_lines(layout=False, strip=True, return_chars=True):
        text = line["text"].strip()
        if text:
            size = max((c["size"] for c in line["chars"]), default=12)
            out.append((line["top"], line["x0"], line["x1"], text, size))
    return out


def _paragraphs(lines, left: float, right: float, indented_doc: bool) -> List[str]:
    """Lines joined into paragraphs.

    In a document whose paragraphs start indented (首行缩进, as reports are
    written), only an indented line (a centred title, a right-aligned 落款 too)
    starts a paragraph: a short line is a word that did not fit, and a page
    break does not end a paragraph.  Without indentation, a short line ends a
    paragraph and a numbered heading starts one.
    """
    out: List[str] = []
    prev_short = True
    for _top, x0, x1, text, size in lines:
        indented = x0 > left + size * 0.8
        if indented_doc:
            new = indented or not out
        else:
            new = prev_short or indented or not out or bool(_STARTS.match(text))
        if new:
            out.append(text)
        else:
            out[-1] += text
        prev_short = x1 < right - size * 1.5
    return out


def _without_furniture(lines: list, repeated: set) -> list:
    """A page's lines without its page numbers and, at its top and bottom only, the running heads
    (the title repeated as a running head stays where it stands as the title)."""
    lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln[3].replace(" ", ""))]
    if lines and re.sub(r"\d+", "#", lines[0][3]) in repeated:
        lines = lines[1:]
    if lines and re.sub(r"\d+", "#", lines[-1][3]) in repeated:
        lines = lines[:-1]
    return lines


def read_pdf(data: bytes, name: str) -> List[Block]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError
    except ImportError:
        raise InputError("读取 PDF 需要 pdfplumber 组件，当前安装中缺少它，请安装完整版本后再导入 PDF")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as err:        # pdfplumber wraps what pdfminer raises
        cause = err.args[0] if getattr(err, "args", None) else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(err, (
                PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"“{name}”是加密的 PDF（设置了打开密码），无法导入；请先取消密码后再导入") from None
        raise InputError(f"“{name}”已损坏（不是有效的 PDF），无法读取") from None
    try:
        if len(pages) > MAX_PAGES:
            raise InputError(f"“{name}”有 {len(pages)} 页，不像年报，已拒绝导入（年报一般不超过 {MAX_PAGES} 页）")
        return _read_pages(pages, name)
    except InputError:
        raise
    except Exception:          # a damaged or hostile PDF makes pdfminer raise anything
        raise InputError(f"“{name}”已损坏（PDF 内容无法解析），无法读取")
    finally:
        pdf.close()


def _read_pages(pages, name: str) -> List[Block]:
    per_page = []
    any_text, any_image = False, False
    for page in pages:
        if len(page.chars) > MAX_PAGE_CHARS or len(page.lines) + len(page.rects) + len(page.curves) > MAX_PAGE_OBJECTS:
            raise InputError(f"“{name}”第 {page.page_number} 页的内容多得异常，不像年报，已拒绝导入")
        if page.chars:
            any_text = True
        if page.images:
            any_image = True
        tables = page.find_tables()
        boxes = [t.bbox for t in tables]
        lines = _page_lines(page, boxes) if page.chars else []
        per_page.append((page, tables, lines))
    # A scan may carry a few characters (a page number stamped in, a sentence of OCR): still a scan.
    chars = sum(len(page.chars) for page, _, _ in per_page)
    if not any_text or (any_image and chars < SCAN_CHARS_PER_PAGE * len(per_page)):
        if any_image:
            raise InputError(f"“{name}”是扫描件（页面是图片，没有文字层），无法读取其中的文字和表格；"
                             "请导入原始的 Word 文档，或网页版年报")
        raise InputError(f"“{name}”中没有文字，无法导入")
    # Running heads and feet: the same line at a page's top or bottom on most pages.
    edge = Counter()
    for _, _, lines in per_page:
        for ln in {lines[0][3], lines[-1][3]} if lines else ():
            edge[re.sub(r"\d+", "#", ln)] += 1
    repeated = {t for t, n in edge.items() if len(per_page) >= 3 and n >= len(per_page) * 0.6}
    per_page = [(page, tables, _without_furniture(lines, repeated)) for page, tables, lines in per_page]
    # The text block's edges over the whole document: a page of short lines is not a narrow page.
    left = min((ln[1] for _, _, lines in per_page for ln in lines), default=0)
    right = max((ln[2] for _, _, lines in per_page for ln in lines), default=0)
    all_lines = [ln for _, _, lines in per_page for ln in lines]
    indented_doc = sum(ln[1] > left + ln[4] * 0.8 for ln in all_lines) >= 3
    blocks: list = []
    pending: List[tuple] = []        # lines of the paragraphs since the last table, across pages

    def flush():
        blocks.extend(_paragraphs(pending, left, right, indented_doc))
        pending.clear()
    for page, tables, lines in per_page:
        ordered = sorted([(ln[0], 0, ln) for ln in lines] + [(t.bbox[1], 1, t) for t in tables],
                         key=lambda x: (x[0], x[1]))
        for _top, kind, obj in ordered:
            if kind == 0:
                pending.append(obj)
            else:
                flush()
                blocks.append(_Piece(obj, page))
    flush()
    # Consecutive pieces (a table continued on the next page) become one table.
    out: List[Block] = []
    chain: List[_Piece] = []
    for b in blocks + [""]:
        if isinstance(b, _Piece) and (not chain or _continues(chain[-1], b)):
            chain.append(b)
            continue
        if chain:
            out.append(_chain(chain))
            chain = [b] if isinstance(b, _Piece) else []
        if not isinstance(b, _Piece) and b:
            out.append(b)
    blocks = out
    return blocks
