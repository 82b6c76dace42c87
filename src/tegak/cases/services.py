"""Writes of the case file: opening a case, allegations, handlers, statements, findings.

Every service: keyword-only, `actor=` required, checks role, order and dates before it writes,
runs in one transaction and writes exactly one audit event. Bad input raises `InputError`
naming the field; nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from tegak.accounts.models import Role, User
from tegak.cases import clocks, cover_up, posts, rules_bridge
from tegak.cases.history import case_event
from tegak.cases.models import (
    Accused,
    Allegation,
    Case,
    CaseHandler,
    CaseOrigin,
    CaseReport,
    FindingChange,
    HandlerRole,
    Impact,
    RegisterCounter,
    Stage,
    StatedPost,
    Statement,
    StatementSource,
    SubordinateElsewhere,
)
from tegak.cases.workflow import (
    AUTHORISED_OFFICIAL,
    BEFORE_DECISION,
    EXAMINER,
    check_day,
    check_step,
    roles_for,
)
from tegak.core import page_memo
from tegak.core.access import Right, require_role
from tegak.core.errors import InputError
from tegak.core.words import long_date, shown_date
from tegak.intake.models import Report, ReportAccused
from tegak.law import inputs
from tegak.people.models import Employee, Instansi, OrgUnit, PositionKind
from tegak.rules import catalog

# An instansi's own provision may have a hyphen after its rule's id (':kepatutan-se-2021').
PROVISION_PATTERN = re.compile(
    r"^(pp-\d+-\d{4}|local:[a-z0-9-]+:[a-z0-9_.-]+)(:[0-9a-z][0-9a-z_.-]*){0,3}$"
)


# --- helpers -------------------------------------------------------------------------------


def _require_instansi_role(actor: Any, instansi: Instansi, roles: Iterable[Role]) -> None:
    require_role(actor, roles, instansi)


def _next_register_number(instansi: Instansi, day: date) -> str:
    counter, _created = RegisterCounter.objects.select_for_update().get_or_create(
        instansi=instansi, year=day.year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last:05d}/KD/{day.year}"


def _clean_allegations(
    instansi: Instansi, allegations: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Validate every allegation (all errors name their field); return clean copies."""
    if not allegations:
        raise InputError("allegations", _("A case needs at least one allegation."))
    today = timezone.localdate()
    clean: list[dict[str, Any]] = []
    for index, raw in enumerate(allegations):
        prefix = f"allegations[{index}]."
        employee = raw.get("employee")
        if not isinstance(employee, Employee) or employee.instansi_id != instansi.pk:
            raise InputError(prefix + "employee", _("Choose an employee of this instansi."))
        provision = str(raw.get("provision") or "").strip()
        if not PROVISION_PATTERN.match(provision):
            raise InputError(
                prefix + "provision",
                _("Give the provision as a code such as pp-94-2021:4:f."),
            )
        committed_on = raw.get("committed_on")
        if not isinstance(committed_on, date):
            raise InputError(prefix + "committed_on", _("Give the date of the offence."))
        if committed_on > today:
            raise InputError(prefix + "committed_on", _("The date cannot be in the future."))
        _provision_in_force(prefix, provision, committed_on)
        committed_at = raw.get("committed_at")
        if committed_at is not None:
            if not isinstance(committed_at, datetime) or timezone.is_naive(committed_at):
                raise InputError(prefix + "committed_at", _("Give the moment with its time zone."))
            local_day = timezone.localtime(committed_at, timezone=_zone(instansi)).date()
            if local_day != committed_on:
                raise InputError(
                    prefix + "committed_at", _("The moment must fall on the date of the offence.")
                )
        impact = str(raw.get("impact") or "")
        if impact and impact not in Impact.values:
            raise InputError(prefix + "impact", _("Choose work unit, instansi or state."))
        clean.append(
            {
                "employee": employee,
                "provision": provision,
                "committed_on": committed_on,
                "committed_at": committed_at,
                "place": str(raw.get("place") or "")[:200],
                "impact": impact,
                "description": str(raw.get("description") or ""),
                "absence": dict(raw.get("absence") or {}),
            }
        )
    return clean


def _provision_in_force(prefix: str, code: str, day: date) -> None:
    """Refuse a provision whose regulation had ended before the offence (PP 53/2010 for an act
    on or after 31 Aug 2021, revoked by PP 94/2021 Pasal 45): an act is judged by the rule in
    force when it was done. A newer rule alleged for an older act stays allowed: the engine
    applies it with the transition's articles (PP 94/2021 Pasal 40)."""
    try:
        item = catalog.provision(code)
    except KeyError:
        _local_provision_in_force(prefix, code, day)
        return  # otherwise an instansi's own provision, checked against its rule by the engine
    if item.in_force_until is not None and day >= item.in_force_until:
        raise InputError(
            prefix + "provision",
            _(
                "%(provision)s was no longer in force on %(day)s (its last day in force was "
                "%(last)s): allege the provision in force on the day of the offence."
            )
            % {
                "provision": item.citation,
                "day": shown_date(day),
                # `in_force_until` is the first day it no longer applies (31 Aug 2021 for
                # PP 53/2010): printed as the end, it read "not in force on 2021-08-31 (it
                # ended on 2021-08-31)".
                "last": shown_date(item.in_force_until - timedelta(days=1)),
            },
        )


def _local_provision_in_force(prefix: str, code: str, day: date) -> None:
    """Refuse a provision of an instansi's own rules brought in after the act (the Sekda's
    circular of 2 Sep 2021 for a video of 30 Aug 2021): a provision reaches only acts done while
    it is in force (docs/legal-questions.md B10)."""
    from tegak.law.stored import local_provision_citation, local_provision_first_day

    first = local_provision_first_day(code)
    if first is None or day >= first:
        return
    raise InputError(
        prefix + "provision",
        _(
            "%(provision)s came into force on %(first)s, after the offence on %(day)s: an act is "
            "judged by the rule in force when it was done. Allege the provision in force on "
            "%(day)s."
        )
        % {
            "provision": local_provision_citation(code) or code,
            "first": shown_date(first),
            "day": shown_date(day),
        },
    )


