"""Workbooks this application did not write, in the layouts clerks have, read back exactly by their labels."""
import io
from pathlib import Path

import openpyxl
import pytest

from nianbao.core.checks import run_checks
from nianbao.core.errors import InputError
from nianbao.core.form import FORM
from nianbao.core.reportfile import report_to_dict
from nianbao.core.values import Invalid
from nianbao.core.xlsx.read import read_workbook
from tests.core.xlsx_layouts import (T3, broken, dunhao, format_2019, half_width, official_one_sheet,
                                     sample_report, sheet_per_table)

DATA = Path(__file__).resolve().parents[1] / "data" / "xlsx"


def as_dict(report):
    return report_to_dict(report)


def test_official_layout_on_one_sheet_with_title_rows_and_an_empty_first_column():
    report = sample_report()
    result = read_workbook(official_one_sheet(report), "上年年报.xlsx")
    assert not result.by_name
    assert result.notes == []
    assert as_dict(result.report) == as_dict(report)      # cells, texts, agency, year, date


def test_half_width_punctuation_dunhao_numbering_line_breaks_and_numbers_as_text():
    report = sample_report()
    varied = official_one_sheet(
        report, label=lambda s: broken(dunhao(half_width(s))),
        write=lambda cid, v: (str(v) if v % 2 else "１２" if v == 12 else v) if isinstance(v, int) else v)
    result = read_workbook(varied, "varied.xlsx")
    assert result.notes == []
    assert as_dict(result.report) == as_dict(report)


def test_labels_centred_across_cells_instead_of_merged():
    report = sample_report()
    result = read_workbook(official_one_sheet(report, merge=False, label=dunhao), "unmerged.xlsx")
    assert result.notes == []
    assert as_dict(result.report) == as_dict(report)


def test_one_sheet_per_table_flat_labels_and_a_transposed_table_four():
    report = sample_report()
    result = read_workbook(sheet_per_table(report), "平潭县示例局2023年政府信息公开年报.xlsx")
    expected = as_dict(report)
    got = as_dict(result.report)
    assert got["cells"] == expected["cells"]
    assert (got["year"], got["agency"]) == (2023, "平潭县示例局")
    assert any("年度取自文件名" in n for n in result.notes)


def test_a_legacy_xls_file_reads_the_same_as_the_xlsx_it_was_made_from():
    # Made once with: soffice --headless --convert-to xls layout-official-variants.xlsx, where the
    # .xlsx was official_one_sheet(sample_report(), label=broken∘dunhao∘half_width, odd numbers as text).
    data = (DATA / "layout-official-variants.xls").read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    result = read_workbook(data, "layout-official-variants.xls")
    assert result.notes == []
    assert as_dict(result.report) == as_dict(sample_report())


def test_stand_ins_for_zero_are_kept_as_stated_noted_and_fixable_by_the_checks():
    report = sample_report()
    stand_ins = dict(zip([f"t3.new.{c.key}" for c in T3.columns[:-1]], ["/", "-", "无", "—", "", None]))
    result = read_workbook(official_one_sheet(report, write=lambda cid, v: stand_ins.get(cid, v)), "x.xlsx")
    got = result.report
    assert [got.get(f"t3.new.{c.key}") for c in T3.columns[:4]] == ["/", "-", "无", "—"]
    assert all(isinstance(got.get(f"t3.new.{c.key}"), Invalid) for c in T3.columns[:4])
    assert got.get("t3.new.legal") is None and got.get("t3.new.other_org") is None
    assert any("4 个单元格填的是符号" in n and "一、本年新收政府信息公开申请数量·自然人“/”" in n for n in result.notes)
    findings = [f for f in run_checks(got) if f.rule == "T3-NUM"]
    assert {f.cells[0] for f in findings} >= {"t3.new.natural", "t3.new.commercial"}
    assert all(f.fix is not None and f.fix.value == 0 for f in findings)


def test_a_stated_total_that_disagrees_is_kept_as_stated():
    report = sample_report()
    result = read_workbook(official_one_sheet(
        report, write=lambda cid, v: 999 if cid == "t3.granted.total" else v), "x.xlsx")
    assert result.report.get("t3.granted.total") == 999
    assert result.report.is_stated_total("t3.granted.total")
    assert "T3-ROW" in {f.rule for f in run_checks(result.report)}


def test_what_cannot_be_matched_is_reported_by_label_never_guessed():
    report = sample_report()
    wb = openpyxl.load_workbook(io.BytesIO(official_one_sheet(report)))
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "2.重复申请":
                cell.value = "2.合并办理的申请"       # a row label no official row has
            elif cell.value == "科研机构":
                cell.value = "高等院校"
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue(), "x.xlsx")
    notes = "\n".join(result.notes)
    assert "找不到行“（五）不予处理 2.重复申请”" in notes
    assert "第43行）：行标签“2.合并办理的申请”对应不到官方格式的任何一行，该行数据未导入" in notes
    assert "找不到列“申请人情况·法人或其他组织·科研机构”" in notes
    got = result.report
    assert got.get("t3.rejected.repeat.natural") is None
    assert got.get("t3.new.research") is None
    assert got.get("t3.new.natural") == report.get("t3.new.natural")


def test_a_near_spelling_is_read_and_said():
    report = sample_report()
    result = read_workbook(official_one_sheet(
        report, label=lambda s: "先行有效件数" if s == "现行有效件数" else s), "x.xlsx")
    assert as_dict(result.report)["cells"] == as_dict(report)["cells"]
    assert any("先行有效件数" in n and "近似匹配" in n for n in result.notes)


def test_a_2019_workbook_maps_what_maps_and_says_what_does_not():
    report = sample_report()
    closed = {c.key: 5 + i for i, c in enumerate(T3.columns)}
    result = read_workbook(format_2019(report, closed), "2019.xlsx")
    got = result.report
    assert got.template == "2019"
    assert all(got.get(c.id) is None for c in FORM.cells.values() if c.table == "t2")
    for col in T3.columns:
        assert got.get(f"t3.closed.other.{col.key}") == closed[col.key]
        assert got.get(f"t3.closed.no_correction.{col.key}") is None
        assert got.get(f"t3.new.{col.key}") == report.get(f"t3.new.{col.key}")
    for cell in (c for c in FORM.cells.values() if c.table == "t4"):
        assert got.get(cell.id) == report.get(cell.id)
    notes = "\n".join(result.notes)
    assert "2019 年（试行）格式" in notes and "3.其他" in notes


def test_a_workbook_without_any_table_is_refused_with_one_line():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "会议签到表"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InputError) as err:
        read_workbook(out.getvalue(), "签到表.xlsx")
    assert "找不到年报表格" in str(err.value) and "\n" not in str(err.value)


def test_totals_written_as_formulas_without_saved_results_are_added_up_and_said():
    report = sample_report()
    result = read_workbook(official_one_sheet(
        report, write=lambda cid, v: "=SUM(A1:A2)" if FORM.cells[cid].computed else v), "formulas.xlsx")
    assert as_dict(result.report)["cells"] == as_dict(report)["cells"]
    assert not result.report.stated_totals
    assert any("合计单元格是空的" in n for n in result.notes)
