"""The public register says the sanction in words, in the reader's language, never its code
(#13: the register printed `entry.sanction` raw)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def register(client, language="id"):
    client.cookies["django_language"] = language
    return client.get(reverse("portal:register")).content.decode()


def sanction_cell(body):
    start = body.index('data-testid="register-sanction"')
    return body[start : body.index("</span>", start)]


def test_a_national_sanction_is_shown_by_its_name_in_indonesian_and_english(client, make_entry):
    make_entry(
        status="final",
        level="ringan",
        sanction="teguran_lisan",
        decided_on=date(2025, 4, 1),
        final_on=date(2025, 5, 1),
    )
    body = register(client)
    assert "Teguran lisan" in sanction_cell(body)
    assert "teguran_lisan" not in body
    body = register(client, "en")
    assert "Oral reprimand" in sanction_cell(body)
    assert "teguran_lisan" not in body


def test_an_instansi_own_sanction_takes_the_words_of_its_rule(
    client, make_entry, open_case, instansi
):
    case = open_case()
    accused = case.accused.get()
    # What the engine stores in the finding for an instansi rule's own sanction.
    accused.finding = {
        **accused.finding,
        "sanction_labels": {
            "local:pemutusan_kontrak": {
                "id": "Pemutusan perjanjian kerja",
                "en": "Termination of the work agreement",
            }
        },
    }
    accused.save(update_fields=["finding"])
    make_entry(
        accused_id_ref=accused.pk,
        case_id_ref=case.pk,
        status="decided",
        sanction="local:pemutusan_kontrak",
        decided_on=date(2025, 4, 1),
    )
    body = register(client)
    assert "Pemutusan perjanjian kerja" in sanction_cell(body)
    assert "local:pemutusan_kontrak" not in body and "pemutusan_kontrak" not in body
    assert "Termination of the work agreement" in sanction_cell(register(client, "en"))


def provision_cell(body):
    start = body.index('data-label="Ketentuan"')
    return body[start : body.index("</td>", start)]


def test_a_provision_of_the_instansi_own_rule_is_shown_by_its_citation(
    client, make_entry, instansi, administrator
):
    """The register showed the internal id "local:kota-…:tkk-2017:kepatutan" of a TKK's
    provision in its Ketentuan column (seed walk 2026-12-07): it shows the rule's citation."""
    from tegak.law.packs import shipped_text
    from tegak.law.services.packs import pack_import

    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    code = f"local:{instansi.code}:tkk-2017:kepatutan"
    make_entry(provision=code, provisions=[code])

    cell = provision_cell(register(client))

    assert "local:" not in cell and "kepatutan" not in cell
    assert "Perwal Kota Bekasi 42/2017" in cell
