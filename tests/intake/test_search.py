"""The report queue's search in Indonesian (ADR 0172): stems, ranking, scope, and never the
reporter's identity. Runs on SQLite and, with TEGAK_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import pytest

from tegak.intake import selectors
from tegak.intake.models import Report
from tegak.intake.services import report_submit

pytestmark = pytest.mark.django_db


def found(actor, text):
    return [report.summary for report in selectors.report_queue(actor, search=text)]


@pytest.fixture
def reports(instansi, report_input):
    def submit(**values):
        report, _code = report_submit(
            instansi=instansi, data=report_input(**values), client_key="k"
        )
        return report

    return {
        "summary": submit(summary="Pegawai berjoget", description="Di ruang rapat."),
        "description": submit(summary="Jam kerja", description="Mereka berjoget di aula."),
        "late": submit(summary="Keterlambatan apel", description="Setiap Senin."),
        "confidential": submit(
            summary="Pungutan liar",
            description="Di loket perizinan.",
            accused_text="Petugas loket",
            reporter_mode="confidential",
            identity={"name": "Kartika Sarimanah", "email": "kartika@contoh.id"},
            notice_contact="kartika@contoh.id",
        ),
    }


def test_stems_rank_and_every_word(reports, intake_officer):
    # The summary (A) before what happened (C).
    assert found(intake_officer, "joget") == ["Pegawai berjoget", "Jam kerja"]
    assert found(intake_officer, "terlambat") == ["Keterlambatan apel"]
    assert found(intake_officer, "pungut loket") == ["Pungutan liar"]
    assert found(intake_officer, "pungut joget") == []


def test_the_reporter_identity_is_never_searchable(reports, intake_officer, custodian):
    assert reports["confidential"].identity_sealed
    for actor in (intake_officer, custodian):
        assert found(actor, "Kartika") == []
        assert found(actor, "Sarimanah") == []
        assert found(actor, "kartika@contoh.id") == []
    column = str(Report.objects.get(pk=reports["confidential"].pk).search_vector)
    assert "pungut" in column and "kartika" not in column


def test_scope_is_kept(reports, outsider, examiner, intake_officer, employee):
    from tegak.intake.services import report_link_employee

    assert found(outsider, "joget") == []
    assert found(examiner, "joget") == []  # examiners do not read the queue
    # An officer named as accused in a report never finds it.
    report_link_employee(actor=intake_officer, report=reports["summary"], employee=employee)
    intake_officer.employee = employee
    intake_officer.save()
    assert found(intake_officer, "joget") == ["Jam kerja"]


def test_a_lapor_tracking_number_is_found_exactly(reports, intake_officer):
    Report.objects.filter(pk=reports["late"].pk).update(lapor_tracking_number="ABCD1234")
    assert found(intake_officer, "ABCD1234") == ["Keterlambatan apel"]


def test_an_edited_report_is_found_by_its_new_words(reports, intake_officer):
    report = reports["late"]
    report.description = "Pegawai membolos ke mal."
    report.save()
    assert found(intake_officer, "bolos") == ["Keterlambatan apel"]
    report.status = "verified"
    report.save(update_fields=["status"])
    assert found(intake_officer, "bolos") == ["Keterlambatan apel"]
