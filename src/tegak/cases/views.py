"""Staff pages of the case file: list, open, case page, handlers, statements, and each step."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tegak.cases import (
    access,
    authority,
    clocks,
    cover_up,
    legal_basis,
    posts,
    selectors,
    services,
    sources,
    workflow,
)
from tegak.cases.forms import (
    AllegationAddForm,
    CaseFilterForm,
    HandlerForm,
    OpenFromReportPageForm,
    OpenPageForm,
    StatedPostFields,
    StatedPostForm,
    StatementForm,
    SubordinateElsewhereForm,
    SubordinateRemoveForm,
)
from tegak.cases.group import group_offers
from tegak.cases.models import Case
from tegak.cases.steps import ACTIONS, initial_for
from tegak.cases.timeline import case_timeline
from tegak.cases.workflow import STEPS, actor_roles, allowed_steps, check_actor
from tegak.core import page_memo
from tegak.core.access import Role, has_role, instansi_ids_with
from tegak.core.errors import InputError
from tegak.intake import access as intake_access
from tegak.law import labels
from tegak.people.models import Instansi
from tegak.people.selectors import employee_search

FIELD_ALIASES = {
    "committed_at": "committed_time",
    "claimed_at": "claimed_time",
    "employee": "accused",
}
# A stated post's own form names its fields without the "post_" of the opening form.
POST_ALIASES = {"post_name": "position_name", "post_is_head": "is_head"}
PAGE_SIZE = 25


def _actor(request: HttpRequest) -> Any:
    """The logged-in staff member (the login middleware lets no one else through)."""
    return request.user


def show_error(form: forms.Form, error: InputError | PermissionDenied) -> None:
    """Put a service's refusal on the form: on its field when the form has it, else on top."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You may not do this."))
        return
    field = error.field.rsplit(".", 1)[-1]
    alias = FIELD_ALIASES.get(field, field)
    field = alias if alias in form.fields else field
    if field not in form.fields and field.startswith("post_"):
        field = POST_ALIASES.get(field, field.removeprefix("post_"))
    form.add_error(field if field in form.fields else None, error.message)


OPEN_ROLES = {Role.INTAKE_OFFICER, Role.EXAMINER, Role.ADMINISTRATOR}
OPEN_FROM_REPORT_ROLES = {Role.INTAKE_OFFICER}


def _instansi_choices(request: HttpRequest, roles: set[Role]) -> list[Instansi]:
    """The instansi where the user holds one of the roles, by name (refused when none)."""
    ids = instansi_ids_with(_actor(request), roles)
    choices = list(Instansi.objects.filter(pk__in=ids).order_by("name"))
    if not choices:
        raise PermissionDenied
    return choices


def _chosen_instansi(request: HttpRequest, choices: list[Instansi]) -> Instansi | None:
    """The instansi the user opens a case in, chosen explicitly: the one named by `?instansi=`
    (404 when it is not one of theirs), else their only one; None when they hold the role in
    several and have not chosen (the page then asks). Never silently the first of several."""
    code = request.GET.get("instansi", "").strip()
    if code:
        found = next((item for item in choices if item.code == code), None)
        if found is None:
            raise Http404
        return found
    return choices[0] if len(choices) == 1 else None


def _choose_page(
    request: HttpRequest, choices: list[Instansi], *, from_report: bool
) -> HttpResponse:
    """Ask a user with roles in several instansi which one the case belongs to."""
    options = []
    for item in choices:
        query = request.GET.copy()
        query["instansi"] = item.code
        options.append({"instansi": item, "url": f"{request.path}?{query.urlencode()}"})
    context = {"options": options, "from_report": from_report}
    return render(request, "cases/choose_instansi.html", context)


