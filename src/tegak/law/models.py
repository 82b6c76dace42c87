"""The instansi's own legal configuration, stored effective-dated (schedules, rule packs).

The agency stream owns the models in this module (BOARD 2026-12-05); `tegak.law.inputs` reads
them when it builds the engine's input.

Each stored item keeps the engine's own format (the week of an inline schedule, the instansi
rule object) so the engine reads it with exactly the meaning it gives a rule pack or a request;
around it: the basis document (number, date, file), the evidence it rests on and the "verified
against the text" mark with who verified it. A version in force is never edited once a stored
finding used it: a change is a new version from its effective date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tegak.core.words import shown_date
from tegak.people.models import Instansi, OrgUnit


class EvidenceStatus(models.TextChoices):
    TEXT_READ = "text_read", _("Checked against the text")
    AS_REPORTED = "as_reported", _("As reported (text not read)")
    ENTERED = "entered", _("Entered by the agency")
    FICTIONAL = "fictional", _("Fictional (demo)")


class Basis(models.Model):
    """What every stored item carries: its basis document, evidence and verification."""

    basis_kind = models.CharField(_("kind of document"), max_length=60, blank=True)
    basis_number = models.CharField(_("document number"), max_length=120, blank=True)
    basis_date = models.DateField(_("document date"), null=True, blank=True)
    basis_title = models.CharField(_("document title"), max_length=300, blank=True)
    basis_file = models.FileField(_("document file"), upload_to="law/basis/", blank=True)
    basis_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    evidence_status = models.CharField(
        _("evidence"),
        max_length=16,
        choices=EvidenceStatus.choices,
        default=EvidenceStatus.ENTERED,
    )
    # The pack's evidence object: sources (title, publisher, url, published_on, says), uncertain.
    evidence = models.JSONField(_("sources and doubts"), default=dict, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified against the text by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Why this version was entered (a correction says what it corrects).
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The lines the engine cites for this item (from a pack's `basis`); empty: the document's label.
    citations = models.JSONField(_("citations"), default=list, blank=True)

    class Meta:
        abstract = True

    def basis_with(self, day: str) -> str:
        """The basis with its date written as `day`."""
        parts = [self.basis_kind, self.basis_number]
        text = " ".join(part for part in parts if part)
        if self.basis_date:
            text = f"{text} ({day})" if text else day
        return text or self.basis_title

    @property
    def basis_label(self) -> str:
        """The basis as a person reads it: "Keputusan Wali Kota 12 (6 September 2021)"."""
        return self.basis_with(shown_date(self.basis_date) if self.basis_date else "")

    @property
    def basis_record(self) -> str:
        """The same with the date in ISO 8601, for the audit log's data."""
        return self.basis_with(self.basis_date.isoformat() if self.basis_date else "")


class TimeZoneChoice(models.TextChoices):
    WIB = "WIB", "WIB"
    WITA = "WITA", "WITA"
    WIT = "WIT", "WIT"
    LOCAL = "local", _("local time of each office")


class Schedule(models.Model):
    """A named weekly schedule of the instansi (e.g. 5-day units, 6-day units)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="schedules")
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    timezone = models.CharField(
        _("time zone"), max_length=8, choices=TimeZoneChoice.choices, default="WIB"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("working schedule")
        verbose_name_plural = _("working schedules")
        ordering = ["instansi", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="schedule_code_once")
        ]

    def __str__(self) -> str:
        return self.name


class ScheduleVersion(Basis):
    """Weekly hours in force from `valid_from` (until the next version, or `valid_until`)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    # The engine's week: {"mon": {"start": "07:30", "end": "16:00", "breaks": [["12:00", "13:00"]]}}
    days = models.JSONField(_("hours"))
    ramadan = models.JSONField(_("Ramadan hours"), null=True, blank=True)
    # What the default Ramadan hours rest on (a year's circular goes in a RamadanPeriod instead).
    ramadan_citations = models.JSONField(_("basis of the Ramadan hours"), default=list, blank=True)
    # Set when a later correction replaced this version (same effective date); kept for history.
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["schedule", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="schedule_version_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule.code} {self.valid_from}"


class RamadanPeriod(Basis):
    """One year's Ramadan period with the hours a circular letter set for it."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="ramadan_periods")
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    days = models.JSONField(_("hours"))
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Ramadan period")
        verbose_name_plural = _("Ramadan periods")
        ordering = ["schedule", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="ramadan_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule.code} {self.start}–{self.end}"


class UnitSchedule(models.Model):
    """Which schedule a unit (and the units under it) follows from a date."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="schedules")
    schedule = models.ForeignKey(Schedule, on_delete=models.PROTECT, related_name="units")
    valid_from = models.DateField(_("from"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schedule of a unit")
        verbose_name_plural = _("schedules of units")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unit_schedule_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.schedule_id} from {self.valid_from}"


class CalendarDayKind(models.TextChoices):
    REGIONAL_HOLIDAY = "regional_holiday", _("Regional day off")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama (collective leave)")
    OFFICE_CLOSED = "office_closed", _("Office closed by decree")
    WORKING_DAY_CORRECTION = (
        "working_day_correction",
        _("Working day after all (e.g. cuti bersama cancelled)"),
    )


class CalendarDay(Basis):
    """A day on which the instansi's calendar differs from the national one, with its decree."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="law_days")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=32, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("instansi calendar day")
        verbose_name_plural = _("instansi calendar days")
        ordering = ["instansi", "day"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "day"], name="law_calendar_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class RuleVersion(Basis):
    """A version of the instansi's own discipline rule for PPPK / non-ASN staff, in the engine's
    instansi-rule format (`content`), in force from `in_force_from`."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="rule_versions")
    rule_id = models.CharField(_("rule id"), max_length=120)  # local:<instansi>:<rule>
    citation = models.CharField(_("citation"), max_length=200)
    applies_to = models.JSONField(_("applies to"))
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(_("in force until"), null=True, blank=True)
    content = models.JSONField(_("rule"))
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["instansi", "rule_id", "in_force_from", "id"]

    def __str__(self) -> str:
        return f"{self.rule_id} from {self.in_force_from}"

    @property
    def version_label(self) -> str:
        """How a finding names the version it used."""
        return f"{self.rule_id}@{self.pk}"


class PackImport(models.Model):
    """A rule pack imported into the instansi: which file, what it added."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pack_imports")
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.JSONField(_("summary"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported rule pack")
        verbose_name_plural = _("imported rule packs")
        ordering = ["instansi", "-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} → {self.instansi_id}"
