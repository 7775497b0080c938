"""Where a paragraph too long for one spreadsheet row is cut into rows.

A row holds at most ``limit`` characters (a row is at most 409 pt high).  A
longer paragraph is cut after the last sentence end (。；！？) that fits; a
sentence longer than a row is cut after a comma or 、 — never inside a number
("123456" | "7人次") or a Latin word or URL.  Only a run of digits and letters
longer than a whole row is cut where it must.  The pieces joined again are the
paragraph, character for character (the export records which rows continue).
"""
from __future__ import annotations

from typing import List

SENTENCE_ENDS = "。；！？;!?"
CLAUSE_ENDS = "，、：,:"
CLOSERS = "”’）)】》」』"          # kept with the sentence end they follow


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/%:+#=&~@")


def _inside_word(text: str, i: int) -> bool:
    """Would cutting before ``text[i]`` split a number, a Latin word or a URL?"""
    return 0 < i < len(text) and _word_char(text[i - 1]) and _word_char(text[i])


def _last_cut_after(text: str, start: int, end: int, marks: str) -> int:
    """The largest cut in (start, end] right after one of ``marks`` (and its closing quotes)
    that does not split a word, or -1."""
    for i in range(end, start, -1):
        j = i
        while j > start and text[j - 1] in CLOSERS:
            j -= 1
        if j > start and text[j - 1] in marks and not _inside_word(text, i):
            return i
    return -1


def cut_paragraph(text: str, limit: int) -> List[str]:
    """``text`` in pieces of at most ``limit`` characters, cut where a reader would cut it."""
    limit = max(1, limit)
    if len(text) <= limit:
        return [text]
    pieces: List[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = _last_cut_after(text, start, end, SENTENCE_ENDS)
        if cut < 0:
            cut = _last_cut_after(text, start, end, CLAUSE_ENDS)
        if cut < 0:
            cut = next((i for i in range(end, start, -1) if not _inside_word(text, i)), end)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
