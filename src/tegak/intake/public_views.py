"""Public pages (no account): report, receipt, and following a report with the receipt code.

The receipt code never appears in a URL: it is shown once in the answer to the form, and the
tracking page takes it in a POST form; the reporter's access is then kept in the session for a
short while.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from tegak.core.busy import is_database_busy, with_retry_after
from tegak.core.errors import InputError
from tegak.intake import receipts, reporter_letters, selectors, services, throttle, uploads
from tegak.intake.conf import reporter_session_minutes
from tegak.intake.forms import (
    EvidenceFields,
    MessageForm,
    PublicReportForm,
    TrackForm,
    clean_without_form,
    report_input_of,
    show_every_report_error,
    show_input_error,
)
from tegak.intake.models import Report

SESSION_REPORTER = "intake_reporter"
_BUSY_MESSAGE = gettext_lazy(
    "The server is very busy at this moment and your report was NOT saved. Nothing was kept: "
    "send the form again in a few seconds. What you typed is still here; choose your files again."
)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _new_form_token() -> str:
    """A one-time token for one filling-in of the form; the report keeps its hash, so sending
    the same form again (a reload of the receipt page) makes no second report. Nothing about it
    is kept in the session: showing the form writes nothing."""
    return secrets.token_urlsafe(16)


@login_not_required
@csrf_exempt  # checked just below, once the upload guard is in place
@require_http_methods(["GET", "POST"])
def new_report(request: HttpRequest) -> HttpResponse:
    """The public report form; on success, the receipt with the code, shown this once."""
    uploads.guard(request)
    return _new_report(request)


def _bound_form(request: HttpRequest) -> PublicReportForm:
    form = PublicReportForm(request.POST, request.FILES)
    form.is_valid()
    return form


@csrf_protect
def _new_report(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        # A form object is made only to show what is wrong; a good report needs just its
        # fields' cleaned values (forms.clean_without_form, the same checks).
        form: PublicReportForm | None = None
        cleaned = clean_without_form(PublicReportForm, request.POST, request.FILES)
        if cleaned is None:
            form = _bound_form(request)
            cleaned = None if form.errors else form.cleaned_data
            if cleaned is None:
                show_every_report_error(form, date_required=True)
        if cleaned is not None:
            try:
                uploads.check(request)
                report, code = services.report_submit(
                    instansi=cleaned["instansi"],
                    data=report_input_of(cleaned),
                    client_key=throttle.client_key(request),
                    submission_token=cleaned["submission_token"],
                )
            except services.AlreadySent:
                return _no_store(render(request, "intake/public/already_sent.html", status=409))
            except InputError as error:
                if form is None:
                    form = _bound_form(request)
                show_input_error(form, error)
                status = 429 if isinstance(error, services.TooManyAttempts) else 400
            except DatabaseError as error:
                # Nothing was written (the transaction was rolled back whole, the files
                # removed): say so, keep what was typed, and ask to send again shortly.
                if not is_database_busy(error):
                    raise
                if form is None:
                    form = _bound_form(request)
                form.add_error(None, _BUSY_MESSAGE)
                status = 503
            else:
                context = {"report": report, "code": receipts.format_code(code)}
                return _no_store(render(request, "intake/public/receipt.html", context, status=201))
        else:
            status = 400
        if form is None:
            form = _bound_form(request)
        if not request.POST.get("submission_token"):
            data = request.POST.copy()
            data["submission_token"] = _new_form_token()
            form.data = data
    else:
        form = PublicReportForm(initial={"submission_token": _new_form_token()})
    context = {"form": form.for_display()}
    response = render(request, "intake/public/new.html", context, status=status)
    return _no_store(with_retry_after(response) if status == 503 else response)


def _reporter_report(request: HttpRequest) -> Report | None:
    entry = request.session.get(SESSION_REPORTER)
    if not isinstance(entry, dict):
        return None
    if entry.get("until", 0) < timezone.now().timestamp():
        request.session.pop(SESSION_REPORTER, None)
        return None
    return Report.objects.select_related("instansi").filter(pk=int(entry.get("report", 0))).first()


@login_not_required
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Enter the receipt code (in a POST form, never in the URL)."""
    status = 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            try:
                report = services.receipt_sign_in(
                    code_text=form.cleaned_data["code"], client_key=throttle.client_key(request)
                )
            except InputError as error:
                form.add_error("code", error.message)
                status = 429 if isinstance(error, services.TooManyAttempts) else 400
            else:
                request.session.cycle_key()
                until = timezone.now() + timedelta(minutes=reporter_session_minutes())
                request.session[SESSION_REPORTER] = {
                    "report": report.pk,
                    "until": until.timestamp(),
                }
                return redirect("reporting:status")
        else:
            status = 400
    else:
        form = TrackForm()
    return _no_store(render(request, "intake/public/track.html", {"form": form}, status=status))


def _outcome(report: Report) -> dict[str, Any] | None:
    """The case's result as the reporter reads it, in the page's language (None before any)."""
    outcome = report.outcome or {}
    if not outcome.get("accused"):
        return None
    language = "en" if (get_language() or "id").startswith("en") else "id"

    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return {
        "register_number": outcome.get("register_number", ""),
        "final": bool(outcome.get("final")),
        "final_on": day(outcome.get("final_on")),
        "lines": [
            {
                "number": index,
                "result": row["result"],
                "text": row["label"].get(language) or row["label"].get("id") or "",
                "on": day(row.get("on")),
                "objection": _objection_words(row.get("objection"), day),
            }
            for index, row in enumerate(outcome["accused"], start=1)
        ],
    }


