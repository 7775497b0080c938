"""Hand-made workbooks in the layouts clerks actually have, built with openpyxl for the import tests.

Each builder takes the report the workbook should say and writes it the way a
real file would: other fonts of punctuation, line breaks inside labels, extra
title rows and columns, one sheet per table, numbers typed as text.  The labels
are the official ones from ``FORM``, varied the way real files vary them.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Callable, Dict, Optional, Sequence

import openpyxl

from nianbao.core.form import FORM, T2_BLOCKS, T4_GROUPS, T4_OUTCOMES
from nianbao.core.model import Report, new_report

T2, T3, T4 = FORM.table("t2"), FORM.table("t3"), FORM.table("t4")


def sample_report(year: int = 2023, agency: str = "平潭县示例局") -> Report:
    """A report whose every input cell holds a different number, so a misplaced value shows."""
    report = new_report(year, agency)
    for i, cell in enumerate(c for c in FORM.input_cells if c.table == "t3"):
        report.set(cell.id, (i * 7) % 23)
    for i, cell in enumerate(c for c in FORM.input_cells if c.table == "t4"):
        report.set(cell.id, i + 1)
    for i, cell in enumerate(c for c in FORM.input_cells if c.table == "t2"):
        report.set(cell.id, Decimal("12.5") if cell.kind == "money" else 100 + i)
    report.text = {"overview": "2023年，本局认真贯彻落实《条例》。\n全年主动公开信息 120 条。",
                   "problems": "一是公开内容不够全面。\n二是解读形式单一。下一步，将加强培训。",
                   "other": "本年度未收取信息处理费。"}
    report.date = dt.date(2024, 1, 20)
    return report


def half_width(label: str) -> str:
    return label.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")


def dunhao(label: str) -> str:
    """``1.属于国家秘密`` → ``1、属于国家秘密``, as many offices number sub-items."""
    return re.sub(r"^(\d)\.", r"\1、", label)


def broken(label: str) -> str:
    """A line break in the middle of a short header, as WPS users type them (商业/企业)."""
    return label[:2] + "\n" + label[2:] if 4 <= len(label) <= 6 else label


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _grid(ws, table, top: int, left: int, value_of: Callable[[str], object],
          label: Callable[[str], str] = lambda s: s, merge: bool = True) -> int:
    """Draw a table from its official grid at (top, left); returns the next row.  Without
    ``merge``, a label that spans cells is only written in the first (centred across, not merged)."""
    for g in table.grid:
        r, c = top + g.row, left + g.col
        ws.cell(row=r, column=c, value=value_of(g.cell_id) if g.cell_id else label(g.text))
        if merge and (g.rowspan > 1 or g.colspan > 1):
            ws.merge_cells(start_row=r, start_column=c, end_row=r + g.rowspan - 1,
                           end_column=c + g.colspan - 1)
    return top + table.grid_rows


def official_one_sheet(report: Report, *, write: Optional[Callable[[str, object], object]] = None,
                       label: Callable[[str], str] = lambda s: s, merge: bool = True) -> bytes:
    """Everything on one sheet, official merges, shifted by title rows and an empty first column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _official(ws, report, 1, write=write, label=label, merge=merge)
    return _save(wb)


def _official(ws, report: Report, top: int, *, write: Optional[Callable[[str, object], object]] = None,
              label: Callable[[str], str] = lambda s: s, merge: bool = True) -> int:
    """The official layout of one report from row ``top`` of ``ws``; returns the row after it."""
    snap = report.snapshot()
    write = write or (lambda cid, v: v)
    ws.cell(row=top, column=2, value="附件")
    ws.cell(row=top + 1, column=2, value=f"{report.agency}\n{report.year}年政府信息公开工作年度报告")
    ws.merge_cells(start_row=top + 1, start_column=2, end_row=top + 1, end_column=16)
    row = top + 3
    for section in FORM.sections:
        # The longer body-text titles, as some offices write them.
        ws.cell(row=row, column=2, value=f"{section.numeral}、{section.body_title}")
        row += 1
        if section.text_key:
            for paragraph in report.text.get(section.text_key, "").split("\n"):
                ws.cell(row=row, column=2, value=paragraph)
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=16)
                row += 1
        else:
            table = FORM.table(section.table_key)
            row = _grid(ws, table, row, 2, lambda cid: write(cid, snap[cid]), label, merge) + 1
    ws.cell(row=row + 1, column=12, value=report.agency)
    d = report.date
    ws.cell(row=row + 2, column=12, value=f"{d.year}年{d.month}月{d.day}日")
    return row + 3


