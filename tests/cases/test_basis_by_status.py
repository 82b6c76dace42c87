"""Every basis the case file shows, keeps or projects names the law that governs the accused on the
step's day (docs/legal-questions.md C11): PP 94/2021 for a PNS (unchanged); for a PPPK, PP 49/2018
Pasal 52 ayat (3) with the instansi's PPPK rule (PP 94/2021 disciplines PNS only, Pasal 7; PP
79/2021 stays for the objection); for non-ASN contract staff the instansi's own rule, never PP
94/2021. Where the rule as recorded has no article or period, the basis says so.

The agency is Kota Sukamaju, whose built-in rules are the demo's: Perwal Sukamaju 12/2024 for PPPK
and 13/2024 for contract staff (in force in 2026)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tegak.cases import services
from tegak.cases.models import Clock, StepAuthority
from tegak.core.errors import InputError
from tegak.hearings import services as hearings
from tegak.law.labels import engine_text
from tegak.portal.projection import project
from tests.cases.test_flow import run_to_final_until_delivery, summon
from tests.cases.test_instansi_sanction_types import instansi, pppk  # noqa: F401 (fixtures)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PNS_RULES = ("PP 94/2021", "PP 53/2010")


def _bases(accused) -> dict[str, str]:
    return dict(Clock.objects.filter(accused=accused).values_list("name", "basis"))


def test_a_pns_case_keeps_citing_pp_94(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    summon(staff, accused)
    bases = _bases(accused)
    assert bases["superior_must_summon"] == "PP 94/2021 Pasal 26 ayat (1), Pasal 28"
    assert bases["examination_latest"].startswith("PP 94/2021 Pasal 26 ayat (2)")
    assert accused.summonses.get().deadline_basis.startswith("PP 94/2021 Pasal 26 ayat (2)")
    row = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert row.basis == "PP 94/2021 Pasal 26-27, 29"
    page = verified_client(staff.examiner).get(
        reverse("hearings:step", args=[case.pk, accused.pk, "examination_missed"])
    )
    assert "PP 94/2021 Pasal 26 ayat (3)-(4)" in page.content.decode()


def test_a_non_asn_case_never_cites_pp_94_in_clocks_steps_capacities_or_the_register(
    open_case, org, staff, verified_client
):
    case = open_case(org.staff2)
    accused = case.accused.get()
    summon(staff, accused)
    bases = _bases(accused)
    assert set(bases) == {"superior_must_summon", "examination_latest"}
    for name, basis in bases.items():
        assert not basis.startswith(PNS_RULES) and "94/2021" not in basis, (name, basis)
        # The rule in force on the day, and that it sets no period (none is invented).
        assert basis.startswith("Perwal Sukamaju 13/2024 · "), basis
        assert "sets no period" in basis
    summons = accused.summonses.get()
    assert "94/2021" not in summons.deadline_basis
    row = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert row.basis.startswith("Perwal Sukamaju 13/2024") and "94/2021" not in row.basis
    # The register projects the same clocks: no PP 94/2021 there either.
    for item in project(accused)["deadlines"]:
        assert "94/2021" not in item["basis"], item

    client = verified_client(staff.examiner)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    clock_cells = html.split('data-testid="clock-basis">')[1:]
    assert clock_cells and all("94/2021" not in cell.split("<")[0] for cell in clock_cells)
    # The note is in Indonesian on the page.
    assert "Perwal Sukamaju 13/2024 · " in html and "jangka waktu" in html
    page = client.get(
        reverse("hearings:step", args=[case.pk, accused.pk, "examination_missed"])
    ).content.decode()
    hint = page.split('class="hint">')[1].split("</p>")[0]
    assert "Perwal Sukamaju 13/2024" in hint and "94/2021" not in hint, hint


def test_a_pppk_case_cites_pp_49_with_the_pppk_rule_and_keeps_pp_79(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
):
    case = open_case(pppk)
    accused, _decision, _delivery = run_to_final_until_delivery(case, staff)
    bases = _bases(accused)
    assert "objection_due" in bases and "takes_effect" in bases, bases
    for name in ("superior_must_summon", "examination_latest", "delivery_latest", "takes_effect"):
        assert bases[name].startswith("PP 49/2018 Pasal 52 ayat (3) jo. Perwal Sukamaju 12/2024")
        assert "94/2021" not in bases[name], (name, bases[name])
    # PP 79/2021 covers PPPK (reading J4): the objection window keeps its law; decided by an
    # official below the PPK, the objection goes to that official's superior (Pasal 3(1)(b),
    # 3(3), 7; reading C38), not the PPK's route of Pasal 4.
    assert bases["objection_due"].startswith("PP 79/2021 Pasal 3 ayat (1) huruf b")
    # The decision cites the rule's own article on who decides (sedang: Pasal 10 ayat (2)).
    from tegak.cases.legal_basis import step_basis

    assert step_basis(accused, "decision_take") == (
        "PP 49/2018 Pasal 52 ayat (3) jo. Perwal Sukamaju 12/2024 Pasal 10 ayat (2)"
    )
    assert step_basis(accused, "objection_file") == "PP 79/2021 Pasal 4, Pasal 11"
    for item in project(accused)["deadlines"]:
        assert "94/2021" not in item["basis"], item


def test_the_note_after_a_citation_is_translated_and_the_citation_is_kept():
    text = (
        "Perwal Sukamaju 13/2024 · the instansi's rule as recorded sets no period: a time limit "
        "of the office, not of the law"
    )
    with translation.override("id"):
        shown = engine_text(text)
    assert shown.startswith("Perwal Sukamaju 13/2024 · ") and "jangka waktu" in shown
    with translation.override("en"):
        assert engine_text(text) == text


def test_a_clock_stored_with_pp_94_for_non_asn_staff_is_shown_with_their_rule(
    open_case, org, staff
):
    """Clocks started before the change keep their stored text; pages, the API and the register
    show the basis the accused's status gives (a PNS's stays as stored)."""
    non_asn = open_case(org.staff2).accused.get()
    pns = open_case().accused.get()
    for accused in (non_asn, pns):
        Clock.objects.filter(accused=accused).update(basis="PP 94/2021 Pasal 26 ayat (1), Pasal 28")
    shown = Clock.objects.get(accused=non_asn, name="superior_must_summon").shown_basis
    assert shown.startswith("Perwal Sukamaju 13/2024 · ") and "94/2021" not in shown
    assert [item["basis"] for item in project(non_asn)["deadlines"]] == [shown]
    assert [item["basis"] for item in project(pns)["deadlines"]] == [
        "PP 94/2021 Pasal 26 ayat (1), Pasal 28"
    ]
    # The "who acted" table's stored basis likewise.
    old = "PP 94/2021 Pasal 26-27, 29"
    row = StepAuthority(accused=non_asn, basis=old, day=date(2026, 10, 6))
    shown = row.shown_basis
    assert shown.startswith("Perwal Sukamaju 13/2024") and "94/2021" not in shown
    assert StepAuthority(accused=pns, basis=old, day=date(2026, 10, 6)).shown_basis == old


def test_a_refusal_for_non_asn_staff_is_wholly_in_indonesian(open_case, org, staff):
    """The note after the rule's citation ("names no article for this step") was English inside
    the Indonesian refusal: it goes through the catalogue as the case page's does."""
    case = open_case(org.staff2)
    outsider_examiner = make_user("analis-uji", case.instansi, "examiner")
    outsider_examiner.employee = org.personnel
    outsider_examiner.save()
    services.handler_assign(actor=staff.admin, case=case, user=outsider_examiner, role="examiner")
    accused = case.accused.get()
    for setting in ("with_reason", "refuse"):
        with (
            translation.override("id"),
            override_settings(TEGAK_AUTHORITY_DEVIATIONS=setting),
            pytest.raises(InputError) as refused,
        ):
            hearings.summons_issue(
                actor=outsider_examiner,
                accused=accused,
                number=1,
                issued_on=date(2026, 10, 6),
                examination_on=date(2026, 10, 9),
                place="Ruang rapat",
            )
        message = refused.value.message
        assert "Perwal Sukamaju 13/2024 · " in message, message
        assert "names no article" not in message and "the instansi" not in message, message
        assert "tidak menyebut pasal" in message, message
