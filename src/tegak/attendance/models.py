"""Attendance: device ids, check-ins per day, leave, flexible work and the alerts that tell a
superior a threshold was crossed (the instansi's own calendar days are `tegak.law.CalendarDay`).

Check-ins are stored one row per employee and day (first and last), not one row per punch: the law
counts a day by its arrival (first check-in) and departure (last), a big agency makes about ten
million punches a year, and min/max merging makes re-imports idempotent without keeping every punch.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tegak.people.models import Employee, Instansi, OrgUnit


class DeviceUser(models.Model):
    """The user id an attendance machine knows an employee by."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="device_users")
    device_user_id = models.CharField(_("device user id"), max_length=40)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="device_ids")

    class Meta:
        verbose_name = _("device user")
        verbose_name_plural = _("device users")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "device_user_id"], name="device_user_once_per_instansi"
            )
        ]

    def __str__(self) -> str:
        return self.device_user_id


class DailyCheckIn(models.Model):
    """An employee's first and last check-in of one local day (moments stored aware, in UTC)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="check_in_days")
    day = models.DateField(_("day"))
    first_at = models.DateTimeField(_("first check-in"))
    last_at = models.DateTimeField(_("last check-in"))
    first_device = models.CharField(_("device of the first"), max_length=60, blank=True)
    last_device = models.CharField(_("device of the last"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("check-ins of a day")
        verbose_name_plural = _("check-ins of days")
        ordering = ["employee", "day"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "day"], name="check_in_day_once"),
            models.CheckConstraint(
                condition=Q(last_at__gte=models.F("first_at")), name="check_in_last_after_first"
            ),
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day}"


class LeaveKind(models.TextChoices):
    CUTI_TAHUNAN = "cuti_tahunan", _("Annual leave")
    CUTI_BESAR = "cuti_besar", _("Long leave")
    CUTI_SAKIT = "cuti_sakit", _("Sick leave")
    CUTI_MELAHIRKAN = "cuti_melahirkan", _("Maternity leave")
    CUTI_ALASAN_PENTING = "cuti_alasan_penting", _("Leave for important reasons")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    CUTI_LUAR_TANGGUNGAN = "cuti_luar_tanggungan", _("Unpaid leave")
    DINAS_LUAR = "dinas_luar", _("Official duty outside the office")
    TUGAS_BELAJAR = "tugas_belajar", _("Study assignment")
    IZIN = "izin", _("Permission")


class LeaveRecord(models.Model):
    """Leave or a duty letter: a lawful reason for not being at the office, dates inclusive."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="leave_records")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    kind = models.CharField(_("kind"), max_length=32, choices=LeaveKind.choices)
    reference = models.CharField(_("letter number"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("leave or duty letter")
        verbose_name_plural = _("leave and duty letters")
        ordering = ["employee", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "start", "end", "kind"], name="leave_record_once"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="leave_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}–{self.end}"


class FlexibleWorkKind(models.TextChoices):
    # Perpres 21/2023 Pasal 8; PP 94/2021 Pasal 1 angka 5 and the explanation of Pasal 4 huruf f.
    LOCATION = "location", _("Flexible location (no check-in needed)")
    TIME = "time", _("Flexible time (lateness and early leave not counted)")
    LOCATION_AND_TIME = "location_and_time", _("Flexible location and time")


class FlexibleWorkGrant(models.Model):
    """Flexible work the PPK granted to an employee or a unit for a period: a lawful reason."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="flexible_work")
    employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.CASCADE, related_name="flexible_work"
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="flexible_work"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=FlexibleWorkKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    # ISO weekdays the grant covers ("1,3" = Monday and Wednesday); empty = every day.
    weekdays = models.CharField(_("weekdays (1=Monday)"), max_length=20, blank=True)
    source_decree = models.CharField(_("decree"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("flexible-work grant")
        verbose_name_plural = _("flexible-work grants")
        ordering = ["instansi", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employee__isnull=False) | Q(unit__isnull=False),
                name="flexible_work_has_employee_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="flexible_work_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}–{self.end}"

    @property
    def weekday_numbers(self) -> set[int]:
        return {int(part) for part in self.weekdays.split(",") if part.strip().isdigit()}


class AttendanceAlert(models.Model):
    """A threshold of PP 94/2021 crossed in a year, addressed to the direct superior.

    One alert per employee, year and threshold (the finding's sanction, or its level when no
    sanction is recommended). Creating it starts the superior's duty to act (Pasal 28: a superior
    who does not summon and examine is sanctioned), recorded in `duty_clock_started_at`.
    """

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="attendance_alerts"
    )
    year = models.PositiveIntegerField(_("year"))
    threshold = models.CharField(_("threshold"), max_length=64)
    level = models.CharField(_("level"), max_length=16, blank=True)
    counts = models.JSONField(_("counts"))
    finding = models.JSONField(_("finding"))
    superior = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    duty_clock_started_at = models.DateTimeField(_("duty to act since"))
    opened_case_reference = models.CharField(_("case"), max_length=64, blank=True)
    # The case's id in the case file (kept as a number so attendance does not depend on it).
    opened_case_id = models.PositiveBigIntegerField(_("case id"), null=True, blank=True)
    opened_at = models.DateTimeField(_("case opened"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance alert")
        verbose_name_plural = _("attendance alerts")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "threshold"], name="attendance_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year} {self.threshold}"


class RollCallSource(models.TextChoices):
    ROLL_LIST = "roll_list", _("Roll list import")
    UNIT_ENTRY = "unit_entry", _("Entered for the unit")
    DEVICE = "device", _("Fingerprint machine export")


class RollCall(models.Model):
    """One employee at one morning roll call (apel pagi): present or not, and the lawful reason
    given for missing it. Many regional rules count missed roll calls apart from absence."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="roll_calls")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"))
    reason = models.CharField(
        _("lawful reason"), max_length=32, choices=LeaveKind.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=RollCallSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("roll call")
        verbose_name_plural = _("roll calls")
        ordering = ["day", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "day"], name="roll_call_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day} {'hadir' if self.present else 'tidak hadir'}"


class ImportRunStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the worker")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Refused")


class ImportRun(models.Model):
    """One uploaded attendance import, run by the worker outside the request (#18): the page
    shows its status, and when it is done the rows read and every refused row or field."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="+")
    # None: started at the server's command line (`tegak attendance import`).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportRunStatus.choices, default=ImportRunStatus.WAITING
    )
    format = models.CharField(max_length=16, blank=True)
    # The uploads wait here for the worker and are deleted once read (they name employees).
    checkins = models.FileField(upload_to="attendance/imports/", blank=True)
    leave = models.FileField(upload_to="attendance/imports/", blank=True)
    device_map = models.FileField(upload_to="attendance/imports/", blank=True)
    # Progress: the rows of the files (known once they are read), and the rows written.
    rows_total = models.PositiveIntegerField(_("rows in the files"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    # The summary's numbers and the issues by kind: {"skipped": [[line, message], ...], ...}.
    summary = models.JSONField(default=dict)
    issues = models.JSONField(default=dict)
    # A refusal of the whole file: the field and the message, in the uploader's language.
    error_field = models.CharField(max_length=32, blank=True)
    error = models.TextField(blank=True)
    language = models.CharField(max_length=8, default="id")

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.instansi.code} {self.created:%Y-%m-%d %H:%M} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportRunStatus.DONE, ImportRunStatus.FAILED)
