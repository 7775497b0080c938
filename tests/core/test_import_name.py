"""One import name: nianbao.  Another top-level ``core``, ``gui`` or ``resources`` earlier on the
path (PYTHONPATH, the current folder) must not shadow nianbao's own (issue 11)."""
import os
import re
import subprocess
import sys

from support import ROOT, SAMPLES

SHADOWS = ("core", "gui", "resources")


def _shadowing_folder(tmp_path):
    for name in SHADOWS:
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text(f"raise ImportError('the other {name} package')\n")
    return tmp_path


def test_a_shadowing_core_package_on_the_path_does_not_break_the_command(tmp_path):
    shadow = _shadowing_folder(tmp_path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(shadow), str(ROOT)]))
    for args in (["--version"], ["check", str(SAMPLES / "pingtan-gonganju-2022.nianbao")]):
        out = subprocess.run([sys.executable, "-m", "nianbao", *args], cwd=shadow, env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert "Traceback" not in out.stderr
    assert out.stdout.strip(), "check printed nothing"


def test_the_installed_distribution_claims_only_the_nianbao_import_name():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    packages = re.search(r"^packages = \[(.*?)\]", text, re.M | re.S).group(1)
    names = re.findall(r'"([^"]+)"', packages)
    assert names and all(n == "nianbao" or n.startswith("nianbao.") for n in names), names
    assert "[project.scripts]" in text and 'nianbao = "nianbao.core.cli:main"' in text