def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the user may see, filtered and paginated (HTMX swaps the table on filter).

    Filters come by POST, so a search for a person's name never lands in a URL, a browser
    history or a proxy's access log; pagination re-posts them.
    """
    source = request.POST if request.method == "POST" else request.GET
    filters = CaseFilterForm(source or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.case_list(
        _actor(request),
        status=values.get("status", ""),
        origin=values.get("origin", ""),
        stage=values.get("stage", ""),
        query=values.get("query", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(source.get("page"))
    carry = [
        (name, value)
        for name, value in source.items()
        if name not in {"page", "csrfmiddlewaretoken"} and value
    ]
    roles = set(_actor(request).roles.values_list("role", flat=True))
    context = {
        "page": page,
        "filters": filters,
        "carry": carry,
        "can_open": workflow.may(roles, "case_open"),
        "can_open_from_report": workflow.may(roles, "case_open_from_reports"),
        "notice_count": selectors.notifications_for(_actor(request)).count(),
    }
    template = "cases/_table.html" if getattr(request, "htmx", False) else "cases/list.html"
    return render(request, template, context)


def notices(request: HttpRequest) -> HttpResponse:
    """The user's unread notices: reminders, escalations, the duty of superiors."""
    rows = selectors.notifications_for(_actor(request)).order_by("-created_at")[:200]
    return render(request, "cases/notices.html", {"notices": rows})


def _open_page(
    request: HttpRequest,
    form: Any,
    *,
    from_report: bool,
    instansi: Instansi,
    choices: list[Instansi],
    searched: bool = False,
) -> HttpResponse:
    post_fields = set(StatedPostFields.POST_FIELDS)
    context = {
        "form": form,
        "from_report": from_report,
        "instansi": instansi,
        "several_instansi": len(choices) > 1,
        "post_fields": post_fields,
        "post_open": any(name in form.errors for name in post_fields)
        or any(form.data.get(name) for name in post_fields),
        "searched": searched,
        "found": form.found,
        "without_post": _without_post(form),
    }
    status = 400 if form.errors else 200
    return render(request, "cases/open.html", context, status=status)


def _without_post(form: Any) -> list[Any]:
    """The ticked accused who held no registry post on the offence day typed (they need the
    post held then stated below); empty until a day is given."""
    day = forms.DateField(required=False)
    try:
        committed_on = day.clean(form.data.get("committed_on") or None)
    except forms.ValidationError:
        return []
    if committed_on is None:
        return []
    ticked = {value for value in form.data.getlist("accused") if value.isdigit()}
    if not ticked and not form.is_bound:
        ticked = {str(value) for value in form.initial.get("accused", [])}
    people = form.fields["accused"].queryset.filter(pk__in=ticked)
    return [person for person in people if posts.post_on(person, committed_on) is None]


def _picker(request: HttpRequest, instansi: Instansi) -> tuple[str, list[Any], Any]:
    """The picker's search (sent by POST only: it may carry a person's name) and the data with
    every found employee ticked when asked ("tick all found"). The action is `do`: `find`,
    `tick_all`, or anything else to open the case."""
    if request.method != "POST":
        return "", [], None
    action = request.POST.get("do", "")
    found = employee_search(instansi, request.POST.get("find", ""))
    if action != "tick_all":
        return action, found, request.POST
    data: QueryDict = request.POST.copy()
    ticked = data.getlist("accused") or data.getlist("employee")
    data.setlist("accused", [*ticked, *(str(person.pk) for person in found)])
    return action, found, data


def _searching(form: Any, action: str) -> bool:
    """A search re-shows the form as typed, without marking fields not filled yet."""
    if action not in {"find", "tick_all"}:
        return False
    form._errors = ErrorDict()
    return True


