"""Forms of the documents pages (validation of shape only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tegak.documents.context import CoachingEntries
from tegak.documents.models import KIND_CHOICES, RecipientKind

ENTRY_MAX = 2000


def _entry(label: Any, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=ENTRY_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class IssueForm(forms.Form):
    accused = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)
    # Pemberitahuan hasil only: the complainants not told yet (reading C28).
    missing_only = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Coaching minutes only: printed as entered, a blank line to fill in when empty.
    guidance = _entry(_("Coaching given"))
    statement = _entry(_("Statement of the person coached, in their words"), rows=2)

    def coaching(self) -> CoachingEntries:
        """What the official entered for the coaching minutes."""
        data = self.cleaned_data
        return CoachingEntries(
            guidance=data.get("guidance") or "",
            statements={data["accused"]: data.get("statement") or ""},
        )


class GroupIssueForm(forms.Form):
    """One kind for the ticked accused of a case at once."""

    kind = forms.ChoiceField(label=_("Document"), choices=KIND_CHOICES)
    accused = forms.TypedMultipleChoiceField(
        label=_("For these accused"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    guidance = _entry(_("Coaching given (coaching minutes only)"))

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], accused: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["accused"].choices = [  # type: ignore[attr-defined]
            (item.pk, item.employee.full_name) for item in accused
        ]
        self.coached = list(accused)
        for item in self.coached:
            self.fields[f"statement_{item.pk}"] = _entry(
                _("Statement of %(name)s, in their words (coaching minutes only)")
                % {"name": item.employee.full_name},
                rows=2,
            )

    def coaching(self) -> CoachingEntries:
        """What the official entered for the coaching minutes: the coaching given and each
        person's own statement."""
        data = self.cleaned_data
        return CoachingEntries(
            guidance=data.get("guidance") or "",
            statements={item.pk: data.get(f"statement_{item.pk}") or "" for item in self.coached},
        )


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
