"""The LAPOR! connector against a stand-in LAPOR! server over real HTTP: dispatches pulled into
triage once, malformed ones kept with their reason, status sent back, export files imported."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from django.utils import timezone

from tegak.connectors import lapor
from tegak.connectors.http import RemoteError
from tegak.connectors.models import (
    DispatchState,
    LaporDispatch,
    LaporSettings,
    LaporStatusUpdate,
    MessageState,
)
from tegak.connectors.services import lapor_set
from tegak.intake import services as intake
from tegak.intake.models import Report
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import drain
from tests.conftest import make_user
from tests.review.conftest import staff_client

pytestmark = pytest.mark.django_db

TOKEN = "lapor-token-uji"
GOOD = {
    "trackingid": "8812345",
    "judul": "Pungutan liar di loket",
    "isi": "Petugas loket meminta uang tambahan Rp50.000 di luar tarif resmi.",
    "tanggal": "2026-10-01 09:30:00",
    "lokasi": "Kantor Kecamatan Uji",
    "kategori": "Pelayanan Publik",
    "nama_pelapor": "Warga Rahasia",
    "email_pelapor": "warga.rahasia@example.org",
}
NO_TEXT = {"trackingid": "8812346", "judul": "Kosong", "isi": "", "tanggal": "2026-10-02"}
BAD_DATE = {"trackingid": "8812347", "isi": "Ada pungli.", "tanggal": "kemarin sore"}


@pytest.fixture
def lapor_server(stand_in):
    """A stand-in LAPOR!: dispatches in two pages, stream updates accepted with a token."""
    pages = {
        "1": {"data": [GOOD, NO_TEXT], "next_page": 2},
        "2": {"data": [BAD_DATE, "not an object"], "next_page": None},
    }

    def complaints(request):
        if request["headers"].get("keytoken") != TOKEN:
            return 401, {"error": "token"}
        page = parse_qs(request["query"]).get("page", ["1"])[0]
        return 200, pages.get(page, {"data": [], "next_page": None})

    def addstream(request):
        if request["headers"].get("keytoken") != TOKEN:
            return 401, {"success": False}
        form = parse_qs(request["body"].decode())
        return 200, {"success": True, "trackingid": form["trackingid"][0], "transaksiid": "TX-77"}

    stand_in.routes[("GET", "/api/complaints")] = complaints
    stand_in.routes[("POST", "/api/stream/addstream")] = addstream
    return stand_in


@pytest.fixture
def connected(instansi, administrator, lapor_server):
    return lapor_set(
        actor=administrator,
        instansi=instansi,
        base_url=lapor_server.url,
        token=TOKEN,
        active=True,
        send_status=True,
    )


def test_pulled_dispatches_enter_triage_once_and_malformed_ones_are_kept_with_a_reason(
    instansi, connected, lapor_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counts = lapor.pull(connected)
    assert counts == {"imported": 1, "malformed": 3, "known": 0}
    report = Report.objects.get()
    assert (report.channel, report.lapor_tracking_number) == ("lapor", "8812345")
    assert report.status == "received"
    assert "Rp50.000" in report.description
    assert report.received_at.date().isoformat() == "2026-10-01"
    # The reporter's name and e-mail LAPOR! sent along are stored nowhere.
    for dispatch in LaporDispatch.objects.all():
        assert "Rahasia" not in repr(dispatch.content)
    assert "Rahasia" not in repr(list(Report.objects.values()))
    reasons = dict(
        LaporDispatch.objects.filter(state=DispatchState.MALFORMED).values_list(
            "tracking_id", "reason"
        )
    )
    assert reasons["8812346"].startswith("isi:")
    assert reasons["8812347"].startswith("tanggal:")
    assert any(reason.startswith("dispatch:") for reason in reasons.values())

    # Pulled again: nothing new, the same dispatch makes one report.
    with django_capture_on_commit_callbacks(execute=True):
        again = lapor.pull(connected)
    assert again == {"imported": 0, "malformed": 0, "known": 4}
    assert Report.objects.count() == 1
    assert LaporDispatch.objects.count() == 4

    # "Received" went back to LAPOR! through the worker.
    drain()
    update = LaporStatusUpdate.objects.get(report=report, status="received")
    assert (update.state, update.answer) == (MessageState.SENT, "TX-77")
    posted = [r for r in lapor_server.seen if r["path"] == "/api/stream/addstream"]
    form = parse_qs(posted[0]["body"].decode())
    assert form["trackingid"] == ["8812345"]
    assert form["status"] == ["received"]


def test_status_goes_back_for_forwarded_in_case_and_decided_with_public_text_only(
    instansi, connected, lapor_server, intake_officer, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lapor.import_dispatch(instansi=instansi, raw=GOOD, source="api")
    report = Report.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_forward(
            actor=intake_officer,
            report=report,
            forwarded_to="Inspektorat Provinsi",
            letter_reference="700/12/2026",
            note="Silakan pantau di Inspektorat.",
        )
    drain()
    texts = {
        update.status: update.text for update in LaporStatusUpdate.objects.filter(report=report)
    }
    assert set(texts) == {"received", "forwarded"}
    assert "Inspektorat Provinsi" in texts["forwarded"]
    assert "700/12/2026" not in texts["forwarded"]  # the covering letter is internal
    assert set(LaporStatusUpdate.objects.values_list("state", flat=True)) == {MessageState.SENT}

    # A second report, verified then taken into a case then decided.
    with django_capture_on_commit_callbacks(execute=True):
        lapor.import_dispatch(instansi=instansi, raw={**GOOD, "trackingid": "9900"}, source="api")
    second = Report.objects.get(lapor_tracking_number="9900")
    intake.report_verify(actor=intake_officer, report=second, note="catatan internal rahasia")
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_mark_in_case(actor=staff.official, report=second, case_reference="K-1/2026")
        intake.report_outcome_publish(
            actor=staff.official,
            report=second,
            outcome={
                "register_number": "K-1/2026",
                "final": True,
                "final_on": "2026-11-20",
                "accused": [
                    {
                        "result": "sanction",
                        "level": "ringan",
                        "label": {"id": "Teguran lisan", "en": "Oral reprimand"},
                        "on": "2026-11-20",
                    }
                ],
            },
        )
    drain()
    statuses = dict(LaporStatusUpdate.objects.filter(report=second).values_list("status", "text"))
    assert set(statuses) == {"received", "in_case", "decided"}
    assert "Teguran lisan" in statuses["decided"]
    assert all("rahasia" not in text for text in statuses.values())


def test_lapor_down_or_answering_garbage_fails_visibly_and_retries(
    instansi, administrator, stand_in, settings, django_capture_on_commit_callbacks
):
    from tegak.connectors.tasks import lapor_pull_all

    row = lapor_set(
        actor=administrator,
        instansi=instansi,
        base_url=stand_in.url,
        token=TOKEN,
        active=True,
        send_status=True,
    )
    stand_in.routes[("GET", "/api/complaints")] = lambda request: (200, b"<html>maintenance")
    with pytest.raises(RemoteError):
        lapor.pull(row)
    row.refresh_from_db()
    assert row.last_error == "the answer is not JSON"
    stand_in.routes[("GET", "/api/complaints")] = lambda request: (200, {"items": "what"})
    result = lapor_pull_all.enqueue()
    drain()
    job = Job.objects.get(pk=result.id)
    assert job.status == JobStatus.READY and job.attempts == 1  # retried after a pause
    assert "kota-uji" in job.errors[-1]["message"]
    page = staff_client(administrator).get(reverse("connectors:lapor", args=[instansi.code]))
    assert "the answer has no list of dispatches" in page.content.decode()
    assert not Report.objects.exists()


def test_a_status_update_to_a_lapor_that_is_down_is_retried_then_sent(
    instansi, connected, lapor_server, django_capture_on_commit_callbacks
):
    import time_machine

    calls = []
    working = lapor_server.routes[("POST", "/api/stream/addstream")]

    def flaky(request):
        calls.append(1)
        return (503, {"success": False}) if len(calls) == 1 else working(request)

    lapor_server.routes[("POST", "/api/stream/addstream")] = flaky
    with django_capture_on_commit_callbacks(execute=True):
        lapor.import_dispatch(instansi=instansi, raw=GOOD, source="api")
    drain()
    update = LaporStatusUpdate.objects.get()
    assert (update.state, update.attempts, update.last_error) == (
        MessageState.RETRYING,
        1,
        "HTTP 503",
    )
    job = Job.objects.get(task_path="tegak.connectors.tasks.lapor_status_send")
    with time_machine.travel(job.available_at + timedelta(seconds=1)):
        drain()
    update.refresh_from_db()
    assert update.state == MessageState.SENT


CSV = (
    "ID Tracking;Judul;Isi Laporan;Tanggal Laporan;Lokasi;Kategori\n"
    "7700001;Pegawai sering absen;Pegawai X jarang masuk kantor sejak Agustus.;2026-09-15;"
    "Dinas Uji;Kepegawaian\n"
    "7700002;Tanpa isi;;2026-09-16;;\n"
)


def test_an_export_file_is_imported_once_with_bad_rows_kept(instansi, intake_officer):
    client = staff_client(intake_officer)
    url = reverse("connectors:lapor", args=[instansi.code])
    for _time in range(2):
        upload = io.BytesIO(CSV.encode())
        upload.name = "lapor-export.csv"
        answer = client.post(url, {"action": "file", "file": upload})
        assert answer.status_code == 302
    assert Report.objects.filter(lapor_tracking_number="7700001", channel="lapor").count() == 1
    assert LaporDispatch.objects.filter(state=DispatchState.MALFORMED).count() == 1
    page = client.get(url).content.decode()
    assert "7700002" in page
    # The triage queue says so and links to the reasons.
    queue = client.get(reverse("intake:queue")).content.decode()
    assert "1 disposisi LAPOR! tidak dapat diimpor" in queue
    assert url in queue
    # An intake officer may import but not change the connection.
    refused = client.post(url, {"action": "settings", "base_url": "https://x.example"})
    assert refused.status_code == 404
    assert not LaporSettings.objects.exists()


def test_a_file_without_the_needed_columns_is_refused_naming_the_column(instansi, intake_officer):
    upload = io.BytesIO(b"Judul,Tanggal\nA,2026-01-01\n")
    upload.name = "salah.csv"
    answer = staff_client(intake_officer).post(
        reverse("connectors:lapor", args=[instansi.code]), {"action": "file", "file": upload}
    )
    assert answer.status_code == 400
    assert "tracking id" in answer.content.decode()
    assert not LaporDispatch.objects.exists()


def test_the_lapor_page_answers_404_out_of_scope(instansi, outsider):
    url = reverse("connectors:lapor", args=[instansi.code])
    assert staff_client(outsider).get(url).status_code == 404
    examiner = make_user("pemeriksa-lapor", instansi, "examiner")
    assert staff_client(examiner).get(url).status_code == 404


def test_a_future_dated_dispatch_is_malformed(instansi):
    future = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%d")
    dispatch = lapor.import_dispatch(
        instansi=instansi, raw={**GOOD, "trackingid": "5", "tanggal": future}, source="api"
    )
    assert dispatch.state == DispatchState.MALFORMED
    assert not Report.objects.exists()
