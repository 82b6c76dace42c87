"""What the public may see: the agency's publication policy and the anonymised register.

`RegisterEntry` is a read model, one row per accused employee of a case, projected from the case
file by `tegak.portal.projection`. It holds no reporter data by construction (there is no column
for it) and no free text from the file (summaries and descriptions may name people).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tegak.people.models import Employee, Instansi, OrgUnit


class PortalPolicy(models.Model):
    """An instansi's choices about publication. Without a row, nothing optional is shown."""

    instansi = models.OneToOneField(
        Instansi, on_delete=models.CASCADE, related_name="portal_policy"
    )
    # The accused's name is shown only for final decisions, and only where this is switched on.
    show_accused_name_when_final = models.BooleanField(
        _("show the accused's name once the decision is final"), default=False
    )

    class Meta:
        verbose_name = _("publication policy")
        verbose_name_plural = _("publication policies")

    def __str__(self) -> str:
        return (
            f"{self.instansi_id}: name {'shown' if self.show_accused_name_when_final else 'hidden'}"
        )


class PublicStatus(models.TextChoices):
    """The stage of the procedure in the words the public sees."""

    OPEN = "open", _("Case opened")
    EXAMINATION = "examination", _("Under examination")
    DECIDED = "decided", _("Decided")
    OBJECTION = "objection", pgettext_lazy("public status", "Objection or appeal pending")
    FINAL = "final", pgettext_lazy("public status", "Final")


class Level(models.TextChoices):
    """Sanction level (PP 94/2021 Pasal 8)."""

    RINGAN = "ringan", _("Light")
    SEDANG = "sedang", _("Medium")
    BERAT = "berat", _("Heavy")


class RegisterEntry(models.Model):
    """One accused employee of one case, as the public register shows it."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    # The case's own ids, to refresh the row; never shown.
    case_id_ref = models.BigIntegerField(_("case"))
    accused_id_ref = models.BigIntegerField(_("accused"), unique=True)
    register_number = models.CharField(_("register number"), max_length=40)
    # The unit directly below the top of the tree (the dinas/badan), not the small sub-unit,
    # so that a row does not point at a handful of people.
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Used only to print the name where PortalPolicy allows it and the decision is final.
    employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provision = models.CharField(_("provision"), max_length=60, blank=True)
    # The main provision as the employee's own law cites it (PP 53/2010, PP 94/2021, PP 49/2018
    # or the instansi's rule; readings C18, C31): the statistics label it so.
    provision_cited = models.CharField(max_length=200, blank=True)
    provisions = models.JSONField(_("provisions"), default=list, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, blank=True)
    sanction = models.CharField(_("sanction"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PublicStatus.choices, default=PublicStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    decided_on = models.DateField(pgettext_lazy("register", "decided on"), null=True, blank=True)
    final_on = models.DateField(pgettext_lazy("register", "final on"), null=True, blank=True)
    days_to_decision = models.PositiveIntegerField(_("days to decision"), null=True, blank=True)
    # Each clock: {"name", "basis", "due", "met_on", "paused", "not_applicable", "office"} (ISO
    # dates; `office`: a time limit of the office, not a deadline set by law, reading C36).
    deadlines = models.JSONField(pgettext_lazy("register", "deadlines"), default=list, blank=True)
    deadlines_kept = models.PositiveIntegerField(default=0)
    deadlines_late = models.PositiveIntegerField(default=0)
    # The earliest due date of a clock still running: overdue once it is in the past.
    open_due = models.DateField(null=True, blank=True)
    # Steps taken by someone other than the lawful official, with a recorded reason (their step
    # codes; the reasons stay in the case file).
    authority_deviations = models.JSONField(default=list, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)
    # Which version of `tegak.portal.projection` wrote the row (0: before versions were kept);
    # an older row is refreshed by `tegak migrate` (`services.register_refresh_outdated`).
    projection_version = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["-opened_on", "-id"], name="register_newest"),
            models.Index(fields=["instansi", "-opened_on"], name="register_instansi"),
            models.Index(fields=["unit", "-opened_on"], name="register_unit"),
            models.Index(fields=["provision"], name="register_provision"),
            models.Index(fields=["level"], name="register_level"),
            # The statistics read these narrow covering indexes instead of the wide rows
            # (index-only scans on PostgreSQL; SQLite ignores INCLUDE and uses the key).
            models.Index(fields=["opened_on"], include=["days_to_decision"], name="register_month"),
            models.Index(
                fields=["status"],
                include=[
                    "level",
                    "decided_on",
                    "days_to_decision",
                    "deadlines_kept",
                    "deadlines_late",
                    "open_due",
                ],
                name="register_totals",
            ),
            models.Index(fields=["register_number"], name="register_number"),
        ]

    def __str__(self) -> str:
        return self.register_number

    @property
    def authority_deviation_labels(self) -> list[str]:
        from tegak.cases.workflow import STEPS

        return [
            str(STEPS[code].label) if code in STEPS else code for code in self.authority_deviations
        ]

    @property
    def is_final(self) -> bool:
        return self.status == PublicStatus.FINAL


# The earliest due date of an aggregate row whose entries have no running clock (a key column
# cannot hold NULL and still match in an upsert). Never in the past, so never overdue.
NO_OPEN_DUE = date.max
NO_UNIT = 0


class StatisticsDay(models.Model):
    """The register counted per day opened: the totals, the levels and the monthly charts.

    Derived from `RegisterEntry`, kept up to date in the same transaction as each entry's refresh
    (`tegak.portal.services.statistics_apply`) and rebuilt at will (`tegak portal_refresh
    --statistics`). One row per instansi, day opened, public status, level and earliest open due
    date; the measures are sums over those entries."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    status = models.CharField(max_length=12)
    level = models.CharField(max_length=12, blank=True)
    open_due = models.DateField()
    cases = models.IntegerField(default=0)
    decided = models.IntegerField(default=0)
    days_total = models.BigIntegerField(default=0)
    days_counted = models.IntegerField(default=0)
    kept = models.IntegerField(default=0)
    late = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "day", "status", "level", "open_due"],
                name="statistics_day_key",
            )
        ]
        indexes = [models.Index(fields=["day"], name="statistics_day_day")]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.day} {self.status} {self.level}: {self.cases}"


class StatisticsUnitMonth(models.Model):
    """The register counted per month opened and unit (the "per unit" chart)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    status = models.CharField(max_length=12)
    level = models.CharField(max_length=12, blank=True)
    # The unit's id, or NO_UNIT (an id, not a key: a removed unit keeps its count).
    unit_ref = models.BigIntegerField()
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "month", "status", "level", "unit_ref"],
                name="statistics_unit_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="statistics_unit_month")]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.month} unit {self.unit_ref}: {self.cases}"


class StatisticsProvisionMonth(models.Model):
    """The register counted per month opened and main provision (the "per provision" chart)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    status = models.CharField(max_length=12)
    level = models.CharField(max_length=12, blank=True)
    provision = models.CharField(max_length=60, blank=True)
    # The provision as the employees' law cites it (`RegisterEntry.provision_cited`): one code
    # alleged against a PNS and a TKK is two bars, each with its own regulation.
    cited = models.CharField(max_length=200, blank=True)
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "month", "status", "level", "provision", "cited"],
                name="statistics_provision_key",
            )
        ]
        indexes = [models.Index(fields=["month"], name="statistics_provision_month")]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.month} {self.provision}: {self.cases}"
