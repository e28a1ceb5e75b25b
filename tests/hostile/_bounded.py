"""Run the real `briefgen` command in a subprocess under hard limits on memory and CPU time.

Maps (arguments, folder) → a `Run` (exit code, stdout, stderr). The child process gets
`RLIMIT_AS` and `RLIMIT_CPU` before it starts, and the parent waits at most WALL seconds, so
a regression that loops or eats memory fails its test instead of hanging CI.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY = 1 << 30
"""Address space of one briefgen run (1 GiB): a build of the example deck needs ~150 MB."""

CPU_SECONDS = 20
WALL_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Run:
    """One finished briefgen process: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout and stderr together."""
        return self.stdout + self.stderr


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def briefgen(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `python -m briefgen ARGS…` in `cwd` under the limits above."""
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=_limit,
        timeout=WALL_SECONDS,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
    )
    return Run(done.returncode, done.stdout, done.stderr)


def start(*args: str | Path, cwd: Path) -> subprocess.Popen[str]:
    """Start `python -m briefgen ARGS…` under the limits above, in a session of its own (so a
    test can signal it and its workers as a terminal's Ctrl-C would)."""
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit,
        start_new_session=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )


def live_processes(session: int) -> list[int]:
    """Pids of the running (not zombie) processes of a session (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            found.append(int(entry.name))
    return found


def assert_clean_failure(run: Run, *, code: int = 1) -> None:
    """Exit `code`, and no traceback, internal error, Python repr or site-packages path."""
    assert run.code == code, run.output
    for bad in ("Traceback", "internal error", "site-packages", "<input>", "Error(", "Errno"):
        assert bad not in run.output, run.output
