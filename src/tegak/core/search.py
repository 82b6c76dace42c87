"""Free-text search in Indonesian for staff lists (ADR 0172).

Each searchable model keeps a stored column, `search_vector`, written by the app that owns the
model whenever the searched text changes (`store`), never at query time:

- on PostgreSQL a `tsvector` built with the `indonesian` text search configuration (Snowball's
  Indonesian stemmer), weighted A/B/C by section and indexed with GIN;
- on SQLite (small installations, the demo) the same stems, made in Python by `snowballstemmer`
  (the same Snowball algorithm), stored as text: ` a:joget b:budi c:pasar `.

Indonesian words carry prefixes and suffixes ("berjoget", "keterlambatan"). Snowball strips
one layer at a time ("keterlambatan" → "terlambat", "terlambat" → "lambat"), so the stems of
stems are stored too and a query word matches through its final stem on both databases:
"berjoget" finds "joget", "keterlambatan" finds "terlambat" and the reverse.

Writes that bypass model signals (`bulk_create`, `bulk_update`, `QuerySet.update`) of rows whose
text is searched must send `changed_in_bulk(sender=Model, pks=…, fields=…)` after writing; the apps
that search those rows refresh the columns it touches. Each app registers its `rebuild` here
(`register`); `tegak search rebuild` (`rebuild`) rewrites every column, after an upgrade or a
write that did neither.

A search only narrows a queryset that the caller's selector already limited to what the actor
may see, and only the sections a caller passes to `store` are searchable: never a reporter's
identity or a message (the apps decide what they index).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.dispatch import Signal

MAX_LENGTH = 100
MAX_WORDS = 12
CONFIG = "indonesian"
# Section weights: A the title or summary, B the people named, C the rest.
WEIGHTS = ("A", "B", "C")
# SQLite's rank: what a word found in each section is worth (PostgreSQL's own defaults).
_SQLITE_WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2}
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer(CONFIG)
# A Snowball stemmer keeps its word in itself while it works: one thread at a time.
_STEMMER_LOCK = threading.Lock()


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_LENGTH]


def words(text: str) -> list[str]:
    """The words of a text, lower-cased (letters and digits; punctuation separates)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The word's final stem: Snowball's Indonesian stemmer applied until nothing changes
    ("keterlambatan" → "terlambat" → "lambat")."""
    current = word
    for _ in range(3):
        following = _one_layer(current)
        if following == current or not following:
            break
        current = following
    return current


@lru_cache(maxsize=20_000)
def _one_layer(word: str) -> str:
    """One Snowball pass. Kept per word, as `stem` is: a report's words are mostly the
    language's common ones, and the pure-Python stemmer cost about 0.3 ms per report on
    SQLite, where every word is stemmed twice (its first layer and its final stem)."""
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# One section's text on PostgreSQL: the SQL that `SearchVector(Value(text), config=CONFIG,
# weight=weight)` compiles to. The texts are parameters; the configuration and the weight are
# this module's own constants, checked and written into the SQL (`_pg_part`), so that a
# report's INSERT stays under psycopg's 50 parameters: above that, psycopg converts the whole
# statement from `%s` to `$n` again on every execution instead of keeping the conversion, which
# cost the public form 0.28 ms of CPU per report (docs/intake.md, eleventh pass).
_CONFIG_NAME = re.compile(r"[a-z_]+")
_PG_EMPTY = "''::tsvector"


@cache
def _pg_part(weight: str) -> str:
    """`setweight(to_tsvector(…, text), weight)` for one text, given as a parameter."""
    if weight not in WEIGHTS or not _CONFIG_NAME.fullmatch(CONFIG):
        raise ValueError(f"not a search weight or configuration: {weight!r}, {CONFIG!r}")
    return f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE(%s, '')), '{weight}')"


def document(sections: Sequence[tuple[str, str]]) -> Any:
    """The value to store in `search_vector` for `(weight, text)` sections: an expression on
    PostgreSQL (give it to `QuerySet.update` or `tegak.core.onerow.insert`), the stems as text
    on SQLite.

    On PostgreSQL each section is the text and its stems, each weighted, joined with `||`: the
    same SQL as `SearchVector(...) + SearchVector(...)`, written as `RawSQL` so that the new
    report's INSERT keeps its statement (onerow) instead of compiling the whole row again, which
    was an eighth of the public form's CPU on PostgreSQL (docs/intake.md)."""
    if is_postgresql():
        parts: list[str] = []
        params: list[Any] = []
        for weight, text in sections:
            final = " ".join(stem(word) for word in words(text))
            for value in (text, final):
                parts.append(_pg_part(weight))
                params.append(value)
        # The SQL is only this module's checked constants; every text is a parameter.
        if not parts:
            return RawSQL(_PG_EMPTY, (), output_field=SearchVectorField())  # noqa: S611
        return RawSQL(" || ".join(parts), params, output_field=SearchVectorField())  # noqa: S611
    tokens: list[str] = []
    seen: set[str] = set()
    for weight, text in sections:
        for word in words(text):
            for form in (_one_layer(word), stem(word)):
                token = f"{weight.lower()}:{form}"
                if token not in seen:
                    seen.add(token)
                    tokens.append(token)
    return f" {' '.join(tokens)} " if tokens else ""


