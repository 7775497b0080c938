"""Checks within the three tables: valid numbers, blanks, every sum and the 勾稽关系.

Rules T2-*, T3-*, T4-* of RULES.md.  A rule that needs a blank or invalid cell
does not guess: the blank is reported by T*-BLANK and the invalid value by
T*-NUM, and the arithmetic rule stays silent for that row or column.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, List, Optional, Sequence

from ..form import FORM, MONEY, T3_RESULT_ROWS, T4_GROUPS, T4_OUTCOMES
from ..values import ZERO_STAND_INS, Invalid, Value, format_value, is_valid, parse_value
from .findings import ERROR, INFO, WARNING, Context, Finding, Fix, cell_label, table_name
from .text_claims import fee_amounts

T3 = FORM.table("t3")
T3_APPLICANT_COLUMNS = [c.key for c in T3.columns if c.key != "total"]
T3_COLUMNS = [c.key for c in T3.columns]
_APPLICANTS_SUM = "、".join(c.label for c in T3.columns if c.key != "total") + "之和"


def _ints(values, ids: Iterable[str]) -> Optional[List[int]]:
    """The cells' values if every one is a valid count, else None (blank/invalid is reported elsewhere)."""
    out = []
    for cid in ids:
        v = values[cid]
        if not is_valid("count", v):
            return None
        out.append(v)
    return out


def _fix_if_valid(cell_id: str, value) -> Optional[Fix]:
    if isinstance(value, int) and value >= 0:
        return Fix(cell_id, value)
    return None


# -- valid numbers and blanks (T2-NUM, T3-NUM, T4-NUM, T*-BLANK) ----------------

_NUMBER_WITH_UNIT = re.compile(r"\s*(\S+?)\s*(?:件|条|个|项|宗|起|次|万元)\s*")


def _fix_for_text(cell, value) -> Optional[Fix]:
    """The number an invalid entry obviously means: 0 for "/"、"无"…, 3 for "3件", 215 for "２１５"."""
    if not isinstance(value, Invalid):
        return None
    text = value.strip()
    if text in ZERO_STAND_INS:
        return Fix(cell.id, Decimal(0) if cell.kind == MONEY else 0)
    match = _NUMBER_WITH_UNIT.fullmatch(text)
    meant = parse_value(cell.kind, match.group(1) if match else text)
    return Fix(cell.id, meant) if is_valid(cell.kind, meant) else None


def _number_findings(ctx: Context, table_key: str) -> List[Finding]:
    findings, blanks = [], []
    rule = f"{table_key.upper()}-NUM"
    for cell in FORM.table(table_key).cells:
        value = ctx.values[cell.id]
        if value is None:
            # A derived total is blank only because its parts are: report the parts.
            if not cell.computed or ctx.report.is_stated_total(cell.id):
                blanks.append(cell.id)
            continue
        if is_valid(cell.kind, value):
            continue
        shown = format_value(value)
        if cell.kind == MONEY:
            need = "非负的金额（单位：万元）"
        else:
            need = "非负整数"
        fix = _fix_for_text(cell, value)
        if fix is not None and isinstance(value, Invalid) and value.strip() in ZERO_STAND_INS:
            need += "；没有的请填 0"
        findings.append(Finding(rule, ERROR,
                                f"{table_name(cell.id)} {cell_label(cell.id)} 填的是“{shown}”，应为{need}",
                                (cell.id,), fix=fix))
    if blanks:
        shown = "、".join(cell_label(c) for c in blanks[:3]) + ("等" if len(blanks) > 3 else "")
        findings.append(Finding(f"{table_key.upper()}-BLANK", WARNING,
                                f"{table_name(blanks[0])}有 {len(blanks)} 个空白单元格（{shown}），"
                                f"格式要求没有的填写 0", tuple(blanks)))
    return findings


# -- 表二 ---------------------------------------------------------------------

_MONEY_CELL = "t2.fees.amount"
# 乡镇、街道 by their administrative suffixes (not any 乡/镇: 镇江市, 国家乡村振兴局), 县/旗, and
# a city's districts (市…区); 设区的市 and their departments have rule-making power.
_COUNTY_OR_BELOW = re.compile(r"[乡镇](?:人民政府|政府|党委)|[乡镇]$|街道|苏木|县|旗|市[^市省]{1,8}?区")


