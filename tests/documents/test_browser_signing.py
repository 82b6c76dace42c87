"""In a real Chromium, the whole electronic-signature path as the people involved walk it: the
administrator uploads the signer's certificate; the official issues a summons; the PDF carries a
valid signature and a QR code; the QR code, read from the printed page, opens the public
verification page, which says the signature is valid; a tampered copy uploaded there is
'altered'."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.utils import timezone

from tegak.documents import esign
from tegak.documents.models import ElectronicSignature, IssuedDocument
from tests.browser_steps import logged_in
from tests.documents.esign_fixtures import PASSPHRASE, authority_for_tests, signer_p12

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
        reason="zbar-tools or poppler-utils not installed",
    ),
]


def _qr_of_first_page(pdf: bytes, tmp_path) -> str:
    (tmp_path / "printed.pdf").write_bytes(pdf)
    page = ["-f", "1", "-l", "1", str(tmp_path / "printed.pdf"), str(tmp_path / "printed")]
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", *page], check=True)
    read = ["zbarimg", "--quiet", "--raw", str(tmp_path / "printed.png")]
    return subprocess.run(read, capture_output=True, text=True, check=True).stdout.strip()


def test_certificate_upload_issue_scan_verify_and_a_tampered_copy(
    case_file,
    administrator,
    authorised_official,
    instansi,
    browser,
    browser_context_args,
    live_server,
    settings,
    tmp_path,
):
    settings.PUBLIC_URL = live_server.url  # the QR code must lead to this portal
    # Issued by the official, whose post is Sekretaris DPRD, on the letter's date: only then is
    # it signed electronically (a letter dated earlier is a record copy, ADR 0133).
    case_file.summon(issued_on=timezone.localdate())

    # The administrator uploads the PKCS#12 file of the official (found by NIP).
    admin = logged_in(browser, browser_context_args, live_server, administrator)
    admin.goto(f"{live_server.url}/staf/admin-instansi/{instansi.code}/tanda-tangan-elektronik/")
    (tmp_path / "hendra.p12").write_bytes(signer_p12())
    upload = admin.locator("form:has(input[name=action][value=upload])")
    upload.locator("[name=employee]").fill("19720310 199803 1 005")
    upload.locator("[name=file]").set_input_files(str(tmp_path / "hendra.p12"))
    upload.locator("[name=passphrase]").fill(PASSPHRASE)
    upload.locator("button[type=submit]").click()
    admin.wait_for_load_state()
    assert "Drs. Hendra Wijaya, M.Si." in admin.locator("#certificates").inner_text()

    # The official issues the summons from the case's documents page and downloads its PDF.
    official = logged_in(browser, browser_context_args, live_server, authorised_official)
    # Issuing signs the PDF (RSA, the box's font prepared once per process): on a loaded machine
    # that takes longer than Playwright's default 30 s.
    official.set_default_timeout(180_000)
    official.goto(f"{live_server.url}/staf/dokumen/kasus/{case_file.case.pk}/")
    official.locator("form:has(input[value=surat_panggilan_1]) button").first.click()
    official.wait_for_load_state()
    document = IssuedDocument.objects.get(kind="surat_panggilan_1")
    with official.expect_download() as download:
        official.locator(f"a[href$='/{document.pk}/unduh/pdf/']").click()
    pdf = download.value.path().read_bytes()

    # The PDF carries a valid signature under the test authority.
    checked = esign.check_pdf(pdf, [authority_for_tests().certificate])
    assert [(item.intact, item.trusted) for item in checked.signatures] == [(True, True)]
    signature = ElectronicSignature.objects.get(document=document)

    # The QR code on the printed page opens the verification page, which says valid.
    url = _qr_of_first_page(pdf, tmp_path)
    assert url == f"{live_server.url}/verifikasi/{signature.token}/"
    visitor = browser.new_context(**browser_context_args).new_page()
    visitor.set_default_timeout(120_000)
    visitor.goto(url)
    assert "Tanda tangan sah" in visitor.locator("#signature-status").inner_text()
    assert document.number in visitor.locator("#letter-number").inner_text()

    # A copy with one byte changed inside the signed part, uploaded there, is "altered".
    tampered = bytearray(pdf)
    tampered[len(pdf) // 4] ^= 0x01
    (tmp_path / "tampered.pdf").write_bytes(bytes(tampered))
    visitor.goto(f"{live_server.url}/verifikasi/")
    visitor.locator("[name=file]").set_input_files(str(tmp_path / "tampered.pdf"))
    visitor.locator("form:has([name=file]) button[type=submit]").click()
    visitor.wait_for_load_state()
    verdict = visitor.locator("#verdict").inner_text()
    assert "Diubah" in verdict and "Asli" not in verdict
    # The same page, given the file as downloaded, says it is authentic.
    (tmp_path / "as-issued.pdf").write_bytes(pdf)
    visitor.locator("[name=file]").set_input_files(str(tmp_path / "as-issued.pdf"))
    visitor.locator("form:has([name=file]) button[type=submit]").click()
    visitor.wait_for_load_state()
    assert "Asli" in visitor.locator("#verdict").inner_text()
