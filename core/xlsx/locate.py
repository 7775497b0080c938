"""Find the official tables in a sheet by their labels, wherever they stand.

Every table is read the same way: a header row is recognised by the column
labels it carries, the columns below it are matched through the header rows
above (merged cells filled in, so ``法人或其他组织`` sits over each of its five
columns), and the rows below are matched by the labels left of the data
columns.  Labels come only from ``FORM`` (rows' and columns' paths,
``T2_BLOCKS``, ``T4_GROUPS``/``T4_OUTCOMES``).

The result is a position for each cell id found, and what was not found or
could not be placed, by label, for the import notes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..form import FORM, T2_BLOCKS, T4_GROUPS, T4_OUTCOMES, Column, Row
from .book import Sheet
from .labels import Candidate, Matcher, core, is_label, squash

T3 = FORM.table("t3")
T4 = FORM.table("t4")
MAX_HEADER_ROWS = 4
MAX_TABLE_ROWS = 45

# Labels of the 2019 (试行) format that the 2021 format dropped (reference §5):
# they mark a workbook as a 2019 one.  They are 2019 labels, not 2021 ones.
FORMAT_2019_MARKERS = tuple(squash(s) for s in (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "政府集中采购", "采购项目数量",
    "其他对外管理服务事项"))
_CLOSED_GROUP = core(T3.rows[[r.key for r in T3.rows].index("closed.other")].path[1])


class Grid:
    """A sheet with merged cells filled in and each cell's label squashed."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.nrows = len(sheet.rows)
        self.ncols = max((len(r) for r in sheet.rows), default=0)
        self.values = [list(r) + [None] * (self.ncols - len(r)) for r in sheet.rows]
        self.continued = set()       # cells covered by a merge but not its top-left
        for r0, c0, r1, c1 in sheet.merges:
            if r0 >= self.nrows or c0 >= self.ncols:
                continue
            v = self.values[r0][c0]
            for r in range(r0, min(r1, self.nrows - 1) + 1):
                for c in range(c0, min(c1, self.ncols - 1) + 1):
                    if (r, c) != (r0, c0):
                        self.values[r][c] = v
                        self.continued.add((r, c))
        self.labels = [[squash(v) if is_label(v) else "" for v in row] for row in self.values]

    def row_text(self, r: int, c0: int = 0, c1: Optional[int] = None) -> str:
        return _joined(self.labels[r][c] for c in range(c0, self.ncols if c1 is None else c1))

    def header_texts(self, rows: Sequence[int]) -> List[str]:
        """Each column's text down the header rows.

        A group label over several columns that was centred across them instead
        of merged leaves the cells to its right blank: in every header row but
        the last, a blank cell takes the label to its left.
        """
        spread = []
        for r in rows[:-1]:
            row, last = [], ""
            for lab in self.labels[r]:
                last = lab or last
                row.append(last)
            spread.append(row)
        spread.append(self.labels[rows[-1]])
        return [_joined(row[c] for row in spread) for c in range(self.ncols)]

    def last_label(self, r: int, c1: int) -> str:
        return next((self.labels[r][c] for c in range(c1 - 1, -1, -1) if self.labels[r][c]), "")

    def shown_label(self, r: int, c1: int) -> str:
        """The innermost label of a row as the file writes it, for the import notes."""
        for c in range(c1 - 1, -1, -1):
            if self.labels[r][c]:
                return _shown(self.values[r][c])
        return ""

    def has_data(self, r: int, cols: Sequence[int]) -> bool:
        return any(self.values[r][c] not in (None, "") and not self.labels[r][c] for c in cols)

    def mentions(self, r: int, cores: Sequence[str]) -> bool:
        return any(k and k in lab for lab in self.labels[r] if lab for k in cores)


def _shown(value) -> str:
    return " ".join(str(value).split())


def _joined(labels) -> str:
    out: List[str] = []
    for lab in labels:
        if lab and (not out or out[-1] != lab):
            out.append(lab)
    return "".join(out)


@dataclass
class Found:
    """Cells of one table located in one sheet, and what was left unplaced."""
    table: str
    sheet: str
    cells: Dict[str, Tuple[int, int]] = field(default_factory=dict)
    near: List[Tuple[str, str]] = field(default_factory=list)        # (official label, label in file)
    unmatched_rows: List[Tuple[int, str]] = field(default_factory=list)  # rows with data, no label match
    duplicate_rows: List[Tuple[int, str]] = field(default_factory=list)
    ambiguous: List[str] = field(default_factory=list)
    missing_rows: List[Row] = field(default_factory=list)
    missing_columns: List[Column] = field(default_factory=list)
    closed_2019_row: Optional[int] = None    # a 2019 single （六）其他处理 row, read into 3.其他


def _candidates(items) -> List[Candidate]:
    return [Candidate(i.key, i.path) for i in items]