def _clean_stated_post(
    instansi: Instansi, raw: dict[str, Any], prefix: str, *, default_start: date | None = None
) -> dict[str, Any]:
    """A stated post: kind, unit or superior, the period, and where it comes from."""
    employee = raw.get("employee")
    if not isinstance(employee, Employee) or employee.instansi_id != instansi.pk:
        raise InputError(prefix + "employee", _("Choose an employee of this instansi."))
    kind = str(raw.get("kind") or "")
    if kind not in PositionKind.values:
        raise InputError(
            prefix + "post_kind",
            _missing_post_message(employee, default_start or timezone.localdate()),
        )
    unit = raw.get("unit")
    if unit is not None and (not isinstance(unit, OrgUnit) or unit.instansi_id != instansi.pk):
        raise InputError(prefix + "post_unit", _("Choose a unit of this instansi."))
    superior = raw.get("superior")
    if superior is not None:
        if not isinstance(superior, Employee) or superior.instansi_id != instansi.pk:
            raise InputError(prefix + "post_superior", _("Choose an employee of this instansi."))
        if superior.pk == employee.pk:
            raise InputError(prefix + "post_superior", _("Nobody is their own superior."))
    if unit is None and superior is None:
        raise InputError(
            prefix + "post_unit",
            _(
                "Give the unit of the post or the superior, so that the chain of superiors "
                "is known."
            ),
        )
    source = str(raw.get("source") or "").strip()
    if not source:
        raise InputError(
            prefix + "post_source",
            _("Say where this comes from (a decree, a contract, a superior's statement)."),
        )
    today = timezone.localdate()
    start = raw.get("start") or default_start
    if not isinstance(start, date):
        raise InputError(prefix + "post_start", _("Give the day from which the post was held."))
    if start > today:
        raise InputError(prefix + "post_start", _("The date cannot be in the future."))
    end = raw.get("end")
    if end is not None and (not isinstance(end, date) or end < start):
        raise InputError(prefix + "post_end", _("The end cannot be before the start."))
    return {
        "employee": employee,
        "kind": kind,
        "position_name": str(raw.get("position_name") or "").strip()[:200],
        "unit": unit,
        "is_head": bool(raw.get("is_head")),
        "superior": superior,
        "start": start,
        "end": end,
        "source": source[:300],
    }


