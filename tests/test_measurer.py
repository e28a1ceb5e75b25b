"""Tests for the measurers keyed by face (briefgen.layout._measurer) and font files (_fonts).

The table measurer must give today's widths exactly; a face that is not installed must fall
back to it; the font measurer's widths follow LibreOffice's script runs (autospace, kerning,
locl, ligatures); font metrics survive the cache; fontTools is never imported before a font
file has to be read. Tests that read the Noto CJK fonts skip when they are not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.layout import _fonts
from briefgen.layout._fonts import FontFile, FontMetrics, find_family, metrics_for, pick
from briefgen.layout._linebreak import balanced_lines, break_lines, lines_needed
from briefgen.layout._measure import (
    AUTOSPACE,
    _prefix_widths,
    line_starts,
    resolved_scripts,
    script_type,
    text_width,
)
from briefgen.layout._measurer import (
    TABLES,
    FontMeasurer,
    Measurer,
    measurer_for,
    measurer_for_theme,
)
from briefgen.theme._theme import Face, load_theme

REPO = Path(__file__).resolve().parents[1]
NOTO_SANS = Face(latin="Noto Sans CJK SC", ea="Noto Sans CJK SC")
NOTO_SERIF = Face(latin="Noto Serif CJK SC", ea="Noto Serif CJK SC")
NOT_INSTALLED = Face(latin="Briefgen Missing Sans", ea="不存在的字体")

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》【】…—·\u3000\n")
_ANY = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(st.one_of(_CJK, _ASCII, _PUNCT, _ANY), max_size=40)


def installed(face: Face) -> Measurer:
    """The measurer of a face, or skip when its font files are not installed."""
    measurer = measurer_for(face)
    if measurer.source != "font files":
        pytest.skip(f"{face.ea} is not installed (fonts-noto-cjk)")
    return measurer


# ------------------------------------------------------------------ tables and fallback


@given(TEXT)
def test_table_measurer_gives_todays_widths(text: str) -> None:
    assert TABLES.em(text) == pytest.approx(text_width(text))
    assert TABLES.em(text, bold=True) == pytest.approx(text_width(text))
    assert TABLES.prefix_widths(text) == pytest.approx(_prefix_widths(text))
    assert TABLES.line_starts(text) == pytest.approx(line_starts(text))
    assert TABLES.width(text, 24) == pytest.approx(24 * text_width(text))


@given(TEXT, st.booleans())
def test_a_face_that_is_not_installed_falls_back_to_the_tables(text: str, bold: bool) -> None:
    measurer = measurer_for(NOT_INSTALLED)
    assert measurer.source == "tables"
    assert measurer.width(text, 20, bold=bold) == pytest.approx(20 * text_width(text))
    assert measurer.line_starts(text, bold=bold) == pytest.approx(line_starts(text))


def test_one_measurer_per_face() -> None:
    theme = load_theme("party-red")
    assert measurer_for(NOTO_SANS) is measurer_for(
        Face(latin="Noto Sans CJK SC", ea="Noto Sans CJK SC")
    )
    assert measurer_for_theme(theme, "sans") is measurer_for(theme.face("sans"))
    assert measurer_for_theme(theme, "serif") is measurer_for_theme(theme, "quote")
    assert measurer_for(NOTO_SANS) is not measurer_for(NOTO_SERIF)
    assert isinstance(measurer_for(NOT_INSTALLED), FontMeasurer)


def test_office_faces_are_not_found_on_a_machine_without_them() -> None:
    office = load_theme("party-red-office")
    for role in ("sans", "serif", "quote"):
        face = office.face(role)
        if not find_family(face.ea) and not find_family(face.latin):
            assert measurer_for(face).em("2020年，中国") == pytest.approx(
                text_width("2020年，中国")
            )


# ------------------------------------------------------------------ script runs


@pytest.mark.parametrize(
    ("ch", "kind"),
    [("中", 2), ("，", 2), ("。", 2), ("１", 2), ("あ", 2), ("\u3000", 2), ("𠀀", 2),
     ("a", 1), ("Z", 1), ("7", 1), ("%", 1), (".", 1), ("(", 1), ("·", 1), ("é", 1), ("Ж", 1),
     (" ", 0), ("\n", 0), ("“", 0), ("”", 0), ("…", 0), ("—", 0), ("①", 0), ("●", 0),
     ("\u200b", 0), ("\u0301", 0), ("\u00a0", 0), ("\u2003", 0)],
)  # fmt: skip
def test_script_types_follow_libreoffice(ch: str, kind: int) -> None:
    assert script_type(ch) == kind


@given(TEXT)
def test_weak_characters_take_the_script_before_them(text: str) -> None:
    scripts = resolved_scripts(text)
    assert len(scripts) == len(text) and set(scripts) <= {1, 2}
    for i, ch in enumerate(text):
        if ch == "\n":
            assert scripts[i] == 1
        elif script_type(ch):
            assert scripts[i] == script_type(ch)
        else:
            assert scripts[i] == (scripts[i - 1] if i and text[i - 1] != "\n" else 1)


# ------------------------------------------------------------------ real fonts


def test_noto_widths_from_the_font_file() -> None:
    sans = installed(NOTO_SANS)
    assert sans.em("中国共产党") == pytest.approx(5.0)
    assert sans.em("，。、（）《》") == pytest.approx(7.0)
    assert 0.5 < sans.em("A") < 0.7 and sans.em("i") < sans.em("m")
    assert sans.em("1") == pytest.approx(sans.em("0"))
    assert sans.width("中国", 24) == pytest.approx(48.0)


def test_autospace_where_asian_and_latin_runs_meet() -> None:
    sans = installed(NOTO_SANS)
    x, han = sans.em("x"), sans.em("中")
    assert sans.em("中x中") == pytest.approx(2 * han + x + 2 * AUTOSPACE)
    # ASCII punctuation and · are Latin in LibreOffice: 中%中 gets two junctions too
    assert sans.em("中%中") == pytest.approx(2 * han + sans.em("%") + 2 * AUTOSPACE)
    # a space or a quote takes the script before it: one junction, not two
    assert sans.em("中 x") == pytest.approx(han + sans.em(" ") + x + AUTOSPACE)
    assert sans.em("中“中”中") == pytest.approx(5 * han)
    # a leading quote is Western: set by the Latin font, then a junction before 中
    assert sans.em("“中") == pytest.approx(sans.em("“") + han + AUTOSPACE)


def test_kerning_and_ligatures_inside_latin_runs() -> None:
    sans = installed(NOTO_SANS)
    assert sans.em("AV") < sans.em("A") + sans.em("V")
    assert sans.em("To") < sans.em("T") + sans.em("o")
    serif = installed(NOTO_SERIF)
    assert serif.em("office") < sum(serif.em(c) for c in "office")  # the ffi ligature


def test_bold_is_wider_than_regular() -> None:
    sans = installed(NOTO_SANS)
    assert sans.em("Wenzhou 2020", bold=True) > sans.em("Wenzhou 2020")
    assert sans.em("中国", bold=True) == pytest.approx(2.0)


@given(TEXT)
def test_font_measures_are_consistent(text: str) -> None:
    sans = installed(NOTO_SANS)
    prefix = sans.prefix_widths(text)
    starts = sans.line_starts(text)
    assert len(prefix) == len(starts) == len(text) + 1
    assert prefix[0] == 0.0 and prefix[-1] == pytest.approx(sans.em(text))
    assert starts[-1] == pytest.approx(prefix[-1])
    assert sans.width(text, 18) == pytest.approx(18 * sans.em(text))
    for i in range(1, len(text)):  # a junction is autospace, kerning or a ligature's change
        assert -0.25 <= starts[i] - prefix[i] <= AUTOSPACE + 1e-9


# ------------------------------------------------------------------ a font made here


def make_font(path: Path, family: str = "Briefgen Test Sans") -> Path:
    """A tiny TrueType font with known advances, kerning, a ligature and a Chinese locl."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((400, 500))
    pen.closePath()
    advances = {".notdef": 500, "A": 600, "V": 600, "f": 300, "i": 250, "f_i": 500,
                "one": 550, "uni4E2D": 1000, "emdash": 900, "emdash.locl": 1000}  # fmt: skip
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(list(advances))
    builder.setupCharacterMap({0x41: "A", 0x56: "V", 0x66: "f", 0x69: "i", 0x31: "one",
                               0x4E2D: "uni4E2D", 0x2014: "emdash"})  # fmt: skip
    builder.setupGlyf({name: pen.glyph() for name in advances})
    builder.setupHorizontalMetrics({name: (a, 0) for name, a in advances.items()})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    builder.addOpenTypeFeatures(
        "languagesystem DFLT dflt; languagesystem latn dflt;\n"
        "languagesystem hani dflt; languagesystem hani ZHS;\n"
        "feature kern { pos A V -80; } kern;\n"
        "feature liga { sub f i by f_i; } liga;\n"
        "feature locl { script hani; language ZHS exclude_dflt; sub emdash by emdash.locl; } locl;\n"
    )
    builder.save(str(path))
    return path


