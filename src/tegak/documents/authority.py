"""A small certificate authority of our own, for the demo and the tests only.

An agency signs with the certificate its certification authority issued (BSrE for Indonesian
government officials) and uploads it as a PKCS#12 file; it never uses this module. The demo has
no such certificate and must work offline, so `tegak demo` makes a test authority ("Tegak Demo
CA", clearly not a real one) and a signer certificate under it, and the portal offers the
authority's certificate so a validator can be told to trust it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# BSrE issues RSA 2048 keys; a validator that reads theirs reads ours.
KEY_SIZE = 2048
# id-kp-documentSigning (RFC 9336): what a PDF signing certificate is for.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class Issued:
    """A key and its certificate."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    def certificate_pem(self) -> str:
        """The certificate as PEM text."""
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def make_authority(name: str = "Tegak Demo CA", *, days: int = 3650) -> Issued:
    """A self-signed root certificate authority that may sign end-entity certificates."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tegak (demo, not a real authority)"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    start = _now() - dt.timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key=key, certificate=certificate)


def make_signer(
    authority: Issued,
    *,
    name: str,
    organisation: str,
    unit: str = "",
    serial: str = "",
    days: int = 730,
    not_before: dt.datetime | None = None,
) -> Issued:
    """An end-entity certificate for signing documents, issued by `authority`.

    `serial` is the holder's number (NIP) in the subject's serialNumber, as BSrE writes it.
    `not_before` lets a test make a certificate that is already expired.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
    ]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit[:64]))
    if serial:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial[:64]))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, name[:64]))
    start = not_before or (_now() - dt.timedelta(days=1))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    return Issued(key=key, certificate=certificate)


def pkcs12_file(
    signer: Issued, *, passphrase: str, chain: list[x509.Certificate], name: str = "tegak"
) -> bytes:
    """A PKCS#12 (.p12) file holding the signer's key, certificate and chain, as a CA hands out."""
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        signer.key,
        signer.certificate,
        chain,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
