"""The registry: instansi, org units (a tree), positions, employees and who held which post when."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InstansiLevel(models.TextChoices):
    PUSAT = "pusat", _("Central government")
    PROVINSI = "provinsi", _("Province")
    KABUPATEN_KOTA = "kabupaten_kota", _("Regency / city")


class TimeZoneCode(models.TextChoices):
    WIB = "WIB", _("WIB (UTC+7)")
    WITA = "WITA", _("WITA (UTC+8)")
    WIT = "WIT", _("WIT (UTC+9)")


TIME_ZONE_NAMES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


class EmployeeStatus(models.TextChoices):
    PNS = "PNS", _("Civil servant (PNS)")
    CPNS = "CPNS", _("Candidate civil servant (CPNS)")
    PPPK = "PPPK", _("Contract civil servant (PPPK)")
    PPPK_PARUH_WAKTU = "PPPK_PARUH_WAKTU", _("Part-time contract civil servant (PPPK paruh waktu)")
    NON_ASN = "NON_ASN", _("Non-ASN contract staff")


ASN_STATUSES = {"PNS", "CPNS", "PPPK", "PPPK_PARUH_WAKTU"}


class PositionKind(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("Senior executive, highest (JPT Utama)")
    JPT_MADYA = "jpt_madya", _("Senior executive, middle (JPT Madya)")
    JPT_PRATAMA = "jpt_pratama", _("Senior executive, first (JPT Pratama)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (Pengawas)")
    PELAKSANA = "pelaksana", _("Staff (Pelaksana)")
    FUNGSIONAL_AHLI_UTAMA = "fungsional_ahli_utama", _("Functional, expert principal")
    FUNGSIONAL_AHLI_MADYA = "fungsional_ahli_madya", _("Functional, expert middle")
    FUNGSIONAL_AHLI_MUDA = "fungsional_ahli_muda", _("Functional, expert junior")
    FUNGSIONAL_AHLI_PERTAMA = "fungsional_ahli_pertama", _("Functional, expert first")
    FUNGSIONAL_KETERAMPILAN = "fungsional_keterampilan", _("Functional, skilled")


class UnitKind(models.TextChoices):
    PEMERINTAH = "pemerintah", _("Government (top)")
    SEKRETARIAT = "sekretariat", _("Secretariat")
    BADAN = "badan", _("Agency (badan)")
    DINAS = "dinas", _("Service (dinas)")
    INSPEKTORAT = "inspektorat", _("Inspectorate")
    BAGIAN = "bagian", _("Division (bagian)")
    BIDANG = "bidang", _("Field (bidang)")
    SUBBAGIAN = "subbagian", _("Subdivision (subbagian)")
    SEKSI = "seksi", _("Section (seksi)")
    UPT = "upt", _("Technical unit (UPT)")
    LAINNYA = "lainnya", _("Other")


class Instansi(models.Model):
    """A government body that handles its own staff's discipline (a kabupaten/kota, a ministry…)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=InstansiLevel.choices)
    time_zone = models.CharField(
        _("time zone"), max_length=4, choices=TimeZoneCode.choices, default=TimeZoneCode.WIB
    )
    # Title of the PPK (Wali Kota, Bupati, Gubernur, Menteri…) as printed on decisions.
    ppk_title = models.CharField(_("title of the PPK"), max_length=100, blank=True)
    # The working-time schedule id known to tegak.rules (effective-dated in the rules data).
    schedule_id = models.CharField(
        _("working-time schedule"), max_length=64, default="national-perpres-21-2023"
    )
    # The instansi's own rule for PPPK / non-ASN staff, by rules id (local:<code>:<rule-id>).
    local_rule_id = models.CharField(_("instansi rule"), max_length=100, blank=True)
    # Minutes of lateness or early leave that make one day of absence (PP 94 practice: 450).
    minutes_per_absence_day = models.PositiveIntegerField(
        _("minutes of lateness per absent day"), default=450
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city for letters"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def zoneinfo_name(self) -> str:
        return TIME_ZONE_NAMES[self.time_zone]


class OrgUnit(models.Model):
    """A unit in the organisation tree; the top unit has no parent."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default="lainnya")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Units the examination team draws its members from (PP 94/2021 Pasal 29(3)).
    is_supervision_unit = models.BooleanField(_("supervision unit (Inspektorat)"), default=False)
    is_personnel_unit = models.BooleanField(_("personnel unit (BKPSDM)"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["instansi", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "code"], name="unit_code_unique_in_instansi"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Position(models.Model):
    """A post in a unit. A head position leads its unit; pelaksana posts may be shared."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="positions")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=PositionKind.choices)
    is_head = models.BooleanField(_("heads the unit"), default=False)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit", "-is_head", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="position_name_unique_in_unit"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(is_head=True), name="one_head_position_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    """A person employed by an instansi: PNS, CPNS, PPPK or non-ASN contract staff.

    `nip` is the 18-digit NIP for ASN; for non-ASN staff it holds the instansi's own
    registration number (they have no NIP).
    """

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="employees")
    nip = models.CharField(_("NIP / registration number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    front_title = models.CharField(_("title before the name"), max_length=50, blank=True)
    back_title = models.CharField(_("title after the name"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EmployeeStatus.choices)
    golongan = models.CharField(_("rank (golongan)"), max_length=20, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=1, choices=[("L", _("male")), ("P", _("female"))], blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


class AssignmentKind(models.TextChoices):
    DEFINITIVE = "definitif", _("Definitive")
    PLT = "plt", _("Acting (Plt)")
    PLH = "plh", _("Daily acting (Plh)")


class PositionAssignment(models.Model):
    """Who held which post from when to when; authority depends on the post held on the day."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(
        _("kind"), max_length=12, choices=AssignmentKind.choices, default="definitif"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position held")
        verbose_name_plural = _("positions held")
        ordering = ["employee", "-start"]
        indexes = [models.Index(fields=["position", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="assignment_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.position} ({self.start}–{self.end or '…'})"


class SupervisorOverride(models.Model):
    """A direct superior set by hand where the tree does not say it (dated, like the posts)."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="supervisor_overrides"
    )
    supervisor = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("supervisor override")
        verbose_name_plural = _("supervisor overrides")
        constraints = [
            models.CheckConstraint(
                condition=~Q(employee=models.F("supervisor")), name="not_own_supervisor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} → {self.supervisor} ({self.start}–{self.end or '…'})"


class AssignmentChangeKind(models.TextChoices):
    BACKFILLED = "backfilled", _("Past post entered")
    CORRECTED = "corrected", _("Post corrected")


class AssignmentChange(models.Model):
    """A past post entered or corrected after the fact, with the reason and its source: the
    registry's history of itself (contract staff rarely have a recorded history)."""

    assignment = models.ForeignKey(
        PositionAssignment, on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AssignmentChangeKind.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict)
    reason = models.CharField(_("reason"), max_length=500)
    source = models.CharField(_("source document"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Who recorded it, by id and name (accounts sits above the registry).
    recorded_by_id = models.IntegerField(_("recorded by (user id)"), null=True, blank=True)
    recorded_by_name = models.CharField(_("recorded by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("change to a post held")
        verbose_name_plural = _("changes to posts held")
        ordering = ["assignment", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.assignment_id}"
