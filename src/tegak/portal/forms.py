"""Filters of the public register, statistics and export: validated, never trusted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tegak.people.models import Instansi, OrgUnit
from tegak.portal.models import Level, PublicStatus

PROVISION_CODE = RegexValidator(
    r"^[a-z0-9][a-z0-9:_-]{0,59}$",
    _("A provision code looks like pp-94-2021:5:a (lower-case letters, digits, - and :)."),
)


def top_units() -> list[tuple[str, str]]:
    """The units the register groups by: those directly below the top of each tree."""
    units = (
        OrgUnit.objects.filter(parent__isnull=False, parent__parent__isnull=True)
        .order_by("name")
        .values_list("id", "name")
    )
    return [(str(unit_id), name) for unit_id, name in units]


class RegisterFilterForm(forms.Form):
    """What a visitor may narrow the register by. Invalid fields are reported and ignored."""

    q = forms.CharField(
        label=_("Register number"),
        required=False,
        max_length=40,
        strip=True,
        help_text=_("All or the start of a register number."),
    )
    instansi = forms.ChoiceField(label=_("Agency"), required=False)
    unit = forms.TypedChoiceField(
        label=pgettext_lazy("filter", "Unit"), required=False, coerce=int, empty_value=None
    )
    provision = forms.CharField(
        label=_("Provision"), required=False, max_length=60, validators=[PROVISION_CODE]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *Level.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *PublicStatus.choices]
    )
    year = forms.TypedChoiceField(
        label=_("Year opened"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instansi_field = self.fields["instansi"]
        assert isinstance(instansi_field, forms.ChoiceField)
        instansi_field.choices = [
            ("", _("Every agency")),
            *list(Instansi.objects.order_by("name").values_list("code", "name")),
        ]
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [("", _("Every unit")), *top_units()]
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [("", _("Any year"))] + [(str(y), str(y)) for y in years or []]

    def valid_filters(self) -> dict[str, Any]:
        """The filters that passed validation (a bad one is dropped, the rest still apply)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: value
            for name, value in cleaned.items()
            if name not in self.errors and value not in (None, "")
        }
