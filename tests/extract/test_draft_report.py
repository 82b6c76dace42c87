"""A pasted article becomes a media report to check: facts proposed, employees only suggested."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.intake import drafting
from tegak.intake.models import Report, ReportAccused, ReportMessage
from tests.extract.test_seeds import KARAOKE, SEEDS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("intake_settings"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found: {SEEDS}"),
]
URL = "https://infobaru.test/karaoke-setwan"


def _text() -> str:
    return KARAOKE.read_text(encoding="utf-8")


def test_draft_proposes_the_incident_and_suggests_employees_without_linking(
    intake_officer, instansi, registry
):
    draft = drafting.draft_from_text(
        actor=intake_officer, instansi=instansi, text=_text(), seen_on=date(2022, 9, 22)
    )
    assert (draft.occurred_on, draft.occurred_time, draft.occurred_timezone) == (
        date(2022, 8, 26),
        time(15, 0),
        "WIB",
    )
    assert "Aparatur Sipil Negara (ASN)" in draft.accused_text
    assert [(c.employee_name, c.person, c.confidence) for c in draft.candidates] == [
        ("Reny Hendrawati", "Reny Hendrawati", 1.0),
        ("Hanan Tarya", "Hanan Tarya", 1.0),
    ]
    assert Report.objects.count() == 0


def test_saved_draft_is_a_media_report_in_the_queue_with_the_facts_as_a_note(
    intake_officer, instansi, registry
):
    report = drafting.report_draft_from_text(
        actor=intake_officer,
        instansi=instansi,
        text=_text(),
        source_url=URL,
        seen_on=date(2022, 9, 22),
    )
    report.refresh_from_db()
    assert report.channel == "media"
    assert report.status == "received"
    assert report.source_url == URL
    assert report.occurred_at == datetime(2022, 8, 26, 15, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert ReportAccused.objects.filter(report=report).count() == 0  # suggestions only
    note = ReportMessage.objects.get(report=report)
    assert note.internal is True
    assert "26 Agustus 2022 15:00 WIB" in note.body and "2022-08-26" not in note.body
    assert "perwal No 06 tahun 2017" in note.body
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["report.created_from_media", "report.internal_note"]


def test_only_employees_the_officer_ticks_are_linked(intake_officer, instansi, registry):
    report = drafting.report_draft_from_text(
        actor=intake_officer,
        instansi=instansi,
        text=_text(),
        source_url=URL,
        seen_on=date(2022, 9, 22),
        employee_ids=(registry["Hanan Tarya"].pk,),
    )
    assert list(report.accused.values_list("employee__name", flat=True)) == ["Hanan Tarya"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        pytest.param("", "text", id="empty"),
        pytest.param("abc\x00\x01\x02 binary", "text", id="binary"),
    ],
)
def test_bad_text_saves_nothing(intake_officer, instansi, text, field):
    with pytest.raises(InputError) as raised:
        drafting.report_draft_from_text(
            actor=intake_officer,
            instansi=instansi,
            text=text,
            source_url=URL,
            seen_on=date(2022, 9, 22),
        )
    assert raised.value.field == field
    assert Report.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_employee_of_another_instansi_cannot_be_ticked(intake_officer, instansi, outsider):
    from tegak.people.models import Employee, Instansi

    stranger = Employee.objects.create(
        instansi=Instansi.objects.get(code="kab-lain"), nip="1", name="Siti Lain", status="PNS"
    )
    with pytest.raises(InputError):
        drafting.report_draft_from_text(
            actor=intake_officer,
            instansi=instansi,
            text=_text(),
            source_url=URL,
            seen_on=date(2022, 9, 22),
            employee_ids=(stranger.pk,),
        )
    assert Report.objects.count() == 0


@pytest.mark.parametrize("persona", ["examiner", "authorised_official", "outsider"])
def test_only_intake_officers_draft(request, persona, instansi):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        drafting.report_draft_from_text(
            actor=user, instansi=instansi, text=_text(), source_url=URL, seen_on=date(2022, 9, 22)
        )
    assert Report.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_page_reads_then_saves(intake_officer, instansi, registry, verified_client):
    client = verified_client(intake_officer)
    assert client.get(reverse("intake:draft_entry")).status_code == 200
    posted = {"source_url": URL, "published_on": "2022-09-22", "text": _text()}
    read = client.post(reverse("intake:draft_entry"), {**posted, "step": "read"})
    page = read.content.decode()
    assert read.status_code == 200
    assert "26 Agustus 2022" in page and "Reny Hendrawati" in page
    boxes = re.findall(r"<input[^>]*type=\"checkbox\"[^>]*>", page)
    assert len(boxes) == 2  # Reny Hendrawati and Hanan Tarya, suggested
    assert not any("checked" in box for box in boxes)  # and none ticked for the officer
    saved = client.post(
        reverse("intake:draft_entry"),
        {
            **posted,
            "step": "save",
            "summary": "Karaoke saat jam kerja",
            "accused_text": "ASN dan TKK Setwan",
            "occurred_on": "2022-08-26",
            "occurred_time": "15:00",
            "occurred_timezone": "WIB",
            "location": "",
            "employees": [str(registry["Reny Hendrawati"].pk)],
        },
    )
    report = Report.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse(
        "intake:detail", args=[report.pk]
    )
    assert report.summary == "Karaoke saat jam kerja"
    # The agency learned of it on the publication day (no other day given): received then.
    assert report.source_published_on == report.source_seen_on == date(2022, 9, 22)
    assert timezone.localtime(report.received_at).date() == date(2022, 9, 22)
    assert list(report.accused.values_list("employee__name", flat=True)) == ["Reny Hendrawati"]


def test_page_keeps_the_text_and_says_what_is_wrong(intake_officer, instansi, verified_client):
    client = verified_client(intake_officer)
    response = client.post(
        reverse("intake:draft_entry"),
        {"step": "read", "source_url": URL, "published_on": "2022-09-22", "text": "\x00\x01\x02"},
    )
    assert response.status_code == 400
    assert Report.objects.count() == 0
