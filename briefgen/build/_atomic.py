"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Maps (path, bytes) → a temp file `.NAME.PID-XXXXXXXX.tmp` in the target folder, fsync'd, then
`os.replace`d onto the path. On any failure the temp file is removed and whatever was at the
path is left as it was. A temp file left by a killed writer is removed by the next write of
the same path; an `OSError` of a write becomes a message that says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from briefgen.errors import Diagnostic

STARTED = time.time()
"""When this process (or the batch that forked it) started: temp files older than this are
not being written by it."""

MAX_NAME_BYTES = 255
"""Longest file name most file systems accept (ext4, NTFS, APFS), counted in UTF-8 bytes."""

TEMP_EXTRA_BYTES = len(".") + len(".") + 7 + len("-") + 8 + len(".tmp")
"""Bytes a temp file's name adds to the target's: `.NAME.PID-XXXXXXXX.tmp`, pid ≤ 7 digits."""


@cache
def _umask() -> int:
    """The process umask (read once: reading it means setting it, which is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _final_mode(path: Path) -> int:
    """The new file's permissions: those of the file it replaces, else 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp$")


def _alive(pid: int) -> bool:
    """True if a process `pid` runs (it may be another program's, after pid reuse); a zombie
    (killed, not yet reaped, as in containers without an init) is not running. On Windows
    `os.kill(pid, 0)` would send Ctrl-C to that process, so every writer counts as running."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat_line.rpartition(")")[2].split()[:1] != ["Z"]


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files of `path` that a killed write left behind; returns what was removed.

    Only names of our own pattern are touched, only if older than this build, and only if the
    process that wrote them is gone (a temp file of a write still running is left alone).
    """
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        match = _TEMP.match(candidate.name)
        if match is None or match["name"] != path.name:
            continue
        pid = int(match["pid"]) if match["pid"] else None
        if pid == os.getpid() or (pid is not None and _alive(pid)):
            continue
        try:
            if candidate.lstat().st_mtime >= STARTED or not candidate.is_file():
                continue
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    """`name` with the glob characters `*?[` made literal."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, creating parent folders as needed.

    The bytes go to a hidden temp file beside `path` (same file system, so the rename is
    atomic), which is flushed and fsync'd before `os.replace`. If anything fails, the temp file
    is deleted, an existing file at `path` is untouched, and the exception propagates.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _check_name_length(path)
    remove_stale_temps(path)
    mode = _final_mode(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=folder
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _check_name_length(path: Path) -> None:
    """Refuse a name whose temp file the file system would not take (ENAMETOOLONG)."""
    size = len(os.fsencode(path.name)) + TEMP_EXTRA_BYTES
    if size > MAX_NAME_BYTES:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))


_LOCKED = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY}
"""What a file open in PowerPoint or WPS looks like to a writer (sharing violations on Windows
are EACCES)."""


def write_failure(exc: OSError, path: Path, *, what: str) -> Diagnostic:
    """An `OSError` of writing `what` (e.g. "the deck") to `path` → a message saying what to do.

    Only errors that can mean a locked file mention PowerPoint and WPS.
    """
    code = exc.errno
    if code == errno.ENAMETOOLONG:
        size = len(os.fsencode(path.name))
        message = (
            f"cannot write {what}: its file name is {size} bytes long, and with the temporary "
            f"name used while writing it exceeds the {MAX_NAME_BYTES} bytes a file system "
            "allows; shorten the name (a Chinese character takes 3 bytes)"
        )
    elif code in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
        message = f"cannot write {what}: the disk is full; free some space and run again"
    elif code == errno.EROFS:
        message = f"cannot write {what}: the disk is read-only; choose another output folder"
    elif code in {errno.EISDIR, errno.ENOTDIR}:
        message = (
            f"cannot write {what}: a folder stands where the file should go (or a file where a "
            "folder should); move it away or choose another output path"
        )
    elif code in _LOCKED:
        message = (
            f"cannot write {what}: permission denied; is it open in PowerPoint or WPS? close "
            "it and run again (or check that you may write to this folder)"
        )
    else:
        message = f"cannot write {what}: {exc.strerror or type(exc).__name__}"
    return Diagnostic(message, file=str(path))


__all__ = [
    "MAX_NAME_BYTES",
    "TEMP_EXTRA_BYTES",
    "atomic_write_bytes",
    "remove_stale_temps",
    "write_failure",
]
