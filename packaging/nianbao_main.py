"""Entry point of the frozen application: the same ``nianbao`` command as the installed one.

One thing only the frozen program needs: the bundle carries Qt's IBus input-method
plugin but not fcitx's (no wheel ships one).  On a desktop that asks Qt for
fcitx (QT_IM_MODULE=fcitx, usual on 统信UOS/麒麟) the window would get no Chinese
input at all; fcitx 5 also answers the IBus protocol, so ask for that instead.
"""
import os
import sys


def _input_method_we_can_load() -> None:
    wanted = os.environ.get("QT_IM_MODULE", "")
    if not wanted or not getattr(sys, "frozen", False):
        return
    plugins = os.path.join(getattr(sys, "_MEIPASS", ""), "PySide6", "Qt", "plugins", "platforminputcontexts")
    try:
        available = " ".join(os.listdir(plugins)).lower()
    except OSError:
        return
    if wanted.lower() not in available and "ibus" in available:
        os.environ["QT_IM_MODULE"] = "ibus"


if __name__ == "__main__":
    _input_method_we_can_load()
    from nianbao.core.cli import main
    sys.exit(main())
