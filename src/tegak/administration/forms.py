"""Forms of the administration pages: they parse input; the services check and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.accounts.models import Role
from tegak.people.models import (
    AssignmentKind,
    Employee,
    EmployeeStatus,
    InstansiLevel,
    OrgUnit,
    Position,
    PositionKind,
    TimeZoneCode,
    UnitKind,
)


class InstansiCreateForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=32,
        help_text=_("Short, lowercase, with hyphens, e.g. kota-bekasi. It cannot change later."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=InstansiLevel.choices)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TimeZoneCode.choices)
    ppk_title = forms.CharField(
        label=_("Title of the PPK"),
        max_length=100,
        required=False,
        help_text=_("As printed on decisions, e.g. Wali Kota Bekasi."),
    )
    city = forms.CharField(label=_("City for letters"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


class InstansiSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TimeZoneCode.choices)
    ppk_title = forms.CharField(label=_("Title of the PPK"), max_length=100, required=False)
    city = forms.CharField(label=_("City for letters"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    minutes_per_absence_day = forms.IntegerField(
        label=_("Minutes of lateness per absent day"),
        min_value=60,
        max_value=1440,
        help_text=_("Lateness and early leave add up to one day of absence per this many minutes."),
    )


def _employee_choices(instansi: Any) -> list[tuple[str, Any]]:
    employees = Employee.objects.filter(instansi=instansi, active=True).order_by("name")
    return [("", _("— none —"))] + [
        (str(item.pk), f"{item.full_name} ({item.nip})") for item in employees
    ]


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=64)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles in this instansi"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The identity custodian is appointed by the installation administrator only, and "
            "never together with the intake officer or the administrator."
        ),
    )
    employee = forms.ChoiceField(
        label=_("Employee"),
        required=False,
        help_text=_(
            "The person's record in the registry (superiors, examiners and officials need it)."
        ),
    )

    def __init__(self, *args: Any, instansi: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _employee_choices(instansi)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class EmployeeLinkForm(forms.Form):
    employee = forms.ChoiceField(label=_("Employee"), required=False)

    def __init__(self, *args: Any, instansi: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _employee_choices(instansi)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Parent unit"), queryset=OrgUnit.objects.none(), required=False
    )
    is_supervision_unit = forms.BooleanField(
        label=_("Supervision unit (Inspektorat)"), required=False
    )
    is_personnel_unit = forms.BooleanField(label=_("Personnel unit (BKPSDM)"), required=False)

    def __init__(self, *args: Any, instansi: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code")


class PositionForm(forms.Form):
    name = forms.CharField(label=_("Name of the post"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PositionKind.choices)
    is_head = forms.BooleanField(label=_("Heads the unit"), required=False)


class EmployeeForm(forms.Form):
    nip = forms.CharField(label=_("NIP / registration number"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=EmployeeStatus.choices)
    golongan = forms.CharField(label=_("Rank (golongan)"), max_length=20, required=False)
    front_title = forms.CharField(label=_("Title before the name"), max_length=50, required=False)
    back_title = forms.CharField(label=_("Title after the name"), max_length=80, required=False)


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.unit.name}"


class PostForm(forms.Form):
    """A post held: for entering a past post or correcting one, with the reason."""

    position = PositionChoiceField(label=_("Post"), queryset=Position.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=AssignmentKind.choices)
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty when the post is still held."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Why the record is entered or corrected now."),
    )
    source = forms.CharField(
        label=_("Source document"),
        max_length=300,
        required=False,
        help_text=_("E.g. the SK or contract number that shows the post."),
    )

    def __init__(self, *args: Any, instansi: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["position"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Position.objects.filter(instansi=instansi)
            .select_related("unit")
            .order_by("unit__code", "name")
        )
