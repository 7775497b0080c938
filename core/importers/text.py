"""Read the text of a published report copied from its web page (the clipboard, or a .txt file).

Copied text has lost the table markup.  A table row comes as its labels and
then its numbers — separated by tabs or spaces, one cell per line, or run
together with no separator at all (``行政规范性文件5615``).  Each row is
recognised by its label through the one label matcher over ``FORM``'s rows
(表四's row of fifteen numbers by the heading above it); run-together digits are
split by the table's own rules (``runon``), and a row they leave ambiguous is
left blank with a note naming the candidates.  The rows read are laid out in
the official grid from ``FORM`` — headers and labels included — so the
workbook importer reads them as it reads any table; everything else is text.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Optional, Tuple

from ..checks.findings import table_name
from ..form import FORM
from ..xlsx.labels import Candidate, Matcher, squash
from ..xlsx.narrative import _section_of_heading
from . import runon
from .grid import Block, Cell, Table

MAX_CHARS = 500_000           # a report's text is some 10 000 characters
MAX_LABEL = 60
_NUMBER = r"(?:\d+(?:\.\d+)?|[/／—－-]{1,2}|无)"
_TAIL = re.compile(rf"^(?P<label>.*?\D)??\s*(?P<nums>{_NUMBER}(?:[\s\t]+{_NUMBER})*)$")
_ONLY_NUMBERS = re.compile(rf"^{_NUMBER}(?:\s+{_NUMBER})*$")

_MATCHERS = {
    "t2": Matcher([Candidate(r.key, r.path) for r in FORM.table("t2").rows], exact=True),
    "t3": Matcher([Candidate(r.key, r.path) for r in FORM.table("t3").rows]),
}
_COLS = {"t2": {"regulations": 3, "normative": 3}, "t3": {}}
T4_CELLS = [c.id for c in FORM.table("t4").cells]


def decode(data: bytes) -> Optional[str]:
    for enc in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _count(table: str, row: str) -> int:
    if table == "t3":
        return len(FORM.table("t3").columns)
    return _COLS["t2"].get(row, 1)


def _row_ids(table: str, row: str) -> List[str]:
    t = FORM.table(table)
    return [c.id for c in t.cells if c.row.key == row]


class _Reader:
    def __init__(self, lines: List[str]):
        self.lines = lines
        self.values: Dict[str, str] = {}          # cell id → text as copied
        self.rows_seen: Dict[str, int] = {}       # "t3.new" → line index
        self.runs: Dict[str, Dict[str, List[runon.Split]]] = {"t2": {}, "t3": {}, "t4": {}}
        self.notes: List[str] = []
        self.section = 0
        self.consumed: set = set()                # lines of numbers taken into a row

    def match(self, label: str) -> Optional[Tuple[str, str]]:
        s = squash(label)
        if not s or len(s) > MAX_LABEL:
            return None
        tables = ("t2",) if self.section == 2 else ("t3",) if self.section == 3 else ()
        for t in tables:
            m = _MATCHERS[t].match(s, last=s, near=False)
            if m.key:
                return t, m.key
        return None

    def read(self) -> None:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            heading = _section_of_heading(line) if "\t" not in line else None
            if heading:
                self.section = heading
            i = self.read_row(i, line) + 1

    def read_row(self, i: int, line: str) -> int:
        """Read a table row starting at line ``i``; return the last line it took."""
        flat = line.replace("\t", " ").strip()
        if self.section == 4 and _ONLY_NUMBERS.match(flat) and "t4.t4" not in self.rows_seen:
            self.rows_seen["t4.t4"] = i
            if "\t" in line.strip():
                self.place("t4", "t4", [c.strip() for c in line.strip("\r\n").split("\t")], len(T4_CELLS))
                return i
            return self.read_numbers(i, "t4", "t4", len(T4_CELLS))
        if "\t" in line:
            # Cells kept apart by tabs: an empty cell stays empty.
            cells = [c.strip() for c in line.split("\t")]
            labels = [k for k, c in enumerate(cells) if c and not re.fullmatch(_NUMBER, c)]
            cut = labels[-1] + 1 if labels else 0
            label, tokens = "".join(cells[:cut]), cells[cut:]
            # Empty cells beside a merged label or after the last column: more cells than columns.
            k = _count(*found) if (found := self.match(label)) else len(tokens)
            while len(tokens) > k and not tokens[0]:
                tokens.pop(0)
            while tokens and not tokens[-1] and (len(tokens) > k or not any(tokens)):
                tokens.pop()
            nums = " ".join(t or "_" for t in tokens)
        else:
            m = _TAIL.match(flat)
            label, nums = (m.group("label") or "", m.group("nums")) if m else (flat, "")
        found = self.match(label) if label else None
        if found is None:
            return i
        table, row = found
        key = f"{table}.{row}"
        if key in self.rows_seen:
            return i
        if not nums:       # one cell per line: the numbers follow on lines of their own
            last = self.read_numbers(i + 1, table, row, _count(table, row))
            if last > i:
                self.rows_seen[key] = i
            return last
        self.rows_seen[key] = i
        self.place(table, row, [t.strip("_") for t in nums.split()], _count(table, row))
        return i

    def read_numbers(self, i: int, table: str, row: str, k: int) -> int:
        tokens: List[str] = []
        j = i
        while j < len(self.lines) and len(tokens) < k:
            flat = self.lines[j].replace("\t", " ").strip()
            if not _ONLY_NUMBERS.match(flat):
                break
            tokens += flat.split()
            self.consumed.add(j)
            j += 1
        if not tokens:
            return i - 1
        if len(tokens) < k and not (len(tokens) == 1 and tokens[0].isdigit()):
            self.notes.append(f"{self.where(table, row)}只有 {len(tokens)} 个数字，少于该行的 {k} 列，"
                              "无法确定各属哪一列，该行留空，请核对后填写")
            return j - 1
        self.place(table, row, tokens, k)
        return j - 1

    @staticmethod
    def where(table: str, row: str) -> str:
        return table_name(table + ".") + ("" if table == "t4" else f"“{_row_name(table, row)}”行")

    def place(self, table: str, row: str, tokens: List[str], k: int) -> None:
        ids = T4_CELLS if table == "t4" else _row_ids(table, row)
        if len(tokens) == 1 and k > 1 and tokens[0].isdigit():
            self.runs[table][row] = runon.row_splits(table, tokens[0], k)
            return
        for cid, tok in zip(ids, tokens):
            self.values[cid] = tok

    def settle(self) -> None:
        for table, rows in self.runs.items():
            if not rows:
                continue
            fixed, ambiguous = runon.settle(rows) if table == "t3" else (
                {r: v[0] for r, v in rows.items() if len(v) == 1}, {r: v for r, v in rows.items() if len(v) > 1})
            for row, split in fixed.items():
                ids = T4_CELLS if table == "t4" else _row_ids(table, row)
                self.values.update({cid: str(n) for cid, n in zip(ids, split)})
            for row in rows:
                if row in fixed:
                    continue
                where = self.where(table, row)
                options = ambiguous.get(row, [])
                if options:
                    listed = "；".join(runon.shown(s) for s in options[:6]) + ("等" if len(options) > 6 else "")
                    self.notes.append(f"{where}的数字连在一起，可拆分为多种结果（{listed}），无法确定，该行留空，请核对后填写")
                else:
                    self.notes.append(f"{where}的数字连在一起，按表格的合计关系无法拆分，该行留空，请核对后填写")


def _row_name(table: str, row: str) -> str:
    return next(r.name for r in FORM.table(table).rows if r.key == row)


def _official_table(key: str, values: Dict[str, str], rows_seen) -> Table:
    """The official grid of table ``key`` (from ``FORM``) holding the rows read."""
    t = FORM.table(key)
    data_row = {pos[0]: cid.rsplit(".", 1)[0] for cid, pos in t.data_positions.items()}
    grid: List[List[Cell]] = [[] for _ in range(t.grid_rows)]
    for g in sorted(t.grid, key=lambda g: (g.row, g.col)):
        text = g.text
        if g.role == "data":
            text = values.get(g.cell_id, "")
        elif g.role == "label" and g.rowspan == 1 and key != "t4" and data_row.get(g.row) not in rows_seen:
            text = ""      # a row the copy did not have: its label is left out, so the importer notes it
        grid[g.row].append(Cell(text, g.rowspan, g.colspan))
    return grid


def read_text(data: bytes, name: str) -> Tuple[List[Block], List[str]]:
    from ..errors import InputError
    if len(data) > MAX_CHARS * 4:
        raise InputError(f"“{name}”的文字过多（{len(data) // 1024} KB），不像一份年报，已拒绝导入")
    text = decode(data)
    if text is None:
        raise InputError(f"“{name}”不是可识别编码（UTF-8 或 GBK）的文本，无法读取")
    if len(text) > MAX_CHARS:
        raise InputError(f"“{name}”的文字过多（{len(text)} 个字），不像一份年报，已拒绝导入")
    # Markdown heading marks (a copy pasted through a note-taking tool) are not text.
    lines = [re.sub(r"^#{1,6}\s+", "", ln.replace("\xa0", " ").strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    reader = _Reader([unicodedata.normalize("NFKC", ln) for ln in lines])
    reader.read()
    reader.settle()
    blocks: List[Block] = []
    first_line = {}
    for key, i in reader.rows_seen.items():
        t = key.split(".", 1)[0]
        first_line[t] = min(first_line.get(t, i), i)
    taken = set(reader.rows_seen.values()) | reader.consumed
    seen_rows = {k.split(".", 1)[1] for k in reader.rows_seen}
    for i, line in enumerate(lines):
        for t, at in first_line.items():
            if at == i:
                rows = seen_rows | ({"t4"} if t == "t4" else set())
                blocks.append(_official_table(t, {c: v for c, v in reader.values.items() if c.startswith(t)},
                                              {f"{t}.{r}" for r in rows}))
        if i not in taken:
            blocks.append(line)
    return blocks, reader.notes
