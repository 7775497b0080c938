"""The command line as FORMAT.md describes it: outputs, exit codes, one-line messages, no tracebacks."""
import json
import os
import subprocess
import sys

import pytest

from nianbao.core.model import new_report
from nianbao.core.reportfile import read_report, write_report
from support import ROOT, SAMPLES, consistent_report

CLEAN = str(SAMPLES / "pingtan-gonganju-2022.nianbao")
BROKEN = str(SAMPLES / "pingtan-ziranziyuan-2023.nianbao")


def nianbao(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "nianbao", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=60, env=env)


def assert_clean_failure(out, code=2):
    assert out.returncode == code, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert out.stderr.startswith("nianbao: ")


def test_version():
    out = nianbao("--version")
    assert out.returncode == 0 and out.stdout.startswith("nianbao ")


def test_dump_prints_the_report_file_object():
    out = nianbao("dump", CLEAN)
    assert out.returncode == 0
    printed = json.loads(out.stdout)
    original = json.loads((SAMPLES / "pingtan-gonganju-2022.nianbao").read_text(encoding="utf-8"))
    assert printed["cells"] == original["cells"] and printed["agency"] == original["agency"]


def test_dump_prints_stated_totals_as_stated():
    out = nianbao("dump", SAMPLES / "pingtan-haitan-2024.nianbao")
    assert json.loads(out.stdout)["cells"]["t3.new.total"] == 0


def test_check_exit_codes():
    assert nianbao("check", CLEAN).returncode == 0
    out = nianbao("check", BROKEN)
    assert out.returncode == 1 and "T3-BAL" in out.stdout and "商业企业" in out.stdout


def test_check_json_lists_every_report_and_finding():
    out = nianbao("check", "--json", CLEAN, BROKEN)
    data = json.loads(out.stdout)
    assert [r["agency"] for r in data["reports"]] == ["平潭综合实验区公安局", "平潭综合实验区自然资源与生态环境局"]
    bal = [f for f in data["reports"][1]["findings"] if f["rule"] == "T3-BAL"][0]
    assert bal["severity"] == "error" and bal["expected"] == 0 and bal["actual"] == 1
    assert "t3.carried_out.commercial" in bal["cells"]


def test_new_from_last_year_then_check_against_it(tmp_path):
    last = consistent_report(2022, agency="某市生态环境局")
    last_path = tmp_path / "2022.nianbao"
    write_report(last, last_path)
    out_path = tmp_path / "2023.nianbao"
    out = nianbao("new", "--year", 2023, "--from-last-year", last_path, "-o", out_path)
    assert out.returncode == 0, out.stderr
    made = read_report(out_path)
    assert made.agency == "某市生态环境局" and made.year == 2023
    assert made.get("t3.carried_in.natural") == last.get("t3.carried_out.natural")
    assert made.last_year.get("t2.normative.in_force") == last.get("t2.normative.in_force")


def test_new_plain(tmp_path):
    out = nianbao("new", "--year", 2025, "--agency", "某县教育局", "-o", tmp_path / "n.nianbao")
    assert out.returncode == 0
    assert read_report(tmp_path / "n.nianbao").agency == "某县教育局"


def test_previous_and_batch_pairing_run_the_cross_year_checks(tmp_path):
    last = consistent_report(2022)
    this = new_report(2023, "", last)
    this.set("t3.carried_in.natural", 40)
    write_report(last, tmp_path / "a.nianbao")
    this.last_year = None                       # only the batch can pair them now
    write_report(this, tmp_path / "b.nianbao")
    out = nianbao("check", "--json", tmp_path / "b.nianbao")
    assert "X-CARRY" not in out.stdout
    out = nianbao("check", "--json", tmp_path / "a.nianbao", tmp_path / "b.nianbao")
    rules = [f["rule"] for f in json.loads(out.stdout)["reports"][1]["findings"]]
    assert "X-CARRY" in rules
    out = nianbao("check", "--previous", tmp_path / "a.nianbao", tmp_path / "b.nianbao")
    assert "X-CARRY" in out.stdout and out.returncode == 1


@pytest.mark.parametrize("args", [
    ["dump", "does-not-exist.nianbao"],
    ["check"],
    ["new", "--year", "abc", "-o", "x.nianbao"],
    ["new", "--year", "2023", "-o", "x.nianbao"],
    ["export", CLEAN],
    ["dump", str(ROOT / "README.md")],
    ["--no-such-flag"],
    ["check", "--previous", "missing.nianbao", CLEAN],
])
def test_bad_input_is_one_chinese_line_and_exit_2(args, tmp_path):
    assert_clean_failure(nianbao(*args, cwd=tmp_path if args[0] == "new" else None))


def test_unreadable_file_in_a_batch_is_reported_and_the_others_checked(tmp_path):
    bad = tmp_path / "bad.nianbao"
    bad.write_bytes(b"{not json")
    out = nianbao("check", bad, CLEAN)
    assert out.returncode == 2 and "已损坏" in out.stderr and "平潭综合实验区公安局" in out.stdout
    assert "Traceback" not in out.stderr


