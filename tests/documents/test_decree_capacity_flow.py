"""The karaoke walk (readings C7, C16, D13): the Sekwan is accused beside the staff member, so the
ringan decision the law gives to the direct superior (the Kabag, the Sekwan's subordinate) passes
to the Sekda, who decides "as the superior of the official involved in the case". The decree he
issues says so under his post."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.accounts.models import RoleAssignment
from tegak.cases import services
from tegak.cases.models import StepAuthority
from tegak.decisions import services as decisions
from tegak.documents.services import document_file, document_issue_for_case
from tegak.hearings import services as hearings
from tests.cases.conftest import open_case, org, staff, today  # noqa: F401
from tests.cases.test_flow import examine

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_sekda_deciding_in_place_of_the_involved_signs_in_that_capacity(
    open_case,  # noqa: F811 (the case file's fixtures, imported above)
    org,  # noqa: F811
    staff,  # noqa: F811
    instansi,
):
    case = open_case(impact="unit_kerja")
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.sekwan,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 2),
            "impact": "unit_kerja",
        },
    )
    accused = case.accused.get(employee=org.staff)
    RoleAssignment.objects.create(user=staff.sekda, role="examiner", instansi=instansi)
    services.handler_assign(actor=staff.admin, case=case, user=staff.sekda, role="examiner")
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    examine(staff.sekda, accused, issued_on=date(2026, 11, 16), examination_on=date(2026, 11, 19))
    hearings.findings_report(
        actor=staff.sekda,
        accused=accused,
        reported_on=date(2026, 11, 20),
        conclusion="Terbukti.",
        proven=True,
    )
    accused.refresh_from_db()
    decisions.decision_take(
        actor=staff.sekda,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 11, 23),
    )
    row = StepAuthority.objects.get(accused=accused, step="decision_take")
    assert row.employee_id == org.sekda.pk and not row.deviation

    accused.refresh_from_db()
    kind = f"keputusan_hukuman_{accused.decision.level}"
    decree = document_issue_for_case(actor=staff.sekda, accused=accused, kind=kind)

    text = " ".join(pdf_text(document_file(decree, "pdf")[0]).split())
    assert "KEPUTUSAN SEKRETARIS DAERAH NOMOR" in text, text
    assert (
        "SEKRETARIS DAERAH SELAKU ATASAN DARI PEJABAT YANG TERLIBAT DALAM PERKARA, Menimbang"
    ) in text, text
    block = text.split("pada tanggal", 1)[1]
    assert "Sekretaris Daerah selaku Atasan dari Pejabat yang Terlibat dalam Perkara," in block
