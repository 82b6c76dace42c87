"""Forms of the decision steps (pages and API use the same forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.decisions.models import ObjectionKind, ObjectionOutcome
from tegak.law import labels

# ISO, as an <input type="date"> needs it whatever the language (Indonesian formats 17-10-2026).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The contract's sanction codes (CONTRACTS.md), labelled for people (`tegak.law.labels`).
SANCTIONS = list(labels.SANCTIONS.items())
SANCTION_LABELS = dict(SANCTIONS)


def sanction_label(code: str) -> str:
    return labels.label("sanction", code)


class DecisionForm(forms.Form):
    sanction_code = forms.ChoiceField(label=_("Sanction"), choices=SANCTIONS)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    justification = forms.CharField(
        label=_("Justification (required for a sanction outside the allowed set)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    day_off_confirmed = forms.BooleanField(
        label=_("This date is a day off"),
        required=False,
        help_text=_("Tick only when the decision was really signed on a day off."),
    )

    def __init__(
        self,
        *args: Any,
        allowed: list[str] | None = None,
        choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`choices`: the types open to the accused (the instansi rule's for a PPPK or non-ASN
        employee, `tegak.cases.rules_bridge.sanction_types`); the national ones when not given."""
        super().__init__(*args, **kwargs)
        types = SANCTIONS if choices is None else choices
        self.fields["sanction_code"].choices = types  # type: ignore[attr-defined]
        if allowed:
            first = [(code, label) for code, label in types if code in allowed]
            rest = [(code, label) for code, label in types if code not in allowed]
            self.fields["sanction_code"].choices = [  # type: ignore[attr-defined]
                (_("Allowed by the rules"), first),
                (_("Outside the allowed set (needs justification)"), rest),
            ]
            self.fields["sanction_code"].initial = allowed[0]


class AmendForm(forms.Form):
    sanction_code = forms.ChoiceField(label=_("Sanction"), choices=SANCTIONS)
    justification = forms.CharField(
        label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Decided on"),
        widget=DATE,
        required=False,
        help_text=_("Correct it when it was mistyped; empty keeps the date."),
    )
    day_off_confirmed = forms.BooleanField(
        label=_("This date is a day off"),
        required=False,
        help_text=_("Tick only when the decision was really signed on a day off."),
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["sanction_code"].choices = choices  # type: ignore[attr-defined]


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered (or sent) on"), widget=DATE)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    absent = forms.BooleanField(
        label=_("The accused was absent; the decision was sent"), required=False
    )
    place = forms.CharField(
        label=_("Place of delivery"),
        max_length=200,
        required=False,
        help_text=_(
            "Where the decision was handed over, as the delivery minutes print it (for example "
            "Ruang Rapat Dinas Kependudukan dan Pencatatan Sipil). Empty: the issuing office."
        ),
    )


class ObjectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ObjectionKind.choices)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ObjectionOutcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    outcome_sanction_code = forms.ChoiceField(
        label=_("Resulting sanction (when changed)"),
        choices=[("", "—"), *SANCTIONS],
        required=False,
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["outcome_sanction_code"].choices = [  # type: ignore[attr-defined]
                ("", "—"),
                *choices,
            ]


class ReplyForm(forms.Form):
    replied_on = forms.DateField(label=_("Replied on"), widget=DATE)
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}))


class FinaliseForm(forms.Form):
    on = forms.DateField(label=_("Final on"), widget=DATE)