def case_open(request: HttpRequest) -> HttpResponse:
    """Open a case ex officio (a superior's own knowledge)."""
    choices = _instansi_choices(request, OPEN_ROLES)
    instansi = _chosen_instansi(request, choices)
    if instansi is None:
        return _choose_page(request, choices, from_report=False)
    action, found, data = _picker(request, instansi)
    form = OpenPageForm(data, instansi=instansi, found=found)
    searched = _searching(form, action)
    if request.method == "POST" and not searched and form.is_valid():
        try:
            case = services.case_open_ex_officio(
                actor=_actor(request),
                instansi=instansi,
                allegations=form.allegations(),
                summary=form.cleaned_data.get("summary") or "",
                known_to_superior_on=form.cleaned_data.get("known_to_superior_on"),
                stated_posts=form.stated_posts(),
                opened_on=form.cleaned_data.get("opened_on"),
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Case %(number)s opened.") % {"number": case.register_number}
            )
            return redirect("cases:detail", case_id=case.pk)
    return _open_page(
        request, form, from_report=False, instansi=instansi, choices=choices, searched=searched
    )


def _report_refusal(report: Any) -> str:
    """Why this report cannot be taken into a case ("" when it can: verified, not yet in one)."""
    reference = report.reference
    if report.status == "verified":
        return ""
    if report.status == "in_case":
        return _(
            "Report %(reference)s is already in case %(case)s. Open that case to add to it."
        ) % {"reference": reference, "case": report.case_reference}
    if report.status == "merged":
        into = report.merged_into.reference if report.merged_into else ""
        return _(
            "Report %(reference)s was merged into report %(into)s. Open the case from that report."
        ) % {"reference": reference, "into": into}
    if report.status == "rejected":
        return _("Report %(reference)s was rejected: it cannot be taken into a case.") % {
            "reference": reference
        }
    if report.status == "forwarded":
        return _(
            "Report %(reference)s was forwarded to another body: it cannot be taken into a case."
        ) % {"reference": reference}
    return _(
        "Report %(reference)s has not been verified yet. Verify it first, then open the case."
    ) % {"reference": reference}


