"""The public home page: how to report, the three choices, time limits, rights; both languages."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_public_and_in_indonesian_by_default(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "Cara melapor" in body
    for choice in ("Anonim", "Rahasia", "Terbuka"):
        assert f"<h3>{choice}</h3>" in body
    # The legal time limits are cited, not only stated.
    assert "UU 25/2009 Pasal 42 ayat (5)" in body
    assert "UU 25/2009 Pasal 44 ayat (1)." in body
    assert "PP 94/2021 Pasal 26, 27, dan 32." in body
    assert "UU 27/2022 Pasal 5 sampai 8 dan 11." in body


def test_language_switch_keeps_the_page_and_renders_english(client):
    page = reverse("portal:home")
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    body = client.get(page).content.decode()
    assert '<html lang="en">' in body
    assert "How to report" in body and "Three ways to report" in body
    assert "Cara melapor" not in body
    # The switch back is offered in its own language.
    assert 'value="id" lang="id"' in body

    client.post(reverse("set_language"), {"language": "id", "next": page})
    assert "Cara melapor" in client.get(page).content.decode()


def test_language_switch_refuses_a_foreign_next_address(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://example.com/"}
    )
    assert response.status_code == 302
    assert "example.com" not in response["Location"]


def test_home_sets_no_cookie_that_identifies_a_visitor_beyond_csrf_and_language(client):
    response = client.get(reverse("portal:home"))
    assert set(response.cookies) <= {"csrftoken"}
