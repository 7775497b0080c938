"""Screenshots of every tab of the real window in a real X session (Xvfb + openbox).

Usage: python tools/gui_shots.py OUT_DIR [REPORT]   (sizes 1024x600, 1366x768, 1920x1080)
Writes OUT_DIR/<W>x<H>-tab<N>.png (and, at 1920, 表三 with the window across the screen).  The window starts as a clerk's first start does
(no remembered size), and each tab is reached by Alt+N.
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "gui"))

from xsession import XSession, skip_reason  # noqa: E402

SIZES = ((1024, 600), (1366, 768), (1920, 1080))


def main() -> int:
    out = Path(sys.argv[1])
    report = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "resources" / "samples" / "pingtan-haitan-2024.nianbao")
    if skip_reason():
        print(skip_reason(), file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        session = XSession(width, height)
        try:
            with tempfile.TemporaryDirectory() as data:
                env = dict(session.env, NIANBAO_DATA_DIR=data)
                app = subprocess.Popen([sys.executable, "-m", "nianbao", report], cwd=ROOT, env=env)
                window = session.window_of(app.pid)
                session.focus(window)
                time.sleep(2)
                for n in range(1, 7):
                    session.key(f"alt+{n}")
                    time.sleep(1.2)
                    session.screenshot(out / f"{width}x{height}-tab{n}.png")
                print(f"{width}x{height}:", session.xdotool("getwindowgeometry", window).replace("\n", " "))
                if width >= 1920:     # the whole screen: 表三's labels must stay near their numbers
                    session.xdotool("windowsize", window, str(width - 20), str(height - 60))
                    session.xdotool("windowmove", window, "0", "0")
                    session.key("alt+3")
                    time.sleep(1.5)
                    session.screenshot(out / f"{width}x{height}-tab3-fullwidth.png")
                app.terminate()
                app.wait(timeout=30)
        finally:
            session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