def _report_not_usable(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The open-from-report page refused: it says why and opens nothing."""
    context = {"message": message}
    return render(request, "cases/open_report_refused.html", context, status=status)


def case_open_from_report(request: HttpRequest) -> HttpResponse:
    """Open a case from a verified report, in one form: the employees linked to the report in
    triage come ticked as accused; more can be found and ticked.

    With `?report=<id>` the form opens from exactly that report, never another: a report that
    cannot be found among the user's, or cannot be taken into a case (already in one, merged,
    rejected, forwarded, not verified), is refused with the reason and nothing is opened."""
    from tegak.intake.access import TRIAGE_ROLES, reports_for_staff

    choices = _instansi_choices(request, OPEN_FROM_REPORT_ROLES)
    # Never a report naming the officer as accused (#12 item 4).
    readable = reports_for_staff(request.user, TRIAGE_ROLES).filter(
        instansi__in=[item.pk for item in choices]
    )
    visible = readable.filter(status="verified")
    wanted = request.GET.get("report", "").strip()
    chosen = None
    if wanted:
        asked = None
        if wanted.isdigit() and len(wanted) < 12:
            asked = readable.select_related("merged_into").filter(pk=int(wanted)).first()
        if asked is None:
            message = _(
                "Report %(number)s cannot be found among the reports you may take into a case."
            ) % {"number": wanted[:12]}
            return _report_not_usable(request, message, 404)
        refusal = _report_refusal(asked)
        if refusal:
            return _report_not_usable(request, refusal, 409)
        chosen = asked
    instansi = _chosen_instansi(request, choices)
    if chosen is not None:
        # The report names its instansi; another chosen in the address is not this report's.
        if instansi is not None and instansi.pk != chosen.instansi_id:
            raise Http404
        instansi = next(item for item in choices if item.pk == chosen.instansi_id)
    if instansi is None:
        return _choose_page(request, choices, from_report=True)
    reports = [chosen] if chosen else list(visible.filter(instansi=instansi).order_by("-id")[:200])
    preset = [link.employee for link in chosen.accused.select_related("employee")] if chosen else []
    action, found, data = _picker(request, instansi)
    form = OpenFromReportPageForm(
        data,
        instansi=instansi,
        reports=reports,
        found=found,
        preset=preset,
        initial={"report": str(chosen.pk) if chosen else ""},
    )
    searched = _searching(form, action)
    if request.method == "POST" and not searched and form.is_valid():
        report = form.reports[form.cleaned_data["report"]]
        try:
            case = services.case_open_from_reports(
                actor=_actor(request),
                reports=[report],
                allegations=form.allegations(),
                summary=form.cleaned_data.get("summary") or "",
                known_to_superior_on=form.cleaned_data.get("known_to_superior_on"),
                stated_posts=form.stated_posts(),
                opened_on=form.cleaned_data.get("opened_on"),
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Case %(number)s opened.") % {"number": case.register_number}
            )
            return redirect("cases:detail", case_id=case.pk)
    return _open_page(
        request,
        form,
        from_report=True,
        instansi=instansi,
        choices=choices,
        searched=searched,
    )


# At most this many days of attendance are shown beside the evidence on a case page.
ATTENDANCE_DAYS_SHOWN = 10


def _finding_key(accused: Any) -> str:
    """Everything the "Finding of the rules engine" block shows for an accused: two accused with
    the same key read the same block (labels included: an instansi's own sanction types are
    named from the finding)."""
    finding = accused.finding or {}
    shown = [
        finding.get(name)
        for name in (
            "regulation",
            "regulation_id",
            "instansi_rule_version",
            "as_of",
            "level",
            "sanction",
            "allowed_sanctions",
            "sanction_labels",
            "examination_team",
            "basis",
            "human_review",
        )
    ]
    shown += [(finding.get("authority") or {}).get("role"), accused.engine_version]
    shown += [accused.finding_as_of]
    return json.dumps(shown, sort_keys=True, default=str)


def _shared_findings(sections: list[dict[str, Any]]) -> None:
    """Seven TKK of one case had seven identical rules-engine blocks (seed walk h3, F11): the
    first accused of each group with the same finding shows it once, naming all of them; the
    others point to it. Steps, summonses, decisions and attendance stay per person."""
    groups: dict[str, list[Any]] = {}
    for section in sections:
        groups.setdefault(_finding_key(section["accused"]), []).append(section["accused"])
    for section in sections:
        group = groups[_finding_key(section["accused"])]
        section["finding_group"] = group if len(group) > 1 else []
        section["finding_shown_at"] = None if group[0] is section["accused"] else group[0]


def _attendance_days(accused: Any, timeline: list[Any]) -> list[dict[str, Any]]:
    """The accused's check-ins and leave on the days in question (the allegations' days and the
    days of evidence and statements about them), with those moments drawn on the same bar."""
    days = {allegation.committed_on for allegation in accused.allegations.all()}
    marks = []
    for entry in timeline:
        if entry.kind == "step" or not entry.concerns(accused.pk):
            continue
        days.add(entry.day)
        if entry.moment is not None:
            marks.append({"at": entry.moment, "label": entry.title})
    return sources.attendance_for_timeline(
        accused.employee, sorted(days)[:ATTENDANCE_DAYS_SHOWN], marks=marks
    )


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: accused with their stage and finding, next actions, timeline, deadlines."""
    # The deadlines, the timeline, the attendance days and each accused's post and superiors
    # read the same calendars and registry: once for the page (the page only reads).
    with page_memo.kept():
        return _case_page(request, case_id)


def _cover_up_section(case: Case, accused: Any, roles: set[str]) -> dict[str, Any]:
    """A superior accused of not acting on a subordinate's offence: the subordinates handled
    outside this case, each with the sanction weighed, and whether more may be recorded."""
    if not any(item.provision in cover_up.FAILURE_TO_ACT for item in accused.allegations.all()):
        return {"failure_to_act": False}
    labels_by_code = dict(services.sanction_choices())
    entries = [
        {
            "entry": entry,
            "sanction": labels_by_code.get(code, code)
            if (code := cover_up.elsewhere_sanction(entry))
            else "",
        }
        for entry in accused.subordinates_elsewhere.select_related(
            "employee", "linked__case", "linked__decision__objection"
        )
    ]
    may = (
        case.status == "open"
        and accused.stage in {str(stage) for stage in workflow.BEFORE_DECISION}
        and bool(set(roles) & {str(role) for role in workflow.roles_for("post_state")})
    )
    return {"failure_to_act": True, "elsewhere": entries, "may_state_subordinate": may}