def test_read_metrics_of_a_known_font(tmp_path: Path) -> None:
    metrics = _fonts.read_metrics(str(make_font(tmp_path / "test.ttf")))
    assert [metrics.advance(ord(c)) for c in "1AVfi中—"] == [0.55, 0.6, 0.6, 0.3, 0.25, 1.0, 0.9]
    assert metrics.advance(ord("B")) is None
    assert metrics.kern == {"AV": -0.08}
    assert metrics.ligatures == {"fi": -0.05}
    assert metrics.asian == {0x2014: 1.0} and metrics.latin == {}


def test_font_measurer_on_a_known_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = FontFile(str(make_font(tmp_path / "test.ttf")), 0, 80)
    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", "off")
    monkeypatch.setattr(_fonts, "find_family", lambda family: (font,) if "Test" in family else ())
    monkeypatch.setattr(_fonts, "metrics_for", metrics_for.__wrapped__)
    measurer = FontMeasurer("Briefgen Test Sans", "Briefgen Test Sans")
    assert measurer.source == "font files"
    assert measurer.em("AV") == pytest.approx(1.2 - 0.08)  # kerning
    assert measurer.em("fi") == pytest.approx(0.5)  # the ligature's advance
    assert measurer.em("中—") == pytest.approx(2.0)  # locl in a Chinese run
    assert measurer.em("—") == pytest.approx(0.9)  # a leading weak character is Western
    assert measurer.em("中1中") == pytest.approx(2.55 + 2 * AUTOSPACE)
    assert measurer.em("1—") == pytest.approx(1.45)  # digits only: no locl
    assert measurer.em("AB") == pytest.approx(0.6 + text_width("B"))  # B is not in the font
    assert measurer.width("AV", 20, bold=True) == pytest.approx(20 * 1.12)  # no bold: regular
    assert measurer.line_starts("中1") == pytest.approx([0.0, 1.0 + AUTOSPACE, 1.55 + AUTOSPACE])


