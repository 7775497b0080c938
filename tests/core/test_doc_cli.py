"""``dump``, ``check`` (a folder too) and ``new --from-last-year`` on Word, PDF, web page and text files."""
import json
import shutil

from tests.core import doc_layouts as dl
from tests.core.doc_corpus import FIXTURES, VARIANTS, sample
from tests.core.test_xlsx_cli import run
from tests.core.xlsx_layouts import official_one_sheet, sample_report

from nianbao.core.form import FORM
from nianbao.core.reportfile import dumps, read_report


def test_dump_of_every_kind_gives_the_transcribed_report(tmp_path, capsys):
    stem = "pingtan-ziranziyuan-2023"
    r, v = sample(stem), VARIANTS[stem]
    files = {"a.docx": dl.docx_bytes(r, variant=v), "a.html": dl.html_page(r, variant=v).encode(),
             "a.txt": dl.copied_text(r, variant=v).encode(), "a.pdf": (FIXTURES / f"{stem}.pdf").read_bytes()}
    want = json.loads(dumps(r))
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = run(capsys, "dump", tmp_path / name)
        assert code == 0, err
        assert json.loads(out) == want, name


def test_new_from_last_years_pdf_carries_four_into_two(tmp_path, capsys):
    stem = "pingtan-gonganju-2022"
    last = sample(stem)
    pdf = tmp_path / "去年年报.pdf"
    shutil.copy(FIXTURES / f"{stem}.pdf", pdf)
    out_file = tmp_path / "2023.nianbao"
    code, _, err = run(capsys, "new", "--from-last-year", pdf, "--year", 2023, "-o", out_file)
    assert code == 0, err
    report = read_report(out_file)
    assert (report.year, report.agency) == (2023, last.agency)
    cols = [c.key for c in FORM.table("t3").columns]
    assert [report.get(f"t3.carried_in.{c}") for c in cols] == [last.get(f"t3.carried_out.{c}") for c in cols]


def test_check_a_folder_mixing_pdf_pages_and_workbooks(tmp_path, capsys):
    folder = tmp_path / "年报"
    folder.mkdir()
    y2023, y2024 = sample_report(2023), sample_report(2024)
    (folder / "a-2023.html").write_bytes(dl.html_page(y2023).encode())
    (folder / "a-2024.xlsx").write_bytes(official_one_sheet(y2024))
    (folder / "gonganju-2022.pdf").write_bytes((FIXTURES / "pingtan-gonganju-2022.pdf").read_bytes())
    (folder / "scan.pdf").write_bytes((FIXTURES / "scanned.pdf").read_bytes())
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    (folder / "notes.md").write_text("not a report")
    code, out, err = run(capsys, "check", folder)
    assert code == 2                       # two files could not be read
    summaries = [ln for ln in out.splitlines() if "：" in ln and not ln.startswith(" ")]
    assert sum("a-2023.html" in ln for ln in summaries) == 1
    assert any("已与上年报告" in ln and "a-2023.html" in ln for ln in out.splitlines())
    assert "scan.pdf：无法读取" in err and "扫描件" in err    # what could not be read goes to stderr
    assert "old.doc：无法读取" in err and ".docx" in err
    assert "notes.md" not in out + err
    assert "共 5 个文件" in out
