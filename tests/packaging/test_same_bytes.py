"""The Word export is the same bytes whichever system writes it (packaging/windows/ci compares the
installed Windows program's .docx with the Linux source tree's): zipfile marks entries with the
writing system unless told otherwise."""
import zipfile

from pathlib import Path

from nianbao.core.publish import export_docx
from nianbao.core.reportfile import read_report

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pingtan-gonganju-2022.nianbao"


def test_the_docx_is_the_same_bytes_when_written_on_windows(monkeypatch):
    report = read_report(SAMPLE)
    here = export_docx(report, [])
    monkeypatch.setattr(zipfile.sys, "platform", "win32")
    assert export_docx(report, []) == here


def test_the_workbook_is_written_without_lxml_even_where_lxml_is_installed():
    """Seen in CI: with lxml in the venv (python-docx brings it) openpyxl serialised the
    namespaces differently, and the Windows workbook (no lxml) differed from the Linux one."""
    import subprocess
    import sys
    code = ("import nianbao.core.xlsx.export, openpyxl.xml as x; print(x.LXML)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={k: v for k, v in __import__("os").environ.items() if k != "OPENPYXL_LXML"})
    assert out.stdout.strip() == "False", out.stderr
