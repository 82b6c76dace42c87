"""The public visitor's journey in the real Chromium, with the WCAG 2.1 AA check on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.portal.conftest import assert_accessible, keep_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_the_home_page_in_both_languages(live_server, page, switch_language):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    expect(page.get_by_role("heading", level=2, name="Cara melapor", exact=True)).to_be_visible()
    assert_accessible(page)
    keep_screenshot(page, "visitor-home-id")

    # Keyboard first: the first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    switch_language(page, "English")
    assert page.url == live_server.url + "/"
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=2, name="How to report", exact=True)).to_be_visible()
    assert_accessible(page)
    keep_screenshot(page, "visitor-home-en")
    switch_language(page, "Bahasa Indonesia")
    expect(page.get_by_role("heading", level=2, name="Cara melapor", exact=True)).to_be_visible()


PUBLIC_PAGES = [
    ("/", "Cara melapor", "How to report"),
    ("/statistik/", "Statistik", "Statistics"),
    ("/register/", "Register publik kasus", "Public register of cases"),
]


def test_visitor_journey_statistics_register_and_language_on_every_page(
    live_server, page, switch_language, make_entry, units
):
    from datetime import date

    for day in range(1, 8):
        make_entry(
            unit=units["health" if day % 2 else "roads"],
            level="ringan" if day % 3 else "berat",
            opened_on=date(2025, day, 1),
            decided_on=date(2025, day, 20),
            days_to_decision=19,
            status="final",
            deadlines=[{"name": "Panggilan pertama", "due": "2025-01-09", "met_on": "2025-01-08"}],
        )
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", level=1, name="Statistik")).to_be_visible()
    charts = page.locator("figure.chart svg[role=img]")
    assert charts.count() == 5
    assert charts.first.bounding_box()["height"] > 100  # drawn, not an empty box
    expect(page.get_by_role("img", name="Pegawai terlapor per unit kerja")).to_be_visible()
    page.get_by_text("Tampilkan data “Pegawai terlapor per unit kerja” sebagai tabel").click()
    expect(page.get_by_role("rowheader", name="Dinas Kesehatan")).to_be_visible()
    assert_accessible(page)
    keep_screenshot(page, "visitor-statistics-id")

    page.get_by_role("link", name="Lihat kasusnya di register publik").click()
    expect(page.get_by_role("heading", level=1, name="Register publik kasus")).to_be_visible()
    page.get_by_label("Tingkat").select_option("berat")
    page.get_by_role("button", name="Terapkan saringan").click()
    expect(
        page.get_by_text("2 entri ditemukan (satu entri untuk setiap pegawai terlapor).")
    ).to_be_visible()
    assert_accessible(page)
    keep_screenshot(page, "visitor-register-id")

    for path, indonesian, english in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        switch_language(page, "English")
        assert page.url == live_server.url + path
        assert page.get_by_role(
            "heading", level=1 if path != "/" else 2, name=english, exact=True
        ).is_visible()
        if path == "/register/":
            assert_accessible(page)
            keep_screenshot(page, "visitor-register-en")
        switch_language(page, "Bahasa Indonesia")
        assert page.get_by_role(
            "heading", level=1 if path != "/" else 2, name=indonesian, exact=True
        ).is_visible()


def test_register_fits_a_phone_and_filters_by_keyboard(live_server, page, make_entry):
    make_entry(register_number="HP/1")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/statistik/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    keep_screenshot(page, "visitor-statistics-phone")
    page.goto(live_server.url + "/register/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Nomor register").focus()
    page.keyboard.type("HP/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=HP" in page.url
    expect(page.get_by_text("HP/1", exact=True)).to_be_visible()
    keep_screenshot(page, "visitor-register-phone")


def test_home_page_fits_a_phone(live_server, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, "the page scrolls sideways on a phone"
    keep_screenshot(page, "visitor-home-phone")


def test_staff_login_page_is_accessible(live_server, page):
    page.goto(live_server.url + "/akun/masuk/")
    assert_accessible(page)
