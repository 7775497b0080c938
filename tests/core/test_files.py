"""Saving: links written through, stale temp files cleaned, .bak by rename, short temp names,
the user's umask, errno in Chinese, safe suggested names (issue 10 "saves and links", issue 9 "file modes")."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys

import pytest

from nianbao.core import files
from nianbao.core.files import atomic_write_bytes, os_error_message, safe_file_name
from nianbao.core.reportfile import read_report, write_report, write_report_or_explain

from ..support import sample

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, modes and pids as on POSIX")


@posix_only
def test_a_save_through_a_symbolic_link_writes_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "a.nianbao"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.nianbao"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert (real.parent / "a.nianbao.bak").read_bytes() == b"old"


@posix_only
def test_a_hard_link_is_split_the_saved_name_gets_the_new_version(tmp_path):
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    a.write_bytes(b"old")
    os.link(a, b)
    atomic_write_bytes(a, b"new")
    assert a.read_bytes() == b"new" and b.read_bytes() == b"old"


@posix_only
def test_temp_files_of_a_killed_save_are_cleaned_by_the_next_save(tmp_path):
    target = tmp_path / "r.nianbao"
    # A save killed by kill -9: its temp file stays, named with the pid of a process now gone.
    code = ("import os, sys; from nianbao.core import files; "
            "t = files._new_temp(__import__('pathlib').Path(sys.argv[1]), 'r.nianbao'); "
            "open(t, 'wb').write(b'x' * 1000); os._exit(0)")
    for _ in range(3):
        subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True,
                       cwd=os.path.dirname(os.path.dirname(files.__file__)))
    other = tmp_path / (files.TEMP_PREFIX + files._tag("other.nianbao") + "-1-abc" + files.TEMP_SUFFIX)
    other.write_bytes(b"not ours")
    assert len(list(tmp_path.glob(".nb-*"))) == 4
    atomic_write_bytes(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r.nianbao", other.name])


def test_the_backup_is_put_in_place_by_a_rename(tmp_path, monkeypatch):
    target = tmp_path / "r.nianbao"
    target.write_bytes(b"v1")
    (tmp_path / "r.nianbao.bak").write_bytes(b"v0")
    calls = []
    real_unlink = os.unlink
    monkeypatch.setattr(os, "unlink", lambda p, *a, **k: (calls.append(str(p)), real_unlink(p, *a, **k)))
    atomic_write_bytes(target, b"v2")
    # The old .bak is never removed first: it is replaced in one rename.
    assert not any(c.endswith(".bak") for c in calls)
    assert (tmp_path / "r.nianbao.bak").read_bytes() == b"v1" and target.read_bytes() == b"v2"


def test_a_name_of_255_bytes_can_be_saved(tmp_path):
    name = "局" * 82 + "x" + ".nianbao"     # 246 + 1 + 8 bytes
    assert len(name.encode()) == 255
    path = tmp_path / name
    write_report(sample("pingtan-haitan-2024"), path)
    write_report(sample("pingtan-haitan-2024"), path)      # overwriting too
    assert read_report(path).year == 2024


@posix_only
@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_get_the_users_umask(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        atomic_write_bytes(tmp_path / "n.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "n.pdf").stat().st_mode) == expected


@posix_only
def test_overwriting_keeps_the_files_mode(tmp_path):
    target = tmp_path / "r.nianbao"
    target.write_bytes(b"v1")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"v2")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读文件系统"),
                                         (errno.EACCES, "权限不足"), (errno.ENAMETOOLONG, "文件名过长")])
def test_system_errors_are_chinese_and_keep_the_path(code, words):
    msg = os_error_message(OSError(code, os.strerror(code)), "/data/报告.nianbao")
    assert words in msg and "/data/报告.nianbao" in msg


def test_a_full_disk_on_save_is_one_chinese_line(tmp_path, monkeypatch):
    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "replace", full)
    msg = write_report_or_explain(sample("pingtan-haitan-2024"), tmp_path / "r.nianbao")
    assert msg and "磁盘空间不足" in msg and "r.nianbao" in msg and "No space" not in msg
    assert not list(tmp_path.glob(".nb-*"))                 # the temp file did not stay


@pytest.mark.parametrize("name", ["../../../../etc/cron.d/x", "市委/市政府办公室", "..", "a\\b:c*d?e\"f<g>h|i",
                                  "con", "x\x00y\x1fz", "\ud800局", "." * 10, "", "长" * 300])
def test_suggested_file_names_stay_in_their_folder(name, tmp_path):
    out = safe_file_name(name, ".nianbao")
    assert out.endswith(".nianbao") and len(out.encode()) <= 200
    stem = out[:-len(".nianbao")]
    assert stem and ".." not in out and not out.startswith(".")
    assert not any(ch in out for ch in '/\\:*?"<>|') and all(ord(ch) >= 32 for ch in out)
    assert (tmp_path / out).parent == tmp_path
    (tmp_path / out).write_bytes(b"")                       # a name the file system takes


@posix_only
def test_kill_9_during_saves_leaves_a_whole_file_a_bak_and_no_temp_after_the_next_save(tmp_path):
    import random
    import signal
    import time
    target = tmp_path / "r.nianbao"
    atomic_write_bytes(target, b"v0:" + b"0" * 100)
    atomic_write_bytes(target, b"v1:" + b"1" * 100)
    code = ("import sys, itertools; from nianbao.core.files import atomic_write_bytes\n"
            "for i in itertools.count(2):\n"
            "    d = str(i % 10).encode()\n"
            "    atomic_write_bytes(sys.argv[1], b'v%d:' % i + d * (100 + i % 7 * 200_000))\n")
    rnd = random.Random(7)
    root = os.path.dirname(os.path.dirname(files.__file__))

    def whole(data: bytes) -> bool:
        head, _, body = data.partition(b":")
        return head.startswith(b"v") and len(set(body)) == 1 and body[:1] == head[-1:]

    pids = [os.getpid()]
    for _ in range(15):
        child = subprocess.Popen([sys.executable, "-c", code, str(target)], cwd=root)
        pids.append(child.pid)
        time.sleep(0.15 + rnd.random() * 0.3)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert whole(target.read_bytes())
        assert whole((tmp_path / "r.nianbao.bak").read_bytes())
    atomic_write_bytes(target, b"v9:" + b"9" * 100)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["r.nianbao", "r.nianbao.bak"], (left, pids)


@posix_only
def test_a_save_after_one_killed_between_its_two_renames_leaves_no_temp(tmp_path):
    target = tmp_path / "r.nianbao"
    target.write_bytes(b"v1")
    os.link(target, tmp_path / "r.nianbao.bak")     # the .bak renamed in place, the target not yet
    atomic_write_bytes(target, b"v2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.nianbao", "r.nianbao.bak"]
    assert (tmp_path / "r.nianbao.bak").read_bytes() == b"v1" and target.read_bytes() == b"v2"
