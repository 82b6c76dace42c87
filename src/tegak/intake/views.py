"""Staff pages: the queue, a report with its triage actions, staff entry, identity requests."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tegak.core.errors import InputError
from tegak.intake import access, receipts, selectors, services, validation
from tegak.intake.forms import (
    DecisionForm,
    EvidenceFields,
    ForwardForm,
    LinkForm,
    MediaReportForm,
    MergeForm,
    QueueFilterForm,
    ReasonForm,
    RejectForm,
    StaffMessageForm,
    StaffReportForm,
    VerifyForm,
    show_every_report_error,
    show_input_error,
)
from tegak.intake.models import STAFF_REPORTER_MODES, Report, ReporterMode
from tegak.people.models import Employee, Instansi


def _triage_instansi(request: HttpRequest) -> Instansi:
    ids = access.instansi_ids_with(request.user, access.TRIAGE_ROLES)
    instansi = Instansi.objects.filter(pk__in=ids).order_by("name").first()
    if instansi is None:
        raise PermissionDenied
    return instansi


@require_http_methods(["GET", "POST"])
def queue(request: HttpRequest) -> HttpResponse:
    """One queue across channels; overdue reports first.

    The filter form is sent by POST: its search text may name an accused employee, and names
    never go into a URL (where access logs and browser history would keep them).
    """
    if not access.instansi_ids_with(request.user, access.VIEW_ROLES):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    data = {key: source.get(key, "") for key in ("status", "channel", "search") if key in source}
    if request.method != "POST":
        data.pop("search", None)
    filters = QueueFilterForm(data or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    reports = selectors.report_queue(
        request.user,
        status=values.get("status", ""),
        channel=values.get("channel", ""),
        search=values.get("search", ""),
    )[:200]
    can_enter = bool(access.instansi_ids_with(request.user, access.TRIAGE_ROLES))
    context = {"reports": reports, "filters": filters, "can_enter": can_enter}
    return render(request, "intake/staff/queue.html", context)


# Forms on the same page that share field names get a prefix, so every field id is unique.
PREFIXES = {
    "verify": "verify",
    "reject": "reject",
    "forward": "forward",
    "link": "link",
    "request_identity": "identity",
}


def _detail_context(request: HttpRequest, report: Report, **forms_in_error: Any) -> dict[str, Any]:
    user = request.user
    can_triage = access.can_triage(user, report)
    # The employee search (a name or NIP) comes by POST only, never in the URL.
    query = request.POST.get("q", "") if request.method == "POST" else ""
    my_requests = report.disclosure_requests.filter(requested_by_id=user.pk).order_by(
        "-requested_at"
    )
    context = {
        "report": report,
        "can_triage": can_triage,
        "sees_original": access.sees_original_evidence(user, report),
        "accused": report.accused.select_related("employee"),
        "evidence": report.evidence.select_related("clean_copy").all(),
        "thread": selectors.messages_for_staff(user, report),
        "duplicates": selectors.duplicate_candidates(user, report) if can_triage else [],
        "merged_reports": report.merged_reports.all(),
        "employee_query": query,
        "employee_results": selectors.employees_for_linking(user, report, query),
        "my_requests": my_requests,
        "reporter_mode_label": STAFF_REPORTER_MODES.get(
            report.reporter_mode, report.get_reporter_mode_display()
        ),
        "identity_is_sealed": report.reporter_mode == ReporterMode.CONFIDENTIAL,
        "identity_is_open": report.reporter_mode == ReporterMode.OPEN,
        "forms": {
            "verify": VerifyForm(prefix=PREFIXES["verify"]),
            "reject": RejectForm(prefix=PREFIXES["reject"]),
            "forward": ForwardForm(prefix=PREFIXES["forward"]),
            "merge": MergeForm(),
            "message": StaffMessageForm(),
            "evidence": EvidenceFields(),
            "request_identity": ReasonForm(prefix=PREFIXES["request_identity"]),
            **forms_in_error,
        },
    }
    return context


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """A report with everything staff may see of it, and the triage actions (a POST here only
    searches the registry for an employee to link; it writes nothing)."""
    report = access.report_for_staff(request.user, report_id)
    return render(request, "intake/staff/detail.html", _detail_context(request, report))


def _employee(report: Report, value: str) -> Employee:
    employee = Employee.objects.filter(pk=value if value.isdigit() else 0).first()
    if employee is None:
        raise InputError("employee", _("Choose an employee from the registry."))
    return employee


# action name -> (form class, what to call with the actor, report and cleaned data, success text)
Action = tuple[type[forms.Form] | None, Callable[..., Any], Any]


def _merge_target(user: Any, report: Report, number: tuple[int, int | None]) -> Report:
    pk, year = number
    target = access.reports_for_staff(user).filter(pk=pk, instansi_id=report.instansi_id).first()
    # "LAP-2021-000008" names report 8 only when it was received in 2021 (`Report.reference`).
    if target is not None and year is not None and target.reference.split("-")[1] != str(year):
        target = None
    if target is None:
        raise InputError("into", _("There is no report with this number in your instansi."))
    return target


ACTIONS: dict[str, Action] = {
    "acknowledge": (
        None,
        lambda user, report, data, request, form: services.report_acknowledge(
            actor=user, report=report
        ),
        gettext_lazy("The report is acknowledged."),
    ),
    "link": (
        LinkForm,
        lambda user, report, data, request, form: services.report_link_employee(
            actor=user,
            report=report,
            employee=_employee(report, request.POST.get("employee", "")),
            on=data["on"],
        ),
        gettext_lazy("The employee is linked to the report."),
    ),
    "unlink": (
        None,
        lambda user, report, data, request, form: services.report_unlink_employee(
            actor=user, report=report, employee=_employee(report, request.POST.get("employee", ""))
        ),
        gettext_lazy("The link is removed."),
    ),
    "verify": (
        VerifyForm,
        lambda user, report, data, request, form: services.report_verify(
            actor=user, report=report, note=data["note"], on=data["on"]
        ),
        gettext_lazy("The report is verified."),
    ),
    "reject": (
        RejectForm,
        lambda user, report, data, request, form: services.report_reject(
            actor=user, report=report, reason=data["reason"], on=data["on"]
        ),
        gettext_lazy("The report is rejected; the reporter can read the reason."),
    ),
    "forward": (
        ForwardForm,
        lambda user, report, data, request, form: services.report_forward(
            actor=user, report=report, **data
        ),
        gettext_lazy("The report is recorded as forwarded."),
    ),
    "merge": (
        MergeForm,
        lambda user, report, data, request, form: services.report_merge(
            actor=user,
            report=report,
            into=_merge_target(user, report, data["into"]),
            on=data["on"],
        ),
        gettext_lazy("The report is merged."),
    ),
    "message": (
        StaffMessageForm,
        lambda user, report, data, request, form: services.message_send(
            actor=user, report=report, body=data["body"], internal=data["internal"]
        ),
        gettext_lazy("The message is saved."),
    ),
    "evidence": (
        EvidenceFields,
        lambda user, report, data, request, form: services.staff_evidence_add(
            actor=user, report=report, files=form.uploads(), links=form.link_list()
        ),
        gettext_lazy("The evidence is added."),
    ),
    "request_identity": (
        ReasonForm,
        lambda user, report, data, request, form: services.disclosure_request_create(
            actor=user, report=report, reason=data["reason"]
        ),
        gettext_lazy("Your request is sent to the custodian."),
    ),
}


@require_POST
def report_action(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    """Run one triage action; on bad input show the report again with the error at its field."""
    report = access.report_for_staff(request.user, report_id)
    if action not in ACTIONS:
        raise Http404
    form_class, call, success = ACTIONS[action]
    prefix = PREFIXES.get(action)
    form = form_class(request.POST, request.FILES, prefix=prefix) if form_class else None
    try:
        if form is not None and not form.is_valid():
            raise InputError("", _("Please correct the fields marked below."))
        data = dict(form.cleaned_data) if form is not None else {}
        call(request.user, report, data, request, form)
    except InputError as error:
        if form is not None:
            if error.field:
                show_input_error(form, error)
            forms_in_error = {action: form}
        else:
            forms_in_error = {}
            messages.error(request, error.message)
        context = _detail_context(request, report, **forms_in_error)
        context["error_action"] = action
        return render(request, "intake/staff/detail.html", context, status=400)
    messages.success(request, str(success))
    return redirect("intake:detail", report_id=report.pk)


@require_POST
def open_identity(request: HttpRequest, report_id: int) -> HttpResponse:
    """Show the reporter's identity to an officer allowed to see it (each time recorded)."""
    report = access.report_for_staff(request.user, report_id)
    try:
        identity = services.identity_open(actor=request.user, report=report)
    except InputError as error:
        messages.error(request, error.message)
        return redirect("intake:detail", report_id=report.pk)
    except PermissionDenied:
        messages.error(
            request,
            _("The identity opens only with a request of yours that the custodian approved."),
        )
        return redirect("intake:detail", report_id=report.pk)
    response = render(
        request, "intake/staff/identity.html", {"report": report, "identity": identity}
    )
    response["Cache-Control"] = "no-store"
    return response


