"""The one access layer: who the actor is, which roles it holds where, and one rule for each.

An actor is either

- a **user** (`tegak.accounts.models.User`, or Django's anonymous user): it holds the roles given
  to it by `RoleAssignment`, each in one instansi, and nothing else; or
- a **system actor** (`SystemActor`): a process with no person behind it (the CLI, the worker,
  the demo loader, a superior acting on their attendance alert). It is named, and it holds only
  the `Right`s it was given, optionally only in some instansi. It holds no role.

A plain string or `None` is **not** an actor: every check here refuses it.

The superuser is the **installation administrator** (`is_installation_admin`): it may establish
an instansi and administer every instansi (registry, accounts, attendance, jobs) — the places that
accept it call `administers()` or `is_installation_admin()`. It holds no role in an instansi's
procedure (reports, cases, identities, documents) unless one is assigned to it like to anyone.

Out-of-scope objects answer 404: fetch them with `<thing>_for(actor, id)`, which raises `Http404`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeAlias, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Person(Protocol):
    """A user as this layer sees it (`accounts.User` or Django's anonymous user); this module sits
    below `people` and `accounts` and imports neither."""

    pk: Any
    is_authenticated: bool
    is_superuser: bool


class Instansi(Protocol):
    """An instansi as this layer sees it (`people.Instansi`)."""

    pk: Any


__all__ = [
    "Actor",
    "Right",
    "Role",
    "SystemActor",
    "administers",
    "has_right",
    "has_role",
    "instansi_ids_with",
    "is_installation_admin",
    "is_system_actor",
    "is_user",
    "require",
    "require_role",
    "roles_in",
]


class Role(models.TextChoices):
    """The one spelling of a staff role (stored on `accounts.RoleAssignment`, re-exported as
    `tegak.accounts.models.Role`). Never write a role's name as a string."""

    ADMINISTRATOR = "administrator", gettext_lazy("Administrator")
    INTAKE_OFFICER = "intake_officer", gettext_lazy("Intake officer")
    EXAMINER = "examiner", gettext_lazy("Examiner")
    AUTHORISED_OFFICIAL = "authorised_official", gettext_lazy("Authorised official")
    CUSTODIAN = "custodian", gettext_lazy("Identity custodian")
    OVERSIGHT = "oversight", gettext_lazy("Oversight")
    AUDITOR = "auditor", gettext_lazy("Auditor")


class Right(StrEnum):
    """What a system actor may be given. A user never holds a right: it holds roles."""

    # Establish a new instansi (the installation's own act).
    INSTANSI_ESTABLISH = "instansi.establish"
    # Write an instansi's registry: units, positions, employees, posts, imports.
    REGISTRY_WRITE = "registry.write"
    # Register or deactivate a partner intake channel (SMS gateway, call centre).
    PARTNER_CHANNELS = "intake.partner_channels"
    # Open a case from an attendance alert (a direct superior acting on their duty,
    # PP 94/2021 Pasal 26-28, who holds no case role).
    CASE_OPEN_FROM_ATTENDANCE = "cases.open_from_attendance"
    # Delete records whose retention period under the instansi's policy has ended (the
    # scheduled retention run; never anything under a legal hold or tied to an open case).
    RETENTION_DELETE = "retention.delete"
    # Import an instansi's check-ins and leave (`tegak attendance import`, an operator at the
    # server's command line, through the same job as the administrator's page).
    ATTENDANCE_IMPORT = "attendance.import"


@dataclass(frozen=True)
class SystemActor:
    """A named process acting with exactly the rights it is given.

    `instansi_ids` limits the rights to those instansi (None: any instansi). The name is what the
    audit chain records as the actor (never a person's name beyond a login name)."""

    name: str
    rights: frozenset[Right] = field(default_factory=frozenset)
    instansi_ids: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if not self.name or not isinstance(self.name, str):
            raise ValueError("a system actor needs a name")
        object.__setattr__(self, "rights", frozenset(Right(right) for right in self.rights))
        if self.instansi_ids is not None:
            object.__setattr__(self, "instansi_ids", frozenset(self.instansi_ids))

    # A system actor is never a logged-in person and never a superuser.
    is_system_actor = True
    pk = None
    is_authenticated = False
    is_superuser = False

    def get_username(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


Actor: TypeAlias = "Person | SystemActor"

RoleSpec: TypeAlias = "Role | Iterable[Role]"


def _instansi_id(instansi: Instansi | int) -> int:
    return instansi if isinstance(instansi, int) else int(instansi.pk)


def _roles(spec: RoleSpec) -> frozenset[str]:
    if isinstance(spec, Role):
        return frozenset({spec.value})
    values = frozenset(Role(role).value for role in spec)
    if not values:
        raise ValueError("name at least one role")
    return values


def _assignments(actor: Any) -> models.QuerySet[Any]:
    """The user's role assignments (`accounts.RoleAssignment`, reached through the user)."""
    return actor.roles.all()


def is_system_actor(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def is_user(actor: object) -> bool:
    """A logged-in person (not anonymous, not a system actor, not a string)."""
    return (
        not isinstance(actor, (SystemActor, str))
        and actor is not None
        and bool(getattr(actor, "is_authenticated", False))
        and getattr(actor, "pk", None) is not None
    )


def is_installation_admin(actor: object) -> bool:
    """The installation's administrator: an active superuser account. The only reading of
    `is_superuser` in the project."""
    return (
        is_user(actor)
        and bool(getattr(actor, "is_superuser", False))
        and bool(getattr(actor, "is_active", True))
    )


def roles_in(actor: object, instansi: Instansi | int) -> frozenset[Role]:
    """The roles the actor holds in the instansi (a system actor: none)."""
    if not is_user(actor):
        return frozenset()
    values = (
        _assignments(actor)
        .filter(instansi_id=_instansi_id(instansi))
        .values_list("role", flat=True)
    )
    return frozenset(Role(value) for value in values)


def has_role(actor: object, roles: RoleSpec, instansi: Instansi | int) -> bool:
    """Whether the actor holds one of the roles in the instansi. Assigned roles only: a
    superuser and a system actor hold none they were not given."""
    if not is_user(actor):
        return False
    return (
        _assignments(actor)
        .filter(instansi_id=_instansi_id(instansi), role__in=_roles(roles))
        .exists()
    )


def instansi_ids_with(actor: object, roles: RoleSpec | None = None) -> set[int]:
    """Ids of the instansi where the actor holds one of the roles (any role when None)."""
    if not is_user(actor):
        return set()
    assignments = _assignments(actor)
    if roles is not None:
        assignments = assignments.filter(role__in=_roles(roles))
    return set(assignments.values_list("instansi_id", flat=True))


def has_right(actor: object, right: Right, instansi: Instansi | int | None = None) -> bool:
    """Whether a system actor was given the right (in this instansi, when one is named)."""
    if not isinstance(actor, SystemActor) or Right(right) not in actor.rights:
        return False
    if instansi is None or actor.instansi_ids is None:
        return True
    return _instansi_id(instansi) in actor.instansi_ids


def administers(actor: object, instansi: Instansi | int) -> bool:
    """The instansi's administrator, or the installation administrator."""
    return is_installation_admin(actor) or has_role(actor, Role.ADMINISTRATOR, instansi)


Row = TypeVar("Row", bound=models.Model)


def administered_one(
    actor: object, rows: models.QuerySet[Row], instansi: Instansi | int, row_id: object
) -> Row:
    """One of the instansi's `rows` by its id (as posted: a missing or malformed id is not
    found), when the actor administers the instansi; otherwise 404. The body of the
    administration's `<thing>_for(actor, instansi, id)` fetches."""
    try:
        pk = int(row_id or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404 from None
    row = rows.filter(instansi_id=_instansi_id(instansi), pk=pk).first()
    if row is None or not administers(actor, instansi):
        raise Http404
    return row


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have a role that may do this in this instansi."))


def require_role(
    actor: Any,
    roles: RoleSpec,
    instansi: Instansi | int,
    *,
    right: Right | None = None,
    installation_admin: bool = False,
) -> None:
    """Raise PermissionDenied unless the actor holds one of the roles in the instansi — or is a
    system actor given `right` there — or, with `installation_admin=True`, is the installation
    administrator."""
    if has_role(actor, roles, instansi):
        return
    if right is not None and has_right(actor, right, instansi):
        return
    if installation_admin and is_installation_admin(actor):
        return
    raise _refuse()


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless `allowed` (for checks composed from the helpers above)."""
    if not allowed:
        raise _refuse()
