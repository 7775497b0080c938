"""Workbooks are read whole or the cut is said: own exports by their names, scan limits in a note.

Issue 10, "silent loss" 1 and 4: an own export longer than the scan window came
back with every table number blank and no note.
"""
from __future__ import annotations

import io
from decimal import Decimal

import pytest

from nianbao.core.errors import InputError
from nianbao.core.importing import load_bytes
from nianbao.core.reportfile import dumps
from nianbao.core.values import Invalid
from nianbao.core.xlsx.export import export_xlsx
from tests.core.xlsx_layouts import official_one_sheet, sample_report

from ..support import sample


@pytest.mark.parametrize("paragraphs", [400])
def test_a_long_own_export_is_read_back_whole_by_its_names(paragraphs):
    report = sample("pingtan-haitan-2024")
    report.text["overview"] = "\n".join(f"第{i}段。" for i in range(paragraphs))
    report.text["problems"] = "\n".join(f"问题{i}。" for i in range(paragraphs))
    loaded = load_bytes(export_xlsx(report), "long.xlsx")
    assert loaded.notes == []
    assert dumps(loaded.report) == dumps(report)


def test_own_export_round_trip_keeps_edge_values_exactly():
    report = sample("pingtan-haitan-2024")
    report.set("t3.new.natural", Invalid(""))                   # an invalid empty value
    report.set("t3.new.legal", Invalid("  "))
    report.set("t3.new.commercial", 999_999_999_999_999)         # the largest count allowed
    report.set("t2.fees.amount", Decimal("12345.1234567890"))
    report.text["overview"] = "长" * 49_000                      # beyond Excel's 32,767 per cell
    back = load_bytes(export_xlsx(report), "edge.xlsx").report
    assert dumps(back) == dumps(report)


@pytest.mark.parametrize("amount", ["1.0", "100.00", "0.0", "12.50"])
def test_money_stated_with_trailing_zeros_round_trips(amount):
    report = sample("pingtan-haitan-2024")
    report.set("t2.fees.amount", Decimal(amount))
    back = load_bytes(export_xlsx(report), "money.xlsx").report
    assert str(back.get("t2.fees.amount")) == amount


def _filler_sheet(wb, rows: int, title: str = "说明"):
    ws = wb.create_sheet(title, 0)
    for r in range(1, rows + 1):
        ws.cell(row=r, column=1, value=f"第{r}行说明")
    return ws


def test_a_scan_limit_that_cuts_a_sheet_says_so_in_a_note():
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(official_one_sheet(sample_report(2023))))
    _filler_sheet(wb, 600)
    out = io.BytesIO()
    wb.save(out)
    loaded = load_bytes(out.getvalue(), "cut.xlsx")
    assert any("未能全部读取" in n and "前 400 行" in n for n in loaded.notes)
    assert loaded.report.get("t3.new.natural") is not None


def test_a_workbook_in_which_no_table_is_found_is_refused_not_read_as_blank():
    from openpyxl import Workbook
    wb = Workbook()
    _filler_sheet(wb, 600)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InputError, match="找不到年报表格"):
        load_bytes(out.getvalue(), "none.xlsx")


def _with_sheet_xml(data: bytes, edit) -> bytes:
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            z.writestr(info.filename, edit(body) if info.filename == "xl/worksheets/sheet1.xml" else body)
    return out.getvalue()


def test_two_hundred_thousand_merged_ranges_are_not_parsed_for_nothing():
    import time
    many = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1000, 201_000)).encode()
    data = _with_sheet_xml(official_one_sheet(sample_report(2023)),
                           lambda xml: xml.replace(b"</mergeCells>", many + b"</mergeCells>"))
    start = time.perf_counter()
    loaded = load_bytes(data, "merges.xlsx")
    assert time.perf_counter() - start < 3.0          # was 9.7 s
    assert loaded.report.get("t3.new.natural") is not None
    assert any("合并单元格过多" in n for n in loaded.notes)


def test_too_many_merged_ranges_are_cut_with_a_note():
    many = "".join(f'<mergeCell ref="{a}{r}:{b}{r}"/>' for r in range(100, 400)
                   for a, b in zip("ACEGIKMOQSUWY", "BDFHJLNPRTVXZ")).encode()     # 3,900 + the table's
    data = _with_sheet_xml(official_one_sheet(sample_report(2023)),
                           lambda xml: xml.replace(b"</mergeCells>", many * 2 + b"</mergeCells>"))
    loaded = load_bytes(data, "merges.xlsx")
    assert any("合并单元格过多" in n for n in loaded.notes)
    assert loaded.report.get("t3.new.natural") is not None


def test_a_sheet_with_more_cells_than_a_report_has_is_skipped_with_a_note(monkeypatch):
    from nianbao.core.xlsx import safety
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(official_one_sheet(sample_report(2023))))
    ws = wb.create_sheet("数据")
    for r in range(1, 60):
        for c in range(1, 60):
            ws.cell(row=r, column=c, value=r * c)
    out = io.BytesIO()
    wb.save(out)
    monkeypatch.setattr(safety, "MAX_SHEET_CELLS", 3000)
    loaded = load_bytes(out.getvalue(), "data.xlsx")
    assert any("“数据”有 3,481 个单元格" in n for n in loaded.notes)
    assert loaded.report.get("t3.new.natural") is not None


def test_exporting_the_longest_report_allowed_takes_linear_time():
    import time
    report = sample("pingtan-haitan-2024")
    for key in ("preamble", "overview", "problems", "other"):
        report.text[key] = "\n".join(f"第{i}段。" for i in range(1999))
    start = time.perf_counter()
    data = export_xlsx(report)
    assert time.perf_counter() - start < 15          # was 37 s: each merge was checked against all before
    assert dumps(load_bytes(data, "longest.xlsx").report) == dumps(report)


def test_content_past_the_last_column_read_says_so_in_a_note():
    from openpyxl import load_workbook
    from nianbao.core.xlsx import safety
    wb = load_workbook(io.BytesIO(official_one_sheet(sample_report(2023))))
    wb.worksheets[0].cell(row=3, column=safety.MAX_COLS + 5, value="表外的说明")
    out = io.BytesIO()
    wb.save(out)
    loaded = load_bytes(out.getvalue(), "wide.xlsx")
    assert any(f"前 {safety.MAX_COLS} 列" in n for n in loaded.notes), loaded.notes
    assert loaded.report.get("t3.new.natural") is not None
    # styling alone far to the right (empty cells) is no cut
    wb = load_workbook(io.BytesIO(official_one_sheet(sample_report(2023))))
    wb.worksheets[0].cell(row=3, column=safety.MAX_COLS + 5).number_format = "0"
    out = io.BytesIO()
    wb.save(out)
    assert not any("列" in n and "未读取" in n for n in load_bytes(out.getvalue(), "styled.xlsx").notes)
