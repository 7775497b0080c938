"""Document imports are somebody else's files: bounded, defused, and every failure one Chinese line.

Hostile files (a zip bomb, XXE, huge pages, absurd spans) and mutated copies of
every fixture (bytes flipped, cut, spliced) must end either in a report or in
one ``InputError`` line — never another exception, never a hang.
"""
from __future__ import annotations

import io
import random
import time
import zipfile

import pytest

from tests.core import doc_layouts as dl
from tests.core.doc_corpus import FIXTURES, VARIANTS, sample

from nianbao.core.errors import InputError
from nianbao.core.importing import load_bytes

STEM = "pingtan-gonganju-2022"


def _one_line_or_report(data: bytes, name: str) -> None:
    try:
        load_bytes(data, name)
    except InputError as err:
        text = str(err)
        assert text and "\n" not in text and "Traceback" not in text


def _seeds():
    r, v = sample(STEM), VARIANTS[STEM]
    return {
        "a.docx": dl.docx_bytes(r, variant=v),
        "a.html": dl.html_page(r, variant=v).encode("utf-8"),
        "a.txt": dl.copied_text(r, run_together=True, variant=v).encode("utf-8"),
        "a.pdf": (FIXTURES / f"{STEM}.pdf").read_bytes(),
    }


def _mutations(data: bytes, rng: random.Random, n: int):
    for _ in range(n):
        b = bytearray(data)
        how = rng.randrange(4)
        if how == 0:                       # flip bytes
            for _ in range(rng.randrange(1, 20)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif how == 1:                     # cut short
            b = b[: rng.randrange(8, len(b))]
        elif how == 2:                     # splice a piece elsewhere
            i, j = sorted(rng.randrange(len(b)) for _ in range(2))
            k = rng.randrange(len(b))
            b[k:k] = b[i:j][:4096]
        else:                              # zero a run
            i = rng.randrange(len(b))
            b[i:i + rng.randrange(1, 400)] = bytes(min(len(b) - i, 400))[: len(b[i:i + 400])]
        yield bytes(b)


@pytest.mark.parametrize("name", ["a.docx", "a.html", "a.txt", "a.pdf"])
def test_mutated_files_fail_in_one_chinese_line(name):
    rng = random.Random(13)
    data = _seeds()[name]
    count = 25 if name == "a.pdf" else 60
    for mutated in _mutations(data, rng, count):
        _one_line_or_report(mutated, name)


def test_mutated_docx_xml():
    """Damage inside the XML (not the zip): tags cut, spans absurd, merges without a start."""
    r = sample(STEM)
    xml = zipfile.ZipFile(io.BytesIO(dl.docx_bytes(r))).read("word/document.xml").decode()
    rng = random.Random(7)
    variants = [xml.replace('w:val="restart"', ""), xml.replace("<w:vMerge/>", '<w:vMerge w:val="restart"/>'),
                xml.replace('w:gridSpan w:val="', 'w:gridSpan w:val="99999'), xml[: len(xml) // 2]]
    for _ in range(20):
        i = rng.randrange(len(xml))
        variants.append(xml[:i] + xml[i + rng.randrange(1, 50):])
    for v in variants:
        _one_line_or_report(dl.zip_docx({"word/document.xml": v}), "a.docx")


def test_docx_with_external_entity_refused():
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(InputError) as err:
        load_bytes(dl.zip_docx({"word/document.xml": xxe}), "a.docx")
    assert "外部实体" in str(err.value)


def test_docx_zip_bomb_refused_before_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (30 * 1024 * 1024))
    with pytest.raises(InputError) as err:
        load_bytes(out.getvalue(), "bomb.docx")
    assert "过大" in str(err.value) or "压缩比" in str(err.value)


def test_huge_page_is_bounded():
    page = ("<html><body>" + "<div><span>导航</span></div>" * 150_000 + "</body></html>").encode()
    start = time.perf_counter()
    with pytest.raises(InputError):
        load_bytes(page, "huge.html")
    assert time.perf_counter() - start < 10


def test_deep_nesting_and_absurd_spans():
    r = sample(STEM)
    page = dl.html_page(r).replace('rowspan="', 'rowspan="9999').replace("<body>", "<body>" + "<div>" * 5000)
    _one_line_or_report(page.encode(), "a.html")


def test_page_never_fetches_anything(monkeypatch):
    import socket

    def refuse(*a, **k):
        raise AssertionError("network access")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    load_bytes(dl.html_page(sample(STEM)).encode(), "a.html")     # has <img src=http://…> and links


def test_binary_garbage_is_not_text():
    with pytest.raises(InputError):
        load_bytes(bytes(range(256)) * 20, "x.txt")


def test_pdf_with_an_absurd_page_is_refused(monkeypatch):
    from nianbao.core.importers import pdf
    monkeypatch.setattr(pdf, "MAX_PAGE_CHARS", 100)
    with pytest.raises(InputError) as err:
        load_bytes((FIXTURES / f"{STEM}.pdf").read_bytes(), "a.pdf")
    assert "第 1 页" in str(err.value) and "异常" in str(err.value)


def test_scan_with_a_stamped_page_number_is_still_a_scan():
    data = (FIXTURES / "scanned.pdf").read_bytes()
    # The page's content stream draws the image and then a stamped page number in a standard font.
    stream = b"q 500 0 0 700 47 70 cm /Im0 Do Q BT /F1 10 Tf 290 30 Td (- 1 -) Tj ET"
    data = data.replace(b"/XObject << /Im0 4 0 R >> >>", b"/XObject << /Im0 4 0 R >> /Font << /F1 "
                        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>")
    data = data.replace(b"<< /Length 32 >>\nstream\nq 500 0 0 700 47 70 cm /Im0 Do Q",
                        b"<< /Length %d >>\nstream\n" % len(stream) + stream)
    with pytest.raises(InputError) as err:
        load_bytes(data, "scan.pdf")
    assert "扫描件" in str(err.value)


def test_oversized_text_refused_in_one_line():
    with pytest.raises(InputError) as err:
        load_bytes(("一、总体情况\n" + "文字" * 300_000).encode(), "粘贴.txt")
    assert "过多" in str(err.value)


def test_damaged_word_document_is_called_a_word_document():
    data = dl.docx_bytes(sample(STEM))
    with pytest.raises(InputError) as err:
        load_bytes(data[: len(data) // 2], "去年年报.docx")
    assert "Word" in str(err.value) and "xlsx" not in str(err.value)


def test_encrypted_word_document_refused_as_such():
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le")
           + b"\x00" * 10 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(InputError) as err:
        load_bytes(ole, "去年年报.docx")
    assert "加密的 Word 文档" in str(err.value)
