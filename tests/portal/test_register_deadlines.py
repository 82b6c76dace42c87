"""The register's "legal deadlines" column holds only deadlines the law sets: a time limit the
instansi's rule leaves to the office (non-ASN staff: "sets no period") is listed under its own
label, as the case page calls it; and once an objection is filed the decision's effect follows
the objection's outcome (PP 94/2021 Pasal 38 ayat (2)), so no date of effect is shown."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.cases.legal_basis import NO_PERIOD, SEPARATOR

pytestmark = pytest.mark.django_db

OFFICE = f"Perwal Kota Bekasi 42/2017{SEPARATOR}{NO_PERIOD}"


def register(client, language="id"):
    client.cookies["django_language"] = language
    return client.get(reverse("portal:register")).content.decode()


def part(body, testid):
    start = body.index(f'data-testid="{testid}"')
    return body[start : body.index("</ul>", start)]


def test_office_time_limits_are_not_listed_as_legal_deadlines(client, make_entry):
    make_entry(
        status="examination",
        deadlines=[
            {"name": "superior_must_summon", "basis": OFFICE, "due": "2025-03-10", "office": True},
            {"name": "examination_latest", "basis": OFFICE, "due": "2025-03-20", "office": True},
            {"name": "objection_due", "basis": "PP 79/2021 Pasal 4", "due": "2025-04-20"},
        ],
    )
    body = register(client)
    legal = part(body, "legal-deadlines")
    office = part(body, "office-targets")
    assert "Pemeriksaan paling lambat" not in legal and "Pemeriksaan paling lambat" in office
    assert body.index("Batas waktu kantor") < body.index('data-testid="office-targets"')
    assert "Keberatan dapat diajukan" in legal, legal
    english = register(client, "en")
    assert "Office time limits" in english


def test_after_an_objection_the_effect_follows_its_outcome_not_a_date(client, make_entry):
    make_entry(
        status="objection",
        level="ringan",
        sanction="teguran_lisan",
        decided_on=date(2022, 10, 6),
        deadlines=[
            {
                "name": "takes_effect",
                "basis": "PP 94/2021 Pasal 38",
                "due": "2022-10-27",
                "paused": True,
            },
        ],
    )
    legal = part(register(client), "legal-deadlines")
    assert "27" not in legal, legal
    assert "mengikuti keputusan atas keberatan" in legal, legal


def test_a_right_and_a_date_of_effect_are_not_written_as_due_dates(client, make_entry):
    """Seed walk (h3, F10): "Keberatan dapat diajukan sampai (jatuh tempo 01-11-2022)" and
    "Keputusan mulai berlaku (jatuh tempo 15-11-2022)": a right of the accused and the day a
    decision takes effect are nobody's due date. Each reads "sampai ..." / "mulai berlaku ...";
    a real deadline keeps "jatuh tempo"."""
    make_entry(
        status="decided",
        level="sedang",
        sanction="penundaan_kgb",
        decided_on=date(2022, 10, 10),
        deadlines=[
            {"name": "delivery_latest", "basis": "PP 94/2021 Pasal 36", "due": "2022-10-28"},
            {"name": "objection_due", "basis": "PP 79/2021 Pasal 4", "due": "2022-11-01"},
            {"name": "takes_effect", "basis": "PP 94/2021 Pasal 38", "due": "2022-11-15"},
        ],
    )
    legal = part(register(client), "legal-deadlines")
    assert "Keberatan dapat diajukan sampai <span" in legal, legal
    assert "Keputusan mulai berlaku <span" in legal, legal
    assert "jatuh tempo 01-11-2022" not in legal and "jatuh tempo 15-11-2022" not in legal
    assert "01-11-2022" in legal and "15-11-2022" in legal
    assert "jatuh tempo 28-10-2022" in legal, legal
    english = part(register(client, "en"), "legal-deadlines")
    assert "Objection may be filed until <span" in english and "due" in english
