"""The first run of a real installation in Chromium (#15, "done when"): an empty database, the
first administrator made with `tegak setup` (README, *Starting a real installation*), then
everything else in the browser as that administrator — the instansi, a unit and a post, the
employees imported from a spreadsheet (XLSX) and one registered by hand, working hours with a
Ramadan period, users invited with roles and linked to their employees, the instansi's rule for
non-ASN staff with a roll-call threshold, the attendance machines' map, the check-ins and the
roll-call machine's export — and then the attendance report counts the contract worker's
missed roll calls beside the rule's thresholds, the case opened from its alert cites the rule,
and the invited intake officer logs in and sees their work. The second factor is on, as on
every real installation."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import translation
from django_otp.oath import TOTP
from openpyxl import Workbook

from tegak.accounts.models import User
from tegak.attendance.models import AttendanceAlert
from tegak.jobs.runner import drain
from tegak.people.models import Employee

from . import browser_steps as steps
from .browser_steps import check_moment, fill_week, form_with, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PASSWORD = "kopi hitam di pagi hari"
OFFICER_PASSWORD = "petugas menerima laporan warga"
SHOTS = "test-results/fresh-install"


def enrol_second_factor(page) -> None:
    """Read the key the page shows, as an authenticator app would, and confirm a code."""
    assert "Atur faktor kedua" in page.locator("h1").inner_text()
    secret = page.locator(".card code").inner_text().strip().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_token", f"{TOTP(key).token():06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


TKK_NIP = "TKK-2019-0042"
HEAD_NIP = "197805122005011002"
MACHINE_ID = "42"
ABSENT = {date(2025, 1, 6), date(2025, 1, 7)}
LATE_AT_ROLL_CALL = {date(2025, 1, day) for day in (8, 9, 10, 13, 14)}


def registry_workbook(path) -> None:
    """The BKPSDM's employee list as the agency keeps it in a spreadsheet."""
    book = Workbook()
    sheet = book.active
    rows = [
        "nip,name,status,position_kind,position_name,unit_code,is_head,golongan,active_from",
        f"{HEAD_NIP},Bambang Hartono,PNS,jpt_pratama,"
        "Kepala Badan Kepegawaian dan Pengembangan SDM,BKPSDM,ya,IV/c,2023-01-02",
        f"{TKK_NIP},Agus Setiawan,NON_ASN,pelaksana,Petugas Parkir,BKPSDM,tidak,,2024-01-02",
    ]
    for row in rows:
        sheet.append(row.split(","))
    book.save(path)


