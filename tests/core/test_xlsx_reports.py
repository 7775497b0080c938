"""A workbook holding several reports (a clerk's multi-year file): one is read whole, never a mix, and said."""
import io

import openpyxl

from nianbao.core.form import FORM
from nianbao.core.reportfile import report_to_dict
from nianbao.core.xlsx.export import export_xlsx
from nianbao.core.xlsx.read import read_workbook
from tests.core.xlsx_layouts import (official_one_sheet, reports_by_sheet, reports_one_sheet,
                                     reports_tables_per_sheet, sample_report, sheet_per_table)

REREAD = "其他报告未读取（如需导入，请把该报告单独另存为一个工作簿再导入）"


def two_years():
    """The 2022 and 2023 reports of one office, every input cell and every text different."""
    last = sample_report(2022, "平潭县示例局")
    for i, cell in enumerate(FORM.input_cells):
        value = last.get(cell.id)
        if isinstance(value, int):
            last.set(cell.id, value + 1000 + i)
    last.text = {"overview": "2022年，本局推进政务公开。", "problems": "2022年的问题。", "other": "2022年未收费。"}
    return last, sample_report(2023, "平潭县示例局")


def cells_and_texts(report):
    d = report_to_dict(report)
    return d["cells"], d["text"], d["year"], d["agency"], d["date"]


def test_a_sheet_per_year_reads_the_latest_whole_in_either_order_and_says_so():
    last, this = two_years()
    note = ("工作簿中有 2 份报告（工作表“{0}年政府信息公开年报”的 {0} 年报告；工作表“{1}年政府信息公开年报”的 {1} 年报告），"
            "已读取工作表“2023年政府信息公开年报”的 2023 年报告；" + REREAD)
    for order in ((last, this), (this, last)):
        result = read_workbook(reports_by_sheet(order), "历年年报.xlsx")
        assert cells_and_texts(result.report) == cells_and_texts(this)
        assert result.notes == [note.format(order[0].year, order[1].year)]


def test_the_year_asked_for_is_read_and_a_year_not_there_is_said():
    last, this = two_years()
    data = reports_by_sheet([this, last])
    result = read_workbook(data, "历年年报.xlsx", year=2022)
    assert cells_and_texts(result.report) == cells_and_texts(last)
    assert "已读取工作表“2022年政府信息公开年报”的 2022 年报告" in result.notes[0]
    result = read_workbook(data, "历年年报.xlsx", year=2021)
    assert result.report.year == 2023
    assert "），其中没有 2021 年的报告，已读取工作表“2023年政府信息公开年报”的 2023 年报告" in result.notes[0]


def test_one_report_under_the_other_on_one_sheet_is_cut_at_the_second_title():
    last, this = two_years()
    for order in ((last, this), (this, last)):
        result = read_workbook(reports_one_sheet(order), "历年年报.xlsx")
        assert cells_and_texts(result.report) == cells_and_texts(this)
        note = result.notes[0]
        assert note.startswith(f"工作簿中有 2 份报告（工作表“Sheet”第1～") and note.endswith(REREAD)
        assert f"行的 {order[0].year} 年报告；工作表“Sheet”第" in note
        assert result.notes[1:] == []
    # The notes of the report read still name the rows of the sheet, not of its band.
    rows = openpyxl.load_workbook(io.BytesIO(reports_one_sheet([last, this]))).active
    cell = next(c for row in rows.iter_rows(min_row=70) for c in row if c.value == "2.重复申请")
    at, cell.value = cell.row, "2.合并办理的申请"
    out = io.BytesIO()
    rows.parent.save(out)
    notes = read_workbook(out.getvalue(), "历年年报.xlsx").notes
    assert f"第{at}行）：行标签“2.合并办理的申请”对应不到官方格式的任何一行" in "\n".join(notes)


def test_a_sheet_per_table_and_year_without_titles_is_told_apart_by_the_sheet_names():
    last, this = two_years()
    for order in ((last, this), (this, last)):
        result = read_workbook(reports_tables_per_sheet(order), "历年年报.xlsx")
        assert report_to_dict(result.report)["cells"] == report_to_dict(this)["cells"]
        assert result.report.year == 2023
        assert ("工作表“2022年表二”、“2022年表三”、“2022年表四”的 2022 年报告" in result.notes[0]
                and "已读取工作表“2023年表二”、“2023年表三”、“2023年表四”的 2023 年报告" in result.notes[0])
        assert "年度取自工作表名“2023年表二”" in result.notes[1]


