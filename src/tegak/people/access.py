"""Who may see and change which part of the registry; one-object fetches that answer 404.

Built on the one access layer (`tegak.core.access`): the instansi's administrators and the
installation administrator change a registry; a system actor only with `Right.REGISTRY_WRITE`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tegak.core.access import (
    Right,
    Role,
    administers,
    has_right,
    instansi_ids_with,
    is_installation_admin,
)
from tegak.people.models import Employee, Instansi, OrgUnit


def instansi_ids_for(actor: Any, *, roles: set[Role] | None = None) -> set[int] | None:
    """Ids of the instansi where the actor holds a role (any, or one of `roles`); None = all
    (the installation administrator). A system actor reads no registry."""
    if is_installation_admin(actor):
        return None
    return instansi_ids_with(actor, roles)


def visible_instansi(actor: Any) -> QuerySet[Instansi]:
    """The instansi whose registry the actor may read."""
    ids = instansi_ids_for(actor)
    queryset = Instansi.objects.all()
    return queryset if ids is None else queryset.filter(id__in=ids)


def administered_instansi(actor: Any) -> QuerySet[Instansi]:
    """The instansi whose registry the actor may change (as a person)."""
    ids = instansi_ids_for(actor, roles={Role.ADMINISTRATOR})
    queryset = Instansi.objects.all()
    return queryset if ids is None else queryset.filter(id__in=ids)


def can_administer(actor: Any, instansi: Instansi) -> bool:
    """Whether the actor may change this instansi's registry."""
    return administers(actor, instansi) or has_right(actor, Right.REGISTRY_WRITE, instansi)


def can_view(actor: Any, instansi: Instansi) -> bool:
    """Whether the actor may read this instansi's registry."""
    ids = instansi_ids_for(actor)
    return ids is None or instansi.pk in ids


def unit_for(actor: Any, unit_id: int) -> OrgUnit:
    """The unit, if the actor may see it; otherwise 404."""
    ids = instansi_ids_for(actor)
    queryset = OrgUnit.objects.select_related("instansi", "parent")
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    try:
        return queryset.get(pk=unit_id)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def employee_for(actor: Any, employee_id: int) -> Employee:
    """The employee, if the actor may see them; otherwise 404."""
    ids = instansi_ids_for(actor)
    queryset = Employee.objects.select_related("instansi")
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    try:
        return queryset.get(pk=employee_id)
    except Employee.DoesNotExist:
        raise Http404 from None
