"""Both shipped bundles carry every runtime dependency: pinned in packaging/linux/requirements-bundle.txt
and (with hashes) in packaging/windows/requirements.txt, not left out by packaging/nianbao.spec nor by
packaging/windows/stage.py, with the data files the PDF import reads (pdfminer's CMaps)."""
import ast
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
# What the PDF import (pdfplumber) needs at run time, as import names.
PDF_IMPORT_MODULES = ("pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "charset_normalizer",
                      "cryptography", "PIL")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path, hashes: bool) -> dict:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, rest = line.partition("==")
        assert rest, f"{path.name}: not pinned: {line}"
        if hashes:
            assert "--hash=sha256:" in rest, f"{path.name}: no hash: {line}"
        pins[_norm(name)] = rest.split()[0]
    return pins


def _runtime_dependencies() -> set:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_norm(re.match(r"[A-Za-z0-9_.-]+", d).group(0)) for d in project["dependencies"]}


@pytest.mark.parametrize("path, hashes", [(PACKAGING / "linux" / "requirements-bundle.txt", False),
                                          (PACKAGING / "windows" / "requirements.txt", True)])
def test_every_runtime_dependency_is_pinned(path, hashes):
    pins = _pins(path, hashes)
    missing = _runtime_dependencies() - set(pins)
    assert not missing, f"{path.name} lacks {sorted(missing)}"
    # pdfplumber's own run-time needs, down to cffi's parser.
    for name in ("pdfminer-six", "pypdfium2", "cryptography", "cffi", "pycparser", "charset-normalizer", "pillow"):
        assert name in pins, f"{path.name} lacks {name}"


def test_the_spec_leaves_no_pdf_import_module_out():
    tree = ast.parse((PACKAGING / "nianbao.spec").read_text(encoding="utf-8"))
    unused = next(ast.literal_eval(node.value) for node in tree.body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PY_UNUSED")
    left_out = [m for m in unused if m.split(".")[0] in PDF_IMPORT_MODULES and m.split(".")[0] != "PIL"]
    assert not left_out, f"packaging/nianbao.spec leaves out {left_out}"
    assert 'collect_data_files("pdfminer")' in (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")


def test_the_windows_stage_keeps_the_pdf_import():
    spec = importlib.util.spec_from_file_location("stage", PACKAGING / "windows" / "stage.py")
    stage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stage)
    for name in ("pdfplumber/__init__.py", "pdfminer/cmap/to-unicode-Adobe-GB1.pickle.gz",
                 "pdfminer/cmap/GBK-EUC-H.pickle.gz", "pdfminer_six-20260107.dist-info/METADATA",
                 "pypdfium2_raw/pdfium.dll", "charset_normalizer/api.py", "cryptography/__init__.py",
                 "_cffi_backend.cp311-win_amd64.pyd", "PIL/ImageDraw.py"):
        assert stage._kept_from_wheel(name), f"stage.py leaves out {name}"
