"""The outbox of messages to people, the gateway settings of an instansi, and the escalation
levels reached per deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tegak.people.models import Instansi


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    GATEWAY = "gateway", _("WhatsApp/SMS gateway")


class RecipientKind(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    ACCUSED = "accused", _("Accused")
    HANDLER = "handler", _("Handler of the case")
    SUPERIOR = "superior", _("Superior")
    OFFICIAL = "official", _("Authorised official")
    OVERSIGHT = "oversight", _("Oversight")
    ADMINISTRATOR = "administrator", _("Administrator")


class MessageState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("message state", "Waiting")
    RETRYING = "retrying", pgettext_lazy("message state", "Will be tried again")
    SENT = "sent", pgettext_lazy("message state", "Sent")
    FAILED = "failed", pgettext_lazy("message state", "Failed")


class OutboundMessage(models.Model):
    """One message to one person, written in the same transaction as the step that caused it
    and sent by the worker. The address is sealed like a reporter's identity."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="outbound_messages"
    )
    recipient_kind = models.CharField(_("recipient"), max_length=16, choices=RecipientKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=MessageChannel.choices)
    address_sealed = models.TextField()
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    # What caused it ("report:12:verified", "clock:3:escalation:2:user:5"): one message per key.
    event_key = models.CharField(max_length=200, unique=True)
    report = models.ForeignKey(
        "intake.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    attempts = models.PositiveIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["instansi", "state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.recipient_kind} ({self.state})"


