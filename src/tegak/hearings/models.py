"""Summons, examination, examination team, questions and answers, BAP and the report of findings.

PP 94/2021 Pasal 26 (summons), 27 (examination by the direct superior), 29 (examination team),
32 (the BAP, valid even when the accused refuses to sign), 34 (findings of supervision).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tegak.cases.models import Accused, Case
from tegak.people.models import Employee


class Summons(models.Model):
    """A written summons to an examination (first or second)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="summonses")
    accused = models.ForeignKey(Accused, on_delete=models.CASCADE, related_name="summonses")
    number = models.PositiveSmallIntegerField(_("summons number"), choices=[(1, "I"), (2, "II")])
    issued_on = models.DateField(_("issued on"))
    examination_on = models.DateField(_("examination on"))
    examination_time = models.TimeField(_("examination time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    # The latest lawful examination day computed by the rules engine when issued.
    latest_examination_on = models.DateField(_("latest examination day"), null=True)
    deadline_basis = models.CharField(max_length=300, blank=True)
    # That day is the office's own time limit, not one set by law (a PPPK or non-ASN employee
    # whose rule sets no period, reading C20): never a reason to refuse the examination day, and
    # the case page does not call it lawful (reading C36).
    latest_is_office_limit = models.BooleanField(default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Filled when the accused did not come.
    missed = models.BooleanField(_("absent"), default=False)
    missed_recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("summons")
        verbose_name_plural = _("summonses")
        ordering = ["accused", "number"]
        constraints = [
            models.UniqueConstraint(fields=["accused", "number"], name="summons_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case} summons {self.number}"


class ExaminationTeam(models.Model):
    """An ad hoc examination team (Pasal 29): the superior, supervision and personnel members."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="teams")
    accused = models.OneToOneField(Accused, on_delete=models.CASCADE, related_name="team")
    formed_on = models.DateField(_("formed on"))
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("examination team")
        verbose_name_plural = _("examination teams")

    def __str__(self) -> str:
        return f"{self.case} team"


class TeamMemberRole(models.TextChoices):
    SUPERIOR = "superior", _("Direct superior")
    SUPERVISION = "supervision", _("Supervision unit")
    PERSONNEL = "personnel", _("Personnel unit")
    OTHER = "other", _("Other official")


class ExaminationTeamMember(models.Model):
    team = models.ForeignKey(ExaminationTeam, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=TeamMemberRole.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "employee"], name="team_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.role} {self.employee_id}"


class ExaminationSession(models.Model):
    """A joint examination session of a group case: one sitting, one record of who attended;
    each attendee still has their own examination, questions and minutes (BAP), ADR 0061."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="examination_sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    virtual = models.BooleanField(_("virtual"), default=False)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("joint examination session")
        verbose_name_plural = _("joint examination sessions")
        ordering = ["case", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} session {self.held_on}"


class Examination(models.Model):
    """The closed examination of the accused (Pasal 27), face to face or virtual."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="examinations")
    accused = models.OneToOneField(Accused, on_delete=models.CASCADE, related_name="examination")
    summons = models.ForeignKey(Summons, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    virtual = models.BooleanField(_("virtual"), default=False)
    by_team = models.BooleanField(_("by the examination team"), default=False)
    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The joint session this examination was part of, when the group was examined together.
    session = models.ForeignKey(
        ExaminationSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examinations",
    )

    class Meta:
        verbose_name = _("examination")
        verbose_name_plural = _("examinations")

    def __str__(self) -> str:
        return f"{self.case} examination {self.held_on}"


class QuestionAnswer(models.Model):
    examination = models.ForeignKey(Examination, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("number"))
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
        ordering = ["examination", "order"]
        constraints = [
            models.UniqueConstraint(fields=["examination", "order"], name="question_order_once")
        ]

    def __str__(self) -> str:
        return f"{self.examination} Q{self.order}"


class BeritaAcara(models.Model):
    """The examination minutes (BAP), Pasal 32."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="berita_acara")
    accused = models.OneToOneField(Accused, on_delete=models.CASCADE, related_name="berita_acara")
    examination = models.OneToOneField(
        Examination, on_delete=models.PROTECT, related_name="berita_acara"
    )
    completed_on = models.DateField(_("completed on"))
    signed_by_accused = models.BooleanField(_("signed by the accused"), default=True)
    refusal_note = models.TextField(_("note on the refusal to sign"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("examination minutes (BAP)")
        verbose_name_plural = _("examination minutes (BAP)")

    def __str__(self) -> str:
        return f"{self.case} BAP {self.completed_on}"


class FindingsReport(models.Model):
    """The report of findings (LHP) put to the authorised official, with the recommendation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings_reports")
    accused = models.OneToOneField(
        Accused, on_delete=models.CASCADE, related_name="findings_report"
    )
    reported_on = models.DateField(_("reported on"))
    proven = models.BooleanField(_("violation proven"), default=True)
    conclusion = models.TextField(_("conclusion"))
    recommended_sanction = models.CharField(_("recommended sanction"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report of findings")
        verbose_name_plural = _("reports of findings")

    def __str__(self) -> str:
        return f"{self.case} LHP {self.reported_on}"


class TemporaryRelease(models.Model):
    """Temporary release from the duties of the post while a berat sanction is likely, from the
    examination until the decision; an acting official (Plh) takes the duties and the employee
    keeps their rights (PP 94/2021 Pasal 31)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="temporary_releases")
    accused = models.OneToOneField(
        Accused, on_delete=models.CASCADE, related_name="temporary_release"
    )
    decree_number = models.CharField(_("decree number"), max_length=100)
    decree_on = models.DateField(_("decree dated"))
    starts_on = models.DateField(_("released from"))
    acting_official = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The day the decision was taken: the release ends with it (Pasal 31(1)).
    ended_on = models.DateField(_("release ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("temporary release from duty")
        verbose_name_plural = _("temporary releases from duty")

    def __str__(self) -> str:
        return f"{self.case} release {self.starts_on}"
