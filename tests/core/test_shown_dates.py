"""Dates a reader sees are written "6 September 2021" (in the reader's language), never in ISO
form; machine outputs (the engine's answer fields, the audit log's data) keep ISO 8601."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tegak.attendance.models import DailyCheckIn
from tegak.connectors.subscribers import clock_message
from tegak.core.words import shown_iso
from tegak.intake.drafting import facts_note
from tegak.law.models import CalendarDay
from tegak.retention import services as retention
from tegak.rules import deadlines
from tegak.rules.messages import say
from tests.cases.conftest import open_case, org, staff, today  # noqa: F401
from tests.review.conftest import staff_client


def test_iso_text_is_shown_as_people_read_it():
    with translation.override("id"):
        assert shown_iso("2022-08-26") == "26 Agustus 2022"
        assert shown_iso("2022-08-26T15:00:00+07:00") == "26 Agustus 2022 15:00"
        assert shown_iso("2021-09-01..2021-09-30") == "1 September 2021 – 30 September 2021"
        assert shown_iso("LAP-2021-000008") == "LAP-2021-000008"
        assert shown_iso("") == ""
    with translation.override("en"):
        assert shown_iso(date(2022, 8, 26)) == "26 August 2022"


def test_the_engines_messages_write_days_in_each_language():
    text = say("it was not in force on {day}", day=date(2022, 8, 26))
    assert text.en == "it was not in force on 26 August 2022"
    assert text.render("id").endswith("26 Agustus 2022")
    # The answer's own fields stay ISO.
    answer = deadlines({"step": "summons_issued", "on": "2027-03-05"})
    assert answer["deadlines"][0]["estimated_days"][0]["date"] == "2027-03-10"
    assert any("10 Maret 2027" in note for note in answer["notes_id"])


def test_the_drafting_note_writes_the_days_of_the_text():
    facts = {
        "events": [{"date": "2021-09-06", "text": "Senin (6/9/2021)", "kind": "event"}],
        "people": [],
        "regulations": [
            {
                "text": "PP 53/2010",
                "in_force_on_event_date": False,
                "checked_on": "2021-09-06",
                "replaced_by": "PP 94/2021",
            }
        ],
        "working_time": [{"event": 0, "within_working_hours": True, "schedule": "lima-hari"}],
        "allegations": [],
    }
    with translation.override("id"):
        note = facts_note(facts)
    assert "6 September 2021" in note and "2021-09-06" not in note


@pytest.mark.django_db
def test_a_calendar_days_basis_is_read_by_people_and_recorded_in_iso(instansi):
    item = CalendarDay(
        instansi=instansi,
        day=date(2026, 7, 17),
        kind="regional_holiday",
        name="Hari Jadi",
        basis_kind="Keputusan Wali Kota",
        basis_number="12",
        basis_date=date(2026, 6, 1),
    )
    with translation.override("id"):
        assert item.basis_label == "Keputusan Wali Kota 12 (1 Juni 2026)"
    assert item.basis_record == "Keputusan Wali Kota 12 (2026-06-01)"


@pytest.mark.django_db
def test_the_retention_dry_run_shows_its_periods_as_dates(org, administrator, instansi):  # noqa: F811
    DailyCheckIn.objects.create(
        employee=org.staff,
        day=date(2026, 3, 2),
        first_at=datetime(2026, 3, 2, 0, 30, tzinfo=UTC),
        last_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    run = retention.dry_run(actor=administrator, instansi=instansi, as_of=date(2030, 1, 15))
    assert run.items and run.items[0]["reference"] == "2026-03-02..2026-03-02"  # data stays ISO
    page = staff_client(administrator).get(reverse("retention:page", args=[instansi.code]))
    text = page.content.decode()
    assert "2 Maret 2026 – 2 Maret 2026" in text
    assert "2026-03-02" not in text


@pytest.mark.django_db
def test_a_deadline_e_mail_writes_its_day(open_case):  # noqa: F811
    case = open_case()
    clock = case.clocks.order_by("due").first()
    with translation.override("id"):
        _subject, body = clock_message(clock, "reminder")
    assert shown_iso(clock.due) in body and clock.due.isoformat() not in body
