"""The case file: a case, the people accused in it, the allegations, handlers, clocks and notes.

The procedure runs per accused employee (`Accused.stage`): each one is summoned, examined and
decided on individually (PP 94/2021 Pasal 26–38). The case itself is final when every accused is.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tegak.people.models import Employee, Instansi, OrgUnit, PositionKind


class CaseOrigin(models.TextChoices):
    REPORTS = "reports", _("Verified reports")
    EX_OFFICIO = "ex_officio", _("Ex officio by a superior")
    ATTENDANCE = "attendance", _("Attendance alert")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FINAL = "final", _("Final")


class Stage(models.TextChoices):
    """Where the procedure stands for one accused employee, in legal order."""

    OPENED = "opened", _("Opened")
    SUMMONED_1 = "summoned_1", _("First summons issued")
    MISSED_1 = "missed_1", _("Absent from the first examination")
    SUMMONED_2 = "summoned_2", _("Second summons issued")
    ABSENT_TWICE = "absent_twice", _("Absent twice: decision on the evidence")
    EXAMINED = "examined", _("Examination held")
    BAP_RECORDED = "bap_recorded", _("Examination minutes (BAP) recorded")
    FINDINGS_REPORTED = "findings_reported", _("Report of findings made")
    DECIDED = "decided", _("Decision taken")
    DELIVERED = "delivered", _("Decision delivered")
    OBJECTION_FILED = "objection_filed", _("Objection or appeal pending")
    FINAL = "final", _("Final")


class Impact(models.TextChoices):
    UNIT_KERJA = "unit_kerja", _("Work unit")
    INSTANSI = "instansi", _("Instansi")
    NEGARA = "negara", _("State")


class HandlerRole(models.TextChoices):
    # Who examines by law (the direct superior, the one above when that one is in conflict, the
    # team) is worked out per accused and day (authority.lawful_examiners), not by this role.
    EXAMINER = "examiner", _("Examiner")
    AUTHORISED_OFFICIAL = "authorised_official", _("Authorised official")
    INTAKE_OFFICER = "intake_officer", _("Case officer")


class Case(models.Model):
    """A discipline case of one instansi, with its register number."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="cases")
    register_number = models.CharField(_("register number"), max_length=40)
    origin = models.CharField(_("origin"), max_length=16, choices=CaseOrigin.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    summary = models.TextField(_("summary"), blank=True)
    opened_on = models.DateField(_("opened on"))
    # The day the direct superior learned of the violation (PP 94/2021 Pasal 26(1), 28).
    known_to_superior_on = models.DateField(_("known to the superior on"))
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(_("final on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # For cases opened from an attendance alert: the year and the legal counts.
    attendance_year = models.PositiveIntegerField(null=True, blank=True)
    attendance_counts = models.JSONField(default=dict, blank=True)
    # The words searched for on the case list: summary, accused names and NIPs, allegations
    # (`cases/search.py`; a GIN-indexed tsvector on PostgreSQL, stems on SQLite; ADR 0172).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "register_number"], name="case_register_unique_in_instansi"
            )
        ]
        indexes = [
            models.Index(fields=["instansi", "status", "-opened_on"]),
            models.Index(fields=["instansi", "-opened_on", "-id"]),
        ]

    def __str__(self) -> str:
        return self.register_number


class RegisterCounter(models.Model):
    """The last register number issued per instansi and year (locked while numbering)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="register_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id}/{self.year}: {self.last}"


class CaseReport(models.Model):
    """A verified report the case was opened from."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="source_reports")
    report = models.ForeignKey("intake.Report", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "report"], name="case_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case} <- {self.report_id}"


class Accused(models.Model):
    """One employee accused in a case; the procedure runs on this row."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accused")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default="opened")
    # The rules-engine finding relied on, with the engine version and the day it was made.
    finding = models.JSONField(_("rules finding"), default=dict, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=40, blank=True)
    finding_as_of = models.DateField(_("finding as of"), null=True, blank=True)
    # PP 94/2021 Pasal 28: the direct superior did not summon in time.
    superior_duty_flagged_on = models.DateField(_("superior's duty flagged on"), null=True)
    superior_duty_superior = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("sanction effective on"), null=True, blank=True)
    final_on = models.DateField(_("final on"), null=True, blank=True)

    class Meta:
        verbose_name = _("accused employee")
        verbose_name_plural = _("accused employees")
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "employee"], name="accused_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case} — {self.employee_id}"

    @property
    def examination_team(self) -> str:
        return str(self.finding.get("examination_team") or "none")

    @property
    def allowed_sanctions(self) -> list[str]:
        return list(self.finding.get("allowed_sanctions") or [])


class FindingChange(models.Model):
    """A re-run of the rules engine that changed the finding: before and after, kept."""

    accused = models.ForeignKey(Accused, on_delete=models.CASCADE, related_name="finding_changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=200)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    engine_version = models.CharField(max_length=40)
    as_of = models.DateField()

    class Meta:
        ordering = ["accused", "changed_at"]

    def __str__(self) -> str:
        return f"{self.accused} {self.changed_at:%Y-%m-%d}"


class Allegation(models.Model):
    """Employee × provision × when × where × impact."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    accused = models.ForeignKey(Accused, on_delete=models.CASCADE, related_name="allegations")
    provision = models.CharField(_("provision"), max_length=60)
    committed_on = models.DateField(_("committed on"))
    # The moment, when it is known (used against working hours in the timeline).
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    impact = models.CharField(_("impact"), max_length=12, choices=Impact.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    # For pp-94-2021:4:f, the absence counts the engine needs.
    absence = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("allegation")
        verbose_name_plural = _("allegations")
        ordering = ["case", "committed_on", "id"]

    def __str__(self) -> str:
        return f"{self.provision} {self.committed_on}"


class CaseHandler(models.Model):
    """A staff member assigned to a case in a role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handlers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=24, choices=HandlerRole.choices)
    assigned_on = models.DateField(_("assigned on"))
    # Set when the handler stands in for an involved direct superior (Pasal 29(6)).
    substitutes_for = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("handler")
        verbose_name_plural = _("handlers")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user", "role"],
                condition=Q(active=True),
                name="handler_once_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.role} {self.user_id}"


class StatedPost(models.Model):
    """A post someone held over a period, as stated in the case where the registry has none.

    Contract staff rarely have post history and a past case needs the posts held then: the case
    records the statement and its source (an SK, a superior's statement), and the case's engine
    input and authority checks read it after the registry (`tegak.cases.posts`).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stated_posts")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of post"), max_length=32, choices=PositionKind.choices)
    position_name = models.CharField(_("name of the post"), max_length=200, blank=True)
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_head = models.BooleanField(_("heads the unit"), default=False)
    # The direct superior as stated; empty: the head of the unit that day.
    superior = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("held from"))
    end = models.DateField(_("held until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    given_on = models.DateField(_("stated on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Set when the registry's keeper confirmed it into the post history.
    confirmed_assignment = models.ForeignKey(
        "people.PositionAssignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stated post")
        verbose_name_plural = _("stated posts")
        ordering = ["case", "employee", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="stated_post_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(superior=models.F("employee")), name="stated_post_not_own_superior"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.employee_id} {self.kind} {self.start}"


class SubordinateElsewhere(models.Model):
    """A subordinate whose offence an accused superior did not act on, handled outside this case
    (PP 94/2021 Pasal 24 ayat (2)-(3), 28; reading C37 of docs/legal-questions.md).

    The superior's sanction must be heavier than the one the subordinate's offence called for.
    When the subordinate is accused in another case in Tegak, `linked` points at them there and
    their sanction is read from that case as it stands (decided, as an objection left it, else
    the engine's recommendation: `tegak.cases.cover_up.sanction_of`; `sanction_code` keeps the
    last one read, for when that case is gone); otherwise the sanction is stated with its source
    (a decision letter from before Tegak, another agency's case).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subordinates_elsewhere")
    accused = models.ForeignKey(
        Accused, on_delete=models.CASCADE, related_name="subordinates_elsewhere"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    linked = models.ForeignKey(
        Accused,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superiors_elsewhere",
    )
    sanction_code = models.CharField(_("sanction of the subordinate"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subordinate handled elsewhere")
        verbose_name_plural = _("subordinates handled elsewhere")
        ordering = ["accused", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["accused", "employee"], name="subordinate_elsewhere_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accused_id} {self.employee_id} {self.linked_id or self.sanction_code}"


class StatementSource(models.TextChoices):
    ACCUSED = "accused", _("The accused")
    UNIT = "unit", _("The unit or instansi (clarification)")
    WITNESS = "witness", _("A witness")
    REPORTER = "reporter", _("The reporter")


class Statement(models.Model):
    """A clarification or statement, with the moment it claims and what it says about hours."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statements")
    accused = models.ForeignKey(
        Accused, null=True, blank=True, on_delete=models.CASCADE, related_name="statements"
    )
    source = models.CharField(_("source"), max_length=12, choices=StatementSource.choices)
    given_on = models.DateField(_("given on"))
    # The moment the statement says the event happened, if it names one.
    claimed_at = models.DateTimeField(_("claimed moment"), null=True, blank=True)
    # What the statement claims about working hours: True "during", False "after hours".
    claims_within_working_hours = models.BooleanField(_("claims within working hours"), null=True)
    text = models.TextField(_("text"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["case", "given_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.source} {self.given_on}"


class Clock(models.Model):
    """A legal deadline of the case, from the rules engine."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    accused = models.ForeignKey(Accused, on_delete=models.CASCADE, related_name="clocks")
    step = models.CharField(_("step"), max_length=32)
    name = models.CharField(_("name"), max_length=60)
    due = models.DateField(_("due"))
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    paused = models.BooleanField(_("paused"), default=False)
    paused_on = models.DateField(null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    # Started already past its due day: a case entered after the fact (a 2021 case recorded in
    # 2026). Nobody is reminded, escalated to or flagged for it; whether the duty was kept is
    # read from the date the step is recorded with.
    entered_after_due = models.BooleanField(default=False)
    # Why the duty has nobody to be kept towards (the reporter-told duty of a case opened only
    # from news reports): marked "not applicable" with this reason, never kept nor overdue, and
    # nobody is reminded of it. Stored in English like `basis`; pages translate it.
    not_applicable = models.CharField(_("not applicable because"), max_length=300, blank=True)
    # A time limit of the office, not a deadline set by law: no law sets the period for this
    # employee (a PPPK unless the installation reads PP 49/2018 Pasal 52 ayat (3) as referring
    # to PP 94/2021; non-ASN staff always; reading C20). It reminds the handlers, but it is never
    # a reason to refuse a step, to flag a superior under PP 94/2021 Pasal 28, or to count as a
    # legal deadline kept or missed on the public register and its statistics (reading C36).
    office_limit = models.BooleanField(_("office time limit"), default=False)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["met_on", "paused", "due"])]

    def __str__(self) -> str:
        return f"{self.name} {self.due}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and not self.paused and not self.not_applicable

    @property
    def shown_basis(self) -> str:
        """The basis as pages, the API and the register show it: a clock stored with a PNS
        regulation for a PPPK or non-ASN employee (before 2026-12-07) is shown with the basis
        their status gives (`tegak.cases.legal_basis`; the rule in force on the due day)."""
        from tegak.cases import legal_basis

        return legal_basis.stored_clock_basis(self)


class NotificationKind(models.TextChoices):
    REMINDER = "reminder", _("Deadline approaching")
    ESCALATION = "escalation", _("Deadline passed")
    SUPERIOR_DUTY = "superior_duty", _("Direct superior did not summon in time")
    ASSIGNED = "assigned", _("Assigned to a case")


class Notification(models.Model):
    """An in-app notice to one staff member about one case (no personal data in the text)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    clock = models.ForeignKey(Clock, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "clock", "kind"],
                condition=Q(clock__isnull=False),
                name="one_notice_per_clock_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_id} → {self.user_id}"


class CaseEvent(models.Model):
    """Links an audit event to its case, so the case's history is one indexed read."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    event = models.OneToOneField("audit.AuditEvent", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["case", "event"])]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.event_id}"


class StepAuthority(models.Model):
    """The capacity in which a step was taken, checked against the law on the step's day
    (`tegak.cases.authority`); a deviation keeps its written reason and is flagged."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="step_authorities")
    accused = models.ForeignKey(Accused, on_delete=models.CASCADE, related_name="step_authorities")
    step = models.CharField(_("step"), max_length=32)
    day = models.DateField(_("day of the step"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField(_("capacity"), max_length=32)
    deviation = models.BooleanField(_("not the lawful official"), default=False)
    reason = models.TextField(_("reason for the deviation"), blank=True)
    # The lawful official(s) on the day, by name, as the check found them.
    expected = models.CharField(_("lawful official"), max_length=300, blank=True)
    # The legal basis of the lawful official's power that day, as the check found it.
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("capacity of a step")
        verbose_name_plural = _("capacities of steps")
        ordering = ["case", "day", "id"]
        indexes = [models.Index(fields=["case", "deviation"])]

    def __str__(self) -> str:
        return f"{self.case} {self.step} {self.capacity}"

    @property
    def shown_basis(self) -> str:
        """The basis as the case page shows it: one stored with a PNS regulation for a PPPK or
        non-ASN employee (before 2026-12-07) is shown with the basis their status gives on the
        step's day (`tegak.cases.legal_basis`)."""
        from tegak.cases import legal_basis

        return legal_basis.stored_basis(self.basis, self.accused, self.day)
