"""The reporter is told the outcome (#13 item 5; UU 25/2009 Pasal 50(2)): when the case ends, the
tracking page says the result in plain words (level and sanction, or no violation proven), the
register number and the day; the case page carries the clock of that duty."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from tegak.cases import selectors, services
from tegak.hearings import services as hearings
from tegak.intake.services import (
    ReportInput,
    report_create_by_staff,
    report_link_employee,
    report_verify,
)
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_with_code(org, staff, instansi, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    report, code = report_create_by_staff(
        actor=staff.intake,
        instansi=instansi,
        channel="letter",
        received_on=date(2026, 10, 5),
        data=ReportInput(
            summary="Karaoke pada jam kerja",
            description="Pegawai berkaraoke pada hari Jumat pukul 15.00.",
            occurred_on=date(2026, 10, 2),
            occurred_time=time(15, 0),
            occurred_timezone="WIB",
            location="Tempat karaoke",
            # A letter that names its writer: the receipt code goes back with the reply. (An
            # anonymous letter without a contact reaches nobody: see test_past_reports.)
            reporter_mode="confidential",
            identity={"name": "Penulis surat (uji)"},
        ),
    )
    report_link_employee(actor=staff.intake, report=report, employee=org.staff)
    report_verify(actor=staff.intake, report=report)
    report.refresh_from_db()
    return report, code


def open_from(report, staff, org):
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[{"employee": org.staff, "provision": "pp-94-2021:3:f", "impact": "instansi"}],
        known_to_superior_on=date(2026, 10, 5),
    )
    services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.official, role="authorised_official"
    )
    return case


def tracking_page(client, code):
    client.post(reverse("reporting:track"), {"code": code})
    return client.get(reverse("reporting:status")).content.decode()


def test_the_reporter_sees_the_sanction_level_number_and_day_when_the_case_ends(
    report_with_code, staff, org, client
):
    report, code = report_with_code
    case = open_from(report, staff, org)
    before = tracking_page(client, code)
    assert 'data-testid="outcome"' not in before
    run_to_final(case, staff)
    case.refresh_from_db()
    report.refresh_from_db()
    assert report.outcome["final"] is True
    body = tracking_page(client, code)
    assert 'data-testid="outcome"' in body
    assert case.register_number in body
    # 3:f with impact on the instansi is a medium violation (PP 94/2021 Pasal 10).
    assert "Hukuman disiplin sedang: penundaan kenaikan gaji berkala selama 1 tahun" in body
    assert "Kasus disiplin yang dibuka atas laporan Anda telah selesai" in body
    # Nothing about the employee's identity reaches the reporter.
    assert org.staff.name not in body and org.staff.nip not in body
    # The case page's clock of the duty: kept on the day the matter ended.
    rows = [
        row for row in selectors.deadline_rows(case) if row["name"] == "complainant_informed_due"
    ]
    assert len(rows) == 1 and rows[0]["mark"] == "kept"
    assert rows[0]["met_on"] == case.closed_on
    assert rows[0]["due"] == date.fromordinal(case.closed_on.toordinal() + 14)


def test_no_violation_proven_is_said_in_plain_words(report_with_code, staff, org, client):
    report, code = report_with_code
    case = open_from(report, staff, org)
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2026, 10, 13), place="Ruang Rapat"
    )
    hearings.question_record(actor=staff.examiner, accused=accused, question="T?", answer="J.")
    hearings.bap_record(
        actor=staff.examiner,
        accused=accused,
        completed_on=date(2026, 10, 13),
        signed_by_accused=True,
    )
    hearings.findings_report(
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2026, 10, 14),
        conclusion="Tidak terbukti.",
        proven=False,
    )
    body = tracking_page(client, code)
    assert "Pelanggaran disiplin tidak terbukti" in body
    assert "14 Oktober 2026" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "No violation proven" in tracking_page(client, code)


def test_an_ex_officio_case_has_no_reporter_clock(open_case, staff):
    case = open_case()
    run_to_final(case, staff)
    assert not [
        row for row in selectors.deadline_rows(case) if row["name"] == "complainant_informed_due"
    ]


def test_the_reporter_reads_of_the_objection_and_the_case_ended_badge(
    report_with_code, staff, org, client
):
    from tegak.decisions import services as decisions
    from tests.cases.test_flow import run_to_final_until_delivery

    report, code = report_with_code
    case = open_from(report, staff, org)
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    body = tracking_page(client, code)
    assert "Dalam kasus" in body and "Kasus selesai" not in body
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    body = tracking_page(client, code)
    assert 'data-testid="outcome-objection"' in body
    assert "mengajukan keberatan atas keputusan pada 23 Oktober 2026" in body
    assert "Sanksi terlalu berat" not in body  # the grounds stay in the case file
    assert "Kasus selesai" not in body
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    decisions.objection_decide(
        actor=staff.sekda,
        objection=objection,
        outcome="reduced",
        decided_on=date(2026, 11, 10),
        outcome_sanction_code="teguran_lisan",
    )
    body = tracking_page(client, code)
    badge = body.split('data-testid="report-status">', 1)[1].split("<", 1)[0]
    assert badge == "Kasus selesai"
    assert "Keberatan diputus pada 10 November 2026: hukuman diperingan." in body
    assert "Teguran lisan" in body and case.register_number in body
    assert "mengajukan keberatan atas keputusan pada" not in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = tracking_page(client, code)
    assert "Case ended" in english
    assert (
        "The objection was decided on 10 November 2026: the sanction was made lighter." in english
    )