def _header_row(grid: Grid, matcher: Matcher, needed: int, start: int = 0) -> Optional[int]:
    """The first row from ``start`` whose cells name at least ``needed`` different columns."""
    for r in range(start, grid.nrows):
        keys = {matcher.match(lab, near=False).key for lab in grid.labels[r] if lab}
        if len(keys - {None}) >= needed:
            return r
    return None


def _header_block(grid: Grid, hr: int, cores: Sequence[str]) -> List[int]:
    """``hr`` with the header rows above it that carry the columns' group labels."""
    rows, wanted = [hr], set(cores)
    for r in range(hr - 1, max(-1, hr - MAX_HEADER_ROWS), -1):
        # A group label stands alone in its cell; a heading that merely mentions one does not count.
        if not any(core(lab) in wanted for lab in grid.labels[r] if lab):
            break
        rows.insert(0, r)
    return rows


def _columns(grid: Grid, header: Sequence[int], matcher: Matcher, found: Found,
             labels: Dict[str, str]) -> Dict[str, int]:
    """Column key → the leftmost sheet column whose header text matches it."""
    cols: Dict[str, int] = {}
    for c, text in enumerate(grid.header_texts(header)):
        m = matcher.match(text, last=grid.labels[header[-1]][c])
        if m.ambiguous:
            found.ambiguous.append(f"第{c + 1}列表头“{_shown(grid.values[header[-1]][c])}”")
        if m.key and m.key not in cols:
            cols[m.key] = c
            if m.near:
                found.near.append((labels[m.key], _shown(grid.values[header[-1]][c])))
    return cols


def _rows(grid: Grid, first: int, label_end: int, data_cols: Sequence[int], matcher: Matcher,
          found: Found, labels: Dict[str, str], stop_after: Optional[str] = None) -> Dict[str, int]:
    """Row key → sheet row, for the rows from ``first`` whose labels match."""
    rows: Dict[str, int] = {}
    pending: List[Tuple[int, str]] = []      # unmatched rows, reported if they hold data
    for r in range(first, min(grid.nrows, first + MAX_TABLE_ROWS)):
        text = grid.row_text(r, 0, label_end)
        shown = grid.shown_label(r, label_end)
        m = matcher.match(text, last=grid.last_label(r, label_end)) if text else None
        if m is None or m.key is None:
            if m is not None and m.ambiguous:
                found.ambiguous.append(f"第{r + 1}行“{shown}”")
            if grid.has_data(r, data_cols) or text:
                pending.append((r, text))
            if stop_after and stop_after in rows:
                break
            continue
        found.unmatched_rows += [(pr, grid.shown_label(pr, label_end)) for pr, _ in pending
                                 if grid.has_data(pr, data_cols)]
        if found.closed_2019_row is None:
            found.closed_2019_row = next(
                (pr for pr, t in pending if _CLOSED_GROUP in t and grid.has_data(pr, data_cols)), None)
        pending = []
        if m.key in rows:
            found.duplicate_rows.append((r, shown))
            continue
        rows[m.key] = r
        if m.near:
            found.near.append((labels[m.key], shown))
    if found.closed_2019_row is not None:
        found.unmatched_rows = [u for u in found.unmatched_rows if u[0] != found.closed_2019_row]
    return rows


def find_t3(grid: Grid) -> Optional[Found]:
    col_matcher = Matcher(_candidates(T3.columns))
    hr = _header_row(grid, col_matcher, needed=4)
    if hr is None:
        return None
    found = Found("t3", grid.sheet.name)
    col_labels = {c.key: c.label for c in T3.columns}
    group_cores = [core(p) for c in T3.columns for p in c.path[:-1]]
    cols = _columns(grid, _header_block(grid, hr, group_cores), col_matcher, found, col_labels)
    if not cols:
        return None
    label_end = min(cols.values())
    row_labels = {r.key: r.name for r in T3.rows}
    rows = _rows(grid, hr + 1, label_end, list(cols.values()), Matcher(_candidates(T3.rows)),
                 found, row_labels, stop_after="carried_out")
    if len(rows) < 3:
        return None
    if found.closed_2019_row is not None and not any(k.startswith("closed.") for k in rows):
        rows["closed.other"] = found.closed_2019_row
    else:
        found.closed_2019_row = None
    for rk, r in rows.items():
        for ck, c in cols.items():
            found.cells[T3.cell_at(rk, ck).id] = (r, c)
    # A 2019 table has no 1./2. under （六）: its one row went to 3.其他 and is noted as such.
    found.missing_rows = [row for row in T3.rows if row.key not in rows
                          and not (found.closed_2019_row is not None and row.key.startswith("closed."))]
    found.missing_columns = [col for col in T3.columns if col.key not in cols]
    return found


