"""What a workbook says besides its tables: the title (agency and year), the texts, the date.

For a workbook this application did not write.  The title is the line
``XX局2023年政府信息公开工作年度报告`` wherever it stands near the top of a
sheet; failing that the file name and the sheet names are tried.  Section texts
are the rows under a heading that matches a section of the form — its template
title or the longer body-text title, numbering and punctuation ignored, a near
spelling accepted (``五、存在的主要问题及改进措施``) — up to the next heading.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..form import FORM, TITLE_SUFFIX
from .book import Book, Sheet
from .labels import NEAR_ENOUGH, core, similar

_YEAR_TITLE = re.compile(r"(?P<agency>[^\n]*?)(?P<year>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开|信息公开)")
_YEAR_ANY = re.compile(r"(?<!\d)(20[0-9]{2})(?!\d)")
_TITLE_END = re.compile(r'\d{4}年度?(?:政府信息公开|政务公开|信息公开)\S{0,6}(?:年度报告|年报)[》”"]?$')
_ATTACHMENT = re.compile(r"^附件\d*[:：]?$")
_DATE = re.compile(r"^(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_TITLE_ROWS = 15
_HEADING_CHARS = 40

_HEADINGS: List[Tuple[int, Tuple[str, ...]]] = [
    (s.number, tuple(dict.fromkeys(core(t) for t in (s.title, s.body_title)))) for s in FORM.sections]
_PLACEHOLDERS = {core(s.placeholder) for s in FORM.sections if s.placeholder}


def _flat(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


@dataclass
class Narrative:
    agency: str = ""
    year: Optional[int] = None
    year_source: str = ""
    date: Optional[_dt.date] = None
    text: Dict[str, str] = field(default_factory=dict)


def _section_of_heading(value: object) -> Optional[int]:
    if not isinstance(value, str):
        return None
    head = value.strip().split("\n", 1)[0]
    if not head or len(head) > _HEADING_CHARS:
        return None
    c = core(head)
    if len(c) < 2:
        return None
    for number, cores in _HEADINGS:
        if c in cores:
            return number
    for number, cores in _HEADINGS:
        if len(c) >= 4 and any(similar(c, k) >= NEAR_ENOUGH for k in cores):
            return number
    return None


def _row_text(sheet: Sheet, r: int) -> Optional[str]:
    return next((v.strip("\n") for v in sheet.rows[r] if isinstance(v, str) and v.strip()), None)


@dataclass(frozen=True)
class Title:
    """A report title line in a sheet: where its report starts, and whose report of which year."""
    row: int            # the title's row, or the row above when the agency stands there
    year: int
    agency: str
    text: str


def _title_at(sheet: Sheet, r: int, v: object) -> Optional[Title]:
    if not isinstance(v, str) or len(v) > 80:
        return None
    flat = _flat(v)
    m = _YEAR_TITLE.search(flat)
    if not (m and (TITLE_SUFFIX[-4:] in flat or "年报" in flat or "年度报告" in flat)):
        return None
    agency, start = m.group("agency").strip("《》“”\"' "), r
    if not agency and r > 0:
        above = _row_text(sheet, r - 1)
        if above and len(above) <= 40:
            agency, start = _flat(above), r - 1
    return Title(start, int(m.group("year")), agency, v.strip())


def _first_row(sheet: Sheet) -> int:
    """The first row holding anything (a band of a sheet has its rows above it left empty)."""
    return next((r for r, row in enumerate(sheet.rows) if any(v not in (None, "") for v in row)), 0)


def titles(sheet: Sheet) -> List[Title]:
    """Every report title standing first on its row, anywhere in the sheet.

    Only a line that ends as a title does (``…年政府信息公开工作年度报告`` / ``…年报``):
    a sentence that merely names a report is not one.
    """
    out = []
    for r, row in enumerate(sheet.rows):
        first = next((v for v in row if v not in (None, "")), None)
        if isinstance(first, str) and len(first) <= 80 and _TITLE_END.search(_flat(first)):
            title = _title_at(sheet, r, first)
            if title:
                out.append(_with_attachment_mark(sheet, title))
    return out


def _with_attachment_mark(sheet: Sheet, title: Title) -> Title:
    """A title starting at the ``附件`` line above it (blank rows between): that line is its report's."""
    r = title.row - 1
    while r >= 0 and _row_text(sheet, r) is None:
        r -= 1
    above = _row_text(sheet, r) if r >= 0 else None
    if above and _ATTACHMENT.match(_flat(above)):
        return Title(r, title.year, title.agency, title.text)
    return title


