"""Issue 15: the instansi's own days off and working days have their page (list per year, add,
correct, remove), refuse bad input on the field in Indonesian, write their audit events, and are
read by the attendance count and by deadlines counted in working days."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.attendance import selectors
from tegak.attendance.services import attendance_import
from tegak.audit.models import AuditEvent
from tegak.cases import rules_bridge
from tegak.law.models import CalendarDay
from tegak.people import services as people
from tegak.people.models import Instansi

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

JANUARY = (date(2025, 1, 2), date(2025, 1, 31))


def days_url(instansi, **query):
    url = reverse("administration:calendar_days", args=[instansi.code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add(client, instansi, **fields):
    data = {"evidence_status": "entered", **fields}
    return client.post(days_url(instansi), data)


def january_checkins(nip: str, absent: set[date]) -> bytes:
    """Arrival 07:25 and departure 16:35 on every weekday of January 2025 but the absent days
    and the national days off (1, 27, 28, 29 January)."""
    off = {date(2025, 1, 1), date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29)}
    lines = ["nip,timestamp"]
    for number in range(2, 32):
        day = date(2025, 1, number)
        if day.weekday() >= 5 or day in off or day in absent:
            continue
        lines.append(f"{nip},{day.isoformat()} 07:25:00")
        lines.append(f"{nip},{day.isoformat()} 16:35:00")
    return ("\n".join(lines) + "\n").encode()


def unexcused(instansi, nip):
    result = selectors.yearly_counts(instansi, 2025, today=date(2025, 2, 1))
    return next(row for row in result.frame.iter_rows(named=True) if row["nip"] == nip)[
        "unexcused_days"
    ]


def test_a_local_holiday_entered_on_the_page_changes_the_absence_count_and_a_deadline(
    admin_client, administrator, instansi, org
):
    people.assignment_start(
        actor=SYSTEM, employee=org.tkk, position=org.staff_post, start=date(2024, 1, 1)
    )
    attendance_import(
        actor="test",
        instansi=instansi,
        checkins=january_checkins(org.tkk.nip, {date(2025, 1, 15), date(2025, 1, 16)}),
        today=date(2025, 2, 1),
    )
    assert unexcused(instansi, org.tkk.nip) == 2
    # 5 working days after Monday 13 January 2025: Monday 20 January.
    assert rules_bridge.add_working_days(date(2025, 1, 13), 5, instansi=instansi) == date(
        2025, 1, 20
    )

    response = add(
        admin_client,
        instansi,
        day="2025-01-15",
        kind="regional_holiday",
        name="Hari Jadi Kota Uji",
        basis_kind="Keputusan Wali Kota",
        basis_number="003.1/Kep.12/2024",
        basis_date="2024-12-20",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?tahun=2025")

    assert unexcused(instansi, org.tkk.nip) == 1
    row = selectors.statuses(instansi, date(2025, 1, 15), date(2025, 1, 15), employees=[org.tkk])
    assert row.row(0, named=True)["status"] == "holiday"
    assert rules_bridge.add_working_days(date(2025, 1, 13), 5, instansi=instansi) == date(
        2025, 1, 21
    )
    # The clocks of a case count in the same calendar: an objection within 14 working days of
    # receiving the decision (PP 79/2021 Pasal 4(2)) ends a day later; the day a decision takes
    # effect (the 15th calendar day, PP 94/2021 Pasal 38(1)) does not move.
    due = {
        item["name"]: item["due"]
        for item in rules_bridge.deadlines(
            "decision_received", date(2025, 1, 13), instansi=instansi
        )
    }
    assert due["objection_due"] == date(2025, 2, 6)  # 5 February in the national calendar
    assert due["takes_effect"] == date(2025, 1, 28)

    page = admin_client.get(days_url(instansi, tahun=2025)).content.decode()
    assert "Hari Jadi Kota Uji" in page and "003.1/Kep.12/2024" in page
    event = AuditEvent.objects.filter(action="law.calendar_day_set").latest("id")
    assert event.data["day"] == "2025-01-15" and event.data["kind"] == "regional_holiday"


def test_a_day_is_corrected_and_removed_with_its_audit_events(admin_client, instansi):
    add(admin_client, instansi, day="2025-03-10", kind="office_closed", name="Banjir")
    item = CalendarDay.objects.get(instansi=instansi)
    url = reverse("administration:calendar_day", args=[instansi.code, item.pk])
    assert "Banjir" in admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        {
            "action": "change",
            "day": "2025-03-11",
            "kind": "office_closed",
            "name": "Kantor tergenang banjir",
            "evidence_status": "entered",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.day == date(2025, 3, 11) and item.name == "Kantor tergenang banjir"
    event = AuditEvent.objects.filter(action="law.calendar_day_changed").latest("id")
    assert event.data["before"]["day"] == "2025-03-10" and event.data["day"] == "2025-03-11"
    assert selectors.instansi_calendar(instansi, date(2025, 3, 10), date(2025, 3, 11))[
        "kind"
    ].to_list() == ["working", "holiday"]

    response = admin_client.post(url, {"action": "remove"})
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert AuditEvent.objects.filter(action="law.calendar_day_removed").exists()
    assert admin_client.get(url).status_code == 404


def test_bad_days_are_refused_on_their_field_in_indonesian_and_nothing_is_saved(
    admin_client, instansi
):
    # A cancelled cuti bersama on a day that is a working day nationally: nothing to cancel.
    response = add(
        admin_client, instansi, day="2025-01-15", kind="working_day_correction", name="Masuk"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "bukan hari libur atau cuti bersama" in form.errors["day"][0]
    assert form["name"].value() == "Masuk"  # valid input kept
    # A typing error in the year.
    response = add(admin_client, instansi, day="2205-01-15", kind="regional_holiday", name="X")
    assert "Masukkan hari dari tahun 2000 sampai" in response.context["form"].errors["day"][0]
    # A decree dated after the day it declares off.
    response = add(
        admin_client,
        instansi,
        day="2025-05-02",
        kind="regional_holiday",
        name="Libur daerah",
        basis_date="2025-05-09",
    )
    assert "basis_date" in response.context["form"].errors
    assert not CalendarDay.objects.exists()
    # Moving a day onto another day the instansi already has.
    add(admin_client, instansi, day="2025-06-02", kind="regional_holiday", name="A")
    add(admin_client, instansi, day="2025-06-03", kind="regional_holiday", name="B")
    first = CalendarDay.objects.get(day=date(2025, 6, 2))
    response = admin_client.post(
        reverse("administration:calendar_day", args=[instansi.code, first.pk]),
        {
            "action": "change",
            "day": "2025-06-03",
            "kind": "regional_holiday",
            "name": "A",
            "evidence_status": "entered",
        },
    )
    assert "sudah memiliki 3 Juni 2025" in response.context["form"].errors["day"][0]
    first.refresh_from_db()
    assert first.day == date(2025, 6, 2)


def test_a_cancelled_cuti_bersama_counts_as_a_working_day_and_for_deadlines(admin_client, instansi):
    # 28 January 2025 is cuti bersama nationally.
    assert rules_bridge.add_working_days(date(2025, 1, 27), 1, instansi=instansi) == date(
        2025, 1, 30
    )
    response = add(
        admin_client,
        instansi,
        day="2025-01-28",
        kind="working_day_correction",
        name="Cuti bersama dibatalkan (SE Sekda)",
    )
    assert response.status_code == 302
    assert rules_bridge.add_working_days(date(2025, 1, 27), 1, instansi=instansi) == date(
        2025, 1, 28
    )
    page = admin_client.get(days_url(instansi, tahun=2025)).content.decode()
    assert "Cuti bersama dibatalkan (SE Sekda)" in page


def test_another_instansis_day_is_not_found(admin_client, instansi):
    other = Instansi.objects.create(code="kab-lain", name="Kabupaten Lain", time_zone="WIB")
    item = CalendarDay.objects.create(
        instansi=other, day=date(2025, 4, 1), kind="office_closed", name="Lain"
    )
    assert (
        admin_client.get(
            reverse("administration:calendar_day", args=[instansi.code, item.pk])
        ).status_code
        == 404
    )
