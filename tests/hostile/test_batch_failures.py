"""Batch never hides a failure: every roster entry ends built, unchanged or failed; any failure
(or a manifest that cannot be written) is exit 1 with a summary naming it. Each case runs the
real CLI under memory and CPU limits (see _bounded.py)."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from _bounded import assert_clean_failure, briefgen
from hypothesis import given
from hypothesis import strategies as st

from briefgen.build._atomic import MAX_NAME_BYTES, TEMP_EXTRA_BYTES
from briefgen.build._outputs import cannot_write
from briefgen.build._plan import split_names
from briefgen.districts import safe_file_stem

OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
organiser: "{{ organiser }}"
variables:
  organiser: 中共××区委宣传部
sections:
  - title: 学习贯彻
    slides:
      - title: "{{ district }}贯彻落实举措"
        points:
          - 谋划{{ district }}发展思路
"""


def _roster(folder: Path, *entries: str) -> None:
    (folder / "o.yaml").write_text(OUTLINE, encoding="utf-8")
    (folder / "r.yaml").write_text("districts:\n" + "".join(entries), encoding="utf-8")


def _manifest(folder: Path) -> list[dict[str, object]]:
    data = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    districts: list[dict[str, object]] = data["districts"]
    return districts


def test_an_unnamed_entry_labelled_like_a_district_is_counted_once(tmp_path: Path) -> None:
    _roster(
        tmp_path,
        "  - name: 鹿城区\n",
        "  - organiser: 无名\n",  # no name: labelled "entry 2"
        "  - name: entry 2\n",
    )
    run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    assert_clean_failure(run)
    counters = re.findall(r"\[\s*(\d+)/(\d+)\]", run.stderr)
    assert counters and all(int(done) <= int(total) == 3 for done, total in counters)
    assert "r.yaml:3:5: districts[2]: the entry has no 'name:'" in run.stderr
    assert "3 districts: 2 built, 0 unchanged, 1 failed" in run.stdout
    assert "failed: entry 2 (their errors are above" in run.stdout
    assert [(d["name"], d["status"]) for d in _manifest(tmp_path)] == [
        ("鹿城区", "ok"),
        ("entry 2", "failed"),
        ("entry 2", "ok"),
    ]
    assert {p.name for p in (tmp_path / "out").glob("*.pptx")} == {"鹿城区.pptx", "entry 2.pptx"}

    again = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", cwd=tmp_path)
    assert_clean_failure(again)
    assert "3 districts: 0 built, 2 unchanged, 1 failed" in again.stdout


def test_a_manifest_that_cannot_be_written_is_an_error_after_the_decks(tmp_path: Path) -> None:
    _roster(tmp_path, "  - name: 鹿城区\n", "  - name: 龙湾区\n")
    (tmp_path / "out" / "manifest.json").mkdir(parents=True)
    run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    assert_clean_failure(run)
    assert "2 districts: 2 built, 0 unchanged, 0 failed" in run.stdout  # the summary is printed
    assert "out/manifest.json: cannot write the manifest: " in run.stderr
    assert "is a folder, not a file" in run.stderr
    assert "PowerPoint" not in run.stderr
    assert {p.name for p in (tmp_path / "out").glob("*.pptx")} == {"鹿城区.pptx", "龙湾区.pptx"}
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_an_unreadable_manifest_is_a_warning_and_the_decks_are_rebuilt(tmp_path: Path) -> None:
    _roster(tmp_path, "  - name: 鹿城区\n")
    for broken in ("{not json", None):
        manifest = tmp_path / "out" / "manifest.json"
        manifest.parent.mkdir(exist_ok=True)
        if broken is None:  # a folder where the manifest should be: unreadable, unwritable
            manifest.unlink()
            manifest.mkdir()
        else:
            manifest.write_text(broken, encoding="utf-8")
        run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", cwd=tmp_path)
        assert "out/manifest.json: warning: the manifest cannot be read" in run.stderr
        assert "1 districts: 1 built" in run.stdout
        assert "Errno" not in run.output and "Traceback" not in run.output
    assert_clean_failure(run)  # the folder cannot be replaced by the manifest


