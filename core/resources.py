"""The one accessor for ``resources/``: from source, from an installed wheel, from a frozen bundle.

In source and in a wheel, ``resources`` is a package beside ``core``; in a
PyInstaller bundle it is unpacked under ``sys._MEIPASS``.
"""
from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a file under resources/, e.g. ``resource_path("fonts", "x.ttf")``."""
    return resource_root().joinpath(*parts)


def sample_report_path() -> Path:
    """The sample report shipped with the application (a real published 2022 report)."""
    return resource_path("samples", "pingtan-gonganju-2022.nianbao")
