"""What the clerk sees when something goes wrong that nobody foresaw: a Chinese message, not a traceback.

An exception escaping a Qt slot would otherwise be printed to a console the
clerk does not have (the Windows build has none) and silently lost.  Instead it
is appended to ``error.log`` in the data folder, and the clerk is told in
Chinese that the work is safe (the autosave keeps running) and where the log is.
An ``InputError`` that escapes is only its own one-line message.
"""
from __future__ import annotations

import datetime as _dt
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

from nianbao.core.errors import InputError

LOG_NAME = "error.log"
MAX_LOG_BYTES = 1024 * 1024


def write_log(folder: Path, text: str) -> Optional[Path]:
    """Append ``text`` to the error log (restarted when it grows past 1 MB); None if it cannot be written."""
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with open(path, mode, encoding="utf-8") as fh:
            fh.write(f"==== {_dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return path
    except OSError:
        return None


def message_for(exc: BaseException, log: Optional[Path]) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    where = f"详细情况已记录在：\n{log}\n\n" if log else ""
    return ("程序出现了意外错误，刚才的操作可能没有完成。\n\n"
            "您已填写的内容不会丢失：程序一直在自动保存，可以继续工作或保存后重新启动。\n\n"
            f"{where}如果问题反复出现，请把这个文件发给技术支持人员。")


def install(folder: Callable[[], Path], show: Callable[[str], None]) -> None:
    """Route uncaught exceptions to the log and to ``show`` (a dialog in the running application)."""
    busy = []

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log = None if isinstance(exc, InputError) else write_log(folder(), text)
        if sys.__stderr__ is not None:
            try:
                sys.__stderr__.write(text)
            except (OSError, ValueError):
                pass
        if busy:               # an error while showing the error: the log has it
            return
        busy.append(True)
        try:
            show(message_for(exc, log))
        finally:
            busy.clear()

    sys.excepthook = hook
