"""Find the official GB/T 9704 faces installed on the clerk's machine.

A clerk's Windows machine often has 仿宋_GB2312, 方正小标宋简体, 黑体 and
楷体_GB2312 installed; when it has, the setting "使用本机公文字体" prints with
them instead of the bundled stand-ins.  This module looks through the usual
font folders, reads only each file's ``name`` table (a few KB, so scanning a
few hundred files stays fast) and keeps a face only when it has TrueType
(``glyf``) outlines, the only kind reportlab can embed.

``find_official_fonts()`` is what the GUI calls to show what was found.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from .fonts import BODY, HEADING, SUBHEAD, TITLE, FontFile

# Family names as fonts spell them (Chinese and English name records), most
# preferred first: the _GB2312 faces are what GB/T 9704 names; the plain
# 仿宋/楷体 that Windows ships are the same designs with a larger repertoire.
WANTED: Dict[str, Tuple[str, ...]] = {
    BODY: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    TITLE: ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
    HEADING: ("黑体", "SimHei"),
    SUBHEAD: ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
}
# Role names as the GUI shows them.
ROLE_LABEL = {BODY: "仿宋_GB2312", TITLE: "方正小标宋简体", HEADING: "黑体", SUBHEAD: "楷体_GB2312"}
FONT_EXTENSIONS = (".ttf", ".ttc")
MAX_FILES = 5000  # a folder of fonts larger than this is not a font folder worth scanning


def font_dirs() -> List[Path]:
    """The folders where Windows and Linux desktops keep installed fonts."""
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             home / ".fonts", home / ".local" / "share" / "fonts"]
    return [d for d in dirs if d.is_dir()]


def _font_files(dirs: Iterable[Path]) -> Iterator[Path]:
    count = 0
    for top in dirs:
        for root, _subdirs, files in os.walk(top):
            for name in sorted(files):
                if name.lower().endswith(FONT_EXTENSIONS):
                    count += 1
                    if count > MAX_FILES:
                        return
                    yield Path(root) / name


def _read(fh, offset: int, size: int) -> bytes:
    fh.seek(offset)
    data = fh.read(size)
    if len(data) != size:
        raise ValueError("truncated font file")
    return data


def _tables(fh, offset: int) -> Dict[bytes, Tuple[int, int]]:
    """The sfnt table directory at ``offset``: tag → (offset, length)."""
    _version, count = struct.unpack(">IH", _read(fh, offset, 6))
    entries = _read(fh, offset + 12, 16 * count)
    out = {}
    for i in range(count):
        tag, _checksum, table_offset, length = struct.unpack(">4sIII", entries[16 * i:16 * i + 16])
        out[tag] = (table_offset, length)
    return out


def _family_names(fh, table: Tuple[int, int]) -> List[str]:
    """Family (1, 16) and full (4) names from a ``name`` table, Unicode records only."""
    offset, length = table
    data = _read(fh, offset, min(length, 1 << 20))
    _fmt, count, strings = struct.unpack(">HHH", data[:6])
    names = []
    for i in range(count):
        platform, encoding, _lang, name_id, size, at = struct.unpack(
            ">HHHHHH", data[6 + 12 * i:18 + 12 * i])
        if name_id not in (1, 4, 16) or platform not in (0, 3):
            continue
        raw = data[strings + at:strings + at + size]
        try:
            names.append(raw.decode("utf-16-be").strip())
        except UnicodeDecodeError:
            continue
    return names


def font_faces(path: Path) -> List[Tuple[int, List[str], bool]]:
    """(index, names, has TrueType outlines) of each face in a .ttf or .ttc file."""
    with open(path, "rb") as fh:
        head = _read(fh, 0, 12)
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            offsets = struct.unpack(f">{count}I", _read(fh, 12, 4 * count))
        else:
            offsets = (0,)
        faces = []
        for index, offset in enumerate(offsets):
            tables = _tables(fh, offset)
            names = _family_names(fh, tables[b"name"]) if b"name" in tables else []
            faces.append((index, names, b"glyf" in tables and b"loca" in tables))
        return faces


def find_official_fonts(dirs: Optional[Sequence[Path]] = None) -> Dict[str, FontFile]:
    """Role → the best installed official face with TrueType outlines; absent roles are missing."""
    best: Dict[str, Tuple[int, FontFile]] = {}
    for path in _font_files(font_dirs() if dirs is None else dirs):
        try:
            faces = font_faces(path)
        except (OSError, ValueError, struct.error):
            continue  # an unreadable or broken file is simply not a candidate
        for index, names, truetype in faces:
            if not truetype:
                continue
            for role, wanted in WANTED.items():
                rank = min((wanted.index(n) for n in names if n in wanted), default=None)
                if rank is not None and (role not in best or rank < best[role][0]):
                    best[role] = (rank, FontFile(str(path), index))
    return {role: font for role, (_rank, font) in best.items()}