_T4_GROUP_CORES = [core(p) for g in T4_GROUPS for p in g.path]
# The printed table's fifteen columns: each group's path above each outcome.
_T4_COLUMNS = [Candidate(f"{g.key}.{k}", g.path + (label,)) for g in T4_GROUPS for k, label in T4_OUTCOMES]
_T4_DISTINCT_OUTCOMES = [Candidate(k, (label,)) for k, label in T4_OUTCOMES if k != "total"]


def find_t4(grid: Grid) -> Optional[Found]:
    hr = _header_row(grid, Matcher(_T4_DISTINCT_OUTCOMES), needed=3)
    if hr is None:
        return None
    found = Found("t4", grid.sheet.name)
    header = _header_block(grid, hr, _T4_GROUP_CORES)
    # The outcome labels may take two rows (行政复议's merged down beside 诉讼's second level).
    while header[-1] + 1 < grid.nrows and grid.mentions(header[-1] + 1, [c.leaf_variants[0] for c in _T4_DISTINCT_OUTCOMES]):
        header.append(header[-1] + 1)
    labels = {c.key: "·".join(c.path) for c in _T4_COLUMNS}
    cols = _columns(grid, header, Matcher(_T4_COLUMNS), found, labels)
    if len(cols) >= 5:                       # the official layout: groups across, one data row
        data_row = header[-1] + 1
        if data_row >= grid.nrows:
            return None
        for key, c in cols.items():
            found.cells[f"t4.{key}"] = (data_row, c)
        found.missing_columns = [Column(c.key, c.path) for c in _T4_COLUMNS if c.key not in cols]
        return found
    # Transposed: outcomes across, one row per group (行政复议 / 未经复议直接起诉 / 复议后起诉).
    found.ambiguous.clear()
    outcome_labels = {k: label for k, label in T4_OUTCOMES}
    outcomes = _columns(grid, header, Matcher([Candidate(k, (lab,)) for k, lab in T4_OUTCOMES]),
                        found, outcome_labels)
    if not outcomes:
        return None
    label_end = min(outcomes.values())
    groups = _rows(grid, header[-1] + 1, label_end, list(outcomes.values()),
                   Matcher(_candidates(T4_GROUPS)), found, {g.key: "".join(g.path) for g in T4_GROUPS})
    if not groups:
        return None
    for gk, r in groups.items():
        for ok, c in outcomes.items():
            found.cells[f"t4.{gk}.{ok}"] = (r, c)
    found.missing_rows = [g for g in T4_GROUPS if g.key not in groups]
    found.missing_columns = [Column(k, (lab,)) for k, lab in T4_OUTCOMES if k not in outcomes]
    return found


_T2_ROWS = [row for block in T2_BLOCKS for row in block.rows]
T2_LABEL_CHARS = 2 * max(len(row.label) for row in _T2_ROWS)
_T2_COLUMNS = list({c.key: c for block in T2_BLOCKS for c in block.columns}.values())


def find_t2(grid: Grid) -> Optional[Found]:
    """表二: each item row takes its columns from the nearest header row above it."""
    col_matcher = Matcher(_candidates(_T2_COLUMNS))
    row_matcher = Matcher(_candidates(_T2_ROWS), exact=True)
    col_labels = {c.key: c.label for c in _T2_COLUMNS}
    found = Found("t2", grid.sheet.name)
    header_cols: Dict[int, Dict[str, int]] = {}
    found_rows = set()
    for r in range(grid.nrows):
        at = next((c for c, lab in enumerate(grid.labels[r]) if lab), None)
        first = grid.labels[r][at] if at is not None else ""
        # 表二's row labels are short words; a long first label is not one of them.
        m = row_matcher.match(first, last=first) if 0 < len(first) <= T2_LABEL_CHARS else None
        if m is None or m.key is None:
            continue
        hr = _header_row_above(grid, r, col_matcher)
        if hr is None:
            continue
        if hr not in header_cols:
            header_cols[hr] = _columns(grid, [hr], col_matcher, found, col_labels)
        if m.key in found_rows:
            found.duplicate_rows.append((r, _shown(grid.values[r][at])))
            continue
        found_rows.add(m.key)
        if m.near:
            found.near.append((next(x.label for x in _T2_ROWS if x.key == m.key), _shown(grid.values[r][at])))
        for ck, c in header_cols[hr].items():
            cid = f"t2.{m.key}.{ck}"
            if cid in FORM.cells:
                found.cells[cid] = (r, c)
    if not found.cells:
        return None
    found.missing_rows = [row for row in _T2_ROWS if row.key not in found_rows]
    return found


def _header_row_above(grid: Grid, r: int, matcher: Matcher) -> Optional[int]:
    for hr in range(r - 1, max(-1, r - 12), -1):
        if any(matcher.match(lab, near=False).key for lab in grid.labels[hr] if lab):
            return hr
    return None


def is_2019(grid: Grid) -> bool:
    return any(lab in FORMAT_2019_MARKERS for row in grid.labels for lab in row if lab)
