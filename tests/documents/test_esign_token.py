"""Issue 14: letters signed with a key on a PKCS#11 token (ADR 0132). A SoftHSM token is made
in a temporary directory, the test authority's signer key and certificate imported onto it; the
administrator sets it up on the electronic-signature page; an issued letter validates with
pyHanko and poppler's pdfsig, and fails after one changed byte. The PIN is kept only sealed."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.documents import authority, esign
from tegak.documents.models import ElectronicSignature, KeySource, SigningCertificate
from tegak.documents.signatures import signing_token_configure
from tests.documents.esign_fixtures import authority_for_tests

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("softhsm2-util") is None,
        reason="softhsm2 (softhsm2-util and its PKCS#11 library) not installed",
    ),
]

TOKEN = "tegak-uji"
PIN = "246810"
SO_PIN = "13579135"
KEY_LABEL = "ttd-hendra"
NIP = "197203101998031005"
SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
)


def _module() -> str:
    found = next((path for path in SOFTHSM_MODULES if os.path.isfile(path)), "")
    if not found:
        pytest.skip("softhsm2-util is installed but not its PKCS#11 library (libsofthsm2.so)")
    return found


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """A SoftHSM token holding the signer's key (label KEY_LABEL, ID 01), its certificate under
    the same label and ID, and the authority's certificate. SoftHSM reads SOFTHSM2_CONF when
    its library is first loaded, so the token lives for the whole test process."""
    from cryptography.hazmat.primitives import serialization

    module = _module()
    directory = tmp_path_factory.mktemp("softhsm")
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\n"
        "log.level = ERROR\n"
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    ca = authority_for_tests()
    signer = authority.make_signer(
        ca, name="Drs. Hendra Wijaya, M.Si.", organisation="Pemerintah Kota Uji", serial=NIP
    )
    key_file = directory / "key.pem"
    key_file.write_bytes(
        signer.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    util = ["softhsm2-util"]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", TOKEN, "--so-pin", SO_PIN, "--pin", PIN],
        check=True,
        capture_output=True,
    )
    where = ["--token", TOKEN, "--label", KEY_LABEL, "--id", "01", "--pin", PIN]
    subprocess.run(
        [*util, "--import", str(key_file), *where],
        check=True,
        capture_output=True,
    )
    key_file.unlink()
    _write_certificates(
        module, [(signer.certificate, KEY_LABEL, b"\x01"), (ca.certificate, "ca", b"\xca")]
    )
    yield {"module": module, "ca": ca, "signer": signer}
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


def _write_certificates(module: str, certificates: list) -> None:
    """Put certificates on the token (what the authority's tools do when issuing a token)."""
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(module).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        for certificate, label, identifier in certificates:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: identifier,
                    Attribute.SUBJECT: certificate.subject.public_bytes(),
                    Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
                }
            )


@pytest.fixture
def allowed(settings, softhsm_token):
    settings.PKCS11_MODULES = [softhsm_token["module"]]
    return softhsm_token


@pytest.fixture
def signer_employee(instansi, examiner):
    """The signer; the `issue` fixture's user (the examiner) is their account, since only the
    signer's own issue is signed electronically (ADR 0133)."""
    from tegak.people.models import Employee

    employee = Employee.objects.create(
        instansi=instansi, nip=NIP, name="Hendra Wijaya", status="PNS", golongan="IV/b"
    )
    examiner.employee = employee
    examiner.save(update_fields=["employee"])
    return employee


def _configure(administrator, instansi, signer_employee, allowed_module, **change):
    values = {
        "module": allowed_module,
        "token_label": TOKEN,
        "pin": PIN,
        "key_label": KEY_LABEL,
        "key_id": "",
    } | change
    return signing_token_configure(
        actor=administrator, instansi=instansi, employee=signer_employee, **values
    )


