"""Electronic signatures (TTE) of issued letters: the administrator's certificates, signing a
letter as it is issued, and what the public verification page says about a token or a file.

The services of certificates live here rather than in `services.py` (at its size limit); they
follow the same rules: keyword-only, `actor=` required, atomic, one audit event each.
The PDF work itself (PAdES, the visible box, validation) is `tegak.documents.esign`.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.documents import esign
from tegak.documents.access import TEMPLATE_MANAGERS, has_role
from tegak.documents.formatting import long_date
from tegak.documents.models import (
    ElectronicSignature,
    IssuedDocument,
    KeySource,
    SigningCertificate,
)
from tegak.people.models import Employee, Instansi, OrgUnit

CERTIFICATE_MAX_BYTES = 256 * 1024
TOKEN_BYTES = 16  # 128 random bits: a token cannot be guessed, and it says nothing


def _refusal(error: esign.CertificateRefused) -> InputError:
    """The administrator's message for a refused PKCS#12 file, on the field it concerns."""
    messages = {
        esign.NOT_PKCS12: (
            "file",
            _(
                "This file is not a PKCS#12 certificate (.p12 or .pfx). Upload the file your "
                "certification authority (BSrE) gave the signer, with its key."
            ),
        ),
        esign.WRONG_PASSPHRASE: (
            "passphrase",
            _("The passphrase does not open this certificate file. Check it and try again."),
        ),
        esign.NO_KEY: (
            "file",
            _("The file holds no private key and certificate pair; a signature needs both."),
        ),
        esign.KEY_MISMATCH: (
            "file",
            _("The key in the file does not belong to its certificate."),
        ),
        esign.EXPIRED: (
            "file",
            _("The certificate expired on %(date)s; ask the certification authority to renew it.")
            % {"date": error.detail},
        ),
        esign.NOT_YET_VALID: (
            "file",
            _("The certificate is not valid yet (from %(date)s).") % {"date": error.detail[:10]},
        ),
        esign.NOT_FOR_SIGNING: (
            "file",
            _("This certificate may not be used for signatures (its key usage forbids it)."),
        ),
        esign.UNSUPPORTED_KEY: (
            "file",
            _("The key in this file is of a kind Tegak cannot sign with (RSA or ECDSA only)."),
        ),
    }
    field_name, message = messages.get(error.reason, messages[esign.NOT_PKCS12])
    return InputError(field_name, message)


def _token_refusal(error: esign.CertificateRefused) -> InputError:
    """The administrator's message for a key on a token that cannot sign, on its field."""
    messages = {
        esign.MODULE_UNAVAILABLE: (
            "module",
            _("The PKCS#11 module cannot be loaded on this server: %(detail)s")
            % {"detail": error.detail},
        ),
        esign.NO_TOKEN: (
            "token_label",
            _(
                "No token with this label is present; check that the token is plugged in "
                "and its label is written exactly."
            )
            if error.detail != "several"
            else _("Several tokens carry this label; give each token its own label."),
        ),
        esign.WRONG_PIN: ("pin", _("The token refuses this PIN. Check it and try again.")),
        esign.PIN_LOCKED: (
            "pin",
            _("The token's PIN is locked or expired; unblock it with the token's tools first."),
        ),
        esign.NO_KEY: (
            "key_label",
            _("No private key on the token has this label or ID."),
        ),
        esign.SEVERAL_KEYS: (
            "key_label",
            _("Several keys on the token match; give the key ID as well."),
        ),
        esign.NO_CERTIFICATE: (
            "key_label",
            _(
                "The token holds no certificate with the key's label or ID; import the "
                "certificate the certification authority issued onto the token, under the "
                "same label or ID."
            ),
        ),
    }
    if error.reason in messages:
        field_name, message = messages[error.reason]
        return InputError(field_name, message)
    # The certificate's own faults, as for a file, on the key's field.
    return InputError("key_label", _refusal(error).message)


def _read(upload: Any) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > CERTIFICATE_MAX_BYTES:
        raise InputError("file", _("A certificate file is never this large; check the file."))
    data = upload.read() if hasattr(upload, "read") else bytes(upload)
    if not data:
        raise InputError("file", _("The file is empty."))
    if len(data) > CERTIFICATE_MAX_BYTES:
        raise InputError("file", _("A certificate file is never this large; check the file."))
    return bytes(data)


def _seal(instansi: Instansi, secret: dict[str, str]) -> str:
    """A key or a token's PIN, sealed under the instansi's data key (ADR 0003)."""
    from tegak.intake import sealing

    return sealing.seal(secret, instansi=instansi)


