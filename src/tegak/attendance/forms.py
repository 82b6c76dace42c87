"""The import form for administrators (the same service as `tegak attendance import`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.people.models import Instansi

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class ImportForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Instansi.objects.none(), label=_("Instansi"))
    checkins = forms.FileField(
        label=_("Check-ins"),
        required=False,
        help_text=_("CSV nip,timestamp[,device]; an attendance-machine export; or XLSX."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("recognise from the content")),
            ("csv", "CSV"),
            ("machine", _("attendance machine (attlog)")),
            ("xlsx", "XLSX"),
        ],
    )
    leave = forms.FileField(
        label=_("Leave and duty letters"),
        required=False,
        help_text=_("CSV or XLSX nip,start,end,kind[,reference]."),
    )

    def __init__(self, *args: Any, instansi_choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = instansi_choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("checkins") and not data.get("leave"):
            raise forms.ValidationError(_("Choose a check-in file, a leave file, or both."))
        for name in ("checkins", "leave"):
            upload = data.get(name)
            if upload is not None and upload.size > MAX_UPLOAD_BYTES:
                self.add_error(name, _("The file is larger than 200 MB."))
        return data