def test_writing_to_a_missing_folder_is_a_clear_message(tmp_path):
    out = nianbao("new", "--year", 2025, "--agency", "某局", "-o", tmp_path / "no" / "x.nianbao")
    assert_clean_failure(out)


def test_new_refuses_last_year_of_another_year(tmp_path):
    write_report(consistent_report(2022), tmp_path / "2022.nianbao")
    out = nianbao("new", "--year", 2024, "--from-last-year", tmp_path / "2022.nianbao", "-o", tmp_path / "x.nianbao")
    assert_clean_failure(out)
    assert "2023年度" in out.stderr and not (tmp_path / "x.nianbao").exists()


def test_writing_onto_a_folder_is_a_chinese_message(tmp_path):
    (tmp_path / "d.nianbao").mkdir()
    out = nianbao("new", "--year", 2025, "--agency", "某局", "-o", tmp_path / "d.nianbao")
    assert_clean_failure(out)
    assert "文件夹" in out.stderr and "Is a directory" not in out.stderr


# -- issue 12: Chinese help, usage errors, broken pipes, empty files, screenshot formats --

ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help",
           "show program's version", "choose from")


def test_help_is_chinese_and_names_window_and_exit_codes():
    for args in (["--help"], ["check", "--help"], ["export", "-h"], ["new", "--help"], ["screenshot", "--help"]):
        out = nianbao(*args)
        assert out.returncode == 0
        assert not [w for w in ENGLISH if w in out.stdout], out.stdout
        assert "用法：" in out.stdout
    top = nianbao("--help").stdout
    assert "nianbao [文件]" in top and "退出码" in top and "2 " in top


def test_every_option_has_help():
    from nianbao.core.cli import _build_parser
    import argparse
    parser = _build_parser()
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)][0]
    for p in [parser, *subs.choices.values()]:
        for action in p._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, (p.prog, action.option_strings or action.dest)


def test_choice_error_is_chinese():
    out = nianbao("screenshot", "--tab", "9", "a.nianbao", "b.png")
    assert_clean_failure(out)
    assert "choose from" not in out.stderr and "可选" in out.stderr


def test_usage_hint_names_the_program_once():
    out = nianbao("new", "--year")
    assert_clean_failure(out)
    assert "nianbao new --help" in out.stderr
    from nianbao.core.cli import _build_parser
    from nianbao.core.errors import InputError
    try:
        _build_parser().error("x")
    except InputError as exc:
        assert "nianbao nianbao" not in str(exc) and "nianbao --help" in str(exc)


def test_mistyped_command_is_a_usage_error(tmp_path):
    out = nianbao("chek", cwd=tmp_path)
    assert_clean_failure(out)
    assert "是否要输入 check？" in out.stderr
    assert_clean_failure(nianbao("chek", "x.nianbao", cwd=tmp_path))
    out = nianbao("frobnicate", cwd=tmp_path)
    assert_clean_failure(out)
    assert "check" in out.stderr


def test_an_existing_file_named_like_a_command_still_opens(tmp_path):
    from nianbao.core import cli
    (tmp_path / "chek").write_text("x")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert cli._unknown_command("chek") is None
    finally:
        os.chdir(cwd)
    assert cli._unknown_command("report.nianbao") is None     # a missing file: the window names it


def test_broken_pipe_keeps_the_exit_code():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "nianbao", "check", *[BROKEN] * 40],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()          # the reader went away before anything was written (like `| head -0`)
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_empty_file_is_called_empty(tmp_path):
    for name in ("a.nianbao", "b.xlsx", "c.txt"):
        (tmp_path / name).write_bytes(b"")
        out = nianbao("dump", tmp_path / name)
        assert_clean_failure(out)
        assert "文件是空的" in out.stderr


def test_screenshot_refuses_a_format_it_does_not_write(tmp_path):
    out = nianbao("screenshot", SAMPLES / "pingtan-gonganju-2022.nianbao", tmp_path / "x.jpg")
    assert_clean_failure(out)
    assert "PNG" in out.stderr and not (tmp_path / "x.jpg").exists()


def test_export_says_it_wrote_a_draft_and_why(tmp_path):
    out = nianbao("export", BROKEN, "--pdf", tmp_path / "x.pdf")
    assert out.returncode == 0, out.stderr
    assert "草稿" in out.stderr and "错误" in out.stderr and "Traceback" not in out.stderr
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
    out = nianbao("export", BROKEN, "--xlsx", tmp_path / "x.xlsx")
    assert out.returncode == 0 and "草稿" in out.stderr and "未解决的校验问题" in out.stderr
    out = nianbao("export", CLEAN, "--xlsx", tmp_path / "y.xlsx")
    assert out.returncode == 0 and "草稿" not in out.stdout + out.stderr