def _money_unit_in_text(ctx: Context) -> List[Finding]:
    """T2-MONEY-UNIT: the text states the fee in 元 and the table has that number in 万元, or
    the text states it in 万元 and the table has it ×10000 (written in 元)."""
    money = ctx.values[_MONEY_CELL]
    if not isinstance(money, Decimal) or money <= 0:
        return []
    label = f"表二 {cell_label(_MONEY_CELL)}"
    for key in FORM.text_keys:
        for amount, unit, start, end in fee_amounts(ctx.report.text.get(key) or ""):
            in_wan = amount / 10000 if unit == "元" else amount
            if money == in_wan:
                continue
            quote = (ctx.report.text.get(key) or "")[start:end]
            if unit == "元" and money == amount:
                return [Finding("T2-MONEY-UNIT", WARNING,
                                f"正文写“{quote}”，而{label} 填的是 {format_value(money)}（万元），"
                                f"即 {format_value(money * 10000)} 元：表中的金额应换算为万元",
                                (_MONEY_CELL,), expected=in_wan, actual=money, fix=Fix(_MONEY_CELL, in_wan))]
            if unit == "万元" and money == amount * 10000:
                return [Finding("T2-MONEY-UNIT", WARNING,
                                f"正文写“{quote}”，而{label} 填的是 {format_value(money)}，"
                                f"看来是按“元”填写的（单位为万元）",
                                (_MONEY_CELL,), expected=in_wan, actual=money, fix=Fix(_MONEY_CELL, in_wan))]
    return []


def check_t2(ctx: Context) -> List[Finding]:
    findings = _number_findings(ctx, "t2")
    v = ctx.values
    # T2-MONEY-UNIT: an amount written in 元, or ≥100× last year's.
    money = v[_MONEY_CELL]
    label = f"表二 {cell_label(_MONEY_CELL)}"
    if isinstance(money, Invalid) and "元" in money and "万" not in money:
        in_yuan = parse_value(MONEY, money.replace("元", ""))
        findings.append(Finding("T2-MONEY-UNIT", WARNING,
                                f"{label} 写的是“{money}”，单位应为万元（1万元 = 10000元）",
                                (_MONEY_CELL,),
                                fix=Fix(_MONEY_CELL, in_yuan / 10000) if is_valid(MONEY, in_yuan) else None))
    elif isinstance(money, Decimal) and money > 0 and ctx.previous_values is not None:
        last = ctx.previous_values.get(_MONEY_CELL)
        if isinstance(last, Decimal) and last > 0 and money >= last * 100:
            findings.append(Finding("T2-MONEY-UNIT", WARNING,
                                    f"{label} 为 {format_value(money)}，是上年 {format_value(last)} 的 "
                                    f"{int(money / last)} 倍，可能误按“元”填写（单位为万元）",
                                    (_MONEY_CELL,), expected=last, actual=money,
                                    fix=Fix(_MONEY_CELL, money / 10000)))
    if not any(f.rule == "T2-MONEY-UNIT" for f in findings):
        findings += _money_unit_in_text(ctx)
    for row in ("regulations", "normative"):
        issued, repealed, in_force = (f"t2.{row}.{c}" for c in ("issued", "repealed", "in_force"))
        nums = _ints(v, (issued, repealed, in_force))
        if nums is None:
            continue
        # T2-REPEAL needs last year's stock: without it, any number of documents may
        # have stood at the start of the year, and 废止 is not bounded (RULES.md).
        last = ctx.previous_values.get(in_force) if ctx.previous_values is not None else None
        if not is_valid("count", last):
            continue
        issued_l, repealed_l, in_force_l = (FORM.cells[c].column.label for c in (issued, repealed, in_force))
        if nums[1] > last + nums[0]:
            name = FORM.cells[issued].row.label
            findings.append(Finding("T2-REPEAL", WARNING,
                                    f"表二 {name}：{repealed_l} {nums[1]} 超过上年{in_force_l} {last} 与"
                                    f"{issued_l} {nums[0]} 之和，废止的文件多于可废止的文件",
                                    (issued, repealed, in_force), expected=last + nums[0],
                                    actual=nums[1]))
    regs = [f"t2.regulations.{c}" for c in ("issued", "repealed", "in_force")]
    if any(isinstance(v[c], int) and v[c] > 0 for c in regs) and _COUNTY_OR_BELOW.search(
            ctx.report.agency or ""):
        findings.append(Finding("T2-REG", WARNING,
                                f"表二 规章 不为 0，但“{ctx.report.agency}”看来是县级、乡镇或街道机关，"
                                f"没有规章制定权：内部规章制度不属于规章，请核实",
                                tuple(regs)))
    return findings