def _flip_inside_signed_part(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(data) // 4] ^= 0x01
    return bytes(changed)


def _nss_trusting(directory, certificate) -> str:
    from cryptography.hazmat.primitives import serialization

    directory.mkdir()
    (directory / "ca.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    database = f"sql:{directory}"
    subprocess.run(
        ["certutil", "-N", "-d", database, "--empty-password"], check=True, capture_output=True
    )
    trust = ["-n", "CA", "-t", "CT,C,C", "-a", "-i", str(directory / "ca.pem")]
    subprocess.run(
        ["certutil", "-A", "-d", database, *trust],
        check=True,
        capture_output=True,
    )
    return str(directory)


def test_a_letter_is_signed_on_the_token_and_validates_with_pyhanko_and_pdfsig(
    allowed, administrator, instansi, signer_employee, issue, tmp_path
):
    row = _configure(administrator, instansi, signer_employee, allowed["module"], key_id="01")

    assert row.source == KeySource.PKCS11 and row.active
    assert row.subject == "Drs. Hendra Wijaya, M.Si." and row.issuer == "Tegak Test CA"
    assert (row.token_label, row.token_key_label, row.token_key_id) == (TOKEN, KEY_LABEL, "01")
    assert "Tegak Test CA" in row.chain_pem or "BEGIN CERTIFICATE" in row.chain_pem
    assert PIN not in row.key_sealed  # sealed under the instansi's key, never in clear
    event = AuditEvent.objects.get(action="documents.signing_token_configured")
    assert event.data["token_label"] == TOKEN and PIN not in str(event.data)

    document = issue(signer_id=signer_employee.pk)
    with document.file_pdf.open("rb") as handle:
        pdf = handle.read()

    signature = ElectronicSignature.objects.get(document=document)
    assert signature.certificate == row and signature.sha256 == document.sha256_pdf
    checked = esign.check_pdf(pdf, [allowed["ca"].certificate])
    assert [(item.intact, item.trusted, item.covers_whole_file) for item in checked.signatures] == [
        (True, True, True)
    ]
    assert (
        not esign.check_pdf(_flip_inside_signed_part(pdf), [allowed["ca"].certificate])
        .signatures[0]
        .intact
    )

    if shutil.which("pdfsig") is None or shutil.which("certutil") is None:
        pytest.skip("poppler-utils (pdfsig) or libnss3-tools (certutil) not installed")
    good, bad = tmp_path / "surat.pdf", tmp_path / "diubah.pdf"
    good.write_bytes(pdf)
    bad.write_bytes(_flip_inside_signed_part(pdf))
    nss = _nss_trusting(tmp_path / "nss", allowed["ca"].certificate)

    def pdfsig(path) -> str:
        run = ["pdfsig", "-nssdir", nss, str(path)]
        return subprocess.run(run, capture_output=True, text=True, check=False).stdout

    said, broken = pdfsig(good), pdfsig(bad)
    assert "Signature Validation: Signature is Valid." in said
    assert "Certificate Validation: Certificate is Trusted." in said
    assert "Signer Certificate Common Name: Drs. Hendra Wijaya, M.Si." in said
    assert "Total document signed" in said
    assert "Signature is Valid." not in broken


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        pytest.param({"pin": "000000"}, "pin", "PIN", id="wrong-pin"),
        pytest.param({"token_label": "token-lain"}, "token_label", "label", id="no-such-token"),
        pytest.param({"key_label": "kunci-lain"}, "key_label", "kunci", id="no-such-key"),
        pytest.param({"key_label": "", "key_id": "zz"}, "key_id", "heksadesimal", id="bad-id"),
        pytest.param({"module": "/tmp/evil.so"}, "module", "modul", id="module-not-allowed"),
    ],
)
def test_a_token_that_cannot_sign_is_refused_on_its_field_and_nothing_is_kept(
    allowed, administrator, instansi, signer_employee, change, field, words
):
    from django.utils import translation

    with translation.override("id"), pytest.raises(InputError) as refused:
        _configure(administrator, instansi, signer_employee, allowed["module"], **change)

    assert refused.value.field == field
    assert words.lower() in refused.value.message.lower(), refused.value.message
    assert not SigningCertificate.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="documents.signing_").exists()


def test_the_administrator_chooses_the_token_on_the_signing_page(
    allowed, verified_client, administrator, instansi, signer_employee
):
    admin_client = verified_client(administrator)
    url = reverse("administration:signing", args=[instansi.code])
    response = admin_client.get(url)
    assert response.status_code == 200, response
    page = response.content.decode()
    assert 'name="token_label"' in page and allowed["module"] in page

    wrong = admin_client.post(
        url,
        {
            "action": "token",
            "employee": NIP,
            "module": allowed["module"],
            "token_label": TOKEN,
            "key_label": KEY_LABEL,
            "pin": "111111",
        },
    )
    assert wrong.status_code == 400
    assert wrong.context["token_form"].errors["pin"]
    assert wrong.context["token_form"]["token_label"].value() == TOKEN  # what was typed stays
    assert not SigningCertificate.objects.exists()

    done = admin_client.post(
        url,
        {
            "action": "token",
            "employee": NIP,
            "module": allowed["module"],
            "token_label": TOKEN,
            "key_label": KEY_LABEL,
            "pin": PIN,
        },
    )
    assert done.status_code == 302
    row = SigningCertificate.objects.get()
    assert row.employee == signer_employee and row.source == KeySource.PKCS11
    listed = admin_client.get(url).content.decode()
    assert TOKEN in listed and KEY_LABEL in listed and PIN not in listed
    assert [allowed["module"]] == settings.PKCS11_MODULES
