"""Reports from every channel, their evidence, messages, the sealed reporter identity and throttles.

The reporter's identity never sits in clear text in the database: it is sealed with keys held
outside it (`tegak.intake.sealing`). The receipt code is stored only as an HMAC index (to find the
report) and a slow hash (to check it).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tegak.people.models import Employee, Instansi, TimeZoneCode


class Channel(models.TextChoices):
    WEB = "web", _("Public web form")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Telephone")
    WALK_IN = "walk_in", _("In person")
    MEDIA = "media", _("News or social media")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    PARTNER = "partner", _("Partner channel (SMS, chat)")


# Channels a staff member enters by hand (the media channel has its own form).
STAFF_ENTRY_CHANNELS = ("letter", "phone", "walk_in", "lapor")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    FORWARDED = "forwarded", _("Forwarded")
    MERGED = "merged", _("Merged")
    IN_CASE = "in_case", _("In a case")


# What the reporter reads for each status: plain words, no jargon.
STATUS_FOR_REPORTER = {
    "received": _("Your report has been received and is waiting to be checked by an officer."),
    "verified": _("Your report has been checked and will be followed up."),
    "rejected": _("Your report cannot be followed up. The reason is given below."),
    "forwarded": _(
        "Your report concerns another body and has been sent on to it. Details are below."
    ),
    "merged": _(
        "Your report describes the same events as another report and is handled together with it."
    ),
    "in_case": _("A discipline case has been opened on the basis of your report."),
}

# Why a report has nobody to tell its outcome (`Report.no_reporter_reason`); English msgids
# stored on a case's clock and translated where shown.
NO_REPORTER_MEDIA = gettext_noop(
    "taken from the news or social media: there is no reporter to tell"
)
NO_REPORTER_ANONYMOUS = gettext_noop(
    "an anonymous letter without a contact: there is no reporter to tell"
)

# Reports with nobody to tell (`Report.no_reporter_reason`), for queries: no first answer is due.
NO_REPORTER = Q(channel="media") | Q(
    channel="letter", reporter_mode="anonymous", notice_contact_sealed=""
)

# Statuses in which triage is over (no more verify / reject / forward / merge).
CLOSED_STATUSES = ("rejected", "forwarded", "merged", "in_case")


class ReporterMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous: I do not give my name")
    CONFIDENTIAL = "confidential", _("Confidential: my name is known to the agency but sealed")
    OPEN = "open", _("Open: my name may be known to the officers handling the report")


# The same choices as staff read and record them: of the reporter, not in the reporter's voice.
STAFF_REPORTER_MODES: dict[str, Any] = {
    ReporterMode.ANONYMOUS: _("Anonymous: the reporter gave no name"),
    ReporterMode.CONFIDENTIAL: _("Confidential: the name is known to the agency but sealed"),
    ReporterMode.OPEN: _("Open: the name may be known to the officers handling the report"),
}


class FirstAnswerCounting(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class IntakeSettings(models.Model):
    """Clocks of one instansi; an instansi without a row uses the defaults in settings."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="intake_settings"
    )
    acknowledge_working_days = models.PositiveSmallIntegerField(
        _("acknowledge within (working days)"), default=3
    )
    first_answer_days = models.PositiveSmallIntegerField(
        _("first answer within (days)"), default=14
    )
    first_answer_counting = models.CharField(
        _("first answer counted in"),
        max_length=10,
        choices=FirstAnswerCounting.choices,
        default=FirstAnswerCounting.CALENDAR,
    )
    calendar_id = models.CharField(_("holiday calendar"), max_length=64, default="national")

    class Meta:
        verbose_name = _("intake settings")
        verbose_name_plural = _("intake settings")

    def __str__(self) -> str:
        return str(self.instansi)


