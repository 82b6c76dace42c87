"""The case page reads working hours from the instansi's own schedules: an instansi that took the
Kota Bekasi pack (Perwal 06/2017, Friday until 16:00) as its default schedule got a server error
on every case page, because the timeline and the attendance panel asked only the built-in
schedules (found walking the karaoke seed story, #13)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.cases import services
from tegak.cases.timeline import case_timeline
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tests.cases.conftest import moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def bekasi_hours(instansi, administrator):
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    instansi.refresh_from_db()
    assert instansi.schedule_id == "kota-bekasi-5-hari"
    return instansi


def test_the_instansi_schedule_flags_the_after_hours_claim_and_the_page_renders(
    bekasi_hours, open_case, staff, verified_client
):
    case = open_case(committed_on=date(2022, 8, 26), committed_at=moment("2022-08-26 15:00"))
    services.statement_record(
        actor=staff.intake,
        case=case,
        source="unit",
        given_on=date(2022, 9, 12),
        text="Kegiatan dilakukan di luar jam kerja.",
        claims_within_working_hours=False,
    )
    timeline = case_timeline(case)
    evidence = next(entry for entry in timeline if entry.kind == "evidence")
    assert evidence.working["within_working_hours"] is True
    assert evidence.working["day_end"] == "16:00"
    statement = next(entry for entry in timeline if entry.kind == "statement")
    assert statement.contradictions and "16:00" in statement.contradictions[0]
    page = verified_client(staff.intake).get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200
    assert 'data-testid="contradiction"' in page.content.decode()
