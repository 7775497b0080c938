"""The defined names of an own export: one per cell id, reversible, never mistaken for a cell reference."""
import io
import re

import openpyxl

from nianbao.core.form import FORM
from nianbao.core.reportfile import read_report
from nianbao.core.xlsx import names, safety
from nianbao.core.xlsx.export import export_xlsx
from nianbao.core.xlsx.read import read_workbook
from tests.core.test_xlsx_roundtrip import SAMPLES
from tests.core.xlsx_layouts import official_one_sheet, sample_report


def test_names_are_excel_safe_and_map_back_to_their_cell_ids():
    seen = set()
    for cid in FORM.cells:
        name = names.cell_name(cid)
        assert re.fullmatch(r"nb_[a-z0-9_]+", name), name
        assert not re.fullmatch(r"[A-Za-z]{1,3}\d+", name)          # not a cell reference
        assert names.CELL_OF_NAME[name.lower()] == cid
        seen.add(name.lower())
    assert len(seen) == len(FORM.cells) == 200


def test_input_cells_refuse_what_the_format_does_not_allow():
    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(read_report(SAMPLES[0]))))
    rules = {dv.type: dv for dv in wb.active.data_validations.dataValidation}
    assert set(rules) == {"whole", "decimal"}
    counted = sum(len(list(rng.cells)) for rng in rules["whole"].sqref.ranges)
    assert counted == len([c for c in FORM.input_cells if c.kind == "count"])


def test_a_workbook_with_too_many_cells_is_read_within_its_budget():
    report = sample_report()
    wb = openpyxl.load_workbook(io.BytesIO(official_one_sheet(report)))
    for k in range(safety.MAX_CELLS // (safety.MAX_ROWS * safety.MAX_COLS) + 1):
        filler = wb.create_sheet(f"附表{k}")
        for r in range(safety.MAX_ROWS):
            filler.append(list(range(1, safety.MAX_COLS + 1)))
    out = io.BytesIO()
    wb.save(out)
    result = read_workbook(out.getvalue(), "big.xlsx")
    assert result.report.snapshot() == report.snapshot()       # the tables came first and were read
    assert any("工作簿内容过多" in n for n in result.notes)
