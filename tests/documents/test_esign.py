"""Electronic signatures on issued letters: PAdES that pyHanko and poppler's pdfsig accept, that
fail after one byte changes, a QR code that opens the verification page, keys kept sealed, and
the administrator's refusals of files that cannot sign."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils import translation

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.documents import authority, esign
from tegak.documents.models import ElectronicSignature, SigningCertificate
from tegak.documents.signatures import (
    ADDED_TO,
    ALTERED,
    ISSUED,
    UNREADABLE,
    UNSIGNED_ISSUED,
    check_file,
    signing_certificate_upload,
    trust_roots,
)
from tests.documents.esign_fixtures import PASSPHRASE, authority_for_tests, signer_p12


@pytest.fixture
def ca():
    return authority_for_tests()


@pytest.fixture
def p12():
    return signer_p12()


@pytest.fixture
def signer_employee(instansi, examiner):
    """The signer of the letters; the `issue` fixture's user (the examiner) is their account:
    only the signer's own issue is signed electronically."""
    from tegak.people.models import Employee

    employee = Employee.objects.create(
        instansi=instansi,
        nip="197203101998031005",
        name="Hendra Wijaya",
        status="PNS",
        golongan="IV/b",
    )
    examiner.employee = employee
    examiner.save(update_fields=["employee"])
    return employee


@pytest.fixture
def configured(administrator, instansi, signer_employee, p12):
    return signing_certificate_upload(
        actor=administrator,
        instansi=instansi,
        upload=p12,
        passphrase=PASSPHRASE,
        employee=signer_employee,
    )


def _signed(issue, signer_employee, **extra):
    document = issue(signer_id=signer_employee.pk, **extra)
    with document.file_pdf.open("rb") as handle:
        return document, handle.read()


def _flip_inside_signed_part(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(data) // 4] ^= 0x01
    return bytes(changed)


def test_a_letter_whose_signer_has_a_certificate_is_issued_signed_and_validates(
    configured, issue, signer_employee, ca
):
    document, pdf = _signed(issue, signer_employee)

    signature = ElectronicSignature.objects.get(document=document)
    assert signature.version == 1
    assert signature.sha256 == document.sha256_pdf
    assert signature.certificate == configured
    assert signature.signer_name == "Drs. Hendra Wijaya, M.Si."  # as the letter prints it
    checked = esign.check_pdf(pdf, [ca.certificate])
    assert [(item.intact, item.trusted, item.covers_whole_file) for item in checked.signatures] == [
        (True, True, True)
    ]
    assert checked.signatures[0].signer == "Drs. Hendra Wijaya, M.Si."
    # Not trusted against another authority: the chain matters, not only the bytes.
    other = authority.make_authority("Another CA")
    assert not esign.check_pdf(pdf, [other.certificate]).signatures[0].trusted
    # The issuing event names the certificate it was signed with.
    event = AuditEvent.objects.filter(action="documents.issued").latest("id")
    assert event.data["certificate"] == configured.fingerprint


def test_one_changed_byte_breaks_the_signature_for_pyhanko(configured, issue, signer_employee, ca):
    _document, pdf = _signed(issue, signer_employee)

    checked = esign.check_pdf(_flip_inside_signed_part(pdf), [ca.certificate])

    assert checked.signatures and not checked.signatures[0].intact


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_pdfsig_reads_the_signature_as_valid_and_a_changed_byte_as_invalid(
    configured, issue, signer_employee, tmp_path
):
    _document, pdf = _signed(issue, signer_employee)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(pdf)
    bad.write_bytes(_flip_inside_signed_part(pdf))

    said = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True, check=False)
    broken = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True, check=False)

    assert "Signature Validation: Signature is Valid." in said.stdout
    assert "Signer Certificate Common Name: Drs. Hendra Wijaya, M.Si." in said.stdout
    assert "Total document signed" in said.stdout
    assert "Signature is Valid." not in broken.stdout
    assert "Digest Mismatch" in broken.stdout


def _nss_database_trusting(directory, certificate) -> str:
    """A fresh NSS database (what pdfsig reads) that trusts `certificate` as an authority."""
    from cryptography.hazmat.primitives import serialization

    directory.mkdir()
    pem = directory / "ca.pem"
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    database = f"sql:{directory}"
    subprocess.run(
        ["certutil", "-N", "-d", database, "--empty-password"], check=True, capture_output=True
    )
    subprocess.run(
        ["certutil", "-A", "-d", database, "-n", "CA", "-t", "CT,C,C", "-a", "-i", str(pem)],
        check=True,
        capture_output=True,
    )
    return str(directory)  # pdfsig takes the directory itself ("sql:…" fails validation)


@pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("certutil") is None,
    reason="poppler-utils (pdfsig) or libnss3-tools (certutil) not installed",
)
def test_pdfsig_trusts_the_signer_once_told_to_trust_the_authority(
    configured, issue, signer_employee, ca, tmp_path
):
    """What an oversight body does with /verifikasi/ca.pem: import the authority into the NSS
    database of its validator. pdfsig then reads the signature valid and the certificate
    trusted; without the authority, the same file is valid but not trusted."""
    _document, pdf = _signed(issue, signer_employee)
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(pdf)
    trusting = _nss_database_trusting(tmp_path / "trusting", ca.certificate)
    other = _nss_database_trusting(
        tmp_path / "other", authority.make_authority("Another CA").certificate
    )

    def pdfsig(database: str) -> str:
        # No -no-ocsp: poppler 22.12 then answers "Unknown issue with Certificate" for any
        # chain. Our certificates name no OCSP responder, so nothing is fetched.
        run = ["pdfsig", "-nssdir", database, str(letter)]
        return subprocess.run(run, capture_output=True, text=True, check=False).stdout

    trusted, untrusted = pdfsig(trusting), pdfsig(other)

    assert "Signature Validation: Signature is Valid." in trusted
    assert "Certificate Validation: Certificate is Trusted." in trusted
    assert "Signature Validation: Signature is Valid." in untrusted
    assert "Certificate Validation: Certificate issuer isn't Trusted." in untrusted


@pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
    reason="zbar-tools or poppler-utils not installed",
)
def test_the_qr_code_in_the_box_opens_the_verification_page(
    configured, issue, signer_employee, tmp_path
):
    document, pdf = _signed(issue, signer_employee)
    (tmp_path / "signed.pdf").write_bytes(pdf)
    page = ["-f", "1", "-l", "1", str(tmp_path / "signed.pdf"), str(tmp_path / "page")]
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", *page], check=True)

    read = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")],
        capture_output=True,
        text=True,
        check=True,
    )

    token = ElectronicSignature.objects.get(document=document).token
    assert read.stdout.strip() == f"{settings.PUBLIC_URL}/verifikasi/{token}/"
    assert len(token) >= 22  # 128 random bits


