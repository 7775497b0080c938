"""The bundled fonts and their loading: what each face covers, the manifest, and a loader that reads
exactly what reportlab's parser reads, faster."""
from __future__ import annotations

import hashlib
import json
import struct
import time

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace

from nianbao.core.pdf.ttfload import FastFace
from nianbao.core.resources import resource_path

TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos", "defaultWidth",
          "name", "ascent", "descent", "capHeight", "bbox", "flags", "numGlyphs", "stemV", "italicAngle")
BUNDLED = sorted(p.name for p in resource_path("fonts").glob("*.ttf"))


def _same_as_reportlab(path) -> None:
    ours, theirs = FastFace(str(path)), TTFontFace(str(path))
    for table in TABLES:
        assert getattr(ours, table) == getattr(theirs, table), table


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_face_loads_to_the_tables_reportlab_reads(name):
    _same_as_reportlab(resource_path("fonts", name))


def _table_offset(data: bytes, wanted: bytes) -> int:
    count, = struct.unpack_from(">H", data, 4)
    for n in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * n)
        if tag == wanted:
            return offset
    raise KeyError(wanted)


def _cmap_records(data: bytes):
    """(offset of the record, platform, encoding) of each cmap encoding record."""
    offset = _table_offset(data, b"cmap")
    subtables, = struct.unpack_from(">H", data, offset + 2)
    for k in range(subtables):
        pos = offset + 4 + 8 * k
        yield (pos,) + struct.unpack_from(">HH", data, pos)


def test_a_face_with_only_a_format_4_map_loads_the_same(tmp_path):
    # Hide the format 12 map of a bundled face (platform 2 is skipped by both parsers),
    # so that its 16-bit format 4 map, with its idRangeOffset segments, is the one read.
    data = bytearray(resource_path("fonts", "NotoSansSC-Regular.ttf").read_bytes())
    hidden = [pos for pos, platform, encoding in _cmap_records(data) if (platform, encoding) in ((3, 10), (0, 4))]
    assert hidden
    for pos in hidden:
        struct.pack_into(">H", data, pos, 2)
    path = tmp_path / "bmp-only.ttf"
    path.write_bytes(bytes(data))
    face = FastFace(str(path))
    assert ord("镕") in face.charToGlyph and max(face.charToGlyph) <= 0xFFFF
    _same_as_reportlab(path)


def test_a_face_of_2048_units_with_trailing_metrics_loads_the_same(tmp_path):
    # Most installed TrueType faces (DejaVu, SimSun…) have 2048 units per em and list
    # fewer advances than glyphs: the last advance repeats, scaled, as reportlab keeps it.
    data = bytearray(resource_path("fonts", "FandolFang-Regular.ttf").read_bytes())
    struct.pack_into(">H", data, _table_offset(data, b"head") + 18, 2048)
    struct.pack_into(">H", data, _table_offset(data, b"hhea") + 34, 100)
    path = tmp_path / "units-2048.ttf"
    path.write_bytes(bytes(data))
    assert FastFace(str(path)).unitsPerEm == 2048
    _same_as_reportlab(path)


def test_a_face_with_another_map_format_is_read_by_reportlab(tmp_path):
    # reportlab's own subsets carry a format 6 map: the loader hands those to reportlab's parser.
    full = TTFontFace(str(resource_path("fonts", "FandolFang-Regular.ttf")))
    path = tmp_path / "subset.ttf"
    path.write_bytes(full.makeSubset([ord(c) for c in "政府信息公开"]))
    _same_as_reportlab(path)


def test_the_fast_loader_is_faster_than_reportlabs_parser():
    path = str(resource_path("fonts", "NotoSerifSC-Bold.ttf"))

    def best(load) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            load(path)
            times.append(time.perf_counter() - start)
        return min(times)

    best(FastFace)  # file in the page cache
    assert best(FastFace) < best(TTFontFace) / 1.5


def test_the_manifest_names_every_bundled_font_with_its_digest_and_licence():
    manifest = json.loads(resource_path("fonts", "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {entry["file"]: entry for entry in manifest["fonts"]}
    assert sorted(listed) == BUNDLED
    for name, entry in listed.items():
        data = resource_path("fonts", name).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (entry["sha256"], entry["bytes"]), name
        assert resource_path("fonts", entry["licence_file"]).is_file()


def _encodable(code: int, codec: str) -> bool:
    try:
        chr(code).encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _cmap(name: str) -> set:
    return set(FastFace(str(resource_path("fonts", name))).charToGlyph)


GB2312 = {c for c in range(0x4E00, 0xA000) if _encodable(c, "gb2312")}


def test_every_bundled_role_face_draws_gb2312_which_the_fallback_leaves_out():
    from nianbao.core.pdf.fonts import BUNDLED, FALLBACKS
    assert len(GB2312) == 6763
    for _name, file_name in BUNDLED.values():
        assert GB2312 <= _cmap(file_name), file_name
    serif = _cmap(FALLBACKS[0][1])
    assert not GB2312 & serif and len(serif) > 24000
    # The last fallback is complete (it is the window's font too).
    assert GB2312 <= _cmap(FALLBACKS[-1][1]) and len(_cmap(FALLBACKS[-1][1])) > 30000


def test_the_subset_title_face_draws_all_the_body_faces_draw_and_the_fallback_the_rest():
    title = _cmap("NotoSerifSC-Bold.ttf")
    for name in ("FandolFang-Regular.ttf", "FandolKai-Regular.ttf"):
        ideographs = {c for c in _cmap(name) if 0x4E00 <= c <= 0x9FFF}
        assert len(ideographs) > 7900 and ideographs <= title, name
    rare = {ord(c) for c in "镕堃喆昇赟㎡㐀"}
    assert ord("镕") not in title
    for name in ("NotoSerifSC-Regular.ttf", "NotoSansSC-Regular.ttf"):
        assert rare <= _cmap(name), name
