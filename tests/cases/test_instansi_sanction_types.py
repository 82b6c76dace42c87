"""PPPK and non-ASN staff are sanctioned with the types of the instansi's own rule (PP 49/2018
Pasal 52; docs/legal-questions.md 7), not the national PNS types: the findings report, the
decision, its correction and the objection's outcome offer and accept the rule's types, labelled in
the rule's words, on the pages and the API. A PPPK's contract termination is challenged by banding
administratif to BPASN, not by keberatan (PP 79/2021 Pasal 1 angka 4-5, 3(1)(a), 10 huruf b);
non-ASN staff are not under PP 79/2021 and keep their route (readings J1, J4).

The agency is Kota Sukamaju, whose built-in rules are the demo's: Perwal Sukamaju 12/2024 for PPPK
and 13/2024 for contract staff."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.models import Clock
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.decisions.models import Decision, Objection
from tegak.hearings import services as hearings
from tests.cases.test_flow import examine, run_to_findings

pytestmark = pytest.mark.django_db

API = "/api/v1/cases/"
KGB_2 = "local:penundaan_kgb_2_tahun"
KGB_2_WORDS = "penundaan kenaikan gaji berkala PPPK selama 2 tahun"
# As a form offers it: with a capital, as the national types.
KGB_2_OPTION = "Penundaan kenaikan gaji berkala PPPK selama 2 tahun"
KGB_1_WORDS = "penundaan kenaikan gaji berkala PPPK selama 1 tahun"
TERMINATION = "local:pemutusan_perjanjian_kerja_dengan_hormat"


@pytest.fixture
def instansi(db):
    """Kota Sukamaju: the built-in PPPK and non-ASN rules are its own."""
    from tegak.people.models import Instansi

    return Instansi.objects.create(
        code="kota-sukamaju",
        name="Pemerintah Kota Sukamaju",
        level="kabupaten_kota",
        time_zone="WIB",
    )


@pytest.fixture
def pppk(org, instansi):
    """A PPPK pelaksana in the Bagian Umum, under the Kabag (the examiner)."""
    from tegak.people.models import Employee, Position, PositionAssignment

    position = Position.objects.create(
        instansi=instansi, unit=org.units.umum, name="Pengelola Layanan", kind="pelaksana"
    )
    employee = Employee.objects.create(
        instansi=instansi, nip="199001012022212001", name="Farah Uji", status="PPPK"
    )
    PositionAssignment.objects.create(employee=employee, position=position, start=date(2024, 1, 1))
    return employee


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _options(html: str, field: str = "sanction_code") -> dict[str, str]:
    """The options of a select on the page: {value: label}."""
    select = html[html.index(f'name="{field}"') :]
    select = select[: select.index("</select>")]
    return dict(re.findall(r'<option value="([^"]*)"(?: selected)?>([^<]*)</option>', select))


def test_a_pppk_decision_offers_and_takes_the_rules_own_types_on_the_page_and_the_api(
    open_case, pppk, staff, verified_client
):
    case = open_case(pppk)  # PP 94/2021 Pasal 3 huruf f, impact on the instansi: sedang
    accused = run_to_findings(case, staff)
    assert accused.finding["regulation_id"] == "local:kota-sukamaju:pppk-2024"
    assert KGB_2 in accused.allowed_sanctions
    client = verified_client(staff.official)
    page = client.get(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_take"])
    ).content.decode()
    options = _options(page)
    assert options[KGB_2] == KGB_2_OPTION
    # The rule's ringan types are offered outside the allowed set; PNS types are not offered.
    assert "teguran_tertulis" in options
    assert "potong_tukin_25_6_bulan" not in options and "pdh_taps" not in options

    answer = _post(
        client,
        f"{API}{case.pk}/accused/{accused.pk}/steps/decision_take",
        {"sanction_code": KGB_2, "decided_on": "2026-10-16"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["accused"][0]["decision"]["sanction_code"] == KGB_2
    decision = Decision.objects.get(accused=accused)
    assert decision.sanction_code == KGB_2 and not decision.outside_allowed

    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    recommended = 'data-testid="recommended-sanction"><span title="local:penundaan_kgb_1_tahun">'
    assert f"{recommended}{KGB_1_WORDS}<" in html
    assert f'data-testid="sanction">{KGB_2_WORDS}<' in html
    assert "penundaan kgb" not in html

    # The correction before delivery offers the same types.
    page = client.get(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"])
    ).content.decode()
    assert _options(page)[KGB_2] == KGB_2_OPTION
    answer = _post(
        client,
        f"{API}{case.pk}/accused/{accused.pk}/steps/decision_amend",
        {"sanction_code": "local:penundaan_kgb_1_tahun"},
    )
    assert answer.status_code == 200, answer.content


def test_the_findings_report_recommends_one_of_the_rules_types(
    open_case, pppk, staff, verified_client
):
    case = open_case(pppk)
    accused = case.accused.get()
    examine(staff.examiner, accused)
    client = verified_client(staff.examiner)
    page = client.get(
        reverse("hearings:step", args=[case.pk, accused.pk, "findings_report"])
    ).content.decode()
    recommended = _options(page, "recommended_sanction")
    assert recommended[KGB_2] == KGB_2_OPTION
    assert "potong_tukin_25_6_bulan" not in recommended
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        hearings.findings_report(
            actor=staff.examiner,
            accused=accused,
            reported_on=date(2026, 10, 14),
            conclusion="Terbukti.",
            recommended_sanction="potong_tukin_25_6_bulan",
        )
    assert refused.value.field == "recommended_sanction"
    assert AuditEvent.objects.count() == before
    answer = _post(
        client,
        f"{API}{case.pk}/accused/{accused.pk}/steps/findings_report",
        {
            "reported_on": "2026-10-14",
            "proven": "yes",
            "conclusion": "Terbukti.",
            "recommended_sanction": KGB_2,
        },
    )
    assert answer.status_code == 200, answer.content
    accused.refresh_from_db()
    assert accused.findings_report.recommended_sanction == KGB_2


def test_a_pns_is_never_given_an_instansi_rules_type(open_case, staff):
    case = open_case()
    accused = run_to_findings(case, staff)
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code=KGB_2,
            decided_on=date(2026, 10, 16),
            justification="Jenis hukuman dari peraturan wali kota untuk PPPK.",
        )
    assert refused.value.field == "sanction_code"
    assert not Decision.objects.filter(accused=accused).exists()
    assert AuditEvent.objects.count() == before


def test_a_non_asn_decision_offers_the_contract_staff_rules_types(
    open_case, org, staff, verified_client
):
    case = open_case(org.staff2)  # Perwal Sukamaju 13/2024: sedang, the contract not renewed
    accused = run_to_findings(case, staff)
    assert accused.allowed_sanctions == ["local:kontrak_tidak_diperpanjang"]
    client = verified_client(staff.official)
    page = client.get(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_take"])
    ).content.decode()
    options = _options(page)
    assert options["local:kontrak_tidak_diperpanjang"] == "Perjanjian kerja tidak diperpanjang"
    assert "local:penundaan_kgb_1_tahun" not in options
    assert "potong_tukin_25_6_bulan" not in options


def _terminated(open_case, org, staff, employee, sanction):
    """A berat case (PP 94/2021 Pasal 5 huruf a) decided on 16 October with `sanction`,
    delivered and received on 19 October."""
    case = open_case(employee, provision="pp-94-2021:5:a")
    accused = case.accused.get()
    assert accused.finding["level"] == "berat"
    hearings.team_form(
        actor=staff.official,
        accused=accused,
        formed_on=date(2026, 10, 6),
        members=[
            (org.kabag, "superior"),
            (org.inspector, "supervision"),
            (org.personnel, "personnel"),
        ],
    )
    accused = run_to_findings(case, staff)
    assert accused.allowed_sanctions == [sanction]
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=sanction,
        decided_on=date(2026, 10, 16),
        authority_reason="PPK tidak tercatat dalam registri; diputus oleh Sekwan atas kuasa.",
    )
    decisions.decision_deliver(
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    accused.refresh_from_db()
    decision.refresh_from_db()
    return case, accused, decision


def test_a_pppk_contract_termination_goes_to_bpasn_on_appeal_not_to_objection(
    open_case, org, pppk, staff
):
    _case, accused, decision = _terminated(open_case, org, staff, pppk, TERMINATION)
    # PP 79/2021 Pasal 11 ayat (3): 14 working days from receipt (19 Oct 2026) to appeal.
    assert decision.delivery.window_closes_on == date(2026, 11, 6)
    names = set(Clock.objects.filter(accused=accused).values_list("name", flat=True))
    assert "appeal_due" in names and "objection_due" not in names
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        decisions.objection_file(
            actor=staff.official,
            decision=decision,
            kind="objection",
            filed_on=date(2026, 10, 23),
            grounds="Pemutusan perjanjian kerja terlalu berat.",
        )
    assert refused.value.field == "kind" and "BPASN" in refused.value.message
    assert not Objection.objects.exists() and AuditEvent.objects.count() == before
    decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="appeal",
        filed_on=date(2026, 10, 23),
        grounds="Pemutusan perjanjian kerja terlalu berat.",
    )
    # The PPK answers BPASN within 21 working days, BPASN decides within 65 (Pasal 13).
    names = set(Clock.objects.filter(accused=accused).values_list("name", flat=True))
    assert {"ppk_reply_due", "bpasn_decision_due"} <= names


def test_a_lighter_pppk_sanction_is_still_challenged_by_objection(open_case, pppk, staff):
    case = open_case(pppk)
    accused = run_to_findings(case, staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=KGB_2,
        decided_on=date(2026, 10, 16),
    )
    decisions.decision_deliver(
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    with pytest.raises(InputError) as refused:
        decisions.objection_file(
            actor=staff.official,
            decision=decision,
            kind="appeal",
            filed_on=date(2026, 10, 23),
            grounds="Terlalu berat.",
        )
    assert refused.value.field == "kind"
    decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Terlalu berat.",
    )


def test_a_non_asn_contract_termination_keeps_the_instansi_rules_route(open_case, org, staff):
    _case, accused, decision = _terminated(
        open_case, org, staff, org.staff2, "local:pemutusan_kontrak"
    )
    assert decision.delivery.window_closes_on is None
    names = set(Clock.objects.filter(accused=accused).values_list("name", flat=True))
    assert not {"appeal_due", "objection_due"} & names
    with pytest.raises(InputError) as refused:
        decisions.objection_file(
            actor=staff.official,
            decision=decision,
            kind="appeal",
            filed_on=date(2026, 10, 23),
            grounds="Terlalu berat.",
        )
    assert refused.value.field == "kind" and "ASN" in refused.value.message
    decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Terlalu berat.",
    )
