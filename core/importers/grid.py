"""Any document as paragraphs and tables → the report, through the workbook importer.

A reader (``docx``, ``html``, ``pdf``, ``text``) hands over its content as
blocks in reading order: a paragraph (``str``) or a table (rows of ``Cell``s
as written, each with its rowspan and colspan).  Here the tables are resolved
onto one grid with their merges and everything is laid out as a single sheet,
so that the workbook importer (``xlsx.read``: the one label matcher over
``FORM``, the section headings, the title) reads it exactly as it reads a
workbook.  Around that, what documents have and workbooks do not:

* the page around the report (a portal's navigation and footer, a PDF's
  running heads) is cut off: the report runs from its title to its 落款;
* the 落款 gives the 成文日期 and, where the title names none, the agency;
* the preamble is what stands between the title and 一、总体情况.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

from ..checks.findings import FINDINGS_TITLE
from ..errors import InputError
from ..xlsx import reports
from ..xlsx.book import Book, Sheet
from ..xlsx.narrative import _TITLE_END, _section_of_heading
from ..xlsx.read import ImportResult, _read_by_labels

MAX_BLOCK_ROWS = 3000      # rows of the laid-out sheet: a report has a few hundred
MAX_SPAN = 60              # a rowspan/colspan beyond this is hostile or broken
MAX_COLS = 60


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


Table = List[List[Cell]]
Block = Union[str, Table]

_DATE = re.compile(r"^(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"○": 0, "零": 0, "Ｏ": 0, "O": 0})
_CN_DATE = re.compile(r"^([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_SIGNATURE_LINE = re.compile(r"^(?P<agency>[^，。,；;：:]{2,40}?)(?P<date>20\d{2}年\d{1,2}月\d{1,2}日)$")
_META = re.compile(r"(来源[:：]|发布时间|发布日期|浏览次数|字号[:：]|【打印】|【关闭】|分享到|阅读次数|点击数)")
_AGENCY_CHARS = 40
# A portal's page chrome after the article: where the report ends when it has no dated 落款.
_FOOTER = re.compile(r"(【打印|【关闭|打印本页|关闭窗口|主办单位|网站标识码|ICP备|版权所有|技术支持|网站地图|"
                     r"上一篇|下一篇|相关链接|扫一扫)")


def _is_meta(text: str) -> bool:
    """A portal's line about the page (发布时间, 来源, 浏览次数, 字号), not a sentence of the report."""
    return len(text) <= 100 and not text.rstrip().endswith("。") and bool(_META.search(text))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _cn_number(s: str) -> int:
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def parse_date(line: str) -> Optional[_dt.date]:
    """A 落款 date line: ``2024年1月20日`` or ``二〇二四年一月二十日``."""
    flat = _flat(line)
    try:
        m = _DATE.match(flat)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CN_DATE.match(line.replace(" ", "").replace("\u3000", ""))
        if m:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return _dt.date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
    except (ValueError, KeyError):
        return None
    return None


# -- tables onto a grid ----------------------------------------------------------------

def resolve(table: Sequence[Sequence[Cell]]) -> Tuple[List[List[object]], List[Tuple[int, int, int, int]]]:
    """Rows of cells as written → a rectangular grid of texts and the merged ranges.

    Each cell takes the first column its row leaves free (cells spanning down
    from rows above occupy theirs), as HTML tables and Word tables place them.
    """
    taken = set()
    rows: List[List[object]] = []
    merges = []
    for r, cells in enumerate(table):
        if r >= MAX_BLOCK_ROWS:
            break
        row: List[object] = []
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            if c >= MAX_COLS:
                break
            rs = max(1, min(cell.rowspan, MAX_SPAN, len(table) - r))
            cs = max(1, min(cell.colspan, MAX_SPAN, MAX_COLS - c))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            while len(row) <= c:
                row.append(None)
            row[c] = cell.text.strip() or None
            if rs > 1 or cs > 1:
                merges.append((r, c, r + rs - 1, c + cs - 1))
            c += cs
        rows.append(row)
    return rows, merges


def _lines(blocks: Sequence[Block]) -> List[Tuple[int, str]]:
    """(block index, paragraph) for every paragraph, a table's cells not included."""
    return [(i, _clean(b)) for i, b in enumerate(blocks) if isinstance(b, str) and _clean(b)]


