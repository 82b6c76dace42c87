"""The clocks of PPPK and non-ASN staff (reading C20). PP 94/2021 sets the procedure's periods for
PNS (Pasal 7); a PPPK's come from it only by the reference of PP 49/2018 Pasal 52 ayat (3), which
the stored text breaks off before stating, so the installation decides
(`CASES_PPPK_PNS_PROCEDURE`). Non-ASN staff follow their instansi's rule, which records no periods:
a limit the case file keeps for them is the office's (`CASES_CONTRACT_STAFF_CLOCKS = "office"`),
never a reason to refuse an examination day, or there is none (`"none"`), and the case page says
so."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tegak.cases.models import Clock
from tegak.core.errors import InputError
from tests.cases.test_flow import summon
from tests.cases.test_instansi_sanction_types import instansi, pppk  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

# Issued Tuesday 6 October 2026: PP 94/2021 Pasal 26(2)'s 7 working days end on 15 October.
LATE_EXAMINATION = date(2026, 10, 20)


def _bases(accused) -> dict[str, str]:
    return dict(Clock.objects.filter(accused=accused).values_list("name", "basis"))


def test_a_non_asn_examination_beyond_an_office_limit_is_not_refused(open_case, org, staff):
    accused = open_case(org.staff2).accused.get()
    summons = summon(staff, accused, examination_on=LATE_EXAMINATION)
    assert summons.examination_on == LATE_EXAMINATION
    # The office's limit is still kept and says it is not the law's.
    assert "not of the law" in _bases(accused)["examination_latest"]


def test_a_pns_examination_beyond_pp_94_is_refused(open_case, staff):
    accused = open_case().accused.get()
    with pytest.raises(InputError) as refused:
        summon(staff, accused, examination_on=LATE_EXAMINATION)
    assert refused.value.field == "examination_on"


def test_without_office_limits_a_non_asn_case_keeps_no_clock_and_says_so(
    open_case, org, staff, verified_client, settings
):
    settings.CASES_CONTRACT_STAFF_CLOCKS = "none"
    case = open_case(org.staff2)
    accused = case.accused.get()
    summons = summon(staff, accused, examination_on=LATE_EXAMINATION)
    assert summons.latest_examination_on is None
    assert _bases(accused) == {}
    with translation.override("id"):
        html = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    note = html.content.decode().split('data-testid="no-legal-deadline">')[1].split("<")[0]
    assert note.startswith("Staf Dua: tidak ada batas waktu menurut hukum")


def test_pppk_clocks_follow_pp_94_by_the_reference_when_the_installation_reads_it_so(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
    settings,
):
    settings.CASES_PPPK_PNS_PROCEDURE = True
    accused = open_case(pppk).accused.get()
    with pytest.raises(InputError):
        summon(staff, accused, examination_on=LATE_EXAMINATION)
    summon(staff, accused)
    bases = _bases(accused)
    assert bases["superior_must_summon"] == (
        "PP 49/2018 Pasal 52 ayat (3) jo. PP 94/2021 Pasal 26 ayat (1), Pasal 28 · "
        "PP 94/2021's period by the reference of PP 49/2018 Pasal 52 ayat (3)"
    )
    assert bases["examination_latest"].startswith(
        "PP 49/2018 Pasal 52 ayat (3) jo. PP 94/2021 Pasal 26 ayat (2)"
    )
    assert "not of the law" not in bases["examination_latest"]


def test_pppk_clocks_are_the_offices_by_default(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
):
    accused = open_case(pppk).accused.get()
    summons = summon(staff, accused, examination_on=LATE_EXAMINATION)
    assert summons.examination_on == LATE_EXAMINATION
    basis = _bases(accused)["examination_latest"]
    assert basis.startswith("PP 49/2018 Pasal 52 ayat (3) jo. Perwal Sukamaju 12/2024")
    assert "94/2021" not in basis and "not of the law" in basis


def test_the_environment_sets_both_readings_and_a_wrong_value_stops_with_its_name(monkeypatch):
    """An agency sets them as every other setting, in the environment (README)."""
    from django.core.exceptions import ImproperlyConfigured

    from tegak.cases import legal_basis

    monkeypatch.setenv("TEGAK_CONTRACT_STAFF_CLOCKS", "none")
    monkeypatch.setenv("TEGAK_PPPK_PNS_PROCEDURE", "true")
    assert legal_basis.contract_staff_clocks() == "none"
    assert legal_basis.pppk_follows_pns_procedure() is True
    monkeypatch.setenv("TEGAK_CONTRACT_STAFF_CLOCKS", "kantor")
    with pytest.raises(ImproperlyConfigured, match="TEGAK_CONTRACT_STAFF_CLOCKS"):
        legal_basis.contract_staff_clocks()
    monkeypatch.delenv("TEGAK_CONTRACT_STAFF_CLOCKS")
    monkeypatch.delenv("TEGAK_PPPK_PNS_PROCEDURE")
    assert legal_basis.contract_staff_clocks() == "office"
    assert legal_basis.pppk_follows_pns_procedure() is False
