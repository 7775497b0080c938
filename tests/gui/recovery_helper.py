"""Run as a process by test_recovery: the real window, one edit typed, then wait to be killed.

Usage: python recovery_helper.py REPORT CELL_ID VALUE TEXT
Prints "saved <recovery file>" once the autosave has written the edit.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui.app import build_window, ensure_app  # noqa: E402


def main() -> None:
    path, cell_id, value, text = sys.argv[1:5]
    app = ensure_app()
    window = build_window(path)
    window.show()
    tab = window.tab_widgets[3]
    model = tab.model
    window.autosaver.saved.connect(lambda file: print("saved", file, flush=True))
    model.setData(model.index_of(cell_id), value)
    window.tab_widgets[5].editor.appendPlainText(text)
    app.exec()


if __name__ == "__main__":
    main()
