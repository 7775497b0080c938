"""The report: year, agency, narrative texts and the 200 cells of the form.

Input cells hold what the clerk typed (or a file stated).  Computed cells (the
totals) are derived from their parts, except where a source from outside
stated a total that disagrees: that stated value is kept — never silently
overwritten — and the checks report it.  Setting a stated total to its computed
value, or calling ``recompute_totals``, returns the cell to being derived.

What enters the model is bounded (``values.bounded``): a number beyond 15
digits is invalid text, a cell's invalid text longer than ``MAX_CELL_TEXT`` is
refused (cells hold numbers), and ``admit_texts`` cleans the agency and texts of
characters no file can carry and refuses a text longer than any report has.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, Iterable, List, Mapping, Optional, Set

from .errors import InputError, quoted
from .form import FORM, Form
from .values import Invalid, Value, bounded, clean_text, is_valid


def _dependents(form: Form) -> Dict[str, List[str]]:
    """Each cell id → the computed cells whose value depends on it, transitively, in order."""
    direct: Dict[str, List[str]] = {}
    for cell in form.computed_cells:
        for part in cell.parts:
            direct.setdefault(part, []).append(cell.id)
    out: Dict[str, List[str]] = {}
    for cid in form.cells:
        seen: List[str] = []
        stack = list(direct.get(cid, []))
        while stack:
            dep = stack.pop(0)
            if dep not in seen:
                seen.append(dep)
                stack.extend(direct.get(dep, []))
        out[cid] = seen
    return out


def _evaluation_order(form: Form) -> List[str]:
    """Computed cells ordered so that every part is evaluated before its sum."""
    order: List[str] = []
    pending = [c.id for c in form.computed_cells]
    computed = {c.id for c in form.computed_cells}
    while pending:
        for cid in list(pending):
            if all(p not in computed or p in order for p in form.cells[cid].parts):
                order.append(cid)
                pending.remove(cid)
    return order


FIRST_YEAR, LAST_YEAR = 2000, 2100   # the years a report may be of (every reader and writer agrees)
READABLE_TEMPLATES = ("2021", "2019")
MAX_TEXT_CHARS = 50_000      # one section's text; a long real one has ~5,000
MAX_TEXT_LINES = 2_000       # paragraphs in one section
MAX_AGENCY_CHARS = 200
MAX_CELL_TEXT = 50           # what a table cell may state that is not a number ("/", "无", "5000元")


def cell_text_problem(cell_id: str, value: Value) -> Optional[str]:
    """Why ``value`` cannot stand in a cell (a long text is not a number), or None."""
    if isinstance(value, Invalid) and len(value) > MAX_CELL_TEXT:
        from .checks.findings import cell_label, table_name   # lazy: checks import the model
        return (f"{table_name(cell_id)} {cell_label(cell_id)} 填写的{quoted(value, 14)}长达 {len(value)} 字，"
                f"不是数字；表格单元格只能填写数字（或“/”“无”这样的简短说明，至多 {MAX_CELL_TEXT} 字）")
    return None


def text_problem(what: str, text: str) -> Optional[str]:
    """Why a text cannot be a section of a report (far too long), or None."""
    if len(text) > MAX_TEXT_CHARS:
        return f"{what}长达 {len(text):,} 字，超过 {MAX_TEXT_CHARS:,} 字的上限，不像年报正文，请删减后再试"
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        return f"{what}有 {lines:,} 段，超过 {MAX_TEXT_LINES:,} 段的上限，不像年报正文，请合并段落后再试"
    return None


_DEPENDENTS = _dependents(FORM)
EVALUATION_ORDER = _evaluation_order(FORM)


def sum_parts(values: Iterable[Value]) -> Optional[int]:
    """The sum of the valid parts; None when every part is blank or invalid."""
    total, any_valid = 0, False
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool):
            total += v
            any_valid = True
    return total if any_valid else None


@dataclass
class Report:
    """One annual report: the year, the agency, texts and cell values (see the module docstring)."""

    year: int
    agency: str
    date: Optional[_dt.date] = None
    template: str = "2021"
    text: Dict[str, str] = field(default_factory=dict)
    # Input cells, and the stated value of any total kept as stated.
    values: Dict[str, Value] = field(default_factory=dict)
    stated_totals: Set[str] = field(default_factory=set)
    # Last year's report as carried forward (cells and texts), for the cross-year checks.
    last_year: Optional["Report"] = None
    # Keys of the report file this version does not know: kept and written back.
    extra: Dict[str, object] = field(default_factory=dict)
    form: Form = field(default=FORM, repr=False, compare=False)

    # -- cells ---------------------------------------------------------------

    def get(self, cell_id: str) -> Value:
        return self.snapshot()[cell_id]

    def snapshot(self) -> Dict[str, Value]:
        """Every cell's value as shown: inputs, derived totals, stated totals."""
        out: Dict[str, Value] = {cid: self.values.get(cid) for cid in self.form.cells}
        for cid in EVALUATION_ORDER:
            if cid not in self.stated_totals:
                out[cid] = sum_parts(out[p] for p in self.form.cells[cid].parts)
        return out

    def computed(self, cell_id: str, snapshot: Optional[Mapping[str, Value]] = None) -> Value:
        """What a computed cell adds up to from its parts as they are now."""
        snap = snapshot if snapshot is not None else self.snapshot()
        return sum_parts(snap[p] for p in self.form.cells[cell_id].parts)

    def is_stated_total(self, cell_id: str) -> bool:
        return cell_id in self.stated_totals

    def set(self, cell_id: str, value: Value) -> List[str]:
        """Set one cell; returns the ids whose shown value may have changed.

        Setting a computed cell keeps it as a stated total unless the value equals
        what its parts add up to, in which case the cell goes back to being derived.
        """
        cell = self.form.cells[cell_id]  # KeyError for an unknown id is a programming error
        value = bounded(value)
        problem = cell_text_problem(cell_id, value)
        if problem:
            raise InputError(problem)
        if cell.computed:
            if value == self.computed(cell_id) and not isinstance(value, Invalid):
                self.stated_totals.discard(cell_id)
                self.values.pop(cell_id, None)
            else:
                self.stated_totals.add(cell_id)
                self.values[cell_id] = value
        elif value is None:
            self.values.pop(cell_id, None)
        else:
            self.values[cell_id] = value
        return [cell_id] + _DEPENDENTS[cell_id]

    def recompute_totals(self) -> List[str]:
        """Drop every stated total so that all totals are derived from their parts."""
        changed = sorted(self.stated_totals)
        for cid in changed:
            self.values.pop(cid, None)
        self.stated_totals.clear()
        return changed

    def blank_input_cells(self) -> List[str]:
        return [c.id for c in self.form.input_cells if self.values.get(c.id) is None]

    def fill_blanks_with_zero(self) -> List[str]:
        """Write 0 into every blank input cell (the format wants 0 written out)."""
        changed = []
        for cid in self.blank_input_cells():
            zero = Decimal(0) if self.form.cells[cid].kind == "money" else 0
            changed += self.set(cid, zero)
        return list(dict.fromkeys(changed))

    def is_complete(self) -> bool:
        snap = self.snapshot()
        return all(is_valid(self.form.cells[cid].kind, v) for cid, v in snap.items())

    def admit_texts(self, where: str = "") -> List[str]:
        """Clean agency and texts (and last year's) of characters no file can carry; a note for each.

        Raises ``InputError`` for a text longer than any report has (``text_problem``).
        """
        notes: List[str] = []
        prefix = f"{where}：" if where else ""
        if len(self.agency) > MAX_AGENCY_CHARS:
            raise InputError(f"{prefix}机关名称长达 {len(self.agency):,} 字，超过 {MAX_AGENCY_CHARS} 字的上限")
        agency, n = clean_text(self.agency)
        if n:
            self.agency = agency
            notes.append(f"{prefix}机关名称中有 {n} 个无法保存的字符（如损坏的编码），已替换为“\ufffd”，请核对")
        for key in list(self.text):
            title = _text_title(self.form, key)
            problem = text_problem(f"{prefix}正文“{title}”", self.text[key])
            if problem:
                raise InputError(problem)
            text, n = clean_text(self.text[key])
            if n:
                self.text[key] = text
                notes.append(f"{prefix}正文“{title}”中有 {n} 个无法保存的字符（如损坏的编码），"
                             "已替换为“\ufffd”，请核对")
        if self.last_year is not None:
            notes += self.last_year.admit_texts(f"{where}上年数据" if where else "上年数据")
        return notes

    def writing_problem(self) -> Optional[str]:
        """Why this report cannot be written so that it reads back (a writer asks first), or None."""
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            return f"年度 {self.year} 无效，应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年份"
        if self.template not in READABLE_TEMPLATES:
            return f"格式“{self.template[:20]}”无效"
        if len(self.agency) > MAX_AGENCY_CHARS:
            return f"机关名称超过 {MAX_AGENCY_CHARS} 字"
        texts = [("机关名称", self.agency)] + [(f"正文“{_text_title(self.form, k)}”", t)
                                            for k, t in self.text.items()]
        for i, (what, text) in enumerate(texts):
            problem = text_problem(what, text) if i else None      # the agency's bound is above
            if problem:
                return problem
            if clean_text(text)[1]:
                return f"{what}中有无法保存的字符（如损坏的编码或控制字符），请删除后再保存"
        for cid, value in self.values.items():
            problem = cell_text_problem(cid, value)
            if problem:
                return problem
            if bounded(value) is not value:
                return f"单元格 {cid} 的数值超过 15 位或含有无法保存的字符"
        return self.last_year.writing_problem() if self.last_year is not None else None

    # -- derived facts ---------------------------------------------------------

    @property
    def title(self) -> str:
        from .form import report_title
        return report_title(self.agency, self.year)

    def copy(self) -> "Report":
        return Report(self.year, self.agency, self.date, self.template, dict(self.text),
                      dict(self.values), set(self.stated_totals),
                      self.last_year.copy() if self.last_year else None, dict(self.extra),
                      self.form)


def _text_title(form: Form, key: str) -> str:
    section = form.section_of_text(key)
    return section.title if section is not None else "引言"


def new_report(year: int, agency: str, last_year: Optional[Report] = None) -> Report:
    """A blank report for ``year``; with last year's report, carried forward.

    Carried forward: the agency (when not given), 二、上年结转 = last year's
    四、结转下年度继续办理 column by column, and last year itself (its cells and
    texts) for the cross-year checks.  Last year's texts are never copied into
    this year's: the format forbids 年年雷同.  A "last year" of another year is refused
    (``InputError``): its pending applications are not this year's carried-in ones.
    """
    if last_year is not None and last_year.year != year - 1:
        raise InputError(f"上年报告是{last_year.year}年度的，而新报告是{year}年度："
                         f"二、上年结转应来自{year - 1}年度的报告")
    report = Report(year=year, agency=agency or (last_year.agency if last_year else ""))
    if last_year is not None:
        snap = last_year.snapshot()
        table = FORM.table("t3")
        for col in table.columns:
            cell = table.cell_at("carried_in", col.key)
            if not cell.computed:
                report.set(cell.id, snap[table.cell_at("carried_out", col.key).id])
        previous = last_year.copy()
        previous.last_year = None
        report.last_year = previous
    return report