def _stated_posts_for(
    instansi: Instansi,
    allegations: list[dict[str, Any]],
    stated_posts: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every accused with no registry post on their first offence day needs a stated post (one
    given for them, or one given for everyone without a post: `employee` left out)."""
    first_day: dict[int, date] = {}
    people: dict[int, Employee] = {}
    index_of: dict[int, int] = {}
    for index, item in enumerate(allegations):
        employee = item["employee"]
        people[employee.pk] = employee
        index_of.setdefault(employee.pk, index)
        day = item["committed_on"]
        first_day[employee.pk] = min(day, first_day.get(employee.pk, day))
    given = {
        item["employee"].pk: item
        for item in stated_posts
        if isinstance(item.get("employee"), Employee)
    }
    shared = next((item for item in stated_posts if item.get("employee") is None), None)
    clean = []
    for employee_id, employee in people.items():
        day = first_day[employee_id]
        raw = given.get(employee_id)
        if raw is None and posts.post_on(employee, day) is not None:
            continue
        if raw is None and shared is not None and any(shared.values()):
            raw = {**shared, "employee": employee}
        prefix = f"allegations[{index_of[employee_id]}]."
        if raw is None:
            raise InputError(prefix + "post_kind", _missing_post_message(employee, day))
        clean.append(_clean_stated_post(instansi, raw, prefix, default_start=day))
    return clean


def _zone(instansi: Instansi) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(instansi.zoneinfo_name)


def _prior_sanctions(employee: Employee, exclude_case: Case | None) -> list[dict[str, Any]]:
    # The decisions are read through the accused (the case file does not import `decisions`).
    decided = Accused.objects.filter(
        employee=employee, stage=Stage.FINAL, decision__isnull=False
    ).select_related("decision")
    if exclude_case is not None:
        decided = decided.exclude(case=exclude_case)
    rows: list[dict[str, Any]] = []
    for accused in decided.order_by("decision__decided_on"):
        decision = accused.decision
        # The sanction as it stands after an objection (PP 79/2021 Pasal 9(1)): a revoked or
        # annulled one was never "dijatuhkan" for Pasal 35(2); a reduced or changed one counts
        # as what it became.
        sanction = cover_up.sanction_of(accused)
        if sanction is None:
            continue
        # The one sanction was given for every offence of that decision (PP 94/2021 Pasal 35
        # ayat (1)): each provision is a ground for a repeat (Pasal 35 ayat (2)), and each
        # attendance count one already sanctioned (Pasal 35 ayat (3)).
        provisions = sorted(set(accused.allegations.values_list("provision", flat=True)))
        for provision in provisions or [""]:
            row = {
                "sanction": sanction,
                "decided_on": decision.decided_on.isoformat(),
            }
            if provision:
                row["provision"] = provision
            rows.append(row)
    return rows


def _missing_post_message(employee: Employee, day: date) -> str:
    return _(
        "%(name)s held no post in the registry on %(day)s. State the post held then: its "
        "kind, unit or superior, and where this comes from."
    ) % {"name": employee.full_name, "day": shown_date(day)}


def assessment_input(accused: Accused, *, as_of: date) -> inputs.AssessmentInput:
    """The facts of this accused as the rules engine takes them, through the one door to the law
    (`tegak.law.inputs`): the post held on the first offence day (registry, else stated in the
    case), the allegations and their counts, prior sanctions, and the instansi's configuration."""
    allegations = list(accused.allegations.all())
    examined_on = None
    berita_acara = getattr(accused, "berita_acara", None)
    if berita_acara is not None:
        examined_on = berita_acara.completed_on
    offences = [
        inputs.Offence(
            provision=allegation.provision,
            committed_on=allegation.committed_on,
            examined_on=examined_on,
            impact=allegation.impact or None,
            absence=allegation.absence or None,
            # A superior who did not act is weighed against the subordinate's sanction
            # (PP 94/2021 Pasal 24(2)-(3), 28; tegak.cases.cover_up).
            subordinate_sanction=(
                cover_up.subordinate_sanction(accused, allegation.committed_on)
                if allegation.provision in cover_up.FAILURE_TO_ACT
                else None
            ),
        )
        for allegation in allegations
    ]
    try:
        return inputs.assessment_input(
            accused.employee,
            as_of=as_of,
            offences=offences,
            prior_sanctions=_prior_sanctions(accused.employee, accused.case),
            posts=posts.CasePosts(accused.case),
        )
    except inputs.PostUnknown as missing:
        message = _missing_post_message(missing.employee, missing.day)
        raise InputError("post_kind", message) from None


def assessment_payload(accused: Accused, *, as_of: date) -> dict[str, Any]:
    """The engine's input for this accused (CONTRACTS.md `assess`)."""
    return assessment_input(accused, as_of=as_of).payload


# What the case file asks for when a superior's failure to act cannot be weighed: the engine
# asks its caller for `offences[n].subordinate_sanction`, which in the case file comes from the
# subordinate accused in the same case (tegak.cases.cover_up; seed walk: a cover-up case against
# the Sekwan alone showed the raw "isi offences[0].subordinate_sanction").
SUBORDINATE_MISSING = gettext_noop(
    "%(citation)s: the level follows the sanction the subordinate's offence called for. Add the "
    "subordinate whose offence was not acted on to this case as an accused, or record them under "
    '"Subordinates handled outside this case" (their case in Tegak, or the sanction decided '
    "with its source): once their sanction is known, this finding is weighed again (PP 94/2021 "
    "Pasal 24 ayat (3), Pasal 28 ayat (2))."
)


def _case_file_review(answer: dict[str, Any]) -> dict[str, Any]:
    """The engine's requests for input the case file gives otherwise, said as the case file asks."""
    for key, language in (("human_review", "en"), ("human_review_id", "id")):
        items = answer.get(key)
        if not items:
            continue
        with translation.override(language):
            answer[key] = [
                _(SUBORDINATE_MISSING) % {"citation": str(item).split(": ", 1)[0]}
                if ".subordinate_sanction" in str(item)
                else item
                for item in items
            ]
    return answer


def _assess(accused: Accused, *, as_of: date, field_prefix: str = "allegations") -> dict[str, Any]:
    return _case_file_review(
        inputs.assess_input(assessment_input(accused, as_of=as_of), field_prefix=field_prefix)
    )


def finding_on(accused: Accused, day: date) -> dict[str, Any]:
    """The engine's finding on the current facts as the law stood on `day` (nothing saved):
    a decision recorded with a past day (a case entered after the fact, a 2021 decree) is
    taken under the law of its own day, not of the day it is typed in."""
    return _assess(accused, as_of=day)


def finding_refresh_internal(
    accused: Accused,
    *,
    reason: str,
    as_of: date | None = None,
    finding: dict[str, Any] | None = None,
) -> bool:
    """Re-run the engine on the current facts (as of today unless told; `finding` when the
    caller already has it for that day); keep the change if the finding changed.

    Called inside another service's transaction (its audit event records `finding_changed`).
    """
    today = as_of or timezone.localdate()
    if finding is None:
        finding = _assess(accused, as_of=today)
    version = rules_bridge.engine_version()
    if finding == accused.finding and version == accused.engine_version:
        accused.finding_as_of = today
        accused.save(update_fields=["finding_as_of"])
        return False
    FindingChange.objects.create(
        accused=accused,
        reason=reason[:200],
        before=accused.finding,
        after=finding,
        engine_version=version,
        as_of=today,
    )
    accused.finding = finding
    accused.engine_version = version
    accused.finding_as_of = today
    accused.save(update_fields=["finding", "engine_version", "finding_as_of"])
    return True


def _create_case(
    *,
    actor: Any,
    instansi: Instansi,
    origin: str,
    summary: str,
    known_on: date,
    allegations: list[dict[str, Any]],
    attendance_year: int | None = None,
    attendance_counts: dict[str, Any] | None = None,
    stated_posts: Sequence[dict[str, Any]] = (),
    opened_on: date | None = None,
) -> Case:
    today = timezone.localdate()
    opened = opened_on or today
    case = Case.objects.create(
        instansi=instansi,
        register_number=_next_register_number(instansi, opened),
        origin=origin,
        summary=summary,
        opened_on=opened,
        known_to_superior_on=known_on,
        opened_by=actor if isinstance(actor, User) else None,
        attendance_year=attendance_year,
        attendance_counts=attendance_counts or {},
    )
    by_employee: dict[int, Accused] = {}
    for item in allegations:
        employee = item["employee"]
        accused = by_employee.get(employee.pk)
        if accused is None:
            accused = Accused.objects.create(case=case, employee=employee)
            by_employee[employee.pk] = accused
        Allegation.objects.create(
            case=case,
            accused=accused,
            provision=item["provision"],
            committed_on=item["committed_on"],
            committed_at=item["committed_at"],
            place=item["place"],
            impact=item["impact"],
            description=item["description"],
            absence=item["absence"],
        )
    for item in stated_posts:
        StatedPost.objects.create(
            case=case, given_on=today, recorded_by=actor, **{k: v for k, v in item.items()}
        )
    version = rules_bridge.engine_version()
    for index, accused in enumerate(by_employee.values()):
        accused.finding = _assess(accused, as_of=today, field_prefix=f"accused[{index}].")
        accused.engine_version = version
        accused.finding_as_of = today
        accused.save(update_fields=["finding", "engine_version", "finding_as_of"])
        clocks.start_superior_duty(accused, known_on)
    return case


def _case_event_data(case: Case) -> dict[str, Any]:
    return {
        "register_number": case.register_number,
        "origin": case.origin,
        "accused_ids": list(case.accused.values_list("employee_id", flat=True)),
        "provisions": sorted(set(case.allegations.values_list("provision", flat=True))),
        "engine_version": rules_bridge.engine_version(),
        "stated_post_employee_ids": list(case.stated_posts.values_list("employee_id", flat=True)),
        "opened_on": case.opened_on,
    }


def _known_on(value: date | None, allegations: list[dict[str, Any]]) -> date:
    today = timezone.localdate()
    first = min(item["committed_on"] for item in allegations)
    if value is None:
        return today
    return check_day("known_to_superior_on", value, not_before=first, what=_("the offence"))


def _opened_on(value: date | None, known_on: date) -> date | None:
    """The day a case entered after the fact was opened: not before the superior knew of it."""
    if value is None:
        return None
    return check_day(
        "opened_on", value, not_before=known_on, what=_("the day the superior learned of it")
    )


def _reports_known_from(reports: Sequence[Report], zone: Any) -> tuple[date, bool]:
    """The first day the reports could have made the violation known (reading C27): the day the
    earliest was received; for a news or social-media report the day the agency learned of it
    (never before its publication: `report_create_from_media`). True when that day is a media
    report's."""
    days = []
    for report in reports:
        received = timezone.localtime(report.received_at, timezone=zone).date()
        if report.channel == "media":
            days.append((report.source_seen_on or received, True))
        else:
            days.append((received, False))
    return min(days)


def _report_floor_message(day: date, media: bool) -> str:
    if media:
        return _(
            "The date cannot be before the agency learned of the article or post the case is "
            "opened from (%(day)s)."
        ) % {"day": shown_date(day)}
    return _(
        "The date cannot be before the report the case is opened from was received (%(day)s)."
    ) % {"day": shown_date(day)}


# --- opening -------------------------------------------------------------------------------


def case_open_ex_officio(
    *,
    actor: User,
    instansi: Instansi,
    allegations: Sequence[dict[str, Any]],
    summary: str = "",
    known_to_superior_on: date | None = None,
    stated_posts: Sequence[dict[str, Any]] = (),
    opened_on: date | None = None,
) -> Case:
    """Open a case on a superior's own knowledge (a violation is not a complaint-only matter).

    `stated_posts` give the post held then for accused the registry knows no post of on the
    offence day; `opened_on` dates a case entered after the fact."""
    _require_instansi_role(actor, instansi, roles_for("case_open"))
    clean = _clean_allegations(instansi, allegations)
    posts_clean = _stated_posts_for(instansi, clean, stated_posts)
    known_on = _known_on(known_to_superior_on, clean)
    opened = _opened_on(opened_on, known_on)
    with transaction.atomic():
        case = _create_case(
            actor=actor,
            instansi=instansi,
            origin=CaseOrigin.EX_OFFICIO,
            summary=summary,
            known_on=known_on,
            allegations=clean,
            stated_posts=posts_clean,
            opened_on=opened,
        )
        case_event(
            actor=actor,
            action="case.opened",
            target=case,
            case=case,
            data=_case_event_data(case),
        )
    return case


def case_open_from_reports(
    *,
    actor: User,
    reports: Sequence[Report],
    allegations: Sequence[dict[str, Any]],
    summary: str = "",
    known_to_superior_on: date | None = None,
    stated_posts: Sequence[dict[str, Any]] = (),
    opened_on: date | None = None,
) -> Case:
    """Open a case from one or more verified reports of one instansi.

    An allegation that leaves out the date, moment or place takes them from the first report.
    Each report is then marked as taken into the case by the intake service (which records its
    own event on the report).
    """
    from tegak.intake.services import report_mark_in_case

    if not reports:
        raise InputError("reports", _("Choose at least one verified report."))
    instansi = reports[0].instansi
    _require_instansi_role(actor, instansi, roles_for("case_open_from_reports"))
    for index, report in enumerate(reports):
        if report.instansi_id != instansi.pk:
            raise InputError(f"reports[{index}]", _("All reports must belong to one instansi."))
        if report.status != "verified":
            raise InputError(
                f"reports[{index}]", _("Only a verified report can be taken into a case.")
            )
    first = reports[0]
    zone = _zone(instansi)
    filled = []
    for raw in allegations:
        item = dict(raw)
        if first.occurred_at is not None:
            local = timezone.localtime(first.occurred_at, timezone=zone)
            item.setdefault("committed_on", local.date())
            if not first.occurred_time_unknown and item.get("committed_on") == local.date():
                item.setdefault("committed_at", first.occurred_at)
        item.setdefault("place", first.location)
        filled.append(item)
    clean = _clean_allegations(instansi, filled)
    posts_clean = _stated_posts_for(instansi, clean, stated_posts)
    learned_from, media = _reports_known_from(reports, zone)
    if known_to_superior_on is not None and known_to_superior_on < learned_from:
        raise InputError("known_to_superior_on", _report_floor_message(learned_from, media))
    if opened_on is not None and opened_on < learned_from:
        raise InputError("opened_on", _report_floor_message(learned_from, media))
    known_on = _known_on(known_to_superior_on or learned_from, clean)
    opened = _opened_on(opened_on, known_on)
    with transaction.atomic():
        case = _create_case(
            actor=actor,
            instansi=instansi,
            origin=CaseOrigin.REPORTS,
            summary=summary or first.summary,
            known_on=known_on,
            allegations=clean,
            stated_posts=posts_clean,
            opened_on=opened,
        )
        for report in reports:
            CaseReport.objects.create(case=case, report=report)
        case_event(
            actor=actor,
            action="case.opened",
            target=case,
            case=case,
            data={**_case_event_data(case), "report_ids": [report.pk for report in reports]},
        )
        for report in reports:
            report_mark_in_case(actor=actor, report=report, case_reference=case.register_number)
    return case


def case_open_from_attendance(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    counts: dict[str, Any],
    finding: dict[str, Any],
    alerted_at: datetime | None = None,
) -> Case:
    """Open a case from an attendance alert: the obligation to come to work (PP 94/2021
    Pasal 4 huruf f), with the year's legal counts as the attendance module computed them.

    `alerted_at` is when the alert reached the superior: the superior's duty runs from then (or
    from the last day counted), not from the day the case is opened (reading C34)."""
    instansi = employee.instansi
    # A user needs a case role; a system actor needs the right given for this (the direct
    # superior acting on their alert, see attendance). A string or None is no actor.
    require_role(
        actor,
        roles_for("case_open_from_attendance"),
        instansi,
        right=Right.CASE_OPEN_FROM_ATTENDANCE,
    )
    today = timezone.localdate()
    if not isinstance(year, int) or year > today.year or year < 2000:
        raise InputError("year", _("Give a past or current year."))
    if not isinstance(counts.get("unexcused_days", 0), int):
        raise InputError("counts.unexcused_days", _("Give the number of days counted."))
    # The offence is the count as it stood on the last day counted (the alert keeps that day);
    # an alert from before that was kept falls back on the year's end or today.
    committed_on = min(today, date(year, 12, 31))
    counted_until = counts.get("counted_until")
    last_day: date | None = None
    if isinstance(counted_until, str):
        try:
            last_day = date.fromisoformat(counted_until)
        except ValueError:
            raise InputError("counts.counted_until", _("Give the last day counted.")) from None
        if last_day.year != year or last_day > today:
            raise InputError("counts.counted_until", _("Give the last day counted."))
        committed_on = last_day
    known_on = _attendance_known_on(instansi, committed_on, last_day, alerted_at)
    # The days absent and the minutes apart: the engine converts the minutes once, with the
    # instansi's minutes per day (never the report's `counted_days`, which already holds them).
    absence = inputs.AttendanceCounts.from_counts(year, counts).as_absence()
    clean = _clean_allegations(
        instansi,
        [
            {
                "employee": employee,
                "provision": "pp-94-2021:4:f",
                "committed_on": committed_on,
                "description": _("Unexcused absence in %(year)s.") % {"year": year},
                "absence": absence,
            }
        ],
    )
    with transaction.atomic():
        case = _create_case(
            actor=actor,
            instansi=instansi,
            origin=CaseOrigin.ATTENDANCE,
            summary=_("Attendance alert %(year)s") % {"year": year},
            known_on=known_on,
            allegations=clean,
            attendance_year=year,
            attendance_counts={**counts, "attendance_finding": finding},
        )
        case_event(
            actor=actor,
            action="case.opened",
            target=case,
            case=case,
            data={**_case_event_data(case), "attendance_year": year},
        )
    return case


def _attendance_known_on(
    instansi: Instansi, committed_on: date, last_day: date | None, alerted_at: datetime | None
) -> date:
    """The day the superior knew of an attendance violation (PP 94/2021 Pasal 26(1), 28;
    reading C34): the day the alert reached them, or with `TEGAK_ATTENDANCE_DUTY_FROM=threshold`
    the last day of the count that crossed the threshold; never before the offence's day, never
    after today. Only an alert kept without either falls back on today."""
    today = timezone.localdate()
    if clocks.attendance_duty_from() == clocks.ATTENDANCE_DUTY_FROM_THRESHOLD and last_day:
        day = last_day
    elif alerted_at is not None:
        if not isinstance(alerted_at, datetime) or timezone.is_naive(alerted_at):
            raise InputError("alerted_at", _("Give the moment with its time zone."))
        day = timezone.localtime(alerted_at, timezone=_zone(instansi)).date()
    else:
        return today
    return min(max(day, committed_on), today)


# --- allegations and findings --------------------------------------------------------------


def allegation_add(*, actor: User, case: Case, allegation: dict[str, Any]) -> Allegation:
    """Add an allegation to an open case; the accused's finding is re-run and any change kept."""
    clean = _clean_allegations(case.instansi, [allegation])[0]
    employee = clean["employee"]
    accused = Accused.objects.filter(case=case, employee=employee).first()
    if accused is not None:
        check_step(actor, accused, "allegation_add")
    else:
        _require_instansi_role(actor, case.instansi, roles_for("allegation_add"))
        if case.status != "open":
            raise InputError("stage", _("The case is final."))
    # The superior's duty toward a newly accused person runs from the day the superior learned
    # of it (Pasal 26(1)), which for a past case is not today (the karaoke walk: a 2022 case
    # showed the duty toward the added Sekretaris DPRD due in December 2026).
    known_on = check_day(
        "known_on",
        allegation.get("known_on") or timezone.localdate(),
        not_before=clean["committed_on"],
        what=_("the offence"),
    )
    with transaction.atomic():
        created_accused = accused is None
        if accused is None:
            accused = Accused.objects.create(case=case, employee=employee)
        row = Allegation.objects.create(
            case=case,
            accused=accused,
            provision=clean["provision"],
            committed_on=clean["committed_on"],
            committed_at=clean["committed_at"],
            place=clean["place"],
            impact=clean["impact"],
            description=clean["description"],
            absence=clean["absence"],
        )
        changed = finding_refresh_internal(accused, reason="allegation added")
        if created_accused:
            clocks.start_superior_duty(accused, known_on)
            row.ended_assignments = _end_conflicted_assignments(actor, case)  # type: ignore[attr-defined]
        case_event(
            actor=actor,
            action="case.allegation_added",
            target=row,
            case=case,
            data={
                "case_id": case.pk,
                "employee_id": employee.pk,
                "provision": row.provision,
                "committed_on": row.committed_on,
                "finding_changed": changed,
                "level": accused.finding.get("level"),
            },
        )
    return row


def finding_refresh(*, actor: User, accused: Accused, reason: str = "") -> bool:
    """Re-run the rules engine for this accused now; the change, if any, is kept."""
    check_step(actor, accused, "allegation_add")
    with transaction.atomic():
        changed = finding_refresh_internal(accused, reason=reason or "re-run")
        case_event(
            actor=actor,
            action="case.finding_refreshed",
            target=accused,
            case=accused.case,
            data={
                "case_id": accused.case_id,
                "changed": changed,
                "engine_version": accused.engine_version,
                "as_of": accused.finding_as_of,
            },
        )
    return changed


# --- handlers and conflicts of interest ----------------------------------------------------


def _accused_ids(case: Case) -> frozenset[int]:
    return page_memo.remember(
        ("cases.accused_ids", case.pk),
        lambda: frozenset(case.accused.values_list("employee_id", flat=True)),
    )


def involved_employee_ids(case: Case) -> frozenset[int]:
    """Employees accused in the case or named as accused in its reports (read once per page)."""
    return page_memo.remember(
        ("cases.involved_ids", case.pk),
        lambda: _accused_ids(case) | frozenset(_reported_employee_ids(case)),
    )


def _reported_employee_ids(case: Case) -> set[int]:
    report_ids = CaseReport.objects.filter(case=case).values_list("report_id", flat=True)
    return set(
        ReportAccused.objects.filter(report_id__in=report_ids).values_list("employee_id", flat=True)
    )


def _conflict_days(case: Case, day: date) -> list[date]:
    """The days on which a subordinate of an accused is looked for: the step's day and each day
    of the acts alleged in the case (read once per page)."""
    acts = page_memo.remember(
        ("cases.conflict_days", case.pk),
        lambda: sorted(
            set(Allegation.objects.filter(case=case).values_list("committed_on", flat=True))
        ),
    )
    return [day, *(when for when in acts if when != day)]


def conflict_reason(case: Case, employee: Employee | None, day: date) -> str:
    """Why this employee may not handle the case (empty when they may): they are accused or
    reported, or a subordinate of an accused — in the chain of superiors on `day` (the step's
    day) or on a day of the acts alleged (docs/legal-questions.md C16)."""
    if employee is None:
        return ""
    involved = involved_employee_ids(case)
    if employee.pk in involved:
        return _("This person is accused or reported in the case.")
    accused_ids = _accused_ids(case)
    for when in _conflict_days(case, day):
        chain_ids = {superior.pk for superior in posts.supervisor_chain(employee, when, case)}
        if chain_ids & accused_ids:
            return _("This person is a subordinate of an accused employee.")
    return ""


def examiner_resolution(
    accused: Accused, day: date, *, chain: list[Employee] | None = None
) -> tuple[Employee | None, list[tuple[Employee, str]]]:
    """The superior who must examine on the day, and the superiors passed over on the way, each
    with why: the direct superior, or the next one up while the one found is in conflict — an
    accused, reported, or a subordinate of an accused (PP 94/2021 Pasal 29(6), "atasan yang
    lebih tinggi secara berjenjang"; the same rule that ends and refuses an assignment, so the
    official the law names can always be assigned)."""
    if chain is None:
        chain = posts.supervisor_chain(accused.employee, day, accused.case)
    passed: list[tuple[Employee, str]] = []
    for superior in chain:
        reason = conflict_reason(accused.case, superior, day)
        if not reason:
            return superior, passed
        passed.append((superior, reason))
    return None, passed


def expected_examiner(
    accused: Accused, day: date, *, chain: list[Employee] | None = None
) -> tuple[Employee | None, Employee | None]:
    """The direct superior who must examine, or the next one up when the direct superior is
    in conflict in the case (PP 94/2021 Pasal 29(6)); returns (examiner, the superior replaced).
    `chain` is the accused's chain that day when the caller already has it."""
    examiner, passed = examiner_resolution(accused, day, chain=chain)
    return examiner, (passed[0][0] if passed else None)


def handler_assign(
    *, actor: User, case: Case, user: User, role: str, assigned_on: date | None = None
) -> CaseHandler:
    """Assign a staff member to the case; refused when they have a conflict of interest.

    `assigned_on` dates an assignment made before it is entered (a case entered after the fact):
    not in the future, not before the case was opened; the conflict is judged on that day and
    the audit record keeps when it was entered."""
    _require_instansi_role(actor, case.instansi, roles_for("handler_assign"))
    if role not in HandlerRole.values:
        raise InputError("role", _("Choose examiner, authorised official or case officer."))
    if case.status != "open":
        raise InputError("case", _("The case is final."))
    if not user.roles.filter(instansi=case.instansi, role=role).exists():
        raise InputError("user", _("This person does not hold that role in the instansi."))
    today = timezone.localdate()
    if assigned_on is not None:
        today = check_day(
            "assigned_on", assigned_on, not_before=case.opened_on, what=_("the case was opened")
        )
    reason = conflict_reason(case, user.employee, today)
    if reason:
        raise InputError("user", reason)
    if CaseHandler.objects.filter(case=case, user=user, role=role, active=True).exists():
        raise InputError("user", _("This person is already assigned in that role."))
    substitutes_for = None
    if role == EXAMINER and user.employee is not None:
        for accused in case.accused.select_related("employee"):
            examiner, replaced = expected_examiner(accused, today)
            if examiner is not None and examiner.pk == user.employee.pk and replaced is not None:
                substitutes_for = replaced
    with transaction.atomic():
        handler = CaseHandler.objects.create(
            case=case, user=user, role=role, assigned_on=today, substitutes_for=substitutes_for
        )
        case_event(
            actor=actor,
            action="case.handler_assigned",
            target=handler,
            case=case,
            data={
                "case_id": case.pk,
                "user_id": user.pk,
                "role": role,
                "substitutes_for_employee_id": substitutes_for.pk if substitutes_for else None,
                "assigned_on": today,
            },
        )
    return handler


def assignment_outside_the_law(handler: CaseHandler) -> str:
    """For an examiner or authorised official just assigned: who the law gives the examination
    or the decision to on the day, when it is not this person ("" when it is, or when the
    registry cannot say). The assignment stands (a case can be handled by a delegate), but each
    of their steps then needs a written reason and is flagged (`authority.check`); the page
    says so at once rather than at the first step (seed walk: the demo's examiner, outside the
    TKK's chain, was listed as their direct superior without a word)."""
    from tegak.cases import authority

    employee = handler.user.employee
    if employee is None or handler.role not in (EXAMINER, AUTHORISED_OFFICIAL):
        return ""
    others: list[str] = []
    for accused in handler.case.accused.select_related("employee"):
        lawful = (
            authority.lawful_examiners(accused, handler.assigned_on)
            if handler.role == EXAMINER
            else authority.lawful_decider(accused, handler.assigned_on)
        )
        if lawful.unresolved or employee.pk in lawful.holders:
            continue
        others.extend(name for name in lawful.names if name not in others)
    if not others:
        return ""
    return _(
        "On %(day)s the law gives this to %(names)s, not to %(person)s: each of their steps "
        "will need a written reason, flagged on the case, in the dossier and on the public "
        "register."
    ) % {
        "day": long_date(handler.assigned_on, language=get_language() or "id"),
        "names": ", ".join(others),
        "person": employee.full_name,
    }


def _end_conflicted_assignments(actor: User, case: Case) -> list[tuple[CaseHandler, str]]:
    """A new accused can put a handler in conflict (the accused is the handler, or the
    handler's superior): those assignments end, with the reason, in the same transaction. The
    administrator assigns someone else; until then nobody acts in that place. Returns each
    ended assignment with the reason, for the page."""
    ended = []
    today = timezone.localdate()
    handlers = CaseHandler.objects.filter(case=case, active=True).select_related("user__employee")
    for handler in handlers:
        reason = conflict_reason(case, handler.user.employee, today)
        if reason:
            _end_assignment(actor, handler, reason="conflict_after_allegation")
            ended.append((handler, reason))
    return ended


def _end_assignment(actor: User, handler: CaseHandler, *, reason: str = "") -> None:
    """End an assignment (the record stays) with its audit event; `reason` names why the
    system ended it (absent when a person removed it)."""
    handler.active = False
    handler.save(update_fields=["active"])
    data: dict[str, Any] = {
        "case_id": handler.case_id,
        "user_id": handler.user_id,
        "role": handler.role,
    }
    if reason:
        data["reason"] = reason
    case_event(
        actor=actor, action="case.handler_removed", target=handler, case=handler.case, data=data
    )


def handler_remove(*, actor: User, handler: CaseHandler) -> CaseHandler:
    """End an assignment (the record stays)."""
    _require_instansi_role(actor, handler.case.instansi, roles_for("handler_assign"))
    if not handler.active:
        raise InputError("handler", _("This assignment has already ended."))
    with transaction.atomic():
        _end_assignment(actor, handler)
    return handler


# --- stated posts ---------------------------------------------------------------------------


def stated_post_record(
    *,
    actor: User,
    case: Case,
    employee: Employee,
    kind: str,
    source: str,
    start: date,
    given_on: date | None = None,
    end: date | None = None,
    unit: OrgUnit | None = None,
    position_name: str = "",
    is_head: bool = False,
    superior: Employee | None = None,
) -> StatedPost:
    """Record the post someone held over a period where the registry has none (the accused, or
    a superior in their chain on the day of a step); the accused's finding is re-run."""
    _require_instansi_role(actor, case.instansi, roles_for("post_state"))
    if case.status != "open":
        raise InputError("case", _("The case is final."))
    clean = _clean_stated_post(
        case.instansi,
        {
            "employee": employee,
            "kind": kind,
            "source": source,
            "start": start,
            "end": end,
            "unit": unit,
            "position_name": position_name,
            "is_head": is_head,
            "superior": superior,
        },
        "",
    )
    given = check_day("given_on", given_on or timezone.localdate(), not_before=None)
    with transaction.atomic():
        stated = StatedPost.objects.create(case=case, given_on=given, recorded_by=actor, **clean)
        changed = False
        accused = case.accused.filter(employee=employee).exclude(stage=Stage.FINAL).first()
        if accused is not None and accused.stage in {str(stage) for stage in BEFORE_DECISION}:
            changed = finding_refresh_internal(accused, reason="post stated")
        case_event(
            actor=actor,
            action="case.post_stated",
            target=stated,
            case=case,
            data={
                "case_id": case.pk,
                "employee_id": employee.pk,
                "kind": stated.kind,
                "unit_id": stated.unit_id,
                "superior_id": stated.superior_id,
                "start": stated.start,
                "end": stated.end,
                "source_length": len(stated.source),
                "finding_changed": changed,
            },
        )
    return stated


# --- subordinates handled elsewhere ---------------------------------------------------------


def sanction_choices() -> list[tuple[str, str]]:
    """The sanctions a subordinate's offence may have called for (PP 94/2021 Pasal 8, PP 53/2010
    Pasal 7), lightest first, labelled in the reader's language with their basis."""
    rules = rules_bridge._rules()
    english = (get_language() or "id").startswith("en")
    return [
        (code, f"{sanction.label_en if english else sanction.label_id} ({sanction.basis})")
        for code, sanction in sorted(rules.SANCTIONS.items(), key=lambda item: item[1].rank)
    ]


def _other_case_accused(actor: User, case: Case, employee: Employee, number: str) -> Accused:
    """The subordinate as accused in another case the actor may see, by its register number."""
    from tegak.cases.selectors import cases_for

    wanted = number.strip()
    other = cases_for(actor).filter(instansi=case.instansi, register_number=wanted).first()
    if other is None:
        raise InputError(
            "other_case",
            _("No case numbered %(number)s that you may see in this agency.") % {"number": wanted},
        )
    if other.pk == case.pk:
        raise InputError(
            "other_case",
            _("That is this case: a subordinate accused here is weighed without being stated."),
        )
    found = other.accused.filter(employee=employee).first()
    if found is None:
        raise InputError(
            "other_case",
            _("%(name)s is not accused in case %(number)s.")
            % {"name": employee.full_name, "number": other.register_number},
        )
    return found


def subordinate_elsewhere_record(
    *,
    actor: User,
    accused: Accused,
    employee: Employee | None,
    other_case: str = "",
    sanction_code: str = "",
    source: str = "",
) -> SubordinateElsewhere:
    """Record a subordinate whose offence this accused superior did not act on, handled outside
    the case: accused in another case in Tegak (`other_case`, its register number; their sanction
    is then read there, and this finding is weighed again when it changes), or decided elsewhere
    (`sanction_code` with its `source`). The superior's finding is re-run (PP 94/2021 Pasal 24
    ayat (3), Pasal 28 ayat (2); reading C37)."""
    case = accused.case
    _require_instansi_role(actor, case.instansi, roles_for("post_state"))
    if case.status != "open":
        raise InputError("case", _("The case is final."))
    if accused.stage not in {str(stage) for stage in BEFORE_DECISION}:
        raise InputError(
            "accused",
            _("%(name)s has been decided on: the finding is no longer weighed.")
            % {"name": accused.employee.full_name},
        )
    days = sorted(
        allegation.committed_on
        for allegation in accused.allegations.all()
        if allegation.provision in cover_up.FAILURE_TO_ACT
    )
    if not days:
        raise InputError(
            "accused",
            _(
                "%(name)s is not alleged to have failed to act on a subordinate's offence "
                "(PP 94/2021 Pasal 24 ayat (2) or (3), Pasal 28 ayat (1)): add that allegation "
                "first."
            )
            % {"name": accused.employee.full_name},
        )
    if employee is None:
        raise InputError("employee", _("Choose the subordinate."))
    if employee.instansi_id != case.instansi_id or employee.pk == accused.employee_id:
        raise InputError(
            "employee",
            _("Choose a subordinate of %(name)s in this agency.")
            % {"name": accused.employee.full_name},
        )
    if case.accused.filter(employee=employee).exists():
        raise InputError(
            "employee",
            _("%(name)s is accused in this case: their sanction is already weighed here.")
            % {"name": employee.full_name},
        )
    if SubordinateElsewhere.objects.filter(accused=accused, employee=employee).exists():
        raise InputError(
            "employee",
            _("%(name)s is already recorded for this accused.") % {"name": employee.full_name},
        )
    source = " ".join((source or "").split())
    linked = None
    if (other_case or "").strip():
        linked = _other_case_accused(actor, case, employee, other_case)
        code = cover_up.sanction_of(linked) or ""
        if not source:
            source = _("Case %(number)s") % {"number": linked.case.register_number}
    else:
        code = (sanction_code or "").strip()
        if not code:
            raise InputError(
                "sanction_code",
                _(
                    "Give the subordinate's case number in Tegak, or the sanction their "
                    "offence called for with its source."
                ),
            )
        if code not in dict(sanction_choices()):
            raise InputError("sanction_code", _("Choose a sanction from the list."))
        if not source:
            raise InputError(
                "source",
                _("Say where this comes from: the decision letter (number and date)."),
            )
    cases = [case] + ([linked.case] if linked is not None else [])
    if not any(
        accused.employee in posts.supervisor_chain(employee, day, other)
        for day in days
        for other in cases
    ):
        raise InputError(
            "employee",
            _(
                "%(superior)s was not above %(name)s on %(days)s, the day(s) of the failure "
                "to act. If the registry does not know the posts held then, state them first."
            )
            % {
                "superior": accused.employee.full_name,
                "name": employee.full_name,
                "days": ", ".join(shown_date(day) for day in days),
            },
        )
    with transaction.atomic():
        entry = SubordinateElsewhere.objects.create(
            case=case,
            accused=accused,
            employee=employee,
            linked=linked,
            sanction_code=code,
            source=source[:300],
            recorded_by=actor,
        )
        changed = finding_refresh_internal(accused, reason="subordinate stated")
        case_event(
            actor=actor,
            action="case.subordinate_elsewhere_recorded",
            target=entry,
            case=case,
            data={
                "case_id": case.pk,
                "accused_id": accused.pk,
                "employee_id": employee.pk,
                "linked_accused_id": linked.pk if linked is not None else None,
                "sanction_code": code,
                "source_length": len(entry.source),
                "finding_changed": changed,
            },
        )
    return entry


def subordinate_elsewhere_remove(*, actor: User, entry: SubordinateElsewhere, reason: str) -> None:
    """Take back a subordinate recorded by mistake (with a reason, kept in the audit log); the
    superior's finding is re-run."""
    accused = entry.accused
    case = accused.case
    _require_instansi_role(actor, case.instansi, roles_for("post_state"))
    if case.status != "open" or accused.stage not in {str(stage) for stage in BEFORE_DECISION}:
        raise InputError("case", _("The finding is no longer weighed: nothing can be removed."))
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise InputError("reason", _("Give the reason (at least 10 characters)."))
    with transaction.atomic():
        data = {
            "case_id": case.pk,
            "accused_id": accused.pk,
            "employee_id": entry.employee_id,
            "linked_accused_id": entry.linked_id,
            "sanction_code": entry.sanction_code,
            "reason": reason[:300],
        }
        entry.delete()
        data["finding_changed"] = finding_refresh_internal(accused, reason="subordinate removed")
        case_event(
            actor=actor,
            action="case.subordinate_elsewhere_removed",
            target=accused,
            case=case,
            data=data,
        )


# --- statements ------------------------------------------------------------------------------


def statement_record(
    *,
    actor: User,
    case: Case,
    source: str,
    given_on: date,
    text: str,
    accused: Accused | None = None,
    claimed_at: datetime | None = None,
    claims_within_working_hours: bool | None = None,
) -> Statement:
    """Record a clarification or statement with the moment it claims (Pasal 30)."""
    if accused is not None and accused.case_id != case.pk:
        raise InputError("accused", _("This employee is not accused in this case."))
    # A statement about the whole case is allowed while any accused is still in procedure.
    target = (
        accused
        or case.accused.exclude(stage=Stage.FINAL).order_by("id").first()
        or case.accused.order_by("id").first()
    )
    if target is None:
        raise InputError("accused", _("The case has no accused employee."))
    check_step(actor, target, "statement_record")
    if source not in StatementSource.values:
        raise InputError("source", _("Choose who gave the statement."))
    if not text.strip():
        raise InputError("text", _("Write what the statement says."))
    first = min(case.allegations.values_list("committed_on", flat=True))
    check_day("given_on", given_on, not_before=first, what=_("the offence"))
    if claimed_at is not None and (timezone.is_naive(claimed_at) or claimed_at > timezone.now()):
        raise InputError("claimed_at", _("Give a past moment with its time zone."))
    with transaction.atomic():
        statement = Statement.objects.create(
            case=case,
            accused=accused,
            source=source,
            given_on=given_on,
            claimed_at=claimed_at,
            claims_within_working_hours=claims_within_working_hours,
            text=text.strip(),
            recorded_by=actor,
        )
        case_event(
            actor=actor,
            action="case.statement_recorded",
            target=statement,
            case=case,
            data={
                "case_id": case.pk,
                "source": source,
                "given_on": given_on,
                "claimed_at": claimed_at,
                "claims_within_working_hours": claims_within_working_hours,
                "text_length": len(statement.text),
            },
        )
    return statement


def iter_accused(case: Case) -> Iterable[Accused]:
    return case.accused.select_related("employee").order_by("id")


__all__ = [
    "AUTHORISED_OFFICIAL",
    "allegation_add",
    "case_open_ex_officio",
    "case_open_from_attendance",
    "conflict_reason",
    "expected_examiner",
    "finding_refresh",
    "handler_assign",
    "handler_remove",
    "stated_post_record",
    "statement_record",
]
