"""Forms of the documents pages (validation of shape only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.documents.models import KIND_CHOICES, RecipientKind


class IssueForm(forms.Form):
    accused = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)


class GroupIssueForm(forms.Form):
    """One kind for the ticked accused of a case at once."""

    kind = forms.ChoiceField(label=_("Document"), choices=KIND_CHOICES)
    accused = forms.TypedMultipleChoiceField(
        label=_("For these accused"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], accused: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["accused"].choices = [  # type: ignore[attr-defined]
            (item.pk, item.employee.full_name) for item in accused
        ]


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label=_("Scanned signed document (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class DossierForm(forms.Form):
    recipient_kind = forms.ChoiceField(label=_("Recipient"), choices=RecipientKind.choices)
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document kind"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("DOCX template"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )


class NumberingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document kind"), choices=KIND_CHOICES)
    pattern = forms.CharField(
        label=_("Pattern"),
        max_length=120,
        initial="{classification}/{sequence}/{unit_code}/{year}",
    )
    classification = forms.CharField(label=_("Classification code"), max_length=30, initial="800")
    unit_code = forms.CharField(label=_("Unit code"), max_length=40, required=False)
    yearly = forms.BooleanField(label=_("Restart every year"), required=False, initial=True)
