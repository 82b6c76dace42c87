"""Template filters for what the law engine says, in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from tegak.law import labels

register = template.Library()


@register.filter
def engine_messages(answer: Mapping[str, Any] | None, key: str) -> list[str]:
    """`{{ finding|engine_messages:"notes" }}`: the engine's notes (or `human_review`) in the
    active language."""
    return labels.engine_messages(answer, key)


@register.filter
def sanction_in(answer: Mapping[str, Any] | None, code: str) -> str:
    """`{{ answer|sanction_in:code }}`: a sanction type's label in the active language (an
    instansi's own type in the words its rule gives, from the answer's `sanction_labels`)."""
    return labels.label("sanction", code, finding=answer)


@register.filter
def engine_text(text: str | None) -> str:
    """`{{ clock.basis|engine_text }}`: a stored English text of the engine in the active
    language."""
    return labels.engine_text(text)
