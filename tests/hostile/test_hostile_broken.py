"""The broken outlines of tests/broken/, checked together in one child process under the
memory and CPU limits: each is refused at the position its `# expect:` line names."""

from __future__ import annotations

import re
from pathlib import Path

from _hostile_run import ROOT, clean, run_limited

BROKEN = ROOT / "tests" / "broken"
EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.+)\n")


def test_every_broken_outline_is_refused_within_limits(tmp_path: Path) -> None:
    files = sorted(BROKEN.glob("*.yaml"))
    assert len(files) >= 15
    done = run_limited(["check", *(str(f) for f in files)], tmp_path)
    assert done.returncode == 1, done.stderr
    clean(done.stdout + done.stderr)
    for path in files:
        match = EXPECT.match(path.read_bytes())
        assert match, path.name
        prefix = f"{path}:{int(match[1])}:{int(match[2])}: "
        lines = [line for line in done.stderr.splitlines() if line.startswith(prefix)]
        assert any(match[3].decode() in line for line in lines), (path.name, done.stderr)
