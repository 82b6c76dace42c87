"""Forms of the registry pages: the employee filter and the import upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.people.models import EmployeeStatus, Instansi, OrgUnit


class EmployeeFilterForm(forms.Form):
    """Search and filters of the employee list (sent by POST: names stay out of URLs)."""

    query = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *EmployeeStatus.choices],
        required=False,
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units if units is not None else OrgUnit.objects.none()
        field.empty_label = str(_("All units"))
        self.fields["query"].widget.attrs.update({"type": "search", "autocomplete": "off"})


class ImportForm(forms.Form):
    """Upload a CSV or XLSX file of units or employees."""

    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("units", _("Organisation units")), ("employees", _("Employees"))],
    )
    instansi = forms.ModelChoiceField(label=_("Instansi"), queryset=Instansi.objects.none())
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row names the columns; see the list below."),
    )
    partial = forms.BooleanField(
        label=_("Import the valid rows even if some rows have errors"), required=False
    )

    def __init__(self, *args: Any, instansi: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = instansi if instansi is not None else Instansi.objects.none()
        if instansi is not None and instansi.count() == 1:
            field.initial = instansi.first()
