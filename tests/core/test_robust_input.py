"""Hostile and odd input: one Chinese line and exit 2, never a traceback, and nothing lost silently.

Each test here reproduces a defect of issue 10 (crashes, unwritable text, what the
reader accepts and the writer could not write back).
"""
from __future__ import annotations

import io
import json
import struct
import sys
from decimal import Decimal

import pytest

from nianbao.core import cli
from nianbao.core.errors import InputError
from nianbao.core.importing import load_bytes
from nianbao.core.model import Report
from nianbao.core.reportfile import dumps, read_report_bytes
from nianbao.core.values import Invalid, parse_count, parse_money
from nianbao.core.xlsx.export import export_xlsx

from ..support import sample


def _file(tmp_path, name, obj_or_text):
    p = tmp_path / name
    p.write_text(obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text), encoding="utf-8")
    return str(p)


def _report_json(**over):
    d = {"format": "nianbao", "version": 1, "year": 2023, "agency": "某局", "cells": {}}
    d.update(over)
    return d


def _big(digits: int) -> str:
    return "9" * digits


def _run(capsys, argv):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_files_in_a_batch_are_one_line_each_and_the_others_are_still_checked(tmp_path, capsys):
    deep = _file(tmp_path, "deep.nianbao", '{"format": "nianbao", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    huge = _file(tmp_path, "huge.nianbao", '{"format": "nianbao", "version": 1, "year": 2023, "cells": '
                                           '{"t3.new.natural": ' + _big(5000) + "}}")
    sumbig = _file(tmp_path, "sum.nianbao", '{"format": "nianbao", "version": 1, "year": 2023, "cells": '
                                            '{"t3.new.natural": ' + _big(4300) + ', "t3.new.legal": '
                                            + _big(4300) + "}}")
    good = tmp_path / "good.nianbao"
    good.write_text(dumps(sample("pingtan-haitan-2024")), encoding="utf-8")
    for args in ([], ["--json"]):
        code, out, err = _run(capsys, ["check", *args, deep, huge, sumbig, str(good)])
        assert code == 2
        assert "Traceback" not in err
        if args:
            reports = json.loads(out)["reports"]
            assert [bool(r.get("error")) for r in reports] == [True, True, True, False]
            assert reports[3]["findings"]
        else:
            assert "good.nianbao" in out and "嵌套层数过多" in err
            # "无法读取" lines belong on stderr, one per bad file
            assert sum("无法读取" in line for line in err.splitlines()) == 3
            assert "无法读取：" not in out


def test_counts_and_amounts_are_bounded_to_fifteen_digits_on_every_path():
    assert parse_count("999999999999999") == 999_999_999_999_999
    assert parse_count("1000000000000000") == Invalid("1000000000000000")
    assert isinstance(parse_count(10 ** 400), Invalid)
    assert isinstance(parse_count(1e300), Invalid)
    assert isinstance(parse_count(_big(5000)), Invalid)        # no ValueError from int()
    assert isinstance(parse_money(_big(20)), Invalid)
    assert isinstance(parse_money(float("inf")), Invalid)
    assert parse_money("12.5") == Decimal("12.5")
    r = Report(2023, "某局")
    r.set("t3.new.natural", 10 ** 40)                           # set directly: still bounded
    assert isinstance(r.get("t3.new.natural"), Invalid)
    assert export_xlsx(r)                                       # no OverflowError


def test_a_huge_number_as_cell_text_in_a_workbook_is_refused_in_one_line():
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(export_xlsx(sample("pingtan-haitan-2024"))))
    ws = wb.active
    sheet, ref = next(iter(wb.defined_names["nb_t3_new_natural"].destinations))
    ws[ref.replace("$", "")] = _big(5000)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(InputError, match="“x.xlsx”：.*长达 5000 字"):
        load_bytes(out.getvalue(), "x.xlsx")


def test_a_zip_member_of_an_unsupported_version_is_refused():
    data = bytearray(export_xlsx(sample("pingtan-haitan-2024")))
    at = data.find(b"PK\x01\x02")
    data[at + 6:at + 8] = struct.pack("<H", 255)                # "zip file version 25.5"
    with pytest.raises(InputError, match="压缩"):
        load_bytes(bytes(data), "v.xlsx")


def test_a_zip_directory_that_lies_about_offsets_is_refused():
    data = bytearray(export_xlsx(sample("pingtan-haitan-2024")))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 400_000_000)
    with pytest.raises(InputError, match="已损坏"):               # was ValueError: negative seek value
        load_bytes(bytes(data), "offsets.xlsx")


