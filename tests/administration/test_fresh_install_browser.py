"""The first run of a real installation in Chromium (#15): an empty database, the first
administrator made with `tegak setup`, then everything else in the browser — the instansi, a
unit, a post, an employee, working hours, an intake officer — and the intake officer logs in and
sees their work. The second factor is on, as on every real installation."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django_otp.oath import TOTP

from tegak.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PASSWORD = "kopi hitam di pagi hari"
OFFICER_PASSWORD = "petugas menerima laporan warga"
SHOTS = "test-results/fresh-install"


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_load_state()


def enrol_second_factor(page) -> None:
    """Read the key the page shows, as an authenticator app would, and confirm a code."""
    assert "Atur faktor kedua" in page.locator("h1").inner_text()
    secret = page.locator(".card code").inner_text().strip().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_token", f"{TOTP(key).token():06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def form_with(page, action: str):
    return page.locator(f"form:has(input[name=action][value={action}])")


def test_a_fresh_installation_is_set_up_in_the_browser(live_server, page, monkeypatch, capsys):
    base = live_server.url
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

    # 5. An employee in that post.
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

    # 6. Working hours: a 5-day schedule, the instansi's default.
    page.goto(base + "/staf/admin-instansi/kota-tegak/jam-kerja/")
    create = form_with(page, "create")
    create.locator("[name=code]").fill("lima-hari")
    create.locator("[name=name]").fill("Lima hari kerja")
    create.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Lima hari kerja").first.click()
    page.get_by_role("link", name="Jam kerja baru sejak suatu tanggal").click()
    page.fill("#id_valid_from", "2025-01-01")
    for day in ("mon", "tue", "wed", "thu"):
        page.fill(f"#id_{day}_start", "07:30")
        page.fill(f"#id_{day}_end", "16:00")
    page.fill("#id_fri_start", "07:30")
    page.fill("#id_fri_end", "16:30")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "07:30–16:00" in page.locator("#versions").inner_text()
    page.goto(base + "/staf/admin-instansi/kota-tegak/jam-kerja/")
    default = form_with(page, "default")
    default.locator("select").select_option("lima-hari")
    default.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.screenshot(path=f"{SHOTS}-3-schedules.png", full_page=True)

    # 7. The intake officer: invited with the role, linked to the employee.
    page.goto(base + "/staf/admin-instansi/kota-tegak/pengguna/undang/")
    page.fill("#id_username", "dewi")
    page.fill("#id_full_name", "Dewi Lestari")
    page.get_by_label("Petugas penerima pengaduan").check()
    option = page.locator("#id_employee option", has_text="Dewi Lestari")
    page.select_option("#id_employee", option.get_attribute("value"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    link = page.locator("#invitation-url").input_value()
    page.screenshot(path=f"{SHOTS}-4-invitation.png", full_page=True)

    # 8. The attendance machine's user id of the employee, on its page (no Django admin).
    page.get_by_role("link", name="Mesin presensi dan fleksibilitas kerja").click()
    device = form_with(page, "device")
    device.locator("[name=device_user_id]").fill("101")
    device.locator("[name=employee]").fill("199203152020122001")
    device.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Dewi Lestari" in page.locator("#device-users").inner_text()
    page.screenshot(path=f"{SHOTS}-6-attendance-machines.png", full_page=True)
    page.get_by_role("link", name="Apel").click()
    page.wait_for_load_state()
    assert page.locator("#device-import").is_visible()
    page.screenshot(path=f"{SHOTS}-7-roll-call.png", full_page=True)

    # A report from the public arrives for the new instansi.
    from datetime import date, time

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
