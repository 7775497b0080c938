"""packaging/linux/lower-glibc and check-glibc on a real library of this machine: a file that asks
for glibc 2.29's pow still loads, all symbols bound at once, after asking for the older version."""
import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def _a_library_needing_glibc_2_29_math():
    for folder in ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64"):
        for name in ("libpng16.so.16", "libpython3.11.so.1.0", "libpython3.9.so.1.0", "libxml2.so.2"):
            path = Path(folder) / name
            if path.exists():
                symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
                if re.search(r"\(GLIBC_2\.29\)\s+(exp|exp2|log|log2|pow)$", symbols, re.M):
                    return path
    return None


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None or shutil.which("objdump") is None,
    reason="ELF tools (binutils) on Linux only")


def _check_glibc(*args):
    return subprocess.run([sys.executable, str(LINUX / "check-glibc"), *map(str, args)],
                          capture_output=True, text=True)


def test_lowered_library_needs_no_glibc_2_29_and_still_binds(tmp_path):
    library = _a_library_needing_glibc_2_29_math()
    if library is None:
        pytest.skip("no library here asks for glibc 2.29's math functions")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    copy = bundle / library.name
    shutil.copy2(library.resolve(), copy)
    before = _check_glibc(bundle, "--above", "2.28").stdout
    assert library.name in before

    out = subprocess.run([sys.executable, str(LINUX / "lower-glibc"), str(bundle)], capture_output=True, text=True)
    assert out.returncode == 0 and "GLIBC_2.29 to GLIBC_2.2.5" in out.stdout, out.stdout + out.stderr

    symbols = subprocess.run(["objdump", "-T", str(copy)], capture_output=True, text=True).stdout
    assert not re.search(r"\(GLIBC_2\.29\)\s+(exp|exp2|log|log2|pow)$", symbols, re.M)
    assert re.search(r"\(GLIBC_2\.2\.5\)\s+(exp|exp2|log|log2|pow)$", symbols, re.M)
    # RTLD_NOW: every symbol, with its version, is bound at load time, or the load fails.
    ctypes.CDLL(str(copy), mode=os.RTLD_NOW | os.RTLD_LOCAL)


def test_check_glibc_fails_above_the_limit_and_prints_the_floor(tmp_path):
    library = _a_library_needing_glibc_2_29_math()
    if library is None:
        pytest.skip("no library here asks for glibc 2.29's math functions")
    shutil.copy2(library.resolve(), tmp_path / library.name)
    floor = _check_glibc(tmp_path, "--floor").stdout.strip()
    assert tuple(map(int, floor.split("."))) >= (2, 29)
    assert _check_glibc(tmp_path, "--max", "2.28").returncode == 1
    assert _check_glibc(tmp_path, "--max", floor).returncode == 0
    assert _check_glibc(tmp_path / "missing").returncode == 2