def test_a_full_disk_is_named_as_such_and_a_locked_file_as_such(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    full_disk = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    [full] = cannot_write(full_disk, path, "manifest").diagnostics
    assert "the disk is full" in full.message and "PowerPoint" not in full.message
    denied = PermissionError(errno.EACCES, "denied")
    [locked] = cannot_write(denied, path, "deck", "PowerPoint or WPS").diagnostics
    assert "open in PowerPoint or WPS" in locked.message
    assert full.file == locked.file == str(path)


def test_long_names_are_counted_in_bytes_temp_file_included(tmp_path: Path) -> None:
    long_name = "鹿城区" * 40 + "党校"  # 122 characters, 366 bytes in UTF-8
    _roster(tmp_path, f"  - name: {long_name}\n", "  - name: 龙湾区\n")
    run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", cwd=tmp_path)
    assert run.code == 0, run.output
    [deck] = [p for p in (tmp_path / "out").glob("鹿城区*.pptx")]
    assert len(os.fsencode(deck.name)) + TEMP_EXTRA_BYTES <= MAX_NAME_BYTES

    too_long = "党" * 80 + ".pptx"  # 245 bytes: the file fits, its temp file does not
    district = ("--roster", "r.yaml", "--district", "龙湾区")
    run = briefgen("build", "o.yaml", *district, "-o", too_long, cwd=tmp_path)
    assert_clean_failure(run)
    assert "PowerPoint" not in run.stderr and "255 bytes a file system allows" in run.stderr
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("only", "built"),
    [
        (["鹿城、龙湾联合组"], ["鹿城、龙湾联合组"]),
        (["温州,瑞安"], ["温州,瑞安"]),
        (['"温州,瑞安"、洞头区'], ["温州,瑞安", "洞头区"]),
        (["洞头区，鹿城区"], ["洞头区", "鹿城区"]),
        (["洞头区", "鹿城区"], ["洞头区", "鹿城区"]),
    ],
)
def test_only_selects_names_containing_separators(
    tmp_path: Path, only: list[str], built: list[str]
) -> None:
    _roster(
        tmp_path,
        "  - name: 鹿城区\n",
        "  - name: 鹿城、龙湾联合组\n",
        '  - name: "温州,瑞安"\n',
        "  - name: 洞头区\n",
    )
    options = [arg for name in only for arg in ("--only", name)]
    run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", *options, cwd=tmp_path)
    assert run.code == 0, run.output
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.pptx")) == sorted(built)


def test_only_with_an_unknown_name_names_it(tmp_path: Path) -> None:
    _roster(tmp_path, "  - name: 鹿城区\n", "  - name: 龙湾区\n")
    run = briefgen("batch", "o.yaml", "--roster", "r.yaml", "--only", "鹿城区、瓯海", cwd=tmp_path)
    assert_clean_failure(run)
    assert "r.yaml: no district named '瓯海' in the roster" in run.stderr


@given(st.text(min_size=1, max_size=400))
def test_every_deck_name_and_its_temp_file_fit_in_255_bytes(name: str) -> None:
    stem = safe_file_stem(name)
    assert len(os.fsencode(stem + ".pptx")) + TEMP_EXTRA_BYTES <= MAX_NAME_BYTES


_NAME = st.text(st.characters(blacklist_characters="\"'“”「」‘’,，、"), min_size=1, max_size=8)


@given(st.lists(_NAME.filter(lambda n: n.strip() == n and n.strip()), min_size=1, max_size=5))
def test_quoted_names_survive_the_split_whatever_they_contain(names: list[str]) -> None:
    tricky = [f"{name}、{name},x" for name in names]
    typed = "、".join(f'"{name}"' for name in tricky)
    assert split_names(typed) == tricky
