"""Groups of employees named by status, with a count when the text gives one.

"tujuh orang aparatur berstatus TKK" is seven non-ASN staff; "para ASN" is a group with no count.
ASN covers PNS and PPPK, so it gets no single status code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tegak.extract.text import NUMBER_WORDS, lower_ascii, number_value, quick_lower

# Status words -> contract status code (None: the word does not settle the status).
STATUS_WORDS: list[tuple[str, str | None]] = [
    (r"PPPK\s+paruh\s+waktu|P3K\s+paruh\s+waktu", "PPPK_PARUH_WAKTU"),
    (
        r"pegawai\s+pemerintah\s+dengan\s+perjanjian\s+kerja(?:\s*\(PPPK\))?|PPPK|P3K",
        "PPPK",
    ),
    (r"calon\s+pegawai\s+negeri\s+sipil(?:\s*\(CPNS\))?|CPNS", "CPNS"),
    (r"pegawai\s+negeri\s+sipil(?:\s*\(PNS\))?|PNS", "PNS"),
    (
        r"tenaga\s+kerja\s+kontrak(?:\s*\(TKK\))?|TKK|tenaga\s+kontrak|pegawai\s+kontrak"
        r"|tenaga\s+honorer|pegawai\s+honorer|honorer|pegawai\s+tidak\s+tetap|PTT"
        r"|tenaga\s+harian\s+lepas|THL|non[\s-]?ASN|tenaga\s+pendukung",
        "NON_ASN",
    ),
    (r"aparatur\s+sipil\s+negara(?:\s*\(ASN\))?|ASN", None),
]
_STATUS = "|".join(f"(?:{pattern})" for pattern, _ in STATUS_WORDS)
_STATUS_LOOKUP = [(re.compile(pattern, re.IGNORECASE), code) for pattern, code in STATUS_WORDS]
_COUNT = rf"(?P<count>\d{{1,5}}|(?i:(?:ke)?{NUMBER_WORDS}))"
_NOUN = r"(?:(?i:orang|pegawai|aparatur|oknum|staf|staff|karyawan|personel)\s+){0,3}"
_STATUS_LEAD = r"(?:(?i:berstatus|yang\s+berstatus|sebagai)\s+)?"

# Case-insensitive: run on `lower_ascii(text)` (same offsets). Status words are rare, numbers
# are everywhere: find the status word, then look just before it for the count.
STATUS = quick_lower(rf"(?<![\w/.\-])(?P<status>{_STATUS})(?![\w-])")
COUNT_BEFORE = re.compile(
    (rf"(?<![\w/.])(?<!salah )(?:(?i:ke\s*)(?=\w))?{_COUNT}\s+{_NOUN}{_STATUS_LEAD}$")
    .lower()
    .replace("(?p<", "(?P<")
)


@dataclass(slots=True)
class GroupMention:
    """A group of staff of one status; `count` only when the text gives a number."""

    start: int
    end: int
    term: str
    status: str | None
    count: int | None
    mentions: list[tuple[int, int]] = field(default_factory=list)


def _status_of(raw: str) -> tuple[str, str | None]:
    for pattern, code in _STATUS_LOOKUP:
        if pattern.fullmatch(raw):
            return raw, code
    return raw, None


_DETERMINER = re.compile(
    r"(?:para|oknum|sejumlah|beberapa|seluruh|puluhan|belasan|ratusan|pegawai|staf)\s+$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"^[\s,]*(?:dan|serta|atau|maupun)?\s*$", re.IGNORECASE)


def _names_a_group(text: str, match: re.Match[str], last_end: int) -> bool:
    """A status word names people when introduced "(TKK)", after "para"/"oknum", or listed."""
    if match.group(0).endswith(")"):
        return True
    if _DETERMINER.search(text[max(0, match.start() - 12) : match.start()]):
        return True
    return 0 <= match.start() - last_end <= 12 and bool(
        _COORDINATION.match(text[last_end : match.start()])
    )


def _term(code: str | None) -> str:
    return code or "ASN"


def find_groups(
    text: str, excluded: list[tuple[int, int]], lowered: str | None = None
) -> list[GroupMention]:
    """Groups with a count first, then statuses named without a count (each status once).

    `excluded` are spans (regulation titles) where a status word names a law, not people.
    """
    counted: list[GroupMention] = []
    taken: list[tuple[int, int]] = []
    lowered = lower_ascii(text) if lowered is None else lowered
    statuses = list(STATUS.finditer(lowered))
    for match in statuses:
        before = COUNT_BEFORE.search(lowered, max(0, match.start() - 70), match.start())
        if before is None:
            continue
        count_words = before["count"]
        if count_words.startswith("ke"):
            count_words = count_words[2:].strip()
        count = number_value(count_words)
        if count is None or count == 0:
            continue
        _, code = _status_of(match["status"])
        counted.append(GroupMention(before.start(), match.end(), _term(code), code, count))
        taken.append((before.start(), match.end()))

    groups: list[GroupMention] = []
    by_term: dict[str, GroupMention] = {}
    for group in counted:
        same = next(
            (other for other in groups if other.term == group.term and other.count == group.count),
            None,
        )
        if same is not None:
            same.mentions.append((group.start, group.end))
            continue
        groups.append(group)
        by_term.setdefault(group.term, group)
    last_end = -100
    for match in statuses:
        if any(start <= match.start() < end for start, end in (*taken, *excluded)):
            continue
        if not _names_a_group(text, match, last_end):
            continue
        last_end = match.end()
        _, code = _status_of(match["status"])
        term = _term(code)
        existing = by_term.get(term)
        if existing is not None:
            existing.mentions.append((match.start(), match.end()))
            continue
        group = GroupMention(match.start(), match.end(), term, code, None)
        by_term[term] = group
        groups.append(group)
    groups.sort(key=lambda group: group.start)
    return groups
