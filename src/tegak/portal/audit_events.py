"""The audit events of the portal (`tegak.audit.catalogue`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalAction(models.TextChoices):
    REGISTER_REBUILT = "portal.register_rebuilt", _("Public register rebuilt")
    POLICY_SET = "portal.policy_set", _("Portal publication policy set")
    STATISTICS_REBUILT = "portal.statistics_rebuilt", _("Public statistics recounted")


KEYS = {
    PortalAction.REGISTER_REBUILT: {"entries"},
    PortalAction.POLICY_SET: {"show_accused_name_when_final"},
    PortalAction.STATISTICS_REBUILT: {"rows"},
}
