"""The PDF's fonts: which face each part of the document uses, and fallback.

GB/T 9704 names four faces; the application ships a free stand-in for each
(``resources/fonts/``, licences and sources in ``MANIFEST.json``):

=========  ======================  ================================
role       official face           bundled stand-in
=========  ======================  ================================
body       仿宋_GB2312              FandolFang (converted to TrueType)
title      方正小标宋简体            Noto Serif SC Bold
heading    黑体                     Noto Sans SC
subhead    楷体_GB2312              FandolKai (converted to TrueType)
=========  ======================  ================================

With ``FontSet(official=...)`` the clerk's own installed official faces
(found by ``core.pdf.official``) replace the stand-ins.

reportlab draws nothing for a character its font lacks, and the GB2312-era
faces lack many characters of names (镕 堃 喆 …).  ``FontSet.markup`` therefore
wraps every run of characters the role's face lacks in the first fallback face
that has them.  The fallback faces are registered only when a text needs them.
Two bundled files are subsets (packaging/fonts/subset_noto.py): the title face
keeps GB 2312 and what the Fandol faces draw, and Noto Serif SC Regular, only
ever a fallback, leaves out GB 2312's ideographs, which every role's face draws
(bundled or official); Noto Sans SC, the last fallback, is complete.

Every face is loaded by ``core.pdf.ttfload`` (reportlab's tables, read as whole
arrays: a few times faster than reportlab's own parser).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Tuple
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import resource_path
from .ttfload import FastTTFont

BODY = "body"
TITLE = "title"
HEADING = "heading"
SUBHEAD = "subhead"
ROLES = (BODY, TITLE, HEADING, SUBHEAD)

# (registered name, file under resources/fonts)
BUNDLED: Dict[str, Tuple[str, str]] = {
    BODY: ("nb-FandolFang", "FandolFang-Regular.ttf"),
    TITLE: ("nb-NotoSerifSC-Bold", "NotoSerifSC-Bold.ttf"),
    HEADING: ("nb-NotoSansSC", "NotoSansSC-Regular.ttf"),
    SUBHEAD: ("nb-FandolKai", "FandolKai-Regular.ttf"),
}
# The bundled faces as a clerk reads their names.
BUNDLED_LABEL = {BODY: "FandolFang", TITLE: "Noto Serif SC Bold", HEADING: "Noto Sans SC",
                 SUBHEAD: "FandolKai"}
# Tried in order for a character the role's face lacks.
FALLBACKS: Tuple[Tuple[str, str], ...] = (
    ("nb-NotoSerifSC", "NotoSerifSC-Regular.ttf"),
    ("nb-NotoSansSC", "NotoSansSC-Regular.ttf"),
)


@dataclass(frozen=True)
class FontFile:
    """A font file on disk; ``index`` selects a face inside a .ttc collection."""
    path: str
    index: int = 0


# Process-wide cache: registering means parsing the font file, done once.
_REGISTERED: Dict[str, TTFont] = {}


def _register(name: str, font: FontFile) -> TTFont:
    ttf = _REGISTERED.get(name)
    if ttf is None:
        ttf = FastTTFont(name, font.path, subfontIndex=font.index)
        pdfmetrics.registerFont(ttf)
        _REGISTERED[name] = ttf
    return ttf


def _bundled(file_name: str) -> FontFile:
    return FontFile(str(resource_path("fonts", file_name)))


def official_font_name(role: str, font: FontFile) -> str:
    # The path goes into the name so that two different installed files never
    # share one registration.
    digest = hashlib.sha1(f"{font.path}#{font.index}".encode("utf-8")).hexdigest()[:10]
    return f"nb-official-{role}-{digest}"


@dataclass
class FontSet:
    """The faces one export uses; ``official`` maps a role to an installed file."""
    official: Mapping[str, FontFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._names: Dict[str, str] = {}
        # Role → why an installed official face could not be used (the bundled one was).
        self.unusable: Dict[str, str] = {}
        for role in ROLES:
            if role in self.official:
                name = official_font_name(role, self.official[role])
                try:
                    _register(name, self.official[role])
                    self._names[role] = name
                    continue
                except Exception as exc:  # noqa: BLE001 - any broken installed file
                    # A face whose licence bits forbid embedding, or a file reportlab's
                    # parser trips over (it raises more than TTFError): print with ours.
                    self.unusable[role] = f"{type(exc).__name__}: {exc}"
            name, file_name = BUNDLED[role]
            _register(name, _bundled(file_name))
            self._names[role] = name

    def name(self, role: str) -> str:
        """The registered reportlab font name of a role's face."""
        return self._names[role]

    @staticmethod
    def has_char(font_name: str, ch: str) -> bool:
        return ord(ch) in _REGISTERED[font_name].face.charToGlyph

    def face_for(self, role: str, ch: str) -> str:
        """The font that draws ``ch`` for ``role``: its own face, else the first fallback with it."""
        own = self._names[role]
        if ch in "\n\t" or self.has_char(own, ch):
            return own
        for name, file_name in FALLBACKS:
            _register(name, _bundled(file_name))
            if self.has_char(name, ch):
                return name
        return own  # no face has it: nothing better to do than the role's own

    def runs(self, text: str, role: str) -> List[Tuple[str, str]]:
        """``text`` cut into (font name, chunk) runs, each chunk drawable by its font."""
        out: List[Tuple[str, str]] = []
        for ch in text:
            face = self.face_for(role, ch)
            if out and out[-1][0] == face:
                out[-1] = (face, out[-1][1] + ch)
            else:
                out.append((face, ch))
        return out

    def markup(self, text: str, role: str) -> str:
        """Paragraph markup for plain ``text`` in ``role``'s face, with fallback runs."""
        own = self._names[role]
        parts = []
        for face, chunk in self.runs(text, role):
            chunk = escape(chunk).replace("\n", "<br/>")
            parts.append(chunk if face == own else f'<font face="{face}">{chunk}</font>')
        return "".join(parts)

    def width(self, text: str, role: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(chunk, face, size) for face, chunk in self.runs(text, role))

    def draw(self, canvas, x: float, y: float, text: str, role: str, size: float,
             align: str = "left") -> None:
        """Draw one line on a canvas with fallback runs; ``align`` is left, centre or right of x."""
        width = self.width(text, role, size)
        if align == "centre":
            x -= width / 2
        elif align == "right":
            x -= width
        for face, chunk in self.runs(text, role):
            canvas.setFont(face, size)
            canvas.drawString(x, y, chunk)
            x += pdfmetrics.stringWidth(chunk, face, size)


def bundled_name(role: str) -> str:
    """The registered name of a role's bundled face (registering it if need be)."""
    name, file_name = BUNDLED[role]
    _register(name, _bundled(file_name))
    return name


def registered_face(name: str):
    """reportlab's parsed face of a registered font (its metrics, cmap and file bytes)."""
    return _REGISTERED[name].face


def font_set(official: Optional[Mapping[str, FontFile]] = None) -> FontSet:
    return FontSet(dict(official or {}))