def test_a_fresh_installation_is_set_up_in_the_browser(
    live_server, page, monkeypatch, capsys, tmp_path
):
    base = live_server.url
    admin = base + "/staf/admin-instansi/kota-tegak"
    assert not User.objects.exists()

    # 1. The one command: the installation administrator.
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    with translation.override("id"):
        call_command(
            "setup",
            "--skip-migrate",
            "--username",
            "admin",
            "--full-name",
            "Rina Marlina",
            "--password-stdin",
            "--no-input",
        )
    assert "Administrator instalasi admin dibuat" in capsys.readouterr().out

    # 2. Log in; a real installation asks for the second factor first.
    log_in(page, base, "admin", ADMIN_PASSWORD)
    enrol_second_factor(page)
    page.get_by_role("link", name="Administrasi").first.click()
    page.wait_for_load_state()
    assert "belum memiliki instansi" in page.locator("main").inner_text()
    page.screenshot(path=f"{SHOTS}-1-administration-empty.png", full_page=True)

    # 3. The instansi.
    page.get_by_role("link", name="Buat instansi").click()
    page.fill("#id_code", "kota-tegak")
    page.fill("#id_name", "Pemerintah Kota Tegak")
    page.select_option("#id_level", "kabupaten_kota")
    page.select_option("#id_time_zone", "WIB")
    page.fill("#id_ppk_title", "Wali Kota Tegak")
    page.fill("#id_city", "Tegak")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        "Instansi telah dibuat dan Anda menjadi administratornya"
        in page.locator(".messages").inner_text()
    )
    assert "Pemerintah Kota Tegak" in page.locator("main").inner_text()

    # 4. A unit and a post in it.
    page.goto(base + "/staf/admin-instansi/kota-tegak/organisasi/")
    page.fill("#id_code", "BKPSDM")
    page.fill("#id_name", "Badan Kepegawaian dan Pengembangan SDM")
    page.select_option("#id_kind", "badan")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "Badan Kepegawaian dan Pengembangan SDM" in page.locator("h1").inner_text()
    post = form_with(page, "position")
    post.locator("[name=name]").fill("Analis Pengaduan")
    post.locator("[name=kind]").select_option("fungsional_ahli_pertama")
    post.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Analis Pengaduan" in page.locator("main").inner_text()
    page.screenshot(path=f"{SHOTS}-2-unit-with-post.png", full_page=True)

    # 5. The BKPSDM's employees from its spreadsheet (the registry import): the head and a TKK.
    registry = tmp_path / "pegawai-bkpsdm.xlsx"
    registry_workbook(registry)
    page.goto(base + "/staf/organisasi/impor/")
    page.select_option("#id_kind", "employees")
    page.set_input_files("#id_file", str(registry))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "2 baris dibaca: 2 baru" in page.locator("main").inner_text()
    page.screenshot(path=f"{SHOTS}-2b-registry-import.png", full_page=True)
    tkk = Employee.objects.get(nip=TKK_NIP)
    assert tkk.status == "NON_ASN" and tkk.instansi.code == "kota-tegak"

    # 5b. One more employee registered by hand, in the post made above.
    page.goto(base + "/staf/admin-instansi/kota-tegak/pegawai/")
    create = form_with(page, "create")
    create.locator("[name=nip]").fill("199203152020122001")
    create.locator("[name=name]").fill("Dewi Lestari")
    create.locator("[name=status]").select_option("PNS")
    create.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Dewi Lestari" in page.locator("h1").inner_text()
    page.select_option(
        "#id_position", label="Analis Pengaduan — Badan Kepegawaian dan Pengembangan SDM"
    )
    page.fill("#id_start", "2024-01-02")
    page.fill("#id_reason", "Pengangkatan dalam jabatan")
    page.get_by_role("button", name="Catat pengangkatan").click()
    page.wait_for_load_state()
    assert "Analis Pengaduan" in page.locator("main table").first.inner_text()

    # 6. Working hours: a 5-day schedule with breaks, the instansi's default, and the Ramadan
    # hours a circular letter set for 2025.
    page.goto(base + "/staf/admin-instansi/kota-tegak/jam-kerja/")
    create = form_with(page, "create")
    create.locator("[name=code]").fill("lima-hari")
    create.locator("[name=name]").fill("Lima hari kerja")
    create.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Lima hari kerja").first.click()
    page.get_by_role("link", name="Jam kerja baru sejak suatu tanggal").click()
    page.fill("#id_valid_from", "2025-01-01")
    week = {day: ("07:30", "16:00", "12:00", "13:00") for day in ("mon", "tue", "wed", "thu")}
    week["fri"] = ("07:30", "16:30", "11:30", "13:00")
    fill_week(page, week)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "07:30–16:00" in page.locator("#versions").inner_text()
    steps.fill_ramadan_2025(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "800/0412/BKPSDM" in page.locator("main").inner_text()
    page.goto(base + "/staf/admin-instansi/kota-tegak/jam-kerja/")
    default = form_with(page, "default")
    default.locator("select").select_option("lima-hari")
    default.locator("button[type=submit]").click()
    page.wait_for_load_state()
    # The instansi's default now answers with the Ramadan hours: 15:30 on a Tuesday is after work.
    answer = check_moment(page, "2025-03-04T15:30")
    assert "Hari kerja, di luar jam kerja" in answer and "08:00" in answer, answer
    page.screenshot(path=f"{SHOTS}-3-schedules.png", full_page=True)

    # 7. The intake officer: invited with the role, linked to the employee.
    link = steps.invite(page, admin, "dewi", "Dewi Lestari", "Petugas penerima pengaduan")
    page.screenshot(path=f"{SHOTS}-4-invitation.png", full_page=True)

    # 7b. The head of the BKPSDM, imported from the spreadsheet, as the authorised official.
    assert steps.invite(
        page, admin, "bambang", "Bambang Hartono", "Pejabat yang berwenang menghukum"
    )
    head = User.objects.get(username="bambang")
    assert head.employee.nip == HEAD_NIP
    assert head.roles.filter(role="authorised_official", instansi__code="kota-tegak").exists()

    # 8. The instansi's rule for non-ASN staff with its roll-call threshold.
    steps.enter_tkk_rule(
        page, admin, citation="Perwal Kota Tegak 7/2024", in_force_from="2024-07-01"
    )
    page.screenshot(path=f"{SHOTS}-6-rule.png", full_page=True)

    # 9. The attendance machines' user ids, on the instansi's page (no Django admin).
    steps.map_machine_user(page, admin, "101", "199203152020122001")
    steps.map_machine_user(page, admin, "7", HEAD_NIP)
    steps.map_machine_user(page, admin, MACHINE_ID, TKK_NIP)
    mapped = page.locator("#device-users").inner_text()
    assert "Dewi Lestari" in mapped and "Agus Setiawan" in mapped, mapped
    page.screenshot(path=f"{SHOTS}-7-attendance-machines.png", full_page=True)

    # 10. January 2025: the office machine's check-ins, then the roll-call machine's export.
    checkins = tmp_path / "kantor_attlog.dat"
    checkins.write_text(
        steps.office_export("101", steps.JANUARY_2025, set())
        + steps.office_export("7", steps.JANUARY_2025, set())
        + steps.office_export(MACHINE_ID, steps.JANUARY_2025, ABSENT)
    )
    steps.import_checkins(page, base, "Pemerintah Kota Tegak", checkins)
    assert drain() >= 1
    export = tmp_path / "apel_attlog.dat"
    export.write_text(
        steps.roll_call_export("101", steps.JANUARY_2025, set(), set())
        + steps.roll_call_export("7", steps.JANUARY_2025, set(), set())
        + steps.roll_call_export(MACHINE_ID, steps.JANUARY_2025, ABSENT, LATE_AT_ROLL_CALL)
    )
    result = steps.import_roll_call_export(page, base, "kota-tegak", export)
    assert "19" in result, result  # a roll call on each of the 19 working days
    page.screenshot(path=f"{SHOTS}-8-roll-call-import.png", full_page=True)

    # 11. The attendance report: the unit's counts with the missed roll calls and the rule's
    # thresholds, and the alert with the rule's consequence (2 days absent alone would not).
    bkpsdm = tkk.assignments.get().position.unit
    page.goto(base + f"/staf/kehadiran/unit/{bkpsdm.pk}/?tahun=2025")
    row = page.locator("main table tbody tr", has_text=TKK_NIP).inner_text().split()
    # 2 days absent; 7 roll calls missed (5 punched after 07:30, 2 on the days absent).
    assert row[3] == "2" and row[-1] == "7", row
    rule_line = page.locator(".roll-call-rule").inner_text()
    assert "Perwal Kota Tegak 7/2024" in rule_line and "4–15: Teguran lisan" in rule_line
    page.screenshot(path=f"{SHOTS}-9-unit-report.png", full_page=True)
    page.goto(base + "/staf/kehadiran/?instansi=kota-tegak&tahun=2025")
    alert_row = page.locator(".alert-row", has_text=TKK_NIP)
    assert "teguran lisan" in alert_row.inner_text().lower(), alert_row.inner_text()
    roll_calls = alert_row.locator("td.roll-calls").inner_text()
    assert roll_calls.startswith("7") and "16 atau lebih: pemutusan perjanjian kerja" in roll_calls
    assert "Bambang Hartono" in alert_row.inner_text()  # the direct superior, from the import
    # The others came on time every day: no alert for them.
    assert page.locator(".alert-row").count() == 1
    page.screenshot(path=f"{SHOTS}-10-alert.png", full_page=True)

    # 12. The case opened from the alert carries the finding under the agency's own rule.
    alert_row.get_by_role("button", name="Buka kasus").click()
    page.wait_for_load_state()
    alert = AttendanceAlert.objects.get(employee=tkk)
    assert alert.opened_case_id
    page.locator(".alert-row", has_text=TKK_NIP).get_by_role(
        "link", name=alert.opened_case_reference
    ).click()
    page.wait_for_load_state()
    case_page = page.locator("main").inner_text()
    assert "Agus Setiawan" in case_page
    assert "Perwal Kota Tegak 7/2024" in case_page, case_page
    assert "Pasal 11 ayat (1)" in case_page  # the roll-call band's article
    assert "Teguran lisan" in case_page or "teguran lisan" in case_page
    page.screenshot(path=f"{SHOTS}-11-case.png", full_page=True)

    # A report from the public arrives for the new instansi.
    from datetime import time

    from tegak.intake.services import report_submit
    from tegak.intake.services.common import ReportInput
    from tegak.people.models import Instansi

    report_submit(
        instansi=Instansi.objects.get(code="kota-tegak"),
        data=ReportInput(
            summary="Pungutan liar di loket layanan",
            description="Petugas loket meminta uang tambahan untuk mempercepat berkas.",
            occurred_on=date(2025, 3, 4),
            occurred_time=time(10, 0),
            occurred_timezone="WIB",
            location="Loket layanan BKPSDM",
            accused_text="petugas loket",
            reporter_mode="anonymous",
        ),
        client_key="warga",
    )

    # 9. The intake officer sets a password, logs in, enrols, and sees the report waiting.
    context = page.context.browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    officer = context.new_page()
    officer.goto(link)
    officer.fill("#id_new_password1", OFFICER_PASSWORD)
    officer.fill("#id_new_password2", OFFICER_PASSWORD)
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_load_state()
    log_in(officer, base, "dewi", OFFICER_PASSWORD)
    enrol_second_factor(officer)
    officer.get_by_role("link", name="Laporan").first.click()
    officer.wait_for_load_state()
    queue = officer.locator("main").inner_text()
    assert "Pungutan liar di loket layanan" in queue
    officer.screenshot(path=f"{SHOTS}-5-intake-queue.png", full_page=True)
    # Only what the role allows: no administration for the intake officer.
    assert officer.get_by_role("link", name="Administrasi").count() == 0
    context.close()
