"""Forms: they render fields and keep what was typed; the services do the checking."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tegak.core import onerow
from tegak.core.errors import InputError, Problems, each_error
from tegak.intake import validation
from tegak.intake.models import (
    STAFF_ENTRY_CHANNELS,
    STAFF_REPORTER_MODES,
    Channel,
    ReporterMode,
    ReportStatus,
)
from tegak.intake.services import ReportInput, Upload, report_problems
from tegak.intake.uploads import ARRIVAL_HASH
from tegak.people.models import Instansi, TimeZoneCode

# Where a service's error field is shown on the form.
FIELD_MAP = {
    "identity.name": "name",
    "identity.phone": "phone",
    "identity.email": "email",
    "identity.address": "address",
    "occurred_timezone": "occurred_timezone",
    "__all__": None,
    "": None,
}


def show_input_error(form: forms.Form, error: InputError) -> None:
    """Put a service's InputError (each of them, for InputErrors) on the field it concerns, or
    on the form; a field that already shows an error keeps that one only."""
    for each in each_error(error):
        name = FIELD_MAP.get(each.field, each.field)
        if name is not None and name not in form.fields:
            name = None
        if name is not None and form.has_error(name):
            continue
        form.add_error(name, each.message)


def clean_without_form(
    form_class: type[forms.Form], data: Any, files: Any
) -> dict[str, Any] | None:
    """`cleaned_data` exactly as `form_class(data, files).is_valid()` makes it, or None when a
    field is not valid (then make the form: it says what is wrong, at each field).

    Each field's own `clean` on its value from its widget, as the form does, but without making
    the form, which deep-copies every field and widget first (ADR 0034). Only for a form class
    with no `clean_<field>` or `clean()` of its own, no prefix and no disabled field; another
    class is refused."""
    if not _plain_form_class(form_class):
        raise TypeError(f"{form_class.__name__} cleans more than its fields")
    cleaned: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        value = field.widget.value_from_datadict(data, files, name)
        try:
            if isinstance(field, forms.FileField):
                cleaned[name] = field.clean(value, field.initial)
            else:
                cleaned[name] = field.clean(value)
        except ValidationError:
            return None
    return cleaned


_PLAIN_FORMS: dict[type[forms.Form], bool] = {}


def _plain_form_class(form_class: type[forms.Form]) -> bool:
    known = _PLAIN_FORMS.get(form_class)
    if known is None:
        known = (
            form_class.clean is forms.Form.clean
            and getattr(form_class, "_post_clean", None) is getattr(forms.Form, "_post_clean", 0)
            and form_class.prefix is None
            and not any(name.startswith("clean_") for name in dir(form_class))
            and not any(
                field.disabled or callable(field.initial)
                for field in form_class.base_fields.values()
            )
        )
        _PLAIN_FORMS[form_class] = known
    return known


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvidenceFields(forms.Form):
    # The field shadows BaseForm.files only on paper: Django moves declared fields to base_fields.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files (photos, documents, audio, video)"),
        required=False,
    )
    links = forms.CharField(
        label=_("Links (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a video link. We store the address only and never open it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = gettext(
            "Programs and scripts are refused whatever their name. Up to %(file)s MB per file "
            "and %(report)s MB per report."
        ) % {
            "file": settings.EVIDENCE_MAX_FILE_BYTES // (1024 * 1024),
            "report": settings.EVIDENCE_MAX_REPORT_BYTES // (1024 * 1024),
        }

    def uploads(self) -> list[Upload]:
        return uploads_of(self.cleaned_data)

    def link_list(self) -> list[str]:
        return links_of(self.cleaned_data)


class ReportFields(EvidenceFields):
    """The report itself, shared by the public form and staff entry."""

    accused_text = forms.CharField(
        label=_("Who (name and/or unit)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("As much as you know: names, positions, the office or unit."),
    )
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe what you saw or experienced, in your own words."),
    )
    summary = forms.CharField(label=_("Short title (optional)"), required=False, max_length=200)
    occurred_on = forms.CharField(label=_("Date it happened"), required=False, widget=_date_input())
    occurred_time = forms.CharField(
        label=_("Time (if known)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    occurred_timezone = forms.ChoiceField(
        label=_("Time zone"), choices=TimeZoneCode.choices, initial="WIB"
    )
    location = forms.CharField(label=_("Where"), required=False, max_length=300)
    reporter_mode = forms.ChoiceField(
        label=_("Your identity"),
        choices=ReporterMode.choices,
        initial=ReporterMode.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=300)
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=300)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=300)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    notice_contact = forms.CharField(
        label=_("E-mail or WhatsApp number for notices"),
        required=False,
        max_length=120,
        help_text=_(
            "Optional, for any choice above, anonymous too. We only ever send: “there is news "
            "about your report; open it with your receipt code” — never its content."
        ),
    )

    def report_input(self) -> ReportInput:
        """The typed input for the services (dates parsed here, with field errors)."""
        return report_input_of(self.cleaned_data)


def uploads_of(cleaned_data: dict[str, Any]) -> list[Upload]:
    """The files of cleaned EvidenceFields, each with the hash computed on arrival."""
    return [
        Upload(name=item.name or "", stream=item, arrival=getattr(item, ARRIVAL_HASH, None))
        for item in cleaned_data["files"]
    ]


def links_of(cleaned_data: dict[str, Any]) -> list[str]:
    return [line.strip() for line in cleaned_data["links"].splitlines() if line.strip()]


def report_input_of(data: dict[str, Any]) -> ReportInput:
    """The typed input for the services from cleaned ReportFields (dates parsed here; a day
    or time that cannot be read goes with the input, and the service reports it together with
    every other field's error)."""
    problems = Problems()
    occurred_on = problems.check(validation.parse_date, "occurred_on", data["occurred_on"])
    occurred_time = problems.check(validation.parse_time, "occurred_time", data["occurred_time"])
    return ReportInput(
        problems=problems.errors,
        summary=data["summary"],
        description=data["description"],
        occurred_on=occurred_on,
        occurred_time=occurred_time,
        occurred_timezone=data["occurred_timezone"],
        location=data["location"],
        accused_text=data["accused_text"],
        reporter_mode=data["reporter_mode"],
        identity={key: data[key] for key in ("name", "phone", "email", "address")},
        notice_contact=data.get("notice_contact", ""),
        files=uploads_of(data),
        links=links_of(data),
    )


def show_every_report_error(form: ReportFields, *, date_required: bool) -> None:
    """On a report form whose own fields are not all valid: also the service's errors on the
    fields that are (a day in the future, a missing description…), so that the reporter reads
    every field's error in one answer. A field the form refused counts as empty here, and its
    own error is the one shown."""
    data = {
        name: form.cleaned_data.get(name, [] if name == "files" else "")
        for name in ReportFields.base_fields
    }
    for error in report_problems(report_input_of(data), date_required=date_required):
        show_input_error(form, error)


class InstansiChoiceField(forms.ModelChoiceField):
    """The agency, read with its clock settings by key in one statement (tegak.core.onerow: a
    join written once, not compiled anew for every report); errors as ModelChoiceField's."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        try:
            instansi = onerow.fetch_with(Instansi, value, "intake_settings")
        except (ValueError, TypeError, ValidationError):
            instansi = None
        if instansi is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return instansi


class PublicReportForm(ReportFields):
    # The agency comes with its clock settings (read with it when the report is made).
    instansi = InstansiChoiceField(
        label=_("Agency"),
        queryset=Instansi.objects.select_related("intake_settings").order_by("name"),
        empty_label=None,
    )
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["instansi"]

    def for_display(self) -> PublicReportForm:
        """Before the form is shown: with only one agency, that one is chosen and its field
        hidden. (Not done for a form that is only sent: a query the report does not need.)"""
        instansi = self.fields["instansi"]
        first_two = list(instansi.queryset[:2])  # type: ignore[attr-defined]
        if len(first_two) == 1:
            instansi.initial = first_two[0]
            instansi.widget = forms.HiddenInput()
        return self


class StaffReportForm(ReportFields):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (value, label) for value, label in Channel.choices if value in STAFF_ENTRY_CHANNELS
        ],
    )
    received_on = forms.CharField(
        label=_("Date received"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty for today."),
    )
    received_time = forms.CharField(
        label=_("Time received (if known)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty when only the date is known: the time is then kept unknown."),
    )
    lapor_tracking_number = forms.CharField(
        label=_("LAPOR! tracking number"), required=False, max_length=40
    )
    letter_reference = forms.CharField(label=_("Letter number"), required=False, max_length=100)

    field_order = [
        "channel",
        "received_on",
        "received_time",
        "lapor_tracking_number",
        "letter_reference",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An officer records someone else's report: the labels speak of the reporter.
        mode = self.fields["reporter_mode"]
        assert isinstance(mode, forms.ChoiceField)
        mode.label = _("The reporter's identity")
        mode.choices = list(STAFF_REPORTER_MODES.items())


class MediaReportForm(forms.Form):
    source_url = forms.CharField(label=_("Address of the article or post"), max_length=1000)
    outlet = forms.CharField(
        label=_("Outlet (newspaper, site or account)"), required=False, max_length=200
    )
    published_on = forms.CharField(label=_("Publication date"), widget=_date_input())
    seen_on = forms.CharField(
        label=_("Day the agency learned of it"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "Leave empty if it was the publication date. A case opened from this report "
            "counts its deadlines from this day (PP 94/2021 Pasal 26 ayat (1))."
        ),
    )
    text = forms.CharField(
        label=_("Text of the article or post"), widget=forms.Textarea(attrs={"rows": 10})
    )
    summary = forms.CharField(label=_("Short title (optional)"), required=False, max_length=200)
    accused_text = forms.CharField(label=_("Who (name and/or unit)"), required=False)
    occurred_on = forms.CharField(label=_("Date it happened"), required=False, widget=_date_input())
    occurred_time = forms.CharField(
        label=_("Time (if known)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    occurred_timezone = forms.ChoiceField(
        label=_("Time zone"), choices=TimeZoneCode.choices, initial="WIB"
    )
    location = forms.CharField(label=_("Where"), required=False, max_length=300)


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "placeholder": "12345-67890-12345-67890-12345",
            }
        ),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))


class StaffMessageForm(MessageForm):
    internal = forms.BooleanField(
        label=_("Internal note (the reporter does not see it)"), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


def _step_day() -> forms.DateField:
    """The day a triage step happened, for a report entered after the fact (empty: today)."""
    return forms.DateField(
        label=_("Day it happened"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "Leave empty for today. For a report entered after the fact, give the day the step "
            "was actually taken; the record keeps when it was entered."
        ),
    )


class RejectForm(ReasonForm):
    on = _step_day()


class ForwardForm(forms.Form):
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200)
    letter_reference = forms.CharField(label=_("Covering letter (number and date)"), max_length=200)
    note = forms.CharField(
        label=_("Note to the reporter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = _step_day()


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on = _step_day()


REPORT_NUMBER = re.compile(r"^\s*(?:LAP-(\d{4})-)?0*(\d{1,12})\s*$", re.IGNORECASE)


class MergeForm(forms.Form):
    """The report to merge into, by the number staff see on its page ("LAP-2022-000008"), or by
    its digits alone ("8")."""

    into = forms.CharField(
        label=_("Merge into report number"),
        max_length=40,
        help_text=_("As it is shown on the report, for example LAP-2022-000008."),
    )
    on = _step_day()

    def clean_into(self) -> tuple[int, int | None]:
        match = REPORT_NUMBER.match(self.cleaned_data["into"])
        if match is None or int(match.group(2)) == 0:
            raise forms.ValidationError(
                _("Write the report's number as it is shown on it, for example LAP-2022-000008.")
            )
        year = int(match.group(1)) if match.group(1) else None
        return int(match.group(2)), year


class LinkForm(forms.Form):
    """The day a link to an employee was made (the employee comes from the search result)."""

    on = _step_day()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("refuse", _("Refuse"))]
    )
    note = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (received and verified)")), *ReportStatus.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )
    search = forms.CharField(label=_("Search"), required=False, max_length=100)
