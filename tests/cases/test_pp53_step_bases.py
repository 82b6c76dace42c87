"""A PNS's step taken before 31 August 2021 (a case entered after the fact, reading C12) cites PP
53/2010's article for that step, not PP 94/2021's: PP 94/2021 came into force that day (Pasal 46)
and governs the procedure only from then, also for older acts (Pasal 40 ayat (3)-(4)); an objection
filed before it is settled under PP 53/2010 (Pasal 40 ayat (2)). Reading C19."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.cases.legal_basis import step_basis
from tegak.cases.models import Clock, StepAuthority
from tests.cases.test_flow import summon

pytestmark = pytest.mark.django_db

OLD_ACT = date(2021, 3, 1)


def test_a_pns_summons_of_march_2021_cites_pp_53(open_case, staff):
    case = open_case(committed_on=OLD_ACT, known_on=date(2021, 3, 5))
    accused = case.accused.get()
    duty = Clock.objects.get(accused=accused, name="superior_must_summon")
    assert duty.basis == "PP 53/2010 Pasal 23 ayat (1), Pasal 24 ayat (1)"
    summon(staff, accused, issued_on=date(2021, 3, 10), examination_on=date(2021, 3, 15))
    row = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert row.shown_basis == "PP 53/2010 Pasal 23-25"
    assert step_basis(accused, "summons_issue_1", date(2021, 3, 10)) == (
        "PP 53/2010 Pasal 23 ayat (1)-(2)"
    )
    assert step_basis(accused, "decision_take", date(2021, 8, 30)) == (
        "PP 53/2010 Pasal 23 ayat (4), Pasal 29, Pasal 31 ayat (1)"
    )
    assert step_basis(accused, "objection_file", date(2021, 8, 30)) == (
        "PP 53/2010 Pasal 35, Pasal 38"
    )


def test_from_31_august_2021_an_older_act_follows_pp_94(open_case, staff):
    """Pasal 40 ayat (3): an older act not yet examined is handled under PP 94/2021."""
    case = open_case(committed_on=OLD_ACT)
    accused = case.accused.get()
    assert step_basis(accused, "summons_issue_1", date(2021, 8, 31)) == (
        "PP 94/2021 Pasal 26 ayat (1)-(2)"
    )
    assert step_basis(accused, "summons_issue_1") == "PP 94/2021 Pasal 26 ayat (1)-(2)"
    old = StepAuthority(accused=accused, basis="PP 94/2021 Pasal 33", day=date(2021, 9, 1))
    assert old.shown_basis == "PP 94/2021 Pasal 33"


def test_a_basis_stored_with_pp_94_for_a_step_of_2021_is_shown_with_pp_53(open_case):
    accused = open_case(committed_on=OLD_ACT).accused.get()
    row = StepAuthority(accused=accused, basis="PP 94/2021 Pasal 33", day=date(2021, 6, 1))
    assert row.shown_basis == "PP 53/2010 Pasal 29"