def _credentials(row: SigningCertificate) -> esign.Credentials | esign.TokenKey:
    """What signs with this certificate: its sealed key, or its key on a token and the PIN."""
    from tegak.intake import sealing

    opened = sealing.unseal(row.key_sealed, instansi=row.instansi)
    certificate = _certificate_of(row)
    chain = tuple(esign.load_certificates(row.chain_pem))
    if row.source == KeySource.PKCS11:
        if row.token_module not in settings.PKCS11_MODULES:
            raise esign.CertificateRefused(esign.MODULE_UNAVAILABLE, "not allowed any more")
        return esign.TokenKey(
            module=row.token_module,
            token_label=row.token_label,
            key_label=row.token_key_label,
            key_id=bytes.fromhex(row.token_key_id),
            pin=opened["pin"],
            certificate=certificate,
            chain=chain,
        )
    return esign.Credentials(
        key_der=base64.b64decode(opened["pkcs8"]), certificate=certificate, chain=chain
    )


def _signs_for(
    actor: Any, instansi: Instansi, employee: Employee | None, unit: OrgUnit | None
) -> tuple[Employee | None, OrgUnit | None]:
    """The signer or unit a new certificate is for, checked (a signer's wins over a unit)."""
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    if employee is not None and employee.instansi_id != instansi.pk:
        raise InputError("employee", _("This employee does not belong to the instansi."))
    if unit is not None and unit.instansi_id != instansi.pk:
        raise InputError("unit", _("This unit does not belong to the instansi."))
    if employee is None and unit is None:
        raise InputError(
            "employee", _("Choose the signer, or the unit whose letters carry this seal.")
        )
    return employee, (None if employee is not None else unit)


def _keep(
    *,
    actor: Any,
    instansi: Instansi,
    employee: Employee | None,
    unit: OrgUnit | None,
    credentials: esign.Credentials | esign.TokenKey,
    key_sealed: str,
    action: str,
    token: dict[str, str] | None = None,
) -> SigningCertificate:
    """The new certificate in use, the one it replaces out of use, one audit event."""
    certificate = credentials.certificate
    with transaction.atomic():
        same = SigningCertificate.objects.select_for_update().filter(instansi=instansi, active=True)
        same = same.filter(employee=employee) if employee else same.filter(employee=None, unit=unit)
        replaced = [row.fingerprint for row in same]
        same.update(active=False)
        row = SigningCertificate.objects.create(
            instansi=instansi,
            employee=employee,
            unit=unit,
            subject=esign.subject_name(certificate)[:300],
            issuer=esign.issuer_name(certificate)[:300],
            serial=format(certificate.serial_number, "X")[:80],
            fingerprint=esign.fingerprint(certificate),
            valid_from=certificate.not_valid_before_utc,
            valid_until=certificate.not_valid_after_utc,
            certificate_pem=credentials.certificate_pem,
            chain_pem=credentials.chain_pem,
            source=KeySource.PKCS11 if token else KeySource.PKCS12,
            token_module=(token or {}).get("module", ""),
            token_label=(token or {}).get("token_label", ""),
            token_key_label=(token or {}).get("key_label", ""),
            token_key_id=(token or {}).get("key_id", ""),
            key_sealed=key_sealed,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=action,
            target=row,
            instansi_code=instansi.code,
            data={
                "signer": employee.pk if employee else None,
                "unit": unit.code if unit else "",
                "subject": row.subject,
                "issuer": row.issuer,
                "fingerprint": row.fingerprint,
                "valid_until": row.valid_until.isoformat(),
                "replaced": replaced,
                **(token or {}),
            },
        )
    return row


def signing_certificate_upload(
    *,
    actor: Any,
    instansi: Instansi,
    upload: Any,
    passphrase: str,
    employee: Employee | None = None,
    unit: OrgUnit | None = None,
) -> SigningCertificate:
    """Keep a signer's (or a unit's) PKCS#12 certificate: the key sealed, never in clear;
    refused with the reason when it cannot sign. It replaces the one in use for the same
    signer or unit."""
    employee, unit = _signs_for(actor, instansi, employee, unit)
    data = _read(upload)
    try:
        credentials = esign.read_pkcs12(data, passphrase)
    except esign.CertificateRefused as error:
        raise _refusal(error) from None
    return _keep(
        actor=actor,
        instansi=instansi,
        employee=employee,
        unit=unit,
        credentials=credentials,
        key_sealed=_seal(instansi, {"pkcs8": base64.b64encode(credentials.key_der).decode()}),
        action="documents.signing_certificate_uploaded",
    )


def parse_key_id(text: str) -> bytes:
    """A key ID as PKCS#11 tools print it ("01", "0x01", "a1:b2"); InputError when not hex."""
    cleaned = "".join(text.split()).replace(":", "").lower().removeprefix("0x")
    try:
        return bytes.fromhex(cleaned)
    except ValueError:
        raise InputError(
            "key_id", _("A key ID is written in hexadecimal digits, e.g. 01 or a1:b2.")
        ) from None


