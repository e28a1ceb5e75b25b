"""The shipped base package (render/base.zip) is what python-pptx's template gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pptx

from briefgen.render import base_bytes, load_base, make_base

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_base_matches_the_installed_python_pptx() -> None:
    shipped = load_base()
    fresh = make_base()
    assert shipped.pptx_version == pptx.__version__, (
        "python-pptx changed: run `python -m briefgen.render._base` and review the diff"
    )
    assert base_bytes(shipped) == base_bytes(fresh)


def test_base_has_a_notes_master_and_a_blank_layout() -> None:
    base = load_base()
    names = {name for name, _ in base.parts}
    assert "ppt/notesMasters/notesMaster1.xml" in names
    assert f"ppt/{base.layout.removeprefix('../')}" in names
    assert b'type="blank"' in dict(base.parts)[f"ppt/{base.layout.removeprefix('../')}"]


def test_a_build_does_not_import_python_pptx(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from briefgen.build._pipeline import build_file\n"
        f"build_file({str(ROOT / 'briefs' / 'wenzhou-2020-plenum.yaml')!r}, "
        f"__import__('pathlib').Path({str(tmp_path / 'deck.pptx')!r}))\n"
        "assert 'pptx' not in sys.modules, 'pptx was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    assert (tmp_path / "deck.pptx").stat().st_size > 10_000
