"""A justified sanction type of a heavier level for a PPPK or non-ASN employee passes the same
authority check as a PNS's (reading C15), against who imposes that level under the instansi's rule
behind the finding (reading C21): a justification answers for the choice of type, never for the
power to impose it. Kota Sukamaju's built-in rules: for PPPK (Perwal Sukamaju 12/2024) sedang is
the superior's superior's (Pasal 10 ayat (2)) and berat the PPK's (ayat (3)); for contract staff
(Perwal Sukamaju 13/2024) ringan is the direct superior's (Pasal 11 ayat (1)), sedang and berat
the head of the perangkat daerah's (ayat (2))."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.decisions.models import Decision
from tests.cases.test_flow import run_to_findings
from tests.cases.test_instansi_sanction_types import TERMINATION, instansi, pppk  # noqa: F401

pytestmark = pytest.mark.django_db

REASONS = "Perbuatan berulang dan merusak kepercayaan masyarakat terhadap instansi."
DECIDED = date(2026, 10, 16)


def test_a_pppk_termination_is_not_the_sedang_officials_to_impose(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
):
    accused = run_to_findings(open_case(pppk), staff)
    assert accused.finding["level"] == "sedang"
    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code=TERMINATION,
            decided_on=DECIDED,
            justification=REASONS,
        )
    assert refused.value.field == "sanction_code"
    assert "Perwal Sukamaju 12/2024 Pasal 10 ayat (3)" in refused.value.message
    assert not Decision.objects.exists()


def test_a_lighter_justified_pppk_type_stays_open(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
):
    accused = run_to_findings(open_case(pppk), staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code="teguran_tertulis",
        decided_on=DECIDED,
        justification=REASONS,
    )
    assert decision.outside_allowed and decision.level == "ringan"


def test_a_non_asn_termination_passes_when_the_rule_gives_it_to_the_same_official(
    open_case, org, staff
):
    accused = run_to_findings(open_case(org.staff2), staff)
    assert accused.finding["level"] == "sedang"
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code="local:pemutusan_kontrak",
        decided_on=DECIDED,
        justification=REASONS,
    )
    assert decision.outside_allowed and decision.level == "berat"


def test_a_non_asn_termination_is_not_the_direct_superiors_to_impose(open_case, org, staff):
    case = open_case(org.staff2, provision="local:kota-sukamaju:non-asn-2024:6:a")
    accused = run_to_findings(case, staff)
    assert accused.finding["level"] == "ringan"
    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code="local:pemutusan_kontrak",
            decided_on=DECIDED,
            justification=REASONS,
            authority_reason="Atasan langsung berhalangan; diputus oleh Sekwan atas kuasa.",
        )
    assert refused.value.field == "sanction_code"
    assert "Perwal Sukamaju 13/2024 Pasal 11 ayat (2)" in refused.value.message
