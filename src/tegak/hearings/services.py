"""Writes of the hearing: summons, absence, examination team, examination, Q&A, BAP, findings.

Each service checks the step (order and role) in `tegak.cases.workflow`, checks its dates, writes in
one transaction and records exactly one audit event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tegak.accounts.models import User
from tegak.cases import authority, clocks, cover_up, legal_basis, registry
from tegak.cases.history import case_event
from tegak.cases.models import Accused, Stage
from tegak.cases.rules_bridge import day_off, deadlines, sanction_types
from tegak.cases.services import (
    conflict_reason,
    expected_examiner,
    finding_refresh_internal,
)
from tegak.cases.transitions import locked_step
from tegak.cases.workflow import check_day, check_step
from tegak.core.errors import InputError
from tegak.core.words import long_date, shown_date
from tegak.hearings.conf import examination_on_day_off
from tegak.hearings.models import (
    BeritaAcara,
    Examination,
    ExaminationTeam,
    ExaminationTeamMember,
    FindingsReport,
    QuestionAnswer,
    Summons,
    TeamMemberRole,
    TemporaryRelease,
)
from tegak.law.labels import engine_text
from tegak.people.models import Employee


def blank_answer() -> str:
    """The refusal of a blank answer (the same words on every page that takes answers)."""
    return _(
        "Write the answer of the accused. If they do not answer, write that they did not answer."
    )


def _event(actor: Any, action: str, accused: Accused, target: Any, **data: Any) -> None:
    case_event(
        actor=actor,
        action=action,
        case=accused.case,
        target=target,
        data={"accused_id": accused.pk, **data},
    )


def _examiner_check(
    actor: Any, accused: Accused, step: str, day: date, reason: str
) -> dict[str, Any]:
    """The actor's capacity for an examination step that day, or a refusal naming the lawful
    examiner; a reason given once by this actor for this accused carries to the later steps."""
    if not reason.strip():
        earlier = (
            accused.step_authorities.filter(user=actor, deviation=True).order_by("-id").first()
        )
        reason = earlier.reason if earlier is not None else ""
    return authority.check(
        actor=actor,
        accused=accused,
        step=step,
        day=day,
        lawful=authority.lawful_examiners(accused, day),
        reason=reason,
    )


def _latest_summons(accused: Accused) -> Summons:
    summons = accused.summonses.order_by("-number").first()
    if summons is None:  # the stage table makes this unreachable; kept as a guard
        raise InputError("summons", _("No summons has been issued."))
    return summons


def _check_examination_day(accused: Accused, examination_on: date) -> None:
    """An examination is set on a working day of the instansi (legal question C10: Pasal 26(2)
    counts the summons gap in working days, and the examination is an act of office; a weekend
    or a holiday was accepted before). `TEGAK_EXAMINATION_ON_DAY_OFF=allow` accepts any day."""
    if examination_on_day_off() == "allow":
        return
    reason = day_off(examination_on, instansi=accused.case.instansi)
    if reason is None:
        return
    raise InputError(
        "examination_on",
        _(
            "%(day)s is not a working day of the instansi (%(why)s): set the examination on a "
            "working day."
        )
        % {
            "day": shown_date(examination_on),
            "why": reason or _("weekend"),
        },
    )


def summons_issue(
    *,
    actor: User,
    accused: Accused,
    number: int,
    issued_on: date,
    examination_on: date,
    place: str,
    examination_time: time | None = None,
    authority_reason: str = "",
) -> Summons:
    """Issue summons I or II; the examination day must fall within the legal gap (Pasal 26)."""
    if number not in (1, 2):
        raise InputError("number", _("A summons is the first or the second."))
    check_step(actor, accused, f"summons_issue_{number}")
    if number == 1:
        check_day(
            "issued_on",
            issued_on,
            not_before=accused.case.known_to_superior_on,
            what=_("the day the superior learned of it"),
        )
    else:
        missed = _latest_summons(accused)
        check_day(
            "issued_on",
            issued_on,
            not_before=missed.examination_on,
            what=_("the missed examination"),
        )
    if not place.strip():
        raise InputError("place", _("Give the place of the examination."))
    if examination_on is None or examination_on <= issued_on:
        raise InputError(
            "examination_on", _("The examination must be after the day the summons is issued.")
        )
    _check_examination_day(accused, examination_on)
    checked = _examiner_check(
        actor, accused, f"summons_issue_{number}", issued_on, authority_reason
    )
    gap = deadlines("summons_issued", issued_on, instansi=accused.case.instansi)
    # A limit no law sets (PPPK and non-ASN staff, reading C20) is the office's: kept unless the
    # installation keeps none, and never a reason to refuse the day.
    if gap and not legal_basis.keeps_clock(accused, gap[0]["basis"]):
        gap = []
    latest = gap[0]["due"] if gap else None
    # A PPPK's or non-ASN employee's summons cites their rule, never PP 94/2021 (legal_basis).
    gap_basis = legal_basis.basis(accused, gap[0]["basis"], issued_on, period=True) if gap else ""
    binding = bool(gap) and legal_basis.period_from_law(accused, gap[0]["basis"])
    if latest is not None and binding and examination_on > latest:
        raise InputError(
            "examination_on",
            _("The examination must be no later than %(day)s (%(basis)s).")
            % {"day": shown_date(latest), "basis": engine_text(gap_basis)},
        )
    with locked_step(actor=actor, accused=accused, step=f"summons_issue_{number}") as transition:
        summons = Summons.objects.create(
            case=accused.case,
            accused=accused,
            number=number,
            issued_on=issued_on,
            examination_on=examination_on,
            examination_time=examination_time,
            place=place.strip(),
            latest_examination_on=latest,
            deadline_basis=gap_basis[:300],
            latest_is_office_limit=latest is not None and not binding,
            issued_by=actor,
        )
        authority.record(
            actor=actor,
            accused=accused,
            step=f"summons_issue_{number}",
            day=issued_on,
            checked=checked,
        )
        clocks.meet(accused, f"summons_issue_{number}", issued_on)
        clocks.start(accused, "summons_issued", issued_on)
        transition.move(Stage.SUMMONED_1 if number == 1 else Stage.SUMMONED_2)
        _event(
            actor,
            "hearing.summons_issued",
            accused,
            summons,
            number=number,
            issued_on=issued_on,
            examination_on=examination_on,
            latest_examination_on=latest,
        )
    return summons


def examination_missed(
    *, actor: User, accused: Accused, recorded_on: date, authority_reason: str = ""
) -> Summons:
    """Record that the accused did not come: a second summons follows, or after the second a
    decision on the evidence (Pasal 26(3)-(4))."""
    check_step(actor, accused, "examination_missed")
    summons = _latest_summons(accused)
    check_day(
        "recorded_on", recorded_on, not_before=summons.examination_on, what=_("the examination day")
    )
    checked = _examiner_check(actor, accused, "examination_missed", recorded_on, authority_reason)
    with locked_step(actor=actor, accused=accused, step="examination_missed") as transition:
        authority.record(
            actor=actor,
            accused=accused,
            step="examination_missed",
            day=recorded_on,
            checked=checked,
        )
        summons.missed = True
        summons.missed_recorded_on = recorded_on
        summons.save(update_fields=["missed", "missed_recorded_on"])
        # The office kept its duty on the day it had set for the examination, whenever the
        # absence is written down.
        clocks.meet(accused, "examination_missed", summons.examination_on)
        if summons.number == 1:
            clocks.start(accused, "summons_missed", summons.examination_on)
            transition.move(Stage.MISSED_1)
        else:
            transition.move(Stage.ABSENT_TWICE)
        _event(
            actor,
            "hearing.examination_missed",
            accused,
            summons,
            number=summons.number,
            examination_on=summons.examination_on,
        )
    return summons


def team_form(
    *,
    actor: User,
    accused: Accused,
    formed_on: date,
    members: Sequence[tuple[Employee, str]],
    authority_reason: str = "",
) -> ExaminationTeam:
    """Form the examination team: the direct superior (or the next one up when involved), a
    member from supervision and one from personnel (Pasal 29(3), (6)), by the PPK or the official
    designated (Pasal 29(5)); anyone else is refused or goes on with a kept reason."""
    check_step(actor, accused, "team_form")
    if accused.examination_team == "none":
        raise InputError("team", _("The rules engine finds no examination team for this level."))
    if hasattr(accused, "team"):
        raise InputError("team", _("The examination team has already been formed."))
    check_day(
        "formed_on",
        formed_on,
        not_before=accused.case.known_to_superior_on,
        what=_("the day the superior learned of it"),
    )
    roles = {role for _employee, role in members}
    seen: set[int] = set()
    superior, _replaced = expected_examiner(accused, formed_on)
    for index, (employee, role) in enumerate(members):
        field = f"members[{index}]"
        if role not in TeamMemberRole.values:
            raise InputError(field + ".role", _("Choose the member's role."))
        if employee.pk in seen:
            raise InputError(field + ".employee", _("This person is already a member."))
        seen.add(employee.pk)
        reason = conflict_reason(accused.case, employee, formed_on)
        if reason:
            raise InputError(field + ".employee", reason)
        supervision, personnel = registry.unit_flags(employee, formed_on)
        if role == TeamMemberRole.SUPERVISION and not supervision:
            raise InputError(field + ".employee", _("This person is not in a supervision unit."))
        if role == TeamMemberRole.PERSONNEL and not personnel:
            raise InputError(field + ".employee", _("This person is not in a personnel unit."))
        if role == TeamMemberRole.SUPERIOR and (superior is None or superior.pk != employee.pk):
            if superior is None:
                raise InputError(
                    field + ".employee",
                    _(
                        "The superior member must be the direct superior, or the next one up when "
                        "the direct superior is involved (Pasal 29(6))."
                    ),
                )
            raise InputError(
                field + ".employee",
                _(
                    "The superior member must be %(name)s: the direct superior, or the next one "
                    "up when the direct superior is involved (Pasal 29(3), (6))."
                )
                % {"name": superior.full_name},
            )
    for needed, label in (
        (TeamMemberRole.SUPERIOR, _("the direct superior")),
        (TeamMemberRole.SUPERVISION, _("a member from supervision")),
        (TeamMemberRole.PERSONNEL, _("a member from personnel")),
    ):
        if needed not in roles:
            raise InputError("members", _("The team needs %(who)s.") % {"who": label})
    checked = authority.check(
        actor=actor,
        accused=accused,
        step="team_form",
        day=formed_on,
        lawful=authority.lawful_team_former(accused, formed_on),
        reason=authority_reason,
    )
    with transaction.atomic():
        authority.record(
            actor=actor, accused=accused, step="team_form", day=formed_on, checked=checked
        )
        team = ExaminationTeam.objects.create(
            case=accused.case, accused=accused, formed_on=formed_on, formed_by=actor
        )
        for employee, role in members:
            ExaminationTeamMember.objects.create(team=team, employee=employee, role=role)
        _event(
            actor,
            "hearing.team_formed",
            accused,
            team,
            formed_on=formed_on,
            members=[{"employee_id": employee.pk, "role": role} for employee, role in members],
            capacity=checked["capacity"],
            deviation=checked["deviation"],
        )
    return team


def examination_hold(
    *,
    actor: User,
    accused: Accused,
    held_on: date,
    place: str,
    virtual: bool = False,
    authority_reason: str = "",
) -> Examination:
    """Record that the closed examination took place (Pasal 27); a required team must exist."""
    check_step(actor, accused, "examination_hold")
    summons = _latest_summons(accused)
    check_day("held_on", held_on, not_before=summons.issued_on, what=_("the summons"))
    if not place.strip():
        raise InputError("place", _("Give the place of the examination."))
    team = getattr(accused, "team", None)
    if accused.examination_team == "required" and team is None:
        raise InputError(
            "team", _("This level requires an examination team (Pasal 29(2)); form it first.")
        )
    checked = _examiner_check(actor, accused, "examination_hold", held_on, authority_reason)
    with locked_step(actor=actor, accused=accused, step="examination_hold") as transition:
        authority.record(
            actor=actor, accused=accused, step="examination_hold", day=held_on, checked=checked
        )
        examination = Examination.objects.create(
            case=accused.case,
            accused=accused,
            summons=summons,
            held_on=held_on,
            place=place.strip(),
            virtual=virtual,
            by_team=team is not None,
            examiner=actor,
        )
        clocks.meet(accused, "examination_hold", held_on)
        transition.move(Stage.EXAMINED)
        _event(
            actor,
            "hearing.examination_held",
            accused,
            examination,
            held_on=held_on,
            virtual=virtual,
            by_team=team is not None,
            summons_number=summons.number,
        )
    return examination


def question_record(
    *, actor: User, accused: Accused, question: str, answer: str, authority_reason: str = ""
) -> QuestionAnswer:
    """Add a question and its answer to the examination record."""
    check_step(actor, accused, "question_record")
    if not question.strip():
        raise InputError("question", _("Write the question."))
    if not answer.strip():
        raise InputError("answer", blank_answer())
    examination = accused.examination
    checked = _examiner_check(
        actor, accused, "question_record", examination.held_on, authority_reason
    )
    with transaction.atomic():
        if checked["deviation"]:
            authority.record(
                actor=actor,
                accused=accused,
                step="question_record",
                day=examination.held_on,
                checked=checked,
            )
        order = examination.questions.count() + 1
        row = QuestionAnswer.objects.create(
            examination=examination, order=order, question=question.strip(), answer=answer.strip()
        )
        _event(
            actor,
            "hearing.question_recorded",
            accused,
            row,
            order=order,
            question_length=len(row.question),
            answer_length=len(row.answer),
        )
    return row


def _open_row(actor: Any, row: QuestionAnswer) -> Accused:
    """The accused whose open minutes hold the row; refused once their minutes (BAP) are
    complete: from then on the minutes are frozen."""
    accused = row.examination.accused
    if BeritaAcara.objects.filter(examination=row.examination).exists():
        raise InputError(
            "question",
            _("The minutes (BAP) are complete; their questions and answers are no longer changed."),
        )
    check_step(actor, accused, "question_record")
    return accused


def _digest(row: QuestionAnswer) -> str:
    """SHA-256 of the row's question and answer: the audit event proves what was changed
    without holding the words themselves (the log holds no personal data)."""
    text = json.dumps([row.question, row.answer], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def question_correct(
    *, actor: Any, row: QuestionAnswer, question: str, answer: str
) -> QuestionAnswer:
    """Correct a question or its answer entered by mistake, while the minutes (BAP) are open;
    the event keeps the digest of the words before and after."""
    accused = _open_row(actor, row)
    if not question.strip():
        raise InputError("question", _("Write the question."))
    if not answer.strip():
        raise InputError("answer", blank_answer())
    with transaction.atomic():
        before = _digest(row)
        question_changed = row.question != question.strip()
        answer_changed = row.answer != answer.strip()
        row.question, row.answer = question.strip(), answer.strip()
        row.save(update_fields=["question", "answer"])
        _event(
            actor,
            "hearing.question_corrected",
            accused,
            row,
            order=row.order,
            question_changed=question_changed,
            answer_changed=answer_changed,
            before_sha256=before,
            after_sha256=_digest(row),
        )
    return row


def question_withdraw(*, actor: Any, row: QuestionAnswer) -> None:
    """Take out a question put to this accused by mistake, while their minutes (BAP) are open;
    the later questions move up one number. The event keeps the digest of the words."""
    accused = _open_row(actor, row)
    examination, order = row.examination, row.order
    with transaction.atomic():
        before = _digest(row)
        row.delete()
        # One by one, from the lowest: each number is free when it is taken (unique order).
        for later in examination.questions.filter(order__gt=order).order_by("order"):
            later.order -= 1
            later.save(update_fields=["order"])
        _event(
            actor,
            "hearing.question_withdrawn",
            accused,
            examination,
            order=order,
            before_sha256=before,
        )


def bap_record(
    *,
    actor: User,
    accused: Accused,
    completed_on: date,
    signed_by_accused: bool,
    refusal_note: str = "",
    summary: str = "",
    authority_reason: str = "",
) -> BeritaAcara:
    """Record the BAP; valid even when the accused refuses to sign, with a note (Pasal 32)."""
    check_step(actor, accused, "bap_record")
    examination = accused.examination
    if not examination.questions.exists():
        raise InputError("questions", _("Record at least one question and answer first."))
    check_day(
        "completed_on", completed_on, not_before=examination.held_on, what=_("the examination")
    )
    if not signed_by_accused and not refusal_note.strip():
        raise InputError(
            "refusal_note", _("Note the refusal to sign; the BAP stays valid (Pasal 32).")
        )
    checked = _examiner_check(actor, accused, "bap_record", completed_on, authority_reason)
    with locked_step(actor=actor, accused=accused, step="bap_record") as transition:
        authority.record(
            actor=actor, accused=accused, step="bap_record", day=completed_on, checked=checked
        )
        berita_acara = BeritaAcara.objects.create(
            case=accused.case,
            accused=accused,
            examination=examination,
            completed_on=completed_on,
            signed_by_accused=signed_by_accused,
            refusal_note=refusal_note.strip(),
            summary=summary.strip(),
            recorded_by=actor,
        )
        transition.move(Stage.BAP_RECORDED)
        # The examination date is a fact the engine weighs (transition, Pasal 40).
        changed = finding_refresh_internal(accused, reason="examination minutes completed")
        _event(
            actor,
            "hearing.bap_recorded",
            accused,
            berita_acara,
            completed_on=completed_on,
            signed_by_accused=signed_by_accused,
            finding_changed=changed,
        )
    return berita_acara


def findings_report(
    *,
    actor: User,
    accused: Accused,
    reported_on: date,
    conclusion: str,
    proven: bool = True,
    recommended_sanction: str = "",
    authority_reason: str = "",
) -> FindingsReport:
    """Report the findings (LHP) to the authorised official (Pasal 27(3)-(4), 34)."""
    check_step(actor, accused, "findings_report")
    check_day(
        "reported_on",
        reported_on,
        not_before=accused.berita_acara.completed_on,
        what=_("the examination minutes"),
    )
    if not conclusion.strip():
        raise InputError("conclusion", _("Write the conclusion."))
    recommended_sanction = recommended_sanction.strip()
    if recommended_sanction and recommended_sanction not in sanction_types(accused).codes:
        raise InputError("recommended_sanction", _("Choose a sanction from the list."))
    recommended = (
        (recommended_sanction or str(accused.finding.get("sanction") or "")) if proven else ""
    )
    checked = _examiner_check(actor, accused, "findings_report", reported_on, authority_reason)
    with locked_step(actor=actor, accused=accused, step="findings_report") as transition:
        authority.record(
            actor=actor, accused=accused, step="findings_report", day=reported_on, checked=checked
        )
        report = FindingsReport.objects.create(
            case=accused.case,
            accused=accused,
            reported_on=reported_on,
            proven=proven,
            conclusion=conclusion.strip(),
            recommended_sanction=recommended,
            recorded_by=actor,
        )
        closed = False
        if proven:
            transition.move(Stage.FINDINGS_REPORTED)
        else:
            # Nothing proven: no decision to take, the matter ends for this employee.
            accused.final_on = reported_on
            accused.save(update_fields=["final_on"])
            closed = transition.move(Stage.FINAL, on=reported_on)
            # A superior accused of not acting on this employee is weighed again: nothing was
            # proven against the subordinate (tegak.cases.cover_up).
            cover_up.reweigh_superiors(accused, reason="subordinate not proven")
        _event(
            actor,
            "hearing.findings_reported",
            accused,
            report,
            reported_on=reported_on,
            proven=proven,
            recommended_sanction=recommended,
            case_final=closed,
        )
    return report


def _check_release_start(accused: Accused, first: Summons | None, starts_on: date) -> None:
    """A release runs "sejak yang bersangkutan diperiksa" (PP 94/2021 Pasal 31(1); PP 53/2010
    Pasal 27): from the examination, not before it (reading C24). The day the examination
    begins is the day the first summons calls the employee to, or the day an examination was
    held if that came first; the decree itself may be made once the employee is summoned."""
    days = [first.examination_on] if first is not None else []
    examination = Examination.objects.filter(accused=accused).only("held_on").first()
    if examination is not None:
        days.append(examination.held_on)
    if not days:
        raise InputError(
            "starts_on",
            _(
                "Summon the employee first: a temporary release runs from the examination "
                "(PP 94/2021 Pasal 31 ayat (1))."
            ),
        )
    begins = min(days)
    if starts_on < begins:
        raise InputError(
            "starts_on",
            _(
                'A temporary release runs from the examination ("sejak yang bersangkutan '
                'diperiksa", PP 94/2021 Pasal 31 ayat (1)): it cannot start before %(day)s, '
                "the day the employee is examined."
            )
            % {"day": long_date(begins, language=get_language() or "id")},
        )


def temporary_release(
    *,
    actor: User,
    accused: Accused,
    decree_number: str,
    decree_on: date,
    starts_on: date,
    acting_official: Employee | None = None,
    authority_reason: str = "",
) -> TemporaryRelease:
    """Release the employee temporarily from the duties of their post while a berat sanction is
    likely, from the examination until the decision, by the direct superior (the next one up when
    there is none), with an acting official (PP 94/2021 Pasal 31)."""
    check_step(actor, accused, "temporary_release")
    if accused.finding.get("level") != "berat":
        raise InputError(
            "starts_on",
            _(
                "A temporary release is only for a violation that may bring a heavy (berat) "
                "sanction (PP 94/2021 Pasal 31(1))."
            ),
        )
    if hasattr(accused, "temporary_release"):
        raise InputError("starts_on", _("The employee has already been released."))
    if not decree_number.strip():
        raise InputError("decree_number", _("Give the number of the decree."))
    first = accused.summonses.order_by("number").first()
    check_day(
        "decree_on",
        decree_on,
        not_before=first.issued_on if first else accused.case.known_to_superior_on,
        what=_("the summons"),
    )
    check_day("starts_on", starts_on, not_before=decree_on, what=_("the decree"))
    _check_release_start(accused, first, starts_on)
    if acting_official is not None:
        if acting_official.instansi_id != accused.case.instansi_id:
            raise InputError("acting_official", _("Choose an employee of this instansi."))
        reason = conflict_reason(accused.case, acting_official, starts_on)
        if reason:
            raise InputError("acting_official", reason)
    examiner, _replaced = expected_examiner(accused, decree_on)
    lawful = authority.Lawful(
        {examiner.pk: authority.Capacity.DIRECT_SUPERIOR} if examiner is not None else {},
        [examiner.full_name] if examiner is not None else [],
        legal_basis.basis(accused, "PP 94/2021 Pasal 31", decree_on),
        unresolved=examiner is None,
    )
    checked = authority.check(
        actor=actor,
        accused=accused,
        step="temporary_release",
        day=decree_on,
        lawful=lawful,
        reason=authority_reason,
    )
    with transaction.atomic():
        authority.record(
            actor=actor, accused=accused, step="temporary_release", day=decree_on, checked=checked
        )
        release = TemporaryRelease.objects.create(
            case=accused.case,
            accused=accused,
            decree_number=decree_number.strip()[:100],
            decree_on=decree_on,
            starts_on=starts_on,
            acting_official=acting_official,
            recorded_by=actor,
        )
        _event(
            actor,
            "hearing.temporary_release",
            accused,
            release,
            decree_on=decree_on,
            starts_on=starts_on,
            acting_official_id=acting_official.pk if acting_official else None,
            deviation=checked["deviation"],
        )
    return release


__all__ = [
    "bap_record",
    "examination_hold",
    "examination_missed",
    "findings_report",
    "question_record",
    "summons_issue",
    "team_form",
    "temporary_release",
]
