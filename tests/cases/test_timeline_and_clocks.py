"""Statements against the evidence; deadlines, reminders, escalation and the duty of superiors."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.models import Clock, Notification
from tegak.cases.reminders import clocks_sweep
from tegak.cases.tasks import clock_check
from tegak.cases.timeline import case_timeline
from tegak.core.errors import InputError
from tegak.hearings import services as hearings
from tests.cases.conftest import moment

pytestmark = pytest.mark.django_db


def test_after_hours_claim_against_a_friday_1500_event_is_flagged(open_case, staff):
    # The seed case: the event at 15:00 on Friday; the clarification says "after hours".
    case = open_case(committed_on=date(2026, 10, 2), committed_at=moment("2026-10-02 15:00"))
    services.statement_record(
        actor=staff.intake,
        case=case,
        source="unit",
        given_on=date(2026, 10, 7),
        text="Kegiatan dilakukan di luar jam kerja.",
        claims_within_working_hours=False,
    )
    timeline = case_timeline(case)
    evidence = next(entry for entry in timeline if entry.kind == "evidence")
    statement = next(entry for entry in timeline if entry.kind == "statement")
    assert evidence.working["within_working_hours"] is True
    assert evidence.working["working_day"] is True
    assert len(statement.contradictions) == 1
    assert "15:00" in statement.contradictions[0]
    assert evidence.working["day_end"] in statement.contradictions[0]


def test_a_claim_that_fits_the_evidence_is_not_flagged(open_case, staff):
    case = open_case(committed_on=date(2026, 10, 3), committed_at=moment("2026-10-03 15:00"))
    services.statement_record(
        actor=staff.intake,
        case=case,
        source="unit",
        given_on=date(2026, 10, 7),
        text="Hari Sabtu, di luar jam kerja.",
        claims_within_working_hours=False,
    )
    statement = next(entry for entry in case_timeline(case) if entry.kind == "statement")
    assert statement.contradictions == []


def test_a_claimed_moment_after_hours_contradicts_evidence_inside_hours(open_case, staff):
    case = open_case(committed_on=date(2026, 10, 2), committed_at=moment("2026-10-02 15:00"))
    services.statement_record(
        actor=staff.intake,
        case=case,
        source="accused",
        given_on=date(2026, 10, 7),
        text="Saya datang pukul 19.00.",
        claimed_at=moment("2026-10-02 19:00"),
    )
    statement = next(entry for entry in case_timeline(case) if entry.kind == "statement")
    assert statement.working["within_working_hours"] is False
    assert statement.contradictions


def test_summons_clock_reminds_once_then_escalates_to_the_next_superior(
    open_case, staff, org, time_machine
):
    # Recorded as it happens (a clock started already past due is not swept, see below).
    time_machine.move_to(moment("2026-10-06 10:00"), tick=False)
    case = open_case()
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    clock = Clock.objects.get(accused=accused, step="summons_issued")
    assert clock.due == date(2026, 10, 15)
    before = AuditEvent.objects.count()
    assert clocks_sweep(clock_ids=[clock.pk], today=date(2026, 10, 14))["reminded"] == 1
    # Idempotent: the same day again sends nothing more.
    assert clocks_sweep(clock_ids=[clock.pk], today=date(2026, 10, 14))["reminded"] == 0
    reminder = Notification.objects.get(clock=clock, kind="reminder")
    assert reminder.user == staff.examiner
    assert clocks_sweep(clock_ids=[clock.pk], today=date(2026, 10, 16))["escalated"] == 1
    assert clocks_sweep(clock_ids=[clock.pk], today=date(2026, 10, 17))["escalated"] == 0
    escalation = Notification.objects.get(clock=clock, kind="escalation")
    # The examiner is the Kabag; the Sekwan above them is told.
    assert escalation.user == staff.official
    assert AuditEvent.objects.count() == before + 2
    actions = list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:2])
    assert actions == ["case.deadline_escalated", "case.deadline_reminded"]
    # The worker's job does the same and is just as idempotent.
    assert clock_check.call([clock.pk]) == {"reminded": 0, "escalated": 0, "unchanged": 1}


def test_a_met_clock_is_left_alone(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2026, 10, 13), place="Ruang"
    )
    clock = Clock.objects.get(accused=accused, step="summons_issued")
    assert clock.met_on == date(2026, 10, 13)
    assert clocks_sweep(clock_ids=[clock.pk], today=date(2026, 10, 20)) == {
        "reminded": 0,
        "escalated": 0,
        "unchanged": 0,
    }


def test_a_superior_who_does_not_summon_in_time_is_flagged_and_the_next_superior_told(
    open_case, staff, org, time_machine
):
    time_machine.move_to(moment("2026-10-05 10:00"), tick=False)
    case = open_case(known_on=date(2026, 10, 5))
    accused = case.accused.get()
    duty = Clock.objects.get(accused=accused, step="superior_duty")
    # 7 working days after Monday 5 October 2026 (the installation's reading of Pasal 26(1)).
    assert duty.due == date(2026, 10, 14)
    clocks_sweep(today=date(2026, 10, 15))
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on == date(2026, 10, 15)
    assert accused.superior_duty_superior == org.kabag
    notice = Notification.objects.get(clock=duty, kind="superior_duty")
    assert notice.user == staff.official  # the Sekwan, above the Kabag


def test_a_summons_in_time_meets_the_superior_duty(open_case, staff):
    case = open_case(known_on=date(2026, 10, 5))
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    clocks_sweep(today=date(2026, 10, 15))
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on is None


def test_issuing_a_summons_schedules_the_worker_for_the_reminder_and_the_day_after(
    open_case, staff, django_capture_on_commit_callbacks
):
    from tegak.jobs.models import Job

    case = open_case()
    accused = case.accused.get()
    with django_capture_on_commit_callbacks(execute=True):
        hearings.summons_issue(
            actor=staff.examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 13),
            place="Ruang Rapat",
        )
    clock = Clock.objects.get(accused=accused, step="summons_issued")
    jobs = Job.objects.filter(task_path="tegak.cases.tasks.clock_check")
    days = sorted(
        timezone.localtime(job.available_at).date() for job in jobs if job.args == [[clock.pk]]
    )
    assert days == [date(2026, 10, 13), date(2026, 10, 16)]


def test_the_sweep_command_escalates_and_bad_input_exits_2(open_case, staff, capsys, time_machine):
    import json

    from django.core.management import call_command

    time_machine.move_to(moment("2026-10-05 10:00"), tick=False)
    open_case(known_on=date(2026, 10, 5))
    call_command("cases", "sweep", "--on", "2026-10-15")
    assert json.loads(capsys.readouterr().out)["escalated"] == 1
    with pytest.raises(SystemExit) as exit_info:
        call_command("cases", "sweep", "--on", "15-10-2026")
    assert exit_info.value.code == 2
    assert json.loads(capsys.readouterr().err)["error"]["field"] == "on"


def test_a_case_entered_after_the_fact_flags_nobody_and_its_dates_decide(
    open_case, staff, org, time_machine
):
    """Seed walk (TikTok, 2021, entered in 2026): within seconds of opening, the direct
    superior was flagged for not summoning in time (Pasal 28), the next superior got notices,
    and the flag stayed after the 2021 summons was recorded. A clock started already past its
    due day reminds and escalates nobody; the step's recorded day says whether it was kept."""
    case = open_case(committed_on=date(2021, 9, 1), known_on=date(2021, 9, 2))
    accused = case.accused.get()
    duty = Clock.objects.get(accused=accused, step="superior_duty")
    assert duty.entered_after_due
    assert clocks_sweep(today=date(2026, 11, 25))["escalated"] == 0
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on is None
    assert not Notification.objects.filter(clock__case=case).exists()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2021, 9, 2),
        examination_on=date(2021, 9, 3),
        place="Ruang Rapat",
    )
    duty.refresh_from_db()
    assert duty.met_on == date(2021, 9, 2) and duty.met_on <= duty.due