@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\ufffe", "\uffff", "\x01", "\x0b"])
def test_characters_no_file_can_carry_are_replaced_with_a_note_and_every_writer_reads_back(bad):
    raw = json.dumps(_report_json(agency="某" + bad + "局", text={"overview": "总体" + bad}))
    loaded = load_bytes(raw.encode("utf-8"), "s.nianbao")
    assert loaded.report.agency == "某\ufffd局" and loaded.report.text["overview"] == "总体\ufffd"
    assert any("机关名称" in n for n in loaded.notes) and any("一、总体情况" in n for n in loaded.notes)
    again = read_report_bytes(dumps(loaded.report).encode("utf-8"))
    assert again.agency == loaded.report.agency
    back = load_bytes(export_xlsx(loaded.report), "s.xlsx").report
    assert (back.agency, back.text) == (loaded.report.agency, loaded.report.text)


def test_a_writer_refuses_text_it_could_not_write_back():
    r = Report(2023, "某\ud800局")
    with pytest.raises(InputError, match="无法"):
        export_xlsx(r)
    from nianbao.core.reportfile import encode_report
    with pytest.raises(InputError, match="无法保存"):
        encode_report(r)


def test_new_with_an_agency_that_is_not_utf8_is_one_line(tmp_path, capsys):
    agency = b"\xff".decode(sys.getfilesystemencoding(), "surrogateescape")
    code, out, err = _run(capsys, ["new", "--year", "2024", "--agency", agency, "-o", str(tmp_path / "n.nianbao")])
    assert code == 2 and "机关名称" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_text_no_report_has_is_refused_with_a_message():
    raw = json.dumps(_report_json(text={"overview": "长" * 50_001}))
    with pytest.raises(InputError, match="50,000"):
        load_bytes(raw.encode(), "long.nianbao")
    raw = json.dumps(_report_json(text={"problems": "段\n" * 3000}))
    with pytest.raises(InputError, match="段"):
        load_bytes(raw.encode(), "lines.nianbao")


def test_a_long_text_in_a_table_cell_is_refused_before_any_writer_sees_it():
    raw = json.dumps(_report_json(cells={"t3.new.natural": "很长的说明" * 60}))
    with pytest.raises(InputError, match="只能填写数字"):
        load_bytes(raw.encode(), "cell.nianbao")
    r = Report(2023, "某局")
    with pytest.raises(InputError):
        r.set("t4.review.upheld", Invalid("x" * 1000))


def _workbook_with(title: str, template: str = None) -> bytes:
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(export_xlsx(sample("pingtan-haitan-2024"))))
    ws = wb.active
    ws["A1"] = title
    for prop in list(wb.custom_doc_props):
        if prop.name == "nianbao.year" or (template and prop.name == "nianbao.template"):
            wb.custom_doc_props.props.remove(prop)
    if template:
        from openpyxl.packaging.custom import StringProperty
        wb.custom_doc_props.append(StringProperty(name="nianbao.template", value=template))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("title, template", [("某局1999年政府信息公开工作年度报告", None),
                                             ("某局2023年政府信息公开工作年度报告", "2030")])
def test_what_the_workbook_reader_accepts_the_report_file_reads_again(title, template):
    data = _workbook_with(title, template)
    try:
        loaded = load_bytes(data, "y.xlsx")
    except InputError as exc:
        assert "1999" in str(exc) or "2030" in str(exc)
        return
    read_report_bytes(dumps(loaded.report).encode("utf-8"))      # must not be refused


@pytest.mark.parametrize("over", [{"template": "2021\n\n\n2"}, {"year": "20\n23"}, {"date": "2023\n-01"},
                                  {"cells": {"t3.\nnew": 1}}])
def test_a_refusal_quoting_what_the_file_says_stays_one_line(over):
    raw = json.dumps(_report_json(**over))
    with pytest.raises(InputError) as info:
        load_bytes(raw.encode(), "odd.nianbao")
    assert "\n" not in str(info.value) and "⏎" in str(info.value)


def test_export_of_a_count_of_ten_to_the_400_is_one_line_and_exit_2(tmp_path, capsys):
    src = _file(tmp_path, "big.nianbao", '{"format": "nianbao", "version": 1, "year": 2023, "cells": '
                                         '{"t3.new.natural": 1' + "0" * 400 + "}}")
    code, out, err = _run(capsys, ["export", src, "--xlsx", str(tmp_path / "o.xlsx")])
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize("year, template, agency", [(1999, "2021", "某局"), (2023, "2030", "某局"),
                                                    (2023, "2021", "局" * 201)])
def test_writers_refuse_what_the_readers_would_refuse(year, template, agency):
    from nianbao.core.reportfile import encode_report
    r = Report(year, agency, template=template)
    with pytest.raises(InputError):
        encode_report(r)
    with pytest.raises(InputError):
        export_xlsx(r)


def test_output_to_a_legacy_encoding_does_not_crash(tmp_path, monkeypatch):
    src = _file(tmp_path, "odd.nianbao", _report_json(agency="某局\ud800", text={"overview": "𠀀⏎"}))
    out = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="gbk"))
    assert cli.main(["check", src]) in (0, 1)
    assert cli.main(["dump", src]) == 0
