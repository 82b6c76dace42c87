"""The audit events of `accounts` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountAction(models.TextChoices):
    USER_INVITED = "account.user_invited", _("Staff account invited")
    INVITATION_ACCEPTED = "account.invitation_accepted", _("Invitation accepted")
    ROLE_GRANTED = "account.role_granted", _("Role granted")
    ROLE_REVOKED = "account.role_revoked", _("Role revoked")
    EMPLOYEE_LINKED = "account.employee_linked", _("Account linked to an employee")
    USER_DEACTIVATED = "account.user_deactivated", _("Account deactivated")
    USER_REACTIVATED = "account.user_reactivated", _("Account reactivated")
    PASSWORD_LINK_ISSUED = (
        "account.password_link_issued",
        _("Link to set a new password issued by an administrator"),
    )
    SECOND_FACTOR_ENROLLED = "account.second_factor_enrolled", _("Second factor enrolled")
    SECOND_FACTOR_RESET = "account.second_factor_reset", _("Second factor reset")
    INSTALLATION_ADMIN_CREATED = (
        "account.installation_admin_created",
        _("Installation administrator created (tegak setup)"),
    )


KEYS = {
    AccountAction.USER_INVITED: {"employee_id", "roles"},
    AccountAction.INVITATION_ACCEPTED: set(),
    AccountAction.ROLE_GRANTED: {"role"},
    AccountAction.ROLE_REVOKED: {"role"},
    AccountAction.EMPLOYEE_LINKED: {"employee_id", "previous_id"},
    AccountAction.USER_DEACTIVATED: {"reason"},
    AccountAction.USER_REACTIVATED: set(),
    AccountAction.PASSWORD_LINK_ISSUED: {"instansi"},
    AccountAction.SECOND_FACTOR_ENROLLED: {"additional"},
    AccountAction.SECOND_FACTOR_RESET: {"devices_removed", "instansi"},
    AccountAction.INSTALLATION_ADMIN_CREATED: {"has_email"},
}
