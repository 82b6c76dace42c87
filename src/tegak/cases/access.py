"""One-object fetches that answer 404 for anything outside what the actor may see."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.cases.models import Accused, Case
from tegak.cases.selectors import cases_for


def case_for(actor: Any, case_id: int) -> Case:
    """The case, if the actor may see it; otherwise 404 (existence does not leak)."""
    case = cases_for(actor).filter(pk=case_id).select_related("instansi").first()
    if case is None:
        raise Http404
    return case


def accused_for(actor: Any, case_id: int, accused_id: int) -> Accused:
    """One accused of a case the actor may see; otherwise 404."""
    case = case_for(actor, case_id)
    accused = Accused.objects.filter(case=case, pk=accused_id).select_related("employee").first()
    if accused is None:
        raise Http404
    accused.case = case
    return accused