def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The original for the intake and examination team; the cleaned copy for everyone else."""
    evidence = access.evidence_for_staff(request.user, evidence_id)
    if evidence.kind != "file":
        raise Http404
    wants_copy = request.GET.get("salinan") == "1"
    copy = getattr(evidence, "clean_copy", None)
    if access.sees_original_evidence(request.user, evidence.report) and not wants_copy:
        handle, media_type = evidence.original, evidence.media_type
    elif copy is not None:
        handle, media_type = copy.file, copy.media_type
    else:
        raise Http404
    extension = mimetypes.guess_extension(media_type) or ".bin"
    response = FileResponse(
        handle.open("rb"),
        as_attachment=True,
        filename=f"bukti-{evidence.pk}{'-salinan' if handle is not evidence.original else ''}"
        f"{extension}",
        content_type=media_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _entry_result(request: HttpRequest, report: Report, code: str | None) -> HttpResponse:
    context = {"report": report, "code": receipts.format_code(code) if code else None}
    response = render(request, "intake/staff/entered.html", context, status=201)
    response["Cache-Control"] = "no-store"
    return response


def staff_entry(request: HttpRequest) -> HttpResponse:
    """Enter a report received by letter, telephone, in person or from LAPOR!."""
    instansi = _triage_instansi(request)
    status = 200
    if request.method == "POST":
        form = StaffReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report, code = services.report_create_by_staff(
                    actor=request.user,
                    instansi=instansi,
                    channel=form.cleaned_data["channel"],
                    data=form.report_input(),
                    received_on=validation.parse_date(
                        "received_on", form.cleaned_data["received_on"]
                    ),
                    received_time=validation.parse_time(
                        "received_time", form.cleaned_data["received_time"]
                    ),
                    lapor_tracking_number=form.cleaned_data["lapor_tracking_number"],
                    letter_reference=form.cleaned_data["letter_reference"],
                )
            except InputError as error:
                show_input_error(form, error)
            else:
                return _entry_result(request, report, code)
        else:
            show_every_report_error(form, date_required=False)
        status = 400
    else:
        form = StaffReportForm()
    return render(
        request, "intake/staff/entry.html", {"form": form, "instansi": instansi}, status=status
    )


def media_entry(request: HttpRequest) -> HttpResponse:
    """Open a report from a news article or social-media post."""
    instansi = _triage_instansi(request)
    status = 200
    if request.method == "POST":
        form = MediaReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create_from_media(
                    actor=request.user,
                    instansi=instansi,
                    source_url=data["source_url"],
                    text=data["text"],
                    seen_on=validation.parse_date("seen_on", data["seen_on"]),
                    published_on=validation.parse_date("published_on", data["published_on"]),
                    outlet=data["outlet"],
                    summary=data["summary"],
                    accused_text=data["accused_text"],
                    occurred_on=validation.parse_date("occurred_on", data["occurred_on"]),
                    occurred_time=validation.parse_time("occurred_time", data["occurred_time"]),
                    occurred_timezone=data["occurred_timezone"],
                    location=data["location"],
                )
            except InputError as error:
                show_input_error(form, error)
            else:
                return _entry_result(request, report, None)
        status = 400
    else:
        form = MediaReportForm()
    return render(
        request, "intake/staff/media.html", {"form": form, "instansi": instansi}, status=status
    )


def disclosure_list(request: HttpRequest) -> HttpResponse:
    """The custodian's list of requests to open identities."""
    if not access.instansi_ids_with(request.user, access.CUSTODIAN_ROLES):
        raise PermissionDenied
    requests = selectors.disclosure_requests_for_custodian(request.user)
    return render(
        request, "intake/staff/disclosures.html", {"requests": requests, "form": DecisionForm()}
    )


@require_POST
def disclosure_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """The custodian approves or refuses a request, with reasons."""
    disclosure = access.disclosure_for_custodian(request.user, request_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_request_decide(
                actor=request.user,
                request=disclosure,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except InputError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The decision is recorded."))
    else:
        messages.error(request, _("Choose a decision and give your reasons."))
    return redirect("intake:disclosures")