def signing_token_configure(
    *,
    actor: Any,
    instansi: Instansi,
    module: str,
    token_label: str,
    pin: str,
    key_label: str = "",
    key_id: str = "",
    employee: Employee | None = None,
    unit: OrgUnit | None = None,
) -> SigningCertificate:
    """Sign a signer's (or a unit's) letters with a key on a PKCS#11 token: the token is opened
    with the PIN, the key and its certificate found and tried once; the PIN is kept sealed
    (the key never leaves the token). Refused with the reason, on its field, when it cannot
    sign. It replaces the certificate in use for the same signer or unit."""
    employee, unit = _signs_for(actor, instansi, employee, unit)
    if module not in settings.PKCS11_MODULES:
        raise InputError(
            "module",
            _("This server does not allow that PKCS#11 module (setting TEGAK_PKCS11_MODULES)."),
        )
    token_label, key_label = token_label.strip(), key_label.strip()
    if not token_label:
        raise InputError("token_label", _("Give the token's label."))
    identifier = parse_key_id(key_id)
    if not key_label and not identifier:
        raise InputError("key_label", _("Give the key's label, its ID, or both."))
    if not pin:
        raise InputError("pin", _("Give the token's user PIN."))
    try:
        credentials = esign.read_token(
            module=module, token_label=token_label, pin=pin, key_label=key_label, key_id=identifier
        )
    except esign.CertificateRefused as error:
        raise _token_refusal(error) from None
    return _keep(
        actor=actor,
        instansi=instansi,
        employee=employee,
        unit=unit,
        credentials=credentials,
        key_sealed=_seal(instansi, {"pin": pin}),
        action="documents.signing_token_configured",
        token={
            "module": module,
            "token_label": token_label,
            "key_label": key_label,
            "key_id": identifier.hex(),
        },
    )


def signing_certificate_deactivate(
    *, actor: Any, certificate: SigningCertificate
) -> SigningCertificate:
    """Stop signing with a certificate (letters already signed keep their signature)."""
    if not has_role(actor, certificate.instansi_id, TEMPLATE_MANAGERS):
        raise PermissionDenied
    with transaction.atomic():
        certificate.active = False
        certificate.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="documents.signing_certificate_deactivated",
            target=certificate,
            instansi_code=certificate.instansi.code,
            data={"fingerprint": certificate.fingerprint},
        )
    return certificate


def certificate_for(
    instansi: Instansi, *, signer_id: int | None, unit: OrgUnit | None
) -> SigningCertificate | None:
    """The certificate a letter is signed with: the signer's own, else the seal of the unit
    that issues it (the perangkat daerah above the signer's unit), else none. Only one that is
    valid now."""
    from tegak.documents.numbering import issuing_unit

    now = timezone.now()
    usable = SigningCertificate.objects.filter(
        instansi=instansi, active=True, valid_from__lte=now, valid_until__gt=now
    )
    if signer_id is not None:
        own = usable.filter(employee_id=signer_id).first()
        if own is not None:
            return own
    units = [item for item in (unit, issuing_unit(unit)) if item is not None]
    for candidate in units:
        seal = usable.filter(employee=None, unit=candidate).first()
        if seal is not None:
            return seal
    return None


