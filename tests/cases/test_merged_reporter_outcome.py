"""The complainant whose report was merged into the case's source is told the outcome (seed walk,
karaoke: Baladaya's letter merged into the news article the case was opened from; UU 25/2009
Pasal 50(2), reading C28): the tracking page of the merged report follows the case, the
reporter-told clock applies and is kept, and nothing identifying leaves the sealed identity."""

from __future__ import annotations

from datetime import date, time

import pytest

from tegak.audit.models import AuditEvent
from tegak.cases import selectors, services
from tegak.cases.outcome import fed_reports
from tegak.intake.models import Report
from tegak.intake.services import (
    ReportInput,
    report_create_by_staff,
    report_create_from_media,
    report_link_employee,
    report_merge,
    report_verify,
)
from tests.cases.test_flow import run_to_final
from tests.cases.test_past_reports import media_report  # noqa: F401 (a fixture)
from tests.cases.test_reporter_outcome import tracking_page

pytestmark = pytest.mark.django_db

ALLEGATION = {"provision": "pp-94-2021:3:f", "impact": "instansi"}
WRITER = "Baladaya (uji)"


@pytest.fixture
def karaoke(org, staff, instansi, today, settings, tmp_path):
    """The news article (the case's source) and the writer's letter merged into it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    news = report_create_from_media(
        actor=staff.intake,
        instansi=instansi,
        source_url="https://berita.test/karaoke-setwan",
        outlet="Berita Uji",
        published_on=date(2026, 10, 3),
        seen_on=date(2026, 10, 5),
        text="Pegawai Sekretariat DPRD berkaraoke pada jam kerja, Jumat 2 Oktober 2026.",
        occurred_on=date(2026, 10, 2),
    )
    report_link_employee(actor=staff.intake, report=news, employee=org.staff)
    report_verify(actor=staff.intake, report=news, on=date(2026, 10, 6))
    letter, code = report_create_by_staff(
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
            reporter_mode="confidential",
            identity={"name": WRITER},
        ),
    )
    news.refresh_from_db()
    report_merge(actor=staff.intake, report=letter, into=news)
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[Report.objects.get(pk=news.pk)],
        allegations=[{"employee": org.staff, **ALLEGATION}],
        opened_on=date(2026, 10, 6),
    )
    for user, role in ((staff.examiner, "examiner"), (staff.official, "authorised_official")):
        services.handler_assign(
            actor=staff.admin, case=case, user=user, role=role, assigned_on=date(2026, 10, 6)
        )
    return case, news, Report.objects.get(pk=letter.pk), code


def test_the_merged_letter_fed_the_case(karaoke):
    case, news, letter, _code = karaoke
    assert [report.pk for report in fed_reports(case)] == [news.pk, letter.pk]


def test_the_merged_reporter_reads_the_case_and_its_outcome_on_the_tracking_page(
    karaoke, staff, org, client
):
    case, _news, letter, code = karaoke
    before = tracking_page(client, code)
    assert "Dalam kasus" in before and "kasus disiplin" in before
    assert 'data-testid="outcome"' not in before
    run_to_final(case, staff)
    case.refresh_from_db()
    letter.refresh_from_db()
    assert letter.status == "merged" and letter.outcome["final"] is True
    body = tracking_page(client, code)
    assert 'data-testid="outcome"' in body and case.register_number in body
    assert "Hukuman disiplin sedang: penundaan kenaikan gaji berkala selama 1 tahun" in body
    assert "Kasus selesai" in body
    # Nothing about the accused, nor the article the letter was merged into.
    assert org.staff.name not in body and org.staff.nip not in body
    assert "berita.test" not in body and _news.reference not in body
    # The writer stays sealed; the event that told them names no one.
    assert letter.identity_sealed.startswith("tk2.") and WRITER not in letter.identity_sealed
    told = AuditEvent.objects.filter(
        action="report.outcome_published", target_id=str(letter.pk)
    ).latest("pk")
    assert WRITER not in str(told.data)


def test_the_reporter_told_clock_applies_and_is_kept_when_a_merged_report_has_a_reporter(
    karaoke, staff
):
    case, _news, _letter, _code = karaoke
    run_to_final(case, staff)
    case.refresh_from_db()
    rows = [r for r in selectors.deadline_rows(case) if r["name"] == "complainant_informed_due"]
    assert len(rows) == 1
    assert rows[0]["mark"] == "kept" and rows[0]["met_on"] == case.closed_on
    assert rows[0]["clock"].not_applicable == ""


def _letters(case, staff):
    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_file, document_issue_for_case
    from tests.documents.conftest import pdf_text

    accused = case.accused.get()
    document_issue_for_case(actor=staff.official, accused=accused, kind="pemberitahuan_hasil")
    issued = IssuedDocument.objects.filter(kind="pemberitahuan_hasil").order_by("id")
    return [(item, pdf_text(document_file(item, "pdf")[0])) for item in issued]


def _second_complainant(staff, instansi, news):
    """A second complainant, by telephone (anonymous, holding a receipt code), also merged into
    the news report the case was opened from."""
    second, _code = report_create_by_staff(
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
    return second


def test_the_outcome_letter_goes_to_each_complainant_by_their_own_report_never_to_the_news(
    karaoke, staff, org, instansi
):
    case, news, letter, _code = karaoke
    second = _second_complainant(staff, instansi, news)
    run_to_final(case, staff)
    letters = _letters(case, staff)
    assert len(letters) == 2
    assert len({item.number for item, _text in letters}) == 2
    for (_item, text), report in zip(letters, (letter, second), strict=True):
        assert f"Pengaduan Nomor {report.reference}" in text
        assert news.reference not in text
        assert WRITER not in text and org.staff.name not in text


def test_no_outcome_letter_is_addressed_to_a_news_report(media_report, staff, org):  # noqa: F811
    from tegak.documents.context import available_kinds
    from tests.cases.test_past_reports import _open

    case = _open(media_report(), staff, org)
    run_to_final(case, staff)
    reason = dict(available_kinds(case.accused.get()))["pemberitahuan_hasil"]
    assert "Tidak ada laporan" in reason and "pelapor yang dapat diberi tahu" in reason


def test_issuing_the_outcome_letters_on_the_page_names_every_number(
    karaoke, staff, instansi, verified_client
):
    """Every complainant gets a letter; the page's message said only the first one's number."""
    from django.urls import reverse

    from tegak.documents.models import IssuedDocument

    case, news, _letter, _code = karaoke
    _second_complainant(staff, instansi, news)
    run_to_final(case, staff)
    accused = case.accused.get()
    page = verified_client(staff.official).post(
        reverse("documents:issue", args=[case.pk]),
        {"accused": accused.pk, "kind": "pemberitahuan_hasil"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="id",
    )
    numbers = list(
        IssuedDocument.objects.filter(kind="pemberitahuan_hasil")
        .order_by("id")
        .values_list("number", flat=True)
    )
    assert len(numbers) == 2
    messages = [str(item) for item in page.context["messages"]]
    assert any(all(number in text for number in numbers) for text in messages), messages


def test_the_api_answers_with_every_outcome_letter_it_issued(
    karaoke, staff, instansi, verified_client
):
    """The REST issue answered with the first complainant's letter only; it now lists every
    letter in `documents`, keeping the first's fields at the top (the contract only grows)."""
    import json

    from tegak.documents.models import IssuedDocument

    case, news, _letter, _code = karaoke
    _second_complainant(staff, instansi, news)
    run_to_final(case, staff)
    accused = case.accused.get()
    answer = verified_client(staff.official).post(
        f"/api/v1/documents/cases/{case.pk}/accused/{accused.pk}/issue",
        json.dumps({"kind": "pemberitahuan_hasil"}),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    numbers = list(
        IssuedDocument.objects.filter(kind="pemberitahuan_hasil")
        .order_by("id")
        .values_list("number", flat=True)
    )
    assert len(numbers) == 2
    assert [item["number"] for item in body["documents"]] == numbers
    assert body["number"] == numbers[0] and body["kind"] == "pemberitahuan_hasil"


def test_the_command_writes_every_outcome_letter(karaoke, staff, instansi, tmp_path):
    """`tegak documents render --issue` wrote the first complainant's letter only; each letter
    now has its file (`--out` for the first, NAME-2.docx … beside it) and its line."""
    from io import StringIO

    from django.core.management import call_command

    from tegak.documents.models import IssuedDocument
    from tests.documents.conftest import docx_text

    case, news, letter, _code = karaoke
    second = _second_complainant(staff, instansi, news)
    run_to_final(case, staff)
    out, said = tmp_path / "hasil.docx", StringIO()
    arguments = ["documents", "render", "--case", case.register_number]
    arguments += ["--kind", "pemberitahuan_hasil", "--format", "docx", "--out", str(out)]
    call_command(*arguments, "--issue", "--as", staff.official.username, stdout=said)
    issued = list(IssuedDocument.objects.filter(kind="pemberitahuan_hasil").order_by("id"))
    assert len(issued) == 2
    files = [out, tmp_path / "hasil-2.docx"]
    for path, document, report in zip(files, issued, (letter, second), strict=True):
        text = docx_text(path.read_bytes())
        assert document.number in text and f"Pengaduan Nomor {report.reference}" in text
        assert document.number in said.getvalue()
    # Asked again without --issue, the command gives back both issued letters.
    again = tmp_path / "lagi.docx"
    arguments[-1] = str(again)
    call_command(*arguments, stdout=StringIO())
    assert issued[1].number in docx_text((tmp_path / "lagi-2.docx").read_bytes())


def test_a_report_merged_after_the_matter_ended_is_offered_its_own_outcome_letter(
    karaoke, staff, instansi, verified_client
):
    """The letters went out when the matter ended; a complainant whose report was merged into
    the case afterwards got none, and the page said nothing. The page now names that report
    and issues its letter alone, leaving the letter already sent as it was."""
    from django.urls import reverse

    from tegak.documents.models import IssuedDocument

    case, news, letter, _code = karaoke
    run_to_final(case, staff)
    accused = case.accused.get()
    _letters(case, staff)
    (sent,) = IssuedDocument.objects.filter(kind="pemberitahuan_hasil")
    late = _second_complainant(staff, instansi, news)
    client = verified_client(staff.official)
    url = reverse("documents:case", args=[case.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'data-testid="notice-missing"' in page and late.reference in page
    answer = client.post(
        reverse("documents:issue", args=[case.pk]),
        {"accused": accused.pk, "kind": "pemberitahuan_hasil", "missing_only": "1"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="id",
    )
    issued = list(IssuedDocument.objects.filter(kind="pemberitahuan_hasil").order_by("id"))
    assert len(issued) == 2
    assert issued[0].pk == sent.pk and issued[0].version == 1
    from tegak.documents.services import document_file
    from tests.documents.conftest import pdf_text

    text = pdf_text(document_file(issued[1], "pdf")[0])
    assert f"Pengaduan Nomor {late.reference}" in text and letter.reference not in text
    assert issued[1].number in answer.content.decode()
    assert 'data-testid="notice-missing"' not in client.get(url).content.decode()