def sheet_per_table(report: Report) -> bytes:
    """A sheet per table, no merges: group labels on rows of their own, one header row,
    表二 flattened into one header, 表四 transposed (a row per group), numbers as text."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _tables_per_sheet(wb, report)
    return _save(wb)


def _tables_per_sheet(wb, report: Report, prefix: str = "") -> None:
    snap = report.snapshot()
    ws = wb.create_sheet(f"{prefix}表二")
    ws.append(["（二）主动公开政府信息情况"])
    columns = list({c.key: c for b in T2_BLOCKS for c in b.columns}.values())
    ws.append(["信息内容"] + [c.label for c in columns])
    for block in T2_BLOCKS:
        for row in block.rows:
            values = []
            for col in columns:
                cid = f"t2.{row.key}.{col.key}"
                values.append(str(snap[cid]) if cid in FORM.cells else "")
            ws.append([row.label] + values)

    ws = wb.create_sheet(f"{prefix}表三")
    ws.append([None, "三、收到和处理政府信息公开申请情况"])
    ws.append([None, "项目"] + [broken(c.label) for c in T3.columns])
    groups_written = set()
    for row in T3.rows:
        for depth in range(len(row.path) - 1):
            group = row.path[: depth + 1]
            if group not in groups_written:
                groups_written.add(group)
                ws.append([None, group[-1]])
        ws.append([None, dunhao(row.label)] + [snap[f"t3.{row.key}.{c.key}"] for c in T3.columns])

    ws = wb.create_sheet(f"{prefix}表四")
    ws.append(["", *[label for _, label in T4_OUTCOMES]])
    for group in T4_GROUPS:
        name = group.path[0] if len(group.path) == 1 else f"{group.path[0]}（{group.path[1]}）"
        ws.append([name, *[snap[f"t4.{group.key}.{k}"] for k, _ in T4_OUTCOMES]])


# -- a clerk's multi-year file: several reports in one workbook ----------------------------

def reports_by_sheet(reports: Sequence[Report], name: Callable[[Report], str] = None) -> bytes:
    """A sheet per report in the official layout, named as the export names it (``2023年政府信息公开年报``)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for report in reports:
        _official(wb.create_sheet(name(report) if name else f"{report.year}年政府信息公开年报"), report, 1)
    return _save(wb)


def reports_one_sheet(reports: Sequence[Report]) -> bytes:
    """One report under the other on one sheet, as a clerk pastes next year's below last year's."""
    wb = openpyxl.Workbook()
    row = 1
    for report in reports:
        row = _official(wb.active, report, row) + 2
    return _save(wb)


def reports_tables_per_sheet(reports: Sequence[Report]) -> bytes:
    """A sheet per table and year (``2022年表二`` … ``2023年表四``), no titles: the years are in the sheet names."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for report in reports:
        _tables_per_sheet(wb, report, f"{report.year}年")
    return _save(wb)


def format_2019(report: Report, closed_total: Dict[str, int]) -> bytes:
    """A 2019 (试行) workbook: 表二 with the old columns, 表三 with one （六）其他处理 row."""
    snap = report.snapshot()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f"{report.agency}{report.year}年政府信息公开工作年度报告"])
    ws.append(["二、主动公开政府信息情况"])
    ws.append(["第二十条第（一）项"])
    ws.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    ws.append(["规章", 1, 1, 5])
    ws.append(["规范性文件", 2, 2, 9])
    ws.append(["第二十条第（九）项"])
    ws.append(["信息内容", "采购项目数量", "采购总金额"])
    ws.append(["政府集中采购", 3, 120])
    ws.append(["三、收到和处理政府信息公开申请情况"])
    top = ws.max_row + 1
    # The 2021 table three with the three （六） rows folded into one.
    rows = [r for r in T3.rows if not r.key.startswith("closed.")]
    at = [r.key for r in rows].index("results_total")
    for level in range(3):
        ws.cell(row=top + level, column=1, value=T3.grid[0].text if level == 0 else None)
    for j, col in enumerate(T3.columns):
        for level, text in enumerate(col.path):
            ws.cell(row=top + level, column=4 + j, value=text)
    r = top + 3
    for i, row in enumerate(rows[:at] + [None] + rows[at:]):
        if row is None:
            ws.cell(row=r, column=1, value="三、本年度办理结果")
            ws.cell(row=r, column=2, value="（六）其他处理")
            for j, col in enumerate(T3.columns):
                ws.cell(row=r, column=4 + j, value=closed_total[col.key])
        else:
            for level, text in enumerate(row.path):
                ws.cell(row=r, column=1 + level, value=text)
            for j, col in enumerate(T3.columns):
                ws.cell(row=r, column=4 + j, value=snap[f"t3.{row.key}.{col.key}"])
        r += 1
    ws.cell(row=r + 1, column=1, value="四、政府信息公开行政复议、行政诉讼情况")
    _grid(ws, T4, r + 2, 1, lambda cid: snap[cid])
    return _save(wb)
