"""The pages: the public form and tracking (no account), and the staff pages."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tegak.intake import services
from tegak.intake.models import Report

from .conftest import exe_renamed, jpeg_with_gps

FORM = {
    "accused_text": "Budi Santoso, Sekretariat DPRD",
    "description": "Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
    "occurred_on": "2022-08-26",
    "occurred_time": "15:00",
    "occurred_timezone": "WIB",
    "location": "Tempat karaoke",
    "reporter_mode": "anonymous",
    "links": "https://video.test/karaoke",
}


def _form(instansi, **extra):
    return {"instansi": instansi.pk, **FORM, **extra}


def _code_in(response) -> str:
    match = re.search(rb"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", response.content)
    assert match, "no receipt code on the page"
    return match.group().decode()


def test_public_form_opens_without_an_account(client, instansi):
    response = client.get(reverse("reporting:new"))
    assert response.status_code == 200
    assert b"UU 25/2009" in response.content and b"UU 27/2022" in response.content


def test_sending_shows_the_receipt_once_and_never_in_a_url(client, instansi):
    response = client.post(
        reverse("reporting:new"),
        _form(instansi, files=SimpleUploadedFile("foto.jpg", jpeg_with_gps())),
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    code = _code_in(response)
    report = Report.objects.get()
    assert report.evidence.count() == 2
    assert code.replace("-", "") not in (report.receipt_hash + report.receipt_index)


def test_a_refused_file_keeps_everything_typed(client, instansi):
    response = client.post(
        reverse("reporting:new"),
        _form(instansi, files=SimpleUploadedFile("foto.jpg", exe_renamed())),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert FORM["description"] in page and FORM["accused_text"] in page
    assert 'value="2022-08-26"' in page and "https://video.test/karaoke" in page
    assert 'id="id_files_errors"' in page
    assert Report.objects.count() == 0


def test_an_oversized_file_is_cut_while_arriving_and_refused(client, instansi, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 4096
    big = jpeg_with_gps() + b"\x00" * 20000
    response = client.post(
        reverse("reporting:new"), _form(instansi, files=SimpleUploadedFile("besar.jpg", big))
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_files_errors"' in page and "MB" in page
    assert FORM["description"] in page
    assert Report.objects.count() == 0


def test_the_guard_stops_storing_bytes_past_the_limit(rf, settings):
    from tegak.intake.uploads import OVERSIZED, EvidenceSizeGuard

    settings.EVIDENCE_MAX_FILE_BYTES = 10
    request = rf.post("/lapor/")
    guard = EvidenceSizeGuard(request)
    guard.new_file("files", "a.jpg", "image/jpeg", 30)
    assert guard.receive_data_chunk(b"x" * 8, 0) == b"x" * 8
    assert guard.receive_data_chunk(b"x" * 8, 8) is None
    assert getattr(request, OVERSIZED) == "file"


def test_the_form_still_needs_its_csrf_token(instansi):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("reporting:new"), _form(instansi)).status_code == 403
    assert Report.objects.count() == 0


def test_a_date_that_does_not_exist_is_a_field_error(client, instansi):
    response = client.post(reverse("reporting:new"), _form(instansi, occurred_on="2023-02-30"))
    assert response.status_code == 400
    assert 'id="id_occurred_on_errors"' in response.content.decode()
    assert Report.objects.count() == 0


def test_messages_are_in_indonesian_by_default(client, instansi):
    response = client.post(reverse("reporting:new"), _form(instansi, description=""))
    assert "Mohon isi kolom ini." in response.content.decode()


def test_resending_the_same_form_does_not_create_a_second_report(client, instansi):
    """A reload of the receipt page sends the form and its photo again: 409, one report, and
    the second sending's photo is not left on disk (it is refused by the report's unique key,
    after its file was written)."""
    from django.core.files.storage import default_storage

    from tegak.intake.models import Evidence

    page = client.get(reverse("reporting:new")).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)

    def send():  # type: ignore[no-untyped-def]
        photo = SimpleUploadedFile("foto.jpg", jpeg_with_gps())
        return client.post(
            reverse("reporting:new"), _form(instansi, submission_token=token, files=photo)
        )

    assert send().status_code == 201
    again = send()
    assert again.status_code == 409
    assert Report.objects.count() == 1
    stored = {row.original.name.rsplit("/", 1)[-1] for row in Evidence.objects.filter(kind="file")}
    assert len(stored) == 1
    assert set(default_storage.listdir("evidence")[1]) == stored


def test_flood_is_refused_with_429(client, instansi, settings):
    settings.INTAKE_REPORTS_PER_ADDRESS_PER_HOUR = 1
    assert client.post(reverse("reporting:new"), _form(instansi)).status_code == 201
    response = client.post(reverse("reporting:new"), _form(instansi))
    assert response.status_code == 429
    assert FORM["description"] in response.content.decode()


def test_tracking_with_the_code_then_answering(client, submitted, intake_officer):
    report, code = submitted
    services.message_send(
        actor=intake_officer, report=report, body="Jam berapa tepatnya?", internal=False
    )
    services.message_send(actor=intake_officer, report=report, body="RAHASIA-TIM", internal=True)
    wrong = client.post(reverse("reporting:track"), {"code": "1234"})
    assert wrong.status_code == 400
    response = client.post(reverse("reporting:track"), {"code": code})
    assert response.status_code == 302 and code not in response["Location"]
    page = client.get(reverse("reporting:status")).content.decode()
    assert "Jam berapa tepatnya?" in page and "RAHASIA-TIM" not in page
    assert "menunggu" in page  # the status in plain Indonesian words
    client.post(reverse("reporting:reply"), {"body": "Pukul 15.00 WIB."})
    assert report.messages.filter(author_kind="reporter", body="Pukul 15.00 WIB.").exists()
    services.staff_evidence_add(
        actor=intake_officer, report=report, files=[], links=["https://internal.test/cctv-notes"]
    )
    assert "internal.test" not in client.get(reverse("reporting:status")).content.decode()
    client.post(reverse("reporting:sign_out"))
    assert client.get(reverse("reporting:status")).status_code == 302


def test_status_page_needs_the_code_first(client, submitted):
    response = client.get(reverse("reporting:status"))
    assert response.status_code == 302 and response["Location"] == reverse("reporting:track")


@pytest.mark.parametrize(
    ("persona", "queue_status", "detail_status"),
    [
        ("intake_officer", 200, 200),
        ("administrator", 200, 200),
        ("custodian", 200, 200),
        ("examiner", 403, 404),
        ("authorised_official", 403, 404),
        ("outsider", 200, 404),
    ],
)
def test_staff_pages_by_role(
    request, verified_client, submitted, persona, queue_status, detail_status
):
    report, _ = submitted
    client = verified_client(request.getfixturevalue(persona))
    queue = client.get(reverse("intake:queue"))
    assert queue.status_code == queue_status
    if queue_status == 200:
        assert (report.reference.encode() in queue.content) == (persona != "outsider")
    assert client.get(reverse("intake:detail", args=[report.pk])).status_code == detail_status


def test_verify_through_the_page_and_outsider_cannot(
    verified_client, submitted, intake_officer, outsider
):
    report, _ = submitted
    url = reverse("intake:action", args=[report.pk, "verify"])
    assert verified_client(outsider).post(url, {"verify-note": ""}).status_code == 404
    report.refresh_from_db()
    assert report.status == "received"
    response = verified_client(intake_officer).post(url, {"verify-note": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "verified"


def test_reject_without_reason_shows_the_error(verified_client, submitted, intake_officer):
    report, _ = submitted
    response = verified_client(intake_officer).post(
        reverse("intake:action", args=[report.pk, "reject"]), {"reject-reason": "x"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "received"


def test_original_for_intake_officer_cleaned_copy_for_others(
    verified_client,
    instansi,
    report_input,
    intake_officer,
    administrator,
    django_capture_on_commit_callbacks,
):
    from tegak.jobs.runner import drain

    from .conftest import upload

    data = jpeg_with_gps()
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi, data=report_input(files=[upload("a.jpg", data)]), client_key="k"
        )
    drain()
    evidence = report.evidence.get()
    url = reverse("intake:evidence_download", args=[evidence.pk])
    original = b"".join(verified_client(intake_officer).get(url).streaming_content)
    assert hashlib.sha256(original).hexdigest() == evidence.sha256
    client = verified_client(administrator)
    copy = b"".join(client.get(url).streaming_content)
    assert hashlib.sha256(copy).hexdigest() == evidence.clean_copy.sha256
    assert not Image.open(io.BytesIO(copy)).getexif()


def test_staff_entry_shows_the_receipt_code_once(verified_client, intake_officer, instansi):
    response = verified_client(intake_officer).post(
        reverse("intake:staff_entry"),
        {
            **FORM,
            "channel": "phone",
            "received_on": "",
            "lapor_tracking_number": "",
            "letter_reference": "",
        },
    )
    assert response.status_code == 201
    _code_in(response)
    assert Report.objects.get().channel == "phone"


def test_the_staff_entry_form_speaks_of_the_reporter_not_in_the_reporters_voice(
    verified_client, intake_officer, instansi
):
    """Seed walk: an officer recording a letter read "Identitas Anda" and "Anonim: saya tidak
    menyebutkan nama", as if the officer were the reporter; the report's page too."""
    client = verified_client(intake_officer)
    page = client.get(reverse("intake:staff_entry"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Identitas pelapor" in page and "Anonim: pelapor tidak menyebutkan nama" in page
    assert "Identitas Anda" not in page and "nama saya" not in page
    response = client.post(
        reverse("intake:staff_entry"),
        {
            **FORM,
            "channel": "letter",
            "received_on": "",
            "lapor_tracking_number": "",
            "letter_reference": "B/12/2022",
        },
    )
    assert response.status_code == 201
    report = Report.objects.get()
    detail = client.get(
        reverse("intake:detail", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert "Anonim: pelapor tidak menyebutkan nama" in detail
    # The public form still speaks to the reporter.
    public = client.get(reverse("reporting:new"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Identitas Anda" in public


def test_media_entry(verified_client, intake_officer, instansi):
    response = verified_client(intake_officer).post(
        reverse("intake:media_entry"),
        {
            "source_url": "https://berita.test/viral",
            "published_on": "2022-09-22",
            "text": "Viral ASN dan TKK asyik karaoke.",
            "occurred_timezone": "WIB",
        },
    )
    assert response.status_code == 201
    assert Report.objects.get().channel == "media"


def test_showing_the_form_writes_nothing_and_a_resent_form_is_refused_by_the_report(
    client, instansi
):
    """The one-time token lives in the page and, hashed, on the report it made: showing the
    form stores no session, and the refusal of a second sending needs no write after the
    report's commit (#16)."""
    from django.contrib.sessions.models import Session

    page = client.get(reverse("reporting:new")).content.decode()
    assert Session.objects.count() == 0
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    first = client.post(reverse("reporting:new"), _form(instansi, submission_token=token))
    assert first.status_code == 201
    assert Report.objects.get().submission_key == hashlib.sha256(token.encode()).hexdigest()
    assert (
        client.post(reverse("reporting:new"), _form(instansi, submission_token=token)).status_code
        == 409
    )
    other_page = client.get(reverse("reporting:new")).content.decode()
    other = re.search(r'name="submission_token" value="([^"]+)"', other_page).group(1)
    assert other != token
    assert (
        client.post(reverse("reporting:new"), _form(instansi, submission_token=other)).status_code
        == 201
    )
    assert Report.objects.count() == 2