def _text_lines(pdf: bytes, tmp_path) -> list[str]:
    """The lines of the last page as a reader sees them, the signature box's text included
    (poppler draws the widget's appearance; its font maps back to Unicode)."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    run = ["pdftotext", "-layout", str(path), "-"]
    pages = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split("\f")
    last = [page for page in pages if page.strip()][-1]
    return [" ".join(line.split()) for line in last.splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_box_sits_in_the_signature_block_between_position_and_name(
    configured, issue, signer_employee, tmp_path
):
    """Where a handwritten signature would go: under the signer's position, above the name —
    not under the last text of the letter (after the Tembusan)."""
    _document, pdf = _signed(issue, signer_employee)

    lines = _text_lines(pdf, tmp_path)

    position = lines.index("Sekretaris DPRD Kota Sukamaju,")
    name = lines.index("Drs. Hendra Wijaya, M.Si.")
    box = lines.index("Ditandatangani secara elektronik")
    assert position < box < name
    assert lines[box + 1].startswith("pada ") and lines[box + 1].endswith("WIB")
    assert lines[box + 2] == "Sertifikat: Tegak Test CA"
    assert lines[name + 1 :][:2] == ["Pembina Tingkat I, IV/b", "NIP 19720310 199803 1 005"]
    assert lines[-1] == "2. Kepala BKPSDM Kota Sukamaju"  # the Tembusan ends the page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_name_outside_latin_1_is_written_whole_in_the_box(tmp_path):
    """A letter without a signature block of ours (an uploaded template): the box goes under
    the last text and names the signer — in a Unicode font, so "Nur’aini Şahab" keeps its
    apostrophe and cedilla (Helvetica's Latin-1 wrote "Nuraini Sahab")."""
    from weasyprint import HTML

    letter = HTML(string="<p>Surat dari templat unggahan</p>").write_pdf()
    stamp = esign.Stamp(
        signer="Nur’aini Şahab, S.H.",
        position="Kepala Bidang Pembinaan Aparatur",
        signed_at="6 Desember 2026 13.40 WIB",
        url="http://127.0.0.1:8000/verifikasi/contoh/",
        issuer="Tegak Test CA",
    )

    signed = esign.sign_pdf(letter, esign.read_pkcs12(signer_p12(), PASSPHRASE), stamp)

    lines = _text_lines(signed, tmp_path)
    assert lines[0] == "Surat dari templat unggahan"
    assert lines[1:4] == [
        "Ditandatangani secara elektronik oleh:",
        "Nur’aini Şahab, S.H.",
        "Kepala Bidang Pembinaan Aparatur",
    ]


def test_without_a_certificate_the_letter_is_issued_unsigned(issue, signer_employee, ca):
    document, pdf = _signed(issue, signer_employee)

    assert not ElectronicSignature.objects.filter(document=document).exists()
    assert esign.check_pdf(pdf, [ca.certificate]).signatures == []


def test_a_unit_seal_signs_when_the_signer_has_no_certificate(
    administrator, instansi, issue, signer_employee, p12, ca
):
    from tegak.people.models import OrgUnit

    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji")
    bkpsdm = OrgUnit.objects.create(instansi=instansi, code="BKPSDM", name="BKPSDM", parent=top)
    seksi = OrgUnit.objects.create(instansi=instansi, code="DISIPLIN", name="Seksi", parent=bkpsdm)
    signing_certificate_upload(
        actor=administrator, instansi=instansi, upload=p12, passphrase=PASSPHRASE, unit=bkpsdm
    )

    # The signer issues it; their unit is under BKPSDM, which keeps the seal.
    document = issue(unit=seksi, signer_id=signer_employee.pk)

    assert ElectronicSignature.objects.filter(document=document).exists()


def test_a_letter_issued_by_someone_else_than_its_signer_is_not_signed_electronically(
    configured, issue, signer_employee, authorised_official
):
    """The seed walk of 2026-12-07: the Sekwan issued a summons the Kabag signs, and it came out
    "Ditandatangani secara elektronik" over the Kabag's name. Only the signer signs; anyone
    else's issue is marked for the signer's wet signature."""
    from tests.documents.conftest import pdf_text

    document, pdf = _signed(issue, signer_employee, actor=authorised_official)

    assert not ElectronicSignature.objects.filter(document=document).exists()
    assert esign.check_pdf(pdf, trust_roots()).signatures == []
    text = pdf_text(pdf)
    assert "Untuk ditandatangani oleh" in text
    assert "Ditandatangani secara elektronik" not in text
    event = AuditEvent.objects.filter(action="documents.issued").latest("id")
    assert event.data["electronic_signature"] == "not_signer"
    assert event.data["certificate"] == ""


def test_a_letter_dated_before_today_is_a_record_copy_never_signed_as_if_then(
    configured, issue, signer_employee
):
    """A case entered after the fact: a letter dated in 2021 came out signed "pada 7 Desember
    2026". Even its own signer's issue is a record copy, marked so, not signed."""
    import datetime as dt

    from django.utils import timezone

    from tegak.documents.formatting import long_date
    from tests.documents.conftest import pdf_text

    document, pdf = _signed(issue, signer_employee, dated=dt.date(2021, 9, 7))

    assert document.dated == dt.date(2021, 9, 7)
    assert not ElectronicSignature.objects.filter(document=document).exists()
    assert esign.check_pdf(pdf, trust_roots()).signatures == []
    text = pdf_text(pdf)
    today = long_date(timezone.localdate())
    assert f"Salinan catatan — dibuat dalam Tegak pada {today}; dokumen asli" in text
    assert "ditandatangani di luar sistem" in text
    event = AuditEvent.objects.filter(action="documents.issued").latest("id")
    assert event.data["electronic_signature"] == "dated_before_issue"


def test_the_key_is_kept_only_sealed(configured, p12):
    credentials = esign.read_pkcs12(p12, PASSPHRASE)
    key_text = base64.b64encode(credentials.key_der).decode()

    row = SigningCertificate.objects.values().get(pk=configured.pk)

    assert row["key_sealed"].startswith("tk2.")
    assert all(key_text[:40] not in str(value) for value in row.values())
    assert "PRIVATE KEY" not in str(row)
    event = AuditEvent.objects.get(action="documents.signing_certificate_uploaded")
    assert "key" not in " ".join(event.data)
    assert event.data["fingerprint"] == configured.fingerprint


@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        pytest.param("wrong_passphrase", "passphrase", "Frasa sandi", id="wrong-passphrase"),
        pytest.param("not_pkcs12", "file", "PKCS#12", id="a-pdf-is-not-a-certificate"),
        pytest.param("expired", "file", "kedaluwarsa", id="expired-certificate"),
    ],
)
def test_a_file_that_cannot_sign_is_refused_on_its_field_and_nothing_is_kept(
    administrator, instansi, signer_employee, p12, ca, case, field, words
):
    upload, passphrase = p12, PASSPHRASE
    if case == "wrong_passphrase":
        passphrase = "bukan-sandinya"
    elif case == "not_pkcs12":
        upload = b"%PDF-1.7\n%%EOF\n"
    elif case == "expired":
        upload = signer_p12("Lama", expired=True)

    with translation.override("id"), pytest.raises(InputError) as refused:
        signing_certificate_upload(
            actor=administrator,
            instansi=instansi,
            upload=upload,
            passphrase=passphrase,
            employee=signer_employee,
        )

    assert refused.value.field == field
    with translation.override("id"):
        assert words in str(refused.value.message)
    assert not SigningCertificate.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="documents.signing_").exists()


