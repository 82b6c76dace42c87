"""Issue 14: the public verification page of an electronically signed letter (from its QR code)
and the file check anyone can run there — limited in size and rate, calm on garbage."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tegak.documents.models import ElectronicSignature
from tegak.documents.samples import sample_context
from tegak.documents.services import document_issue
from tegak.documents.signatures import signing_certificate_upload
from tests.documents.esign_fixtures import PASSPHRASE, authority_for_tests, signer_p12

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(instansi, administrator, examiner):
    """A summons signed with the signer's certificate: (document, its PDF bytes, its token)."""
    from tegak.people.models import Employee

    signer = Employee.objects.create(
        instansi=instansi, nip="197203101998031005", name="Hendra Wijaya", status="PNS"
    )
    # The examiner's account is the signer's: only the signer's own issue is signed (ADR 0133).
    examiner.employee = signer
    examiner.save(update_fields=["employee"])
    signing_certificate_upload(
        actor=administrator,
        instansi=instansi,
        upload=signer_p12(),
        passphrase=PASSPHRASE,
        employee=signer,
    )

    def issue(kind="surat_panggilan_1"):
        return document_issue(
            actor=examiner,
            kind=kind,
            instansi=instansi,
            context=sample_context(kind),
            subject_type="test.step",
            subject_id="1",
            case_key="7",
            signer_id=signer.pk,
        )

    document = issue()
    with document.file_pdf.open("rb") as handle:
        data = handle.read()
    token = ElectronicSignature.objects.get(document=document).token
    return document, data, token, issue


def _check(client, url, data, name="surat.pdf"):
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_the_qr_page_shows_what_the_letter_makes_public_and_a_valid_signature(signed):
    document, _data, token, _issue = signed

    response = Client().get(reverse("portal:verification", args=[token]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Tanda tangan sah" in text
    assert document.number in text and "Surat Panggilan I" in text
    assert "Sekretaris DPRD Kota Sukamaju" in text and "Drs. Hendra Wijaya, M.Si." in text
    assert document.sha256_pdf in text
    # Nothing about the accused (the sample letter summons Rina Marlina), nor the case.
    assert "Rina Marlina" not in text and "KSS-" not in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_dates_on_the_page_are_in_the_visitors_language(signed, language):
    from tegak.documents.formatting import long_date

    document, _data, token, _issue = signed
    english = f"{document.dated.day} {document.dated:%B} {document.dated.year}"
    indonesian = long_date(document.dated)
    assert english != indonesian  # (a month spelt alike in both would prove nothing)

    response = Client().get(
        reverse("portal:verification", args=[token]), HTTP_ACCEPT_LANGUAGE=language
    )

    text = response.content.decode()
    shown, other = (indonesian, english) if language == "id" else (english, indonesian)
    assert f'<dd id="letter-date">{shown}</dd>' in text
    assert other not in text


def test_an_unknown_token_says_so_with_404():
    response = Client().get(reverse("portal:verification", args=["bukanTokenYangAda123"]))

    assert response.status_code == 404
    assert 'id="not-found"' in response.content.decode()


def test_the_file_as_issued_is_authentic_and_a_changed_byte_is_altered(signed):
    _document, data, token, _issue = signed
    url = reverse("portal:verification", args=[token])
    changed = bytearray(data)
    changed[len(data) // 4] ^= 1

    same = _check(Client(), url, data).content.decode()
    altered = _check(Client(), url, bytes(changed)).content.decode()
    added = _check(Client(), url, data + b"\n% ditambahkan\n").content.decode()

    assert "Asli" in same and "persis surat yang diterbitkan" in same
    assert "Diubah" in altered and "tidak lagi cocok" in altered
    assert "Diubah setelah ditandatangani" in added


@pytest.mark.parametrize(
    "garbage",
    [b"\x00\x01\x02 not a pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", b"%PDF-" * 1000],
    ids=["binary", "broken-pdf", "only-headers"],
)
def test_garbage_gets_a_plain_answer_not_a_traceback(garbage):
    response = _check(
        Client(raise_request_exception=True), reverse("portal:verification_check"), garbage
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Bukan PDF" in text or "Tidak dikenal" in text
    assert "Traceback" not in text


def test_the_page_without_a_code_checks_a_file_too(signed):
    _document, data, _token, _issue = signed

    text = _check(Client(), reverse("portal:verification_check"), data).content.decode()

    assert "Asli" in text


def test_too_large_a_file_is_refused_on_the_field(monkeypatch):
    monkeypatch.setattr("tegak.portal.verification.UPLOAD_MAX_BYTES", 1000)

    response = _check(Client(), reverse("portal:verification_check"), b"%PDF-" + b"x" * 2000)

    assert response.status_code == 400
    assert "20 MB" in " ".join(response.context["form"].errors["file"])


def test_checks_are_limited_per_address(settings, signed):
    _document, data, token, _issue = signed
    settings.VERIFICATIONS_PER_ADDRESS_PER_HOUR = 2
    url = reverse("portal:verification", args=[token])
    client = Client()

    answers = [_check(client, url, data) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 400]
    assert "Terlalu banyak" in " ".join(answers[2].context["form"].errors["file"])
    assert 'id="verdict"' not in answers[2].content.decode()


def test_an_earlier_version_says_it_was_replaced(signed):
    document, _data, token, issue = signed

    issue()  # generated again before the paper copy: version 2 under the same number

    text = Client().get(reverse("portal:verification", args=[token])).content.decode()
    assert 'id="replaced"' in text
    assert ElectronicSignature.objects.filter(document=document).count() == 2


def test_the_authorities_certificates_can_be_downloaded(signed):
    from cryptography.hazmat.primitives import serialization

    response = Client().get(reverse("portal:verification_authorities"))

    pem = authority_for_tests().certificate.public_bytes(serialization.Encoding.PEM).decode()
    assert response.status_code == 200
    assert pem in response.content.decode()
