"""The header and footer kept rendered per language (ADR 0034) still show each visitor their own
page: the menu entry of the page they are on, their language, their CSRF token, and staff see
their own menu, never the public one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _current(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', page)


def test_each_public_page_marks_its_own_menu_entry(client):
    for name in ["reporting:new", "portal:register", "reporting:new", "reporting:track"]:
        page = client.get(reverse(name)).content.decode()
        assert _current(page) == [reverse(name)], name


def test_the_language_of_the_kept_parts_follows_the_visitor(client):
    indonesian = client.get(reverse("reporting:new")).content.decode()
    assert "Masuk petugas" in indonesian and "Staff login" not in indonesian
    client.cookies["django_language"] = "en"
    english = client.get(reverse("reporting:new")).content.decode()
    assert "Staff login" in english and "Masuk petugas" not in english
    assert "Public key and integrity" in english
    assert '<span class="language-current" lang="en"' in english
    client.cookies["django_language"] = "id"
    again = client.get(reverse("reporting:new")).content.decode()
    assert "Masuk petugas" in again and '<span class="language-current" lang="id"' in again


def test_the_language_form_keeps_this_page_and_a_fresh_token(client):
    first = client.get(reverse("reporting:track") + "?a=1").content.decode()
    other = client.get(reverse("portal:register")).content.decode()
    assert '<input name="next" type="hidden" value="/lapor/lacak/?a=1">' in first
    assert f'<input name="next" type="hidden" value="{reverse("portal:register")}">' in other
    token = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    on_first, on_other = set(re.findall(token, first)), set(re.findall(token, other))
    assert len(on_first) == len(on_other) == 1  # the page's own token, in every form of it
    assert on_first != on_other  # masked anew for each page, never a kept one


def test_staff_see_their_own_menu_after_the_public_one_was_kept(client, verified_client, examiner):
    public = client.get(reverse("portal:home")).content.decode()
    assert reverse("accounts:login") in public
    staff = verified_client(examiner).get(reverse("dashboard:home")).content.decode()
    assert reverse("cases:list") in staff and reverse("accounts:logout") in staff
    assert reverse("accounts:login") not in staff
    assert reverse("intake:queue") not in staff  # not among the examiner's roles
