"""Text helpers shared by the extractors: sentences, spans, Indonesian number words.

Every extractor works on the original text so that each span points at the words as written;
nothing here rewrites the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """A lower-case copy in which every offset stays where it was.

    `str.lower()` is fast but may lengthen a text ("İ" becomes two characters); then we lower
    A-Z only.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.translate(_ASCII_LOWER)


def quick(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile `pattern` with a look-ahead on the characters a match can start with.

    Python's `re` tries a long alternation at every position; the look-ahead lets it skip most
    positions at once. When the first characters cannot be worked out, the pattern is compiled
    as it is (same matches, only slower).
    """
    first = _first_characters(pattern, flags)
    if not first:
        return re.compile(pattern, flags)
    characters = "".join(sorted(first)).replace("\\", "\\\\").replace("]", "\\]")
    characters = characters.replace("^", "\\^").replace("-", "\\-").replace("[", "\\[")
    return re.compile(f"(?=[{characters}])(?:{pattern})", flags)


def quick_lower(pattern: str) -> re.Pattern[str]:
    """`quick` for a case-insensitive pattern, to run on `lower_ascii(text)` without IGNORECASE.

    Only for our own patterns, which use no upper-case escapes (\\S, \\D, \\W, \\B, \\A, \\Z).
    """
    if re.search(r"\\[SDWBAZ]", pattern):
        raise ValueError("pattern uses an upper-case escape; it cannot be lower-cased")
    lowered = pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return quick(lowered)


def quick_starts(pattern: str) -> re.Pattern[str]:
    """A zero-width pattern that finds every position where `pattern` could match.

    Used to scan once for several overlapping patterns, then try each where one starts.
    """
    first = _first_characters(pattern, 0)
    if not first:
        return re.compile(f"(?=(?:{pattern}))")
    characters = "".join(sorted(first)).replace("\\", "\\\\").replace("]", "\\]")
    characters = characters.replace("^", "\\^").replace("-", "\\-").replace("[", "\\[")
    return re.compile(f"(?=[{characters}])(?=(?:{pattern}))")


def _first_characters(pattern: str, flags: int) -> set[str] | None:
    try:
        import re._constants as constants
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
    except (ImportError, re.error):
        return None
    found = _first_of(list(parsed), constants, bool(parsed.state.flags & re.IGNORECASE))
    if found is None or found[1]:
        return None
    return found[0]


def _cases(characters: set[str], ignore_case: bool) -> set[str]:
    if not ignore_case:
        return characters
    return characters | {c.upper() for c in characters} | {c.lower() for c in characters}


def _first_of(items: list[Any], c: Any, ignore_case: bool) -> tuple[set[str], bool] | None:
    """(possible first characters, whether the sequence can match the empty string)."""
    found: set[str] = set()
    for op, value in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            return found | _cases({chr(value)}, ignore_case), False
        if op is c.IN:
            characters = _set_characters(value, c)
            if characters is None:
                return None
            return found | _cases(characters, ignore_case), False
        if op is c.BRANCH:
            inner_all = [_first_of(list(branch), c, ignore_case) for branch in value[1]]
            if any(inner is None for inner in inner_all):
                return None
            nullable = False
            for inner in inner_all:
                assert inner is not None
                found |= inner[0]
                nullable = nullable or inner[1]
            if not nullable:
                return found, False
            continue
        if op is c.SUBPATTERN:
            group_flags = value[1]
            inner = _first_of(list(value[3]), c, ignore_case or bool(group_flags & re.IGNORECASE))
            if inner is None:
                return None
            found |= inner[0]
            if not inner[1]:
                return found, False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _, body = value
            inner = _first_of(list(body), c, ignore_case)
            if inner is None:
                return None
            found |= inner[0]
            if low > 0 and not inner[1]:
                return found, False
            continue
        return None
    return found, True


def _set_characters(items: list[Any], c: Any) -> set[str] | None:
    characters: set[str] = set()
    for op, value in items:
        if op is c.LITERAL:
            characters.add(chr(value))
        elif op is c.RANGE:
            low, high = value
            if high - low > 400:
                return None
            characters.update(chr(code) for code in range(low, high + 1))
        elif op is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            if value is c.CATEGORY_UNI_DIGIT:
                return None  # str patterns: \d is any Unicode digit; we only list ASCII ones
            characters.update("0123456789")
        else:
            return None
    return characters


# Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "no",
        "nomor",
        "jl",
        "dr",
        "drs",
        "dra",
        "ir",
        "h",
        "hj",
        "prof",
        "st",
        "sd",
        "s",
        "d",
        "tgl",
        "pkl",
        "kab",
        "kec",
        "kel",
        "bpk",
        "ibu",
        "sdr",
        "sdri",
        "dll",
        "dsb",
        "a",
        "b",
        "c",
        "m",
        "mt",
        "si",
        "pd",
        "kom",
        "sos",
        "ip",
        "ak",
        "tn",
        "ny",
        "hlm",
    }
)

_BOUNDARY = quick(r"[.!?]+[\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.*$")


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence boundaries of one text, as sorted (start, end) offsets."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def index_of(self, position: int) -> int:
        """The index of the sentence holding `position`."""
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def bounds(self, index: int) -> tuple[int, int]:
        """(start, end) of sentence `index`."""
        return self.starts[index], self.ends[index]

    def __len__(self) -> int:
        return len(self.starts)


def split_sentences(text: str) -> Sentences:
    """Split at full stops, question and exclamation marks, line breaks; skip abbreviations."""
    starts: list[int] = [0]
    ends: list[int] = []
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        ends.append(match.start() + 1 if match.group(0)[0] != "\n" else match.start())
        starts.append(match.end())
    ends.append(len(text))
    return Sentences(tuple(starts), tuple(ends))


_UNITS = {
    "nol": 0,
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}

NUMBER_WORDS = (
    r"(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+puluh"
    r"(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?"
    r"|(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+belas"
    r"|sepuluh|sebelas|seratus|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|seorang)"
)


def number_value(words: str) -> int | None:
    """The value of an Indonesian number written in digits or words (up to 100), else None."""
    cleaned = " ".join(words.lower().split())
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned == "seorang":
        return 1
    if cleaned == "sepuluh":
        return 10
    if cleaned == "sebelas":
        return 11
    if cleaned == "seratus":
        return 100
    parts = cleaned.split(" ")
    if len(parts) == 1:
        return _UNITS.get(parts[0])
    if len(parts) == 2 and parts[1] == "belas" and parts[0] in _UNITS:
        return 10 + _UNITS[parts[0]]
    if parts[1] == "puluh" and parts[0] in _UNITS:
        value = 10 * _UNITS[parts[0]]
        if len(parts) == 3:
            if parts[2] not in _UNITS:
                return None
            value += _UNITS[parts[2]]
        return value
    return None


def words(value: str) -> frozenset[str]:
    """A set of words written as one block of text (for word lists in the source)."""
    return frozenset(value.split())


def squash(value: str) -> str:
    """Collapse runs of white space, for names and quoted words."""
    return " ".join(value.split())
