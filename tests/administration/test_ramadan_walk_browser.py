"""Issue 15, in Chromium: the agency's administrator enters the working hours of a unit and the
Ramadan hours a circular letter set (1–30 March 2025), imports the check-ins of four weeks that
straddle the start of Ramadan, and the counts follow the Ramadan hours: arriving at 07:55 is 25
minutes late in February (work starts 07:30) and on time in Ramadan (work starts 08:00); leaving
at 15:10 is early in February and not in Ramadan (Monday–Thursday until 15:00)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tegak.attendance import selectors
from tegak.jobs.runner import drain
from tegak.people import services as people

from ..conftest import make_user
from .browser_steps import check_moment, fill_ramadan_2025, fill_week, form_with, log_in
from .conftest import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-123"
SHOTS = "test-results/ramadan-walk"
FIRST, LAST = date(2025, 2, 17), date(2025, 3, 14)
# No check-in on Tuesday 11 March (the city's anniversary, entered as a regional day off) nor on
# Wednesday 12 March (an absence).
ABSENT = {date(2025, 3, 11), date(2025, 3, 12)}


def checkins(nip: str) -> str:
    """Arrival 07:55 and departure 15:10 on every weekday from 17 February to 14 March 2025
    (no national day off in between) except the days in ABSENT."""
    lines = ["nip,timestamp"]
    day = FIRST
    while day <= LAST:
        if day.weekday() < 5 and day not in ABSENT:
            lines += [f"{nip},{day.isoformat()} 07:55", f"{nip},{day.isoformat()} 15:10"]
        day += timedelta(days=1)
    return "\n".join(lines) + "\n"


def test_ramadan_hours_entered_in_the_browser_are_what_the_attendance_count_uses(
    live_server, page, instansi, settings, tmp_path
):
    settings.REQUIRE_SECOND_FACTOR = False  # the first-run walk covers the second factor
    unit = people.unit_create(
        actor=SYSTEM, instansi=instansi, code="DISKOMINFO", name="Dinas Komunikasi dan Informatika"
    )
    post = people.position_create(
        actor=SYSTEM, unit=unit, name="Pranata Komputer", kind="fungsional_ahli_pertama"
    )
    employee = people.employee_create(
        actor=SYSTEM,
        instansi=instansi,
        nip="199001012020121001",
        name="Sari Ramadhani",
        status="PNS",
    )
    people.assignment_start(actor=SYSTEM, employee=employee, position=post, start=date(2024, 1, 2))
    make_user("admin-kota", instansi, "administrator", password=PASSWORD)
    base = live_server.url + f"/staf/admin-instansi/{instansi.code}"

    log_in(page, live_server.url, "admin-kota", PASSWORD)

    # 1. The unit's schedule: five days, Friday longer.
    page.goto(base + "/jam-kerja/")
    create = form_with(page, "create")
    create.locator("[name=code]").fill("lima-hari")
    create.locator("[name=name]").fill("Lima hari kerja (Perwal 5/2024)")
    create.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.fill("#id_valid_from", "2025-01-01")
    week = {day: ("07:30", "16:00", "12:00", "13:00") for day in ("mon", "tue", "wed", "thu")}
    week["fri"] = ("07:30", "16:30", "11:30", "13:00")
    fill_week(page, week)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "07:30–16:00" in page.locator("#versions").inner_text()
    unit_form = form_with(page, "unit")
    option = unit_form.locator("option", has_text="Dinas Komunikasi dan Informatika")
    unit_form.locator("select").select_option(option.get_attribute("value"))
    unit_form.locator("[name=valid_from]").fill("2025-01-01")
    unit_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Dinas Komunikasi dan Informatika" in page.locator("main").inner_text()

    # 2. The Ramadan hours of the circular letter; overlapping breaks are refused on the field.
    fill_ramadan_2025(page, extra_break=("12:15", "12:45"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    # On the field of Monday's second break, not only in a summary at the top.
    error = page.locator("td:has(#id_mon_break2_start) .errorlist").inner_text()
    assert "bertumpang tindih dengan istirahat ke-1" in error, error
    assert page.locator("#id_start").input_value() == "2025-03-01"  # valid input kept
    page.screenshot(path=f"{SHOTS}-1-overlapping-breaks.png", full_page=True)
    page.fill("#id_mon_break2_start", "")
    page.fill("#id_mon_break2_end", "")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "800/0412/BKPSDM" in page.locator("main").inner_text()
    page.screenshot(path=f"{SHOTS}-2-schedule-with-ramadan.png", full_page=True)

    # 3. The moment check reads the same hours: 15:30 on a Tuesday of Ramadan is after work.
    answer = check_moment(page, "2025-03-04T15:30")
    assert "Hari kerja, di luar jam kerja" in answer and "08:00" in answer, answer

    # 4. The city's anniversary, a regional day off, on the instansi's days page.
    page.get_by_role("link", name="Hari libur dan hari kerja").click()
    page.wait_for_load_state()
    page.fill("#id_day", "2025-03-11")
    page.select_option("#id_kind", "regional_holiday")
    page.fill("#id_name", "Hari Jadi Kota Uji")
    page.locator("summary", has_text="Dokumen dasar").click()
    page.fill("#id_basis_kind", "Keputusan Wali Kota")
    page.fill("#id_basis_number", "003/Kep.7/2025")
    page.fill("#id_basis_date", "2025-01-10")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Hari Jadi Kota Uji" in page.locator("#instansi-days").inner_text()
    page.screenshot(path=f"{SHOTS}-3-days-off.png", full_page=True)

    # 5. The check-ins, uploaded on the attendance import page and imported by the worker.
    upload = tmp_path / "presensi-februari-maret.csv"
    upload.write_text(checkins(employee.nip))
    page.goto(live_server.url + "/staf/kehadiran/impor/")
    page.select_option("select[name=instansi]", label=instansi.name)
    page.set_input_files("input[name=checkins]", str(upload))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert drain() >= 1
    page.reload()
    page.wait_for_load_state()

    # 6. The counts: Ramadan days are measured against the Ramadan hours.
    page.goto(live_server.url + f"/staf/kehadiran/pegawai/{employee.pk}/2025/3/")
    march = page.locator("main")
    tuesday = march.locator("td[data-day='2025-03-04']").inner_text()
    assert "terlambat" not in tuesday and "pulang cepat" not in tuesday.lower(), tuesday
    friday = march.locator("td[data-day='2025-03-07']").inner_text()
    assert "20" in friday, friday  # left 15:10, Ramadan Friday ends 15:30
    assert "tanpa alasan" in march.locator("td[data-day='2025-03-12']").inner_text().lower()
    assert "Hari Jadi Kota Uji" in march.locator("td[data-day='2025-03-11']").inner_text()
    page.screenshot(path=f"{SHOTS}-4-march.png", full_page=True)
    page.goto(live_server.url + f"/staf/kehadiran/pegawai/{employee.pk}/2025/2/")
    february = page.locator("td[data-day='2025-02-18']").inner_text()
    assert "25" in february and "50" in february, february  # 07:55 vs 07:30; 15:10 vs 16:00
    page.screenshot(path=f"{SHOTS}-5-february.png", full_page=True)

    counts = selectors.yearly_counts(instansi, 2025).frame.row(0, named=True)
    # February: 10 days × 25 min late; 8 × 50 + 2 × 80 min early. Ramadan: no lateness; two
    # Fridays × 20 min early; one day absent (the regional day off is not counted).
    assert counts["late_minutes"] == 250
    assert counts["early_leave_minutes"] == 600
    assert counts["unexcused_days"] == 1
    page.goto(live_server.url + f"/staf/kehadiran/unit/{unit.pk}/?tahun=2025")
    row = page.locator("main table tbody tr", has_text=employee.nip).inner_text()
    assert "250" in row and "600" in row, row
    page.screenshot(path=f"{SHOTS}-6-unit.png", full_page=True)
