"""`{% load shown_dates %}{{ value|shown_day }}`: a date kept as ISO text (stored facts, an
engine's answer) as a person reads it, "6 September 2021" (`tegak.core.words.shown_iso`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from tegak.core.words import shown_iso

register = template.Library()


@register.filter
def shown_day(value: str | date | None) -> Any:
    return shown_iso(value)