# ------------------------------------------------------------------ fonts and the cache


def test_find_family_finds_noto_and_nothing_for_a_missing_family() -> None:
    assert find_family("Briefgen Missing Sans") == ()
    assert find_family("") == ()
    files = find_family("Noto Sans CJK SC")
    if not files:
        pytest.skip("fonts-noto-cjk not installed")
    assert all(Path(f.path).is_file() for f in files)
    regular, bold = pick(files, bold=False), pick(files, bold=True)
    assert regular is not None and bold is not None and regular.weight < bold.weight


def test_find_family_without_fontconfig_scans_the_font_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts" / "sub"
    fonts.mkdir(parents=True)
    font = make_font(fonts / "scan.ttf", family="Briefgen Scan Sans")
    (fonts / "notes.txt").write_text("not a font")
    (fonts / "broken.otf").write_bytes(b"OTTO broken")
    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_fonts.shutil, "which", lambda name: None)  # no fc-list
    monkeypatch.setattr(_fonts, "_scan_folders", lambda: [str(tmp_path / "fonts")])
    monkeypatch.setattr(_fonts, "fontconfig_stamp", lambda: [["fonts", 1]])
    find = find_family.__wrapped__
    assert find("briefgen scan sans") == (FontFile(str(font), 0, 80),)
    assert find("Noto Sans CJK SC") == ()
    assert (tmp_path / "cache" / "scan.json").is_file()
    assert _fonts._scan_font_folders(limit=0) == {}


def test_faces_of_a_font_file(tmp_path: Path) -> None:
    from briefgen.layout._fontread import faces_of

    assert faces_of(str(make_font(tmp_path / "a.ttf"))) == [(0, ["Briefgen Test Sans"], 80)]
    (tmp_path / "junk.ttc").write_bytes(b"ttcf" + b"\0" * 60)
    assert faces_of(str(tmp_path / "junk.ttc")) == []
    assert faces_of(str(tmp_path / "gone.ttf")) == []


@given(st.integers(1, 1000), st.integers(1, 1000))
def test_fontconfig_weights_follow_opentype_weights(a: int, b: int) -> None:
    from briefgen.layout._fontread import fontconfig_weight

    assert fontconfig_weight(400) == 80 and fontconfig_weight(700) == 200
    if a <= b:
        assert fontconfig_weight(a) <= fontconfig_weight(b)


