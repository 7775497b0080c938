"""Run as a process by test_recovery: the real window, one edit typed, then wait to be killed.

Usage: python recovery_helper.py REPORT CELL_ID VALUE TEXT
Prints "saved <recovery file>" once the autosave has written the edit.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nianbao.gui.app import build_window, ensure_app  # noqa: E402


def type_text(window, text: str) -> None:
    """Key presses as the keyboard (or an input method) delivers them, to the focused widget."""
    for ch in text:
        key = Qt.Key_Return if ch == "\n" else (ord(ch) if ch.isascii() and ch.isdigit() else Qt.Key_unknown)
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(window.focusWidget(), QKeyEvent(kind, key, Qt.NoModifier, ch))


def main() -> None:
    path, cell_id, value, text = sys.argv[1:5]
    app = ensure_app()
    window = build_window(path)
    window.show()
    window.activateWindow()
    window.autosaver.saved.connect(lambda file: print("saved", file, flush=True))
    # the number, typed into its cell in 表三 and confirmed with Enter
    window.tabs.setCurrentIndex(2)
    view = window.tab_widgets[3].body
    view.setCurrentIndex(view.grid_model.index_of(cell_id))
    view.setFocus()
    type_text(window, value + "\n")
    # a sentence typed at the end of 五
    window.tabs.setCurrentIndex(4)
    editor = window.tab_widgets[5].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(window, "\n" + text)
    app.exec()


if __name__ == "__main__":
    main()
