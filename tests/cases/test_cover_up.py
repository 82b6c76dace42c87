"""The cover-up in the karaoke seed story: the direct superior did not summon or examine the
staff who were at the karaoke on Friday 26 August 2022 during working hours, and the
secretariat's clarification of 12 September 2022 said it was after hours. Accused in the same
case under PP 94/2021 Pasal 28 ayat (1), the superior is weighed against the sanction the
subordinate's offence called for and given a heavier type (Pasal 28 ayat (2)), not left without
a level."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.models import FindingChange
from tegak.cases.rules_bridge import sanction_rank
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tests.cases.test_flow import examine

pytestmark = pytest.mark.django_db


KARAOKE = {
    "provision": "pp-94-2021:3:f",
    "committed_on": date(2022, 8, 26),
    "place": "Tempat karaoke",
    "impact": "instansi",
}
# The Kabag let the clarification of 12 September 2022 stand: Pasal 28 ayat (1).
COVER_UP = {
    "provision": "pp-94-2021:28:1",
    "committed_on": date(2022, 9, 12),
    "place": "Sekretariat DPRD",
    "impact": "instansi",
}


def open_case(staff, instansi, summary, *allegations):
    return services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        summary=summary,
        known_to_superior_on=date(2022, 9, 23),
        allegations=list(allegations),
    )


def test_the_superior_who_failed_to_act_is_given_a_type_heavier_than_the_subordinates(
    org, staff, instansi, today
):
    case = open_case(
        staff,
        instansi,
        "Karaoke pada jam kerja dan klarifikasi yang menutupinya",
        {"employee": org.staff, **KARAOKE},
        {"employee": org.kabag, **COVER_UP},
    )
    subordinate = case.accused.get(employee=org.staff).finding
    superior = case.accused.get(employee=org.kabag).finding
    assert subordinate["sanction"] == "penundaan_kgb_1_tahun"
    assert superior["level"] in {"sedang", "berat"}, superior
    floor = sanction_rank("penundaan_kgb_1_tahun")
    assert superior["allowed_sanctions"]
    assert all(sanction_rank(code) > floor for code in superior["allowed_sanctions"])
    assert "penundaan_kgb_1_tahun" not in superior["allowed_sanctions"]
    assert not any("subordinate_sanction" in str(item) for item in superior.get("review", []))


def test_without_a_subordinate_in_the_case_the_level_is_left_to_a_person(
    org, staff, instansi, today
):
    case = open_case(staff, instansi, "Atasan tidak memanggil", {"employee": org.kabag, **COVER_UP})
    finding = case.accused.get().finding
    assert finding["level"] is None
    # The page asks for what the case file can take (the subordinate as an accused), not for
    # the engine's field (seed walk: "isi offences[0].subordinate_sanction").
    review = finding["human_review"] + finding["human_review_id"]
    assert review and not any("offences[" in str(item) for item in review)
    assert any("Tambahkan bawahan" in str(item) for item in finding["human_review_id"])
    assert any("Add the subordinate" in str(item) for item in finding["human_review"])


def _cover_up_case(org, staff, instansi):
    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        summary="Karaoke pada jam kerja dan klarifikasi yang menutupinya",
        known_to_superior_on=date(2022, 9, 23),
        allegations=[
            {
                "employee": org.staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2022, 8, 26),
                "place": "Tempat karaoke",
                "impact": "instansi",
            },
            {
                "employee": org.kabag,
                "provision": "pp-94-2021:28:1",
                "committed_on": date(2022, 9, 12),
                "place": "Sekretariat DPRD",
                "impact": "instansi",
            },
        ],
    )
    # The Kabag is accused: the Sekwan above him examines both (Pasal 29(6)) and decides.
    services.handler_assign(actor=staff.admin, case=case, user=staff.official, role="examiner")
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.official, role="authorised_official"
    )
    return case


def _examined(accused, staff, *, proven=True, by=None):
    """Examined and reported on by `by` (the Sekwan unless told)."""
    by = by or staff.official
    examine(
        by,
        accused,
        issued_on=date(2022, 9, 26),
        examination_on=date(2022, 9, 29),
        question="Benar?",
        answer="Benar.",
    )
    hearings.findings_report(
        actor=by,
        accused=accused,
        reported_on=date(2022, 9, 30),
        conclusion="Terbukti." if proven else "Tidak terbukti.",
        proven=proven,
    )
    accused.refresh_from_db()
    return accused


def test_the_superior_waits_for_the_subordinate_and_is_weighed_again_on_their_sanction(
    org, staff, instansi, today
):
    """The subordinate's finding recommended a postponed pay rise; the official decides a
    one-year demotion in rank instead. The superior's finding, first weighed against the
    recommendation, is weighed again against the decision: every type it allows is heavier than
    the demotion, and his decision could not be taken before it (PP 94/2021 Pasal 24(3), 28(2))."""
    case = _cover_up_case(org, staff, instansi)
    subordinate = _examined(case.accused.get(employee=org.staff), staff)
    superior = _examined(case.accused.get(employee=org.kabag), staff)
    assert "penurunan_pangkat_1_tahun" in superior.allowed_sanctions  # heavier than the KGB one
    # The Staf's sedang decision stays with the official two levels up, the Sekwan (Pasal 21
    # huruf b: the levels are counted on the whole chain, the Kabag's involvement does not move
    # it); the Kabag's own decision goes to the Sekretaris Daerah.
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )

    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.sekda,
            accused=superior,
            sanction_code=superior.allowed_sanctions[0],
            decided_on=date(2022, 10, 5),
        )
    assert refused.value.field == "sanction_code", refused.value.message
    assert "Staf Uji" in refused.value.message
    assert not hasattr(superior, "decision")

    decisions.decision_take(
        actor=staff.official,
        accused=subordinate,
        sanction_code="penurunan_pangkat_1_tahun",
        decided_on=date(2022, 10, 5),
    )
    superior.refresh_from_db()
    floor = sanction_rank("penurunan_pangkat_1_tahun")
    assert superior.finding["allowed_sanctions"], superior.finding
    assert all(sanction_rank(code) > floor for code in superior.finding["allowed_sanctions"])
    assert FindingChange.objects.filter(accused=superior, reason="subordinate decided").exists()
    taken = AuditEvent.objects.filter(action="decision.taken").latest("sequence")
    assert taken.data["superiors_reweighed"] == [superior.pk]

    decision = decisions.decision_take(
        actor=staff.sekda,
        accused=superior,
        sanction_code=superior.finding["allowed_sanctions"][0],
        decided_on=date(2022, 10, 6),
    )
    assert sanction_rank(decision.sanction_code) > floor


def test_a_subordinate_found_not_proven_leaves_the_superiors_level_to_a_person(
    org, staff, instansi, today
):
    case = _cover_up_case(org, staff, instansi)
    superior = _examined(case.accused.get(employee=org.kabag), staff)
    assert superior.finding["level"] is not None
    _examined(case.accused.get(employee=org.staff), staff, proven=False)
    superior.refresh_from_db()
    # Nothing to be heavier than: the engine leaves the level to a person (reading J2).
    assert superior.finding["level"] is None
