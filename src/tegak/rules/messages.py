"""The engine's messages through stdlib gettext (no Django).

Every note, reason for review and input error of the engine is written as
`say("English text with {fields}", field=value)`: the English text is the message id, the
Indonesian translation lives in the package's own catalogue
(`tegak/rules/locale/id/LC_MESSAGES/tegak-rules.po`, compiled to `.mo` by `make messages`).
A `Text` keeps its id and its values, so it can be rendered in either language at the edge: the
answer's `notes` (English) and `notes_id` (Indonesian), an error's `message`, the CLI's `--lang`.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "tegak-rules"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")


def language_code(language: str | None) -> str:
    """`id` or `en` for a language tag (`id`, `id-ID`, `en-us`, …); Indonesian by default."""
    tag = (language or "").strip().lower()
    return "en" if tag.startswith("en") else "id"


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language` (English needs none: the ids are English)."""
    if language_code(language) == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["id"], fallback=True)


MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def shown_day(day: date, language: str) -> str:
    """A day as a person reads it in a message, "6 September 2021" ("6 Agustus 2022" in
    Indonesian); the answer's own fields keep ISO 8601."""
    return f"{day.day} {MONTHS[language_code(language)][day.month - 1]} {day.year}"


def _shown(value: Any, language: str) -> Any:
    if isinstance(value, Text):
        return value.render(language)
    if isinstance(value, date) and not isinstance(value, datetime):
        return shown_day(value, language)
    return value


class Text:
    """A message of the engine, rendered in a language only when it is shown.

    Values that are themselves `Text` are rendered in the same language, so a sentence can
    carry a translated part (`say("… ({source})", source=say("…"))`); a `date` is written as
    people read it, "6 September 2021" (`shown_day`), never in ISO form.
    """

    __slots__ = ("msgid", "values")

    def __init__(self, msgid: str, /, **values: Any) -> None:
        self.msgid = msgid
        self.values = values

    def render(self, language: str = "en") -> str:
        template = catalogue(language).gettext(self.msgid)
        if not self.values:
            return template
        values = {name: _shown(value, language) for name, value in self.values.items()}
        return template.format(**values)

    @property
    def en(self) -> str:
        return self.render("en")

    @property
    def id(self) -> str:
        return self.render("id")

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Text({self.render('en')!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self.msgid == other.msgid and self.en == other.en
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.msgid, self.en))


def say(msgid: str, /, **values: Any) -> Text:
    """A message of the engine: English `msgid` with `{name}` fields (the extraction keyword)."""
    return Text(msgid, **values)


def as_text(message: str | Text) -> Text:
    """A `Text` for a plain English message (looked up in the catalogue as it stands)."""
    return message if isinstance(message, Text) else Text(message)


def render(message: str | Text, language: str) -> str:
    """`message` in `language` (`id` or `en`)."""
    return as_text(message).render(language)
