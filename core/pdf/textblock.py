"""A justified Chinese paragraph: the body text of the report.

reportlab's Paragraph cannot justify text without spaces (Chinese has none),
so its lines end ragged wherever a line holds half-width digits.  This
flowable breaks and sets the body text the way a 公文 is set:

* the GB/T 9704 grid of 28 characters per line: a line may hold as much as
  fits in the 版心 plus half a character, and is then set exactly to the
  版心's width by a small character spacing (negative when squeezing);
* no line starts with closing punctuation (避头点, ``linebreak.CANNOT_START``):
  such a character stays at the end of the previous line, which is squeezed;
* no line ends with opening punctuation (《 “ （), and a run of digits or
  Latin letters (2022, 100%, 3.5) is not broken — unless moving it down whole
  would leave more than three characters of room: a URL then breaks after
  ``/ - _ ? & =`` or a ``.`` before a letter; a run with no such place moves down
  whole (the line is set ragged), and only a run longer than a line breaks anywhere;
* no line is stretched by more than a fifth of a character between glyphs: one
  that would need more is set ragged;
* a first-line indent of two characters; the last line is set flush left and
  never holds a single character alone (孤字).

Each character is drawn with the font that has it (``FontSet.runs``).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from .linebreak import CANNOT_END, CANNOT_START

Run = Tuple[str, str]                    # (font name, text)
# One set line: its glyphs as (font, char, width), and whether it is a paragraph's last.
Line = Tuple[Tuple[Tuple[str, str, float], ...], bool]

SQUEEZE = 0.5        # how far (in characters) a line may exceed the width before breaking
MAX_PULL = 2         # closing punctuation characters that may be pulled onto a full line
WORD_SLACK = 3.0     # characters of room a Latin or digit run may leave by moving down whole
MAX_SPACING = 0.2    # the widest extra space between glyphs, in characters; beyond it, ragged
# Where a long run (a URL, an e-mail address, a file name) may be broken: after these.
_BREAK_AFTER = "/-_?&=\\"


_RUN_CHARS = CANNOT_START + " \u3000"


def _is_word_char(ch: str) -> bool:
    """Letters, digits and what joins them in numbers, URLs and addresses (3.5, 1,200,
    https://a.gov.cn/x?id=1, name@163.com): a run of these is kept together where it can."""
    return ch.isascii() and (ch.isalnum() or ch in ".%,-+/:_@?&=#~\\")


def _inside_run(line, word_cut: int, cut: int, after) -> Optional[int]:
    """Where to break a run that would leave too much room by moving down whole: after the
    last ``/ - _ ? & =`` (or a ``.`` before a letter) that stays on the line; None if none."""
    for k in range(cut, word_cut, -1):
        before = line[k - 1][1]
        nxt = line[k][1] if k < len(line) else (after[1] if after is not None else "")
        if before in _BREAK_AFTER or (before == "." and nxt.isalpha()):
            return k
    return None


def _settle(line, cut: int, after=None, slack: float = float("inf"), tail: float = 0.0,
            room: float = float("inf")) -> int:
    """Move ``cut`` back until the break is allowed: the line does not end with opening
    punctuation, what moves down does not start with closing punctuation (nor with spaces,
    which are dropped there) and no number or Latin word is cut in two — unless moving the
    word down whole would leave more than ``slack`` points of room, or it fills the line:
    then it is broken at a URL's separators, or anywhere (``_inside_run``).

    ``after`` is the glyph that follows the line when everything stays on it; ``tail`` is
    the width of the run's glyphs after the line, and ``room`` a whole line's width: a run
    wider than that cannot move down whole.
    """
    while True:
        start = cut
        while cut > 1 and line[cut - 1][1] in CANNOT_END:
            cut -= 1
        while 1 < cut < len(line) and line[cut][1] in _RUN_CHARS:
            cut -= 1
        down = line[cut] if cut < len(line) else after
        if down is not None and _is_word_char(down[1]):
            word_cut = cut
            while word_cut > 0 and _is_word_char(line[word_cut - 1][1]):
                word_cut -= 1
            if word_cut < 1 or sum(g[2] for g in line[word_cut:cut]) > slack:
                inside = _inside_run(line, word_cut, cut, down)
                if inside is not None:
                    return inside
                if word_cut < 1 or sum(g[2] for g in line[word_cut:]) + tail > room:
                    return cut  # a run longer than a line: broken where this line ends
                # A number or word with nowhere to break moves down whole; this line is set ragged.
            cut = word_cut
        if cut == start:
            return cut


def break_lines(glyphs: Sequence[Tuple[str, str, float]], width: float, first_indent: float,
                size: float) -> List[List[Tuple[str, str, float]]]:
    """Cut a paragraph's glyphs into lines by the rules of the module docstring."""
    lines: List[List[Tuple[str, str, float]]] = []
    line: List[Tuple[str, str, float]] = []
    used = 0.0
    limit = width - first_indent + SQUEEZE * size
    i = 0
    while i < len(glyphs):
        glyph = glyphs[i]
        if not line or used + glyph[2] <= limit:
            line.append(glyph)
            used += glyph[2]
            i += 1
            continue
        # The line is full before glyph i.  Closing punctuation may not start the
        # next line: pull up to MAX_PULL of them onto this one.
        run = scan = 0
        while i + scan < len(glyphs) and glyphs[i + scan][1] in _RUN_CHARS:
            scan += 1
            if glyphs[i + scan - 1][1] in CANNOT_START:
                run = scan  # spaces count only when closing punctuation follows them
        if 0 < run <= MAX_PULL:
            line += glyphs[i:i + run]
            i += run
        else:
            # A longer run of closing marks (……”）。) takes the last character down with it.
            cut = len(line) - 1 if run else len(line)
            tail = 0.0
            for k in range(i, len(glyphs)):
                if tail > width or not _is_word_char(glyphs[k][1]):
                    break       # (enough to know the run cannot move down whole)
                tail += glyphs[k][2]
            cut = _settle(line, max(cut, 1), glyphs[i] if i < len(glyphs) else None,
                          WORD_SLACK * size, tail, width)
            i -= len(line) - cut
            line = line[:cut]
        lines.append(line)
        line, used, limit = [], 0.0, width + SQUEEZE * size
        while i < len(glyphs) and glyphs[i][1] in " \u3000":
            i += 1  # a space at a line's start would look like an indent
    if line:
        lines.append(line)
    _no_lone_character(lines)
    return lines


def _no_lone_character(lines) -> None:
    """A paragraph's last line of one character (项。) takes one more from the line above."""
    if len(lines) < 2 or sum(1 for g in lines[-1] if g[1] not in _RUN_CHARS) > 1:
        return
    above = lines[-2]
    cut = _settle(above, len(above) - 1)  # a number moves down whole
    if len(above) - cut <= 6:
        lines[-2:] = [above[:cut], above[cut:] + lines[-1]]


class TextBlock(Flowable):
    """One paragraph of body text, set justified on the 公文 grid; splits between lines."""

    def __init__(self, runs: Sequence[Run], size: float, leading: float, first_indent: float,
                 lines: Sequence[Line] = (), indent_first: bool = True):
        super().__init__()
        self.runs, self.size, self.leading = list(runs), size, leading
        self.first_indent = first_indent
        self.indent_first = indent_first   # False for the part after a page break
        self.lines: List[Line] = list(lines)
        self._broken_for = None if not lines else "given"

    @property
    def length(self) -> int:
        return sum(len(text) for _font, text in self.runs)

    def wrap(self, availWidth, availHeight):
        if self._broken_for not in (availWidth, "given"):
            glyphs = [(font, ch, stringWidth(ch, font, self.size))
                      for font, text in self.runs for ch in text]
            broken = break_lines(glyphs, availWidth, self.first_indent, self.size)
            self.lines = [(tuple(line), k == len(broken) - 1) for k, line in enumerate(broken)]
            self._broken_for = availWidth
        self.width = availWidth
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.leading)
        if fits >= len(self.lines):
            return [self]
        # No single line left alone at a page's foot or head (widows and orphans).
        if len(self.lines) < 4 or fits < 2:
            return []
        fits = min(fits, len(self.lines) - 2)
        return [TextBlock(self.runs, self.size, self.leading, self.first_indent,
                          self.lines[:fits], self.indent_first),
                TextBlock(self.runs, self.size, self.leading, self.first_indent,
                          self.lines[fits:], indent_first=False)]

    def draw(self):
        canvas = self.canv
        for k, (glyphs, last) in enumerate(self.lines):
            x = self.first_indent if (k == 0 and self.indent_first) else 0.0
            room = self.width - x - sum(g[2] for g in glyphs)
            gaps = len(glyphs) - 1
            # Justify every line but a paragraph's last; squeeze any line that overflows. A line
            # that would need wider gaps than MAX_SPACING is set ragged, never stretched apart.
            char_space = room / gaps if gaps and (not last or room < 0) else 0.0
            if char_space > MAX_SPACING * self.size:
                char_space = 0.0
            text = canvas.beginText(x, self.height - self.size - k * self.leading)
            text.setCharSpace(char_space)
            font, chunk = None, ""
            for glyph_font, ch, _width in glyphs:
                if glyph_font != font:
                    if chunk:
                        text.textOut(chunk)
                    text.setFont(glyph_font, self.size)
                    font, chunk = glyph_font, ""
                chunk += ch
            if chunk:
                text.textOut(chunk)
            canvas.drawText(text)
