"""The case file over REST: the same forms and services as the staff pages.

Bodies are JSON objects with the same fields as the page forms; a refusal answers 400 with the
contract's `{"error": {"field", "message"}}`, a missing right 403, anything out of sight 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema, Status

from tegak.cases import access, selectors, services, texts, workflow
from tegak.cases.forms import (
    AllegationFields,
    CaseFilterForm,
    HandlerForm,
    OpenForm,
    StatedPostFields,
    StatementForm,
)
from tegak.cases.models import Accused, Case
from tegak.cases.steps import ACTIONS
from tegak.cases.workflow import allowed_steps
from tegak.core.errors import InputError
from tegak.people.models import Instansi

router = Router(tags=["cases"])


class ErrorOut(Schema):
    error: dict[str, Any]


class ClockOut(Schema):
    name: str
    step: str
    due: date
    basis: str
    paused: bool
    met_on: date | None
    kind: str = Field(description="duty (of the office), right (of the accused) or date")
    mark: str = Field(
        description=(
            "kept, late, open, overdue, paused, not_needed, not_applicable; empty for a right or "
            "a date"
        )
    )
    not_applicable: str = Field(
        "", description="why the duty has nobody to be kept towards (English), when it has not"
    )
    office_limit: bool = Field(
        False,
        description=(
            "a time limit the office keeps where no law sets one (PPPK, non-ASN staff): it "
            "reminds, but is no legal deadline kept or missed and never a reason to refuse a step"
        ),
    )


class AccusedOut(Schema):
    id: int
    employee_id: int
    stage: str
    finding: dict[str, Any]
    engine_version: str
    finding_as_of: date | None
    superior_duty_flagged_on: date | None
    effective_on: date | None
    final_on: date | None
    next_steps: list[str]
    decision: dict[str, Any] | None


class CaseOut(Schema):
    id: int
    register_number: str
    instansi: str
    status: str
    origin: str
    opened_on: date
    known_to_superior_on: date
    closed_on: date | None
    accused: list[AccusedOut]
    clocks: list[ClockOut]


class CaseRowOut(Schema):
    id: int
    register_number: str
    status: str
    origin: str
    opened_on: date
    accused_count: int
    next_due: date | None


class CaseListOut(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseRowOut]


def _actor(request: HttpRequest) -> Any:
    """The authenticated staff member (ninja's auth ran before the handler)."""
    return request.user


def _decision(accused: Accused) -> dict[str, Any] | None:
    decision = getattr(accused, "decision", None)
    if decision is None:
        return None
    delivery = getattr(decision, "delivery", None)
    return {
        "sanction_code": decision.sanction_code,
        "decided_on": decision.decided_on,
        "outside_allowed": decision.outside_allowed,
        "justification": decision.justification,
        "received_on": delivery.received_on if delivery else None,
        "window_closes_on": delivery.window_closes_on if delivery else None,
        "effective_on": delivery.effective_on if delivery else None,
    }


def _case_out(actor: Any, case: Case) -> dict[str, Any]:
    detail = selectors.case_detail(case)
    return {
        "id": case.pk,
        "register_number": case.register_number,
        "instansi": case.instansi.code,
        "status": case.status,
        "origin": case.origin,
        "opened_on": case.opened_on,
        "known_to_superior_on": case.known_to_superior_on,
        "closed_on": case.closed_on,
        "accused": [
            {
                "id": accused.pk,
                "employee_id": accused.employee_id,
                "stage": accused.stage,
                "finding": accused.finding,
                "engine_version": accused.engine_version,
                "finding_as_of": accused.finding_as_of,
                "superior_duty_flagged_on": accused.superior_duty_flagged_on,
                "effective_on": accused.effective_on,
                "final_on": accused.final_on,
                "next_steps": [step.name for step in allowed_steps(actor, accused)],
                "decision": _decision(accused),
            }
            for accused in detail["accused"]
        ],
        "clocks": [
            {
                "name": row["name"],
                "step": row["clock"].step,
                "due": row["due"],
                "basis": row["basis"],
                "paused": row["clock"].paused,
                "met_on": row["met_on"],
                "kind": row["kind"],
                "mark": row["mark"],
                "not_applicable": row["clock"].not_applicable,
                "office_limit": row["office"],
            }
            for row in selectors.deadline_rows(case)
        ],
    }


def _form_error(form: forms.Form) -> InputError:
    field, errors = next(iter(form.errors.items()))
    return InputError("" if field == "__all__" else field, str(errors[0]))


def _refusal(error: InputError | PermissionDenied) -> Status:
    if isinstance(error, PermissionDenied):
        return Status(403, {"error": {"field": "", "message": str(error) or str(texts.FORBIDDEN)}})
    return Status(400, error.as_dict())


def _instansi_for(actor: Any, code: str | None, roles: set[str]) -> Instansi:
    instansi_ids = actor.roles.filter(role__in=roles).values_list("instansi_id", flat=True)
    queryset = Instansi.objects.filter(pk__in=instansi_ids)
    if code:
        queryset = queryset.filter(code=code)
    instansi = queryset.order_by("name").first()
    if instansi is None:
        raise PermissionDenied
    return instansi


class ListQuery(Schema):
    status: str = ""
    origin: str = ""
    stage: str = ""
    query: str = ""
    page: int = 1


@router.get("/", response={200: CaseListOut, 400: ErrorOut})
def list_cases(request: HttpRequest, filters: Query[ListQuery]) -> Any:
    """Cases the caller may see, filtered, 25 per page."""
    form = CaseFilterForm(filters.dict())
    if not form.is_valid():
        return _refusal(_form_error(form))
    values = form.cleaned_data
    rows = selectors.case_list(
        _actor(request),
        status=values["status"],
        origin=values["origin"],
        stage=values["stage"],
        query=values["query"],
    )
    page = Paginator(rows, 25).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": list(page),
    }


