"""The decision of the authorised official, its delivery, and objections or appeals.

PP 94/2021 Pasal 33 and 37 (decision, delivery within 14 working days), 38 (effective on the 15th
day after receipt unless an objection or appeal is filed); PP 79/2021 (objection and appeal).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tegak.cases.models import Accused, Case


class Decision(models.Model):
    """The written decision (keputusan) of the authorised official."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    accused = models.OneToOneField(Accused, on_delete=models.CASCADE, related_name="decision")
    sanction_code = models.CharField(_("sanction"), max_length=60)
    level = models.CharField(_("level"), max_length=12, blank=True)
    regulation = models.CharField(_("regulation"), max_length=40, blank=True)
    basis_articles = models.JSONField(_("articles"), default=list)
    decided_on = models.DateField(_("decided on"))
    # Written reasons, required when the sanction is outside the engine's allowed set.
    justification = models.TextField(_("justification"), blank=True)
    outside_allowed = models.BooleanField(_("outside the allowed sanctions"), default=False)
    # True when taken on the evidence after two missed summonses (Pasal 26(4)).
    on_evidence_without_examination = models.BooleanField(default=False)
    authorised_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allowed_sanctions = models.JSONField(default=list)
    engine_version = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.case} {self.sanction_code} {self.decided_on}"


class Delivery(models.Model):
    """Delivery of the decision to the accused, or sending it when they are absent."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="delivery")
    delivered_on = models.DateField(_("delivered on"))
    received_on = models.DateField(_("received on"))
    absent = models.BooleanField(_("absent at delivery (sent)"), default=False)
    # Where it was handed over (an office, a meeting room), as the deliverer entered it: the
    # delivery minutes print it. Empty on deliveries recorded before it was asked.
    place = models.CharField(_("place of delivery"), max_length=200, blank=True, default="")
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The last day an objection or appeal may be filed, from the rules engine.
    window_closes_on = models.DateField(_("objection window closes on"), null=True)
    effective_on = models.DateField(_("effective on"), null=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.decision} delivered {self.delivered_on}"


class ObjectionKind(models.TextChoices):
    OBJECTION = "objection", _("Objection (keberatan)")
    APPEAL = "appeal", _("Administrative appeal (banding)")


class ObjectionOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REDUCED = "reduced", _("Reduced")
    INCREASED = "increased", _("Increased")
    CHANGED = "changed", _("Changed")
    REVOKED = "revoked", _("Revoked")
    ANNULLED = "annulled", _("Annulled")


class Objection(models.Model):
    """An objection (to the PPK or the official's superior) or an appeal (to BPASN)."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="objection")
    kind = models.CharField(_("kind"), max_length=12, choices=ObjectionKind.choices)
    filed_on = models.DateField(_("filed on"))
    grounds = models.TextField(_("grounds"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=ObjectionOutcome.choices, blank=True
    )
    outcome_sanction_code = models.CharField(_("resulting sanction"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("objection or appeal")
        verbose_name_plural = _("objections and appeals")

    def __str__(self) -> str:
        return f"{self.decision} {self.kind} {self.filed_on}"


class ObjectionReply(models.Model):
    """The reply of the official whose decision is objected to, sent to their superior within 6
    working days (PP 79/2021 Pasal 8 ayat (3)); only for an objection to a non-PPK official."""

    objection = models.OneToOneField(Objection, on_delete=models.CASCADE, related_name="reply")
    replied_on = models.DateField(_("replied on"))
    text = models.TextField(_("reply"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reply to the objection")
        verbose_name_plural = _("replies to objections")

    def __str__(self) -> str:
        return f"{self.objection} reply {self.replied_on}"
