"""The SIASN sanction record against a stand-in SIASN over real HTTP: prepared when the
decision is final, completed once the decree is numbered, sent through a retried job with an
OAuth2 client-credentials token, the answer kept on the case and in the audit log."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from urllib.parse import parse_qs

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.connectors.models import SiasnRecord, SiasnSettings, SiasnState
from tegak.connectors.services import siasn_set
from tegak.documents.models import IssuedDocument
from tegak.jobs.models import Job
from tegak.jobs.runner import drain
from tests.cases.test_flow import run_to_final
from tests.review.conftest import staff_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mapping_file(tmp_path, settings):
    path = tmp_path / "siasn.json"
    from tegak.connectors.siasn import DATA_FILE

    shipped = json.loads(DATA_FILE.read_text())["sanctions"]
    codes = {code: {"jenisHukumanId": f"JH-{code}"} for code in shipped}
    path.write_text(json.dumps({"sanctions": codes, "reasons": {"pp-94-2021": {"id": "AL-3"}}}))
    settings.SIASN_MAPPING_FILE = str(path)
    return path


@pytest.fixture
def siasn_server(stand_in):
    state = {"tokens": 0, "saved": [], "uploads": []}

    def token(request):
        basic = request["headers"].get("authorization", "")
        if basic != "Basic " + base64.b64encode(b"tegak-kota:rahasia").decode():
            return 401, {"error": "invalid_client"}
        if parse_qs(request["body"].decode()).get("grant_type") != ["client_credentials"]:
            return 400, {"error": "unsupported_grant_type"}
        state["tokens"] += 1
        return 200, {"access_token": f"tok-{state['tokens']}", "expires_in": 3600}

    def authorised(request):
        return request["headers"].get("authorization", "").startswith("Bearer tok-")

    def person(request):
        if not authorised(request):
            return 401, {}
        return 200, {"data": {"id": "PNS-ORANG-1", "nipBaru": request["path"].rsplit("/", 1)[1]}}

    def upload(request):
        if not authorised(request):
            return 401, {}
        assert request["headers"]["content-type"].startswith("multipart/form-data")
        state["uploads"].append(request["body"])
        return 200, {"success": True, "data": {"dok_uri": "peremajaan/hukdis/sk-1.pdf"}}

    def save(request):
        if not authorised(request):
            return 401, {}
        body = json.loads(request["body"])
        state["saved"].append(body)
        return 200, {"success": True, "mapData": {"rwHukdisId": "RW-HD-9"}, "message": "ok"}

    stand_in.routes[("POST", "/oauth2/token")] = token
    stand_in.routes[("POST", "/apisiasn/1.0/upload-dok")] = upload
    stand_in.routes[("POST", "/apisiasn/1.0/hukdis/save")] = save
    stand_in.state = state
    stand_in.person = person
    return stand_in


def _connect(instansi, administrator, server):
    server.routes[("GET", "/apisiasn/1.0/pns/data-utama/" + NIP_HOLDER["nip"])] = server.person
    return siasn_set(
        actor=administrator,
        instansi=instansi,
        base_url=server.url + "/apisiasn/1.0",
        token_url=server.url + "/oauth2/token",
        client_id="tegak-kota",
        client_secret="rahasia",
        active=True,
    )


NIP_HOLDER: dict[str, str] = {}


def _decree(decision, instansi, staff):
    document = IssuedDocument(
        instansi=instansi,
        subject_type="decisions.decision",
        subject_id=str(decision.pk),
        subject_label=decision.case.register_number,
        case_key=str(decision.case_id),
        kind="keputusan_hukuman_ringan",
        number="800/12/Kep.7-SETWAN/2026",
        sequence=7,
        year=2026,
        dated=date(2026, 10, 16),
        issued_by=staff.official,
        issued_at=timezone.now(),
        sha256_docx="0" * 64,
        sha256_pdf="0" * 64,
    )
    document.file_pdf.save("sk.pdf", ContentFile(PDF), save=False)
    document.file_docx.save("sk.docx", ContentFile(b"docx"), save=False)
    document.save()
    return document


def test_a_final_decision_is_recorded_in_siasn_with_its_decree(
    open_case,
    staff,
    instansi,
    administrator,
    siasn_server,
    mapping_file,
    django_capture_on_commit_callbacks,
):
    case = open_case()
    NIP_HOLDER["nip"] = case.accused.get().employee.nip
    _connect(instansi, administrator, siasn_server)
    with django_capture_on_commit_callbacks(execute=True):
        accused, _summons, decision, delivery, _steps = run_to_final(case, staff)
    row = SiasnRecord.objects.get(accused=accused)
    # No decree numbered yet: the record says what is missing and is not sent.
    assert row.state == SiasnState.INCOMPLETE
    assert row.missing == ["skNomor"]
    assert row.record["jenisHukumanId"] == f"JH-{decision.sanction_code}"
    assert row.record["alasanHukumanDisiplinId"] == "AL-3"
    assert row.record["hukumanTanggal"] == delivery.effective_on.strftime("%d-%m-%Y")

    _decree(decision, instansi, staff)
    client = staff_client(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("connectors:siasn_retry", args=[instansi.code, row.pk]))
    assert answer.status_code == 302
    drain()
    row.refresh_from_db()
    assert row.state == SiasnState.SENT, row.last_error
    saved = siasn_server.state["saved"][0]
    assert saved["pnsOrangId"] == "PNS-ORANG-1"
    assert saved["path"] == "peremajaan/hukdis/sk-1.pdf"
    assert saved["skNomor"] == "800/12/Kep.7-SETWAN/2026"
    assert saved["skTanggal"] == "16-10-2026"
    assert set(saved) >= {
        "jenisHukumanId",
        "alasanHukumanDisiplinId",
        "skNomor",
        "skTanggal",
        "hukumanTanggal",
        "akhirHukumanTanggal",
        "masaBulan",
        "masaTahun",
        "nomorPp",
        "pnsOrangId",
        "path",
    }
    assert PDF in siasn_server.state["uploads"][0]
    assert row.answer["mapData"] == {"rwHukdisId": "RW-HD-9"}
    event = AuditEvent.objects.filter(action="connectors.siasn_recorded").get()
    assert event.data["answer"]["mapData"]["rwHukdisId"] == "RW-HD-9"

    # The same record, downloadable for a manual upload.
    download = client.get(reverse("connectors:siasn_download", args=[instansi.code, row.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    body = json.loads(download.content)
    assert body["hukdis"]["skNomor"] == "800/12/Kep.7-SETWAN/2026"
    assert body["nip"] == NIP_HOLDER["nip"]


def test_siasn_down_then_garbage_is_retried_and_shown(
    open_case,
    staff,
    instansi,
    administrator,
    siasn_server,
    mapping_file,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.JOB_MAX_ATTEMPTS = 2
    case = open_case()
    NIP_HOLDER["nip"] = case.accused.get().employee.nip
    _connect(instansi, administrator, siasn_server)
    siasn_server.routes[("POST", "/apisiasn/1.0/hukdis/save")] = lambda r: (200, b"<html>")
    accused, _s, decision, _d, _steps = run_to_final(case, staff)
    _decree(decision, instansi, staff)
    row = SiasnRecord.objects.get(accused=accused)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client(administrator).post(
            reverse("connectors:siasn_retry", args=[instansi.code, row.pk])
        )
    drain()
    row.refresh_from_db()
    assert (row.state, row.last_error) == (SiasnState.RETRYING, "the answer is not JSON")
    job = Job.objects.get(task_path="tegak.connectors.tasks.siasn_send")
    with time_machine.travel(job.available_at + timedelta(seconds=1)):
        drain()
    row.refresh_from_db()
    assert row.state == SiasnState.FAILED
    page = staff_client(administrator).get(reverse("connectors:siasn", args=[instansi.code]))
    assert "the answer is not JSON" in page.content.decode()
    assert not SiasnSettings.objects.get().client_secret_sealed.count("rahasia")
