"""The core never imports Qt, and starting the command line loads none of the heavy libraries."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "gui")


def test_no_module_under_core_imports_qt_or_the_gui():
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.removeprefix("nianbao.").split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    # The one sanctioned exception: the screenshot and open-window commands hand over to gui/.
    offenders = [o for o in offenders if not (o.startswith("core/cli.py") and "imports nianbao.gui.app" in o)]
    assert offenders == []


def test_checking_a_report_imports_no_heavy_library():
    code = (
        "import sys; from nianbao.core.cli import main; "
        "rc = main(['check', 'resources/samples/pingtan-gonganju-2022.nianbao']); "
        "heavy = [m for m in ('PySide6', 'openpyxl', 'reportlab') if m in sys.modules]; "
        "print(heavy); sys.exit(0 if not heavy else 3)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
