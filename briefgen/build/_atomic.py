"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Maps (path, bytes) → a temp file in the target folder, fsync'd, then `os.replace`d onto the
path. On any failure the temp file is removed and whatever was at the path is left as it was.
The temp file is named `.NAME.PID-XXXXXXXX.tmp`; one that a killed writer left behind is removed
by the next write of the same path.
A path that exists and is not a regular file (a device such as /dev/full, a FIFO, a socket, a
folder) is refused, and a symbolic link is written through only to a regular file; an output
that is one of the build's own inputs is refused by `refuse_input_as_output`.
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
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from briefgen.errors import BuildError, Diagnostic

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


class UnsafeOutput(OSError):
    """An output path that must not be replaced: a device, FIFO, socket, folder or bad link."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def writable_target(path: Path) -> Path:
    """The file a write to `path` replaces: `path`, or the regular file its symlink names.

    Raises `UnsafeOutput` (an `OSError` whose `strerror` says what to do) when `path` exists
    and is not a regular file, or is a symbolic link to anything but a regular file.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(mode):
        try:
            target = path.resolve(strict=True)
            target_mode = os.stat(target).st_mode
        except (OSError, RuntimeError):
            raise UnsafeOutput(
                errno.ENOENT,
                f"{path} is a symbolic link that leads nowhere; remove it or choose another name",
            ) from None
        if not stat.S_ISREG(target_mode):
            raise UnsafeOutput(
                errno.EEXIST,
                f"{path} is a symbolic link to {_kind(target_mode)}, not to a file; "
                "choose another output name",
            )
        return target
    if not stat.S_ISREG(mode):
        raise UnsafeOutput(
            errno.EEXIST,
            f"{path} is {_kind(mode)}, not a file; choose an output file name such as deck.pptx",
        )
    return path


def _identity(path: Path) -> tuple[Path, tuple[int, int] | None]:
    """A file's resolved path and (device, inode), the inode None when it does not exist."""
    resolved = path.resolve()
    try:
        info = os.stat(resolved)
    except OSError:
        return resolved, None
    return resolved, (info.st_dev, info.st_ino)


def refuse_input_as_output(output: Path, inputs: Iterable[tuple[str, Path]]) -> None:
    """`BuildError` if `output` is one of the `(what, path)` inputs, by resolved path or inode.

    Hard links and symbolic links count as the same file: writing the deck there would destroy
    the outline, roster, theme or image it was built from.
    """
    out_path, out_id = _identity(output)
    for what, path in inputs:
        in_path, in_id = _identity(path)
        if in_path == out_path or (out_id is not None and in_id == out_id):
            raise BuildError(
                Diagnostic(
                    f"the output is the {what} {path} itself; writing the deck there would "
                    "destroy it. Choose another output name with -o (for example deck.pptx)",
                    file=str(output),
                )
            )


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
    path = writable_target(Path(path))
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


__all__ = [
    "MAX_NAME_BYTES",
    "TEMP_EXTRA_BYTES",
    "UnsafeOutput",
    "atomic_write_bytes",
    "refuse_input_as_output",
    "remove_stale_temps",
    "writable_target",
]
