"""Regular expressions compiled on first use, and only for a text that contains their trigger words.

The narrative-text checks hold some sixty patterns; compiling them all when the
checks first run cost the window's start some 10 ms.  ``lazy_re(pattern)`` is a
drop-in for ``re.compile(pattern)`` at module level: the first method looked up
compiles it.

``needs`` names the words any match must contain, as groups: every group must
have one of its words in the text, e.g. ``needs=(("无", "没有"), ("结转",))``
for ``(?:无|没有)上一?年度?结转``.  ``search``, ``match``, ``fullmatch``,
``finditer``, ``findall`` and ``sub`` on a text missing a group answer "no
match" at once, without compiling the pattern: the same answer, since no match
can exist there.  A pattern that is a plain alternation of words (``复议|诉讼``)
or one character class of plain characters (``[，,;；]``) needs no ``needs``:
its words are its triggers.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Tuple

_SPECIAL = set(".^$*+?{}[]\\|()")
_CHAR_CLASS = re.compile(r"\[([^\]\\^\-]+)\]")


def _own_triggers(pattern: str) -> Optional[Tuple[Tuple[str, ...], ...]]:
    """The trigger words of a plain alternation of words or a plain character class, else None."""
    if not (set(pattern) & (_SPECIAL - {"|"})):
        words = tuple(pattern.split("|"))
        return None if "" in words else (words,)
    plain = _CHAR_CLASS.fullmatch(pattern)
    return (tuple(plain.group(1)),) if plain else None


class lazy_re:
    __slots__ = ("_args", "_compiled", "_needs")

    def __init__(self, pattern: str, flags: int = 0, needs: Optional[Iterable[Iterable[str]]] = None):
        self._args = (pattern, flags)
        self._compiled = None
        if needs is not None:
            self._needs = tuple(tuple(group) for group in needs)
        else:       # a case-insensitive pattern's words are no triggers
            self._needs = None if flags else _own_triggers(pattern)

    def _pattern(self) -> re.Pattern:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return compiled

    def _cannot_match(self, string: str) -> bool:
        needs = self._needs
        return needs is not None and not all(any(word in string for word in group) for group in needs)

    def search(self, string: str, *args):
        return None if self._cannot_match(string) else self._pattern().search(string, *args)

    def match(self, string: str, *args):
        return None if self._cannot_match(string) else self._pattern().match(string, *args)

    def fullmatch(self, string: str, *args):
        return None if self._cannot_match(string) else self._pattern().fullmatch(string, *args)

    def finditer(self, string: str, *args):
        return iter(()) if self._cannot_match(string) else self._pattern().finditer(string, *args)

    def findall(self, string: str, *args):
        return [] if self._cannot_match(string) else self._pattern().findall(string, *args)

    def sub(self, repl, string: str, count: int = 0):
        return string if self._cannot_match(string) else self._pattern().sub(repl, string, count)

    def __getattr__(self, name: str):
        return getattr(self._pattern(), name)

    def __repr__(self) -> str:
        return f"lazy_re({self._args[0]!r})"
