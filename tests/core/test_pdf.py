"""The exported PDF parsed back: tables cell by cell, fonts, properties, draft marking.

Every check reads the real PDF bytes with pdfplumber or pypdf; nothing looks
at reportlab objects except the table-splitting test.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from nianbao.core.checks import run_checks
from nianbao.core.form import FORM, ROLE_DATA
from nianbao.core.pdf import export_pdf
from nianbao.core.pdf.draft import for_reader
from nianbao.core.pdf.tables import _clip
from nianbao.core.reportfile import read_report
from nianbao.core.resources import resource_path, sample_report_path
from nianbao.core.model import new_report
from nianbao.core.values import Invalid, format_value



def _export(report, findings=None):
    return export_pdf(report, run_checks(report) if findings is None else findings)


@pytest.fixture(scope="module")
def sample():
    report = read_report(sample_report_path())
    report.date = dt.date(2023, 1, 20)
    return report


EPOCH = 1705708800     # 2024-01-20 00:00 UTC


@pytest.fixture(scope="module")
def sample_pdf(sample):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        return _export(sample)


@pytest.fixture(scope="module")
def big_report(sample):
    big = sample.copy()
    for cell in FORM.input_cells:
        big.set(cell.id, Decimal("123456.789") if cell.kind == "money" else 99999)
    return big


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _tables(data: bytes):
    """Every ruled table in the PDF, in reading order: (page, x edges, y edges, chars)."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                xs = sorted({round(v, 1) for c in table.cells for v in (c[0], c[2])})
                ys = sorted({round(v, 1) for c in table.cells for v in (c[1], c[3])})
                chars = [ch for ch in page.chars
                         if table.bbox[0] <= ch["x0"] and ch["x1"] <= table.bbox[2] + 1
                         and table.bbox[1] <= ch["top"] and ch["bottom"] <= table.bbox[3] + 1]
                out.append((page.page_number, xs, ys, chars))
    return out


def _text_in(chars, box):
    x0, top, x1, bottom = box
    inside = [c for c in chars if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5
              and top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= bottom + 0.5]
    inside.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return _squash("".join(c["text"] for c in inside)), inside


def _table_parts(data: bytes):
    """(spec, first body row, part) for every table or part of a split table, in order."""
    tables = _tables(data)
    out = []
    for spec in FORM.tables:
        start = spec.header_rows
        while start < spec.grid_rows:
            part = tables.pop(0)
            rows = len(part[2]) - 1 - spec.header_rows
            out.append((spec, start, part))
            start += rows
        assert start == spec.grid_rows, spec.key
    return out


def _check_tables(data: bytes, report) -> None:
    """Every label and every number sits in its grid cell of the right table (or of the part
    of a split table: its header repeated, a spanning label clipped to the part)."""
    values = report.snapshot()
    for spec, start, (_page, xs, ys, chars) in _table_parts(data):
        stop = start + len(ys) - 1 - spec.header_rows
        assert len(xs) == spec.grid_cols + 1, spec.key
        for original in spec.grid:
            g = _clip(original, spec.header_rows, start, stop)
            if g is None:
                continue
            box = (xs[g.col], ys[g.row], xs[g.col + g.colspan], ys[g.row + g.rowspan])
            text, inside = _text_in(chars, box)
            if g.role == ROLE_DATA:
                expected = format_value(values[g.cell_id])
                assert text == expected, (g.cell_id, text, expected)
                if inside:  # right-aligned: the last digit ends near the cell's right edge
                    assert box[2] - max(c["x1"] for c in inside) < 6, g.cell_id
            elif g.rowspan == original.rowspan:
                assert text == _squash(g.text), (spec.key, g.row, g.col, text)


def test_sample_tables_every_label_and_number_in_place(sample_pdf, sample):
    _check_tables(sample_pdf, sample)


def test_large_numbers_stay_whole_in_their_cells(big_report):
    _check_tables(_export(big_report, []), big_report)


def test_blank_cells_print_blank_and_money_as_entered(sample):
    report = sample.copy()
    report.set("t2.fees.amount", Decimal("0.50"))
    report.set("t3.new.natural", None)
    report.set("t4.review.upheld", None)
    report.set("t2.licensing.decisions", Invalid("/"))  # kept verbatim, as the source stated it
    _check_tables(_export(report, []), report)
    assert format_value(report.get("t2.fees.amount")) == "0.50"


