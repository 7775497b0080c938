"""Subset the two Noto Serif SC faces to the characters the PDF can ask them for.

reportlab embeds only the glyphs a PDF uses, but it reads and the bundle ships
the whole font file.  Two of the bundled faces are used for few characters:

* ``title``: Noto Serif SC Bold draws one line, the report's title (the
  agency's name and 政府信息公开工作年度报告).  Kept: every character of the
  face that is not a CJK ideograph (Latin, digits, punctuation, full-width
  forms, ㎡ ① Ⅰ and the like: small glyphs), the ideographs of GB 2312, and the
  ideographs the bundled body and 二级标题 faces draw (FandolFang and
  FandolKai: GB 2312 plus about 1,200 more characters of names and places).
  A rarer character of a title falls back to Noto Serif SC Regular.
* ``fallback``: Noto Serif SC Regular is only a fallback (core/pdf/fonts.py):
  it draws a character only when the role's own face lacks it.  Every face a
  role can have, bundled or the clerk's official *_GB2312 faces, draws all
  6,763 ideographs of GB 2312, so those are dropped; everything else is kept.
  Were a broken installed face to lack one, Noto Sans SC (complete: it is the
  window's font too) still draws it.

Both drop the tables reportlab never reads (vertical metrics, OpenType layout).

Usage (needs ``pip install fonttools``; from the repository root)::

    npm pack @expo-google-fonts/noto-serif-sc@0.4.3 && tar xzf expo-google-fonts-noto-serif-sc-0.4.3.tgz
    python3 packaging/fonts/subset_noto.py title package/700Bold/NotoSerifSC_700Bold.ttf \
        resources/fonts/NotoSerifSC-Bold.ttf
    python3 packaging/fonts/subset_noto.py fallback package/400Regular/NotoSerifSC_400Regular.ttf \
        resources/fonts/NotoSerifSC-Regular.ttf

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
FONTS = ROOT / "resources" / "fonts"
BODY_FACES = ("FandolFang-Regular.ttf", "FandolKai-Regular.ttf")
DROP = ["vhea", "vmtx", "VORG", "BASE", "GSUB", "GPOS", "GDEF", "DSIG"]


def is_ideograph(code: int) -> bool:
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or code >= 0x20000)


def gb2312_ideographs() -> set:
    out = set()
    for high in range(0xB0, 0xF8):          # rows 16–87: the ideographs
        for low in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def title_characters(cmap) -> set:
    keep = {c for c in cmap if not is_ideograph(c)} | gb2312_ideographs()
    for name in BODY_FACES:
        with TTFont(str(FONTS / name), lazy=True) as face:
            keep |= {c for c in face.getBestCmap() if is_ideograph(c)}
    return keep & set(cmap)


def fallback_characters(cmap) -> set:
    return set(cmap) - gb2312_ideographs()


KINDS = {"title": title_characters, "fallback": fallback_characters}


def subset_face(kind: str, src: str, dst: str) -> int:
    font = TTFont(src, recalcTimestamp=False)
    keep = KINDS[kind](font.getBestCmap())
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
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("source", help="the complete Noto Serif SC .ttf")
    parser.add_argument("output", help="the subset .ttf to write")
    args = parser.parse_args(argv)
    count = subset_face(args.kind, args.source, args.output)
    digest = hashlib.sha256(Path(args.output).read_bytes()).hexdigest()
    print(f"{args.output}  {count} characters  sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
