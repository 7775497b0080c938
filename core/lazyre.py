"""Regular expressions compiled on first use, so that importing a module stays cheap.

The narrative-text checks hold some forty patterns; compiling them all when
``core.checks`` is imported cost the window about 10 ms before it could show.
``lazy_re(pattern)`` is a drop-in for ``re.compile(pattern)`` at module level:
the first attribute looked up (``search``, ``finditer``, …) compiles it.
"""
from __future__ import annotations

import re


class lazy_re:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self._args[0]!r})"
