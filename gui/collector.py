"""Python's cyclic garbage collector around the window's start: paused while it is built, then settled.

Importing Qt and building the window allocate tens of thousands of objects
that all live as long as the window; the collector walking them again and again
on the way cost the start some 10 ms here.  Once the start is complete they are
frozen (``gc.freeze``): set aside from the collector's walks, so that neither
the full collections while the clerk types nor the one at exit (about 25 ms of
a screenshot's process here) visit them again.  This module imports no Qt, so
that the pause can begin before Qt is imported.
"""
from __future__ import annotations

import gc

_settled = False


def pause() -> None:
    """No cyclic collection until ``settle`` (the window's start is complete)."""
    gc.disable()


def settle() -> None:
    """Freeze what the start built (once per process: later windows are not frozen); collect again."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
    gc.enable()
