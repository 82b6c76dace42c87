"""Issuing, re-issuing, signing and administrators' templates, through the services."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.documents.models import DocumentTemplate, IssuedDocument, NumberAllocation
from tegak.documents.samples import sample_context
from tegak.documents.services import (
    document_file,
    document_sign,
    numbering_scheme_set,
    sha256_of,
    template_upload,
)

from .conftest import docx_bytes, docx_text, pdf_text

pytestmark = pytest.mark.django_db

PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_issued_documents_are_numbered_in_sequence_and_stored_with_hashes(issue):
    first = issue(subject_id="1")
    second = issue(subject_id="2")
    third = issue(subject_id="3")
    year = first.dated.year
    assert [first.number, second.number, third.number] == [
        f"800/1/{year}",
        f"800/2/{year}",
        f"800/3/{year}",
    ]
    docx, _type, _ext = document_file(second, "docx")
    pdf, _type, _ext = document_file(second, "pdf")
    assert sha256_of(docx) == second.sha256_docx and sha256_of(pdf) == second.sha256_pdf
    assert f"800/2/{year}" in pdf_text(pdf) and f"800/2/{year}" in docx_text(docx)
    events = AuditEvent.objects.filter(action="documents.issued")
    assert events.count() == 3
    assert events.last().data["number"] == f"800/3/{year}"


def test_the_instansi_pattern_gives_the_number(issue, instansi, administrator):
    numbering_scheme_set(
        actor=administrator,
        instansi=instansi,
        kind="surat_panggilan_1",
        pattern="{classification}/{sequence}/{unit_code}/{year}",
        classification="800",
        unit_code="BKPPD-PKA",
    )
    document = issue()
    assert document.number == f"800/1/BKPPD-PKA/{document.dated.year}"


def test_reissuing_keeps_the_number_and_raises_the_version(issue):
    first = issue(subject_id="9")
    context = sample_context("surat_panggilan_1")
    context["summons"]["place"] = "Aula Balai Kota"
    again = issue(subject_id="9", context=context)
    assert again.pk == first.pk and again.number == first.number and again.version == 2
    assert "Aula Balai Kota" in pdf_text(document_file(again, "pdf")[0])
    assert NumberAllocation.objects.get().sequence == 1
    assert AuditEvent.objects.filter(action="documents.regenerated").count() == 1
    earlier = again.versions.get()
    assert earlier.version == 1 and earlier.sha256_pdf == first.sha256_pdf
    with earlier.file_pdf.open("rb") as handle:
        old_pdf = handle.read()
    assert sha256_of(old_pdf) == first.sha256_pdf
    assert "Aula Balai Kota" not in pdf_text(old_pdf)


def test_a_signed_document_can_no_longer_change(case_file, authorised_official):
    from tegak.documents.services import document_issue_for_case

    case_file.summon()

    def issue_summons():
        return document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
        )

    document = issue_summons()
    signed = document_sign(
        actor=authorised_official,
        document=document,
        upload=SimpleUploadedFile("scan.pdf", PDF_SCAN, content_type="application/pdf"),
    )
    assert signed.locked and signed.signed_sha256 == sha256_of(PDF_SCAN)
    assert document_file(signed, "signed")[0] == PDF_SCAN
    before = (signed.version, signed.sha256_pdf)
    with pytest.raises(InputError) as caught:
        issue_summons()
    assert "signed" in caught.value.message or "ditandatangani" in caught.value.message
    with pytest.raises(InputError):
        document_sign(
            actor=authorised_official,
            document=signed,
            upload=SimpleUploadedFile("other.pdf", PDF_SCAN + b"x"),
        )
    signed.refresh_from_db()
    assert (signed.version, signed.sha256_pdf) == before
    assert signed.signed_sha256 == sha256_of(PDF_SCAN)
    assert NumberAllocation.objects.get().sequence == 1


def test_only_staff_acting_on_the_case_record_signed_copies(case_file, authorised_official):
    from tegak.documents.services import document_issue_for_case
    from tests.conftest import make_user

    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    unassigned = make_user("pemeriksa-lain", case_file.case.instansi, "examiner")
    with pytest.raises(PermissionDenied):
        document_sign(
            actor=unassigned, document=document, upload=SimpleUploadedFile("s.pdf", PDF_SCAN)
        )
    document.refresh_from_db()
    assert not document.locked


def test_a_signed_copy_must_be_a_scan(case_file, authorised_official):
    from tegak.documents.services import document_issue_for_case

    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    with pytest.raises(InputError) as caught:
        document_sign(
            actor=authorised_official, document=document, upload=io.BytesIO(b"just some text")
        )
    assert caught.value.field == "file"
    document.refresh_from_db()
    assert not document.locked


def test_outsider_cannot_issue_and_nothing_is_written(issue, outsider):
    with pytest.raises(PermissionDenied):
        issue(actor=outsider)
    assert not IssuedDocument.objects.exists()
    assert not NumberAllocation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_intake_officer_issues_receipts_but_not_decisions(issue, intake_officer):
    receipt = issue(kind="tanda_terima_laporan", actor=intake_officer)
    assert receipt.number
    with pytest.raises(PermissionDenied):
        issue(kind="keputusan_hukuman_ringan", actor=intake_officer)


def test_failed_render_consumes_no_number(issue, instansi, administrator):
    # Valid placeholders that a real case may not fill (the second question does not exist).
    template_upload(
        actor=administrator,
        instansi=instansi,
        kind="berita_acara_pemeriksaan",
        upload=SimpleUploadedFile(
            "bap.docx", docx_bytes("Nomor {{ document.number }}", "{{ questions[1].answer }}")
        ),
    )
    context = sample_context("berita_acara_pemeriksaan")
    context["questions"] = context["questions"][:1]
    with pytest.raises(InputError) as caught:
        issue(kind="berita_acara_pemeriksaan", context=context)
    assert caught.value.field == "template"
    assert not IssuedDocument.objects.exists()
    full = issue(kind="berita_acara_pemeriksaan")
    assert full.sequence == 1


def test_uploaded_template_with_unknown_placeholders_is_refused_naming_them(
    instansi, administrator
):
    data = docx_bytes(
        "Yth. {{ pegawai.nama }}",
        "NIP {{ employee.nip_baru }} {{ employee.name }}",
        "{% for member in examiners %}{{ member.name }}{% endfor %}",
    )
    with pytest.raises(InputError) as caught:
        template_upload(
            actor=administrator,
            instansi=instansi,
            kind="surat_panggilan_1",
            upload=SimpleUploadedFile("panggilan.docx", data),
        )
    message = caught.value.message
    for name in ("pegawai", "employee.nip_baru", "examiners"):
        assert name in message
    assert "employee.name," not in message
    assert [item["placeholder"] for item in caught.value.details] == [
        "employee.nip_baru",
        "examiners",
        "pegawai",
    ]
    assert not DocumentTemplate.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"PK\x03\x04 this is not really a zip", id="truncated-zip"),
        pytest.param(b"%PDF-1.4 a pdf, not a docx", id="pdf-instead"),
        pytest.param(docx_bytes("{{ employee.name ")[:-200], id="cut-short"),
    ],
)
def test_corrupt_docx_template_is_refused(instansi, administrator, data):
    with pytest.raises(InputError) as caught:
        template_upload(
            actor=administrator,
            instansi=instansi,
            kind="surat_panggilan_1",
            upload=SimpleUploadedFile("rusak.docx", data),
        )
    assert caught.value.field == "file"
    assert "DOCX" in caught.value.message
    assert not DocumentTemplate.objects.exists()


def test_template_with_broken_placeholder_syntax_is_refused(instansi, administrator):
    with pytest.raises(InputError) as caught:
        template_upload(
            actor=administrator,
            instansi=instansi,
            kind="surat_panggilan_1",
            upload=SimpleUploadedFile("x.docx", docx_bytes("{{ employee.name ")),
        )
    assert caught.value.field == "file"


def test_an_accepted_template_is_used_for_the_next_document(issue, instansi, administrator):
    template_upload(
        actor=administrator,
        instansi=instansi,
        kind="surat_panggilan_1",
        upload=SimpleUploadedFile(
            "panggilan.docx",
            docx_bytes(
                "KOP {{ instansi.government }}",
                "Nomor {{ document.number }} — Yth. {{ employee.name }} ({{ employee.nip }})",
            ),
        ),
    )
    document = issue()
    text = pdf_text(document_file(document, "pdf")[0])
    assert f"Nomor {document.number}" in text
    assert "Yth. Rina Marlina, S.E. (19900115 201503 2 004)" in text
    assert document.template is not None


def test_only_administrators_upload_templates(instansi, examiner):
    with pytest.raises(PermissionDenied):
        template_upload(
            actor=examiner,
            instansi=instansi,
            kind="surat_panggilan_1",
            upload=SimpleUploadedFile("p.docx", docx_bytes("{{ employee.name }}")),
        )
    assert not DocumentTemplate.objects.exists()


def test_a_docx_that_is_a_compression_bomb_is_refused_before_unpacking(
    instansi, administrator, settings
):
    """A DOCX is a ZIP: one member of zeros that would unpack far past the limit (#12 item 3)."""
    import zipfile

    settings.ARCHIVE_MAX_BYTES = 8 * 1024 * 1024
    buffer = io.BytesIO(docx_bytes("{{ employee.name }}"))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (16 * 1024 * 1024))
    with pytest.raises(InputError) as caught:
        template_upload(
            actor=administrator,
            instansi=instansi,
            kind="surat_panggilan_1",
            upload=SimpleUploadedFile("bom.docx", buffer.getvalue()),
        )
    assert caught.value.field == "file"
    assert "MB" in caught.value.message
    assert not DocumentTemplate.objects.exists()
    assert not AuditEvent.objects.exists()
