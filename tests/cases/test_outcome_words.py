"""The outcome a reporter reads names the sanction as the person's law does: a PNS gets a
"hukuman disiplin", contract staff an administrative sanction of their instansi's rule (seed
walk, TikTok: the seven TKK's outcome read "Hukuman disiplin ringan")."""

from __future__ import annotations

import pytest
from django.utils import translation

from tegak.cases.outcome import outcome_for
from tests.cases.test_flow import run_to_final
from tests.cases.test_instansi_sanction_types import instansi  # noqa: F401 (its rules)

pytestmark = pytest.mark.django_db


def _words(case):
    with translation.override("id"):
        return str(outcome_for(case)["accused"][0]["label"]["id"])


def test_a_pns_outcome_says_hukuman_disiplin(open_case, staff):
    case = open_case()
    run_to_final(case, staff)
    assert _words(case).startswith("Hukuman disiplin ")


def test_a_contract_staff_outcome_says_sanksi_administratif(open_case, org, staff):
    case = open_case(org.staff2)  # Perwal Sukamaju 13/2024
    run_to_final(case, staff)
    words = _words(case)
    assert words.startswith("Sanksi administratif ") and "Hukuman disiplin" not in words
