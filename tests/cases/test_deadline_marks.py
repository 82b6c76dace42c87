"""Deadline marks are true: kept only when the step came in time, late only when it did not,
open until the due day and overdue after it, and no mark at all on the accused's rights or on
dates the law sets (#13 item 4)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.cases import selectors
from tegak.cases.clocks import clock_mark
from tegak.hearings import services as hearings
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db


def marks(case, today=None):
    return {(row["name"], row["mark"]) for row in selectors.deadline_rows(case, today)}


@pytest.mark.parametrize(
    ("name", "due", "met_on", "today", "expected"),
    [
        ("superior_must_summon", "2022-09-30", "2022-09-28", "2026-12-05", "kept"),
        ("superior_must_summon", "2022-09-30", "2022-10-07", "2026-12-05", "late"),
        ("superior_must_summon", "2022-09-30", None, "2022-09-29", "open"),
        ("superior_must_summon", "2022-09-30", None, "2026-12-05", "overdue"),
        ("objection_due", "2022-10-20", "2022-11-30", "2026-12-05", ""),
        ("appeal_due", "2022-10-20", None, "2026-12-05", ""),
        ("takes_effect", "2022-10-21", None, "2026-12-05", ""),
        ("bpasn_decision_due", "2022-12-21", None, "2026-12-05", ""),
        ("a_name_nobody_knows", "2022-12-21", None, "2026-12-05", ""),
    ],
    ids=[
        "duty-kept",
        "duty-five-days-late",
        "duty-open-before-due",
        "old-duty-overdue-not-running",
        "objection-window-is-a-right",
        "appeal-window-is-a-right",
        "effective-day-is-a-date",
        "bpasn-duty-is-not-the-agencys",
        "unknown-name-never-marked",
    ],
)
def test_clock_mark(name, due, met_on, today, expected):
    assert (
        clock_mark(
            name=name,
            due=date.fromisoformat(due),
            met_on=date.fromisoformat(met_on) if met_on else None,
            paused=False,
            today=date.fromisoformat(today),
        )
        == expected
    )


def test_a_duty_not_yet_due_when_the_procedure_ended_was_not_needed():
    day = date(2022, 10, 1)
    assert (
        clock_mark(
            name="official_reply_due",
            due=date(2022, 10, 10),
            met_on=None,
            paused=False,
            today=date(2026, 12, 5),
            ended_on=day,
        )
        == "not_needed"
    )


def test_a_summons_five_working_days_late_is_marked_late(open_case, staff):
    # Known on Monday 5 October 2026: the superior must summon by 14 October (7 working days).
    case = open_case()
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 21),
        examination_on=date(2026, 10, 26),
        place="Ruang Rapat",
    )
    assert ("superior_must_summon", "late") in marks(case)
    page_mark = [
        row for row in selectors.deadline_rows(case) if row["name"] == "superior_must_summon"
    ]
    assert page_mark[0]["mark_label"] == "terlambat"


def test_a_past_case_is_marked_against_its_own_dates(open_case, staff):
    """A 2022 case entered in 2026: the summons duty is overdue until the summons is recorded,
    then kept when the summons came in time (never 'running' years later)."""
    case = open_case(committed_on=date(2022, 8, 26), known_on=date(2022, 9, 22))
    assert marks(case) == {("superior_must_summon", "overdue")}
    hearings.summons_issue(
        actor=staff.examiner,
        accused=case.accused.get(),
        number=1,
        issued_on=date(2022, 9, 26),
        examination_on=date(2022, 9, 29),
        place="Ruang Rapat",
    )
    assert marks(case) == {("superior_must_summon", "kept"), ("examination_latest", "overdue")}


def test_a_case_done_on_time_has_no_late_or_overdue_mark(open_case, staff, client):
    case = open_case()
    run_to_final(case, staff)
    found = marks(case)
    assert {mark for _name, mark in found} <= {"kept", ""}
    assert ("objection_due", "") in found and ("takes_effect", "") in found


def test_a_missed_examination_keeps_the_examination_duty_on_the_day_set(open_case, staff):
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
    # The absence is written down weeks later; the office still held its day on time.
    hearings.examination_missed(
        actor=staff.examiner, accused=accused, recorded_on=date(2026, 11, 2)
    )
    assert ("examination_latest", "kept") in marks(case)
