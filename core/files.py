"""Writing files so that nothing is lost: atomic saves, backups, links, modes, safe names, messages.

``atomic_write_bytes`` is what every writer of nianbao uses (report, PDF, Excel,
recovery file):

* the bytes go to a temporary file in the target's folder — a short name,
  ``.nb-<hash of the name>-<pid>-<random>.tmp``, so a target name of up to 255
  bytes can be saved — which is flushed, fsynced and then renamed over the
  target: a crash leaves either the old or the new file, never half of one;
* a temporary file left by a save that was killed is removed by the next save
  of the same name (when the process that made it is gone);
* the previous version is kept as ``<name>.bak``, itself put in place by a
  rename, so there is always a ``.bak`` once a file has been saved twice;
* a symbolic link is written through: its target gets the new content and the
  link stays a link;
* a hard link is split, deliberately: the name saved to gets the new version,
  other names of the file keep the old one.  Writing in place would keep the
  link but give up the all-or-nothing save, which matters more;
* the new file gets the mode of the file it replaces, or the user's umask
  (0644 under 022) for a new file — never 0600, so a colleague on a shared
  folder can open it.

``os_error_message`` turns an ``OSError`` into one Chinese line that keeps the
path; ``safe_file_name`` makes a file name out of an agency or title.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import shutil
import stat
import time
from pathlib import Path
from typing import Optional, Union

from .values import clean_text

TEMP_PREFIX = ".nb-"
TEMP_SUFFIX = ".tmp"
STALE_AGE = 3600          # seconds; where a process cannot be asked whether it lives (Windows)
MAX_NAME_BYTES = 200      # a suggested file name, suffix included

_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统，无法写入",
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，请给出文件名",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EIO: "读写出错（磁盘或网络故障）",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EEXIST: "文件已存在",
    errno.EINVAL: "文件名或路径无效",
    errno.EFBIG: "文件过大",
    errno.ELOOP: "符号链接循环",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "磁盘配额已用完"
_WINERRORS = {32: "文件正被其他程序占用", 33: "文件的一部分被其他程序锁定", 112: "磁盘空间不足",
              5: "权限不足", 206: "文件名过长", 123: "文件名或路径无效"}


def os_error_message(exc: OSError, path: Union[str, Path], action: str = "写入") -> str:
    """One Chinese line: what could not be done to which path, and why (errno in words)."""
    reason = _WINERRORS.get(getattr(exc, "winerror", None) or 0) or _REASONS.get(exc.errno or 0)
    if reason is None:
        reason = f"系统错误 {exc.errno}" if exc.errno else "系统错误"
    return f"无法{action} {path}：{reason}"


# -- names -----------------------------------------------------------------------------

_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")


def safe_file_name(name: str, suffix: str = "", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name made from ``name`` (an agency, a title) that stays in the folder it is put in.

    ``/ \\ : * ? " < > |`` and control characters become ``_``, there is never a
    ``..`` nor a leading dot, Windows' reserved device names are avoided, and the
    whole name with ``suffix`` fits in ``max_bytes`` of UTF-8.
    """
    text = clean_text(name)[0].replace("\ufffd", "_")
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text).strip(" .")
    if not text or _RESERVED.match(text):
        text = "年报" + ("_" + text if text else "")
    room = max_bytes - len(suffix.encode("utf-8"))
    while len(text.encode("utf-8")) > room:
        text = text[:-1]
    return text.rstrip(" .") + suffix


# -- writing ---------------------------------------------------------------------------

def _tag(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False        # exists, but not ours
    return False


def clean_stale_temps(directory: Path, name: str) -> int:
    """Remove temporary files that killed saves of ``name`` left behind; how many were removed."""
    removed = 0
    pattern = re.compile(re.escape(TEMP_PREFIX + _tag(name)) + r"-(\d+)-[0-9a-f]+" + re.escape(TEMP_SUFFIX))
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m:
            continue
        try:
            if os.name == "posix":
                stale = _process_gone(int(m.group(1)))
            else:   # os.kill(pid, 0) would end the process on Windows: go by age
                stale = time.time() - entry.stat().st_mtime > STALE_AGE
            if stale:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def _new_temp(directory: Path, name: str) -> Path:
    """A new, empty temporary file beside the target, created with the user's umask."""
    for _ in range(100):
        tmp = directory / f"{TEMP_PREFIX}{_tag(name)}-{os.getpid()}-{secrets.token_hex(3)}{TEMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no temporary name", str(directory))


def _resolve(path: Union[str, Path]) -> Path:
    """The file a save writes: a symbolic link's target (followed to the end), else ``path``."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def atomic_write_bytes(path: Union[str, Path], data: bytes, *, backup: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file (module docstring)."""
    target = _resolve(path)
    directory = target.parent if str(target.parent) else Path(".")
    clean_stale_temps(directory, target.name)
    try:
        old_mode: Optional[int] = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        old_mode = None
    tmp = _new_temp(directory, target.name)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old_mode is not None:
            os.chmod(tmp, old_mode)
        if backup and old_mode is not None:
            _keep_backup(target, directory)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)


def _keep_backup(target: Path, directory: Path) -> None:
    """Put the current version at ``<name>.bak`` by a rename: there is never a moment without one."""
    bak = target.with_name(target.name + ".bak")
    try:
        if os.path.samefile(target, bak):
            # A save killed between its two renames left the .bak as a second name of the
            # target.  It already holds this version; renaming a link of the same file onto
            # it would do nothing at all (POSIX) and leave the temporary name behind.
            return
    except OSError:
        pass
    try:
        tmp = _new_temp(directory, target.name)
    except OSError:
        return     # a backup that cannot be made must not stop the save itself
    try:
        os.unlink(tmp)
        try:
            os.link(target, tmp)          # a hard link: instant, the old bytes stay where they are
        except OSError:
            shutil.copy2(target, tmp)     # a file system without hard links
        os.replace(tmp, bak)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; MoveFileEx is durable enough
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
