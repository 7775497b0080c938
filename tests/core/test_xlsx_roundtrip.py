"""Report → xlsx → report is the same report: values, blanks, invalid entries, stated totals, texts."""
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.core.form import FORM
from nianbao.core.model import new_report
from nianbao.core.reportfile import read_report, report_to_dict
from nianbao.core.values import Invalid
from nianbao.core.xlsx import names
from nianbao.core.xlsx.export import export_xlsx
from nianbao.core.xlsx.read import read_workbook

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.nianbao"))


def round_trip(report):
    result = read_workbook(export_xlsx(report), "export.xlsx")
    assert result.by_name
    return result


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_report_comes_back_identical(path):
    report = read_report(path)
    result = round_trip(report)
    assert report_to_dict(result.report) == report_to_dict(report)
    assert result.notes == []


def test_blanks_invalid_values_stated_totals_and_exact_money_come_back():
    report = new_report(2023, "测试局")
    report.set("t3.new.natural", 3)
    report.set("t3.new.commercial", Invalid("/"))
    report.set("t3.new.research", Invalid("12"))        # text that would read back as a number
    report.set("t3.new.social", Invalid("=SUM(A1)"))    # text that looks like a formula
    report.set("t3.new.total", 99)                      # a stated total that disagrees
    report.set("t3.carried_out.natural", 1)
    report.set("t3.carried_out.total", None)            # a stated blank total
    report.set("t2.fees.amount", Decimal("0.00"))
    report.set("t4.review.upheld", 0)
    report.text = {"preamble": "  前导空格与结尾空行\n", "overview": "第一段\n\n第三段",
                   "problems": "", "other": "信息处理费：无。"}
    report.date = dt.date(2024, 1, 31)
    back = round_trip(report).report
    assert report_to_dict(back) == report_to_dict(report)
    assert back.is_stated_total("t3.new.total") and back.is_stated_total("t3.carried_out.total")
    assert back.get("t3.new.research") == Invalid("12") and isinstance(back.get("t3.new.research"), Invalid)
    assert str(back.get("t2.fees.amount")) == "0.00"
    assert back.get("t3.granted.natural") is None      # blank stays blank, not zero


def test_a_new_report_without_agency_or_values_comes_back_as_it_was():
    report = new_report(2024, "")
    assert report_to_dict(round_trip(report).report) == report_to_dict(report)


def test_a_long_paragraph_split_over_rows_is_joined_back_exactly():
    report = new_report(2023, "测试局")
    report.text["overview"] = "很长的一段。" * 400 + "\n第二段"
    assert report_to_dict(round_trip(report).report) == report_to_dict(report)


def test_the_workbook_carries_names_values_and_print_setup():
    report = read_report(SAMPLES[0])
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(report)))
    ws = wb.worksheets[0]
    assert len(wb.worksheets) == 1
    snap = report.snapshot()
    for cid, cell in FORM.cells.items():
        (sheet, ref), = wb.defined_names[names.cell_name(cid)].destinations
        value = wb[sheet][ref.replace("$", "")].value
        expected = snap[cid]
        assert value == expected \
            or str(value) == str(expected), cid
        assert not (isinstance(value, str) and value.startswith("=")), "totals are values, not formulas"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for section in FORM.sections:
        assert section.title in texts
    for g in FORM.table("t3").grid:
        if g.text:
            assert g.text in texts
    assert len(ws.merged_cells.ranges) > 50


def test_a_workbook_re_saved_without_our_properties_still_reads_by_name():
    report = read_report(SAMPLES[0])
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(report)))
    wb.custom_doc_props = type(wb.custom_doc_props)()
    out = io.BytesIO()
    wb.save(out)
    back = read_workbook(out.getvalue(), "resaved.xlsx")
    assert back.by_name
    assert (back.report.year, back.report.agency) == (report.year, report.agency)
    assert report_to_dict(back.report)["cells"] == report_to_dict(report)["cells"]


def test_an_edit_made_in_excel_wins_over_the_exact_value_kept_aside():
    report = new_report(2023, "测试局")
    report.set("t2.fees.amount", Decimal("1.50"))
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(report)))
    (sheet, ref), = wb.defined_names[names.cell_name("t2.fees.amount")].destinations
    wb[sheet][ref.replace("$", "")].value = 2.25
    out = io.BytesIO()
    wb.save(out)
    assert read_workbook(out.getvalue(), "edited.xlsx").report.get("t2.fees.amount") == Decimal("2.25")


_CELL_IDS = sorted(FORM.cells)
# Any text XML can carry: carriage returns and literal "_x000D_" included.
_TEXT = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                                                 whitelist_characters="\n\r\t"), max_size=60),
                           st.just("_x000D_")), max_size=6).map("".join)


def _value(kind):
    invalid = st.sampled_from(["/", "-", "无", "12", " 3 ", "1.5", "5000元", "=1+1", "不详", "1\r\n2"]).map(Invalid)
    if kind == "money":
        number = st.decimals(min_value=0, max_value=10 ** 9, places=4, allow_nan=False, allow_infinity=False)
        return st.one_of(st.none(), number, st.integers(0, 10 ** 6).map(Decimal), invalid)
    return st.one_of(st.none(), st.integers(0, 10 ** 6), invalid)


def _one_line(text: str) -> str:
    """An agency's name is one line."""
    return text.replace("\n", "").replace("\r", "")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_report_comes_back_identical(data):
    report = new_report(data.draw(st.integers(2000, 2100)), data.draw(_TEXT.map(_one_line)))
    for cid in data.draw(st.lists(st.sampled_from(_CELL_IDS), max_size=40, unique=True)):
        report.set(cid, data.draw(_value(FORM.cells[cid].kind)))
    for key in FORM.text_keys:
        report.text[key] = data.draw(_TEXT)
    assert report_to_dict(round_trip(report).report) == report_to_dict(report)
