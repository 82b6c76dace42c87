"""One-object fetches of the hearings that answer 404 for anything outside what the actor may
see (the case's own rule, `tegak.cases.access`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.cases.access import case_for
from tegak.hearings.models import ExaminationSession


def session_for(actor: Any, case_id: int, session_id: int) -> ExaminationSession:
    """A joint examination session of a case the actor may see; otherwise 404."""
    case = case_for(actor, case_id)
    session = ExaminationSession.objects.filter(case=case, pk=session_id).first()
    if session is None:
        raise Http404
    session.case = case
    return session
