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
from .conftest import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-123"
SHOTS = "test-results/tkk-roll-call-walk"
NIP = "TKK-2019-0042"
MACHINE_ID = "42"
# Working days of January 2025 (1, 27, 28 and 29 January are national days off).
WORKING = [
    date(2025, 1, day)
    for day in range(2, 32)
    if date(2025, 1, day).weekday() < 5 and day not in (27, 28, 29)
]
ABSENT = {date(2025, 1, 6), date(2025, 1, 7)}
LATE_AT_ROLL_CALL = {date(2025, 1, day) for day in (8, 9, 10, 13, 14)}


def attlog(rows: list[tuple[date, str]]) -> str:
    """The machine's attendance log as a ZKTeco machine writes it on a USB stick."""
    return "".join(f"{MACHINE_ID}\t{day.isoformat()} {at}:00\t1\t0\t0\t0\n" for day, at in rows)


def roll_call_export() -> str:
    # The roll call machine: punched by 07:25 on time, 07:45 after the 07:30 roll call.
    rows = []
    for day in WORKING:
        if day in ABSENT:
            continue
        rows.append((day, "07:45" if day in LATE_AT_ROLL_CALL else "07:25"))
    return attlog(rows)


def office_export() -> str:
    rows = []
    for day in WORKING:
        if day not in ABSENT:
            rows += [(day, "07:25"), (day, "16:05")]
    return attlog(rows)


def form_with(page, action: str):
    return page.locator(f"form:has(input[name=action][value={action}])")


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
    page.goto(live_server.url + "/akun/masuk/")
    page.fill("#id_username", "admin-kota")
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_load_state()

    # 1. The machine-ID map: the machines know the TKK as user 42.
    page.goto(base + "/kehadiran/")
    device = form_with(page, "device")
    device.locator("[name=device_user_id]").fill(MACHINE_ID)
    device.locator("[name=employee]").fill(NIP)
    device.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Agus Setiawan" in page.locator("#device-users").inner_text()

    # 2. The instansi's rule for non-ASN staff, with its roll-call bands.
    page.goto(base + "/aturan/baru/")
    page.fill("#id_rule", "tkk")
    page.fill("#id_citation", "Perwal Kota Uji 7/2024")
    page.fill("#id_title", "Pembinaan Tenaga Kerja Kontrak")
    page.check("input[name=applies_to][value=NON_ASN]")
    page.fill("#id_in_force_from", "2024-07-01")
    page.select_option("#id_authority_ringan_role", "instansi_rule")
    page.fill("#id_authority_ringan_official", "kepala perangkat daerah")
    rows = {
        "sanctions-0": {"level": "ringan", "code": "teguran_lisan", "basis": "Pasal 9 huruf a"},
        "sanctions-1": {
            "level": "berat",
            "code": "local:putus_kontrak",
            "label_id": "pemutusan perjanjian kerja",
            "rank": "10",
            "basis": "Pasal 9 huruf c",
        },
        "attendance-0": {
            "min": "3", "max": "11", "level": "ringan", "sanction": "teguran_lisan",
            "basis": "Pasal 10 ayat (1)",
        },
        "attendance-1": {
            "min": "12", "level": "berat", "sanction": "local:putus_kontrak",
            "basis": "Pasal 10 ayat (2)",
        },
        "roll_call-0": {
            "min": "4", "max": "15", "level": "ringan", "sanction": "teguran_lisan",
            "basis": "Pasal 11 ayat (1)",
        },
        "roll_call-1": {
            "min": "16", "level": "berat", "sanction": "local:putus_kontrak",
            "basis": "Pasal 11 ayat (2)",
        },
    }  # fmt: skip
    for prefix, fields in rows.items():
        for name, value in fields.items():
            field = page.locator(f"[name={prefix}-{name}]")
            if name == "level":
                field.select_option(value)
            else:
                field.fill(value)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "Perwal Kota Uji 7/2024" in page.locator("main").inner_text()
    page.screenshot(path=f"{SHOTS}-1-rule.png", full_page=True)

    # 3. The office machine's check-ins, read through the same map.
    checkins = tmp_path / "kantor_attlog.dat"
    checkins.write_text(office_export())
    page.goto(live_server.url + "/staf/kehadiran/impor/")
    page.select_option("select[name=instansi]", label=instansi.name)
    page.set_input_files("input[name=checkins]", str(checkins))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert drain() >= 1
    # Two days of absence alone are below the rule's first band: no alert yet.
    assert not AttendanceAlert.objects.filter(employee=tkk).exists()

    # 4. The roll-call machine's export: every day in it is a roll call at 07:30.
    export = tmp_path / "apel_attlog.dat"
    export.write_text(roll_call_export())
    page.goto(live_server.url + f"/staf/kehadiran/apel/?instansi={instansi.code}")
    page.set_input_files("#device_export", str(export))
    page.fill("#roll_call_time", "07:30")
    page.locator("#device-import button[type=submit]").click()
    page.wait_for_load_state()
    result = page.locator("#device-result").inner_text()
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
    alert_row = page.locator(".alert-row", has_text=NIP).inner_text().lower()
    assert "teguran lisan" in alert_row, alert_row
    page.screenshot(path=f"{SHOTS}-4-alert.png", full_page=True)
