"""`briefgen batch`: decks per district, read back; failures isolated; incremental; reproducible."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from briefgen.build import Progress, file_sha256, run_batch
from briefgen.cli import app
from briefgen.errors import RosterError

REPO = Path(__file__).resolve().parents[1]
PLENUM = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
DISTRICTS = REPO / "briefs" / "wenzhou-districts.yaml"

OUTLINE = """\
briefgen: 1
dividers: always  # the positions asserted below count the divider slides
title: 学习贯彻全会精神
organiser: "{{ organiser }}"
presenter: "{{ presenter }}"
place: "{{ place }}"
date: 二〇二〇年十二月
variables:
  organiser: 中共××区委宣传部
  presenter: ×××
  place: 党校报告厅
sections:
  - title: 会议概况
    slides:
      - title: 基本情况
        points:
          - 会议举行
          - 全会审议通过建议
  - title: 学习贯彻
    slides:
      - title: "{{ district }}贯彻落实举措"
        points:
          - 谋划{{ district }}发展思路
"""

ROSTER = """\
districts:
  - name: 鹿城区
    organiser: 中共鹿城区委宣传部
    presenter: 张三
    place: 鹿城党校
  - name: 龙湾区
    organiser: 中共龙湾区委宣传部
    presenter: 李四
    place: 龙湾党校
    extra:
      - section: 学习贯彻
        slides:
          - title: 龙湾专页
            points: [龙湾的举措]
  - name: 瓯海区
    organiser: 中共瓯海区委宣传部
    presenter: 王五
    place: 瓯海党校
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def slide_texts(path: Path) -> list[str]:
    """Every slide's text (shapes joined by newlines), read back with python-pptx."""
    deck = Presentation(str(path))
    return [
        "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in deck.slides
    ]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    return (
        write(tmp_path, "outline.yaml", OUTLINE),
        write(tmp_path, "roster.yaml", ROSTER),
        tmp_path / "out",
    )


def test_every_shipped_district_gets_a_deck_with_its_own_cover(tmp_path: Path) -> None:
    out = tmp_path / "decks"
    runner = CliRunner()
    result = runner.invoke(
        app, ["batch", str(PLENUM), "--roster", str(DISTRICTS), "-o", str(out), "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    roster = [d for d in _shipped_roster()]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{name}.pptx" for name, _ in roster] + ["manifest.json"]
    )
    for name, fields in roster:
        texts = slide_texts(out / f"{name}.pptx")
        cover = texts[0]
        for key in ("presenter", "place", "organiser", "date"):
            assert fields[key] in cover, (name, key)
        assert "{{" not in "".join(texts)
        assert f"{name}贯彻落实举措" in "".join(texts)
    assert "12 built, 0 unchanged, 0 failed" in result.stdout
    again = runner.invoke(app, ["batch", str(PLENUM), "--roster", str(DISTRICTS), "-o", str(out)])
    assert again.exit_code == 0
    assert "nothing to do: all 12 decks" in again.stdout


def _shipped_roster() -> list[tuple[str, dict[str, str]]]:
    from briefgen.districts import load_roster

    return [(d.name, d.variables) for d in load_roster(DISTRICTS).districts]


def test_extra_slides_land_in_their_section_and_only_in_their_deck(
    files: tuple[Path, Path, Path],
) -> None:
    outline, roster, out = files
    result = run_batch(outline, roster, out, jobs=2)
    assert not result.failed
    longwan = slide_texts(out / "龙湾区.pptx")
    titles = [t for t in longwan if "龙湾专页" in t]
    assert len(titles) == 1 and "学习贯彻" in titles[0]
    index = longwan.index(titles[0])
    assert "龙湾区贯彻落实举措" in longwan[index - 1]
    for other in ("鹿城区", "瓯海区"):
        assert not any("龙湾专页" in t for t in slide_texts(out / f"{other}.pptx"))
    assert [r.slides for r in result.results] == [7, 8, 7]


