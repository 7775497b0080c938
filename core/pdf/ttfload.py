"""reportlab's TrueType font, loaded in a fraction of the time its own parser takes.

reportlab's ``TTFontFile.extractInfo`` reads a font's character map, advance
widths and glyph locations one ``struct.unpack`` at a time: the four faces of
an export cost it about 100 ms of CPU on the developers' 2-core machine (a
fifth of a fresh ``nianbao export --pdf``, more on a clerk's PC); read as
whole arrays they cost about 35 ms.  ``FastTTFont`` builds the very same tables
(``charToGlyph``, ``glyphToChar``, ``charWidths``, ``hmetrics``,
``glyphPos``, ``defaultWidth``) from whole arrays instead.  The header part
(names, metrics, embedding permission) is still reportlab's own code, and a
character map in a format other than 4 or 12 is still parsed by reportlab.

tests/core/test_fonts.py checks that every table equals reportlab's, for every
bundled face and for the variants an installed face may have (a format 4 map
only, 2048 units per em with fewer advances than glyphs, another map format).
"""
from __future__ import annotations

import struct
import sys
from array import array
from fnmatch import fnmatch
from typing import Dict, List, Optional
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import (TTEncoding, TTFError, TTFont, TTFontFace, TTFontFile,
                                       unShapedFontGlob)


def _ushorts(data: bytes, pos: int, count: int) -> array:
    values = array("H", data[pos:pos + 2 * count])
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _ulongs(data: bytes, pos: int, count: int) -> array:
    values = array("L" if array("L").itemsize == 4 else "I", data[pos:pos + 4 * count])
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _subtable(face: TTFontFile) -> int:
    """The offset of the cmap subtable reportlab would choose (the same rules, the same order)."""
    data = face._ttf_data
    cmap = face.get_table_pos("cmap")[0]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            enc, chosen = 1, offset
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, chosen = 2, offset
    if chosen is None:
        raise TTFError("could not find a suitable cmap encoding")
    return cmap + chosen