def test_an_own_export_with_next_years_report_added_beside_it():
    last, this = two_years()
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(last)))
    from tests.core.xlsx_layouts import _official
    _official(wb.create_sheet("2023年"), this, 1)
    out = io.BytesIO()
    wb.save(out)
    latest = read_workbook(out.getvalue(), "历年年报.xlsx")
    assert not latest.by_name
    assert cells_and_texts(latest.report) == cells_and_texts(this)
    asked = read_workbook(out.getvalue(), "历年年报.xlsx", year=2022)
    assert asked.by_name                       # the export's own names: read exactly
    assert cells_and_texts(asked.report) == cells_and_texts(last)
    assert asked.notes[0].startswith("工作簿中有 2 份报告（工作表“2022年政府信息公开年报”的 2022 年报告；"
                                     "工作表“2023年”的 2023 年报告），已读取工作表“2022年政府信息公开年报”")


def test_two_offices_of_one_year_are_named_by_agency_and_the_first_is_read():
    a, b = sample_report(2023, "平潭县甲局"), sample_report(2023, "平潭县乙局")
    b.set("t3.new.natural", 77)
    result = read_workbook(reports_by_sheet([a, b], name=lambda r: r.agency), "x.xlsx")
    assert result.report.agency == "平潭县甲局"
    assert cells_and_texts(result.report) == cells_and_texts(a)
    assert ("（工作表“平潭县甲局”的平潭县甲局 2023 年报告；工作表“平潭县乙局”的平潭县乙局 2023 年报告），"
            "已读取工作表“平潭县甲局”的平潭县甲局 2023 年报告") in result.notes[0]


def test_two_untitled_sets_of_tables_are_two_reports_not_one_merged():
    last, this = two_years()
    wb = openpyxl.load_workbook(io.BytesIO(sheet_per_table(this)))
    for sheet in openpyxl.load_workbook(io.BytesIO(sheet_per_table(last))).worksheets:
        copy = wb.create_sheet(sheet.title + "（旧）")
        for row in sheet.iter_rows(values_only=True):
            copy.append(row)
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue(), "平潭县示例局2023年政府信息公开年报.xlsx")
    assert report_to_dict(result.report)["cells"] == report_to_dict(this)["cells"]
    assert result.notes[0].startswith("工作簿中有 2 份报告（工作表“表二”、“表三”、“表四”的年度不明的报告；"
                                      "工作表“表二（旧）”、“表三（旧）”、“表四（旧）”的年度不明的报告），"
                                      "已读取工作表“表二”、“表三”、“表四”的年度不明的报告")


def test_one_report_gets_no_such_note_in_any_layout():
    report = sample_report()
    for data in (official_one_sheet(report), sheet_per_table(report), reports_by_sheet([report]),
                 reports_one_sheet([report]), reports_tables_per_sheet([report])):
        assert not any("份报告" in n for n in read_workbook(data, "2023.xlsx").notes)
    # A title sheet with the texts, the tables on sheets of their own: one report.
    wb = openpyxl.load_workbook(io.BytesIO(sheet_per_table(report)))
    cover = wb.create_sheet("封面", 0)
    cover.append([f"{report.agency}{report.year}年政府信息公开工作年度报告"])
    cover.append(["一、总体情况"])
    cover.append([report.text["overview"]])
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue(), "年报.xlsx", year=2021)
    assert result.notes == []
    assert (result.report.year, result.report.agency) == (2023, report.agency)
    assert report_to_dict(result.report)["cells"] == report_to_dict(report)["cells"]


def test_next_years_title_typed_below_but_no_tables_yet_is_not_a_second_report():
    last, _ = two_years()
    wb = openpyxl.load_workbook(io.BytesIO(official_one_sheet(last)))
    ws = wb.active
    ws.cell(row=ws.max_row + 3, column=2, value="平潭县示例局2023年政府信息公开工作年度报告")
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue(), "x.xlsx")
    assert result.notes == []
    assert report_to_dict(result.report)["cells"] == report_to_dict(last)["cells"]
    assert (result.report.year, result.report.text) == (2022, last.text)
