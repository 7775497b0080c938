"""Write the document fixtures of the import tests (issue 13) from the real samples.

    /work/venv/bin/python tests/data/documents/make.py

Writes, for each report of ``tests/core/doc_corpus.py``, the PDF made from
its Word document (``doc_layouts.docx_bytes``) by LibreOffice (``STEM.pdf``:
``soffice --headless --convert-to pdf``, with the bundled Chinese fonts on its
font path), and ``scanned.pdf`` (a page image, no text layer) and
``encrypted.pdf``.  The PDFs are committed so that the tests need no
LibreOffice; rerun this only to change them.  The pages, Word documents and
copied texts are built by the tests themselves.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.core import doc_layouts as dl  # noqa: E402
from tests.core.doc_corpus import VARIANTS, sample  # noqa: E402

FONTS = HERE.parents[2] / "resources" / "fonts"


def soffice(docx: Path, out: Path, export: str = "pdf") -> None:
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / ".fonts").mkdir()
        for font in ("FandolFang-Regular.ttf", "NotoSansSC-Regular.ttf"):
            shutil.copy(FONTS / font, Path(home) / ".fonts" / font)
        env = dict(os.environ, HOME=home)
        subprocess.run(["soffice", "--headless", "--convert-to", export, "--outdir", str(out), str(docx)],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)


def scanned_pdf() -> bytes:
    """One A4 page holding only an image (a scanner's output): no text layer."""
    w = h = 64
    pixels = bytes((x * 4 + y) % 256 for y in range(h) for x in range(w))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >>"
               b" /Contents 5 0 R >>",
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Length %d >>\nstream\n" % (w, h, len(pixels)) + pixels + b"\nendstream"]
    content = b"q 500 0 0 700 47 70 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for stem, variant in VARIANTS.items():
            docx = Path(tmp) / f"{stem}.docx"
            docx.write_bytes(dl.docx_bytes(sample(stem), variant=variant))
            soffice(docx, HERE)
        # One report with 表三 as one table broken by the page, its header repeated (标题行重复).
        stem = "pingtan-ziranziyuan-2023"
        docx = Path(tmp) / f"{stem}.repeated-header.docx"
        docx.write_bytes(dl.docx_bytes(sample(stem), variant=dict(VARIANTS[stem], t3_whole=True)))
        soffice(docx, HERE)
        # One with a running head and page numbers “— N —”, as filed PDFs have.
        stem = "pingtan-gonganju-2022"
        docx = Path(tmp) / f"{stem}.page-furniture.docx"
        docx.write_bytes(dl.docx_bytes(sample(stem), variant=dict(VARIANTS[stem], page_furniture=True)))
        soffice(docx, HERE)
        (HERE / "scanned.pdf").write_bytes(scanned_pdf())
        first = next(iter(VARIANTS))
        shutil.copy(Path(tmp) / f"{first}.docx", Path(tmp) / "encrypted.docx")
        soffice(Path(tmp) / "encrypted.docx", HERE,
                'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                '"DocumentOpenPassword":{"type":"string","value":"nianbao"}}')


if __name__ == "__main__":
    main()