def test_blank_new_report_exports_with_blank_tables():
    report = new_report(2023, "")
    data = _export(report)
    _check_tables(data, report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert _squash(pdf.pages[0].extract_text()).startswith("2023年政府信息公开工作年度报告")


def test_cli_export_writes_the_pdf(tmp_path):
    out = tmp_path / "报告.pdf"
    done = subprocess.run([sys.executable, "-m", "nianbao", "export", str(sample_report_path()),
                           "--pdf", str(out)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_table3_split_repeats_its_header(sample):
    from nianbao.core.pdf.fonts import font_set
    from nianbao.core.pdf.styles import FRAME_WIDTH, Styles
    from nianbao.core.pdf.tables import build_table

    spec = FORM.table("t3")
    table = build_table("t3", sample.snapshot(), Styles(font_set()))
    parts = table.split(FRAME_WIDTH, 330)
    assert len(parts) == 2
    def texts(rows):
        return [["".join(getattr(p, "text", "") for p in (c if isinstance(c, (list, tuple)) else [c]))
                 for c in row] for row in rows]

    header = texts(table._cellvalues[:spec.header_rows])
    assert "申请人情况" in header[0]
    body_rows = 0
    for part in parts:
        assert texts(part._cellvalues[:spec.header_rows]) == header
        body_rows += len(part._cellvalues) - spec.header_rows
    assert body_rows == spec.grid_rows - spec.header_rows
    assert parts[0].wrap(FRAME_WIDTH, 330)[1] <= 330


def test_every_font_embedded_no_helvetica(sample_pdf):
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Helvetica" not in font["/BaseFont"]
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            seen += 1
    assert seen and b"Helvetica" not in sample_pdf


def test_document_properties_and_outline(sample_pdf, sample):
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    meta = reader.metadata
    assert meta.title == sample.title
    assert meta.author == sample.agency
    assert meta.subject == f"{sample.year}年政府信息公开工作年度报告"
    assert meta["/CreationDate"].startswith("D:20240120000000")   # SOURCE_DATE_EPOCH
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert [item["/Title"] for item in reader.outline] == [s.title for s in FORM.sections]


def test_same_report_same_bytes(sample, sample_pdf, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert _export(sample) == sample_pdf


def test_creation_date_is_the_export_time_never_invented(sample, monkeypatch):
    # Before: with no 成文日期 the PDF claimed to be made on 1 January 00:00 UTC after the year.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    report = sample.copy()
    report.date = None
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    meta = pypdf.PdfReader(io.BytesIO(_export(report))).metadata
    after = dt.datetime.now(dt.timezone.utc)
    made = dt.datetime.strptime(meta["/CreationDate"][2:16], "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)
    assert before <= made <= after
    assert not meta["/CreationDate"].startswith(f"D:{report.year + 1}0101000000")


def test_layout_title_headings_page_numbers(sample_pdf, sample):
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        first = pdf.pages[0]
        assert (first.width, first.height) == pytest.approx((595.28, 841.89), abs=0.1)
        text = "".join(_squash(p.extract_text() or "") for p in pdf.pages)
        for section in FORM.sections:
            assert _squash(section.title) in text
        for page in pdf.pages:
            footer = _squash(page.crop((0, page.height - 35 * 2.835, page.width, page.height))
                             .extract_text() or "")
            assert footer == f"—{page.page_number}—"
        title_chars = [c for c in first.chars if c["size"] > 20]
        assert _squash("".join(c["text"] for c in title_chars)) == sample.title
        # Body text: 三号 仿宋, inside the GB/T 9704 版心 (left 28 mm, right 26 mm).
        body = [c for c in first.chars if "FandolFang" in c["fontname"]
                and c["bottom"] < first.height - 35 * 2.8346]
        assert body and all(abs(c["size"] - 16) < 0.1 for c in body)
        assert min(c["x0"] for c in body) == pytest.approx(28 * 2.8346, abs=0.5)
        assert any("NotoSansSC" in c["fontname"] for c in first.chars)  # 一级标题 in 黑体


def test_clean_report_exports_clean(sample_pdf):
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert "草稿" not in text and "校验问题" not in text


def test_report_with_errors_is_a_draft_with_findings_page():
    # A real published report whose 表三 does not add up (resources/samples).
    report = read_report(resource_path("samples", "pingtan-ziranziyuan-2023.nianbao"))
    findings = run_checks(report)
    errors = [f for f in findings if f.severity == "error"]
    assert errors
    data = _export(report, findings)
    assert pypdf.PdfReader(io.BytesIO(data)).metadata.title == f"{report.title}（草稿）"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            # The watermark is a large filled shape, not text: nothing of it is extracted.
            shapes = [c for c in page.curves if c["fill"]]
            assert shapes and max(c["x1"] for c in shapes) - min(c["x0"] for c in shapes) > 200
            assert max(c["bottom"] for c in shapes) - min(c["top"] for c in shapes) > 150
            assert not any(c["size"] > 50 for c in page.chars)
        body = "".join(p.extract_text() for p in pdf.pages[:-1])
        assert "草" not in body and "稿" not in body
        page = pdf.pages[-1]
        last = _squash(page.extract_text())
        # Each column alone, so that wrapped text reads in order.
        def column(x0, x1):
            left = 28 * 2.8346
            return _squash(page.crop((left + x0 * 442.2, 0, left + x1 * 442.2, page.height)).extract_text())
        places, messages, advice = column(0.15, 0.35), column(0.35, 0.78), column(0.78, 1.0)
    assert "未解决的校验问题" in last and f"仍有{len(errors)}项错误" in last
    assert "位置" in places and "建议修改" in advice
    for finding in findings:
        assert finding.rule not in last                       # written for a reader, not codes
        assert _squash(for_reader(finding.message)) in messages
    assert "表三：（二）部分公开·总计" in places
    assert "将（二）部分公开" in advice


def test_findings_page_text_has_no_field_spacing():
    assert for_reader("表三 （七）总计·总计 为 19，而自然人之和为 20") == "表三（七）总计·总计为19，而自然人之和为20"
    assert for_reader("按 GB/T 9704 排版") == "按GB/T 9704排版"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_body_lines_justified_to_the_type_area(sample_pdf, tmp_path):
    """Every full body line ends at the 版心's right edge (poppler's geometry: pdfminer
    does not apply the character spacing the justification uses)."""
    source = tmp_path / "report.pdf"
    source.write_bytes(sample_pdf)
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(source), "-"],
                         check=True, capture_output=True, text=True).stdout
    right = 595.2756 - 26 * 72 / 25.4
    ends = [float(m) for m in re.findall(r'xMax="([\d.]+)" yMax="[\d.]+">[^<]{20,}</word>', out)]
    assert len(ends) > 10
    assert all(end <= right + 0.1 for end in ends)
    assert sum(abs(end - right) < 0.1 for end in ends) >= len(ends) - 4  # last lines are short


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_every_page_renders(sample_pdf, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(sample_pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(source), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(pypdf.PdfReader(io.BytesIO(sample_pdf)).pages)
    assert all(p.stat().st_size > 1000 for p in pages)
