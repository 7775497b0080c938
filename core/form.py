"""The 2021 national format (国办公开办函〔2021〕30号) as data.

This module is the one place where the official labels, the cell ids of
FORMAT.md, which cells are sums of which, and how each table's headers merge
are written down.  The report model, the checks, the GUI grids, the PDF and the
Excel writers and the Excel reader all read it; none of them spells a label or
a cell position again.

A table is described twice over, from the same definitions:

* as *cells* (``Cell``): id, row, column, kind (count or money) and, for a
  computed total, the ids of its parts;
* as a *grid* (``GridCell``): the official printed layout with its merged
  header and label cells, which every renderer draws as it is.

Merges are derived, not listed: a header or row label is a path of labels
(``("申请人情况", "法人或其他组织", "商业企业")``); neighbouring paths that share
a prefix share the merged cell, and a path shorter than the header is deep
spans the remaining levels.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

COUNT = "count"
MONEY = "money"

# Grid cell roles, which renderers style differently.
ROLE_HEADING = "heading"   # a block heading spanning the table (表二 第二十条第（一）项)
ROLE_HEADER = "header"     # a column header
ROLE_LABEL = "label"       # a row label
ROLE_NOTE = "note"         # the 勾稽关系 note in 表三's corner
ROLE_DATA = "data"         # a data cell: carries a cell id


@dataclass(frozen=True)
class Column:
    """A column of a table: its key, path of header labels and official label."""

    key: str
    path: Tuple[str, ...]          # header labels from the top level down

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Row:
    """A row of a table: its key, path of labels and official label."""

    key: str
    path: Tuple[str, ...]          # row labels from the outermost group inwards

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def name(self) -> str:
        """The row as a reader names it: enough of the path to be unambiguous.

        ``（三）不予公开 2.其他法律行政法规禁止公开`` rather than ``2.…`` alone;
        the outermost ``三、本年度办理结果`` is dropped for sub-rows because
        every finding about them already says which table it is.
        """
        parts = self.path[1:] if len(self.path) > 1 else self.path
        return " ".join(parts)


@dataclass(frozen=True)
class Cell:
    """One cell of the form: where it is, what it holds, and what it sums if computed."""

    id: str
    table: str
    row: Row
    column: Column
    kind: str = COUNT
    parts: Tuple[str, ...] = ()    # for a computed cell, the ids it sums

    @property
    def computed(self) -> bool:
        return bool(self.parts)

    @property
    def label(self) -> str:
        """``四、结转下年度继续办理·自然人``: the row's name and the column's label."""
        return f"{self.row.name}·{self.column.label}"


@dataclass(frozen=True)
class GridCell:
    """One box of a table's drawn grid (heading, header, label, note or data), with its span."""

    row: int
    col: int
    role: str
    text: str = ""
    cell_id: Optional[str] = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """One of the tables 二, 三, 四: rows, columns, cells and the grid they are drawn in."""

    key: str                       # "t2", "t3", "t4"
    section: int                   # the report section (二 = 2 …) it belongs to
    title: str                     # the section heading it is printed under
    cells: Tuple[Cell, ...]
    grid: Tuple[GridCell, ...]
    grid_rows: int
    grid_cols: int
    header_rows: int               # grid rows to repeat when the table breaks across pages
    label_cols: int                # grid columns that hold row labels

    @cached_property
    def data_positions(self) -> Dict[str, Tuple[int, int]]:
        return {g.cell_id: (g.row, g.col) for g in self.grid if g.cell_id}

    @cached_property
    def rows(self) -> Tuple[Row, ...]:
        seen: Dict[str, Row] = {}
        for c in self.cells:
            seen.setdefault(c.row.key, c.row)
        return tuple(seen.values())

    @cached_property
    def columns(self) -> Tuple[Column, ...]:
        seen: Dict[str, Column] = {}
        for c in self.cells:
            seen.setdefault(c.column.key, c.column)
        return tuple(seen.values())

    def cell_at(self, row_key: str, column_key: str) -> Cell:
        return FORM.cells[f"{self.key}.{row_key}.{column_key}"]


@dataclass(frozen=True)
class Section:
    """One of the six sections of the report: a text or a table."""

    number: int                    # 1 … 6
    title: str                     # the template heading, e.g. 一、总体情况
    body_title: str                # the longer title of the format's body text
    text_key: Optional[str] = None  # narrative sections: key in report.text
    table_key: Optional[str] = None  # table sections: "t2" …
    placeholder: str = ""          # the template's placeholder line
    tab_label: str = ""            # the window's short tab title, e.g. 主动公开 (not an official label)

    @property
    def numeral(self) -> str:
        return self.title.split("、", 1)[0]

    @property
    def short_title(self) -> str:
        return self.title.split("、", 1)[1]


