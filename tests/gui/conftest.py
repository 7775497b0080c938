"""GUI test fixtures: an isolated data folder, and the real window built for a report file."""
import shutil

import pytest

from nianbao.core.resources import resource_path

SAMPLE = resource_path("samples", "pingtan-gonganju-2022.nianbao")
WITH_ERRORS = resource_path("samples", "pingtan-haitan-2024.nianbao")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def report_copy(tmp_path):
    def make(source=SAMPLE):
        target = tmp_path / source.name
        shutil.copyfile(source, target)
        return target
    return make


@pytest.fixture
def window_for(qtbot):
    from nianbao.gui.app import build_window

    def make(path=None, **kwargs):
        window = build_window(str(path) if path else None, **kwargs)
        window.ask_unsaved = lambda *_: "discard"
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # (``qtbot.waitActive`` is a context manager: called plainly it waits for nothing)
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        return window
    return make
