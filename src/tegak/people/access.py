"""Who may see and change which part of the registry; one-object fetches that answer 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tegak.people.models import Employee, Instansi, OrgUnit

ADMINISTRATOR = "administrator"


def is_system(actor: Any) -> bool:
    """A process acting without a person behind it (the CLI, the demo loader)."""
    return actor is None or isinstance(actor, str)


def instansi_ids_for(actor: Any, *, roles: set[str] | None = None) -> set[int] | None:
    """Ids of the instansi where the actor holds a role (any, or one of `roles`); None = all."""
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return None
    if not getattr(actor, "is_authenticated", False):
        return set()
    assignments = actor.roles.all()
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return set(assignments.values_list("instansi_id", flat=True))


def visible_instansi(actor: Any) -> QuerySet[Instansi]:
    """The instansi whose registry the actor may read."""
    ids = instansi_ids_for(actor)
    queryset = Instansi.objects.all()
    return queryset if ids is None else queryset.filter(id__in=ids)


def administered_instansi(actor: Any) -> QuerySet[Instansi]:
    """The instansi whose registry the actor may change."""
    ids = instansi_ids_for(actor, roles={ADMINISTRATOR})
    queryset = Instansi.objects.all()
    return queryset if ids is None else queryset.filter(id__in=ids)


def can_administer(actor: Any, instansi: Instansi) -> bool:
    """Whether the actor may change this instansi's registry."""
    ids = instansi_ids_for(actor, roles={ADMINISTRATOR})
    return ids is None or instansi.pk in ids


def can_view(actor: Any, instansi: Instansi) -> bool:
    """Whether the actor may read this instansi's registry."""
    ids = instansi_ids_for(actor)
    return ids is None or instansi.pk in ids


def unit_get(actor: Any, unit_id: int) -> OrgUnit:
    """The unit, if the actor may see it; otherwise 404."""
    ids = instansi_ids_for(actor)
    queryset = OrgUnit.objects.select_related("instansi", "parent")
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    try:
        return queryset.get(pk=unit_id)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def employee_get(actor: Any, employee_id: int) -> Employee:
    """The employee, if the actor may see them; otherwise 404."""
    ids = instansi_ids_for(actor)
    queryset = Employee.objects.select_related("instansi")
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    try:
        return queryset.get(pk=employee_id)
    except Employee.DoesNotExist:
        raise Http404 from None
