"""Issue 15, in Chromium: a contract worker (TKK, non-ASN) under the agency's own rule. The
administrator maps the attendance machines' user ids to employees, enters the instansi's rule
for non-ASN staff with a roll-call threshold (4 missed morning roll calls: teguran lisan; 16:
the contract may be ended; 3 and 12 days of absence), imports the roll-call machine's export
(attendance/0004) and the office machine's check-ins, and the count and the alert follow that
rule: 5 missed roll calls give the oral reprimand although 2 days of absence alone would not."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.attendance import selectors
from tegak.attendance.models import AttendanceAlert
from tegak.jobs.runner import drain
from tegak.people import services as people

from ..conftest import make_user
from . import browser_steps as steps
from .conftest import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-123"
SHOTS = "test-results/tkk-roll-call-walk"
NIP = "TKK-2019-0042"
MACHINE_ID = "42"
ABSENT = {date(2025, 1, 6), date(2025, 1, 7)}
LATE_AT_ROLL_CALL = {date(2025, 1, day) for day in (8, 9, 10, 13, 14)}


def test_a_tkk_is_counted_under_the_agencys_rule_with_its_roll_call_threshold(
    live_server, page, instansi, settings, tmp_path
):
    settings.REQUIRE_SECOND_FACTOR = False  # the first-run walk covers the second factor
    unit = people.unit_create(
        actor=SYSTEM, instansi=instansi, code="DISHUB", name="Dinas Perhubungan"
    )
    post = people.position_create(actor=SYSTEM, unit=unit, name="Petugas Parkir", kind="pelaksana")
    tkk = people.employee_create(
        actor=SYSTEM, instansi=instansi, nip=NIP, name="Agus Setiawan", status="NON_ASN"
    )
    people.assignment_start(actor=SYSTEM, employee=tkk, position=post, start=date(2024, 1, 2))
    make_user("admin-kota", instansi, "administrator", password=PASSWORD)
    base = live_server.url + f"/staf/admin-instansi/{instansi.code}"
    steps.log_in(page, live_server.url, "admin-kota", PASSWORD)

    # 1. The machine-ID map: the machines know the TKK as user 42.
    steps.map_machine_user(page, base, MACHINE_ID, NIP)
    assert "Agus Setiawan" in page.locator("#device-users").inner_text()

    # 2. The instansi's rule for non-ASN staff, with its roll-call bands.
    steps.enter_tkk_rule(page, base, citation="Perwal Kota Uji 7/2024", in_force_from="2024-07-01")
    page.screenshot(path=f"{SHOTS}-1-rule.png", full_page=True)

    # 3. The office machine's check-ins, read through the same map.
    checkins = tmp_path / "kantor_attlog.dat"
    checkins.write_text(steps.office_export(MACHINE_ID, steps.JANUARY_2025, ABSENT))
    steps.import_checkins(page, live_server.url, instansi.name, checkins)
    assert drain() >= 1
    # Two days of absence alone are below the rule's first band: no alert yet.
    assert not AttendanceAlert.objects.filter(employee=tkk).exists()

    # 4. The roll-call machine's export: every day in it is a roll call at 07:30.
    export = tmp_path / "apel_attlog.dat"
    export.write_text(
        steps.roll_call_export(MACHINE_ID, steps.JANUARY_2025, ABSENT, LATE_AT_ROLL_CALL)
    )
    result = steps.import_roll_call_export(page, live_server.url, instansi.code, export)
    assert "17" in result, result  # 19 working days, 2 without any punch: 17 roll calls
    page.screenshot(path=f"{SHOTS}-2-roll-call-import.png", full_page=True)
    # The missed roll calls cross the rule's band by themselves: the alert comes with this import.
    alert = AttendanceAlert.objects.get(employee=tkk)
    assert alert.threshold == "teguran_lisan"

    # 5. The counts and the agency's rule: 2 days absent, 5 roll calls missed -> teguran lisan.
    [row] = [item for item in selectors.report(instansi, 2025) if item["nip"] == NIP]
    assert row["unexcused_days"] == 2
    assert row["missed_roll_calls"] == 5
    assert row["finding"]["sanction"] == "teguran_lisan"
    assert row["finding"]["instansi_rule_version"]
    finding_text = str(row["finding"])
    assert "Pasal 11 ayat (1)" in finding_text, finding_text  # the roll-call band's article
    page.goto(live_server.url + f"/staf/kehadiran/unit/{unit.pk}/?tahun=2025")
    counts = page.locator("main table tbody tr", has_text=NIP).inner_text().split()
    assert "2" in counts and "5" in counts, counts
    page.screenshot(path=f"{SHOTS}-3-unit.png", full_page=True)
    page.goto(live_server.url + f"/staf/kehadiran/?instansi={instansi.code}")
    alert_row = page.locator(".alert-row", has_text=NIP)
    assert "teguran lisan" in alert_row.inner_text().lower(), alert_row.inner_text()
    # The missed roll calls in their own column, beside the rule's thresholds.
    roll_calls = alert_row.locator("td.roll-calls").inner_text()
    assert roll_calls.startswith("5") and "4–15: Teguran lisan" in roll_calls, roll_calls
    page.screenshot(path=f"{SHOTS}-4-alert.png", full_page=True)