@dataclass(frozen=True)
class Form:
    """The whole 2021 form: sections, tables, cells."""

    template: str
    name: str
    sections: Tuple[Section, ...]
    tables: Tuple[Table, ...]
    text_keys: Tuple[str, ...]     # every narrative text the report file carries
    cells: Dict[str, Cell] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def section(self, number: int) -> Section:
        return self.sections[number - 1]

    def section_of_cell(self, cell_id: str) -> Section:
        return self.section(self.table(cell_id.split(".", 1)[0]).section)

    def section_of_text(self, text_key: str) -> Optional[Section]:
        return next((s for s in self.sections if s.text_key == text_key), None)

    @cached_property
    def computed_cells(self) -> Tuple[Cell, ...]:
        return tuple(c for c in self.cells.values() if c.computed)

    @cached_property
    def input_cells(self) -> Tuple[Cell, ...]:
        return tuple(c for c in self.cells.values() if not c.computed)


# ---------------------------------------------------------------------------
# Merge layout: paths of labels → spanning grid cells.

def _spans(paths: Sequence[Tuple[str, ...]], depth: int) -> List[Tuple[int, int, int, int, str]]:
    """(level, index, extent along the list, extent across levels, text) for each merged cell.

    ``paths[i]`` is the label path of the i-th item (a column or a row).  At each
    level, consecutive items with the same prefix share one cell; an item's last
    label extends across the levels its path does not use.
    """
    out = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if level >= len(path):
                i += 1
                continue
            j = i + 1
            while j < len(paths) and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            across = depth - level if level == len(path) - 1 else 1
            out.append((level, i, j - i, across, path[level]))
            i = j
    return out


def _column_headers(columns: Sequence[Column], top: int, left: int) -> List[GridCell]:
    depth = max(len(c.path) for c in columns)
    return [
        GridCell(row=top + level, col=left + i, role=ROLE_HEADER, text=text,
                 colspan=along, rowspan=across)
        for level, i, along, across, text in _spans([c.path for c in columns], depth)
    ]


def _row_labels(rows: Sequence[Row], top: int, left: int, depth: int) -> List[GridCell]:
    return [
        GridCell(row=top + i, col=left + level, role=ROLE_LABEL, text=text,
                 rowspan=along, colspan=across)
        for level, i, along, across, text in _spans([r.path for r in rows], depth)
    ]


def _cells(table: str, rows: Sequence[Row], columns: Sequence[Column], kind: str = COUNT) -> List[Cell]:
    return [Cell(id=f"{table}.{r.key}.{c.key}", table=table, row=r, column=c, kind=kind)
            for r in rows for c in columns]


def _with_sums(cells: List[Cell], sums: Dict[str, Iterable[str]]) -> Tuple[Cell, ...]:
    return tuple(
        Cell(c.id, c.table, c.row, c.column, c.kind, tuple(sums[c.id])) if c.id in sums else c
        for c in cells
    )


# ---------------------------------------------------------------------------
# 表二 二、主动公开政府信息情况: four blocks, one per item of 第二十条.

@dataclass(frozen=True)
class _Block:
    """One block of 表二 (an item of 第二十条) and its columns."""

    heading: str
    columns: Tuple[Column, ...]
    rows: Tuple[Row, ...]
    kind: str = COUNT


T2_ITEM_HEADER = "信息内容"
_DECISIONS = Column("decisions", ("本年处理决定数量",))
T2_BLOCKS = (
    _Block("第二十条第（一）项",
           (Column("issued", ("本年制发件数",)), Column("repealed", ("本年废止件数",)),
            Column("in_force", ("现行有效件数",))),
           (Row("regulations", ("规章",)), Row("normative", ("行政规范性文件",)))),
    _Block("第二十条第（五）项", (_DECISIONS,), (Row("licensing", ("行政许可",)),)),
    _Block("第二十条第（六）项", (_DECISIONS,),
           (Row("penalty", ("行政处罚",)), Row("coercion", ("行政强制",)))),
    _Block("第二十条第（八）项", (Column("amount", ("本年收费金额（单位：万元）",)),),
           (Row("fees", ("行政事业性收费",)),), kind=MONEY),
)


