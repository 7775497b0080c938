"""Open any report the user hands us: a report file, an .xlsx or .xls workbook, a Word document
(.docx), a PDF, a saved web page or text copied from one (``importers/``).

The type is told by the file's first bytes, never by its name, and each type
goes to its own bounded reader.  The Excel readers are imported only when an
Excel file is opened (openpyxl costs ~130 ms to import).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Union

from .errors import InputError
from .model import Report
from .reportfile import read_input_file, read_report_bytes

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

KIND_REPORT = "nianbao"
KIND_XLSX = "xlsx"
KIND_XLS = "xls"
KIND_DOCX = "docx"
KIND_PDF = "pdf"
KIND_HTML = "html"
KIND_TEXT = "text"
KIND_DOC = "doc"          # Word 97–2003 / WPS: refused (save as .docx)


@dataclass
class Loaded:
    """A report read from a file, with what the reader has to tell about it."""
    report: Report
    kind: str
    notes: List[str] = field(default_factory=list)   # import notes, in Chinese


def _zip_names(data: bytes) -> Optional[List[str]]:
    """The members a zip's directory lists, or None for a damaged zip."""
    import io
    import zipfile
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:          # whatever a damaged zip makes zipfile raise
        return None


def sniff(data: bytes) -> str:
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return KIND_DOCX if "word/document.xml" in (_zip_names(data) or ()) else KIND_XLSX
    if head.startswith(OLE_MAGIC):
        word = "WordDocument".encode("utf-16-le") in data and "Workbook".encode("utf-16-le") not in data
        return KIND_DOC if word else KIND_XLS
    if data[:1024].lstrip().startswith(b"%PDF"):
        return KIND_PDF
    stripped = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return KIND_REPORT
    lowered = data[:4096].lower()
    if b"multipart/related" in lowered[:2048] and lowered.lstrip().startswith((b"mime-version:", b"from:", b"content-type:")):
        return KIND_HTML          # a page saved as one file (.mht)
    if stripped.startswith(b"<") and any(t in lowered for t in (b"<html", b"<!doctype", b"<table", b"<body", b"<div", b"<p")):
        return KIND_HTML
    return KIND_TEXT


def load_bytes(data: bytes, name: str, year: Optional[int] = None) -> Loaded:
    """``year``: in a workbook that holds several reports, the one to read (else the latest)."""
    if not data.strip(b" \t\r\n\x00"):
        raise InputError(f"“{name}”文件是空的，不是年报文件，也不是工作簿")
    kind = sniff(data)
    if kind == KIND_XLSX and name.lower().endswith((".docx", ".docm")) and _zip_names(data) is None:
        kind = KIND_DOCX          # a damaged Word document: its reader says what is wrong, in its words
    if kind == KIND_XLS and name.lower().endswith((".docx", ".doc", ".wps")):
        kind = KIND_DOC           # an encrypted .docx is an OLE file too: the Word reader refuses it
    if kind == KIND_REPORT:
        notes: List[str] = []
        report = read_report_bytes(data, name, notes)
        return Loaded(report, kind, notes)
    if kind in (KIND_XLSX, KIND_XLS):
        from .xlsx.read import read_workbook  # lazy: openpyxl/xlrd only when needed
        result = read_workbook(data, name, year=year)
        return Loaded(result.report, kind, list(result.notes))
    from .importers.read import read_document  # lazy: pdfplumber only when a PDF is opened
    result = read_document(kind, data, name, year=year)
    return Loaded(result.report, kind, list(result.notes))


def load(path: Union[str, Path], year: Optional[int] = None) -> Loaded:
    data = read_input_file(path, what="年报文件或年报工作簿")
    return load_bytes(data, Path(path).name, year)


def load_report(path: Union[str, Path], year: Optional[int] = None) -> Report:
    return load(path, year).report