def _clean(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u3000", " ").strip()


def _heading(text: str) -> Optional[int]:
    return _section_of_heading(text)


def _appendix_apart(blocks: Sequence[Block]) -> List[Block]:
    """A draft's findings appendix as a paragraph of its own, where a PDF's text joined it to the
    paragraph before (the 落款's agency line)."""
    out: List[Block] = []
    for block in blocks:
        if isinstance(block, str) and FINDINGS_TITLE in block and not _clean(block).startswith(FINDINGS_TITLE):
            head, _, tail = block.partition(FINDINGS_TITLE)
            out += [head, FINDINGS_TITLE + tail]
        else:
            out.append(block)
    return out


def report_span(blocks: Sequence[Block]) -> Tuple[int, int, Optional[_dt.date], str]:
    """The blocks of the report itself: [start, end), its date and the 落款 agency.

    Start: the last title line before 一 (a portal repeats the title in its
    breadcrumbs and <title>).  End: the date line after 六 — the 落款 — or,
    without one, the end of the document.
    """
    lines = _lines(blocks)
    first_heading = next((i for i, t in lines if _heading(t) == 1), None)
    last_heading = max((i for i, t in lines if _heading(t)), default=None)
    start = 0
    if first_heading is not None:
        titles = [k for k, (i, t) in enumerate(lines)
                  if i < first_heading and len(t) <= 80 and _TITLE_END.search(_flat(t))]
        if titles:
            k = titles[-1]
            start = lines[k][0]
            # A title in two lines, the agency above ``2023年政府信息公开工作年度报告``: both are the title.
            if k and re.match(r"^\d{4}年", _flat(lines[k][1])) and len(_flat(lines[k - 1][1])) <= _AGENCY_CHARS:
                start = lines[k - 1][0]
    after = last_heading if last_heading is not None else start
    # A draft's appendix (our own PDF, Word or page of a report with open errors) is not part of it.
    end = next((i for i, t in lines if i > after and _flat(t).startswith(_flat(FINDINGS_TITLE))), len(blocks))
    date, agency = None, ""
    for k, (i, t) in enumerate(lines):
        if i <= after:
            continue
        if i >= end:
            break
        d = parse_date(t)
        joined = None if d is not None else _SIGNATURE_LINE.match(_flat(t))
        if joined:             # agency and date on one line: ``某某局 2024年1月20日``
            d = parse_date(joined.group("date"))
            if d is not None:
                return start, i + 1, d, joined.group("agency")
        if d is not None:
            date, end = d, i + 1
            prev = [x for x in lines[max(0, k - 2):k] if x[0] > after]
            for _, p in reversed(prev):
                if len(_flat(p)) <= _AGENCY_CHARS and not re.search(r"[。；;，,]", p):
                    agency = _flat(p)
                    break
            break
    if date is None:
        end = next((i for i, t in lines if after < i < end and _FOOTER.search(t)), end)
    return start, end, date, agency


def to_book(blocks: Sequence[Block], name: str) -> Book:
    rows: List[List[object]] = []
    merges = []
    for b in blocks:
        if len(rows) >= MAX_BLOCK_ROWS:
            break
        if isinstance(b, str):
            text = _clean(b)
            if text and not _is_meta(text):
                rows.append([text])
            continue
        grid, spans = resolve(b)
        top = len(rows)
        rows.extend(grid)
        merges.extend((r0 + top, c0, r1 + top, c1) for r0, c0, r1, c1 in spans)
    return Book([Sheet(name, rows[:MAX_BLOCK_ROWS], merges)])


def _preamble(blocks: Sequence[Block]) -> str:
    """The paragraphs after the title and before 一 (the title itself, an agency line and meta lines left out)."""
    lines = _lines(blocks)
    first = next((k for k, (_, t) in enumerate(lines) if _heading(t) is not None), None)
    if first is None:
        return ""
    kept = [t for _, t in lines[1:first] if not _is_meta(t) and len(_flat(t)) > _AGENCY_CHARS
            and not (len(t) <= 80 and _TITLE_END.search(_flat(t)))]
    return "\n".join(kept)


_WORKBOOK_WORDS = (("工作簿", "文档"), ("工作表名", "文档"), ("工作表", "文档"))
_WHERE = re.compile(r"（?在?文档“[^”]*”(?:第\d+行)?(?:中)?）?")


def _document_note(note: str) -> str:
    for old, new in _WORKBOOK_WORDS:
        note = note.replace(old, new)
    return _WHERE.sub("", note).replace("（）", "").replace("中中", "中")


def read_blocks(blocks: Sequence[Block], name: str, what: str, year: Optional[int] = None) -> ImportResult:
    """The report in ``blocks`` (read from ``name``, a ``what`` such as “Word 文档”)."""
    blocks = _appendix_apart(blocks)
    start, end, date, signature_agency = report_span(blocks)
    body = list(blocks[start:end])
    if date is not None:
        # The 落款 is not part of 六: take it off (the agency line, the date line).
        while body and isinstance(body[-1], str) and (not _clean(body[-1]) or parse_date(_clean(body[-1]))
                                                       or _SIGNATURE_LINE.match(_flat(body[-1]))
                                                       or _flat(body[-1]) == signature_agency):
            body.pop()
    book = to_book(body, name)
    if not any(len(r) > 1 for r in book.sheets[0].rows):
        raise InputError(f"“{name}”（{what}）中没有表格，找不到年报的表二、表三、表四，无法导入")
    try:
        result = _read_by_labels(book, name, reports.choose(book, year))
    except InputError as err:
        raise InputError(str(err).replace("（表二、表三、表四的官方行列标签）", f"（{what}中没有表二、表三、表四）")) from None
    report = result.report
    notes = [_document_note(n) for n in result.notes]
    if date is not None:
        report.date = date
    if not report.agency and signature_agency:
        report.agency = signature_agency
        notes = [n for n in notes if not n.startswith("找不到机关名称")]
        notes.append(f"标题中没有机关名称，已按落款取为“{signature_agency}”，请核对")
    preamble = _preamble(body)
    if preamble:
        report.text["preamble"] = preamble
    result.notes = notes
    return result
