"""packaging/windows/stage.py: what goes into the Windows program folder, and its launchers.

The whole installer is built and tried under Wine by packaging/windows/ci; these checks need
neither NSIS nor Wine.
"""
import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stage():
    spec = importlib.util.spec_from_file_location("win_stage", ROOT / "packaging" / "windows" / "stage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, kept", [
    ("PySide6/QtWidgets.pyd", True),
    ("PySide6/Qt6Core.dll", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/support/__init__.py", True),
    ("PySide6/QtQuick.pyd", False),
    ("PySide6/Qt6Quick.dll", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/designer.exe", False),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/translations/qtbase_de.qm", False),
    ("PySide6/QtCore.pyi", False),
    ("shiboken6/shiboken6.abi3.dll", True),
    ("shiboken6/vcomp140.dll", False),
    ("PIL/Image.py", True),
    ("PIL/_webp.cp311-win_amd64.pyd", False),
    ("charset_normalizer/md.cp311-win_amd64.pyd", True),   # pdfminer decodes text with it
    ("openpyxl/__init__.py", True),
    ("reportlab/fonts/Vera.ttf", True),
    ("reportlab-5.1.0.dist-info/METADATA", True),
    ("reportlab-5.1.0.dist-info/licenses/LICENSE", True),
    ("reportlab-5.1.0.dist-info/RECORD", False),
])
def test_only_what_the_program_uses_is_kept(stage, name, kept):
    assert stage._kept_from_wheel(name) is kept


def test_a_launcher_runs_the_bundled_python_relative_to_itself(stage, tmp_path):
    wheel = tmp_path / "distlib-0.4.0-py2.py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("distlib/t64.exe", b"MZ-console-stub")
        zf.writestr("distlib/w64.exe", b"MZ-gui-stub")
    target = tmp_path / "nianbao-cli.exe"
    stage._launcher(tmp_path, "t", "python\\python.exe -X utf8", stage.MAIN, target)
    data = target.read_bytes()
    stub, rest = data.split(b"#!", 1)
    shebang, archive = rest.split(b"\n", 1)
    assert stub == b"MZ-console-stub"
    assert shebang == b"python\\python.exe -X utf8"   # relative: the folder can move
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        main = zf.read("__main__.py").decode()
    assert "from nianbao.core.cli import main" in main and "sys.exit(main())" in main
    again = tmp_path / "again.exe"
    stage._launcher(tmp_path, "t", "python\\python.exe -X utf8", stage.MAIN, again)
    assert again.read_bytes() == data   # the same build twice gives the same launcher