def new_token() -> str:
    """A verification token: random, URL-safe, unique by construction (checked on insert)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def verification_url(token: str) -> str:
    """The public address printed as the QR code."""
    return f"{settings.PUBLIC_URL}/verifikasi/{token}/"


@dataclass(frozen=True)
class SignedPdf:
    """A PDF signed for a letter, and what its signature record needs."""

    pdf: bytes
    token: str
    certificate: SigningCertificate
    signer_name: str
    signer_position: str
    signed_at: dt.datetime


def sign_letter(
    pdf: bytes,
    *,
    certificate: SigningCertificate,
    signatory: dict[str, Any],
    instansi: Instansi,
    reason: str,
) -> SignedPdf:
    """Sign a rendered letter with the certificate: a new token, the box on its last page."""
    token = new_token()
    signed_at = timezone.now()
    local = timezone.localtime(signed_at)
    name = str(signatory.get("name") or esign.subject_name(_certificate_of(certificate)))
    position = str(signatory.get("position") or "")
    credentials = _credentials(certificate)
    stamp = esign.Stamp(
        signer=name,
        position=position,
        signed_at=f"{long_date(local.date())} {local:%H.%M} {_zone_label(local)}",
        url=verification_url(token),
        issuer=certificate.issuer,
    )
    signed = esign.sign_pdf(
        pdf, credentials, stamp, reason=reason, location=instansi.city or instansi.name
    )
    return SignedPdf(
        pdf=signed,
        token=token,
        certificate=certificate,
        signer_name=name[:200],
        signer_position=position[:300],
        signed_at=signed_at,
    )


def _zone_label(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta()
    return {7: "WIB", 8: "WITA", 9: "WIT"}.get(int(offset.total_seconds() // 3600), "")


def _certificate_of(row: SigningCertificate) -> x509.Certificate:
    return x509.load_pem_x509_certificate(row.certificate_pem.encode())


def record_signature(
    document: IssuedDocument, signed: SignedPdf, *, sha256: str
) -> ElectronicSignature:
    """The signature record of the document's current version (inside the issuing
    transaction)."""
    return ElectronicSignature.objects.create(
        document=document,
        version=document.version,
        token=signed.token,
        certificate=signed.certificate,
        signer_name=signed.signer_name,
        signer_position=signed.signer_position,
        sha256=sha256,
        signed_at=signed.signed_at,
    )


# --- what the public verification page says ------------------------------------------------


def trust_roots() -> list[x509.Certificate]:
    """The authorities signatures are checked against: the self-signed roots in the chains of
    every certificate uploaded here, and those of TEGAK_SIGNATURE_TRUST_FILE."""
    roots: dict[bytes, x509.Certificate] = {}
    texts = list(
        SigningCertificate.objects.exclude(chain_pem="").values_list("chain_pem", flat=True)
    )
    if settings.SIGNATURE_TRUST_FILE:
        texts.append(Path(settings.SIGNATURE_TRUST_FILE).read_text())
    for text in texts:
        try:
            certificates = esign.load_certificates(text)
        except ValueError:
            continue
        for certificate in certificates:
            if certificate.issuer == certificate.subject:
                roots[certificate.fingerprint(hashes.SHA256())] = certificate
    return list(roots.values())


def roots_pem() -> str:
    """The trusted roots as one PEM bundle (what a validator is told to trust)."""
    from cryptography.hazmat.primitives import serialization

    return "".join(root.public_bytes(serialization.Encoding.PEM).decode() for root in trust_roots())


def signature_by_token(token: str) -> ElectronicSignature | None:
    """The signature a QR code names, or None (a wrong token says nothing more)."""
    if not token or len(token) > 40:
        return None
    return (
        ElectronicSignature.objects.filter(token=token)
        .select_related("document", "document__instansi", "certificate")
        .first()
    )


def stored_status(signature: ElectronicSignature) -> esign.SignatureCheck | None:
    """The stored PDF of that version checked again (intact and trusted, or not)."""
    from tegak.documents.models import DocumentVersion

    document = signature.document
    if signature.version == document.version:
        field_file = document.file_pdf
    else:
        earlier = DocumentVersion.objects.filter(
            document=document, version=signature.version
        ).first()
        if earlier is None:
            return None
        field_file = earlier.file_pdf
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    checked = esign.check_pdf(data, trust_roots())
    return checked.signatures[0] if checked.signatures else None


# Outcomes of a file checked on the verification page.
ISSUED = "issued"  # the very file issued and signed here; the signature holds
ADDED_TO = "added_to"  # the issued file with something appended after signing
ALTERED = "altered"  # a signature that no longer matches its bytes
FOREIGN = "foreign"  # a sound signature, but not of a letter issued here
UNSIGNED_ISSUED = "unsigned_issued"  # a letter issued here without electronic signature
UNKNOWN = "unknown"  # a PDF this installation never issued, without signature
UNREADABLE = "unreadable"  # not a PDF


@dataclass
class FileVerdict:
    """What an uploaded file is, for the verification page."""

    outcome: str
    sha256: str
    signature: ElectronicSignature | None = None
    document: IssuedDocument | None = None
    checks: list[esign.SignatureCheck] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return self.outcome == ISSUED


def check_file(data: bytes) -> FileVerdict:
    """Compare an uploaded file with what was issued, and check its signatures."""
    checked = esign.check_pdf(data, trust_roots())
    if not checked.readable:
        return FileVerdict(outcome=UNREADABLE, sha256=checked.sha256)
    verdict = FileVerdict(outcome=UNKNOWN, sha256=checked.sha256, checks=checked.signatures)
    exact = ElectronicSignature.objects.filter(sha256=checked.sha256).first()
    intact = [item for item in checked.signatures if item.intact]
    if exact is not None and intact:
        verdict.outcome, verdict.signature = ISSUED, exact
        return verdict
    for item in intact:
        earlier = ElectronicSignature.objects.filter(sha256=item.revision_sha256).first()
        if earlier is not None:
            verdict.outcome, verdict.signature = ADDED_TO, earlier
            return verdict
    if checked.signatures:
        verdict.outcome = FOREIGN if intact else ALTERED
        return verdict
    unsigned = IssuedDocument.objects.filter(
        Q(sha256_pdf=checked.sha256) | Q(versions__sha256_pdf=checked.sha256)
    ).first()
    if unsigned is not None:
        verdict.outcome, verdict.document = UNSIGNED_ISSUED, unsigned
    return verdict
