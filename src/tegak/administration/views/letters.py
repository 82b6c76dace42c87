"""Letters of the instansi: numbering patterns per unit and kind, and the letterhead (kop) per
unit. The document templates themselves are uploaded on the documents app's page."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.administration.views.common import chosen, page, show_error
from tegak.core.errors import InputError
from tegak.documents import access, services
from tegak.documents.context import letterhead
from tegak.documents.kinds import SERIES
from tegak.documents.models import (
    DEFAULT_PATTERN,
    KIND_CHOICES,
    SERIES_CHOICES,
    Letterhead,
    NumberingScheme,
)
from tegak.documents.numbering import format_number
from tegak.people.models import Instansi, OrgUnit


def _units(instansi: Instansi) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=gettext_lazy("Issuing unit"),
        queryset=OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code"),
        required=False,
        empty_label=gettext_lazy("— the whole instansi —"),
        help_text=gettext_lazy(
            "A unit without its own setting uses the instansi's. Letters are numbered by the "
            "perangkat daerah above the signer's unit."
        ),
    )


class NumberingSchemeForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Document kind"), choices=KIND_CHOICES)
    pattern = forms.CharField(
        label=gettext_lazy("Pattern"),
        max_length=120,
        initial=DEFAULT_PATTERN,
        help_text=gettext_lazy(
            "Parts: {classification}, {sequence} (or {sequence:4} for four digits), "
            "{unit_code}, {year}, {month}, {month_roman}."
        ),
    )
    classification = forms.CharField(
        label=gettext_lazy("Classification code"), max_length=30, initial="800"
    )
    unit_code = forms.CharField(
        label=gettext_lazy("Unit code in the number"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Empty: the code of the issuing unit."),
    )
    series = forms.ChoiceField(
        label=gettext_lazy("Register (series)"),
        choices=[("", gettext_lazy("— the kind's own —")), *SERIES_CHOICES],
        required=False,
    )
    yearly = forms.BooleanField(
        label=gettext_lazy("Restart every year"), required=False, initial=True
    )

    def __init__(self, *args: object, instansi: Instansi, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"] = _units(instansi)
        self.order_fields(["unit"])


class LetterheadForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), required=False)
    government = forms.CharField(
        label=gettext_lazy("Government line"),
        max_length=200,
        help_text=gettext_lazy("e.g. PEMERINTAH KOTA BEKASI"),
    )
    unit_line = forms.CharField(
        label=gettext_lazy("Unit line"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("e.g. BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
    )
    address = forms.CharField(label=gettext_lazy("Address line"), max_length=300, required=False)
    contact = forms.CharField(
        label=gettext_lazy("Telephone, e-mail, website"), max_length=300, required=False
    )

    def __init__(self, *args: object, instansi: Instansi, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"] = _units(instansi)
        self.order_fields(["unit"])


def _example(scheme: NumberingScheme, on: date) -> str:
    unit_code = scheme.unit_code or (scheme.unit.code if scheme.unit is not None else "")
    return format_number(
        scheme.pattern,
        sequence=1,
        on=on,
        classification=scheme.classification,
        unit_code=unit_code,
    )


@require_http_methods(["GET", "POST"])
def numbering_view(request: HttpRequest, code: str) -> HttpResponse:
    """The numbering schemes of the instansi and its units, with an example number each."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    form = NumberingSchemeForm(request.POST if action == "set" else None, instansi=instansi)
    try:
        if action == "set" and form.is_valid():
            data = form.cleaned_data
            services.numbering_scheme_set(
                actor=request.user,
                instansi=instansi,
                unit=data["unit"],
                kind=data["kind"],
                pattern=data["pattern"].strip(),
                classification=data["classification"],
                unit_code=data["unit_code"],
                series=data["series"],
                yearly=data["yearly"],
            )
            messages.success(request, _("The numbering is saved."))
            return redirect("administration:numbering", instansi.code)
        if action == "remove":
            scheme = access.numbering_scheme_for(request.user, instansi, request.POST.get("scheme"))
            services.numbering_scheme_remove(actor=request.user, scheme=scheme)
            messages.success(request, _("The numbering is removed; the next one up applies."))
            return redirect("administration:numbering", instansi.code)
    except (InputError, PermissionDenied) as error:
        show_error(form, error)
    today = timezone.localdate()
    schemes = [
        {"scheme": scheme, "example": _example(scheme, today)}
        for scheme in NumberingScheme.objects.filter(instansi=instansi)
        .select_related("unit")
        .order_by("unit__code", "kind")
    ]
    return page(
        request,
        instansi,
        "administration/numbering.html",
        {"form": form, "schemes": schemes, "series": SERIES},
        section="numbering",
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def letterheads_view(request: HttpRequest, code: str) -> HttpResponse:
    """The kop of the instansi and of each issuing unit, as it will be printed."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    form = LetterheadForm(
        request.POST if action == "set" else None,
        instansi=instansi,
        initial={"government": instansi.name.upper(), "address": instansi.address},
    )
    try:
        if action == "set" and form.is_valid():
            services.letterhead_set(actor=request.user, instansi=instansi, **form.cleaned_data)
            messages.success(request, _("The letterhead is saved."))
            return redirect("administration:letterheads", instansi.code)
        if action == "remove":
            own = access.letterhead_for(request.user, instansi, request.POST.get("letterhead"))
            services.letterhead_remove(actor=request.user, letterhead=own)
            messages.success(request, _("The letterhead is removed; the next one up applies."))
            return redirect("administration:letterheads", instansi.code)
    except (InputError, PermissionDenied) as error:
        show_error(form, error)
    rows = [
        {"own": own, "printed": letterhead(instansi, own.unit)}
        for own in Letterhead.objects.filter(instansi=instansi)
        .select_related("unit")
        .order_by("unit__code")
    ]
    return page(
        request,
        instansi,
        "administration/letterheads.html",
        {"form": form, "rows": rows, "default": letterhead(instansi, None)},
        section="letterheads",
        status=400 if form.errors else 200,
    )
