"""Checks shared by every channel (web form, staff entry, partner API): plain text, real dates,
safe links. Each raises InputError with the field and a message in the user's language."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.core.errors import InputError, Problems
from tegak.people.models import TIME_ZONE_NAMES

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
_SCRIPT_URL = re.compile(r"(?i)\b(javascript|vbscript)\s*:")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_LINKS = 20


def plain_text(field: str, value: str | None, *, required: bool, max_length: int) -> str:
    """Trimmed plain text; refuses HTML tags and script links, drops control characters."""
    text = _CONTROL.sub("", (value or "").replace("\r\n", "\n")).strip()
    if required and not text:
        raise InputError(field, _("Please fill in this field."))
    if len(text) > max_length:
        raise InputError(
            field, _("Please keep this under %(limit)s characters.") % {"limit": max_length}
        )
    if _MARKUP.search(text) or _SCRIPT_URL.search(text):
        raise InputError(field, _("Please write plain text, without HTML tags or scripts."))
    return text


def parse_date(field: str, value: str | None) -> date | None:
    """An ISO date YYYY-MM-DD, or None when empty; a day that does not exist is an error."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise InputError(
            field, _("This date does not exist. Write it as YYYY-MM-DD, for example 2022-08-26.")
        ) from error


def parse_time(field: str, value: str | None) -> time | None:
    """A time HH:MM, or None when empty."""
    if value in (None, ""):
        return None
    try:
        return time.fromisoformat(str(value))
    except ValueError as error:
        raise InputError(
            field, _("This time does not exist. Write it as HH:MM, e.g. 15:00.")
        ) from error


def occurred_moment(
    *, occurred_on: date | None, occurred_time: time | None, timezone_code: str, required: bool
) -> tuple[datetime | None, bool]:
    """(aware moment, time unknown) of the event; refuses moments in the future. Every error
    found is raised together (InputErrors): a time zone not chosen does not hide a date in
    the future."""
    problems = Problems()
    zone_known = timezone_code in TIME_ZONE_NAMES
    if not zone_known:
        problems.add(InputError("occurred_timezone", _("Choose WIB, WITA or WIT.")))
    if occurred_on is None:
        if required:
            problems.add(InputError("occurred_on", _("Give the date on which it happened.")))
        elif occurred_time is not None:
            problems.add(InputError("occurred_on", _("Give the date as well as the time.")))
        problems.raise_any()
        return None, True
    # Without a zone, the day is checked against the zone furthest ahead (WIT): no day that is
    # already today anywhere in Indonesia is called the future.
    zone = ZoneInfo(TIME_ZONE_NAMES[timezone_code if zone_known else "WIT"])
    time_unknown = occurred_time is None
    moment = datetime.combine(occurred_on, occurred_time or time(12, 0), tzinfo=zone)
    now = timezone.now()
    future = _("This moment is in the future. Give when it actually happened.")
    if occurred_on > now.astimezone(zone).date():
        problems.add(InputError("occurred_on", future))
    elif zone_known and not time_unknown and moment > now:
        problems.add(InputError("occurred_time", future))
    if occurred_on.year < 1945:
        problems.add(InputError("occurred_on", _("This date is too far in the past.")))
    problems.raise_any()
    return moment, time_unknown


def links(field: str, values: list[str]) -> list[str]:
    """Web links (http or https only), one per item; stored as text and never fetched."""
    validator = URLValidator(schemes=["http", "https"])
    cleaned: list[str] = []
    for value in values:
        text = (value or "").strip()
        if not text:
            continue
        if len(text) > 1000:
            raise InputError(field, _("A link may not be longer than 1000 characters."))
        try:
            validator(text)
        except ValidationError as error:
            raise InputError(
                field,
                _("“%(link)s” is not a web address (http:// or https://).") % {"link": text[:80]},
            ) from error
        cleaned.append(text)
    if len(cleaned) > MAX_LINKS:
        raise InputError(field, _("Give at most %(limit)s links.") % {"limit": MAX_LINKS})
    return cleaned
