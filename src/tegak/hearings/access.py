"""One-object fetches of the hearings that answer 404 for anything outside what the actor may
see (the case's own rule, `tegak.cases.access`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.cases.access import case_for
from tegak.hearings.models import ExaminationSession, QuestionAnswer


def session_for(actor: Any, case_id: int, session_id: int) -> ExaminationSession:
    """A joint examination session of a case the actor may see; otherwise 404."""
    case = case_for(actor, case_id)
    session = ExaminationSession.objects.filter(case=case, pk=session_id).first()
    if session is None:
        raise Http404
    session.case = case
    return session


def question_for(actor: Any, case_id: int, session_id: int, question_id: int) -> QuestionAnswer:
    """A question and answer of a joint session the actor may see; otherwise 404."""
    session = session_for(actor, case_id, session_id)
    row = (
        QuestionAnswer.objects.select_related("examination__accused__employee")
        .filter(pk=question_id, examination__session=session)
        .first()
    )
    if row is None:
        raise Http404
    return row
