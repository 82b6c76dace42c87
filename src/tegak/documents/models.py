"""Numbering, templates, issued documents and dossiers sent to oversight bodies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tegak.documents.kinds import KINDS, SERIES
from tegak.people.models import Employee, Instansi, OrgUnit

KIND_CHOICES = [(code, kind.label) for code, kind in KINDS.items()]
SERIES_CHOICES = [(code, label) for code, (label, _pattern) in SERIES.items()]
DEFAULT_PATTERN = "{classification}/{sequence}/{unit_code}/{year}"


class IssuingUnitScoped(models.Model):
    """Set for a whole instansi, or (with a unit) for the letters one of its units issues."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class RenderedFiles(models.Model):
    """A version of a document as rendered: the DOCX and the PDF, their SHA-256, who issued it
    and when (the issued document's current version and each earlier one it keeps)."""

    file_docx = models.FileField(upload_to="documents/issued/")
    file_pdf = models.FileField(upload_to="documents/issued/")
    sha256_docx = models.CharField(max_length=64)
    sha256_pdf = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()

    class Meta:
        abstract = True


class NumberingScheme(IssuingUnitScoped):
    """How one instansi (or one of its units) numbers one kind, e.g. 800/6519/BKPPD-PKA/2021.

    A scheme without a unit applies to every unit that has none of its own. The series names
    the register the sequence is drawn from: kinds of one series share it, so a summons and the
    report of findings of one unit never carry the same number.
    """

    kind = models.CharField(_("document kind"), max_length=40, choices=KIND_CHOICES)
    series = models.CharField(_("series"), max_length=20, choices=SERIES_CHOICES, blank=True)
    pattern = models.CharField(_("pattern"), max_length=120, default=DEFAULT_PATTERN)
    classification = models.CharField(_("classification code"), max_length=30, default="800")
    unit_code = models.CharField(_("unit code"), max_length=40, blank=True)
    # Sequences start again at 1 each year unless the instansi numbers continuously.
    yearly = models.BooleanField(_("restart every year"), default=True)

    class Meta:
        verbose_name = _("numbering scheme")
        verbose_name_plural = _("numbering schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kind"],
                condition=Q(unit__isnull=True),
                name="one_scheme_per_kind",
            ),
            models.UniqueConstraint(
                fields=["instansi", "unit", "kind"],
                condition=Q(unit__isnull=False),
                name="one_scheme_per_unit_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi.code} {self.kind}: {self.pattern}"


class Letterhead(IssuingUnitScoped):
    """The kop of the letters a unit issues (or, without a unit, of the whole instansi), as the
    agency prints it: the government line, the unit line and the address line with its
    telephone, e-mail and postcode. A unit without its own uses the instansi's; an instansi
    without one gets the lines made from its name and address."""

    government = models.CharField(_("government line"), max_length=200)
    unit_line = models.CharField(_("unit line"), max_length=200, blank=True)
    address = models.CharField(_("address line"), max_length=300, blank=True)
    contact = models.CharField(_("telephone, e-mail, website"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi"], condition=Q(unit__isnull=True), name="one_letterhead"
            ),
            models.UniqueConstraint(
                fields=["instansi", "unit"],
                condition=Q(unit__isnull=False),
                name="one_letterhead_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.unit_id or '-'}: {self.government}"


class NumberCounter(models.Model):
    """The last sequence taken in one register: (instansi, unit code, series, year).

    Locked while a number is taken; the number is committed (as a NumberAllocation) before the
    document is rendered, so a process that dies afterwards cannot give it to anyone else.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    # The issuing unit's code ("" for numbers drawn for the whole instansi).
    unit_code = models.CharField(max_length=40, blank=True, default="")
    series = models.CharField(max_length=20, default="surat")
    # 0 when the scheme numbers continuously across years.
    year = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "unit_code", "series", "year"],
                name="one_counter_per_register_year",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.instansi_id} {self.unit_code} {self.series} {self.year}: {self.last_sequence}"
        )


class AllocationStatus(models.TextChoices):
    ALLOCATED = "allocated", _("taken, document not yet stored")
    ISSUED = "issued", _("issued")
    # The document was re-dated into another year (a decision's date corrected, reading C30):
    # it took a number of the new year; this entry keeps the old number on the register.
    SUPERSEDED = "superseded", _("superseded by a number of another year")


class NumberAllocation(models.Model):
    """One entry of the register of numbers (buku agenda): a number given to one document.

    Written and committed before the document is rendered. A process that dies mid-issue leaves
    the entry "taken": the number stays with that document (issuing it again finishes it with
    the same number) and is never given to another.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    unit_code = models.CharField(max_length=40, blank=True, default="")
    series = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=120)
    kind = models.CharField(_("document kind"), max_length=40, choices=KIND_CHOICES)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    dated = models.DateField(_("date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AllocationStatus.choices,
        default=AllocationStatus.ALLOCATED,
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("number taken")
        verbose_name_plural = _("numbers taken")
        ordering = ["instansi", "series", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "number"], name="allocation_number_once"),
            models.UniqueConstraint(
                fields=["instansi", "unit_code", "series", "year", "sequence"],
                name="allocation_sequence_once",
            ),
            models.UniqueConstraint(
                fields=["instansi", "kind", "subject_type", "subject_id"],
                condition=~Q(status="superseded"),
                name="allocation_once_per_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} ({self.status})"


class DocumentTemplate(models.Model):
    """An administrator's DOCX template for one kind, replacing the built-in one when active."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("document kind"), max_length=40, choices=KIND_CHOICES)
    file = models.FileField(_("file"), upload_to="documents/templates/")
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kind"],
                condition=Q(active=True),
                name="one_active_template_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.uploaded_at:%Y-%m-%d})"


class IssuedDocument(RenderedFiles):
    """A numbered document issued for a case (or a report's receipt), stored as DOCX and PDF.

    Regenerating before signature keeps the number and raises the version; once the signed scan
    is uploaded the document is locked and the scan is the version of record.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    # The step the document records: ("hearings.summons", id), ("decisions.decision", id),
    # ("intake.report", id) ... One document of a kind per step; re-issuing makes a new version.
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    # The case's register number or the report's number, for lists (never a receipt code).
    subject_label = models.CharField(max_length=80, blank=True)
    # The id of the case the document belongs to (empty for a report's receipt).
    case_key = models.CharField(max_length=64, blank=True, db_index=True)
    kind = models.CharField(_("document kind"), max_length=40, choices=KIND_CHOICES)
    number = models.CharField(_("number"), max_length=120)
    sequence = models.PositiveIntegerField()
    year = models.PositiveIntegerField()
    dated = models.DateField(_("date"))
    version = models.PositiveIntegerField(default=1)
    template = models.ForeignKey(
        DocumentTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_file = models.FileField(upload_to="documents/signed/", blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    signed_content_type = models.CharField(max_length=60, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    locked = models.BooleanField(_("signed and locked"), default=False)
    # Not stored: whether `document_issue` signed it electronically, and why not (its audit
    # event keeps it), for the issuing page's message.
    electronic_signature_outcome = ""

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kind", "number"], name="number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"


class RecipientKind(models.TextChoices):
    INSPEKTORAT = "inspektorat", _("Inspectorate (Inspektorat)")
    BKN = "bkn", _("National Civil Service Agency (BKN)")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    KASN = "kasn", _("Civil service commission (KASN)")
    BPASN = "bpasn", _("Civil service appeals board (BPASN)")
    AUDITOR = "auditor", _("Auditor")


class DossierDispatch(models.Model):
    """What was sent to whom: one dossier ZIP with the hash of its manifest."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=64, default="case")
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(max_length=80, blank=True)
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    file = models.FileField(upload_to="documents/dossiers/")
    sha256 = models.CharField(max_length=64)
    manifest_sha256 = models.CharField(max_length=64)
    # The files that went out: [{"path": ..., "sha256": ...}].
    contents = models.JSONField(default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dossier sent")
        verbose_name_plural = _("dossiers sent")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.subject_label} → {self.recipient_name} ({self.sent_at:%Y-%m-%d})"


class DocumentVersion(RenderedFiles):
    """An earlier version of an issued document, kept when it was regenerated before signature."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    # The number and date this version carried (a re-dated document may change both; empty for
    # versions kept before they were recorded).
    number = models.CharField(_("number"), max_length=120, blank=True, default="")
    dated = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["document", "version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"


class KeySource(models.TextChoices):
    PKCS12 = "pkcs12", _("PKCS#12 file (key sealed here)")
    PKCS11 = "pkcs11", _("PKCS#11 token")


class SigningCertificate(models.Model):
    """A certificate for electronic signatures (TTE) with its key, uploaded by the administrator.

    It belongs to a signer (an employee: the letters they sign are signed with it) or, without
    one, to an issuing unit (a seal for the letters of that unit whose signer has none). The key
    is kept only sealed under the instansi's data key (`tegak.intake.sealing`, ADR 0003): a
    database dump holds no usable key. The certificate and its chain are public and kept as PEM.
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("signer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("holder"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=300)
    serial = models.CharField(_("serial number"), max_length=80)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=95)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    certificate_pem = models.TextField()
    chain_pem = models.TextField(blank=True)
    # Where the key is: in `key_sealed` itself (a PKCS#12 file's key, sealed), or on a PKCS#11
    # token (ADR 0132) found by module, token label and key label/ID, `key_sealed` then holding
    # only the token's PIN, sealed the same way.
    source = models.CharField(
        _("key kept in"), max_length=10, choices=KeySource.choices, default=KeySource.PKCS12
    )
    token_module = models.CharField(_("PKCS#11 module"), max_length=300, blank=True)
    token_label = models.CharField(_("token label"), max_length=64, blank=True)
    token_key_label = models.CharField(_("key label"), max_length=120, blank=True)
    token_key_id = models.CharField(_("key ID (hex)"), max_length=128, blank=True)
    key_sealed = models.TextField()
    active = models.BooleanField(_("in use"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "employee"],
                condition=Q(active=True, employee__isnull=False),
                name="one_active_certificate_per_signer",
            ),
            models.UniqueConstraint(
                fields=["instansi", "unit"],
                condition=Q(active=True, employee__isnull=True),
                name="one_active_seal_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.fingerprint[:11]})"


class ElectronicSignature(models.Model):
    """One electronically signed version of an issued document and its verification token.

    The token is random (nothing about the case or a person in it) and printed as the QR code
    in the signature box; the public verification page finds the signature by it.
    """

    document = models.ForeignKey(
        IssuedDocument, on_delete=models.PROTECT, related_name="signatures"
    )
    version = models.PositiveIntegerField()
    token = models.CharField(max_length=40, unique=True)
    certificate = models.ForeignKey(
        SigningCertificate, on_delete=models.PROTECT, related_name="signatures"
    )
    # As the letter prints them on its date (the public page shows only what the letter shows).
    signer_name = models.CharField(max_length=200)
    signer_position = models.CharField(max_length=300, blank=True)
    # The signed PDF exactly as issued.
    sha256 = models.CharField(max_length=64, db_index=True)
    signed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("electronic signature")
        verbose_name_plural = _("electronic signatures")
        ordering = ["document", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="one_signature_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"
