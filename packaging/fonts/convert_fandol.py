"""Convert the Fandol CFF OpenType fonts (.otf) to TrueType outlines (.ttf).

reportlab embeds only TrueType-outline fonts, and the only 仿宋/楷体 faces with
a licence that allows redistribution and embedding are FandolFang and FandolKai
(Debian ``texlive-lang-chinese``, GPL with the font exception).  This script
turns their cubic CFF outlines into quadratic ``glyf`` outlines with fontTools'
cu2qu, once, at packaging time; the result is committed to ``resources/fonts/``
and the original .otf beside this script, as the GPL asks for the source.

Usage (from the repository root)::

    python3 packaging/fonts/convert_fandol.py packaging/fonts/FandolFang-Regular.otf \
        resources/fonts/FandolFang-Regular.ttf

The output is reproducible: the same input gives byte-identical output
(timestamps are taken from the source's ``head`` table, not from the clock).
"""
from __future__ import annotations

import argparse
import hashlib
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Maximum distance, in font units (1000 per em), between a cubic curve and its
# quadratic approximation: 2 units are 0.03 pt at 三号 (16 pt), far below what
# print or screen shows, and need fewer points than 1 unit (every PDF embeds
# the glyphs it uses, so this is PDF size: about 6 % smaller).
MAX_ERR = 2.0
# Tables that only make sense with CFF outlines, or that reportlab ignores and
# would only be carried along.
DROP = ("CFF ", "VORG", "BASE")


def convert(src: str, dst: str, max_err: float = MAX_ERR) -> None:
    font = TTFont(src, recalcTimestamp=False)
    if "CFF " not in font:
        raise SystemExit(f"{src}: no CFF table, nothing to convert")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        # Flatten CFF subroutines/seac into plain contours, then approximate.
        rec = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(rec)
        tt_pen = TTGlyphPen(None)
        rec.replay(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    for tag in DROP:
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    for name in glyph_order:
        glyphs[name].recalcBounds(glyf)

    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["maxp"].maxComponentDepth = 0

    head = font["head"]
    head.indexToLocFormat = 0
    head.glyphDataFormat = 0

    # CID-keyed glyph names ("cid01234") are not worth a post table of names.
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None

    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(dst, reorderTables=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the Fandol .otf (CFF outlines)")
    parser.add_argument("output", help="the .ttf to write (TrueType outlines)")
    parser.add_argument("--max-err", type=float, default=MAX_ERR)
    args = parser.parse_args(argv)
    convert(args.source, args.output, args.max_err)
    with open(args.output, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    print(f"{args.output}  sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
