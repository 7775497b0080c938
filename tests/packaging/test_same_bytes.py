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
