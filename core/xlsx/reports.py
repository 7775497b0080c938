"""Tell apart the reports of a workbook that holds more than one, and pick the one to read.

A clerk's multi-year file keeps a report per year: a sheet each (“2022年年报”,
“2023年年报”), a set of sheets each (“2022年表三”, “2023年表三”), or one report
under the other on a single sheet.  Cells of two reports must never be merged
into one, so before any table is read the workbook is cut into its reports:

* a sheet is cut into bands of rows where a report title (``××2023年政府信息公开
  工作年度报告``, first on its row) names another year or agency than the title
  above it; a band keeps the sheet's row numbers (the rows above it are left
  empty), so notes still point at the right row;
* each part (a sheet or a band) belongs to the report its title names, or,
  without a title, to the year in the sheet's name;
* a part naming neither belongs to the report of the part before it (one title,
  then a sheet per table) unless it repeats a table that report already has: a
  second set of tables is a second report;
* parts naming the same year belong together wherever they stand; two agencies
  are told apart only where both parts name one.

Only when two or more of these reports hold tables is the workbook taken as
holding several.  Then the report of the year asked for is read, else the one
of the latest year (the first of equals), and an import note names every
report with its sheets and says which one was read.  Otherwise the whole
workbook is one report and is read as a whole, exactly as before: a title sheet
with the tables on further sheets, a table that is repeated (the largest copy
is read).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from . import locate
from .book import Book, Sheet
from .narrative import sheet_year, titles

FINDERS = {"t2": locate.find_t2, "t3": locate.find_t3, "t4": locate.find_t4}


class Part:
    """A sheet, or a band of its rows, with the tables found in it."""

    def __init__(self, sheet: Sheet, where: str, year: Optional[int] = None, agency: str = "",
                 year_source: str = "", rows: Optional[range] = None):
        self.sheet, self.where = sheet, where
        self.rows = range(len(sheet.rows)) if rows is None else rows     # the sheet's rows it covers
        self.year, self.agency, self.year_source = year, agency, year_source
        self.grid = locate.Grid(sheet)
        self.found: Dict[str, locate.Found] = {}
        for key, finder in FINDERS.items():
            f = finder(self.grid)
            if f is not None:
                self.found[key] = f


@dataclass
class Held:
    """The parts of one report in the workbook."""
    parts: List[Part] = field(default_factory=list)
    year: Optional[int] = None
    agency: str = ""
    year_source: str = ""

    @property
    def tables(self) -> Set[str]:
        return {key for p in self.parts for key in p.found}

    def names(self, year: Optional[int], agency: str) -> bool:
        return year is not None and self.year is not None and _same(self.year, self.agency, year, agency)

    def add(self, part: Part) -> None:
        self.parts.append(part)
        if self.year is None and part.year is not None:
            self.year, self.year_source = part.year, part.year_source
        self.agency = self.agency or part.agency

    def describe(self, with_agency: bool) -> str:
        where = "、".join(p.where for p in self.parts)      # a sheet of texts only is read too
        if self.year is None:
            return f"工作表{where}的年度不明的报告"
        agency = self.agency if with_agency else ""
        return f"工作表{where}的{agency} {self.year} 年报告"


@dataclass
class Choice:
    """What to read: the sheets (or bands) of one report, and the note saying so."""
    book: Book
    parts: List[Part]
    note: str = ""                  # set when the workbook holds several reports
    year: Optional[int] = None      # the chosen report's year and agency as its parts name them
    agency: str = ""
    year_source: str = ""

    def holds(self, sheet_name: str, row: int) -> bool:
        return any(p.sheet.name == sheet_name and row in p.rows for p in self.parts)


def choose(book: Book, year: Optional[int] = None) -> Choice:
    per_sheet = [(sheet, _parts_of(sheet, cut=True)) for sheet in book.sheets]
    held = [h for h in _group([p for _, parts in per_sheet for p in parts]) if h.tables]
    if len(held) < 2:       # one report: every sheet whole, a sheet cut into bands made whole again
        return Choice(book, [p for sheet, parts in per_sheet
                             for p in (parts if len(parts) == 1 else _parts_of(sheet, cut=False))])
    asked = [h for h in held if year is not None and h.year == year]
    # max() keeps the first of equals: the latest year, and of one year the first report.
    chosen = asked[0] if asked else max(held, key=lambda h: (h.year is not None, h.year or 0))
    with_agency = len({h.agency for h in held if h.agency}) > 1
    missing = f"，其中没有 {year} 年的报告" if year is not None and not asked else ""
    note = (f"工作簿中有 {len(held)} 份报告（{'；'.join(h.describe(with_agency) for h in held)}）{missing}，"
            f"已读取{chosen.describe(with_agency)}；其他报告未读取（如需导入，"
            "请把该报告单独另存为一个工作簿再导入）")
    sub = Book([p.sheet for p in chosen.parts], book.names, book.props, list(book.cuts))
    return Choice(sub, chosen.parts, note, chosen.year, chosen.agency, chosen.year_source)


def _parts_of(sheet: Sheet, cut: bool) -> List[Part]:
    kept = []          # the titles where another report starts
    for t in titles(sheet):
        if not kept or not _same(kept[-1].year, kept[-1].agency, t.year, t.agency):
            kept.append(t)
    whole = f"“{sheet.name}”"
    if len(kept) == 1:
        t = kept[0]
        return [Part(sheet, whole, t.year, t.agency, f"标题“{t.text}”")]
    if not kept or not cut:
        year = sheet_year(sheet.name)
        return [Part(sheet, whole, year, "", f"工作表名“{sheet.name}”" if year is not None else "")]
    starts = [0] + [t.row for t in kept[1:]]
    ends = starts[1:] + [len(sheet.rows)]
    parts = []
    for t, start, end in zip(kept, starts, ends):
        band = Sheet(sheet.name, [[] for _ in range(start)] + sheet.rows[start:end],
                     [(r0, c0, min(r1, end - 1), c1) for r0, c0, r1, c1 in sheet.merges if start <= r0 < end])
        parts.append(Part(band, f"{whole}第{start + 1}～{end}行", t.year, t.agency, f"标题“{t.text}”",
                          range(start, end)))
    return parts


def _same(year_a: int, agency_a: str, year_b: int, agency_b: str) -> bool:
    return year_a == year_b and (not agency_a or not agency_b or agency_a == agency_b)


def _group(parts: List[Part]) -> List[Held]:
    reports: List[Held] = []
    current: Optional[Held] = None
    for part in parts:
        repeats = current is not None and bool(set(part.found) & current.tables)
        home = None
        if part.year is not None:
            home = next((h for h in reports if h.names(part.year, part.agency)), None)
            if home is None and current is not None and current.year is None and not repeats:
                home = current          # the title sheet after the table sheets it heads
        elif current is not None and not repeats:
            home = current
        if home is None:
            home = Held()
            reports.append(home)
        home.add(part)
        current = home
    return reports
