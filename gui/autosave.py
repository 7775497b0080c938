"""No lost work: a recovery file written within a second of each change, offered back after a crash.

The recovery file is written at a deadline counted from the first change not yet in it
(``AUTOSAVE_DEADLINE_MS``), not after a pause: someone who never stops typing is saved too.
Each running window writes its own ``recovery-<id>.json`` in the user's data
folder (``QStandardPaths.AppDataLocation``, or ``$NIANBAO_DATA_DIR``), atomically,
and holds a ``QLockFile`` beside it.  A clean close or a save removes both.  At
the next start a recovery file whose lock can be taken belonged to a process
that is gone (crashed, killed): that is the work to offer back.  A restored recovery
file is deleted only once the new window's own recovery file is on disk; a recovery file
that cannot be read (torn, or from a newer version) is kept and named, never deleted.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal

from nianbao.core.errors import InputError
from nianbao.core.model import Report
from nianbao.core.reportfile import atomic_write_bytes, report_from_dict, report_to_dict

DATA_DIR_ENV = "NIANBAO_DATA_DIR"
# A change reaches the recovery file at most this long after it was made, typing or not
# (the margin below one second is for a busy machine's event loop and the write itself).
AUTOSAVE_DEADLINE_MS = 600
_PREFIX, _SUFFIX = "recovery-", ".json"


def data_dir() -> Path:
    """The user's data folder for this application (created if needed)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        location = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
        path = Path(location) if location else Path.home() / ".nianbao"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings() -> QSettings:
    """The window's remembered layout and recent files, beside the recovery files."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.IniFormat)


@dataclass
class Recovery:
    """Unsaved work found at start-up."""
    file: Path
    report: Report
    original: Optional[Path]      # the report file it was opened from, if any
    saved_at: str
    _lock: Optional[QLockFile] = None

    @property
    def description(self) -> str:
        where = str(self.original) if self.original else "（尚未保存的新报告）"
        return f"{self.report.title}\n文件：{where}\n自动保存于：{self.saved_at}"

    def release(self) -> None:
        """Leave it for the next start (another recovery was restored this time)."""
        if self._lock is not None:
            self._lock.unlock()

    def discard(self) -> None:
        for path in (self.file, Path(str(self.file) + ".lock")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        if self._lock is not None:
            self._lock.unlock()


def find_recoveries(directory: Optional[Path] = None, unreadable: Optional[List[str]] = None) -> List[Recovery]:
    """Recovery files left by windows that are no longer running, newest first.

    A file that cannot be read is left where it is; ``unreadable`` receives one Chinese line naming it.
    """
    directory = directory or data_dir()
    found = []
    for file in sorted(directory.glob(_PREFIX + "*" + _SUFFIX)):
        lock = QLockFile(str(file) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue   # a running window owns it
        try:
            data = json.loads(file.read_bytes().decode("utf-8"))
            report = report_from_dict(data["report"], where="恢复文件")
        except (OSError, ValueError, KeyError, TypeError, InputError) as exc:
            lock.unlock()
            # Perhaps written by a newer version, perhaps torn: kept for the clerk, never deleted.
            if unreadable is not None:
                reason = str(exc) if isinstance(exc, InputError) else "内容无法识别"
                unreadable.append(f"恢复文件 {file} 无法读取（{reason}），已原样保留，未删除")
            continue
        original = data.get("original")
        found.append(Recovery(file, report, Path(original) if original else None,
                              str(data.get("saved_at", "")), lock))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


class Autosaver(QObject):
    saved = Signal(str)

    def __init__(self, document, directory: Optional[Path] = None, parent=None):
        super().__init__(parent)
        self.directory = directory or data_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        import uuid   # not on the way to the first paint: uuid pulls in the platform module
        self.file = self.directory / f"{_PREFIX}{uuid.uuid4().hex}{_SUFFIX}"
        self._lock = QLockFile(str(self.file) + ".lock")
        self._lock.setStaleLockTime(0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DEADLINE_MS)
        self._timer.timeout.connect(self.save_now)
        self._adopted: List[Recovery] = []
        self.document = None
        self.set_document(document)

    def adopt(self, recovery: Recovery) -> None:
        """Take over a restored recovery file: it is deleted once this window's own file is on disk."""
        self._adopted.append(recovery)
        self.save_now()

    def _drop_adopted(self) -> None:
        while self._adopted:
            self._adopted.pop().discard()

    def set_document(self, document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.schedule)
            self.document.modifiedChanged.disconnect(self._on_modified)
        self.document = document
        document.changed.connect(self.schedule)
        document.modifiedChanged.connect(self._on_modified)
        if document.modified:
            self.schedule()
        else:
            self.discard()

    def schedule(self) -> None:
        # A deadline from the first unsaved change: further changes do not push it back.
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> None:
        self._timer.stop()
        if not self.document.modified:
            self.discard()
            return
        if not self._lock.isLocked() and not self._lock.tryLock(0):
            return
        payload = {"recovery": 1,
                   "original": str(self.document.path) if self.document.path else None,
                   "saved_at": _dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
                   "report": report_to_dict(self.document.report)}
        try:
            # ASCII escapes: a broken character pasted into the window (a lone surrogate) is kept
            # as it is, instead of failing the write; restoring cleans it with a note.
            atomic_write_bytes(self.file, json.dumps(payload).encode("ascii"), backup=False)
        except OSError:
            return   # a full or read-only disk must not interrupt typing; the next change retries
        self._drop_adopted()
        self.saved.emit(str(self.file))

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def discard(self) -> None:
        """The work is safe (saved, or deliberately thrown away): no recovery file."""
        self._timer.stop()
        self.file.unlink(missing_ok=True)
        self._drop_adopted()
        if self._lock.isLocked():
            self._lock.unlock()
