"""Seed walk F14: the "Pemberitahuan Hasil kepada Pelapor" was issued and numbered but the
reporter never got it. UU 25/2009 Pasal 50 ayat (9): the complainant is informed. The tracking
page (signed in with the receipt code, kept in the session, never in a URL) now offers the PDF
of the letter addressed to that report's complainant: that letter only, never cached; another
receipt code, or none, gets nothing of it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.intake.models import Report
from tegak.intake.services import ReportInput, report_create_by_staff, report_merge
from tests.cases.test_flow import run_to_final
from tests.cases.test_merged_reporter_outcome import WRITER, karaoke  # noqa: F401 (a fixture)
from tests.cases.test_reporter_outcome import tracking_page
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _second(staff, instansi, news):
    """A second complainant by telephone, with their own receipt code, merged into the news."""
    second, code = report_create_by_staff(
        actor=staff.intake,
        instansi=instansi,
        channel="phone",
        received_on=date(2026, 10, 6),
        data=ReportInput(
            summary="Karaoke",
            description="Pegawai berkaraoke pada jam kerja.",
            occurred_on=date(2026, 10, 2),
            reporter_mode="anonymous",
        ),
    )
    report_merge(actor=staff.intake, report=second, into=Report.objects.get(pk=news.pk))
    return Report.objects.get(pk=second.pk), code


def _issue(case, staff):
    from tegak.documents.services import documents_issue_for_case

    return documents_issue_for_case(
        actor=staff.official, accused=case.accused.get(), kind="pemberitahuan_hasil"
    )


def _notice(number):
    return reverse("reporting:outcome_notice", args=[number])


def test_the_reporter_downloads_the_letter_addressed_to_their_own_report(
    karaoke,  # noqa: F811
    staff,
    instansi,
    org,
    client,
):
    case, news, letter, code = karaoke
    second, _second_code = _second(staff, instansi, news)
    run_to_final(case, staff)
    # Before the letter is issued the page offers nothing, and the address gives nothing.
    assert 'data-testid="outcome-notice"' not in tracking_page(client, code)
    assert client.get(_notice(1)).status_code == 404
    issued = _issue(case, staff)
    assert len(issued) == 2
    page = tracking_page(client, code)
    assert 'data-testid="outcome-notice"' in page and issued[0].number in page
    assert issued[1].number not in page
    # The receipt code is never in the address of the letter.
    assert code not in _notice(1) and code not in page.split('data-testid="outcome-notice"')[1]
    answer = client.get(_notice(1))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Cache-Control"] == "private, no-store"
    text = pdf_text(answer.content)
    assert f"Pengaduan Nomor {letter.reference}" in text
    assert second.reference not in text and news.reference not in text
    assert WRITER not in text and org.staff.name not in text
    # Only that letter: no second one for this report.
    assert client.get(_notice(2)).status_code == 404


def test_another_receipt_code_or_none_gets_nothing_of_the_letter(
    karaoke,  # noqa: F811
    staff,
    instansi,
    client,
):
    case, news, letter, _code = karaoke
    second, second_code = _second(staff, instansi, news)
    run_to_final(case, staff)
    issued = _issue(case, staff)
    # No receipt code in this browser: sent to the tracking form, no PDF.
    answer = client.get(_notice(1))
    assert answer.status_code == 302 and answer["Location"] == reverse("reporting:track")
    # The other complainant reads their own letter, never the first one's.
    page = tracking_page(client, second_code)
    assert issued[1].number in page and issued[0].number not in page
    text = pdf_text(client.get(_notice(1)).content)
    assert f"Pengaduan Nomor {second.reference}" in text
    assert letter.reference not in text
    # Signed out: nothing any more.
    client.post(reverse("reporting:sign_out"))
    assert client.get(_notice(1)).status_code == 302