def test_a_broken_entry_fails_alone_and_the_others_are_written(tmp_path: Path) -> None:
    outline = write(tmp_path, "outline.yaml", OUTLINE.replace("  presenter: ×××\n", ""))
    roster = write(
        tmp_path,
        "roster.yaml",
        ROSTER
        + """\
  - name: 洞头区
    presenter: 赵六
    extra:
      - section: 没有这一章
        slides:
          - title: 洞头专页
            points: [x]
  - name: 瑞安市
    extra:
      - section: 学习贯彻
        slides:
          - title: 两种内容
            points: [a]
            quote: b
  - name: 乐清市
""",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(outline), "--roster", str(roster), "-o", str(out)]
    )
    assert result.exit_code == 1
    built = sorted(p.name for p in out.glob("*.pptx"))
    assert built == ["瓯海区.pptx", "鹿城区.pptx", "龙湾区.pptx"]
    lines = roster.read_text(encoding="utf-8").splitlines()
    section_line = next(i for i, t in enumerate(lines, 1) if "没有这一章" in t)
    assert f"{roster}:{section_line}:" in result.stderr
    assert (
        "district 洞头区: the outline" in result.stderr
        and "has no section '没有这一章'" in result.stderr
    )
    assert "one kind of content" in result.stderr
    presenter_line = next(
        i for i, t in enumerate(OUTLINE.splitlines(), 1) if "{{ presenter }}" in t
    )
    column = OUTLINE.splitlines()[presenter_line - 1].index("{{") + 1
    assert (
        f"{outline}:{presenter_line}:{column}: presenter: {{{{ presenter }}}} is not defined for "
        f"district 乐清市 ({roster}:" in result.stderr
    )
    assert "Traceback" not in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {d["name"]: d["status"] for d in manifest["districts"]}
    assert status == {
        "鹿城区": "ok", "龙湾区": "ok", "瓯海区": "ok",
        "洞头区": "failed", "瑞安市": "failed", "乐清市": "failed",
    }  # fmt: skip
    for line in ("洞头区", "瑞安市", "乐清市"):
        assert any(line in row and "failed" in row for row in result.stdout.splitlines())


def test_incremental_builds_only_what_changed(files: tuple[Path, Path, Path]) -> None:
    outline, roster, out = files
    first = run_batch(outline, roster, out, jobs=2)
    assert [r.status for r in first.results] == ["built"] * 3
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pptx")}
    second = run_batch(outline, roster, out, jobs=2)
    assert [r.status for r in second.results] == ["unchanged"] * 3
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pptx")} == stamps
    roster.write_text(roster.read_text(encoding="utf-8").replace("李四", "李四四"), "utf-8")
    third = run_batch(outline, roster, out, jobs=2)
    assert [r.status for r in third.results] == ["unchanged", "built", "unchanged"]
    assert "李四四" in slide_texts(out / "龙湾区.pptx")[0]
    (out / "鹿城区.pptx").unlink()
    (out / "瓯海区.pptx").write_bytes(b"edited by hand")
    fourth = run_batch(outline, roster, out, jobs=2)
    assert [r.status for r in fourth.results] == ["built", "unchanged", "built"]
    forced = run_batch(outline, roster, out, jobs=2, force=True)
    assert [r.status for r in forced.results] == ["built"] * 3
    outline.write_text(outline.read_text(encoding="utf-8").replace("会议举行", "会议召开"), "utf-8")
    assert [r.status for r in run_batch(outline, roster, out).results] == ["built"] * 3


def test_only_builds_the_named_districts_and_keeps_the_others_in_the_manifest(
    files: tuple[Path, Path, Path],
) -> None:
    outline, roster, out = files
    run_batch(outline, roster, out, jobs=1)
    result = run_batch(outline, roster, out, only=["瓯海区"], force=True)
    assert [(r.name, r.status) for r in result.results] == [("瓯海区", "built")]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in manifest["districts"]] == ["鹿城区", "龙湾区", "瓯海区"]
    with pytest.raises(RosterError, match="did you mean '瓯海区'"):
        run_batch(outline, roster, out, only=["瓯海"])


def test_manifest_records_files_hashes_slides_and_inputs(files: tuple[Path, Path, Path]) -> None:
    outline, roster, out = files
    run_batch(outline, roster, out, jobs=2)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["briefgen-manifest"] == 2 and manifest["theme"] == "party-red"
    for entry in manifest["districts"]:
        assert entry["status"] == "ok"
        [deck] = entry["outputs"]  # one hash per output file; the deck is the only one today
        assert deck["file"] == f"{entry['name']}.pptx"
        assert deck["sha256"] == file_sha256(out / deck["file"])
        assert entry["slides"] == len(slide_texts(out / deck["file"]))
        assert len(entry["inputs"]) == 64 and entry["warnings"] == []
    assert len({e["inputs"] for e in manifest["districts"]}) == 3


def test_a_format_1_manifest_is_read_and_its_decks_are_rebuilt_when_selected(
    files: tuple[Path, Path, Path],
) -> None:
    outline, roster, out = files
    run_batch(outline, roster, out, jobs=1)
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for entry in manifest["districts"]:  # as briefgen wrote it before outputs were listed
        [deck] = entry.pop("outputs")
        entry["file"], entry["sha256"] = deck["file"], deck["sha256"]
    path.write_text(json.dumps({**manifest, "briefgen-manifest": 1}), encoding="utf-8")
    old = {e["name"]: e["sha256"] for e in manifest["districts"]}

    only = run_batch(outline, roster, out, only=["瓯海区"])
    assert only.warnings == () and [r.status for r in only.results] == ["built"]
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["briefgen-manifest"] == 2
    kept = {e["name"]: e["outputs"] for e in rewritten["districts"]}
    assert kept["鹿城区"] == [{"file": "鹿城区.pptx", "sha256": old["鹿城区"]}]
    assert kept["龙湾区"] == [{"file": "龙湾区.pptx", "sha256": old["龙湾区"]}]
    again = run_batch(outline, roster, out)
    assert [r.status for r in again.results] == ["built", "built", "unchanged"]
    assert [r.status for r in run_batch(outline, roster, out).results] == ["unchanged"] * 3


