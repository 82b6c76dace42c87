"""The public visitor's journey in the real Chromium, with the WCAG 2.1 AA check on each page."""

from __future__ import annotations

import pytest

from tests.portal.conftest import assert_accessible, keep_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_the_home_page_in_both_languages(live_server, page, switch_language):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=2, name="Cara melapor", exact=True).is_visible()
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
    assert page.get_by_role("heading", level=2, name="How to report", exact=True).is_visible()
    assert_accessible(page)
    keep_screenshot(page, "visitor-home-en")
    switch_language(page, "Bahasa Indonesia")
    assert page.get_by_role("heading", level=2, name="Cara melapor", exact=True).is_visible()


def test_home_page_fits_a_phone(live_server, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, "the page scrolls sideways on a phone"
    keep_screenshot(page, "visitor-home-phone")


def test_staff_login_page_is_accessible(live_server, page):
    page.goto(live_server.url + "/akun/masuk/")
    assert_accessible(page)
