"""The cover-up in the karaoke seed story: the direct superior did not summon or examine the
staff who were at the karaoke on Friday 26 August 2022 during working hours, and the
secretariat's clarification of 12 September 2022 said it was after hours. Accused in the same
case under PP 94/2021 Pasal 28 ayat (1), the superior is weighed against the sanction the
subordinate's offence called for and given a heavier type (Pasal 28 ayat (2)), not left without
a level."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.cases import services
from tegak.cases.rules_bridge import sanction_rank

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
    assert case.accused.get().finding["level"] is None
