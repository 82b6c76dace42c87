"""The audit events of the connectors (`tegak.audit.catalogue`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectorAction(models.TextChoices):
    GATEWAY_SET = "connectors.gateway_set", _("Message gateway set")
    MESSAGE_RETRIED = "connectors.message_retried", _("Message sent again")
    LAPOR_SET = "connectors.lapor_set", _("LAPOR! connection set")
    LAPOR_FILE_IMPORTED = "connectors.lapor_file_imported", _("LAPOR! export file imported")
    SIASN_SET = "connectors.siasn_set", _("SIASN connection set")
    SIASN_RECORDED = "connectors.siasn_recorded", _("SIASN answered a sanction record")
    SIASN_RETRIED = "connectors.siasn_retried", _("SIASN sanction record sent again")
    WEBHOOK_SET = "connectors.webhook_set", _("Event subscription set")
    WEBHOOK_RETRIED = "connectors.webhook_retried", _("Event delivery sent again")


KEYS = {
    ConnectorAction.GATEWAY_SET: {"kind", "active", "token_changed"},
    ConnectorAction.MESSAGE_RETRIED: {"channel", "recipient"},
    ConnectorAction.LAPOR_SET: {"active", "send_status", "token_changed"},
    ConnectorAction.LAPOR_FILE_IMPORTED: {"imported", "malformed", "known"},
    ConnectorAction.SIASN_SET: {"active", "secret_changed"},
    ConnectorAction.SIASN_RECORDED: {"case_id", "accused_id", "answer"},
    ConnectorAction.SIASN_RETRIED: {"missing"},
    ConnectorAction.WEBHOOK_SET: {"created", "active", "kinds", "secret_changed"},
    ConnectorAction.WEBHOOK_RETRIED: {"kind", "subscription_id"},
}
