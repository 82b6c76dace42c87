"""Issue 14: the administrator uploads a signer's (or a unit's) PKCS#12 certificate on the
electronic-signature page; a file that cannot sign is refused on its field and nothing is kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.documents.models import SigningCertificate
from tests.documents.esign_fixtures import PASSPHRASE, signer_p12

pytestmark = pytest.mark.django_db


@pytest.fixture
def signer(instansi):
    from tegak.people.models import Employee

    return Employee.objects.create(
        instansi=instansi, nip="197203101998031005", name="Hendra Wijaya", status="PNS"
    )


def _post(client, instansi, *, data=None, passphrase=PASSPHRASE, nip="19720310 199803 1 005"):
    upload = SimpleUploadedFile("hendra.p12", data if data is not None else signer_p12())
    return client.post(
        reverse("administration:signing", args=[instansi.code]),
        {"action": "upload", "employee": nip, "file": upload, "passphrase": passphrase},
    )


def test_the_administrator_uploads_a_signers_certificate(admin_client, instansi, signer):
    response = _post(admin_client, instansi)

    assert response.status_code == 302
    row = SigningCertificate.objects.get()
    assert row.employee == signer and row.active
    assert row.subject == "Drs. Hendra Wijaya, M.Si." and row.issuer == "Tegak Test CA"
    assert AuditEvent.objects.filter(action="documents.signing_certificate_uploaded").count() == 1
    page = admin_client.get(reverse("administration:signing", args=[instansi.code]))
    text = page.content.decode()
    assert "Drs. Hendra Wijaya, M.Si." in text and "Tegak Test CA" in text
    assert PASSPHRASE not in text and "PRIVATE KEY" not in text


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        pytest.param({"passphrase": "salah"}, "passphrase", "Frasa sandi", id="wrong-passphrase"),
        pytest.param({"data": b"%PDF-1.7\n%%EOF\n"}, "file", "PKCS#12", id="not-a-certificate"),
        pytest.param({"data": "expired"}, "file", "kedaluwarsa", id="expired"),
        pytest.param({"nip": "199999999999999999"}, "employee", "pegawai", id="unknown-signer"),
        pytest.param({"nip": ""}, "employee", "Pilih penanda tangan", id="neither-signer-nor-unit"),
    ],
)
def test_a_file_that_cannot_sign_is_refused_on_its_field(
    admin_client, instansi, signer, change, field, words
):
    if change.get("data") == "expired":
        change = {"data": signer_p12("Lama", expired=True)}

    response = _post(admin_client, instansi, **change)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert words in " ".join(errors[field]), errors
    assert not SigningCertificate.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="documents.signing_").exists()
    # What was typed stays (except the passphrase, never sent back).
    assert response.context["form"]["employee"].value() == change.get(
        "nip", "19720310 199803 1 005"
    )
    assert PASSPHRASE not in response.content.decode()


def test_a_certificate_is_taken_out_of_use(admin_client, instansi, signer):
    _post(admin_client, instansi)
    row = SigningCertificate.objects.get()

    response = admin_client.post(
        reverse("administration:signing", args=[instansi.code]),
        {"action": "deactivate", "certificate": row.pk},
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.active
    assert AuditEvent.objects.filter(action="documents.signing_certificate_deactivated").exists()


def test_others_get_404_and_nothing_is_kept(verified_client, instansi, outsider, examiner, signer):
    for user in (outsider, examiner):
        client = verified_client(user)
        url = reverse("administration:signing", args=[instansi.code])
        assert client.get(url).status_code == 404
        assert _post(client, instansi).status_code == 404
    assert not SigningCertificate.objects.exists()
