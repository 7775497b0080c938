"""The report file (``*.nianbao``, UTF-8 JSON, FORMAT.md section 2): read, validate, write atomically.

The same JSON object is what ``nianbao dump`` prints.  Writing goes through
``files.atomic_write_bytes`` (a temporary file renamed over the target, the
previous version kept as ``<name>.bak``), so a crash never leaves half a report.
"""
from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from .errors import InputError, quoted
from .files import atomic_write_bytes, os_error_message  # noqa: F401 - atomic_write_bytes is re-exported
from .form import FORM, MONEY
from .model import EVALUATION_ORDER, FIRST_YEAR, LAST_YEAR, READABLE_TEMPLATES, Report, sum_parts
from .values import Invalid, Value, bounded, clean_text, parse_money

MAX_JSON_INT_DIGITS = 1000   # longer integers stay text (and are refused as cell values)


def _json_int(text: str):
    # Python refuses to convert integers of more than 4,300 digits: such a number is text here.
    return int(text) if len(text) <= MAX_JSON_INT_DIGITS else Invalid(text)

FORMAT_NAME = "nianbao"
FORMAT_VERSION = 1
KNOWN_KEYS = {"format", "version", "template", "year", "agency", "date", "text", "cells", "last_year"}
MAX_FILE_BYTES = 20 * 1024 * 1024  # a real report is ~15 KB; anything this big is not one


class ReportFileError(InputError):
    """A report file could not be read; the message is for the user, in Chinese."""


# -- JSON object ⇄ Report ------------------------------------------------------

def _value_to_json(kind: str, value: Value):
    if value is None:
        return None
    if isinstance(value, Invalid):
        return str(value)
    if kind == MONEY or isinstance(value, Decimal):
        return format(value, "f")
    return value


def _value_from_json(cell_id: str, raw: Any) -> Value:
    kind = FORM.cells[cell_id].kind
    if raw is None:
        return None
    if kind == MONEY:
        if isinstance(raw, str):
            return parse_money(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return Decimal(raw)
        # A float in the money cell is exactly what FORMAT.md forbids: keep it, flagged.
        return Invalid(json.dumps(raw, ensure_ascii=False))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        return Invalid(raw)
    return Invalid(json.dumps(raw, ensure_ascii=False))


def report_to_dict(report: Report, *, include_last_year: bool = True) -> Dict[str, Any]:
    snap = report.snapshot()
    out: Dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "template": report.template,
        "year": report.year,
        "agency": report.agency,
    }
    if report.date:
        out["date"] = report.date.isoformat()
    out["text"] = {k: report.text[k] for k in FORM.text_keys if report.text.get(k)}
    out["cells"] = {cid: _value_to_json(cell.kind, snap[cid]) for cid, cell in FORM.cells.items()}
    if include_last_year and report.last_year is not None:
        out["last_year"] = report_to_dict(report.last_year, include_last_year=False)
    for key, value in report.extra.items():
        out.setdefault(key, value)
    return out


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise ReportFileError(message)


def report_from_dict(data: Any, *, where: str = "报告文件", notes: Optional[List[str]] = None,
                     _nested: bool = False) -> Report:
    """The report a JSON object describes; ``notes`` receives what was cleaned on the way in.

    Every text is admitted through ``Report.admit_texts`` (characters no file can
    carry are replaced and noted, an over-long text is refused), every value
    through ``Report.set`` (numbers beyond 15 digits are invalid text).
    """
    _require(isinstance(data, dict), f"{where}不是年报文件：内容不是一个 JSON 对象")
    _require(data.get("format") == FORMAT_NAME,
             f"{where}不是年报文件：缺少 \"format\": \"nianbao\" 标记")
    version = data.get("version")
    _require(isinstance(version, int) and not isinstance(version, bool),
             f"{where}缺少版本号（version）")
    _require(version <= FORMAT_VERSION,
             f"{where}的版本为 {version}，本程序只能读取版本 {FORMAT_VERSION} 及以前的文件，请升级本程序")
    template = data.get("template", FORM.template)
    # 2019 (试行) reports are read as far as their cells map, so S-FORMAT can report them.
    _require(isinstance(template, str) and template in READABLE_TEMPLATES,
             f"{where}使用的是{quoted(template)}格式，本程序只能读取 2021 年格式（国办公开办函〔2021〕30号）"
             f"和 2019 年（试行）格式")
    year = data.get("year")
    _require(isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR,
             f"{where}的年度（year）无效：{quoted(year)}，应为 2000 至 2100 之间的年份")
    agency = data.get("agency", "")
    _require(isinstance(agency, str), f"{where}的机关名称（agency）不是文字")
    date = None
    if data.get("date"):
        try:
            date = _dt.date.fromisoformat(str(data["date"]))
        except ValueError:
            raise ReportFileError(f"{where}的成文日期（date）无效：{quoted(data['date'])}，应为 2023-01-20 这样的日期")
    text = data.get("text") or {}
    _require(isinstance(text, dict) and all(isinstance(v, str) for v in text.values()),
             f"{where}的正文（text）格式不对：每一部分应为一段文字")
    cells = data.get("cells")
    cells = {} if cells is None else cells
    _require(isinstance(cells, dict), f"{where}的表格数据（cells）格式不对：应为“单元格编号: 数值”的对象")
    unknown = [cid for cid in cells if cid not in FORM.cells]
    # A misspelt id would silently lose its number: refuse rather than drop it.
    _require(not unknown, f"{where}含有未知的单元格编号：{'、'.join(quoted(u, 30) for u in unknown[:3])}"
                          f"{'等 ' + str(len(unknown)) + ' 个' if len(unknown) > 3 else ''}（编号见 FORMAT.md）")

    report = Report(year=year, agency=agency, date=date, template=template,
                    text={k: v for k, v in text.items() if k in FORM.text_keys})
    try:
        _set_cells(report, cells)
    except InputError as exc:
        raise ReportFileError(f"{where}：{exc}")
    if isinstance(data.get("last_year"), dict) and not _nested:
        report.last_year = report_from_dict(data["last_year"], where=f"{where}中的上年数据", _nested=True)
    report.extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    if not _nested:
        found = report.admit_texts(where)
        if notes is not None:
            notes += found
    return report