def find_title(book: Book, file_name: str) -> Narrative:
    out = Narrative()
    for sheet in book.sheets:
        top = _first_row(sheet)
        for r, row in enumerate(sheet.rows[top:top + _TITLE_ROWS], start=top):
            for v in row:
                title = _title_at(sheet, r, v)
                if title:
                    out.year, out.year_source = title.year, f"标题“{title.text}”"
                    out.agency = title.agency
                    return out
    stem = re.sub(r"\.(xlsx|xls|xlsm)$", "", file_name, flags=re.I)
    m = _YEAR_TITLE.search(_flat(stem)) or _YEAR_ANY.search(stem)
    if m:
        out.year, out.year_source = int(m.group("year") if m.re is _YEAR_TITLE else m.group(1)), f"文件名“{file_name}”"
        out.agency = m.group("agency") if m.re is _YEAR_TITLE else ""
        return out
    for sheet in book.sheets:
        year = sheet_year(sheet.name)
        if year is not None:
            out.year, out.year_source = year, f"工作表名“{sheet.name}”"
            return out
    return out


def sheet_year(sheet_name: str) -> Optional[int]:
    """The year a sheet's name carries (``2023年表三``), if any."""
    m = _YEAR_ANY.search(sheet_name)
    return int(m.group(1)) if m else None


def read_texts(book: Book, narrative: Narrative) -> None:
    """Fill ``narrative.text`` (and the date) from the rows under the section headings."""
    for sheet in book.sheets:
        headings: List[Tuple[int, int]] = []          # (row, section number)
        for r, row in enumerate(sheet.rows):
            # A heading is the first thing on its row.
            first = next((v for v in row if v is not None and v != ""), None)
            number = _section_of_heading(first)
            if number and number not in {n for _, n in headings}:
                headings.append((r, number))
        if not headings:
            continue
        # Another report's title below (a multi-year sheet read whole) ends the text before it.
        title_rows = [t.row for t in titles(sheet)]
        for i, (r, number) in enumerate(headings):
            key = FORM.section(number).text_key
            if not key or narrative.text.get(key):
                continue
            end = headings[i + 1][0] if i + 1 < len(headings) else len(sheet.rows)
            end = min([end] + [t for t in title_rows if t > r])
            lines = []
            texts = [v.strip() for v in sheet.rows[r] if isinstance(v, str) and v.strip()]
            if texts and "\n" in texts[0]:            # the heading and its text in one cell
                lines.append(texts[0].split("\n", 1)[1])
            lines += texts[1:2]                      # or the text in the cell beside the heading
            lines += [t for t in (_row_text(sheet, x) for x in range(r + 1, end)) if t is not None]
            if number == 6:
                lines = _strip_signature(lines, narrative)
            lines = [t for t in lines if core(t) not in _PLACEHOLDERS]
            if lines:
                narrative.text[key] = "\n".join(lines)


def _strip_signature(lines: List[str], narrative: Narrative) -> List[str]:
    """Drop the 落款 (agency, date) that follows section 六; keep the date."""
    while lines:
        last = _flat(lines[-1])
        m = _DATE.match(last)
        if m:
            try:
                narrative.date = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
            lines.pop()
        elif narrative.agency and last == _flat(narrative.agency):
            lines.pop()
        else:
            break
    return lines