class PartnerChannel(models.Model):
    """An outside channel (an SMS or chat gateway) allowed to submit reports through the API."""

    name = models.CharField(_("name"), max_length=120)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="partners")
    # SHA-256 of the API token; the token itself is shown once when the partner is created.
    token_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner channel")
        verbose_name_plural = _("partner channels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One report of misconduct, from whichever channel it came."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="reports")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    summary = models.CharField(_("summary"), max_length=200)
    description = models.TextField(_("what happened"))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    occurred_timezone = models.CharField(
        _("time zone"), max_length=4, choices=TimeZoneCode.choices, default=TimeZoneCode.WIB
    )
    # True when only the day is known (occurred_at is then noon local time of that day).
    occurred_time_unknown = models.BooleanField(default=False)
    location = models.CharField(_("where"), max_length=300, blank=True)
    accused_text = models.TextField(_("who (as reported)"), blank=True)

    reporter_mode = models.CharField(
        _("reporter's choice"), max_length=12, choices=ReporterMode.choices
    )
    # "tk2.<data key id>.<Fernet token>" of the identity JSON under the instansi's data key
    # (tegak.intake.sealing); empty for anonymous reports.
    identity_sealed = models.TextField(blank=True)
    # A contact the reporter chose for content-free notices (any mode, anonymous too), sealed
    # like the identity; the notifications outbox reads it (docs/integrations.md).
    notice_contact_sealed = models.TextField(blank=True)

    # Receipt code: a short keyed bucket to find candidates, a slow hash to check; never the code.
    receipt_index = models.CharField(max_length=64, db_index=True)
    receipt_hash = models.CharField(max_length=200)
    # SHA-256 of the public form's one-time token: a second sending of the same form (a reload
    # of the receipt page) is refused by this unique key, in the report's own transaction, so
    # the submission writes nothing after its commit (#16).
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    received_at = models.DateTimeField(_("received"))
    # True when the officer gave only the day of receipt (a letter stamped with a date): the
    # time is unknown and never shown; received_at then only anchors that day (noon of it in
    # the instansi's zone, or the moment of entry when that is earlier) and every clock counts
    # from the day (docs/legal-questions.md, reading C26).
    received_time_unknown = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    partner = models.ForeignKey(
        PartnerChannel, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    partner_reference = models.CharField(_("partner's reference"), max_length=100, blank=True)
    # A keyed digest of what the partner sent (`services.partner_fingerprint`): a resend under
    # the same reference is told from other content under it without keeping the message twice.
    partner_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    lapor_tracking_number = models.CharField(_("LAPOR! tracking number"), max_length=40, blank=True)
    letter_reference = models.CharField(_("letter number"), max_length=100, blank=True)
    source_url = models.URLField(_("source address"), max_length=1000, blank=True)
    # A media report: who published it and when; the day the agency learned of it (the report's
    # received day, from which a case's clocks run: PP 94/2021 Pasal 26(1)).
    source_outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    source_published_on = models.DateField(_("published on"), null=True, blank=True)
    source_seen_on = models.DateField(_("day the agency learned of it"), null=True, blank=True)

    acknowledge_due = models.DateField(_("acknowledge by"))
    first_answer_due = models.DateField(_("first answer by"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)

    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    forward_letter = models.CharField(_("covering letter"), max_length=200, blank=True)
    forward_note = models.TextField(_("note to the reporter"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_reports"
    )
    case_reference = models.CharField(_("case"), max_length=64, blank=True)
    # What the case decided, in public words only, as the reporter may read it (UU 25/2009
    # Pasal 50(2)); written by the case file through `report_outcome_publish`.
    outcome = models.JSONField(_("outcome told to the reporter"), default=dict, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The words searched for in the queue: summary, who, what happened, where, the LAPOR! number;
    # never the sealed identity or the notice contact (`intake/search.py`, ADR 0172).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["instansi", "status", "received_at"]),
            models.Index(fields=["instansi", "occurred_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reporter_mode="anonymous") | Q(identity_sealed=""),
                name="anonymous_report_has_no_identity",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")), name="report_not_merged_into_itself"
            ),
            # One report per partner message: a gateway's retry cannot make a second one.
            models.UniqueConstraint(
                fields=["partner", "partner_reference"],
                condition=~Q(partner_reference=""),
                name="one_report_per_partner_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.summary}"

    @property
    def reference(self) -> str:
        """The report's number for staff and letters (not a secret, not the receipt code)."""
        year = self.received_at.year if self.received_at else 0
        return f"LAP-{year}-{self.pk or 0:06d}"

    @property
    def status_for_reporter(self) -> str:
        return str(STATUS_FOR_REPORTER.get(self.status, ""))

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def followed(self) -> Report:
        """The report this one is handled with: itself, or, once merged, the report at the end
        of its merges (a merged report follows that report's case, reading C28)."""
        report, seen = self, {self.pk}
        while report.merged_into_id is not None and report.status == "merged":
            report = report.merged_into  # type: ignore[assignment]
            if report.pk in seen:
                break
            seen.add(report.pk)
        return report

    @property
    def no_reporter_reason(self) -> str:
        """Why nobody can be told of this report's outcome ("" when a reporter can): a report
        taken from the news has no reporter; an anonymous letter without a contact reached
        nobody with a receipt code. Other anonymous reporters hold their code and read the
        outcome on the tracking page. English, stored like a basis; pages translate it."""
        if self.channel == Channel.MEDIA:
            return NO_REPORTER_MEDIA
        if (
            self.reporter_mode == ReporterMode.ANONYMOUS
            and not self.notice_contact_sealed
            and self.channel == Channel.LETTER
        ):
            return NO_REPORTER_ANONYMOUS
        return ""


class ReportAccused(models.Model):
    """A registry employee the report is about (linked by an intake officer)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="accused")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="reports")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reported employee")
        verbose_name_plural = _("reported employees")
        constraints = [
            models.UniqueConstraint(fields=["report", "employee"], name="accused_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.report.reference} → {self.employee}"


def _evidence_name(instance: object, filename: str) -> str:
    # A random name: the reporter's file name may identify them and must not reach the disk path.
    return f"evidence/{uuid.uuid4().hex}"


def _copy_name(instance: object, filename: str) -> str:
    return f"evidence-copies/{uuid.uuid4().hex}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class PreviewStatus(models.TextChoices):
    NONE = "none", _("no cleaned copy for this type")
    PENDING = "pending", _("cleaned copy being made")
    READY = "ready", _("cleaned copy ready")
    NOT_PREVIEWABLE = "not_previewable", _("not previewable")


class Evidence(models.Model):
    """A file or link supporting a report. The original file is kept untouched."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    original = models.FileField(upload_to=_evidence_name, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    media_type = models.CharField(_("type"), max_length=120, blank=True)
    size = models.BigIntegerField(_("size (bytes)"), default=0)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    added_by_reporter = models.BooleanField(default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The cleaned copy is made by the worker (tegak.intake.tasks), never in the request.
    preview = models.CharField(
        _("preview"), max_length=16, choices=PreviewStatus.choices, default=PreviewStatus.NONE
    )
    # Why a file is not previewable (a code: too_many_pixels, report_pixels, copy_too_large,
    # unreadable); the original is kept with its hash either way.
    preview_reason = models.CharField(max_length=32, blank=True)
    pixels = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(sha256="")) | (Q(kind="link") & ~Q(url="")),
                name="evidence_file_has_hash_or_link_has_url",
            )
        ]

    def __str__(self) -> str:
        return self.url if self.kind == "link" else f"{self.media_type} {self.sha256[:12]}"


class EvidenceCopy(models.Model):
    """A copy of an evidence file with identifying metadata removed, shown outside the team."""

    source = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="clean_copy")
    file = models.FileField(upload_to=_copy_name)
    sha256 = models.CharField(max_length=64)
    media_type = models.CharField(max_length=120)
    size = models.BigIntegerField()
    method = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cleaned copy")
        verbose_name_plural = _("cleaned copies")

    def __str__(self) -> str:
        return f"{self.method} {self.sha256[:12]} ← {self.source.sha256[:12]}"


class AuthorKind(models.TextChoices):
    STAFF = "staff", _("Officer")
    REPORTER = "reporter", _("Reporter")


class ReportMessage(models.Model):
    """A message with the reporter, or an internal note (never shown to the reporter)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=AuthorKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("message"))
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_kind="reporter", internal=True),
                name="reporter_messages_are_not_internal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report.reference} {self.author_kind} {self.created_at:%Y-%m-%d}"


class DisclosureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the custodian")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class IdentityDisclosureRequest(models.Model):
    """A written, reasoned request to open a confidential reporter's identity."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="disclosure_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=DisclosureStatus.choices, default=DisclosureStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("custodian's reasons"), blank=True)
    # An approval lets the requester open the identity until this moment.
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("identity disclosure request")
        verbose_name_plural = _("identity disclosure requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.report.reference} {self.status}"


class ThrottleKind(models.TextChoices):
    TRACK_FAILURE = "track_failure", _("wrong receipt code")
    SUBMISSION = "submission", _("report submitted")
    VERIFICATION = "verification", _("file checked on the verification page")


class ThrottleEvent(models.Model):
    """One counted attempt, keyed by an HMAC of the client address (never the address itself).

    Kept in the database so that limits hold across several server processes.
    """

    kind = models.CharField(max_length=20, choices=ThrottleKind.choices)
    client_key = models.CharField(max_length=32)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "client_key", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.client_key[:8]} {self.at:%Y-%m-%d %H:%M}"


class IdentityDataKey(models.Model):
    """An instansi's data key for sealing reporter identities, stored only wrapped.

    `wrapped` is the Fernet data key encrypted under the master keys held outside the database
    (`settings.IDENTITY_KEYS`). Each instansi has its own, so its key opens nothing of another's.
    The current key (not retired) seals; a retired one is deleted once nothing it sealed remains.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    key_id = models.CharField(max_length=16, unique=True)
    wrapped = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("identity data key")
        verbose_name_plural = _("identity data keys")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi"],
                condition=Q(retired=False),
                name="intake_one_current_identity_data_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}:{self.key_id}"
