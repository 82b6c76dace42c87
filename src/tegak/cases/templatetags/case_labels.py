"""Template filters that turn the case file's codes into labels for people."""

from __future__ import annotations

from django import template

from tegak.cases import labels

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    return labels.event_label(action)


@register.filter
def sanction_label(code: str) -> str:
    return labels.sanction_label(code)