def _case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for(_actor(request), case_id)
    detail = selectors.case_detail(case)
    roles = actor_roles(_actor(request), case)
    sections = []
    timeline = case_timeline(case, detail["accused"])
    for accused in detail["accused"]:
        # The post and the chain of superiors as they stood on the day of the offence (the
        # engine weighs them on that day), not today's: people move and superiors change.
        offence_day = workflow.offence_start(accused) or case.known_to_superior_on
        chain = posts.supervisor_chain(accused.employee, offence_day, case)
        examiner, replaced = services.expected_examiner(
            accused,
            case.known_to_superior_on,
            chain=chain if offence_day == case.known_to_superior_on else None,
        )
        # The chain stops at the top of the tree or at someone whose post that day neither the
        # registry nor the case knows: then their superior cannot be named until it is stated.
        last = chain[-1] if chain else accused.employee
        post_missing = last if posts.post_on(last, offence_day, case) is None else None
        sections.append(
            {
                "accused": accused,
                "steps": [
                    {
                        "name": item.name,
                        "label": item.label,
                        "url": reverse(
                            f"{ACTIONS[item.name].app}:step",
                            args=[case.pk, accused.pk, item.name],
                        ),
                    }
                    for item in allowed_steps(_actor(request), accused, roles)
                    if item.name in ACTIONS
                ],
                "examiner": examiner,
                "replaced": replaced,
                "chain": chain,
                "offence_day": offence_day,
                "post": posts.post_on(accused.employee, offence_day, case),
                "post_missing": post_missing,
                "amend_url": reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"])
                if workflow.may(roles, "decision_amend", accused.stage)
                else "",
                "attendance_days": _attendance_days(accused, timeline),
                **_cover_up_section(case, accused, roles),
            }
        )
    _shared_findings(sections)
    context = {
        "case": case,
        "sections": sections,
        "handlers": detail["handlers"],
        "clock_rows": selectors.deadline_rows(case),
        # PPPK and non-ASN staff for whom no law sets the procedure's periods and the
        # installation keeps no office limits (reading C20): said, not left as a blank.
        "no_legal_deadlines": [
            accused.employee.full_name
            for accused in detail["accused"]
            if not legal_basis.keeps_clock(accused, clocks.SUPERIOR_DUTY_BASIS)
        ],
        "reports": detail["reports"],
        "evidence": selectors.case_evidence(case),
        # The reporter's own account (never their identity, which stays sealed), to those who
        # see the case, except anyone named as accused in that report.
        "accounts": list(
            intake_access.without_accused(_actor(request), selectors.case_reports(case)).only(
                "pk", "summary", "description", "received_at", "merged_into_id"
            )
        ),
        "sees_original": has_role(
            _actor(request), intake_access.ORIGINAL_EVIDENCE_ROLES, case.instansi_id
        ),
        "history": detail["history"],
        "timeline": timeline,
        "stated_posts": list(
            case.stated_posts.select_related("employee", "unit", "superior").order_by("start")
        ),
        "notifications": selectors.notifications_for(_actor(request), case),
        "deviations": authority.deviations(case),
        "capacities": authority.capacities(case),
        "group_offers": group_offers(roles, case, detail["accused"]),
        "can_assign": workflow.may(roles, "handler_assign"),
        "can_state": case.status == "open" and workflow.may(roles, "statement_record"),
        "can_allege": case.status == "open" and workflow.may(roles, "allegation_add"),
    }
    return render(request, "cases/detail.html", context)


