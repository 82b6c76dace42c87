"""The sanction types an official may choose for a PNS are those of the regulation governing the
decision day, in force that day, at a level the official may impose (reading C15).

Seed walk: on a PNS decision dated 3 October 2022 (PP 94/2021 in force since 31 August 2021) the
official chose "penurunan pangkat setingkat lebih rendah selama 3 tahun" (PP 53/2010 Pasal 7(4)(a),
a berat type PP 94/2021 does not have) with a justification; it was taken, and the decree printed
"hukuman disiplin tingkat sedang berupa penurunan pangkat … 3 tahun" under PP 94/2021. The pages
also offered the tukin cuts of PP 94/2021 Pasal 8(3), not in force that day (Pasal 42; reading 6).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.decisions.models import Decision
from tegak.documents.context import build_context
from tegak.hearings import services as hearings
from tests.cases.test_flow import examine

pytestmark = pytest.mark.django_db

API = "/api/v1/cases/"
DAY = date(2022, 10, 3)
WHY = "Pertimbangan latar belakang dan dampak perbuatan yang bersangkutan."
PP53_BERAT = ("penurunan_pangkat_3_tahun", "pemindahan_penurunan_jabatan", "pembebasan_jabatan")
TUKIN = ("potong_tukin_25_6_bulan", "potong_tukin_25_9_bulan", "potong_tukin_25_12_bulan")


def _case_of_2022(open_case, staff):
    """A PNS pelaksana's sedang offence of September 2022 (PP 94/2021 Pasal 3 huruf f, impact on
    the instansi), examined and reported; the Sekwan decides it (Pasal 21 huruf b)."""
    case = open_case(committed_on=date(2022, 9, 20), known_on=date(2022, 9, 23))
    accused = case.accused.get()
    examine(staff.examiner, accused, issued_on=date(2022, 9, 26), examination_on=date(2022, 9, 29))
    hearings.findings_report(
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2022, 9, 30),
        conclusion="Terbukti.",
        proven=True,
    )
    accused.refresh_from_db()
    return case, accused


def _options(html: str, field: str = "sanction_code") -> dict[str, str]:
    select = html[html.index(f'name="{field}"') :]
    select = select[: select.index("</select>")]
    return dict(re.findall(r'<option value="([^"]*)"(?: selected)?>([^<]*)</option>', select))


def _take(staff, accused, code, justification=WHY):
    return decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=code,
        decided_on=DAY,
        justification=justification,
    )


@pytest.mark.parametrize("code", [*PP53_BERAT, *TUKIN])
def test_a_2022_pns_decision_refuses_a_type_not_of_pp_94_on_that_day(open_case, staff, code):
    _case, accused = _case_of_2022(open_case, staff)
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        _take(staff, accused, code)
    assert refused.value.field == "sanction_code"
    message = refused.value.message
    if code in TUKIN:
        assert "Pasal 42 ayat (2)" in message and "3 Oktober 2022" in message, message
    else:
        assert "PP 53/2010 Pasal 7 ayat (4)" in message and "PP 94/2021" in message, message
    assert not Decision.objects.filter(accused=accused).exists()
    assert AuditEvent.objects.count() == before


def test_a_justification_never_gives_a_level_the_official_cannot_impose(open_case, staff):
    """The Sekwan may impose a sedang sanction on the pelaksana (Pasal 21 huruf b), a berat one
    only the PPK (Pasal 18 ayat (3) huruf c): a PP 94 berat type is refused even with reasons."""
    _case, accused = _case_of_2022(open_case, staff)
    assert accused.finding["level"] == "sedang"
    with pytest.raises(InputError) as refused:
        _take(staff, accused, "penurunan_jabatan_12_bulan")
    assert refused.value.field == "sanction_code"
    message = refused.value.message
    assert "Pasal 18 ayat (3) huruf c" in message and "Pasal 24 ayat (3)" in message, message
    assert not Decision.objects.filter(accused=accused).exists()


def test_a_lighter_type_with_reasons_is_taken_and_the_decree_prints_its_own_level(open_case, staff):
    _case, accused = _case_of_2022(open_case, staff)
    decision = _take(staff, accused, "teguran_tertulis")
    assert decision.outside_allowed and decision.level == "ringan"
    built = build_context(accused, "keputusan_hukuman_ringan")
    assert built.context["decision"]["level_label"] == "ringan"
    # Corrected before delivery to a sedang type of the day: the level follows the type.
    decisions.decision_amend(
        actor=staff.official, decision=decision, sanction_code="penundaan_kgb_1_tahun"
    )
    decision.refresh_from_db()
    assert decision.level == "sedang" and not decision.outside_allowed


def test_the_pages_and_the_api_offer_and_take_only_the_types_of_the_day(
    open_case, staff, verified_client
):
    case, accused = _case_of_2022(open_case, staff)
    client = verified_client(staff.official)
    url = reverse("decisions:step", args=[case.pk, accused.pk, "decision_take"])
    options = _options(client.get(url).content.decode())
    # PP 94/2021 Pasal 8 with the interim sedang types of Pasal 42(2).
    assert "penundaan_kgb_1_tahun" in options and "penurunan_jabatan_12_bulan" in options
    for code in (*PP53_BERAT, *TUKIN):
        assert code not in options
    page = client.post(
        url,
        {
            "sanction_code": "penurunan_pangkat_3_tahun",
            "decided_on": "2022-10-03",
            "justification": WHY,
        },
    )
    assert page.status_code == 400 and not Decision.objects.filter(accused=accused).exists()
    answer = client.post(
        f"{API}{case.pk}/accused/{accused.pk}/steps/decision_take",
        {
            "sanction_code": "penurunan_jabatan_12_bulan",
            "decided_on": "2022-10-03",
            "justification": WHY,
        },
        content_type="application/json",
    )
    assert answer.status_code == 400, answer.content
    assert "sanction_code" in answer.content.decode()
    assert not Decision.objects.filter(accused=accused).exists()
    answer = client.post(
        f"{API}{case.pk}/accused/{accused.pk}/steps/decision_take",
        {"sanction_code": "penurunan_pangkat_1_tahun", "decided_on": "2022-10-03"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert Decision.objects.get(accused=accused).level == "sedang"


def test_the_findings_report_recommends_only_a_type_of_the_day(open_case, staff, verified_client):
    case = open_case(committed_on=date(2022, 9, 20), known_on=date(2022, 9, 23))
    accused = case.accused.get()
    examine(staff.examiner, accused, issued_on=date(2022, 9, 26), examination_on=date(2022, 9, 29))
    client = verified_client(staff.examiner)
    url = reverse("hearings:step", args=[case.pk, accused.pk, "findings_report"])
    options = _options(client.get(url).content.decode(), "recommended_sanction")
    assert "penundaan_kgb_1_tahun" in options
    for code in (*PP53_BERAT, *TUKIN):
        assert code not in options


def test_the_objection_outcome_takes_only_a_type_of_the_decisions_day(open_case, staff):
    from tests.cases.test_flow import object_to_the_superior, run_to_final_until_delivery

    case = open_case()
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = object_to_the_superior(case, staff, decision)
    with pytest.raises(InputError) as refused:
        decisions.objection_decide(
            actor=staff.sekda,
            objection=objection,
            outcome="changed",
            decided_on=date(2026, 11, 10),
            outcome_sanction_code="penurunan_pangkat_3_tahun",
        )
    assert refused.value.field == "outcome_sanction_code"
    assert "PP 53/2010 Pasal 7 ayat (4)" in refused.value.message