def test_the_scan_agrees_with_fontconfig() -> None:
    files = find_family("Noto Sans CJK SC")
    if not files:
        pytest.skip("fonts-noto-cjk not installed")
    scanned = _fonts._scan_font_folders().get("noto sans cjk sc", [])
    assert {(p, i, w) for p, i, w, *_ in scanned} >= {(f.path, f.index, f.weight) for f in files}


def test_family_answers_are_cached_until_fonts_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "Fake-Regular.otf"
    font.write_bytes(b"font")
    calls: list[str] = []

    def fc_list(family: str) -> tuple[FontFile, ...]:
        calls.append(family)
        return (FontFile(str(font), 0, 80),) if family == "Fake Sans" else ()

    stamp = [["/usr/share/fonts", 1]]
    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_fonts, "_fc_list", fc_list)
    monkeypatch.setattr(_fonts, "fontconfig_stamp", lambda: stamp)
    find = find_family.__wrapped__
    assert find("Fake Sans") == (FontFile(str(font), 0, 80),)
    assert find("Missing Sans") == ()
    assert find("Fake Sans") == (FontFile(str(font), 0, 80),) and find("Missing Sans") == ()
    assert calls == ["Fake Sans", "Missing Sans"]  # both answers came from families.json
    stamp[0][1] = 2  # fonts were installed or removed: ask fontconfig again
    assert find("Missing Sans") == () and calls[-1] == "Missing Sans" and len(calls) == 3
    font.write_bytes(b"a new version")  # the found file changed
    assert find("Fake Sans") == (FontFile(str(font), 0, 80),) and len(calls) == 4
    assert find("Fake Sans") == (FontFile(str(font), 0, 80),) and len(calls) == 4
    (tmp_path / "cache" / "families.json").write_text("[damaged")
    assert find("Fake Sans") == (FontFile(str(font), 0, 80),) and len(calls) == 5


@given(st.lists(st.integers(1, 1000), max_size=8), st.booleans())
def test_pick_takes_the_nearest_weight(weights: list[int], bold: bool) -> None:
    files = tuple(FontFile(f"/f{i}.otf", 0, w) for i, w in enumerate(weights))
    chosen = pick(files, bold=bold)
    if not files:
        assert chosen is None
        return
    assert chosen is not None
    target = 200 if bold else 80
    assert abs(chosen.weight - target) == min(abs(w - target) for w in weights)


METRICS = st.builds(
    FontMetrics,
    st.just((0x20, 0x4E00)),
    st.just((0x7E, 0x9FFF)),
    st.tuples(st.floats(0, 3), st.floats(0, 3)),
    st.dictionaries(st.integers(0, 0x10FFFF), st.floats(0, 3), max_size=5),
    st.dictionaries(st.integers(0, 0x10FFFF), st.floats(0, 3), max_size=5),
    st.dictionaries(st.text(_ASCII, min_size=2, max_size=2), st.floats(-1, 1), max_size=5),
    st.dictionaries(st.text("fil", min_size=2, max_size=3), st.floats(-1, 1), max_size=3),
)


@given(METRICS)
def test_metrics_survive_the_cache_format(metrics: FontMetrics) -> None:
    data = metrics.to_bytes()
    assert FontMetrics.from_bytes(data) == metrics
    assert metrics.advance(0x41) == metrics.advances[0]
    assert metrics.advance(0x10) is None and metrics.advance(0xA000) is None
    with pytest.raises(ValueError):
        FontMetrics.from_bytes(data[:-1])  # truncated
    with pytest.raises(ValueError):
        FontMetrics.from_bytes(data.replace(b'"version":1', b'"version":0', 1))


def test_metrics_are_cached_in_a_file_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "fake.otf"
    font.write_bytes(b"not really a font")
    fake = FontMetrics((0x20,), (0x7E,), (0.5,), {}, {}, {"AV": -0.05}, {})
    reads: list[str] = []

    def read(path: str, index: int = 0) -> FontMetrics:
        reads.append(path)
        return fake

    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_fonts, "read_metrics", read)
    entry = FontFile(str(font), 0, 80)
    assert metrics_for.__wrapped__(entry) == fake
    assert metrics_for.__wrapped__(entry) == fake
    assert reads == [str(font)]  # the second time from the cache file
    (cached,) = (tmp_path / "cache").glob("fake-0-*.metrics")
    cached.write_text("{ damaged")
    assert metrics_for.__wrapped__(entry) == fake and len(reads) == 2
    font.write_bytes(b"an updated font file")  # new size: a new cache file
    assert metrics_for.__wrapped__(entry) == fake and len(reads) == 3
    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", "off")
    assert metrics_for.__wrapped__(entry) == fake and len(reads) == 4


