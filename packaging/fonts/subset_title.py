"""Subset the title face (Noto Serif SC Bold) to the characters a report's title is written in.

The title face draws one line: the agency's name and 政府信息公开工作年度报告.
The full face carries 30,928 characters (all of GB 18030's ideographs, CJK
extension A included); this keeps

* every character of the face that is not a CJK ideograph (Latin, digits,
  punctuation, full-width forms, ㎡ ① Ⅰ and the like: small glyphs);
* the ideographs of GB 2312 (the 6,763 characters every office system has);
* the ideographs that the bundled body and 二级标题 faces draw (FandolFang and
  FandolKai: GB 2312 plus about 1,200 more characters of names and places),

and drops the tables reportlab never reads (vertical metrics, OpenType
layout).  A character of a title outside this set is still drawn: the PDF
falls back to Noto Serif SC Regular, which stays complete (core/pdf/fonts.py).
Noto Sans SC also stays complete: it is the window's font too.

Usage (needs ``pip install fonttools``; from the repository root)::

    npm pack @expo-google-fonts/noto-serif-sc@0.4.3     # 700Bold/NotoSerifSC_700Bold.ttf inside
    python3 packaging/fonts/subset_title.py NotoSerifSC_700Bold.ttf resources/fonts/NotoSerifSC-Bold.ttf

The output is reproducible: the same input and fontTools version give the
same bytes (sha256 in resources/fonts/MANIFEST.json).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
BODY_FACES = ("FandolFang-Regular.ttf", "FandolKai-Regular.ttf")
DROP = ["vhea", "vmtx", "VORG", "BASE", "GSUB", "GPOS", "GDEF", "DSIG"]


def is_ideograph(code: int) -> bool:
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or code >= 0x20000)


def gb2312() -> set:
    out = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def title_characters(source_cmap, fonts_dir: Path) -> set:
    keep = {c for c in source_cmap if not is_ideograph(c)} | gb2312()
    for name in BODY_FACES:
        with TTFont(str(fonts_dir / name), lazy=True) as face:
            keep |= set(face.getBestCmap())
    return keep & set(source_cmap)


def subset_title(src: str, dst: str, fonts_dir: Path = ROOT / "resources" / "fonts") -> int:
    font = TTFont(src, recalcTimestamp=False)
    keep = title_characters(font.getBestCmap(), fonts_dir)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += DROP
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    font.save(dst, reorderTables=True)
    return len(keep)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the complete NotoSerifSC Bold .ttf")
    parser.add_argument("output", help="the subset .ttf to write")
    args = parser.parse_args(argv)
    count = subset_title(args.source, args.output)
    digest = hashlib.sha256(Path(args.output).read_bytes()).hexdigest()
    print(f"{args.output}  {count} characters  sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
