"""The real published reports (resources/samples) imported from every form they come in — the
portal page (three CMS styles), the Word document, the PDF (tests/data/documents, made by its
make.py with LibreOffice) and the copied text: all 200 cells, the texts, year and agency as transcribed."""
from __future__ import annotations

import pytest

from tests.core import doc_layouts as dl
from tests.core.doc_corpus import FIXTURES, HTML_STYLES, VARIANTS, sample

from nianbao.core.errors import InputError
from nianbao.core.importing import load, load_bytes


def document(stem: str, file: str) -> bytes:
    """The file as the clerk has it: the committed PDF, or the page/document/text built from the transcription."""
    if file.endswith(".pdf"):
        return (FIXTURES / file).read_bytes()
    r, variant = sample(stem), VARIANTS[stem]
    if file.endswith(".docx"):
        return dl.docx_bytes(r, variant=variant)
    if file.endswith(".txt"):
        return dl.copied_text(r, variant=variant).encode("utf-8")
    return dl.html_page(r, style=file.split(".")[-2], variant=variant).encode("utf-8")

CASES = [(stem, f"{stem}.{ext}") for stem in VARIANTS for ext in ("docx", "pdf", "txt")]
CASES += [(stem, f"{stem}.{style}.html") for stem, styles in HTML_STYLES.items() for style in styles]
# 表三 as one table broken by the page, a row cut in two and its header rows repeated (标题行重复).
CASES += [("pingtan-ziranziyuan-2023", "pingtan-ziranziyuan-2023.repeated-header.pdf")]
# With a running head (the title, on every page) and page numbers “— N —”.
CASES += [("pingtan-gonganju-2022", "pingtan-gonganju-2022.page-furniture.pdf")]
# What the reports print differently from the official form, said in a note (never silently).
EXPECTED_NOTES = {"pingtan-shehuishiye-2023": ["找不到行“规章”"],
                  "pingtan-haitan-2024": ["找不到行“规章”", "先行有效件数"]}


@pytest.mark.parametrize("stem,file", CASES, ids=[f for _, f in CASES])
def test_real_report_cell_exact(stem, file):
    want = sample(stem)
    loaded = load_bytes(document(stem, file), file)
    got = loaded.report
    snap, expected = got.snapshot(), want.snapshot()
    wrong = {c: (snap[c], expected[c]) for c in expected if snap[c] != expected[c]}
    assert not wrong, wrong
    assert got.stated_totals == want.stated_totals
    assert got.text == want.text
    assert (got.year, got.agency) == (want.year, want.agency)
    expected_notes = EXPECTED_NOTES.get(stem, [])
    if file.endswith(".txt"):     # copied text has no reliable header: the official one is used
        expected_notes = [n for n in expected_notes if n != "先行有效件数"]
    for part in expected_notes:
        assert any(part in n for n in loaded.notes), loaded.notes
    if not expected_notes:
        assert not loaded.notes


def test_corpus_size():
    assert len(CASES) >= 6 + 3 + 4
    assert sum(f.endswith(".html") for _, f in CASES) >= 6


def test_scanned_pdf_refused():
    with pytest.raises(InputError) as err:
        load(FIXTURES / "scanned.pdf")
    assert "扫描件" in str(err.value) and "\n" not in str(err.value)


def test_encrypted_pdf_refused():
    with pytest.raises(InputError) as err:
        load(FIXTURES / "encrypted.pdf")
    assert "加密" in str(err.value)