def test_rebuilds_are_byte_identical_in_parallel_or_not(
    files: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    outline, roster, out = files
    run_batch(outline, roster, out / "a", jobs=2)
    run_batch(outline, roster, out / "b", jobs=1)
    for name in ("鹿城区.pptx", "龙湾区.pptx", "瓯海区.pptx"):
        assert (out / "a" / name).read_bytes() == (out / "b" / name).read_bytes()
    assert (out / "a" / "manifest.json").read_bytes() == (out / "b" / "manifest.json").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    again = run_batch(outline, roster, out / "a", jobs=2)
    assert [r.status for r in again.results] == ["built"] * 3  # the dates in the decks change
    first = (out / "a" / "鹿城区.pptx").read_bytes()
    run_batch(outline, roster, out / "a", jobs=2, force=True)
    assert (out / "a" / "鹿城区.pptx").read_bytes() == first
    created = Presentation(str(out / "a" / "鹿城区.pptx")).core_properties.created
    assert created is not None and created.year == 2020 and created.month == 9


def test_hostile_names_stay_inside_the_output_folder(tmp_path: Path) -> None:
    outline = write(tmp_path, "outline.yaml", OUTLINE)
    roster = write(
        tmp_path,
        "roster.yaml",
        'districts:\n  - name: "../../x"\n  - name: "a/b"\n  - name: "CON"\n  - name: ".hidden"\n',
    )
    out = tmp_path / "deep" / "out"
    result = run_batch(outline, roster, out)
    assert not result.failed
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["x.pptx", "a b.pptx", "_CON.pptx", "hidden.pptx", "manifest.json"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "outline.yaml", "roster.yaml"]
    assert "谋划../../x发展思路" in "".join(slide_texts(out / "x.pptx"))


def test_names_differing_only_in_whitespace_stop_the_batch_before_anything_is_built(
    tmp_path: Path,
) -> None:
    outline = write(tmp_path, "outline.yaml", OUTLINE)
    roster = write(tmp_path, "roster.yaml", 'districts:\n  - name: 鹿城区\n  - name: "鹿城 区"\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(outline), "--roster", str(roster), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert f"{roster}:3:5:" in result.stderr and "rename one" in result.stderr
    assert not out.exists()


def test_a_gb18030_csv_roster_builds(tmp_path: Path) -> None:
    outline = write(tmp_path, "outline.yaml", OUTLINE)
    roster = tmp_path / "名单.csv"
    roster.write_bytes(
        "name,presenter,place\r\n鹿城区,张三,鹿城党校\r\n瓯海区,王五,瓯海党校\r\n".encode("gb18030")
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(outline), "--roster", str(roster), "-o", str(out), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "GB18030" in result.stderr
    cover = slide_texts(out / "瓯海区.pptx")[0]
    assert "王五" in cover and "瓯海党校" in cover


def test_progress_reports_every_district_once_in_order_of_completion(
    files: tuple[Path, Path, Path],
) -> None:
    outline, roster, out = files
    events: list[Progress] = []
    run_batch(outline, roster, out, jobs=2, on_progress=events.append)
    assert events[0].done == 0 and events[0].result is None
    assert [e.done for e in events[1:]] == [1, 2, 3] and {e.total for e in events} == {3}
    assert sorted(e.result.name for e in events[1:] if e.result) == ["瓯海区", "鹿城区", "龙湾区"]
    events.clear()
    run_batch(outline, roster, out, jobs=2, on_progress=events.append)
    assert [e.result.status for e in events[1:] if e.result] == ["unchanged"] * 3


def test_build_one_district_from_the_roster(files: tuple[Path, Path, Path]) -> None:
    outline, roster, out = files
    target = out / "one.pptx"
    result = CliRunner().invoke(
        app,
        ["build", str(outline), "--roster", str(roster), "--district", "龙湾区", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    texts = slide_texts(target)
    assert "李四" in texts[0] and any("龙湾专页" in t for t in texts)
    run_batch(outline, roster, out / "batch", jobs=2)
    assert target.read_bytes() == (out / "batch" / "龙湾区.pptx").read_bytes()
    missing = CliRunner().invoke(
        app,
        ["build", str(outline), "--roster", str(roster), "--district", "龙湾", "-o", str(target)],
    )
    assert missing.exit_code == 1 and "did you mean '龙湾区'" in missing.stderr


def test_progress_view_draws_a_bar_on_a_terminal_and_lines_otherwise(
    files: tuple[Path, Path, Path],
) -> None:
    import io

    from briefgen.render.batch_view import BatchView, closing_line, summary_table

    outline, roster, out = files
    events: list[Progress] = []
    result = run_batch(outline, roster, out, jobs=1, on_progress=events.append)
    bar = io.StringIO()
    view = BatchView(tty=True, stream=bar)
    for event in events:
        view(event)
    view.close()
    assert "3/3" in bar.getvalue() and events[-1].result is not None
    assert events[-1].result.name in bar.getvalue()
    plain = io.StringIO()
    view = BatchView(tty=False, stream=plain)
    for event in events:
        view(event)
    view.close()
    lines = plain.getvalue().splitlines()
    assert len(lines) == 3 and lines[0].startswith("[1/3] built")
    assert closing_line(result).startswith("3 districts: 3 built, 0 unchanged, 0 failed")
    assert summary_table(result).row_count == 3


def test_a_run_with_nothing_to_build_draws_no_bar_and_prints_without_rich(
    files: tuple[Path, Path, Path],
) -> None:
    """Every deck up to date: the first event says nothing will be built, so no bar is
    started on a terminal, and the whole run (summary included) never imports Rich. The
    command runs outside the checkout, so it imports the briefgen this test does (installed or
    editable) and agrees with it on the code's fingerprint."""
    import io
    import subprocess
    import sys

    from briefgen.render.batch_view import BatchView

    outline, roster, out = files
    run_batch(outline, roster, out, jobs=1)
    events: list[Progress] = []
    run_batch(outline, roster, out, jobs=1, on_progress=events.append)
    assert events[0].result is None and events[0].building == 0
    assert [e.result.status for e in events[1:] if e.result] == ["unchanged"] * 3
    screen = io.StringIO()
    view = BatchView(tty=True, stream=screen)
    for event in events:
        view(event)
    assert view._progress is None and screen.getvalue() == ""
    view.close()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", "batch", str(outline),
         "--roster", str(roster), "-o", str(out), "-j", "1"],
        capture_output=True, text=True, check=False, cwd=out.parent,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("nothing to do: all 3 decks")
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "briefgen.districts._entries" in imported  # the measurement sees the batch
    assert not [name for name in imported if name.split(".")[0] == "rich"]
    # the check can fail: a run that builds draws its summary table with Rich
    (out / "鹿城区.pptx").unlink()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", "batch", str(outline),
         "--roster", str(roster), "-o", str(out), "-j", "1"],
        capture_output=True, text=True, check=False, cwd=out.parent,
    )  # fmt: skip
    assert proc.returncode == 0 and "1 built" in proc.stdout
    assert "rich" in {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_each_district_is_expanded_once_per_build_and_not_at_all_when_unchanged(
    files: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.districts
    from briefgen.districts import _expand

    real = _expand.expand
    expanded: list[str | None] = []

    def counting(loaded: Any, district: Any = None) -> Any:
        expanded.append(district.name if district is not None else None)
        return real(loaded, district)

    # Both names: the package's (what the pipeline calls) and the module's (expand_outline's).
    monkeypatch.setattr(briefgen.districts, "expand", counting)
    monkeypatch.setattr(_expand, "expand", counting)
    outline, roster, out = files
    first = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in first.results] == ["built"] * 3
    assert sorted(expanded) == sorted(["鹿城区", "龙湾区", "瓯海区"])  # once each, not twice
    expanded.clear()
    second = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in second.results] == ["unchanged"] * 3
    assert expanded == []


def test_an_image_change_rebuilds_only_the_decks_that_show_it(tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "img" / "map.png"
    picture.parent.mkdir()
    Image.new("RGB", (40, 20), "#A40000").save(picture)
    text = OUTLINE + (
        "      - title: 区划图\n"
        "        only: [龙湾区]\n"
        "        image:\n"
        "          path: img/map.png\n"
        "          caption: 行政区划\n"
    )
    outline = write(tmp_path, "outline.yaml", text)
    roster = write(tmp_path, "roster.yaml", ROSTER)
    out = tmp_path / "out"
    first = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in first.results] == ["built"] * 3
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    images = {d["name"]: d["images"] for d in manifest["districts"]}
    assert images == {"鹿城区": {}, "龙湾区": {"img/map.png": file_sha256(picture)}, "瓯海区": {}}
    Image.new("RGB", (40, 20), "#123456").save(picture)
    second = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in second.results] == ["unchanged", "built", "unchanged"]
    third = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in third.results] == ["unchanged"] * 3
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    del manifest["districts"][1]["images"]  # the images cannot be checked: rebuild
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    fourth = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in fourth.results] == ["unchanged", "built", "unchanged"]
