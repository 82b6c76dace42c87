"""The joint examination session of a group case (ADR 0061).

The accused of one case who were summoned for the same sitting are examined together: one session
record lists who attended, the same questions are put to each, and each attendee's own answers and
own minutes (BAP) are kept, since every accused keeps their own finding and decision. Each part
goes through the one-accused service (`tegak.hearings.services`), so the stage and the lawful
examiner are checked for every attendee on the day; a refusal for one writes nothing for any and
names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tegak.cases.group import GroupRefused
from tegak.cases.history import case_event
from tegak.cases.models import Accused, Case, Stage
from tegak.core.errors import InputError
from tegak.hearings import services
from tegak.hearings.models import ExaminationSession


def _for_each(accused: Sequence[Accused], run: Any) -> list[Any]:
    """Run the one-accused service for each; a refusal names the accused (the caller's
    transaction then writes nothing)."""
    results = []
    for item in accused:
        try:
            results.append(run(item))
        except InputError as error:
            raise GroupRefused(item, error.field, error.message) from error
        except PermissionDenied as error:
            raise GroupRefused(item, "", str(error) or _("You may not take this step.")) from error
    return results


def _check_group(case: Case, accused: Sequence[Accused]) -> list[Accused]:
    chosen = list(accused)
    if len(chosen) < 1:
        raise InputError("accused", _("Tick at least one accused."))
    if any(item.case_id != case.pk for item in chosen):
        raise InputError("accused", _("Every accused must belong to this case."))
    if len({item.pk for item in chosen}) != len(chosen):
        raise InputError("accused", _("An accused is ticked twice."))
    return chosen


def session_attendees(session: ExaminationSession) -> list[Accused]:
    """The accused examined in the session, in the order they were added to the case."""
    return [
        examination.accused
        for examination in session.examinations.select_related("accused__employee").order_by(
            "accused_id"
        )
    ]


def examination_session_hold(
    *,
    actor: Any,
    case: Case,
    accused: Sequence[Accused],
    held_on: date,
    place: str,
    virtual: bool = False,
    authority_reason: str = "",
) -> ExaminationSession:
    """Hold one examination session for the summoned accused who came: one session record, and
    each attendee's own examination (Pasal 27), checked and recorded for each."""
    chosen = _check_group(case, accused)
    if not place.strip():
        raise InputError("place", _("Give the place of the examination."))
    with transaction.atomic():
        session = ExaminationSession.objects.create(
            case=case, held_on=held_on, place=place.strip(), virtual=virtual, held_by=actor
        )
        examinations = _for_each(
            chosen,
            lambda item: services.examination_hold(
                actor=actor,
                accused=item,
                held_on=held_on,
                place=place,
                virtual=virtual,
                authority_reason=authority_reason,
            ),
        )
        for examination in examinations:
            examination.session = session
            examination.save(update_fields=["session"])
        case_event(
            actor=actor,
            action="hearing.session_held",
            case=case,
            target=session,
            data={
                "session_id": session.pk,
                "accused_ids": [item.pk for item in chosen],
                "held_on": held_on,
                "virtual": virtual,
            },
        )
    return session


def _open_attendees(session: ExaminationSession) -> list[Accused]:
    """The attendees whose minutes are still open (examined, BAP not yet recorded)."""
    attendees = [item for item in session_attendees(session) if item.stage == Stage.EXAMINED]
    if not attendees:
        raise InputError(
            "session", _("The minutes of every attendee of this session are already complete.")
        )
    return attendees


def session_question_record(
    *,
    actor: Any,
    session: ExaminationSession,
    question: str,
    answers: Mapping[int, str],
    put_to: Sequence[int] | None = None,
    authority_reason: str = "",
) -> list[Any]:
    """Put one question to the attendees it is asked of (`put_to`, accused ids; every attendee
    whose minutes are open when not given), each with their own answer. A follow-up question
    asked of one attendee goes into their minutes only."""
    if not question.strip():
        raise InputError("question", _("Write the question."))
    attendees = _open_attendees(session)
    if put_to is not None:
        chosen = set(put_to)
        if not chosen:
            raise InputError("put_to", _("Choose whom the question is put to."))
        if chosen - {item.pk for item in attendees}:
            raise InputError(
                "put_to", _("The question can only be put to attendees whose minutes are open.")
            )
        attendees = [item for item in attendees if item.pk in chosen]
    with transaction.atomic():
        rows = _for_each(
            attendees,
            lambda item: services.question_record(
                actor=actor,
                accused=item,
                question=question,
                answer=answers.get(item.pk, ""),
                authority_reason=authority_reason,
            ),
        )
        case_event(
            actor=actor,
            action="hearing.session_question_recorded",
            case=session.case,
            target=session,
            data={
                "session_id": session.pk,
                "accused_ids": [item.pk for item in attendees],
                "question_length": len(question.strip()),
            },
        )
    return rows


def session_minutes_complete(
    *,
    actor: Any,
    session: ExaminationSession,
    completed_on: date,
    signed: Mapping[int, bool],
    refusal_notes: Mapping[int, str] | None = None,
    authority_reason: str = "",
) -> list[Any]:
    """Complete each attendee's own minutes (BAP) of the session (Pasal 32): signed, or with a
    note of the refusal to sign."""
    notes = refusal_notes or {}
    attendees = _open_attendees(session)
    with transaction.atomic():
        minutes = _for_each(
            attendees,
            lambda item: services.bap_record(
                actor=actor,
                accused=item,
                completed_on=completed_on,
                signed_by_accused=bool(signed.get(item.pk)),
                refusal_note=notes.get(item.pk, ""),
                authority_reason=authority_reason,
            ),
        )
        case_event(
            actor=actor,
            action="hearing.session_minutes_completed",
            case=session.case,
            target=session,
            data={
                "session_id": session.pk,
                "accused_ids": [item.pk for item in attendees],
                "completed_on": completed_on,
                "refused_to_sign_ids": [item.pk for item in attendees if not signed.get(item.pk)],
            },
        )
    return minutes


__all__ = [
    "examination_session_hold",
    "session_attendees",
    "session_minutes_complete",
    "session_question_record",
]
