"""Issue 12, Excel: how the exported workbook prints — number formats, where long paragraphs
are cut, the 草稿 marking of a report with open errors, shaded totals, indents and the footer."""
import io
import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from tests.core import pdf_stress
from nianbao.core.checks import run_checks
from nianbao.core.checks.findings import ERROR
from nianbao.core.form import COUNT, FORM, MONEY
from nianbao.core.reportfile import read_report, report_to_dict
from nianbao.core.xlsx import names
from nianbao.core.xlsx.export import INDENT, TOTAL_FILL, export_xlsx
from nianbao.core.xlsx.paragraphs import cut_paragraph
from nianbao.core.xlsx.read import read_workbook
from tests.core.publish_render import PDFTOPPM, SOFFICE, docx_to_pdf
from support import SAMPLES

BROKEN = SAMPLES / "pingtan-ziranziyuan-2023.nianbao"
CLEAN = SAMPLES / "pingtan-gonganju-2022.nianbao"


def workbook(report):
    return openpyxl.load_workbook(io.BytesIO(export_xlsx(report)))


def data_cells(wb):
    """Cell id → the sheet cell its defined name points at."""
    out = {}
    for name, dn in wb.defined_names.items():
        cid = names.CELL_OF_NAME.get(name.lower())
        if cid:
            (sheet, ref), = dn.destinations
            out[cid] = wb[sheet][ref.replace("$", "")]
    return out


def test_counts_and_money_have_number_formats_and_shrink_rather_than_wrap():
    report = pdf_stress.all_nines()
    report.set("t2.fees.amount", Decimal("1.123456"))
    cells = data_cells(workbook(report))
    assert len(cells) == len(FORM.cells)
    for cid, cell in cells.items():
        kind = FORM.cells[cid].kind
        want = "0" if kind == COUNT else ("0.00####" if cid == "t2.fees.amount" else "0.00##")
        assert cell.number_format == want, cid
        assert cell.alignment.shrink_to_fit and not cell.alignment.wrap_text, cid
    assert any(FORM.cells[c].kind == MONEY for c in cells)


@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="LibreOffice is not installed")
def test_libreoffice_prints_every_large_value_in_full(tmp_path):
    path = tmp_path / "nines.xlsx"
    path.write_bytes(export_xlsx(pdf_stress.all_nines()))
    pdf = docx_to_pdf(path, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert not re.search(r"\dE\+\d", text) and "###" not in text
    assert text.count("99999999") >= 100


def test_paragraphs_are_cut_after_a_sentence_never_inside_a_number_or_word():
    text = ("我局网站访问量达到1234567人次，详见https://www.example.gov.cn/xxgk/2024/index.html。" * 40)
    pieces = cut_paragraph(text, 960)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p) <= 960 and p.endswith("。") for p in pieces)
    commas = "我局网站访问量达到1234567人次，" * 100          # one sentence longer than a row
    pieces = cut_paragraph(commas, 960)
    assert "".join(pieces) == commas and all(p.endswith("，") for p in pieces)
    run = "ABC" + "1234567890" * 200                       # only a word longer than a row is cut
    assert "".join(cut_paragraph("说明：" + run, 960)) == "说明：" + run
    assert cut_paragraph("说明：" + run, 960)[0] == "说明："


def test_long_texts_are_exported_in_sentence_rows_and_come_back_exact():
    for report in (pdf_stress.long_texts(), pdf_stress.unbroken()):
        data = export_xlsx(report)
        ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        for row in ws.iter_rows(min_col=1, max_col=1):
            value = row[0].value
            if isinstance(value, str) and len(value) > 200:
                assert len(value) <= 960
                nxt = ws.cell(row=row[0].row + 1, column=1).value
                if isinstance(nxt, str) and not nxt.startswith(INDENT) and len(nxt) > 200:
                    # a continued paragraph: the cut is at a sentence end, not inside a number or word
                    assert value[-1] in "。；！？，、：" or not (value[-1].isascii() and nxt[0].isascii())
        back = read_workbook(data, "x.xlsx")
        assert back.by_name and report_to_dict(back.report) == report_to_dict(report)


def test_paragraphs_are_indented_two_characters_and_an_own_indent_survives():
    report = read_report(CLEAN)
    report.text["preamble"] = "　　已有缩进的段落。\n普通段落。\n\n　　"
    ws = workbook(report).worksheets[0]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert INDENT + "　　已有缩进的段落。" in texts and INDENT + "普通段落。" in texts
    back = read_workbook(export_xlsx(report), "x.xlsx").report
    assert back.text["preamble"] == report.text["preamble"]


def test_a_report_with_open_errors_is_marked_as_a_draft():
    report = read_report(BROKEN)
    errors = [f for f in run_checks(report) if f.severity == ERROR]
    assert errors
    data = export_xlsx(report)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheet = wb.worksheets[0]
    assert sheet["A1"].value.startswith("草稿") and sheet["A2"].value == report.title
    assert sheet["A1"].font.color.rgb.endswith("B00020")
    findings = wb[names.FINDINGS_SHEET]
    rows = [[c.value for c in r] for r in findings.iter_rows()]
    assert rows[2] == ["序号", "级别", "位置", "问题", "建议修改"]
    assert len(rows) >= 3 + len(errors)
    assert not any("T3-BAL" in str(v) for r in rows for v in r)     # written for a reader, not rule codes
    back = read_workbook(data, "x.xlsx")      # the draft line and the findings are not read back
    assert back.by_name and back.notes == []
    assert report_to_dict(back.report) == report_to_dict(report)


def test_a_clean_report_is_not_a_draft():
    wb = workbook(read_report(CLEAN))
    assert wb.sheetnames == [wb.worksheets[0].title]
    assert "草稿" not in str(wb.worksheets[0]["A1"].value)


def test_totals_are_shaded_as_in_the_window_and_inputs_are_not():
    cells = data_cells(workbook(read_report(CLEAN)))
    for cid, cell in cells.items():
        shaded = cell.fill.fill_type == "solid" and cell.fill.start_color.rgb.endswith(TOTAL_FILL)
        assert shaded == FORM.cells[cid].computed, cid


def test_footer_is_the_page_number_between_dashes():
    wb = workbook(read_report(BROKEN))
    for ws in wb.worksheets:
        assert ws.oddFooter.center.text == "— &P —"


def test_a_draft_exports_byte_identically_under_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = read_report(BROKEN)
    assert export_xlsx(report) == export_xlsx(report)


def without_custom_properties(data: bytes) -> bytes:
    """The workbook as a re-save that drops the custom document properties (as .xls does)."""
    import zipfile
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "docProps/custom.xml":
                continue
            if item.filename in ("[Content_Types].xml", "_rels/.rels"):
                content = re.sub(rb"<(Override|Relationship)[^>]*custom[^>]*/>", b"", content)
            dst.writestr(item, content)
    return out.getvalue()


def test_the_indent_is_not_read_back_as_text_when_the_properties_are_lost():
    report = read_report(CLEAN)
    data = without_custom_properties(export_xlsx(report))
    back = read_workbook(data, "x.xlsx").report
    import zipfile
    assert "docProps/custom.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    for key, text in report.text.items():
        assert back.text.get(key) == text, key
    # a text the clerk indented only in places keeps its indents
    report.text["preamble"] = "第一段。\n　　第二段。"
    back = read_workbook(without_custom_properties(export_xlsx(report)), "x.xlsx").report
    assert back.text["preamble"] == "第一段。\n　　第二段。"