@router.get("/{int:case_id}", response={200: CaseOut})
def get_case(request: HttpRequest, case_id: int) -> Any:
    """One case: accused with stage, finding and the steps the caller may take; deadlines."""
    return _case_out(_actor(request), access.case_for(_actor(request), case_id))


@router.post("/", response={201: CaseOut, 400: ErrorOut, 403: ErrorOut})
def open_case(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """Open a case ex officio. Body: the allegation fields (employee id, provision,
    committed_on, committed_time, place, impact, description), summary, known_to_superior_on,
    and `instansi` (code) when the caller serves several."""
    try:
        instansi = _instansi_for(
            _actor(request),
            payload.get("instansi"),
            set(workflow.roles_for("case_open")),
        )
        form = OpenForm(payload, instansi=instansi)
        if not form.is_valid():
            raise _form_error(form)
        case = services.case_open_ex_officio(
            actor=_actor(request),
            instansi=instansi,
            allegations=[form.allegation()],
            summary=form.cleaned_data.get("summary") or "",
            known_to_superior_on=form.cleaned_data.get("known_to_superior_on"),
            stated_posts=form.stated_posts(),
            opened_on=form.cleaned_data.get("opened_on"),
        )
    except (InputError, PermissionDenied) as error:
        return _refusal(error)
    return Status(201, _case_out(_actor(request), case))


@router.post("/open-from-reports", response={201: CaseOut, 400: ErrorOut, 403: ErrorOut})
def open_case_from_reports(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """Open a case from verified reports. Body: `reports` (ids), `allegations` (list of the
    allegation fields; date, time and place default to the first report's), summary, and
    `stated_post` (post_kind, post_name, post_unit, post_is_head, post_superior, post_source)
    for accused the registry knows no post of on the offence day."""
    from tegak.intake.access import TRIAGE_ROLES, reports_for_staff

    try:
        ids = payload.get("reports") or []
        if not isinstance(ids, list) or not all(isinstance(item, int) for item in ids):
            raise InputError("reports", str(texts.REPORT_IDS))
        # The officer's instansi, never a report naming them as accused (#12 item 4).
        visible = reports_for_staff(_actor(request), TRIAGE_ROLES)
        found = {report.pk: report for report in visible.filter(pk__in=ids)}
        for index, report_id in enumerate(ids):
            if report_id not in found:
                raise InputError(f"reports[{index}]", str(texts.NO_SUCH_REPORT))
        reports = [found[report_id] for report_id in ids]
        if not reports:
            raise InputError("reports", str(texts.NO_REPORT))
        allegations = []
        raw_allegations = payload.get("allegations") or []
        if not isinstance(raw_allegations, list) or not all(
            isinstance(item, dict) for item in raw_allegations
        ):
            raise InputError("allegations", str(texts.ALLEGATIONS))
        for index, raw in enumerate(raw_allegations):
            form = AllegationFields(raw, instansi=reports[0].instansi)
            if not form.is_valid():
                error = _form_error(form)
                raise InputError(f"allegations[{index}].{error.field}", error.message)
            allegations.append(form.allegation())
        raw_post = payload.get("stated_post") or {}
        post_form = StatedPostFields(
            raw_post if isinstance(raw_post, dict) else {}, instansi=reports[0].instansi
        )
        if not post_form.is_valid():
            raise _form_error(post_form)
        case = services.case_open_from_reports(
            actor=_actor(request),
            reports=reports,
            allegations=allegations,
            summary=str(payload.get("summary") or ""),
            stated_posts=post_form.stated_posts(),
        )
    except (InputError, PermissionDenied) as error:
        return _refusal(error)
    return Status(201, _case_out(_actor(request), case))


@router.post("/{int:case_id}/handlers", response={200: CaseOut, 400: ErrorOut, 403: ErrorOut})
def assign_handler(request: HttpRequest, case_id: int, payload: Body[dict[str, Any]]) -> Any:
    """Assign a handler. Body: `user` (id), `role`; refused on a conflict of interest."""
    case = access.case_for(_actor(request), case_id)
    form = HandlerForm(payload, instansi=case.instansi)
    try:
        if not form.is_valid():
            raise _form_error(form)
        services.handler_assign(actor=_actor(request), case=case, **form.cleaned_data)
    except (InputError, PermissionDenied) as error:
        return _refusal(error)
    return _case_out(_actor(request), case)


@router.post("/{int:case_id}/statements", response={200: CaseOut, 400: ErrorOut, 403: ErrorOut})
def add_statement(request: HttpRequest, case_id: int, payload: Body[dict[str, Any]]) -> Any:
    """Record a statement (source, given_on, claimed_on/claimed_time, claim, text)."""
    case = access.case_for(_actor(request), case_id)
    form = StatementForm(payload)
    try:
        if not form.is_valid():
            raise _form_error(form)
        services.statement_record(
            actor=_actor(request),
            case=case,
            source=form.cleaned_data["source"],
            given_on=form.cleaned_data["given_on"],
            text=form.cleaned_data["text"],
            claimed_at=form.claimed_at(case.instansi),
            claims_within_working_hours=form.claims_within(),
        )
    except (InputError, PermissionDenied) as error:
        return _refusal(error)
    return _case_out(_actor(request), case)


@router.post(
    "/{int:case_id}/accused/{int:accused_id}/steps/{step}",
    response={200: CaseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def take_step(
    request: HttpRequest,
    case_id: int,
    accused_id: int,
    step: str,
    payload: Body[dict[str, Any]],
) -> Any:
    """Take one step of the procedure (summons_issue_1 ... accused_finalise) with its fields."""
    action = ACTIONS.get(step)
    if action is None:
        return Status(404, {"error": {"field": "step", "message": str(texts.NO_SUCH_STEP)}})
    accused = access.accused_for(_actor(request), case_id, accused_id)
    form = action.form(payload, accused=accused)
    try:
        if not form.is_valid():
            raise _form_error(form)
        action.run(_actor(request), accused, dict(form.cleaned_data))
    except (InputError, PermissionDenied) as error:
        return _refusal(error)
    return _case_out(_actor(request), accused.case)