class GatewaySettings(models.Model):
    """The HTTP gateway an instansi uses for WhatsApp or SMS (docs/integrations.md)."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="message_gateway"
    )
    url = models.URLField(_("gateway address"), max_length=500)
    # Sealed with the identity keys; never shown again once saved.
    token_sealed = models.TextField(blank=True)
    kind = models.CharField(
        _("sent as"),
        max_length=10,
        choices=[("whatsapp", "WhatsApp"), ("sms", "SMS")],
        default="whatsapp",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("message gateway")
        verbose_name_plural = _("message gateways")

    def __str__(self) -> str:
        return f"{self.instansi_id}: {self.kind}"


class EscalationStep(models.Model):
    """A level of the escalation chain reached for a passed deadline: 1 the handlers' superiors,
    2 the next level up (the authorised official, PPK), 3 oversight."""

    clock = models.ForeignKey("cases.Clock", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()
    reached_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clock", "level"], name="escalation_level_once")
        ]

    def __str__(self) -> str:
        return f"clock {self.clock_id} level {self.level}"


class LaporSettings(models.Model):
    """How an instansi reaches SP4N-LAPOR! (docs/integrations.md): the base URL of its
    integration API and its token (sealed, never shown again)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="lapor")
    base_url = models.URLField(_("LAPOR! API address"), max_length=500)
    token_sealed = models.TextField(blank=True)
    active = models.BooleanField(_("active"), default=True)
    send_status = models.BooleanField(_("send status updates back"), default=True)
    pulled_at = models.DateTimeField(_("last pulled"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("LAPOR! connection")
        verbose_name_plural = _("LAPOR! connections")

    def __str__(self) -> str:
        return f"LAPOR! {self.instansi_id}"


class DispatchState(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    MALFORMED = "malformed", _("Not imported (malformed)")


class LaporDispatch(models.Model):
    """One complaint dispatched on LAPOR! as it arrived: imported into a report exactly once
    (unique per instansi and tracking id), or kept with the reason it could not be."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    # The tracking id, or "sha256:<hash of the dispatch>" when it has no usable one.
    key = models.CharField(max_length=80)
    tracking_id = models.CharField(_("LAPOR! tracking id"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=[("api", "API"), ("file", _("export file"))]
    )
    state = models.CharField(_("state"), max_length=10, choices=DispatchState.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Only the content fields of a malformed dispatch, for the officer to read (never a
    # reporter's identity fields); empty once imported (the report holds the content).
    content = models.JSONField(default=dict, blank=True)
    report = models.ForeignKey(
        "intake.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("LAPOR! dispatch")
        verbose_name_plural = _("LAPOR! dispatches")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "key"], name="lapor_dispatch_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"


class LaporStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    FORWARDED = "forwarded", _("Forwarded")
    REJECTED = "rejected", _("Rejected")
    IN_CASE = "in_case", _("In a case")
    DECIDED = "decided", _("Decided")


class LaporStatusUpdate(models.Model):
    """A status sent back to LAPOR! for a report that came from it (public text only)."""

    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE, related_name="+")
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    tracking_id = models.CharField(max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=LaporStatus.choices)
    text = models.TextField(_("public text"))
    event_key = models.CharField(max_length=120, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    attempts = models.PositiveIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    answer = models.CharField(_("LAPOR! answer"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.tracking_id} {self.status} ({self.state})"


class SiasnSettings(models.Model):
    """How an instansi reaches BKN's SIASN (docs/integrations.md): the API base address, the
    OAuth2 token address and the client credentials (the secret sealed, never shown again)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="siasn")
    base_url = models.URLField(_("SIASN API address"), max_length=500)
    token_url = models.URLField(_("token address (OAuth2)"), max_length=500)
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret_sealed = models.TextField(blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("SIASN connection")
        verbose_name_plural = _("SIASN connections")

    def __str__(self) -> str:
        return f"SIASN {self.instansi_id}"


class SiasnState(models.TextChoices):
    INCOMPLETE = "incomplete", _("Incomplete")
    PENDING = "pending", pgettext_lazy("message state", "Waiting")
    RETRYING = "retrying", pgettext_lazy("message state", "Will be tried again")
    SENT = "sent", pgettext_lazy("message state", "Sent")
    FAILED = "failed", pgettext_lazy("message state", "Failed")


class SiasnRecord(models.Model):
    """The disciplinary sanction record SIASN expects (`/hukdis/save`), prepared when a
    decision becomes final, sent by a job, its answer kept; also downloadable for agencies that
    upload by hand."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    accused = models.OneToOneField(
        "cases.Accused", on_delete=models.CASCADE, related_name="siasn_record"
    )
    # The fields of /hukdis/save except pnsOrangId and path, which are resolved when sending.
    record = models.JSONField(default=dict)
    nip = models.CharField(max_length=30)
    document_name = models.CharField(max_length=300, blank=True)
    missing = models.JSONField(default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SiasnState.choices, default=SiasnState.PENDING
    )
    attempts = models.PositiveIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    answer = models.JSONField(_("SIASN answer"), default=dict, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"SIASN record {self.accused_id} ({self.state})"


class WebhookKind(models.TextChoices):
    """The kinds of outbound events a subscription may follow (docs/integrations.md)."""

    REPORT_RECEIVED = "report.received", _("Report received")
    REPORT_VERIFIED = "report.verified", _("Report verified")
    REPORT_REJECTED = "report.rejected", _("Report rejected")
    REPORT_FORWARDED = "report.forwarded", _("Report forwarded")
    REPORT_IN_CASE = "report.in_case", _("Report taken into a case")
    REPORT_OUTCOME = "report.outcome", _("Outcome published to the reporter")
    CASE_OPENED = "case.opened", _("Case opened")
    CASE_STEP = "case.step", _("Step of the procedure")
    CASE_FINAL = "case.final", _("Decision final")


class WebhookSubscription(models.Model):
    """Another system following an instansi's reports and cases: its address, the shared secret
    that signs each delivery (sealed, never shown again) and the kinds of events it wants."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    secret_sealed = models.TextField()
    kinds = models.JSONField(_("events"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("event subscription")
        verbose_name_plural = _("event subscriptions")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.instansi_id}: {self.name}"


class WebhookDelivery(models.Model):
    """One event for one subscription: written in the step's transaction, posted by the worker
    (signed, retried with backoff), every try kept for the administrator."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    delivery_id = models.UUIDField(unique=True)
    kind = models.CharField(_("event"), max_length=20, choices=WebhookKind.choices)
    # The audit event that caused it: one delivery per subscription and event.
    event_sequence = models.BigIntegerField()
    payload = models.JSONField(default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    attempts = models.PositiveIntegerField(_("tries"), default=0)
    last_status = models.PositiveIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("event delivery")
        verbose_name_plural = _("event deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_sequence"], name="webhook_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["instansi", "state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.subscription_id} ({self.state})"