def evidence_download(request: HttpRequest, case_id: int, evidence_id: int) -> FileResponse:
    """A file of the reports the case rests on, for those who may see the case: the original
    for the intake and examination team (as on the report's page), the cleaned copy for the
    others; 404 to anyone named as accused in the report, as the report itself is."""
    case = access.case_for(_actor(request), case_id)
    evidence = next(
        (item for item in selectors.case_evidence(case) if item.pk == evidence_id), None
    )
    if (
        evidence is None
        or evidence.kind != "file"
        or intake_access.is_accused_in(request.user, evidence.report)
    ):
        raise Http404
    copy = getattr(evidence, "clean_copy", None)
    wants_copy = request.GET.get("salinan") == "1"
    if (
        intake_access.sees_original_evidence(request.user, evidence.report)
        and not wants_copy
        and evidence.original
    ):
        handle, media_type = evidence.original, evidence.media_type
    elif copy is not None:
        handle, media_type = copy.file, copy.media_type
    else:
        raise Http404
    extension = mimetypes.guess_extension(media_type) or ".bin"
    copied = "-salinan" if handle is not evidence.original else ""
    response = FileResponse(
        handle.open("rb"),
        as_attachment=True,
        filename=f"bukti-{evidence.pk}{copied}{extension}",
        content_type=media_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def handler_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for(_actor(request), case_id)
    form = HandlerForm(request.POST or None, instansi=case.instansi)
    if request.method == "POST" and form.is_valid():
        try:
            handler = services.handler_assign(actor=_actor(request), case=case, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Assigned."))
            outside = services.assignment_outside_the_law(handler)
            if outside:
                messages.warning(request, outside)
            return redirect("cases:detail", case_id=case.pk)
    return _form_page(request, case, form, _("Assign a handler"))


@require_POST
def handler_end(request: HttpRequest, case_id: int, handler_id: int) -> HttpResponse:
    """End an assignment made by mistake or no longer needed (the record stays, audited)."""
    case = access.case_for(_actor(request), case_id)
    handler = case.handlers.select_related("user").filter(pk=handler_id).first()
    if handler is None:
        raise Http404
    try:
        services.handler_remove(actor=_actor(request), handler=handler)
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The assignment has ended."))
    return redirect("cases:detail", case_id=case.pk)


def statement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for(_actor(request), case_id)
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.statement_record(
                actor=_actor(request),
                case=case,
                source=data["source"],
                given_on=data["given_on"],
                text=data["text"],
                claimed_at=form.claimed_at(case.instansi),
                claims_within_working_hours=form.claims_within(),
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Statement recorded."))
            return redirect("cases:detail", case_id=case.pk)
    return _form_page(request, case, form, _("Record a statement"))


def stated_post_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """State the post someone held then, where the registry has none."""
    case = access.case_for(_actor(request), case_id)
    initial: dict[str, Any] = {}
    employee_id = request.GET.get("employee", "")
    if employee_id.isdigit():
        initial["employee"] = int(employee_id)
    day = request.GET.get("day", "")
    if day:
        initial["start"] = day
    form = StatedPostForm(request.POST or None, instansi=case.instansi, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stated_post_record(actor=_actor(request), case=case, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Post recorded with its source."))
            return redirect("cases:detail", case_id=case.pk)
    return _form_page(request, case, form, _("State the post held then"))


def subordinate_elsewhere_add(request: HttpRequest, case_id: int, accused_id: int) -> HttpResponse:
    """Record a subordinate whose offence the accused superior did not act on, handled outside
    this case (PP 94/2021 Pasal 24 ayat (3), Pasal 28 ayat (2))."""
    case = access.case_for(_actor(request), case_id)
    accused = case.accused.select_related("employee").filter(pk=accused_id).first()
    if accused is None:
        raise Http404
    form = SubordinateElsewhereForm(
        request.POST or None, instansi=case.instansi, superior=accused.employee
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.subordinate_elsewhere_record(
                actor=_actor(request), accused=accused, **form.cleaned_data
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Subordinate recorded; the finding was weighed again."))
            return redirect("cases:detail", case_id=case.pk)
    title = _("Subordinate handled elsewhere: %(name)s") % {"name": accused.employee.full_name}
    return _form_page(request, case, form, title)


@require_POST
def subordinate_elsewhere_remove(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    """Take back a subordinate recorded by mistake, with a reason."""
    case = access.case_for(_actor(request), case_id)
    entry = case.subordinates_elsewhere.select_related("accused").filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    form = SubordinateRemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise InputError("reason", _("Give the reason (at least 10 characters)."))
        services.subordinate_elsewhere_remove(
            actor=_actor(request), entry=entry, reason=form.cleaned_data["reason"]
        )
    except (InputError, PermissionDenied) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(request, _("Subordinate removed; the finding was weighed again."))
    return redirect("cases:detail", case_id=case.pk)


def allegation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add an allegation: the provision chosen from the catalogue of the regulation that governs
    the accused on the offence day ("list" re-shows the catalogue for the accused and day)."""
    case = access.case_for(_actor(request), case_id)
    initial: dict[str, Any] = {}
    first = case.allegations.order_by("committed_on", "id").first()
    if first is not None:
        initial = {"employee": first.accused.employee_id, "committed_on": first.committed_on}
    data = request.POST if request.method == "POST" else None
    form = AllegationAddForm(data, instansi=case.instansi, initial=initial)
    listing = request.POST.get("do") == "list"
    if listing:
        # Listing the catalogue again re-shows the form as typed, without marking fields.
        form.full_clean()
        form._errors = ErrorDict()  # type: ignore[attr-defined]
    if data is not None and not listing and form.is_valid():
        try:
            row = services.allegation_add(
                actor=_actor(request), case=case, allegation=form.allegation()
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Allegation added; the finding was re-run."))
            for handler, reason in getattr(row, "ended_assignments", []):
                messages.warning(
                    request,
                    _(
                        "%(name)s can no longer handle this case as %(role)s: %(reason)s The "
                        "assignment was ended; assign someone else."
                    )
                    % {
                        "name": handler.user.get_full_name() or handler.user.get_username(),
                        "role": handler.get_role_display(),
                        "reason": reason,
                    },
                )
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if data is not None and not listing and form.errors else 200
    context = {"case": case, "form": form, "listing": listing}
    return render(request, "cases/allegation_add.html", context, status=status)


def _form_page(
    request: HttpRequest, case: Case, form: forms.Form, title: Any, **extra: Any
) -> HttpResponse:
    status = 400 if form.errors else 200
    context = {"case": case, "form": form, "title": title, **extra}
    return render(request, "cases/form.html", context, status=status)


def step(
    request: HttpRequest, case_id: int, accused_id: int, step_name: str, app: str
) -> HttpResponse:
    """One step of the procedure for one accused: its form, then its service."""
    action = ACTIONS.get(step_name)
    if action is None or action.app != app:
        raise Http404
    accused = access.accused_for(_actor(request), case_id, accused_id)
    # The same rule for the form (GET) as for taking the step (POST): a role that may not act
    # gets no form (403).
    check_actor(_actor(request), accused.case, step_name)
    form = action.form(
        request.POST or None, accused=accused, initial=initial_for(step_name, accused)
    )
    if request.method == "POST" and form.is_valid():
        try:
            action.run(_actor(request), accused, dict(form.cleaned_data))
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Recorded: %(step)s.") % {"step": STEPS[step_name].label})
            return redirect("cases:detail", case_id=accused.case_id)
    return _form_page(
        request,
        accused.case,
        form,
        STEPS[step_name].label,
        accused=accused,
        basis=labels.engine_text(legal_basis.step_basis(accused, step_name)),
    )
