"""Forms of the hearing steps (pages and API use the same forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.people.models import Employee

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SummonsForm(forms.Form):
    issued_on = forms.DateField(label=_("Date of the summons letter"), widget=DATE)
    examination_on = forms.DateField(label=_("Examination day"), widget=DATE)
    examination_time = forms.TimeField(
        label=_("Examination time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class MissedForm(forms.Form):
    recorded_on = forms.DateField(label=_("Day the absence is recorded"), widget=DATE)


class TeamForm(forms.Form):
    formed_on = forms.DateField(label=_("Formed on"), widget=DATE)
    superior = forms.ModelChoiceField(Employee.objects.none(), label=_("Direct superior"))
    supervision = forms.ModelChoiceField(
        Employee.objects.none(), label=_("Member from supervision (Inspektorat)")
    )
    personnel = forms.ModelChoiceField(
        Employee.objects.none(), label=_("Member from personnel (BKPSDM)")
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employees = Employee.objects.filter(instansi=instansi, active=True).order_by("name")
        for name in ("superior", "supervision", "personnel"):
            self.fields[name].queryset = employees  # type: ignore[attr-defined]


class ExaminationForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    virtual = forms.BooleanField(label=_("Held virtually"), required=False)


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class BapForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    signed_by_accused = forms.BooleanField(label=_("Signed by the accused"), required=False)
    refusal_note = forms.CharField(
        label=_("Note on the refusal to sign"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class FindingsForm(forms.Form):
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE)
    proven = forms.TypedChoiceField(
        label=_("Violation proven"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        initial="yes",
    )
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
    recommended_sanction = forms.ChoiceField(
        label=_("Recommended sanction"),
        required=False,
        help_text=_("Leave empty to recommend the rules engine's sanction."),
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        """`choices`: the types open to the accused (the instansi rule's for a PPPK or non-ASN
        employee, `tegak.cases.rules_bridge.sanction_types`); the national ones when not given."""
        from tegak.decisions.forms import SANCTIONS

        super().__init__(*args, **kwargs)
        self.fields["recommended_sanction"].choices = [  # type: ignore[attr-defined]
            ("", _("The rules engine's recommendation")),
            *(SANCTIONS if choices is None else choices),
        ]


class ReleaseForm(forms.Form):
    decree_number = forms.CharField(label=_("Decree number"), max_length=100)
    decree_on = forms.DateField(label=_("Decree dated"), widget=DATE)
    starts_on = forms.DateField(label=_("Released from"), widget=DATE)
    acting_official = forms.ModelChoiceField(
        Employee.objects.none(),
        label=_("Acting official (Plh) who takes the duties"),
        required=False,
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acting_official"].queryset = Employee.objects.filter(  # type: ignore[attr-defined]
            instansi=instansi, active=True
        ).order_by("name")
