"""The menus, in one place. An entry whose URL does not exist (yet) is left out."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tegak.core.access import Role

# (url name, label, roles that see it — empty means every staff member)
STAFF_MENU: list[tuple[str, object, set[str]]] = [
    ("dashboard:home", _("Dashboard"), set()),
    ("intake:queue", _("Reports"), {Role.INTAKE_OFFICER, Role.ADMINISTRATOR, Role.CUSTODIAN}),
    ("cases:list", _("Cases"), set()),
    ("attendance:overview", _("Attendance"), set()),
    ("people:units", _("Organisation"), set()),
    ("people:employees", _("Employees"), set()),
    ("documents:templates", _("Document templates"), {Role.ADMINISTRATOR}),
    ("administration:home", _("Administration"), {Role.ADMINISTRATOR}),
    ("audit:integrity", _("Audit log"), {Role.AUDITOR, Role.OVERSIGHT, Role.ADMINISTRATOR}),
]

# Public pages, listed here and nowhere else (they are the only pages without login).
PUBLIC_MENU: list[tuple[str, object]] = [
    ("portal:home", _("Home")),
    ("reporting:new", _("Report")),
    ("reporting:track", _("Track a report")),
    ("portal:register", _("Public register")),
    ("portal:statistics", _("Statistics")),
]
