"""The staff pages: a case's documents area and the templates page, over the personas."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tegak.documents.models import DocumentTemplate, DossierDispatch, IssuedDocument

from .conftest import docx_bytes, pdf_text

pytestmark = pytest.mark.django_db


def test_case_page_shows_why_a_document_cannot_be_issued_yet(
    case_file, authorised_official, verified_client
):
    client = verified_client(authorised_official)
    page = client.get(reverse("documents:case", args=[case_file.case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "KU-2022-0007" in text and "Rina Marlina" in text
    assert "Panggilan I" in text or "Summons I" in text
    assert 'name="kind" value="surat_panggilan_1"' not in text


def test_issue_download_sign_and_send_from_the_case_page(
    case_file, authorised_official, verified_client
):
    case_file.summon()
    client = verified_client(authorised_official)
    case_url = reverse("documents:case", args=[case_file.case.pk])
    assert 'value="surat_panggilan_1"' in client.get(case_url).content.decode()
    response = client.post(
        reverse("documents:issue", args=[case_file.case.pk]),
        {"accused": case_file.accused.pk, "kind": "surat_panggilan_1"},
        follow=True,
    )
    assert response.status_code == 200
    document = IssuedDocument.objects.get()
    assert document.number in response.content.decode()
    pdf = client.get(reverse("documents:download", args=[document.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert document.number in pdf_text(pdf.content)
    docx = client.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert docx.content[:2] == b"PK"
    scan = SimpleUploadedFile("ttd.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(reverse("documents:sign", args=[document.pk]), {"file": scan})
    document.refresh_from_db()
    assert document.locked
    signed = client.get(reverse("documents:download", args=[document.pk, "signed"]))
    assert signed.content == b"%PDF-1.4\n%%EOF\n"
    client.post(
        reverse("documents:dossier_create", args=[case_file.case.pk]),
        {"recipient_kind": "bkn", "recipient_name": "Kantor Regional BKN", "purpose": ""},
    )
    dispatch = DossierDispatch.objects.get()
    archive = client.get(reverse("documents:dossier_download", args=[dispatch.pk]))
    assert archive["Content-Type"] == "application/zip" and archive.content[:2] == b"PK"
    # Nothing identifying in any URL used: only numeric ids.
    assert "Rina" not in reverse("documents:download", args=[document.pk, "pdf"])


def test_issuing_before_the_step_shows_the_reason_and_issues_nothing(
    case_file, authorised_official, verified_client
):
    client = verified_client(authorised_official)
    response = client.post(
        reverse("documents:issue", args=[case_file.case.pk]),
        {"accused": case_file.accused.pk, "kind": "keputusan_hukuman_ringan"},
        follow=True,
    )
    assert response.status_code == 200
    assert not IssuedDocument.objects.exists()
    assert "decision" in response.content.decode() or "keputusan" in response.content.decode()


def test_other_instansi_sees_nothing(case_file, authorised_official, outsider, verified_client):
    case_file.summon()
    from tegak.documents.services import document_issue_for_case

    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    client = verified_client(outsider)
    assert client.get(reverse("documents:case", args=[case_file.case.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk, "pdf"])).status_code == 404
    response = client.post(
        reverse("documents:issue", args=[case_file.case.pk]),
        {"accused": case_file.accused.pk, "kind": "surat_panggilan_1"},
    )
    assert response.status_code == 404
    assert IssuedDocument.objects.get().version == 1


def test_templates_page_refuses_unknown_placeholders_naming_them(administrator, verified_client):
    client = verified_client(administrator)
    url = reverse("documents:templates")
    page = client.get(url)
    assert page.status_code == 200 and "employee.nip" in page.content.decode()
    upload = SimpleUploadedFile("kep.docx", docx_bytes("{{ pegawai.nama }} {{ employee.name }}"))
    response = client.post(url, {"form": "template", "kind": "surat_panggilan_1", "file": upload})
    assert response.status_code == 200
    assert "pegawai" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    broken = SimpleUploadedFile("rusak.docx", b"PK\x03\x04rusak")
    response = client.post(url, {"form": "template", "kind": "surat_panggilan_1", "file": broken})
    assert "DOCX" in response.content.decode()
    good = SimpleUploadedFile("ok.docx", docx_bytes("Nomor {{ document.number }}"))
    client.post(url, {"form": "template", "kind": "surat_panggilan_1", "file": good})
    assert DocumentTemplate.objects.filter(active=True).count() == 1
    builtin = client.get(reverse("documents:builtin", args=["keputusan_hukuman_berat"]))
    assert builtin.content[:2] == b"PK"


def test_templates_page_is_for_administrators_only(examiner, verified_client):
    client = verified_client(examiner)
    assert client.get(reverse("documents:templates")).status_code == 404


def test_unassigned_examiner_and_the_accused_see_no_documents(
    case_file, authorised_official, verified_client
):
    from tegak.documents.services import document_issue_for_case
    from tests.conftest import make_user

    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    unassigned = make_user("pemeriksa-lain", case_file.case.instansi, "examiner")
    accused_user = make_user("rina", case_file.case.instansi, "authorised_official")
    accused_user.employee = case_file.accused.employee
    accused_user.save()
    for user in (unassigned, accused_user):
        client = verified_client(user)
        assert client.get(reverse("documents:case", args=[case_file.case.pk])).status_code == 404
        download = reverse("documents:download", args=[document.pk, "pdf"])
        assert client.get(download).status_code == 404
        client.logout()


def test_api_lists_issues_and_verifies(case_file, authorised_official, verified_client):
    import json as json_module

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tegak.documents.dossier import dossier_send

    client = verified_client(authorised_official)
    base = f"/api/v1/documents/cases/{case_file.case.pk}"
    listed = client.get(base).json()
    assert listed["documents"] == [] and all(item["reason"] for item in listed["available"])
    refused = client.post(
        f"{base}/accused/{case_file.accused.pk}/issue",
        json_module.dumps({"kind": "surat_panggilan_1"}),
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "kind"
    case_file.summon()
    issued = client.post(
        f"{base}/accused/{case_file.accused.pk}/issue",
        json_module.dumps({"kind": "surat_panggilan_1"}),
        content_type="application/json",
    )
    assert issued.status_code == 201 and issued.json()["number"] == "800/1/SETWAN/2022"
    dispatch = dossier_send(
        actor=authorised_official, case=case_file.case, recipient_kind="bkn", recipient_name="BKN"
    )
    with dispatch.file.open("rb") as handle:
        data = handle.read()
    checked = client.post(
        "/api/v1/documents/dossiers/verify", {"file": SimpleUploadedFile("b.zip", data)}
    )
    assert checked.status_code == 200 and checked.json()["ok"] is True
    junk = client.post(
        "/api/v1/documents/dossiers/verify", {"file": SimpleUploadedFile("b.zip", b"bukan")}
    )
    assert junk.status_code == 400 and junk.json()["error"]["field"] == "file"


def test_api_issues_coaching_minutes_with_what_the_official_entered(
    case_file, authorised_official, verified_client
):
    """The staff page let the official enter the coaching given and the person's statement; the
    REST endpoint had no way to, so its minutes always printed lines to fill in by hand."""
    import json as json_module

    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_file

    from .conftest import pdf_text

    decision = case_file.decide(
        who=case_file.accused_tkk, sanction="local:kota-uji:pernyataan_tidak_puas", level=""
    )
    # Kota Uji's rule for its contract staff, as the decision cites it.
    decision.basis_articles = ["Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    client = verified_client(authorised_official)
    url = f"/api/v1/documents/cases/{case_file.case.pk}/accused/{case_file.accused_tkk.pk}/issue"
    too_long = client.post(
        url,
        json_module.dumps({"kind": "berita_acara_pembinaan", "statement": "x" * 2001}),
        content_type="application/json",
    )
    assert too_long.status_code == 400
    assert too_long.json()["error"]["field"] == "statement"
    assert not IssuedDocument.objects.exists()

    issued = client.post(
        url,
        json_module.dumps(
            {
                "kind": "berita_acara_pembinaan",
                "guidance": "Diingatkan agar hadir tepat waktu sesuai jam kerja.",
                "statement": "Saya mengerti dan akan memperbaiki kehadiran saya.",
            }
        ),
        content_type="application/json",
    )
    assert issued.status_code == 201, issued.content
    text = " ".join(pdf_text(document_file(IssuedDocument.objects.get(), "pdf")[0]).split())
    assert "Diingatkan agar hadir tepat waktu sesuai jam kerja." in text
    assert "Saya mengerti dan akan memperbaiki kehadiran saya." in text
