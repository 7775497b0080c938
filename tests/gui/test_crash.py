"""An unforeseen error is logged and told in Chinese; the clerk never sees a traceback."""
import sys

from nianbao.core.errors import InputError
from nianbao.gui import crash


def test_unexpected_error_is_logged_and_explained(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install(lambda: tmp_path, shown.append)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    log = (tmp_path / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log and "Traceback" in log
    assert len(shown) == 1 and "意外错误" in shown[0] and "不会丢失" in shown[0]
    assert "Traceback" not in shown[0] and str(tmp_path / crash.LOG_NAME) in shown[0]


def test_input_error_is_only_its_message(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install(lambda: tmp_path, shown.append)
    try:
        raise InputError("“x.xlsx”已损坏，无法读取")
    except InputError:
        sys.excepthook(*sys.exc_info())
    assert shown == ["“x.xlsx”已损坏，无法读取"]
    assert not (tmp_path / crash.LOG_NAME).exists()


def test_the_log_restarts_when_it_grows_too_large(tmp_path):
    (tmp_path / crash.LOG_NAME).write_text("x" * (crash.MAX_LOG_BYTES + 10), encoding="utf-8")
    crash.write_log(tmp_path, "new entry")
    assert (tmp_path / crash.LOG_NAME).stat().st_size < 1000
