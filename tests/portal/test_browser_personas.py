"""Each persona finds their work and opens it, in the real Chromium; key pages pass WCAG 2.1 AA."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.cases.conftest import moment
from tests.portal.conftest import assert_accessible, keep_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today(time_machine):
    """Wednesday 25 November 2026, with the clock running (the browser waits on real time)."""
    time_machine.move_to(moment("2026-11-25 10:00"), tick=True)
    return date(2026, 11, 25)


def staff_page(browser, browser_context_args, live_server, user):
    """A page in a browser context logged in as `user`, second factor passed."""
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    context = browser.new_context(**browser_context_args)
    context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    return context.new_page()


def test_reporter_finds_the_form_and_tracking_from_the_home_page(
    live_server, page, switch_language
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Buat laporan").click()
    assert page.url == live_server.url + "/lapor/"
    expect(page.get_by_role("button", name="Kirim laporan")).to_be_visible()
    assert_accessible(page)
    keep_screenshot(page, "reporter-form-id")
    switch_language(page, "English")
    assert page.url == live_server.url + "/lapor/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
    switch_language(page, "Bahasa Indonesia")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Lacak laporan Anda").click()
    assert page.url == live_server.url + "/lapor/lacak/"
    assert_accessible(page)
    # An unknown code gets a polite answer on the same page, never an error page.
    page.fill("#id_code", "1234-5678-9012-3456")
    page.get_by_role("button", name="Buka laporan saya").click()
    expect(page.locator("#id_code")).to_be_visible()
    expect(page.locator("#id_code_errors")).to_be_visible()
    assert "1234" not in page.url
    keep_screenshot(page, "reporter-track-unknown-code")


def test_tracking_error_message_is_accessible(live_server, page):
    page.goto(live_server.url + "/lapor/lacak/")
    page.fill("#id_code", "1234-5678-9012-3456")
    page.get_by_role("button", name="Buka laporan saya").click()
    assert_accessible(page)


def test_intake_officer_finds_the_new_report_on_the_dashboard_and_opens_it(
    live_server, browser, browser_context_args, verified_report, staff
):
    report = verified_report(verify=False)
    officer = staff_page(browser, browser_context_args, live_server, staff.intake)
    officer.goto(live_server.url + "/staf/")
    panel = officer.get_by_role("region", name="Laporan baru")
    assert "Karaoke pada jam kerja" in panel.inner_text()
    assert_accessible(officer)
    keep_screenshot(officer, "intake-officer-dashboard")
    panel.get_by_role("link", name=report.reference).click()
    assert report.reference in officer.locator("h1").inner_text()


@pytest.mark.parametrize("who", ["examiner", "official"])
def test_examiner_and_official_find_their_case_and_its_deadline_and_open_it(
    live_server, browser, browser_context_args, open_case, staff, who, switch_language
):
    case = open_case()
    user = getattr(staff, who)
    handler = staff_page(browser, browser_context_args, live_server, user)
    handler.goto(live_server.url + "/staf/")
    deadlines = handler.get_by_role("region", name="Tenggat yang hampir lewat")
    assert case.register_number in deadlines.inner_text()
    # The clock in plain words: the superior must summon (PP 94/2021 Pasal 26(1), 28).
    assert "Atasan langsung memanggil pegawai" in deadlines.inner_text()
    assert_accessible(handler)
    keep_screenshot(handler, f"{who}-dashboard")
    switch_language(handler, "English")
    assert handler.get_by_role("region", name="My cases").is_visible()
    switch_language(handler, "Bahasa Indonesia")
    handler.get_by_role("region", name="Kasus saya").get_by_role(
        "link", name=case.register_number
    ).click()
    assert handler.url.endswith(f"/staf/kasus/{case.pk}/")
    assert case.register_number in handler.locator("h1").inner_text()
    keep_screenshot(handler, f"{who}-case-page")