# What the decision on an objection did, in words for the reporter.
OBJECTION_OUTCOME_WORDS = {
    "confirmed": gettext_lazy("the sanction was confirmed"),
    "reduced": gettext_lazy("the sanction was made lighter"),
    "increased": gettext_lazy("the sanction was made heavier"),
    "changed": gettext_lazy("the sanction was changed"),
    "revoked": gettext_lazy("the sanction was revoked"),
    "annulled": gettext_lazy("the sanction was annulled"),
}


def _objection_words(objection: dict[str, Any] | None, day: Any) -> str:
    """One sentence on an objection or appeal against the decision: filed, or decided and how."""
    if not objection:
        return ""
    appeal = objection.get("kind") == "appeal"
    filed_on, decided_on = day(objection.get("filed_on")), day(objection.get("decided_on"))
    if decided_on is not None and objection.get("outcome"):
        words = OBJECTION_OUTCOME_WORDS.get(objection["outcome"], "")
        text = (
            _("The appeal was decided on %(day)s: %(outcome)s.")
            if appeal
            else _("The objection was decided on %(day)s: %(outcome)s.")
        )
        return text % {"day": date_format(decided_on, "j F Y"), "outcome": words}
    text = (
        _("The employee appealed to BPASN on %(day)s; the result is shown here once BPASN decides.")
        if appeal
        else _(
            "The employee objected to the decision on %(day)s; the official's superior decides "
            "the objection, and the result is shown here then."
        )
    )
    return text % {"day": date_format(filed_on, "j F Y") if filed_on else "-"}


def _status_context(report: Report, **extra: Any) -> dict[str, Any]:
    # A merged report follows the case of the report it was merged into (reading C28): its
    # status and outcome, never that report's number, words or reporter.
    followed = report.followed()
    in_case = report.status == "merged" and followed.status == "in_case"
    return {
        "report": report,
        "merged_in_case": in_case,
        "outcome": _outcome(report) or (_outcome(followed) if in_case else None),
        "messages_for_reporter": selectors.messages_for_reporter(report),
        "evidence": selectors.evidence_for_reporter(report),
        "notices": _outcome_notices(report),
        "message_form": extra.pop("message_form", None) or MessageForm(),
        "evidence_form": extra.pop("evidence_form", None) or EvidenceFields(),
        **extra,
    }


@login_not_required
def report_status(request: HttpRequest) -> HttpResponse:
    """What the reporter sees: status in plain words, messages, evidence; answer and add more."""
    report = _reporter_report(request)
    if report is None:
        return redirect("reporting:track")
    return _no_store(render(request, "intake/public/status.html", _status_context(report)))


@login_not_required
@require_POST
def reporter_reply(request: HttpRequest) -> HttpResponse:
    """The reporter writes to the officers."""
    report = _reporter_report(request)
    if report is None:
        return redirect("reporting:track")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.reporter_message_send(report=report, body=form.cleaned_data["body"])
        except InputError as error:
            show_input_error(form, error)
        else:
            return redirect("reporting:status")
    context = _status_context(report, message_form=form)
    return _no_store(render(request, "intake/public/status.html", context, status=400))


@login_not_required
@csrf_exempt  # checked just below, once the upload guard is in place
@require_POST
def reporter_add_evidence(request: HttpRequest) -> HttpResponse:
    """The reporter adds files or links."""
    uploads.guard(request)
    return _reporter_add_evidence(request)


@csrf_protect
def _reporter_add_evidence(request: HttpRequest) -> HttpResponse:
    report = _reporter_report(request)
    if report is None:
        return redirect("reporting:track")
    form = EvidenceFields(request.POST, request.FILES)
    if form.is_valid():
        try:
            uploads.check(request)
            services.reporter_evidence_add(
                report=report, files=form.uploads(), links=form.link_list()
            )
        except InputError as error:
            show_input_error(form, error)
        else:
            return redirect("reporting:status")
    context = _status_context(report, evidence_form=form)
    return _no_store(render(request, "intake/public/status.html", context, status=400))


def _outcome_notices(report: Report) -> list[Any]:
    return reporter_letters.letters_for(report)


@login_not_required
@require_http_methods(["GET"])
def reporter_outcome_notice(request: HttpRequest, position: int) -> HttpResponse:
    """The pemberitahuan hasil addressed to the signed-in reporter (UU 25/2009 Pasal 50 ayat
    (9)), as a PDF: only a letter issued to this report's complainant, nothing else of the
    case; never cached by the browser or a proxy."""
    report = _reporter_report(request)
    if report is None:
        return redirect("reporting:track")
    notices = _outcome_notices(report)
    if not 1 <= position <= len(notices):
        raise Http404
    notice = notices[position - 1]
    data, content_type, extension = reporter_letters.read(notice)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="pemberitahuan-hasil-{report.reference}.{extension}"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_POST
def reporter_sign_out(request: HttpRequest) -> HttpResponse:
    """Forget the reporter's access in this browser."""
    request.session.pop(SESSION_REPORTER, None)
    return redirect("reporting:track")
