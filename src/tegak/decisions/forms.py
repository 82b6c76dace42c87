"""Forms of the decision steps (pages and API use the same forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.decisions.models import ObjectionKind, ObjectionOutcome

DATE = forms.DateInput(attrs={"type": "date"})

# The contract's sanction codes (CONTRACTS.md), labelled for people.
SANCTIONS = [
    ("teguran_lisan", _("Oral reprimand")),
    ("teguran_tertulis", _("Written reprimand")),
    ("pernyataan_tidak_puas", _("Written statement of dissatisfaction")),
    ("potong_tukin_25_6_bulan", _("25% allowance cut for 6 months")),
    ("potong_tukin_25_9_bulan", _("25% allowance cut for 9 months")),
    ("potong_tukin_25_12_bulan", _("25% allowance cut for 12 months")),
    ("penundaan_kgb_1_tahun", _("Periodic salary rise postponed 1 year")),
    ("penundaan_pangkat_1_tahun", _("Promotion postponed 1 year")),
    ("penurunan_pangkat_1_tahun", _("One rank lower for 1 year")),
    ("penurunan_jabatan_12_bulan", _("One position level lower for 12 months")),
    ("pembebasan_jabatan_12_bulan", _("Released to a staff post for 12 months")),
    ("penurunan_pangkat_3_tahun", _("One rank lower for 3 years")),
    ("pemindahan_penurunan_jabatan", _("Moved to a position one level lower")),
    ("pembebasan_jabatan", _("Released from position")),
    ("pdh_taps", _("Honourable dismissal not at own request")),
    ("ptdh", _("Dishonourable dismissal")),
]
SANCTION_LABELS = dict(SANCTIONS)


def sanction_label(code: str) -> str:
    return str(SANCTION_LABELS.get(code, code))


class DecisionForm(forms.Form):
    sanction_code = forms.ChoiceField(label=_("Sanction"), choices=SANCTIONS)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    justification = forms.CharField(
        label=_("Justification (required for a sanction outside the allowed set)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed:
            first = [(code, label) for code, label in SANCTIONS if code in allowed]
            rest = [(code, label) for code, label in SANCTIONS if code not in allowed]
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


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered (or sent) on"), widget=DATE)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    absent = forms.BooleanField(
        label=_("The accused was absent; the decision was sent"), required=False
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


class FinaliseForm(forms.Form):
    on = forms.DateField(label=_("Final on"), widget=DATE)
