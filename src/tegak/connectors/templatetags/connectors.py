"""`{% lapor_problems %}`: in the triage queue, the LAPOR! dispatches that could not be imported
(per instansi the officer triages), linking to where they are shown with their reasons."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count

from tegak.connectors.access import LAPOR_ROLES
from tegak.connectors.models import DispatchState, LaporDispatch
from tegak.core.access import instansi_ids_with

register = template.Library()


@register.inclusion_tag("connectors/_lapor_problems.html", takes_context=True)
def lapor_problems(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = LaporDispatch.objects.filter(state=DispatchState.MALFORMED)
    rows = rows.filter(instansi_id__in=instansi_ids_with(user, LAPOR_ROLES))
    found = rows.values("instansi__code", "instansi__name").annotate(count=Count("pk"))
    return {"problems": list(found.order_by("instansi__name"))}
