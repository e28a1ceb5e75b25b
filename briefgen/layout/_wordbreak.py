"""Breaking a Latin word wider than its line: at a URL's separators, a hyphenation point,
or failing that anywhere, with a visible hyphen; never mid-word in silence.

Maps a text, its widths and a line that holds no legal break → where the line ends. A word
is a run of narrow letters, digits and ASCII punctuation (the line breaker never breaks
inside one by choice):

- a **URL or address** (holds ``/``, ``@``, ``://`` or ``www.``) breaks after one of
  ``/ . - ? & = # _`` and draws no hyphen (the separator ends the line); a piece between
  separators wider than the line breaks where it must, still without a hyphen, which a
  reader could type in as part of the address;
- a **word with a hyphen of its own** (``e-Government``) breaks after it;
- any other word breaks at a **hyphenation point**, the latest that fits: between two
  consonants (``in-ter``, not inside ``ch sh th ph wh ck ng qu gh``) or after a vowel before
  a consonant and a vowel (``na-tion``), with at least two letters before and three after;
  failing that, between any two letters or digits with two on each side. Either way the
  line gets a visible hyphen (`needs_hyphen`), whose width the line is measured with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_URL_MARKS = ("/", "@", "://", "www.")
_URL_BREAK_AFTER = frozenset("/.-?&=#_")
_VOWELS = frozenset("aeiouyAEIOUY")
_DIGRAPHS = frozenset({"ch", "sh", "th", "ph", "wh", "ck", "ng", "qu", "gh"})


def _word_char(ch: str) -> bool:
    """A narrow character that belongs to a word (ASCII and Latin letters, digits, marks)."""
    if ch.isspace():
        return False
    return ch.isascii() or (ch.isalpha() and ord(ch) < 0x2E80)


def _is_url(word: str) -> bool:
    return any(mark in word for mark in _URL_MARKS)


def _word_around(text: str, at: int) -> tuple[int, int]:
    """[start, end) of the word that holds the boundary before `text[at]`."""
    w0 = at
    while w0 > 0 and _word_char(text[w0 - 1]):
        w0 -= 1
    w1 = at
    while w1 < len(text) and _word_char(text[w1]):
        w1 += 1
    return w0, w1


def needs_hyphen(line: str, next_line: str) -> bool:
    """Whether a visible hyphen ends `line`: it stops inside a word (a letter or digit on
    each side of the break), which the line breaker only does for a word wider than a line,
    and the word is no URL or address (those break without one)."""
    if not line or not next_line:
        return False
    last, first = line[-1], next_line[0]
    if not (last.isalnum() and first.isalnum() and _word_char(last) and _word_char(first)):
        return False
    joined = line + next_line
    w0, w1 = _word_around(joined, len(line))
    return not _is_url(joined[w0:w1])


def _hyphenation_point(word: str, i: int) -> bool:
    """Whether `word` may be hyphenated before index `i`: between two consonants (not a
    digraph: in-ter) or after a vowel before a consonant and a vowel (na-tion), with two
    letters before and three after."""
    if i < 2 or i > len(word) - 3:
        return False
    a, b, c = word[i - 1], word[i], word[i + 1]
    if not (a.isalpha() and b.isalpha() and c.isalpha()) or b in _VOWELS:
        return False
    if a in _VOWELS:
        return c in _VOWELS
    return (a + b).lower() not in _DIGRAPHS


def word_break(
    text: str,
    start: int,
    end: int,
    prefix: Sequence[float],
    origin: float,
    limit: float,
    hyphen: Callable[[str], float],
) -> int | None:
    """Where a line from `start` that holds no legal break should end, or None.

    `end` is the furthest end that fits `limit`: the line ending at `p` is
    `prefix[p] - origin` wide; a break that draws a hyphen must fit with `hyphen(last)`, its
    width after the line's last character, added. None
    when the break falls outside a word (the caller's 避头尾 rules for punctuation decide)."""
    if end <= start or end >= len(text) or not _word_char(text[end - 1]):
        return None
    if not _word_char(text[end]):
        # The word ends where the line would, but what follows it may not begin a line
        # (“…i，”): break inside the word, and fit its hyphen, instead of forcing a break
        # before its last letter with no room counted for the hyphen drawn there.
        end -= 1
        if end <= start or not _word_char(text[end - 1]):
            return None
    w0, w1 = _word_around(text, end)
    word = text[w0:w1]
    url = _is_url(word)
    if url or "-" in word:
        separators = _URL_BREAK_AFTER if url else frozenset("-")
        for p in range(end, max(start, w0), -1):
            if text[p - 1] in separators and prefix[p] - origin <= limit:
                return p
    if url:
        return end
    for strict in (True, False):
        for p in range(min(end, w1 - 2), max(start, w0 + 1), -1):
            point = (
                _hyphenation_point(word, p - w0)
                if strict
                else text[p - 1].isalnum() and text[p].isalnum()
            )
            if point and prefix[p] - origin + hyphen(text[p - 1]) <= limit:
                return p
    return None


__all__ = ["needs_hyphen", "word_break"]
