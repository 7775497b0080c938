"""``nianbao export --xlsx``, ``dump``, ``check`` and ``new --from-last-year`` on real workbook files."""
import json
from pathlib import Path

from nianbao.core.cli import main
from nianbao.core.reportfile import dumps, read_report
from nianbao.core.xlsx.export import export_xlsx
from tests.core.xlsx_layouts import official_one_sheet, sample_report
from tests.core.test_xlsx_safety import bomb

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_dump_gives_the_same_json(tmp_path, capsys):
    src = SAMPLES / "pingtan-ziranziyuan-2023.nianbao"
    xlsx = tmp_path / "年报.xlsx"
    code, out, _ = run(capsys, "export", src, "--xlsx", xlsx)
    assert code == 0 and xlsx.read_bytes()[:2] == b"PK"
    code, out, _ = run(capsys, "dump", xlsx)
    assert code == 0
    assert json.loads(out) == json.loads(dumps(read_report(src)))


def test_check_reads_an_excel_file_and_reports_its_errors(tmp_path, capsys):
    xlsx = tmp_path / "haitan.xlsx"
    run(capsys, "export", SAMPLES / "pingtan-haitan-2024.nianbao", "--xlsx", xlsx)
    code, out, _ = run(capsys, "check", "--json", xlsx)
    assert code == 1
    rules = {f["rule"] for f in json.loads(out)["reports"][0]["findings"]}
    assert {"T3-ROW", "T3-RES"} <= rules


def test_new_from_last_years_workbook_carries_forward(tmp_path, capsys):
    last = sample_report(2023)
    xlsx = tmp_path / "上年.xlsx"
    xlsx.write_bytes(official_one_sheet(last))
    out_file = tmp_path / "2024.nianbao"
    code, out, err = run(capsys, "new", "--from-last-year", xlsx, "--year", 2024, "-o", out_file)
    assert code == 0, err
    report = read_report(out_file)
    assert (report.year, report.agency) == (2024, last.agency)
    for col in ("natural", "commercial", "research", "social", "legal", "other_org", "total"):
        assert report.get(f"t3.carried_in.{col}") == last.get(f"t3.carried_out.{col}")
    assert report.last_year.get("t2.normative.in_force") == last.get("t2.normative.in_force")
    assert report.last_year.text["problems"] == last.text["problems"]
    assert not report.text.get("problems")          # last year's text is never copied


def test_batch_check_pairs_consecutive_years_and_survives_bad_files(tmp_path, capsys):
    y2023 = sample_report(2023)
    y2024 = sample_report(2024)
    (tmp_path / "a-2023.xlsx").write_bytes(official_one_sheet(y2023))
    (tmp_path / "a-2024.xlsx").write_bytes(export_xlsx(y2024))     # an own export: read by name
    (tmp_path / "bomb.xlsx").write_bytes(bomb(60 * 1024 * 1024))
    files = sorted(tmp_path.glob("*.xlsx"))
    code, out, err = run(capsys, "check", *files)
    assert code == 2                                 # one file could not be read
    assert "已与上年报告" in out and "a-2023.xlsx" in out
    assert "bomb.xlsx：无法读取" in err and "恶意构造的压缩包" in err   # on stderr
    assert "共 3 个文件" in out


def test_an_unreadable_workbook_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = run(capsys, "dump", bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_2019_format_workbook_is_checked_and_carried_forward(tmp_path, capsys):
    from tests.core.xlsx_layouts import T3, format_2019
    last = sample_report(2022)
    xlsx = tmp_path / "2019格式.xlsx"
    xlsx.write_bytes(format_2019(last, {c.key: 1 for c in T3.columns}))
    code, out, _ = run(capsys, "check", "--json", xlsx)
    report = json.loads(out)["reports"][0]
    assert "S-FORMAT" in {f["rule"] for f in report["findings"]}
    assert any("2019 年（试行）格式" in n for n in report["notes"])
    out_file = tmp_path / "2023.nianbao"
    code, out, err = run(capsys, "new", "--from-last-year", xlsx, "--year", 2023, "-o", out_file)
    assert code == 0, err
    new = read_report(out_file)
    assert new.get("t3.carried_in.natural") == last.get("t3.carried_out.natural")
    assert new.last_year.template == "2019"


def test_source_date_epoch_makes_the_workbook_the_same_on_every_system(monkeypatch):
    import io
    import sys
    import time
    import zipfile

    report = read_report(SAMPLES / "pingtan-haitan-2024.nianbao")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14 22:13:20 UTC
    on_linux = export_xlsx(report)
    clock = time.time
    monkeypatch.setattr(time, "time", lambda: clock() + 3 * 3600)   # hours later ...
    monkeypatch.setattr(sys, "platform", "win32")                  # ... on Windows
    on_windows = export_xlsx(report)
    monkeypatch.undo()
    assert on_windows == on_linux
    with zipfile.ZipFile(io.BytesIO(on_linux)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert {i.create_system for i in zf.infolist()} == {3}
        core_xml = zf.read("docProps/core.xml").decode()
    assert core_xml.count("2023-11-14T22:13:20Z") == 2   # created and modified