def test_only_the_administrator_may_upload(examiner, instansi, signer_employee, p12):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        signing_certificate_upload(
            actor=examiner,
            instansi=instansi,
            upload=p12,
            passphrase=PASSPHRASE,
            employee=signer_employee,
        )
    assert not SigningCertificate.objects.exists()


def test_a_new_certificate_replaces_the_one_in_use(configured, administrator, instansi, ca):
    signer = authority.make_signer(ca, name="Hendra Wijaya", organisation="Pemerintah Kota Uji")
    renewed = signing_certificate_upload(
        actor=administrator,
        instansi=instansi,
        upload=authority.pkcs12_file(signer, passphrase="baru", chain=[ca.certificate]),
        passphrase="baru",
        employee=configured.employee,
    )

    configured.refresh_from_db()
    assert renewed.active and not configured.active
    assert ca.certificate in trust_roots()


def test_a_file_is_recognised_as_issued_added_to_altered_or_not_a_pdf(
    configured, issue, signer_employee
):
    document, pdf = _signed(issue, signer_employee)
    unsigned = issue(kind="surat_panggilan_2", subject_id="2")
    with unsigned.file_pdf.open("rb") as handle:
        unsigned_pdf = handle.read()

    assert check_file(pdf).outcome == ISSUED
    assert check_file(pdf).signature.document == document
    assert check_file(pdf + b"\n% a line added after signing\n").outcome == ADDED_TO
    assert check_file(_flip_inside_signed_part(pdf)).outcome == ALTERED
    assert check_file(b"\x00\xffnot a pdf at all").outcome == UNREADABLE
    assert check_file(b"%PDF-1.7\n garbage without objects").outcome == UNREADABLE
    assert check_file(unsigned_pdf).outcome == UNSIGNED_ISSUED


def test_signing_and_checking_work_inside_a_running_event_loop(
    configured, issue, signer_employee, ca
):
    """pyHanko's synchronous calls start their own event loop; an async server thread (or a
    test session) that already runs one made signing fail and every check read 'invalid'."""
    import asyncio

    _document, pdf = _signed(issue, signer_employee)
    credentials = esign.read_pkcs12(signer_p12(), PASSPHRASE)
    stamp = esign.Stamp(
        signer="Drs. Hendra Wijaya, M.Si.",
        position="Kepala Badan",
        signed_at="6 Desember 2026",
        url="http://127.0.0.1:8000/verifikasi/contoh/",
    )

    from weasyprint import HTML

    unsigned = HTML(string="<p>Surat yang belum ditandatangani</p>").write_pdf()

    async def inside_a_loop() -> tuple[esign.PdfCheck, bytes]:
        return esign.check_pdf(pdf, [ca.certificate]), esign.sign_pdf(unsigned, credentials, stamp)

    checked, signed_now = asyncio.run(inside_a_loop())

    assert [(item.intact, item.trusted) for item in checked.signatures] == [(True, True)]
    fresh = esign.check_pdf(signed_now, [ca.certificate])
    assert [(item.intact, item.trusted) for item in fresh.signatures] == [(True, True)]