def store(model: type[Any], pk: int, sections: Sequence[tuple[str, str]]) -> None:
    """Write one row's search column (an UPDATE: no save signals, no `auto_now`)."""
    model.objects.filter(pk=pk).update(search_vector=document(sections))


# Sent by a writer that bypassed save signals: `sender` the model, `pks` the rows written,
# `fields` the fields written (None: any or all, as after `bulk_create`).
changed_in_bulk = Signal()

# What each app's stored column is called and how to rewrite every row of it (the count).
_rebuilders: dict[str, Callable[[], int]] = {}


def register(name: str, rebuild_all: Callable[[], int]) -> None:
    """Make an app's search column rebuildable by `tegak search rebuild` (from `ready()`)."""
    _rebuilders[name] = rebuild_all


def columns() -> list[str]:
    """The names of the registered search columns, sorted."""
    return sorted(_rebuilders)


def rebuild(names: Iterable[str] | None = None) -> dict[str, int]:
    """Rewrite the named search columns (all when None), each in one transaction; rows per name."""
    chosen = columns() if names is None else list(names)
    unknown = [name for name in chosen if name not in _rebuilders]
    if unknown:
        raise KeyError(", ".join(unknown))
    counts: dict[str, int] = {}
    for name in chosen:
        with transaction.atomic():
            counts[name] = _rebuilders[name]()
    return counts


def search(
    queryset: QuerySet[Any], text: str, *, also: Q | None = None
) -> tuple[QuerySet[Any], bool]:
    """`queryset` narrowed to the rows whose search column holds every word of `text` (through
    its stem), or matching `also` (a register number, a tracking number); annotated with
    `search_rank` (higher is better). Returns the queryset and whether anything was searched.

    Markup and query operators are only text: the words are taken out of it first."""
    cleaned = _clean(text)
    if not cleaned:
        return queryset, False
    terms = words(cleaned)[:MAX_WORDS]
    if not terms:
        nothing = Value(0.0, output_field=FloatField())
        narrowed = queryset.filter(also) if also is not None else queryset.none()
        return narrowed.annotate(search_rank=nothing), True
    if is_postgresql():
        query: Any = None
        for term in terms:
            either = SearchQuery(term, config=CONFIG, search_type="plain") | SearchQuery(
                stem(term), config=CONFIG, search_type="plain"
            )
            query = either if query is None else query & either
        found = Q(search_vector=query)
        rank: Any = SearchRank(F("search_vector"), query)
    else:
        found = Q()
        parts: list[Any] = []
        for term in terms:
            final = stem(term)
            tests = [
                (weight, Q(search_vector__contains=f" {weight.lower()}:{final} "))
                for weight in WEIGHTS
            ]
            anywhere = Q()
            for _weight, test in tests:
                anywhere |= test
            found &= anywhere
            parts.append(
                Case(
                    *[When(test, then=Value(_SQLITE_WEIGHT[weight])) for weight, test in tests],
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
        rank = parts[0]
        for part in parts[1:]:
            rank = rank + part
    condition = found if also is None else found | also
    return queryset.filter(condition).annotate(search_rank=rank), True


def joined(values: Iterable[Any]) -> str:
    """Texts joined for one section (empty ones left out)."""
    return " ".join(str(value) for value in values if value)


def case_search(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Cases whose register number starts with `text`, or whose summary, accused names or
    provisions hold every word of it (through the stem). Ranked: `search_rank`."""
    cleaned = _clean(text)
    if not cleaned:
        return queryset
    found, _searched = search(queryset, cleaned, also=Q(register_number__istartswith=cleaned))
    return found


__all__ = [
    "case_search",
    "changed_in_bulk",
    "columns",
    "document",
    "joined",
    "rebuild",
    "register",
    "search",
    "stem",
    "store",
    "words",
]
