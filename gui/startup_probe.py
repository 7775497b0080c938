"""Start-up timing hooks for ``bench/bench_startup.py`` (``NIANBAO_STARTUP_PROBE=1``).

With the variable set, ``nianbao FILE`` prints ``shown`` on stdout as soon as
its main window has been painted for the first time (its header and tabs are on
screen), ``ready`` once the work deferred past that first paint (checks,
findings panel, tab badges) is done and painted too, and then quits.  The bench
times the lines from process start; it measures a bare PySide6 window with the
same ``watch_first_paint`` so both are timed alike.  Without the variable
nothing here runs.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

PROBE_ENV = "NIANBAO_STARTUP_PROBE"


def enabled() -> bool:
    return bool(os.environ.get(PROBE_ENV))


def say(word: str) -> None:
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


class _FirstPaint(QObject):
    """Calls ``then`` once the first paint of a widget (and all it paints with it) is done."""

    def __init__(self, widget, then: Callable[[], None]):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Paint:
            obj.removeEventFilter(self)
            # The filter runs before the widget paints; the children paint within
            # the same expose, so a zero timer fires once all of it is on screen.
            QTimer.singleShot(0, self._then)
        return False


def watch_first_paint(widget, then: Callable[[], None] = lambda: say("shown")) -> None:
    _FirstPaint(widget, then)


def watch(window, app) -> None:
    """Report ``shown`` at the window's first paint, ``ready`` when its start is complete, then quit."""
    def ready() -> None:
        window.repaint()          # what the deferred start changed, painted now
        say("ready")
        window.ask_unsaved = lambda *_: "discard"
        QTimer.singleShot(0, app.quit)

    def shown() -> None:
        say("shown")
        if window.start_complete:
            QTimer.singleShot(0, ready)
        else:
            window.startCompleted.connect(ready)

    watch_first_paint(window, shown)