def _set_cells(report: Report, cells: Dict[str, Any]) -> None:
    for cid, raw in cells.items():
        if cid in FORM.cells and not FORM.cells[cid].computed:
            report.set(cid, _value_from_json(cid, raw))
    # Totals: keep what the source stated where it disagrees with the parts.  In
    # evaluation order, so a total of totals is compared with the totals as stated.
    shown = report.snapshot()
    for cid in EVALUATION_ORDER:
        if cid in cells:
            stated = bounded(_value_from_json(cid, cells[cid]))
            if stated != sum_parts(shown[p] for p in FORM.cells[cid].parts) or isinstance(stated, Invalid):
                report.set(cid, stated)
                shown[cid] = stated
            else:
                shown[cid] = stated


# -- files ---------------------------------------------------------------------

def read_report_bytes(data: bytes, name: str = "报告文件", notes: Optional[List[str]] = None) -> Report:
    where = f"“{name}”"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        obj = json.loads(data.decode("utf-8"), parse_int=_json_int)
    except UnicodeDecodeError:
        raise ReportFileError(f"{where}不是 UTF-8 编码的年报文件")
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"{where}已损坏，无法读取（第 {exc.lineno} 行第 {exc.colno} 列：JSON 格式错误）")
    except RecursionError:
        raise ReportFileError(f"{where}已损坏，无法读取（JSON 嵌套层数过多）")
    return report_from_dict(obj, where=where, notes=notes)


def read_input_file(path: Union[str, Path], *, what: str = "年报文件") -> bytes:
    """The bytes of a file the user named, bounded in size; every failure a Chinese InputError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"“{path.name}”过大（{size // 1048576} MB），不是{what}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}")
    except IsADirectoryError:
        raise InputError(f"“{path}”是文件夹，不是{what}")
    except OSError as exc:
        raise InputError(os_error_message(exc, path, "读取"))


def read_report(path: Union[str, Path]) -> Report:
    return read_report_bytes(read_input_file(path), Path(path).name)


def dumps(report: Report) -> str:
    """The report file's text.  The model's texts are clean (``Report.admit_texts``); unknown keys
    kept from a file may still hold a lone surrogate, which UTF-8 cannot carry: it is replaced."""
    return clean_text(json.dumps(report_to_dict(report), ensure_ascii=False, indent=1))[0] + "\n"


def encode_report(report: Report) -> bytes:
    """The bytes of the report file, or ``InputError`` when the report cannot be written to read back."""
    problem = report.writing_problem()
    if problem:
        raise InputError(f"无法保存：{problem}")
    return dumps(report).encode("utf-8")


def write_report(report: Report, path: Union[str, Path], *, backup: bool = True) -> None:
    atomic_write_bytes(path, encode_report(report), backup=backup)


def write_report_or_explain(report: Report, path: Union[str, Path]) -> Optional[str]:
    """Write, returning a Chinese message instead of raising when the disk says no."""
    try:
        write_report(report, path)
    except InputError as exc:
        return str(exc)
    except OSError as exc:
        return os_error_message(exc, path, "保存到")
    return None
