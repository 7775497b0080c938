"""Helpers for the publish tests: LibreOffice for the .docx, Chromium for the HTML, a report
whose every cell differs, and what each table position must show.

Both run in a private HOME whose fontconfig maps the official names the
documents ask for (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) to the bundled
stand-ins, so that the pages look as on a clerk's machine with the official fonts.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import List

from nianbao.core.resources import resource_path

SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")

_ALIASES = {"仿宋_GB2312": "FandolFang", "仿宋": "FandolFang",
            "黑体": "Noto Sans SC", "楷体_GB2312": "FandolKai", "楷体": "FandolKai",
            "宋体": "Noto Serif SC"}

# 方正小标宋 is a heavy face: its stand-in is the bold Noto Serif SC, as in the PDF.
_TITLE_FACE = ('<match target="pattern"><test name="family"><string>方正小标宋简体</string></test>'
               '<edit name="family" mode="assign" binding="same"><string>Noto Serif SC</string></edit>'
               '<edit name="weight" mode="assign"><const>bold</const></edit></match>')


def private_home(root: Path) -> dict:
    """An environment whose HOME has a fontconfig with the bundled faces and the aliases."""
    conf = root / ".config" / "fontconfig"
    conf.mkdir(parents=True, exist_ok=True)
    aliases = "".join(f"<alias binding=\"same\"><family>{name}</family><prefer><family>{face}</family>"
                      "</prefer></alias>" for name, face in _ALIASES.items())
    (conf / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{resource_path('fonts')}</dir>{aliases}{_TITLE_FACE}</fontconfig>", encoding="utf-8")
    env = dict(os.environ, HOME=str(root), XDG_CONFIG_HOME=str(root / ".config"),
               XDG_CACHE_HOME=str(root / ".cache"))
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    env = private_home(out_dir / "home")
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(out_dir), str(docx)], env=env, check=True, capture_output=True, timeout=180)
    return out_dir / (docx.stem + ".pdf")


def pdf_pages(pdf: Path, prefix: Path, dpi: int = 80) -> List[Path]:
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def screenshot(html: Path, png: Path, width: int, height: int = 2400) -> Path:
    env = private_home(png.parent / "home")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={png.parent / 'chromium'}", f"--screenshot={png}",
                    f"--window-size={width},{height}", html.as_uri()],
                   env=env, check=True, capture_output=True, timeout=180)
    return png


def distinct_report():
    """The bundled sample with a 成文日期 and every input cell a different number, so that a
    number found in the wrong cell cannot pass for the right one; money with decimals."""
    import datetime as dt
    from decimal import Decimal

    from nianbao.core.form import FORM
    from nianbao.core.reportfile import read_report
    from nianbao.core.resources import sample_report_path

    report = read_report(sample_report_path())
    report.date = dt.date(2023, 1, 20)
    for k, cell in enumerate(FORM.input_cells):
        report.set(cell.id, Decimal(f"{k}.25") if cell.kind == "money" else k + 1)
    return report


def expected_grid(table, values):
    """(row, col) → text for the origin of every grid cell, and (row, col) → origin for every
    position a cell covers: what any reader must find at each position."""
    from nianbao.core.form import ROLE_DATA
    from nianbao.core.values import format_value

    texts, origin = {}, {}
    for g in table.grid:
        texts[(g.row, g.col)] = format_value(values.get(g.cell_id)) if g.role == ROLE_DATA else g.text
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                origin[(r, c)] = (g.row, g.col)
    return texts, origin
