"""Import speed of last year's report from a Word document, a PDF, a web page and copied text (issue 13).
Prints numbers; asserts nothing.

    PYTHONDONTWRITEBYTECODE= python3 bench/bench_documents.py [--repeat 10]

Targets: a PDF under 1 s, a .docx or an HTML page under 300 ms.  The documents
are the real reports of ``tests/core/doc_corpus.py`` (the PDFs those LibreOffice
made, ``tests/data/documents``); the first import of each kind pays its module
imports (pdfplumber for a PDF) once per process, and is shown apart.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from nianbao.core.importing import load_bytes
    from tests.core import doc_layouts as dl
    from tests.core.doc_corpus import FIXTURES, VARIANTS, sample

    for kind in ("docx", "html", "txt", "pdf"):
        firsts, times = [], []
        for stem, variant in VARIANTS.items():
            r = sample(stem)
            data = {"docx": lambda: dl.docx_bytes(r, variant=variant),
                    "html": lambda: dl.html_page(r, variant=variant).encode(),
                    "txt": lambda: dl.copied_text(r, variant=variant).encode(),
                    "pdf": lambda: (FIXTURES / f"{stem}.pdf").read_bytes()}[kind]()
            for i in range(args.repeat):
                t = time.perf_counter()
                load_bytes(data, f"{stem}.{kind}")
                ms = (time.perf_counter() - t) * 1000
                (firsts if not firsts and not times else times).append(ms)
        print(f"{kind:5s} first import {firsts[0]:6.0f} ms; then median {statistics.median(times):6.0f} ms, "
              f"max {max(times):6.0f} ms over {len(times)} imports of {len(VARIANTS)} reports")


if __name__ == "__main__":
    main()
