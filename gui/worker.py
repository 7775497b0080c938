"""Long work (export, Excel import) off the UI thread, with its result or its error back on it."""
from __future__ import annotations

from typing import Callable, Set

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from nianbao.core.errors import InputError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, work: Callable[[], object]):
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except InputError as exc:
            self.signals.failed.emit(str(exc))
        except MemoryError:
            self.signals.failed.emit("内存不足，无法完成")
        except Exception as exc:  # noqa: BLE001 - the user gets a message, never a traceback
            self.signals.failed.emit(f"发生意外错误：{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


_running: Set[Job] = set()


def run_in_background(work: Callable[[], object], on_done: Callable[[object], None],
                      on_failed: Callable[[str], None]) -> Job:
    """Run ``work`` on the thread pool; the callbacks run on the UI thread."""
    job = Job(work)
    _running.add(job)

    def finish(callback, value):
        _running.discard(job)
        callback(value)

    job.signals.done.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda message: finish(on_failed, message))
    QThreadPool.globalInstance().start(job)
    return job