def test_a_file_that_is_not_a_font_gives_no_metrics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFGEN_FONT_CACHE", "off")
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"\0" * 64)
    assert metrics_for.__wrapped__(FontFile(str(junk), 0, 80)) is None
    assert metrics_for.__wrapped__(FontFile(str(tmp_path / "gone.ttf"), 0, 80)) is None


# ------------------------------------------------------------------ laziness


def _python(code: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env={**os.environ, **env},
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip


LAYOUT_IMPORTS = (
    "import sys\n"
    "import briefgen.layout, briefgen.layout._measure, briefgen.layout._fonts\n"
    "import briefgen.layout._lay_out, briefgen.layout._linebreak, briefgen.build._pipeline\n"
)


def test_font_tools_is_not_imported_with_the_layout(tmp_path: Path) -> None:
    code = LAYOUT_IMPORTS + (
        "from briefgen.layout._measurer import measurer_for\n"
        "from briefgen.theme._theme import Face\n"
        "m = measurer_for(Face(latin='Noto Sans CJK SC', ea='Noto Sans CJK SC'))\n"
        "print('fontTools' in sys.modules)\n"
    )
    assert _python(code, {"BRIEFGEN_FONT_CACHE": str(tmp_path)}).strip() == "False"


def test_font_tools_is_imported_only_to_read_a_font_file(tmp_path: Path) -> None:
    installed(NOTO_SANS)
    code = LAYOUT_IMPORTS + (
        "from briefgen.layout._measurer import measurer_for\n"
        "from briefgen.theme._theme import Face\n"
        "m = measurer_for(Face(latin='Noto Sans CJK SC', ea='Noto Sans CJK SC'))\n"
        "print(m.em('2020年'), 'fontTools' in sys.modules)\n"
    )
    env = {"BRIEFGEN_FONT_CACHE": str(tmp_path)}
    cold = _python(code, env).split()
    warm = _python(code, env).split()
    assert cold[1] == "True"  # read from the font file the first time …
    assert warm == [cold[0], "False"]  # … and from the cache file after, without fontTools
    assert list(tmp_path.glob("NotoSansCJK-Regular-*.metrics"))


# ------------------------------------------------------------------ line breaking with a measurer

_CJK_TEXT = st.text(st.one_of(_CJK, _CJK, st.sampled_from("，。、“”（）《》…—")), max_size=60)


@given(TEXT, st.floats(1, 40), st.booleans())
def test_line_breaking_with_the_table_measurer_is_unchanged(
    text: str, width: float, bold: bool
) -> None:
    assert break_lines(text, width, measurer=TABLES, bold=bold) == break_lines(text, width)
    assert lines_needed(text, width, measurer=TABLES) == lines_needed(text, width)
    assert balanced_lines(text, width, measurer=TABLES) == balanced_lines(text, width)


@given(_CJK_TEXT, st.floats(4, 30), st.booleans())
def test_lines_broken_with_a_font_measurer_fit_its_widths(
    text: str, width: float, bold: bool
) -> None:
    serif = installed(NOTO_SERIF)
    prefix = serif.prefix_widths(text, bold=bold)
    starts = serif.line_starts(text, bold=bold)
    for lines in (
        break_lines(text, width, measurer=serif, bold=bold),
        balanced_lines(text, width, measurer=serif, bold=bold),
    ):
        assert "".join(lines) == text
        assert len(lines) == lines_needed(text, width, measurer=serif, bold=bold)
        at = 0
        for line in lines:
            assert prefix[at + len(line)] - starts[at] <= width + 1e-6, (line, width)
            at += len(line)


@pytest.mark.parametrize("text", ["ff", "中ff", "office", "x ffi", "ffl"])
def test_a_ligature_cut_by_the_end_of_the_text_is_measured(text: str) -> None:
    """Hypothesis found "…ff" at the end of a bold head raising IndexError (a 3-letter
    ligature looked up on the last 2 letters)."""
    from briefgen.layout._measurer import measurer_for_theme
    from briefgen.theme import load_theme

    measurer = measurer_for_theme(load_theme("party-red"), "sans")
    for bold in (False, True):
        assert measurer.em(text, bold=bold) > 0
