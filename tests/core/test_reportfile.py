"""The report file: exact round trip, validation with clear messages, atomic writes with a backup."""
import json
import os

import pytest

from nianbao.core.errors import InputError
from nianbao.core.reportfile import (ReportFileError, dumps, read_report, read_report_bytes,
                             report_to_dict, write_report)
from support import SAMPLES, consistent_report


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.nianbao")), ids=lambda p: p.stem)
def test_samples_round_trip_as_stated(path):
    original = json.loads(path.read_text(encoding="utf-8"))
    report = read_report(path)
    again = json.loads(dumps(report))
    assert again["cells"] == original["cells"]          # stated totals included, nulls included
    assert again["text"] == {k: v for k, v in original["text"].items() if v}
    assert (again["year"], again["agency"]) == (original["year"], original["agency"])


def test_write_is_atomic_and_keeps_the_previous_version(tmp_path):
    target = tmp_path / "r.nianbao"
    r = consistent_report()
    write_report(r, target)
    r.set("t3.new.natural", 99)
    write_report(r, target)
    assert read_report(target).get("t3.new.natural") == 99
    backup = tmp_path / "r.nianbao.bak"
    assert read_report(backup).get("t3.new.natural") != 99
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "r.nianbao"
    write_report(consistent_report(), target)
    before = target.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_report(consistent_report(seed=2), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_money_is_a_string_and_blank_is_null():
    r = consistent_report()
    r.set("t3.new.natural", None)
    d = report_to_dict(r)
    assert d["cells"]["t2.fees.amount"] == "12.5"
    assert d["cells"]["t3.new.natural"] is None
    assert d["version"] == 1 and d["template"] == "2021"


def test_unknown_keys_are_kept_and_written_back():
    d = report_to_dict(consistent_report())
    d["province_profile"] = {"name": "山东"}
    r = read_report_bytes(json.dumps(d, ensure_ascii=False).encode())
    assert json.loads(dumps(r))["province_profile"] == {"name": "山东"}


def test_invalid_values_are_kept_verbatim():
    d = report_to_dict(consistent_report())
    d["cells"]["t3.new.natural"] = "/"
    d["cells"]["t2.fees.amount"] = 12.5
    r = read_report_bytes(json.dumps(d).encode())
    assert r.get("t3.new.natural") == "/"
    assert json.loads(dumps(r))["cells"]["t3.new.natural"] == "/"
    assert json.loads(dumps(r))["cells"]["t2.fees.amount"] == "12.5"


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b'{"format": "nianbao", "version": 1, "year": 2023, "cells": {', "已损坏"),
    (b'{"hello": 1}', "不是年报文件"),
    (b'[1, 2]', "不是年报文件"),
    (b'{"format": "nianbao", "version": 7, "year": 2023}', "升级"),
    (b'{"format": "nianbao", "version": 1, "year": "2023"}', "年度"),
    (b'{"format": "nianbao", "version": 1, "year": 2023, "date": "20.1.2024"}', "成文日期"),
    (b'{"format": "nianbao", "version": 1, "year": 2023, "template": "1999"}', "格式"),
])
def test_damaged_or_foreign_files_get_a_clear_chinese_message(content, words):
    with pytest.raises(ReportFileError) as err:
        read_report_bytes(content, "x.nianbao")
    assert words in str(err.value) and "\n" not in str(err.value)


def test_missing_file_message(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        read_report(tmp_path / "nope.nianbao")


def test_an_unknown_cell_id_is_refused_not_dropped():
    d = report_to_dict(consistent_report())
    d["cells"]["t3.bogus.natural"] = 1
    with pytest.raises(ReportFileError, match="t3.bogus.natural"):
        read_report_bytes(json.dumps(d).encode())


def test_cells_that_are_not_an_object_are_refused():
    d = report_to_dict(consistent_report())
    d["cells"] = []
    with pytest.raises(ReportFileError, match="cells"):
        read_report_bytes(json.dumps(d).encode())