def _table2(section: int, title: str) -> Table:
    width = 4
    grid: List[GridCell] = []
    cells: List[Cell] = []
    r = 0
    for block in T2_BLOCKS:
        grid.append(GridCell(r, 0, ROLE_HEADING, block.heading, colspan=width))
        r += 1
        span = (width - 1) // len(block.columns)
        grid.append(GridCell(r, 0, ROLE_HEADER, T2_ITEM_HEADER))
        grid += [GridCell(r, 1 + k * span, ROLE_HEADER, col.label, colspan=span)
                 for k, col in enumerate(block.columns)]
        r += 1
        for row in block.rows:
            grid.append(GridCell(r, 0, ROLE_LABEL, row.label))
            for k, col in enumerate(block.columns):
                cell = Cell(f"t2.{row.key}.{col.key}", "t2", row, col, block.kind)
                cells.append(cell)
                grid.append(GridCell(r, 1 + k * span, ROLE_DATA, cell_id=cell.id, colspan=span))
            r += 1
    return Table("t2", section, title, tuple(cells), tuple(grid), r, width,
                 header_rows=0, label_cols=1)


# ---------------------------------------------------------------------------
# 表三 三、收到和处理政府信息公开申请情况.

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_APPLICANTS = "申请人情况"
_ORGS = "法人或其他组织"
T3_COLUMNS = (
    Column("natural", (_APPLICANTS, "自然人")),
    Column("commercial", (_APPLICANTS, _ORGS, "商业企业")),
    Column("research", (_APPLICANTS, _ORGS, "科研机构")),
    Column("social", (_APPLICANTS, _ORGS, "社会公益组织")),
    Column("legal", (_APPLICANTS, _ORGS, "法律服务机构")),
    Column("other_org", (_APPLICANTS, _ORGS, "其他")),
    Column("total", (_APPLICANTS, "总计")),
)
_RESULTS = "三、本年度办理结果"
_REFUSED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_REJECTED = "（五）不予处理"
_CLOSED = "（六）其他处理"
T3_ROWS = (
    Row("new", ("一、本年新收政府信息公开申请数量",)),
    Row("carried_in", ("二、上年结转政府信息公开申请数量",)),
    Row("granted", (_RESULTS, "（一）予以公开")),
    Row("partial", (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    Row("refused.secret", (_RESULTS, _REFUSED, "1.属于国家秘密")),
    Row("refused.prohibited", (_RESULTS, _REFUSED, "2.其他法律行政法规禁止公开")),
    Row("refused.security", (_RESULTS, _REFUSED, "3.危及“三安全一稳定”")),
    Row("refused.third_party", (_RESULTS, _REFUSED, "4.保护第三方合法权益")),
    Row("refused.internal", (_RESULTS, _REFUSED, "5.属于三类内部事务信息")),
    Row("refused.process", (_RESULTS, _REFUSED, "6.属于四类过程性信息")),
    Row("refused.enforcement", (_RESULTS, _REFUSED, "7.属于行政执法案卷")),
    Row("refused.inquiry", (_RESULTS, _REFUSED, "8.属于行政查询事项")),
    Row("unavailable.not_held", (_RESULTS, _UNAVAILABLE, "1.本机关不掌握相关政府信息")),
    Row("unavailable.needs_creation", (_RESULTS, _UNAVAILABLE, "2.没有现成信息需要另行制作")),
    Row("unavailable.unclear", (_RESULTS, _UNAVAILABLE, "3.补正后申请内容仍不明确")),
    Row("rejected.petition", (_RESULTS, _REJECTED, "1.信访举报投诉类申请")),
    Row("rejected.repeat", (_RESULTS, _REJECTED, "2.重复申请")),
    Row("rejected.publication", (_RESULTS, _REJECTED, "3.要求提供公开出版物")),
    Row("rejected.excessive", (_RESULTS, _REJECTED, "4.无正当理由大量反复申请")),
    Row("rejected.confirmation", (_RESULTS, _REJECTED, "5.要求行政机关确认或重新出具已获取信息")),
    Row("closed.no_correction", (_RESULTS, _CLOSED,
                                 "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    Row("closed.unpaid_fee", (_RESULTS, _CLOSED,
                              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    Row("closed.other", (_RESULTS, _CLOSED, "3.其他")),
    Row("results_total", (_RESULTS, "（七）总计")),
    Row("carried_out", ("四、结转下年度继续办理",)),
)
T3_RESULT_ROWS = tuple(r for r in T3_ROWS if r.path[0] == _RESULTS and r.key != "results_total")
# The result categories （一）…（六）, each with the rows it groups: the text
# checks compare the narrative's 予以公开/不予公开… counts with these.
T3_RESULT_GROUPS: Tuple[Tuple[str, Tuple[str, ...]], ...] = tuple(
    (label, tuple(r.key for r in T3_RESULT_ROWS if r.path[1] == label))
    for label in dict.fromkeys(r.path[1] for r in T3_RESULT_ROWS)
)


def _table3(section: int, title: str) -> Table:
    label_cols, header_rows = 3, 3
    applicant_cols = T3_COLUMNS[:-1]
    sums = {}
    for row in T3_ROWS:
        sums[f"t3.{row.key}.total"] = [f"t3.{row.key}.{c.key}" for c in applicant_cols]
    for col in applicant_cols:
        sums[f"t3.results_total.{col.key}"] = [f"t3.{r.key}.{col.key}" for r in T3_RESULT_ROWS]
    cells = _with_sums(_cells("t3", T3_ROWS, T3_COLUMNS), sums)
    grid = [GridCell(0, 0, ROLE_NOTE, T3_NOTE, rowspan=header_rows, colspan=label_cols)]
    grid += _column_headers(T3_COLUMNS, 0, label_cols)
    grid += _row_labels(T3_ROWS, header_rows, 0, label_cols)
    grid += [GridCell(header_rows + i, label_cols + j, ROLE_DATA, cell_id=f"t3.{r.key}.{c.key}")
             for i, r in enumerate(T3_ROWS) for j, c in enumerate(T3_COLUMNS)]
    return Table("t3", section, title, cells, tuple(grid), header_rows + len(T3_ROWS),
                 label_cols + len(T3_COLUMNS), header_rows, label_cols)


# ---------------------------------------------------------------------------
# 表四 四、政府信息公开行政复议、行政诉讼情况: one row of 15 cells in three groups.

T4_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
               ("pending", "尚未审结"), ("total", "总计"))
T4_GROUPS = (
    Row("review", ("行政复议",)),
    Row("suit_direct", ("行政诉讼", "未经复议直接起诉")),
    Row("suit_after_review", ("行政诉讼", "复议后起诉")),
)


def _table4(section: int, title: str) -> Table:
    # In the printed table each group is a run of columns; as data each group is
    # a "row" of five outcomes, so that ids read t4.<group>.<outcome>.
    columns, cells = [], []
    for group in T4_GROUPS:
        for key, label in T4_OUTCOMES:
            columns.append(Column(f"{group.key}.{key}", group.path + (label,)))
            cells.append(Cell(f"t4.{group.key}.{key}", "t4", group,
                              Column(key, (label,))))
    sums = {f"t4.{g.key}.total": [f"t4.{g.key}.{k}" for k, _ in T4_OUTCOMES[:-1]]
            for g in T4_GROUPS}
    header_rows = max(len(c.path) for c in columns)
    grid = _column_headers(columns, 0, 0)
    grid += [GridCell(header_rows, j, ROLE_DATA, cell_id=c.id) for j, c in enumerate(cells)]
    return Table("t4", section, title, _with_sums(cells, sums), tuple(grid),
                 header_rows + 1, len(columns), header_rows, 0)


# ---------------------------------------------------------------------------
# The form.

def _form_2021() -> Form:
    sections = (
        Section(1, "一、总体情况", "总体情况", text_key="overview", placeholder="（文字描述）",
                tab_label="总体情况"),
        Section(2, "二、主动公开政府信息情况", "行政机关主动公开政府信息情况", table_key="t2",
                tab_label="主动公开"),
        Section(3, "三、收到和处理政府信息公开申请情况", "行政机关收到和处理政府信息公开申请情况",
                table_key="t3", tab_label="依申请公开"),
        Section(4, "四、政府信息公开行政复议、行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况", table_key="t4", tab_label="复议诉讼"),
        Section(5, "五、存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况",
                text_key="problems", placeholder="（文字描述）", tab_label="问题改进"),
        Section(6, "六、其他需要报告的事项", "其他需要报告的事项", text_key="other",
                placeholder="（文字描述，收取信息处理费情况在此处报告。）", tab_label="其他事项"),
    )
    tables = (_table2(2, sections[1].title), _table3(3, sections[2].title),
              _table4(4, sections[3].title))
    cells = {c.id: c for t in tables for c in t.cells}
    return Form("2021", "中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）",
                sections, tables, ("preamble", "overview", "problems", "other"), cells)


FORM = _form_2021()
TITLE_SUFFIX = "政府信息公开工作年度报告"


def report_title(agency: str, year: int) -> str:
    """洛阳市洛龙区工业和信息化局2022年政府信息公开工作年度报告."""
    return f"{agency}{year}年{TITLE_SUFFIX}"
