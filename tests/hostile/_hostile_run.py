"""Run the real CLI on a hostile input in a child process with hard limits on memory and time.

Maps (arguments, folder) → the finished process, run as `python -m briefgen …` under
`resource.setrlimit` (address space and CPU seconds) and a wall-clock timeout, so that a
regression that would exhaust memory or loop fails its test instead of hanging CI. `refused`
then checks what every refusal owes a trainer: exit 1, a message naming a file (with a
position where one exists), and none of a traceback, "internal error", a Python repr,
`<input>` or a site-packages path.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

MEMORY = 1 << 30
"""Address space of one case: 1 GiB (a whole build of the example needs about a fifth)."""

CPU_SECONDS = 20
"""CPU time of one case; the wall-clock timeout is three times this (the machine is shared)."""

ROOT = Path(__file__).resolve().parents[2]

_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>|<built-in |<function |<class '")


def _limit() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m briefgen ARGS` in `cwd` under the memory and CPU limits."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limit,
        timeout=3 * CPU_SECONDS,
        check=False,
    )


def clean(output: str) -> None:
    """No traceback, internal error, Python repr, `<input>` or site-packages path in `output`."""
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert "<input>" not in output, output
    assert "site-packages" not in output, output
    assert not _REPR.search(output), output


def refused(done: subprocess.CompletedProcess[str], where: str, *, code: int = 1) -> str:
    """Assert a clean refusal with a message at `where`; the lines found there.

    `where` is a regular expression for `FILE:LINE:COL` (or just `FILE` for files without
    positions), such as `o.yaml:9:\\d+`; a dot in a file name matching any character is
    harmless here.
    """
    output = done.stdout + done.stderr
    assert done.returncode == code, f"exit {done.returncode}:\n{output}"
    clean(output)
    starts = [line for line in done.stderr.splitlines() if re.match(f"(?:{where}): ", line)]
    assert starts, f"no message at {where}:\n{output}"
    return "\n".join(starts)
