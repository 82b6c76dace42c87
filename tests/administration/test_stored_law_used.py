"""Issue 15: what the administrator stores on the law pages is what attendance counts with —
the hours of a stored schedule and a regional day off entered on the schedules page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.attendance import selectors

from .test_law_pages import schedule, week_post

pytestmark = pytest.mark.django_db
__all__ = ["schedule"]


def test_attendance_counts_with_the_stored_schedule_and_days(admin_client, instansi, schedule):
    admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {"valid_from": "2025-01-01", "evidence_status": "entered", **week_post()},
    )
    admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "default", "schedule": "lima-hari"},
    )
    response = admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {
            "action": "day",
            "day": "2025-08-28",
            "kind": "regional_holiday",
            "name": "Hari jadi kota",
            "evidence_status": "entered",
            "basis_kind": "Keputusan Wali Kota",
            "basis_number": "003/Kep.1/2025",
            "basis_date": "2025-08-01",
        },
    )
    assert response.status_code == 302
    instansi.refresh_from_db()
    frame = selectors.instansi_calendar(instansi, date(2025, 8, 25), date(2025, 8, 29))
    rows = {row["day"]: row for row in frame.iter_rows(named=True)}
    assert rows[date(2025, 8, 25)]["end_second"] == 16 * 3600  # Monday 07:30-16:00
    assert rows[date(2025, 8, 29)]["end_second"] == 16 * 3600 + 1800  # Friday until 16:30
    assert rows[date(2025, 8, 28)]["kind"] == "holiday"
    assert rows[date(2025, 8, 28)]["day_name"] == "Hari jadi kota"
