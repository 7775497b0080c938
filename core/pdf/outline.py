"""Glyph outlines read from a TrueType font, for text drawn as shapes rather than as text.

The 草稿 watermark must not be text: as text, copying a paragraph or running
``pdftotext`` puts "草" and "稿" into the middle of the report's sentences and
table cells.  Drawn as filled paths from the glyphs' own outlines it looks the
same and extracts as nothing.

reportlab parses the font file (``TTFontFace``) and keeps its bytes and table
directory; this module decodes the ``glyf`` outlines from them (simple and
composite glyphs, quadratic curves turned into the cubic ones PDF draws).
"""
from __future__ import annotations

import struct
from typing import List, Sequence, Tuple

Point = Tuple[float, float]
# One contour: ("M", p) then ("L", p) / ("C", c1, c2, p) segments; closed implicitly.
Contour = List[Tuple]

_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 1, 2, 4, 8, 16, 32
_ARG_WORDS, _ARGS_XY, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 1, 2, 8, 32, 64, 128
_MAX_DEPTH = 8


class NoOutline(ValueError):
    """The font has no TrueType outlines for the character."""


def _table(face, tag: str) -> Tuple[int, int]:
    entry = face.table.get(tag)
    if entry is None:
        raise NoOutline(f"font has no {tag} table")
    return entry["offset"], entry["length"]


def _glyph_range(face, glyph: int) -> Tuple[int, int]:
    data = face._ttf_data
    head, _ = _table(face, "head")
    long_offsets = struct.unpack_from(">h", data, head + 50)[0] == 1
    loca, _ = _table(face, "loca")
    glyf, _ = _table(face, "glyf")
    if long_offsets:
        start, end = struct.unpack_from(">II", data, loca + 4 * glyph)
    else:
        start, end = (2 * v for v in struct.unpack_from(">HH", data, loca + 2 * glyph))
    return glyf + start, end - start


def _simple(data: bytes, pos: int, contours: int) -> List[List[Tuple[float, float, bool]]]:
    ends = struct.unpack_from(f">{contours}H", data, pos)
    pos += 2 * contours
    count = ends[-1] + 1 if contours else 0
    pos += 2 + struct.unpack_from(">H", data, pos)[0]        # skip the instructions
    flags: List[int] = []
    while len(flags) < count:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & _REPEAT:
            flags.extend([flag] * data[pos])
            pos += 1
    coords = []
    for short, same in ((_X_SHORT, _X_SAME), (_Y_SHORT, _Y_SAME)):
        value, values = 0, []
        for flag in flags[:count]:
            if flag & short:
                delta = data[pos]
                pos += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                value += struct.unpack_from(">h", data, pos)[0]
                pos += 2
            values.append(value)
        coords.append(values)
    points = [(x, y, bool(f & _ON_CURVE)) for x, y, f in zip(coords[0], coords[1], flags)]
    out, start = [], 0
    for end in ends:
        out.append(points[start:end + 1])
        start = end + 1
    return out


def _points(face, glyph: int, depth: int = 0) -> List[List[Tuple[float, float, bool]]]:
    """The glyph's contours as (x, y, on-curve) points in font units."""
    if depth > _MAX_DEPTH:
        raise NoOutline("composite glyph nested too deeply")
    data = face._ttf_data
    pos, length = _glyph_range(face, glyph)
    if length == 0:
        return []
    contours = struct.unpack_from(">h", data, pos)[0]
    pos += 10
    if contours >= 0:
        return _simple(data, pos, contours)
    out = []
    while True:
        flags, component = struct.unpack_from(">HH", data, pos)
        pos += 4
        fmt = ">hh" if flags & _ARG_WORDS else ">bb"
        dx, dy = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        if not flags & _ARGS_XY:
            dx = dy = 0              # point-matched components: rare, placed unshifted
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & _SCALE:
            a = d = struct.unpack_from(">h", data, pos)[0] / 16384
            pos += 2
        elif flags & _XY_SCALE:
            a, d = (v / 16384 for v in struct.unpack_from(">hh", data, pos))
            pos += 4
        elif flags & _TWO_BY_TWO:
            a, b, c, d = (v / 16384 for v in struct.unpack_from(">hhhh", data, pos))
            pos += 8
        for contour in _points(face, component, depth + 1):
            out.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
        if not flags & _MORE:
            return out


def _contour_path(points: Sequence[Tuple[float, float, bool]]) -> Contour:
    """One contour as move/line/cubic segments (quadratic B-splines converted exactly)."""
    n = len(points)
    first = next((i for i, p in enumerate(points) if p[2]), None)
    if first is None:   # all off-curve: start at the midpoint of the first two
        start = ((points[0][0] + points[1][0]) / 2, (points[0][1] + points[1][1]) / 2) \
            if n > 1 else points[0][:2]
        order = list(points)
    else:
        start = points[first][:2]
        order = list(points[first + 1:]) + list(points[:first + 1])
    path: Contour = [("M", start)]
    current, control = start, None

    def quad(p0, q, p1):
        c1 = (p0[0] + 2 / 3 * (q[0] - p0[0]), p0[1] + 2 / 3 * (q[1] - p0[1]))
        c2 = (p1[0] + 2 / 3 * (q[0] - p1[0]), p1[1] + 2 / 3 * (q[1] - p1[1]))
        return ("C", c1, c2, p1)

    for x, y, on in order + ([] if first is not None else [(start[0], start[1], True)]):
        if on:
            path.append(("L", (x, y)) if control is None else quad(current, control, (x, y)))
            current, control = (x, y), None
        elif control is None:
            control = (x, y)
        else:
            mid = ((control[0] + x) / 2, (control[1] + y) / 2)
            path.append(quad(current, control, mid))
            current, control = mid, (x, y)
    if control is not None:
        path.append(quad(current, control, start))
    return path


def glyph_outline(face, ch: str) -> List[Contour]:
    """The outline of ``ch`` in ``face`` (a reportlab TTFontFace), in font units."""
    glyph = face.charToGlyph.get(ord(ch))
    if glyph is None:
        raise NoOutline(f"font lacks {ch!r}")
    try:
        return [_contour_path(c) for c in _points(face, glyph) if c]
    except (struct.error, IndexError) as exc:
        raise NoOutline(f"unreadable outline of {ch!r}: {exc}") from exc


def draw_outlined(canvas, face, text: str, x: float, y: float, size: float) -> float:
    """Fill ``text`` as shapes at (x, y) on its baseline; returns the advance width."""
    scale = size / face.unitsPerEm
    path = canvas.beginPath()
    advance = 0.0
    for ch in text:
        for contour in glyph_outline(face, ch):
            for segment in contour:
                points = [(x + advance + px * scale, y + py * scale) for px, py in segment[1:]]
                if segment[0] == "M":
                    path.moveTo(*points[0])
                elif segment[0] == "L":
                    path.lineTo(*points[0])
                else:
                    path.curveTo(*points[0], *points[1], *points[2])
            path.close()
        advance += face.charWidths.get(ord(ch), 1000) * size / 1000
    canvas.drawPath(path, stroke=0, fill=1, fillMode=1)     # non-zero winding, as TrueType
    return advance
