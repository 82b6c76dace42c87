"""The basis recorded when the signer decides a non-ASN objection (reading J4): translated, and
the instansi rule's own objection basis where the rule records one."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import translation

from tegak.cases.models import StepAuthority
from tegak.decisions import services as decisions
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tests.cases.conftest import moment
from tests.cases.test_group_steps import (  # noqa: F401 (fixtures)
    _accused,
    _delivered,
    group_case,
    seven,
)

pytestmark = pytest.mark.django_db

OWN_BASIS = "Perwal Kota Bekasi 42/2017 Pasal 20 (keberatan kepada penandatangan)"


def _pack(objection_basis: str | None) -> str:
    pack = json.loads(shipped_text("kota-bekasi.json"))
    if objection_basis:
        for rule in pack["rules"]:
            if "NON_ASN" in rule["applies_to"]:
                rule["objection_basis"] = objection_basis
    return json.dumps(pack)


@pytest.fixture(params=[None, OWN_BASIS], ids=["rule-without-basis", "rule-with-basis"])
def own_basis(request):
    return request.param


@pytest.fixture
def bekasi(own_basis, instansi, administrator):
    """The shipped Kota Bekasi pack, its TKK rule with or without an objection basis."""
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=_pack(own_basis),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    return instansi


def _decide(group_case, staff, time_machine):  # noqa: F811
    case = _delivered(group_case, staff, time_machine)
    time_machine.move_to(moment("2021-09-20 10:00"), tick=False)
    first = _accused(case)[0]
    objection = decisions.objection_file(
        actor=staff.official,
        decision=first.decision,
        kind="objection",
        filed_on=date(2021, 9, 8),
        grounds="Saya tidak berada di kantor saat video dibuat.",
    )
    decisions.objection_decide(
        actor=staff.official, objection=objection, outcome="confirmed", decided_on=date(2021, 9, 13)
    )
    return StepAuthority.objects.get(accused=first, step="objection_decide")


def test_the_basis_of_a_tkk_objection_is_the_rules_own_else_translated(
    own_basis,
    group_case,  # noqa: F811
    staff,
    time_machine,
):
    with translation.override("en"):
        row = _decide(group_case, staff, time_machine)
    if own_basis:
        assert row.basis == OWN_BASIS
    else:
        assert row.basis.startswith("the instansi's rule for non-ASN staff"), row.basis
