"""The audit events of `people` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeopleAction(models.TextChoices):
    INSTANSI_CREATED = "people.instansi_created", _("Instansi created")
    INSTANSI_UPDATED = "people.instansi_updated", _("Instansi updated")
    UNIT_CREATED = "people.unit_created", _("Unit created")
    UNIT_UPDATED = "people.unit_updated", _("Unit updated")
    UNIT_MOVED = "people.unit_moved", _("Unit moved")
    UNITS_IMPORTED = "people.units_imported", _("Units imported")
    POSITION_CREATED = "people.position_created", _("Post created")
    POSITION_UPDATED = "people.position_updated", _("Post updated")
    EMPLOYEE_CREATED = "people.employee_created", _("Employee created")
    EMPLOYEE_UPDATED = "people.employee_updated", _("Employee updated")
    EMPLOYEES_IMPORTED = "people.employees_imported", _("Employees imported")
    ASSIGNMENT_STARTED = "people.assignment_started", _("Post assignment started")
    ASSIGNMENT_ENDED = "people.assignment_ended", _("Post assignment ended")
    ASSIGNMENT_BACKFILLED = "people.assignment_backfilled", _("Past post assignment recorded")
    ASSIGNMENT_CORRECTED = "people.assignment_corrected", _("Post assignment corrected")
    SUPERVISOR_OVERRIDE_SET = "people.supervisor_override_set", _("Superior set by hand")


KEYS = {
    PeopleAction.INSTANSI_CREATED: set(),
    PeopleAction.INSTANSI_UPDATED: {"fields"},
    PeopleAction.UNIT_CREATED: {"code", "parent_id"},
    PeopleAction.UNIT_UPDATED: {"fields"},
    PeopleAction.UNIT_MOVED: {"from_parent_id", "to_parent_id"},
    PeopleAction.UNITS_IMPORTED: {"created", "rows", "skipped", "unchanged", "updated"},
    PeopleAction.POSITION_CREATED: {"is_head", "kind", "unit_id"},
    PeopleAction.POSITION_UPDATED: {"fields"},
    PeopleAction.EMPLOYEE_CREATED: {"status"},
    PeopleAction.EMPLOYEE_UPDATED: {"fields"},
    PeopleAction.EMPLOYEES_IMPORTED: {
        "created",
        "positions_created",
        "rows",
        "skipped",
        "unchanged",
        "updated",
    },
    PeopleAction.ASSIGNMENT_STARTED: {
        "employee_id",
        "ended_assignment_ids",
        "kind",
        "position_id",
        "start",
    },
    PeopleAction.ASSIGNMENT_ENDED: {"end"},
    PeopleAction.ASSIGNMENT_BACKFILLED: {
        "change_id",
        "end",
        "kind",
        "position",
        "position_id",
        "reason",
        "start",
        "unit",
    },
    PeopleAction.ASSIGNMENT_CORRECTED: {"after", "before", "change_id", "reason"},
    PeopleAction.SUPERVISOR_OVERRIDE_SET: {
        "ended_override_ids",
        "replaced_override_ids",
        "start",
        "supervisor_id",
    },
}
