"""Read a workbook into a report: an own export exactly by name, any other by its labels.

``read_workbook(data, name, year=None)`` tells the type from the first bytes
(``.xlsx`` is a zip, ``.xls`` an OLE compound file), has ``safety``/``book``
turn it into bounded grids, and then:

* a workbook this application exported (its cells carry the ``nb_*`` defined
  names of ``names.py``) is read by name: every value, blank, invalid entry,
  stated total, text and the metadata come back exactly;
* any other workbook is read by its labels (``locate.py``): values are kept as
  stated — numbers typed as text and full-width digits are numbers, "/" "-"
  "无" and other text stay ``Invalid`` for the checks to report, empty stays
  blank, a stated total that disagrees with its parts is kept as stated — and
  whatever could not be placed is said in the import notes, by table, row and
  column label.

A workbook holding several reports (a clerk's multi-year file) is cut into its
reports first (``reports.py``): one report is read, never cells of two, the one
of ``year`` if given and present, else the latest; the first note names every
report found, with its sheets, and says which was read.  An own export with a
second report added beside it is read by name only when its own report is the
one chosen.

Nothing is guessed: a cell that cannot be placed stays blank and is named in a note.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Dict, List, Optional, Tuple

from ..checks.findings import cell_label, table_name
from ..errors import InputError, quoted
from ..form import FORM, MONEY
from ..model import EVALUATION_ORDER, FIRST_YEAR, LAST_YEAR, READABLE_TEMPLATES, Report, sum_parts
from ..values import Invalid, Value
from . import locate, names, reports, safety
from .book import Book, read_xls, read_xlsx
from .labels import is_stand_in, read_value
from .narrative import find_title, read_texts

MAX_EXAMPLES = 3          # cells quoted in one note


@dataclass
class ImportResult:
    report: Report
    notes: List[str] = field(default_factory=list)
    by_name: bool = False     # read by the defined names of an own export


def read_workbook(data: bytes, name: str, year: Optional[int] = None) -> ImportResult:
    """Read the report in the workbook; ``year`` picks one where it holds several (``reports.py``)."""
    head = bytes(data[:8])
    if head.startswith(safety.ZIP_MAGIC):
        book = read_xlsx(data, name)
    elif head.startswith(safety.OLE_MAGIC):
        book = read_xls(data, name)
    else:
        raise InputError(f"“{name}”不是 Excel 工作簿（.xlsx/.xls），无法导入")
    try:
        result = _read_book(book, name, year)
    except InputError as exc:       # a refusal of a value (a long text in a cell) names the file too
        raise InputError(str(exc) if f"“{name}”" in str(exc) else f"“{name}”：{exc}")
    report = result.report
    if not FIRST_YEAR <= report.year <= LAST_YEAR:
        raise InputError(f"“{name}”的报告年度 {report.year} 无效，应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年份")
    if report.template not in READABLE_TEMPLATES:
        raise InputError(f"“{name}”标明使用{quoted(report.template)}格式，本程序只能读取 2021 年格式"
                         "（国办公开办函〔2021〕30号）和 2019 年（试行）格式")
    result.notes += result.report.admit_texts(f"“{name}”")
    return result


def _read_book(book: Book, name: str, year: Optional[int]) -> ImportResult:
    if any(s.name == names.FINDINGS_SHEET for s in book.sheets):
        # A draft's list of open findings is about the report, not part of it.
        book = Book([s for s in book.sheets if s.name != names.FINDINGS_SHEET], book.names, book.props,
                    book.cuts)
    named = [ref for n, ref in book.names.items() if n in names.CELL_OF_NAME]
    if len(named) >= len(FORM.cells) // 2 and len(book.sheets) == 1:
        return _read_by_name(book, name)       # an own export as written: one sheet, one report
    choice = reports.choose(book, year)
    if len(named) >= len(FORM.cells) // 2:
        # An own export with sheets added (say, next year's report copied in beside it):
        # by name only if the report chosen is the one the names point at.
        if not choice.note or sum(choice.holds(s, rng[0]) for s, rng in named) * 2 >= len(named):
            result = _read_by_name(book, name)
            result.notes[:0] = [choice.note] if choice.note else []
            return result
    return _read_by_labels(book, name, choice)


# -- setting cells as stated ---------------------------------------------------------

def _apply(report: Report, values: Dict[str, Value]) -> None:
    """Inputs first, then totals: a stated total that disagrees with its parts is kept.

    As the report file does it: in evaluation order, each total compared with its
    parts as the workbook shows them (a total of totals with the totals as stated).
    """
    for cid, value in values.items():
        if not FORM.cells[cid].computed:
            report.set(cid, value)
    shown = report.snapshot()
    for cid in EVALUATION_ORDER:
        if cid in values:
            stated = values[cid]
            if stated != sum_parts(shown[p] for p in FORM.cells[cid].parts) or isinstance(stated, Invalid):
                report.set(cid, stated)
            shown[cid] = stated


# -- own exports -----------------------------------------------------------------

def _exact(raw: str, kind: str) -> Optional[Value]:
    try:
        raw = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(raw, str):
        return None
    if raw.startswith("invalid:"):
        return Invalid(raw[len("invalid:"):])
    try:
        return Decimal(raw) if kind == MONEY else int(raw)
    except (InvalidOperation, ValueError):
        return None


def _named_value(book: Book, ref) -> object:
    sheet = book.sheet(ref[0])
    r0, c0 = ref[1][0], ref[1][1]
    return sheet.value(r0, c0) if sheet else None


def _cut_notes(book: Book) -> List[str]:
    """What a scan limit left unread: never a silent cut."""
    if not book.cuts:
        return []
    more = f"等 {len(book.cuts)} 处" if len(book.cuts) > 3 else ""
    return [f"工作簿内容过多，未能全部读取：{'；'.join(book.cuts[:3])}{more}；若有表格或正文缺失，"
            "请把年报单独另存为一个工作簿再导入"]


def _read_by_name(book: Book, name: str) -> ImportResult:
    props = book.props
    notes: List[str] = _cut_notes(book)
    values: Dict[str, Value] = {}
    for lname, ref in book.names.items():
        cid = names.CELL_OF_NAME.get(lname)
        if cid is None:
            continue
        kind = FORM.cells[cid].kind
        raw = _named_value(book, ref)
        value = read_value(kind, raw)
        exact = props.get(names.PROP_EXACT + cid)
        if exact is not None:
            stated = _exact(exact, kind)
            # Only while the cell still holds what was exported: an edit made since wins.
            # (An empty text is written as an empty cell, which reads back as None.)
            unchanged = (("" if raw is None else raw) == stated) if isinstance(stated, Invalid) \
                else (value == stated)
            if stated is not None and unchanged:
                value = stated
        values[cid] = value
    missing = [cid for cid in FORM.cells if cid not in values]
    if missing:
        notes.append(f"工作簿缺少 {len(missing)} 个单元格的名称（如 {cell_label(missing[0])}），这些单元格留空")

    meta = find_title(book, name)
    year = _int(props.get(names.PROP_YEAR)) or meta.year
    if year is None:
        raise InputError(f"“{name}”中找不到报告年度，无法导入")
    date = _date(props.get(names.PROP_DATE))
    if date is None and names.PROP_MARK not in props:
        read_texts(book, meta)      # re-saved without the properties (.xls): the signature's date
        date = meta.date
    # No agency property: the report had none (or the file lost its properties: the title says).
    agency = props.get(names.PROP_AGENCY, "" if names.PROP_MARK in props else meta.agency)
    report = Report(year=year, agency=agency or "",
                    date=date,
                    template=props.get(names.PROP_TEMPLATE) or FORM.template)
    for lname, ref in book.names.items():
        key = names.TEXT_OF_NAME.get(lname)
        if key is not None:
            text = _named_text(book, ref, props.get(names.PROP_JOINS + key), _indent_of(props))
            if text:
                report.text[key] = text
    _apply(report, values)
    return ImportResult(report, notes, by_name=True)


def _indent_of(props: Dict[str, str]) -> Tuple[str, bool]:
    """The first-line indent the export wrote and whether that is known (else only likely)."""
    if names.PROP_MARK in props:
        return props.get(names.PROP_INDENT, ""), True
    return names.INDENT, False       # the properties were lost (a re-save as .xls)


def _named_text(book: Book, ref, joins: Optional[str], indent: Tuple[str, bool] = ("", True)) -> str:
    sheet = book.sheet(ref[0])
    if sheet is None:
        return ""
    (r0, c0, r1, _c1) = ref[1]
    try:
        continued = set(json.loads(joins)) if joins else set()
    except ValueError:
        continued = set()
    pieces = ["" if v is None else str(v) for v in (sheet.value(r, c0) for r in range(r0, r1 + 1))]
    mark, known = indent
    firsts = [p for i, p in enumerate(pieces) if i not in continued and p]
    if mark and (known or (firsts and all(p.startswith(mark) for p in firsts))):
        # The export's first-line indent, not the clerk's text.  Without the properties
        # every paragraph of this text must start with it.
        pieces = [p if i in continued else p[len(mark):] if p.startswith(mark) else p
                  for i, p in enumerate(pieces)]
    out = ""
    for i, piece in enumerate(pieces):
        out += piece if i == 0 or i in continued else "\n" + piece
    return out


def _int(raw: Optional[str]) -> Optional[int]:
    try:
        year = int(str(raw))
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _date(raw: Optional[str]) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


# -- any other workbook ------------------------------------------------------------

def _read_by_labels(book: Book, name: str, choice: reports.Choice) -> ImportResult:
    notes: List[str] = _cut_notes(book)
    if choice.note:
        notes.append(choice.note)
    template_2019 = any(locate.is_2019(p.grid) for p in choice.parts)
    found: Dict[str, locate.Found] = {}
    grid_of: Dict[str, locate.Grid] = {}
    for key in ("t3", "t4") if template_2019 else ("t2", "t3", "t4"):
        for part in choice.parts:
            f = part.found.get(key)
            if f is not None and len(f.cells) > len(found.get(key, locate.Found(key, "")).cells):
                found[key], grid_of[key] = f, part.grid
    if not found:
        more = "（工作簿内容过多，只查找了开头部分）" if book.truncated else ""
        raise InputError(f"“{name}”中找不到年报表格（表二、表三、表四的官方行列标签）{more}，无法导入")

    meta = find_title(choice.book, name)
    if choice.year is not None and meta.year != choice.year:
        # One of several reports: its own title or sheet name says its year, not the file name.
        meta.year, meta.year_source = choice.year, choice.year_source
    meta.agency = meta.agency or choice.agency
    read_texts(choice.book, meta)
    year = meta.year
    if year is None:
        year = _dt.date.today().year - 1
        notes.append(f"标题、文件名和工作表名中都找不到报告年度，暂按 {year} 年处理，请核对")
    elif meta.year_source and not meta.year_source.startswith("标题"):
        notes.append(f"工作簿中没有“××{year}年政府信息公开工作年度报告”这样的标题，年度取自{meta.year_source}")
    if not meta.agency:
        notes.append("找不到机关名称（标题中没有），请在报告中补填")
    report = Report(year=year, agency=meta.agency, date=meta.date,
                    template="2019" if template_2019 else FORM.template, text=dict(meta.text))

    values: Dict[str, Value] = {}
    for key in ("t2", "t3", "t4"):
        f = found.get(key)
        if f is None:
            if not (key == "t2" and template_2019):
                section = FORM.section(FORM.table(key).section)
                notes.append(f"未找到{table_name(key + '.')}（{section.title}），该表留空")
            continue
        grid = grid_of[key]
        for cid, (r, c) in f.cells.items():
            values[cid] = read_value(FORM.cells[cid].kind, grid.values[r][c])
        notes += _table_notes(f)
    if template_2019:
        notes.append("该工作簿使用 2019 年（试行）格式：表二的统计项目与 2021 年格式不同，未导入，"
                     "请按 2021 年格式填写表二")
    notes += _value_notes(values)
    # A blank total is a formula saved without its result (as some tools write them) or a
    # total left to be added up: either way it is derived here, and said so.
    blank_totals = [cid for cid, v in values.items() if v is None and FORM.cells[cid].computed]
    for cid in blank_totals:
        del values[cid]
    if blank_totals:
        notes.append(f"有 {len(blank_totals)} 个合计单元格是空的（如 {table_name(blank_totals[0])} "
                     f"{cell_label(blank_totals[0])}，可能是未保存计算结果的公式），已按各项之和计算")
    _apply(report, values)
    return ImportResult(report, notes)


def _table_notes(f: locate.Found) -> List[str]:
    t, where = table_name(f.table + '.'), f"工作表“{f.sheet}”"
    notes = []
    if f.closed_2019_row is not None:
        notes.append(f"{t}（{where}第{f.closed_2019_row + 1}行）：2019 年格式的“（六）其他处理”只有一行，"
                     "已读入 2021 年格式的“（六）其他处理 3.其他”")
    for row in f.missing_rows:
        notes.append(f"{t}：在{where}中找不到行“{getattr(row, 'name', row.label)}”，该行留空")
    for col in f.missing_columns:
        notes.append(f"{t}：在{where}中找不到列“{'·'.join(col.path)}”，该列留空")
    for r, label in f.unmatched_rows:
        shown = label or "（无标签）"
        notes.append(f"{t}（{where}第{r + 1}行）：行标签“{shown}”对应不到官方格式的任何一行，该行数据未导入")
    for r, label in f.duplicate_rows:
        notes.append(f"{t}（{where}第{r + 1}行）：行“{label}”重复出现，只导入了第一次出现的数据")
    for what in f.ambiguous:
        notes.append(f"{t}（{where}）：{what}可对应多个官方行列，无法确定，未导入")
    for official, in_file in f.near:
        notes.append(f"{t}：标签“{in_file}”与官方标签“{official}”不完全一致，已按近似匹配读入，请核对")
    return notes


def _value_notes(values: Dict[str, Value]) -> List[str]:
    notes = []
    for key in ("t2", "t3", "t4"):
        ids = [cid for cid, v in values.items() if cid.startswith(key + ".")]
        stand_ins = [cid for cid in ids if is_stand_in(values[cid])]
        if stand_ins:
            shown = "、".join(f"{cell_label(c)}“{values[c]}”" for c in stand_ins[:MAX_EXAMPLES])
            more = "等" if len(stand_ins) > MAX_EXAMPLES else ""
            notes.append(f"{table_name(stand_ins[0])}有 {len(stand_ins)} 个单元格填的是符号而不是数字"
                         f"（{shown}{more}），已按原样保留；格式要求填写 0，可在校验结果中一键改为 0")
        others = [cid for cid in ids if isinstance(values[cid], Invalid) and cid not in stand_ins]
        for cid in others[:MAX_EXAMPLES * 2]:
            notes.append(f"{table_name(cid)} {cell_label(cid)} 填写的“{values[cid]}”不是有效数字，已按原样保留")
        if len(others) > MAX_EXAMPLES * 2:
            notes.append(f"{table_name(key + '.')}另有 {len(others) - MAX_EXAMPLES * 2} 个单元格不是有效数字")
    return notes
