"""The public report form answers with every field's error at once, in Indonesian, each at its
field, keeping what was typed: a reporter who left the description empty also learns that the
day is in the future, not only after mending the first error (and the staff entry form alike).
Nothing is written while any field is wrong."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tegak.intake.models import Report

from .test_views import _form

FUTURE = "Waktu ini ada di masa depan. Tuliskan kapan sebenarnya terjadi."
FILL_IN = "Mohon isi kolom ini."
NAME = "Tuliskan nama Anda, atau pilih melapor secara anonim."


def _tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=2)).isoformat()


def _field_errors(page: str, field: str) -> str:
    """The text of the error list shown at one field ('' when it shows none)."""
    match = re.search(rf'id="id_{field}_errors"[^>]*>(.*?)</(?:ul|div|p)>', page, re.S)
    return match.group(1) if match else ""


def test_an_empty_description_and_a_day_in_the_future_are_both_said_at_their_fields(
    client, instansi
):
    response = client.post(
        reverse("reporting:new"),
        _form(
            instansi,
            description="",
            occurred_on=_tomorrow(),
            occurred_time="",
            reporter_mode="confidential",
            name="",
            location="Kantor camat",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert FILL_IN in _field_errors(page, "description")
    assert FUTURE in _field_errors(page, "occurred_on")
    assert NAME in _field_errors(page, "name")
    # What was valid is kept in the form.
    assert 'value="Kantor camat"' in page
    assert 'value="' + _tomorrow() + '"' in page
    assert Report.objects.count() == 0


def test_a_field_the_form_refuses_does_not_hide_a_day_in_the_future(client, instansi):
    response = client.post(
        reverse("reporting:new"),
        _form(instansi, summary="x" * 201, occurred_on=_tomorrow(), occurred_time=""),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _field_errors(page, "summary")
    assert FUTURE in _field_errors(page, "occurred_on")
    assert Report.objects.count() == 0


def test_a_time_zone_not_chosen_does_not_hide_a_day_in_the_future(client, instansi):
    response = client.post(
        reverse("reporting:new"),
        _form(instansi, occurred_timezone="", occurred_on=_tomorrow(), occurred_time=""),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _field_errors(page, "occurred_timezone")
    assert FUTURE in _field_errors(page, "occurred_on")


def test_a_day_that_does_not_exist_and_an_empty_description_are_both_said(client, instansi):
    response = client.post(
        reverse("reporting:new"), _form(instansi, occurred_on="2023-02-30", description="")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tanggal ini tidak ada" in _field_errors(page, "occurred_on")
    assert FILL_IN in _field_errors(page, "description")
    assert Report.objects.count() == 0


def test_one_field_wrong_still_answers_with_that_one_error_only(client, instansi):
    response = client.post(reverse("reporting:new"), _form(instansi, occurred_on=_tomorrow()))
    page = response.content.decode()
    assert response.status_code == 400
    assert FUTURE in _field_errors(page, "occurred_on")
    assert not _field_errors(page, "description")


def test_the_staff_entry_form_also_says_every_error_at_once(
    verified_client, intake_officer, instansi
):
    response = verified_client(intake_officer).post(
        reverse("intake:staff_entry"),
        {
            **_form(instansi, description="", occurred_on=_tomorrow(), occurred_time=""),
            "channel": "letter",
            "received_on": "",
            "lapor_tracking_number": "",
            "letter_reference": "y" * 101,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _field_errors(page, "letter_reference")
    assert FILL_IN in _field_errors(page, "description")
    assert FUTURE in _field_errors(page, "occurred_on")
    assert Report.objects.count() == 0
