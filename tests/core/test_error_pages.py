"""Refusals and failures are our own pages, in the visitor's language, with a way back (#13.7)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_unknown_address_is_our_404_in_indonesian_with_a_way_home(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page
    assert f'href="{reverse("portal:home")}"' in page
    assert "Not Found" not in page  # not Django's bare English page


def test_404_in_english_when_the_visitor_chose_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_role_refusal_is_our_403_with_the_staff_home_link(verified_client, examiner):
    client = verified_client(examiner)
    response = client.get(reverse("intake:queue"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Akses ditolak" in page
    assert f'href="{reverse("dashboard:home")}"' in page
    assert "403 Forbidden" not in page


def test_a_staff_404_offers_the_staff_home(verified_client, examiner):
    response = verified_client(examiner).get("/staf/tidak-ada/")
    assert response.status_code == 404
    assert f'href="{reverse("dashboard:home")}"' in response.content.decode()


def test_server_error_page_renders_without_the_request_context():
    request = RequestFactory().get("/")
    with translation.override("id"):
        response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan" in page
    assert f'href="{reverse("portal:home")}"' in page


def test_expired_form_is_our_page_and_says_nothing_was_saved(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("reporting:new"), {})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir sudah kedaluwarsa" in page
    assert "tidak ada yang disimpan" in page