# -- 表三 ---------------------------------------------------------------------

def _row_sum_findings(ctx: Context, rule: str, total_id: str, part_ids: Sequence[str],
                      what: str) -> List[Finding]:
    nums = _ints(ctx.values, [total_id, *part_ids])
    if nums is None:
        return []
    stated, expected = nums[0], sum(nums[1:])
    if stated == expected:
        return []
    return [Finding(rule, ERROR,
                    f"{table_name(total_id)} {cell_label(total_id)} 为 {stated}，{what}为 {expected}",
                    (total_id, *part_ids), expected=expected, actual=stated,
                    fix=Fix(total_id, expected))]


def _implied(ctx: Context, column: str, ids: Sequence[str]) -> bool:
    """True for the 总计 column when none of its cells is a stated total.

    Its derived cells are then sums of the other columns, so whatever fails there
    has already been reported column by column; saying it again only adds noise.
    """
    return column == "total" and not any(ctx.report.is_stated_total(c) for c in ids)


def check_t3(ctx: Context) -> List[Finding]:
    findings = _number_findings(ctx, "t3")
    v = ctx.values
    for row in T3.rows:
        findings += _row_sum_findings(
            ctx, "T3-ROW", f"t3.{row.key}.total",
            [f"t3.{row.key}.{c}" for c in T3_APPLICANT_COLUMNS], f"而{_APPLICANTS_SUM}")
    for col in T3_COLUMNS:
        parts = [f"t3.{r.key}.{col}" for r in T3_RESULT_ROWS]
        if _implied(ctx, col, [f"t3.results_total.{col}", *parts]):
            continue
        findings += _row_sum_findings(ctx, "T3-RES", f"t3.results_total.{col}", parts,
                                      "而（一）至（六）各项办理结果之和")
    for col in T3_COLUMNS:
        ids = [f"t3.{r}.{col}" for r in ("new", "carried_in", "results_total", "carried_out")]
        nums = _ints(v, ids)
        if nums is None or _implied(ctx, col, ids):
            continue
        new, carried_in, results, carried_out = nums
        if new + carried_in == results + carried_out:
            continue
        column = FORM.cells[ids[0]].column.label
        new_l, in_l, results_l, out_l = (FORM.cells[c].row.label for c in ids)
        fix = None
        if not FORM.cells[ids[3]].computed:
            fix = _fix_if_valid(ids[3], new + carried_in - results)
        findings.append(Finding(
            "T3-BAL", ERROR,
            f"表三 {column}列不符合勾稽关系：{new_l} {new} + {in_l} {carried_in} = "
            f"{new + carried_in}，而{results_l} {results} + {out_l} {carried_out} = "
            f"{results + carried_out}",
            tuple(ids), expected=new + carried_in, actual=results + carried_out, fix=fix))
    closed = _ints(v, [f"t3.{r.key}.total" for r in T3_RESULT_ROWS if r.key.startswith("closed.")])
    total = v["t3.results_total.total"]
    if closed is not None and is_valid("count", total):
        other = sum(closed)
        if other >= 3 and other * 3 > total:
            findings.append(Finding(
                "T3-OTHER", INFO,
                f"表三 （六）其他处理 共 {other} 件，占（七）总计 {total} 件的三分之一以上，"
                f"请在正文中说明原因",
                tuple(f"t3.{r.key}.total" for r in T3_RESULT_ROWS if r.key.startswith("closed.")),
                actual=other))
    return findings


# -- 表四 ---------------------------------------------------------------------

def check_t4(ctx: Context) -> List[Finding]:
    findings = _number_findings(ctx, "t4")
    for group in T4_GROUPS:
        findings += _row_sum_findings(
            ctx, "T4-SUM", f"t4.{group.key}.total",
            [f"t4.{group.key}.{k}" for k, _ in T4_OUTCOMES[:-1]],
            "而" + "、".join(label for _, label in T4_OUTCOMES[:-1]) + "之和")
    return findings
