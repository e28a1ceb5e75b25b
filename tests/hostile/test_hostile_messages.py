"""Hostile class 10, messages: every refusal names a file (or starts `briefgen:`), shows no
Python repr, `<input>` or site-packages path, and `check --format json` always writes JSON."""

from __future__ import annotations

import json
from pathlib import Path

from _hostile_run import ROOT, clean, refused, run_limited

EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"


def test_check_json_with_a_missing_source_is_valid_json(tmp_path: Path) -> None:
    done = run_limited(
        ["check", str(EXAMPLE), "--format", "json", "--source", "gone.txt"], tmp_path
    )
    assert done.returncode == 1, done.stderr
    clean(done.stdout + done.stderr)
    results = json.loads(done.stdout)
    errors = [d for r in results for d in r["diagnostics"] if d["severity"] == "error"]
    assert [(e["file"], e["message"]) for e in errors] == [
        ("gone.txt", "no such file; check the path")
    ]
    assert results[0]["ok"] is False


def test_messages_without_a_file_never_say_input(tmp_path: Path) -> None:
    half = run_limited(["build", str(EXAMPLE), "--roster", "r.yaml"], tmp_path)
    assert "--roster and --district go together" in refused(half, "briefgen")
    theme = run_limited(["build", str(EXAMPLE), "--theme", "no-such-theme"], tmp_path)
    # a theme name typed on the command line is a usage error (exit 2), naming the option
    listed = "the built-in themes are gongwen, gongwen-office, gov-blue, gov-blue-office, party-red"
    assert listed in refused(theme, "Error", code=2)


def test_a_picture_pillow_cannot_identify_shows_no_repr(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    (tmp_path / "o.yaml").write_text(
        "briefgen: 1\ntitle: 标题\nsections:\n  - title: 一\n    slides:\n"
        "      - title: 图\n        image: pic.png\n",
        encoding="utf-8",
    )
    message = refused(run_limited(["build", "o.yaml"], tmp_path), "o.yaml:7:16")
    assert "BytesIO" not in message and "pic.png" in message


def test_check_reports_what_build_would_find_when_filling_in(tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text(
        "briefgen: 1\ntitle: 标题\nsections:\n  - title: 一\n    slides:\n"
        "      - title: \"{{ [('a'*100000)]*100000 }}\"\n        points: [一]\n",
        encoding="utf-8",
    )
    for command in ("check", "build"):
        done = run_limited([command, "o.yaml"], tmp_path)
        assert "repeating text" in refused(done, r"o.yaml:6:\d+"), command
