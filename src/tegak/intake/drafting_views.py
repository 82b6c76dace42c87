"""The staff page that turns a pasted article or post into a draft media report."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from tegak.core.errors import InputError
from tegak.intake import drafting, validation
from tegak.intake.forms import MediaReportForm, show_input_error
from tegak.intake.views import _triage_instansi
from tegak.people.models import Instansi


class PasteForm(forms.Form):
    """First step: the text, where it was published and when it was seen."""

    source_url = MediaReportForm.base_fields["source_url"]
    outlet = MediaReportForm.base_fields["outlet"]
    published_on = MediaReportForm.base_fields["published_on"]
    seen_on = MediaReportForm.base_fields["seen_on"]
    text = forms.CharField(
        label=_("Text of the article or post"), widget=forms.Textarea(attrs={"rows": 12})
    )


class DraftForm(MediaReportForm):
    """Second step: the proposed report, editable, and the employees the officer confirms."""

    employees = forms.TypedMultipleChoiceField(
        label=_("Employees named in the text (tick only those you have checked)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _draft_form(draft: drafting.Draft, data: dict[str, str]) -> DraftForm:
    form = DraftForm(
        initial={
            **data,
            "summary": draft.summary,
            "accused_text": draft.accused_text,
            "occurred_on": draft.occurred_on.isoformat() if draft.occurred_on else "",
            "occurred_time": draft.occurred_time.strftime("%H:%M") if draft.occurred_time else "",
            "occurred_timezone": draft.occurred_timezone,
            "employees": [],
        }
    )
    _set_choices(form, draft)
    return form


def _set_choices(form: DraftForm, draft: drafting.Draft) -> None:
    form.fields["employees"].choices = [  # type: ignore[attr-defined]
        (
            candidate.employee_id,
            f"{candidate.employee_name} — “{candidate.person}” "
            f"({round(candidate.confidence * 100)}%)",
        )
        for candidate in draft.candidates
    ]


def draft_entry(request: HttpRequest) -> HttpResponse:
    """Paste a text, check the facts read from it, save a media report."""
    instansi = _triage_instansi(request)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    context: dict[str, object] = {"instansi": instansi}
    if step == "save":
        return _save(request, instansi, context)
    paste = PasteForm(request.POST or None)
    if step == "read" and paste.is_valid():
        data = paste.cleaned_data
        try:
            published_on = validation.parse_date("published_on", data["published_on"])
            draft = drafting.draft_from_text(
                actor=request.user, instansi=instansi, text=data["text"], seen_on=published_on
            )
        except InputError as error:
            show_input_error(paste, error)
        else:
            context.update(
                {
                    "draft": draft,
                    "form": _draft_form(draft, data),
                    "pieces": drafting.highlighted(data["text"], draft.facts),
                }
            )
            return render(request, "intake/staff/draft.html", context)
    context["paste"] = paste
    status = 400 if step else 200
    return render(request, "intake/staff/draft.html", context, status=status)


def _save(request: HttpRequest, instansi: Instansi, context: dict[str, object]) -> HttpResponse:
    paste = PasteForm(request.POST)
    try:
        seen_on = validation.parse_date("seen_on", request.POST.get("seen_on", ""))
        published_on = validation.parse_date("published_on", request.POST.get("published_on", ""))
        draft = drafting.draft_from_text(
            actor=request.user,
            instansi=instansi,
            text=request.POST.get("text", ""),
            seen_on=published_on,
        )
    except InputError as error:
        if paste.is_valid():
            show_input_error(paste, error)
        context["paste"] = paste
        return render(request, "intake/staff/draft.html", context, status=400)
    form = DraftForm(request.POST)
    _set_choices(form, draft)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = drafting.report_draft_from_text(
                actor=request.user,
                instansi=instansi,
                text=data["text"],
                source_url=data["source_url"],
                seen_on=seen_on,
                published_on=published_on,
                outlet=data["outlet"],
                summary=data["summary"],
                accused_text=data["accused_text"],
                occurred_on=validation.parse_date("occurred_on", data["occurred_on"]),
                occurred_time=validation.parse_time("occurred_time", data["occurred_time"]),
                occurred_timezone=data["occurred_timezone"],
                location=data["location"],
                employee_ids=tuple(data["employees"]),
                fill_from_text=False,
            )
        except InputError as error:
            show_input_error(form, error)
        else:
            return redirect("intake:detail", report_id=report.pk)
    context.update(
        {
            "draft": draft,
            "form": form,
            "pieces": drafting.highlighted(request.POST.get("text", ""), draft.facts),
        }
    )
    return render(request, "intake/staff/draft.html", context, status=400)