def _format4(data: bytes, pos: int) -> Dict[int, int]:
    length = struct.unpack_from(">H", data, pos + 2)[0]
    limit = pos + length
    segs = struct.unpack_from(">H", data, pos + 6)[0] // 2
    ends = _ushorts(data, pos + 14, segs)
    starts = _ushorts(data, pos + 16 + 2 * segs, segs)
    deltas = struct.unpack_from(f">{segs}h", data, pos + 16 + 4 * segs)
    range_pos = pos + 16 + 6 * segs
    # The idRangeOffset array and the glyph ids after it, up to the subtable's end
    # (reportlab reads an entry that starts before the end, and 0 past it).
    words = _ushorts(data, range_pos, min((limit - range_pos + 1) // 2, (len(data) - range_pos) // 2))
    out: Dict[int, int] = {}
    for n in range(segs):
        start, end, delta, range_offset = starts[n], ends[n], deltas[n], words[n]
        if start > end:
            continue
        chars = range(start, end + 1)
        if range_offset == 0:
            if 0 <= start + delta and end + delta <= 0xFFFF:
                out.update(zip(chars, range(start + delta, end + delta + 1)))
            else:
                out.update(zip(chars, [(c + delta) & 0xFFFF for c in chars]))
            continue
        if range_offset % 2:   # against the specification: byte by byte, as reportlab reads it
            first = range_pos + 2 * n + range_offset
            glyphs = [struct.unpack_from(">H", data, first + 2 * k)[0] if first + 2 * k < limit else 0
                      for k in range(len(chars))]
        else:
            first = n + range_offset // 2
            glyphs = words[first:first + len(chars)].tolist()
            glyphs += [0] * (len(chars) - len(glyphs))
        if delta:
            glyphs = [(g + delta) & 0xFFFF if g else 0 for g in glyphs]
        out.update(zip(chars, glyphs))
    return out


def _format12(data: bytes, pos: int) -> Dict[int, int]:
    groups = struct.unpack_from(">L", data, pos + 12)[0]
    values = _ulongs(data, pos + 16, 3 * groups)
    out: Dict[int, int] = {}
    for n in range(0, 3 * groups, 3):
        start, end, glyph = values[n], values[n + 1], values[n + 2]
        out.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
    return out


class FastFace(TTFontFace):
    """A ``TTFontFace`` whose character tables are read as arrays (same values as reportlab's)."""

    def extractInfo(self, charInfo=1):  # noqa: N802, N803 - reportlab's names
        TTFontFile.extractInfo(self, 0)     # names, head, OS/2, post, hhea, maxp; embedding rights
        if not charInfo:
            return
        data = self._ttf_data
        head = self.get_table_pos("head")[0]
        loca_format, glyph_format = struct.unpack_from(">hh", data, head + 50)
        if glyph_format != 0:
            raise TTFError("Unknown glyph data format (%d)" % glyph_format)
        sub = _subtable(self)
        fmt = struct.unpack_from(">H", data, sub)[0]
        if fmt == 4:
            char_to_glyph = _format4(data, sub)
        elif fmt == 12:
            char_to_glyph = _format12(data, sub)
        else:
            TTFontFile.extractInfo(self, 1)   # a rarer format: reportlab's own parser
            return
        if "loca" not in self.table:
            raise TTFError("missing location table")
        glyphs = self.numGlyphs
        hhea = self.get_table_pos("hhea")[0]
        long_metrics = struct.unpack_from(">H", data, hhea + 34)[0]
        hmtx = self.get_table_pos("hmtx")[0]
        pairs = _ushorts(data, hmtx, 2 * long_metrics)
        advances = list(pairs[0::2])
        self.hmetrics = list(zip(advances, pairs[1::2]))
        widths = advances if self.unitsPerEm == 1000 else list(map(self._pdfScale, advances))
        if glyphs > long_metrics:
            # The glyphs past the last full metric repeat its advance; reportlab keeps
            # that one scaled to 1/1000 em in hmetrics too (what its subsets embed).
            last = widths[-1]
            trailing = _ushorts(data, hmtx + 4 * long_metrics, glyphs - long_metrics).tolist()
            self.hmetrics += [(last, lsb) for lsb in trailing]
            widths = widths + [last] * len(trailing)
        self.defaultWidth = widths[0]
        self.charToGlyph = char_to_glyph
        if max(char_to_glyph.values(), default=0) < len(widths):
            self.charWidths = dict(zip(char_to_glyph, map(widths.__getitem__, char_to_glyph.values())))
        else:
            self.charWidths = {c: widths[g] for c, g in char_to_glyph.items() if g < len(widths)}
        self._glyph_to_char: Optional[Dict[int, List[int]]] = None
        self._space_before = None      # (char, glyph or None) as the cmap had it before the copy
        loca = self.get_table_pos("loca")[0]
        if loca_format == 0:
            self.glyphPos = [v << 1 for v in _ushorts(data, loca, glyphs + 1)]
        elif loca_format == 1:
            self.glyphPos = _ulongs(data, loca, glyphs + 1).tolist()
        else:
            raise TTFError("Unknown location table format (%d)" % loca_format)
        for have, missing in ((0x20, 0xA0), (0xA0, 0x20)):
            if have in char_to_glyph:
                self._space_before = (missing, char_to_glyph.get(missing))
                char_to_glyph[missing] = char_to_glyph[have]
                self.charWidths[missing] = self.charWidths[have]
                break

    @property
    def glyphToChar(self) -> Dict[int, List[int]]:  # noqa: N802 - reportlab's name
        """Glyph → characters, built on first use (only text shaping asks for it)."""
        if self.__dict__.get("_glyph_to_char") is None:
            out: Dict[int, List[int]] = {}
            # Like reportlab's: from the cmap as read, before the space was copied.
            space, space_glyph = self.__dict__.get("_space_before") or (None, None)
            for char, glyph in self.charToGlyph.items():
                if char == space:
                    glyph = space_glyph
                if glyph is not None:
                    out.setdefault(glyph, []).append(char)
            self._glyph_to_char = out
        return self._glyph_to_char

    @glyphToChar.setter
    def glyphToChar(self, value) -> None:  # noqa: N802 - reportlab's parser assigns it
        self._glyph_to_char = value


class FastTTFont(TTFont):
    """reportlab's ``TTFont`` with a ``FastFace`` (its constructor, but for the face class)."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0):  # noqa: N803
        self.fontName = name
        self.face = FastFace(filename, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)


