"""In the real browser: the superior logs in, sees the alert, opens the case with one click."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.attendance.models import AttendanceAlert
from tegak.attendance.services import attendance_import

from ..conftest import make_user
from .helpers import checkin_csv, days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_superior_opens_a_case_from_the_attendance_alert(live_server, page, office, settings):
    settings.REQUIRE_SECOND_FACTOR = False  # this test is about attendance, not the second factor
    absent = days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22")
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=checkin_csv(
            [office.head, *office.staff],
            date(2025, 1, 1),
            date(2025, 1, 31),
            absent={office.staff[0].nip: absent},
        ).encode(),
        today=date(2025, 2, 1),
    )
    user = make_user("atasan-peramban", office.instansi, password="kata-sandi-uji-123")
    user.employee = office.head
    user.save()

    page.goto(live_server.url + "/akun/masuk/")
    page.fill("input[name=username]", "atasan-peramban")
    page.fill("input[name=password]", "kata-sandi-uji-123")
    page.locator("main button[type=submit]").click()
    page.goto(live_server.url + "/staf/kehadiran/")
    row = page.locator(".alert-row", has_text=office.staff[0].nip)
    assert "teguran tertulis" in row.inner_text().lower()
    row.get_by_role("button", name="Buka kasus").click()
    page.wait_for_load_state()
    alert = AttendanceAlert.objects.get(employee=office.staff[0])
    assert alert.opened_case_reference
    assert alert.opened_case_reference in page.locator(".messages").inner_text()
    assert (
        page.locator(".alert-row", has_text=office.staff[0].nip)
        .get_by_role("link", name=alert.opened_case_reference)
        .is_visible()
    )


def test_an_upload_is_followed_on_its_page_until_the_worker_has_imported_it(
    live_server, page, office, settings, tmp_path
):
    from tegak.attendance.models import DailyCheckIn
    from tegak.jobs.runner import drain

    settings.REQUIRE_SECOND_FACTOR = False
    make_user("admin-impor", office.instansi, "administrator", password="kata-sandi-uji-123")
    upload = tmp_path / "presensi.csv"
    upload.write_text(
        f"nip,timestamp\n{office.staff[0].nip},2025-01-02 07:30\n123,2025-01-02 07:30\n"
    )
    page.goto(live_server.url + "/akun/masuk/")
    page.fill("input[name=username]", "admin-impor")
    page.fill("input[name=password]", "kata-sandi-uji-123")
    page.locator("main button[type=submit]").click()
    page.goto(live_server.url + "/staf/kehadiran/impor/")
    page.select_option("select[name=instansi]", label=office.instansi.name)
    page.set_input_files("input[name=checkins]", str(upload))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Menunggu pekerja latar" in page.locator("#run-status").inner_text()
    assert DailyCheckIn.objects.count() == 0
    page.screenshot(path="test-results/attendance-import-waiting.png", full_page=True)
    assert drain() >= 1
    # The page follows the run by itself (it polls, then reloads once when the run is finished);
    # a reload from the test here would race with that one.
    page.locator("#rows-done").wait_for(timeout=20_000)
    assert page.locator("#run-status").inner_text().startswith("Selesai")
    assert page.locator("#rows-done").inner_text() == "2"
    assert "123" in page.locator("table.issues-skipped").inner_text()
    page.screenshot(path="test-results/attendance-import-done.png", full_page=True)
