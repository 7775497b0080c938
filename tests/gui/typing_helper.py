"""Run as a process by test_autosave_deadline: the real window, a change every 100 ms until killed.

Usage: python typing_helper.py REPORT
Each change appends "<i>;" to the text of 五 through its editor, as typing does, and prints
"typed <i> <time.monotonic()>" once the change is in the document.
"""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402

from nianbao.gui.app import build_window, ensure_app  # noqa: E402


def main() -> None:
    app = ensure_app()
    window = build_window(sys.argv[1])
    window.show()
    window.tabs.setCurrentIndex(4)
    editor = window.tab_widgets[5].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    count = iter(range(1, 10 ** 6))

    def change():
        i = next(count)
        editor.insertPlainText(f"{i};")
        print("typed", i, time.monotonic(), flush=True)

    timer = QTimer()
    timer.timeout.connect(change)
    timer.start(100)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
