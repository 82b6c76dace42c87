"""Template filters that turn the case file's codes into labels for people."""

from __future__ import annotations

from typing import Any

from django import template

from tegak.cases import labels

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    return labels.event_label(action)


@register.filter
def sanction_label(code: str, accused: Any = None) -> str:
    """`{{ code|sanction_label:accused }}`: with the accused, an instansi rule's own type in the
    rule's words (PPPK and non-ASN staff)."""
    if accused is not None:
        return labels.accused_sanction_label(code, accused)
    return labels.sanction_label(code)


@register.filter
def clock_label(value: str) -> str:
    return labels.clock_label(value)


@register.filter
def authority_label(value: str) -> str:
    return labels.authority_label(value)


@register.filter
def level_label(value: str) -> str:
    return labels.level_label(value)


@register.filter
def provision_citation(value: str) -> str:
    return labels.provision_citation(value)


@register.filter
def allegation_citation(allegation: Any, accused: Any) -> str:
    """The allegation's citation for this accused (non-ASN staff: the instansi's rule)."""
    return labels.allegation_citation(allegation, accused)


@register.filter
def step_label(code: str) -> str:
    """A step of the procedure in the user's language."""
    from tegak.cases.workflow import STEPS

    step = STEPS.get(code)
    return str(step.label) if step is not None else code


@register.filter
def capacity_label(code: str) -> str:
    """The capacity in which a step was taken, in the user's language."""
    from tegak.cases.authority import capacity_label as label

    return label(code) or code