def test_a_person_added_to_a_past_case_has_the_superiors_duty_from_the_day_it_was_known(
    open_case, staff, org
):
    """The karaoke walk (2026-12-07): the Sekretaris DPRD added as an accused to a 2022 case
    showed her superior's duty to summon due in December 2026, on the case page and the public
    register. The duty runs from the day the superior learned of it, which the page asks."""
    case = open_case(committed_on=date(2022, 9, 1), known_on=date(2022, 9, 5))
    with pytest.raises(InputError) as error:
        services.allegation_add(
            actor=staff.intake,
            case=case,
            allegation={
                "employee": org.kabag,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2022, 9, 12),
                "impact": "unit_kerja",
                "known_on": date(2022, 9, 10),
            },
        )
    assert error.value.field == "known_on"
    assert not case.accused.filter(employee=org.kabag).exists()
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.kabag,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2022, 9, 12),
            "impact": "unit_kerja",
            "known_on": date(2022, 9, 13),
        },
    )
    duty = Clock.objects.get(accused__employee=org.kabag, step="superior_duty")
    # 7 working days after Tuesday 13 September 2022.
    assert duty.due == date(2022, 9, 22) and duty.entered_after_due
    assert clocks_sweep(today=timezone.localdate())["escalated"] == 0


def test_a_flag_is_lifted_when_the_summons_is_recorded_with_a_day_in_time(
    open_case, staff, org, time_machine
):
    """The sweep flagged the superior; the summons, sent in time, was entered late."""
    time_machine.move_to(moment("2026-10-05 10:00"), tick=False)
    case = open_case(known_on=date(2026, 10, 5))
    accused = case.accused.get()
    clocks_sweep(today=date(2026, 10, 15))
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on == date(2026, 10, 15)
    time_machine.move_to(moment("2026-10-16 10:00"), tick=False)
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 9),
        examination_on=date(2026, 10, 16),
        place="Ruang Rapat",
    )
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on is None


def test_the_summons_gap_counts_the_instansis_own_days_off(open_case, staff):
    """Legal review: with a regional day off on Friday 9 October, the examination may be as
    late as Friday 16 October (7 working days of the instansi), as the stored clock says;
    the summons used the national calendar and refused it."""
    from tegak.law.models import CalendarDay

    case = open_case()
    accused = case.accused.get()
    CalendarDay.objects.create(
        instansi=case.instansi, day=date(2026, 10, 9), kind="regional_holiday", name="Libur"
    )
    summons = hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 16),
        place="Ruang Rapat",
    )
    assert summons.latest_examination_on == date(2026, 10, 16)
    clock = Clock.objects.get(accused=accused, step="summons_issued")
    assert clock.due == summons.latest_examination_on
