"""The audit events of `law` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LawAction(models.TextChoices):
    SCHEDULE_CREATED = "law.schedule_created", _("Working-hours schedule created")
    SCHEDULE_VERSION_ADDED = "law.schedule_version_added", _("Schedule version added")
    SCHEDULE_VERSION_CORRECTED = "law.schedule_version_corrected", _("Schedule version corrected")
    RAMADAN_PERIOD_ADDED = "law.ramadan_period_added", _("Ramadan hours added")
    RAMADAN_PERIOD_CORRECTED = "law.ramadan_period_corrected", _("Ramadan hours corrected")
    UNIT_SCHEDULE_SET = "law.unit_schedule_set", _("Unit's schedule set")
    DEFAULT_SCHEDULE_SET = "law.default_schedule_set", _("Default schedule set")
    CALENDAR_DAY_SET = "law.calendar_day_set", _("Calendar day set")
    CALENDAR_DAY_CHANGED = "law.calendar_day_changed", _("Calendar day corrected")
    CALENDAR_DAY_REMOVED = "law.calendar_day_removed", _("Calendar day removed")
    RULE_VERSION_ADDED = "law.rule_version_added", _("Instansi rule version added")
    RULE_VERSION_CORRECTED = "law.rule_version_corrected", _("Instansi rule version corrected")
    ITEM_VERIFIED = "law.item_verified", _("Item checked against its text")
    PACK_IMPORTED = "law.pack_imported", _("Rule pack imported")


KEYS = {
    LawAction.SCHEDULE_CREATED: {"code"},
    LawAction.SCHEDULE_VERSION_ADDED: {"schedule", "valid_from"},
    LawAction.SCHEDULE_VERSION_CORRECTED: {"reason", "replaces", "schedule"},
    LawAction.RAMADAN_PERIOD_ADDED: {"end", "replaces", "schedule", "start"},
    LawAction.RAMADAN_PERIOD_CORRECTED: {"end", "replaces", "schedule", "start"},
    LawAction.UNIT_SCHEDULE_SET: {"schedule", "valid_from"},
    LawAction.DEFAULT_SCHEDULE_SET: {"previous", "schedule"},
    LawAction.CALENDAR_DAY_SET: {"day", "kind", "replaced"},
    LawAction.CALENDAR_DAY_CHANGED: {"before", "day", "kind"},
    LawAction.CALENDAR_DAY_REMOVED: {"day", "kind"},
    LawAction.RULE_VERSION_ADDED: {"in_force_from", "rule_id"},
    LawAction.RULE_VERSION_CORRECTED: {"reason", "replaces", "rule_id"},
    LawAction.ITEM_VERIFIED: {"model"},
    LawAction.PACK_IMPORTED: {
        "adopted_from",
        "days",
        "file",
        "ramadan_periods",
        "rules",
        "schedules",
        "sha256",
        "versions",
    },
}
