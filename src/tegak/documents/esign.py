"""Electronic signatures on issued PDFs: PAdES with pyHanko, a visible box with a QR code.

Three parts, none of which touches the database:

- `read_pkcs12`: open the PKCS#12 file an agency's certification authority (BSrE) gave a signer,
  with its passphrase, and refuse it in plain words when it is not one, the passphrase is wrong,
  it holds no key, or the certificate is not valid now; `read_token` does the same for a key
  kept on a PKCS#11 token (a smart card, a USB token, an HSM: ADR 0132), which never leaves it;
- `sign_pdf`: sign a PDF as PAdES B-B (an incremental update: the page content does not change)
  with a visible box on the last page — the QR code to the public verification page, the
  signer's name and position and the moment of signing;
- `check_pdf`: what a PDF's signatures say (intact or not, the certificate's chain to the roots
  the installation trusts), for the public verification page. Never raises on garbage.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

logger = logging.getLogger(__name__)

FIELD_NAME = "TandaTanganElektronik"
# The box: 2 cm margins of the letter (render.PAGE_CSS), the right column of the page.
BOX_WIDTH = 226
BOX_HEIGHT = 70
BOX_GAP = 14
PAGE_BOTTOM_MARGIN = 12
RIGHT_MARGIN = 2 * 28.35 + 8  # inside the text column, its border on the page
# In the signature block: the space between the signer's position and name (four empty lines
# in the built-in letters, builtin.Sheet.signature), less the name's ascent and the position's
# descent; smaller than MIN_BLOCK_HEIGHT and the box goes under the last text instead.
NAME_ASCENT = 12
POSITION_DESCENT = 5
MIN_BLOCK_HEIGHT = 36
# How far above the name the position line may stand to count as the same signature block.
BLOCK_REACH = 130
# A TrueType font with the letters of every Indonesian name (’, ā, Ş …), from the system package
# the PDF renderer already uses (fonts-dejavu-core; WeasyPrint draws the letters in DejaVu Sans).
# Nothing is fetched; without any of them the box falls back to Helvetica and Latin-1.
UNICODE_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


class CertificateRefused(ValueError):
    """A PKCS#12 file that cannot be used; `reason` says why in English (a code for messages)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


# The reasons `read_pkcs12` gives (the page maps each to an Indonesian sentence).
NOT_PKCS12 = "not_pkcs12"
WRONG_PASSPHRASE = "wrong_passphrase"  # noqa: S105 (a reason code, not a secret)
NO_KEY = "no_key"
KEY_MISMATCH = "key_mismatch"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
NOT_FOR_SIGNING = "not_for_signing"
UNSUPPORTED_KEY = "unsupported_key"
# And those `read_token` adds.
MODULE_UNAVAILABLE = "module_unavailable"
NO_TOKEN = "no_token"  # noqa: S105 (a reason code, not a secret)
WRONG_PIN = "wrong_pin"
PIN_LOCKED = "pin_locked"
NO_CERTIFICATE = "no_certificate"
SEVERAL_KEYS = "several_keys"


class _Certified:
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    @property
    def chain_pem(self) -> str:
        return "".join(
            item.public_bytes(serialization.Encoding.PEM).decode() for item in self.chain
        )


@dataclass(frozen=True)
class Credentials(_Certified):
    """A signer's key and certificate chain, as read from a PKCS#12 file."""

    key_der: bytes  # PKCS#8, unencrypted: only ever held in memory or sealed
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True)
class TokenKey(_Certified):
    """A signer's key on a PKCS#11 token: where to find it and the PIN that opens it. The key
    itself never leaves the token; the certificate and chain are read from it."""

    module: str  # the token's PKCS#11 library (.so)
    token_label: str
    key_label: str
    key_id: bytes
    pin: str
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        pfx["auth_safe"]["content_type"].native  # noqa: B018 (parses the structure)
        return bool(pfx["version"].native == "v3")
    except Exception:  # asn1crypto raises many types on garbage
        return False


def _signing_allowed(certificate: x509.Certificate) -> bool:
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.digital_signature or usage.content_commitment)


def read_pkcs12(data: bytes, passphrase: str, *, now: dt.datetime | None = None) -> Credentials:
    """The key and certificates of a PKCS#12 file; CertificateRefused saying why not."""
    if not _is_pkcs12(data):
        raise CertificateRefused(NOT_PKCS12)
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None
        )
    except ValueError as error:
        raise CertificateRefused(WRONG_PASSPHRASE) from error
    except Exception as error:  # an unsupported algorithm inside a real PKCS#12
        raise CertificateRefused(NOT_PKCS12, str(error)) from error
    if key is None or certificate is None:
        raise CertificateRefused(NO_KEY)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateRefused(UNSUPPORTED_KEY)
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(
        serialization.Encoding.DER, public
    ) != certificate.public_key().public_bytes(serialization.Encoding.DER, public):
        raise CertificateRefused(KEY_MISMATCH)
    _check_certificate(certificate, now)
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return Credentials(key_der=key_der, certificate=certificate, chain=tuple(others))


def _check_certificate(certificate: x509.Certificate, now: dt.datetime | None) -> None:
    """CertificateRefused unless the certificate is valid now and may sign."""
    now = now or dt.datetime.now(dt.UTC)
    if certificate.not_valid_after_utc <= now:
        raise CertificateRefused(EXPIRED, certificate.not_valid_after_utc.date().isoformat())
    if certificate.not_valid_before_utc > now:
        raise CertificateRefused(NOT_YET_VALID, certificate.not_valid_before_utc.isoformat())
    if not _signing_allowed(certificate):
        raise CertificateRefused(NOT_FOR_SIGNING)


# --- keys on a PKCS#11 token ---------------------------------------------------------------


@contextlib.contextmanager
def _token_session(module: str, token_label: str, pin: str) -> Iterator[Any]:
    """A logged-in session on the token; CertificateRefused saying why not."""
    import pkcs11
    from pkcs11 import exceptions as p11_errors

    try:
        library = pkcs11.lib(module)
    except Exception as error:  # a missing file, not a PKCS#11 library, a loader error
        raise CertificateRefused(MODULE_UNAVAILABLE, str(error)[:200]) from error
    try:
        token = library.get_token(token_label=token_label)
    except p11_errors.MultipleTokensReturned as error:
        raise CertificateRefused(NO_TOKEN, "several") from error
    except p11_errors.PKCS11Error as error:  # NoSuchToken, TokenNotPresent, ...
        raise CertificateRefused(NO_TOKEN) from error
    try:
        session = token.open(user_pin=pin)
    except (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange) as error:
        raise CertificateRefused(WRONG_PIN) from error
    except (p11_errors.PinLocked, p11_errors.PinExpired) as error:
        raise CertificateRefused(PIN_LOCKED) from error
    except p11_errors.PKCS11Error as error:
        raise CertificateRefused(NO_TOKEN, type(error).__name__) from error
    with session:
        yield session


def _token_query(object_class: Any, key_label: str, key_id: bytes) -> dict[Any, Any]:
    from pkcs11 import Attribute

    query: dict[Any, Any] = {Attribute.CLASS: object_class}
    if key_label:
        query[Attribute.LABEL] = key_label
    if key_id:
        query[Attribute.ID] = key_id
    return query


def read_token(
    *,
    module: str,
    token_label: str,
    pin: str,
    key_label: str = "",
    key_id: bytes = b"",
    now: dt.datetime | None = None,
) -> TokenKey:
    """The key (by label and/or ID) and its certificate on a PKCS#11 token, checked as
    `read_pkcs12` checks a file, and proven to belong together by a test signature."""
    from pkcs11 import Attribute, ObjectClass

    if not key_label and not key_id:
        raise CertificateRefused(NO_KEY)
    with _token_session(module, token_label, pin) as session:
        keys = list(session.get_objects(_token_query(ObjectClass.PRIVATE_KEY, key_label, key_id)))
        if not keys:
            raise CertificateRefused(NO_KEY)
        if len(keys) > 1:
            raise CertificateRefused(SEVERAL_KEYS)
        found = list(session.get_objects(_token_query(ObjectClass.CERTIFICATE, key_label, key_id)))
        if len(found) != 1:
            raise CertificateRefused(NO_CERTIFICATE)
        certificate = x509.load_der_x509_certificate(bytes(found[0][Attribute.VALUE]))
        others = [
            x509.load_der_x509_certificate(bytes(item[Attribute.VALUE]))
            for item in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
        ]
        _check_certificate(certificate, now)
        _check_token_pair(keys[0], certificate)
    chain = tuple(item for item in others if item != certificate)
    return TokenKey(
        module=module,
        token_label=token_label,
        key_label=key_label,
        key_id=key_id,
        pin=pin,
        certificate=certificate,
        chain=chain,
    )


def _check_token_pair(key: Any, certificate: x509.Certificate) -> None:
    """Sign a few bytes on the token and verify them with the certificate's public key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
    from pkcs11 import KeyType, Mechanism

    probe = b"tegak: does this key belong to this certificate?"
    public = certificate.public_key()
    try:
        if key.key_type == KeyType.RSA and isinstance(public, rsa.RSAPublicKey):
            signature = key.sign(probe, mechanism=Mechanism.SHA256_RSA_PKCS)
            public.verify(signature, probe, padding.PKCS1v15(), hashes.SHA256())
        elif key.key_type == KeyType.EC and isinstance(public, ec.EllipticCurvePublicKey):
            raw = key.sign(probe, mechanism=Mechanism.ECDSA_SHA256)
            half = len(raw) // 2
            der = encode_dss_signature(
                int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
            )
            public.verify(der, probe, ec.ECDSA(hashes.SHA256()))
        elif key.key_type in (KeyType.RSA, KeyType.EC):
            raise CertificateRefused(KEY_MISMATCH)
        else:
            raise CertificateRefused(UNSUPPORTED_KEY)
    except InvalidSignature as error:
        raise CertificateRefused(KEY_MISMATCH) from error


def load_certificates(pem: str) -> list[x509.Certificate]:
    """Every certificate in PEM text (empty text: none); ValueError when it holds garbage."""
    if not pem.strip():
        return []
    return x509.load_pem_x509_certificates(pem.encode())


def fingerprint(certificate: x509.Certificate) -> str:
    """The SHA-256 fingerprint of a certificate, hex, upper case, pairs joined by colons."""
    digest = certificate.fingerprint(hashes.SHA256())
    return ":".join(f"{byte:02X}" for byte in digest)


def subject_name(certificate: x509.Certificate) -> str:
    """The certificate's common name (or its whole subject when it has none)."""
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def issuer_name(certificate: x509.Certificate) -> str:
    """The issuer's common name (or its whole name)."""
    names = certificate.issuer.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.issuer.rfc4514_string()


# --- signing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What the visible box says."""

    signer: str
    position: str
    signed_at: str  # already written as the letter writes dates
    url: str
    issuer: str = ""


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _latin(text: str) -> str:
    """The text in the base font's letters: a letter outside Latin-1 loses its accent."""
    return "".join(
        letter
        if ord(letter) < 256
        else unicodedata.normalize("NFKD", letter).encode("ascii", "ignore").decode()
        for letter in text
    )


def _page_lines(pdf: bytes) -> tuple[list[tuple[float, float]], list[list[tuple[float, str]]]]:
    """Each page's width and height, and its text fragments as (baseline, text)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    sizes, pages = [], []
    for page in reader.pages:
        sizes.append((float(page.mediabox.width), float(page.mediabox.height)))
        found: list[tuple[float, str]] = []

        def visit(
            text: str, cm: Any, tm: Any, font_dict: Any, font_size: Any, found: Any = found
        ) -> None:
            if text.strip():
                found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return sizes, pages


def _in_signature_block(
    pages: list[list[tuple[float, str]]], stamp: Stamp
) -> tuple[int, float, float] | None:
    """(page, bottom, top) of the space between the signer's position and name in the letter's
    signature block: the last line that is the signer's name, under a line that starts with
    their position. None when the letter has no such block (an uploaded template)."""
    name = " ".join(stamp.signer.split())
    position = " ".join(stamp.position.split()).rstrip(",")
    if not name:
        return None
    for index in range(len(pages) - 1, -1, -1):
        names = [y for y, text in pages[index] if " ".join(text.split()) == name]
        if not names:
            continue
        name_y = min(names)
        above = [
            y
            for y, text in pages[index]
            if position
            and " ".join(text.split()).startswith(position)
            and name_y < y <= name_y + BLOCK_REACH
        ]
        if not above:
            return None
        return index, name_y + NAME_ASCENT, min(above) - POSITION_DESCENT
    return None


def box_on_page(
    pdf: bytes, stamp: Stamp | None = None
) -> tuple[int, tuple[int, int, int, int], bool]:
    """Where the box goes: (page, box, whether it is in the signature block).

    In the letter's signature block, between the signer's position and name, where a
    handwritten signature would be; when the letter has none, under the last text of the last
    page, in its right column (at the foot of that page when the text reaches down that far)."""
    sizes, pages = _page_lines(pdf)
    block = _in_signature_block(pages, stamp) if stamp is not None else None
    if block is not None and block[2] - block[1] >= MIN_BLOCK_HEIGHT:
        index, bottom, top = block
        right = int(sizes[index][0] - RIGHT_MARGIN)
        height = min(top - bottom, BOX_HEIGHT)
        middle = (top + bottom) / 2
        box = (right - BOX_WIDTH, int(middle - height / 2), right, int(middle + height / 2))
        return index, box, True
    index = len(pages) - 1
    width, height = sizes[index]
    lowest = min((y for y, _text in pages[index] if 0 < y < height), default=height)
    right = int(width - RIGHT_MARGIN)
    top = int(lowest - BOX_GAP)
    if top - BOX_HEIGHT < PAGE_BOTTOM_MARGIN:
        top = PAGE_BOTTOM_MARGIN + BOX_HEIGHT
    return index, (right - BOX_WIDTH, top - BOX_HEIGHT, right, top), False


def unicode_font() -> str:
    """The TrueType font the box is written in ('' when none is installed)."""
    return next((path for path in UNICODE_FONTS if Path(path).is_file()), "")


# The letters the box may need: Latin with every accent, general punctuation (’ “ ” – …), the
# euro and the degree signs. Names in other scripts are not expected on Indonesian letters.
BOX_LETTERS = [*range(0x20, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070), 0x20AC]


@functools.lru_cache(maxsize=2)
def _box_font_bytes(path: str) -> bytes:
    """The font cut to BOX_LETTERS and scaled to 1000 units per em. pyHanko writes glyph widths
    in the font's own units where PDF expects thousandths of an em: DejaVu's 2048 units drew
    every letter twice as far apart. Made once per process."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["kern", "liga", "ccmp", "mark", "mkmk"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=BOX_LETTERS)
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


class _BoxFont:
    """pyHanko's font engine factory for the box's TrueType font (see `_box_font_bytes`)."""

    def __init__(self, path: str, size: int) -> None:
        self.path, self.size = path, size

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_box_font_bytes(self.path)),
            font_size=self.size,
            obj_stream=obj_stream,
        )


def _stamp_style(stamp: Stamp, *, in_block: bool) -> Any:
    from pyhanko.pdf_utils import layout, text
    from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
    from pyhanko.stamp import QRStampStyle

    font_file = unicode_font()
    size = 7
    if font_file:
        engine: Any = _BoxFont(font_file, size)
    else:
        logger.warning(
            "No Unicode font for the signature box; letters outside Latin-1 lose "
            "their accents (install fonts-dejavu-core)."
        )
        engine = SimpleFontEngineFactory("Helvetica", 0.55)
    box_style = text.TextBoxStyle(font=engine, font_size=size, leading=size + 2)
    return QRStampStyle(
        stamp_text="%(body)s",
        text_box_style=box_style,
        border_width=1,
        background=None,
        innsep=3,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=2),
        ),
    )


def stamp_lines(stamp: Stamp, *, in_block: bool = False) -> str:
    """The box's text, in the letter's language (Bahasa Indonesia), one fact per line. In the
    signature block the letter prints the signer's position and name right above and below it,
    so the box does not repeat them."""
    lines = ["Ditandatangani secara elektronik" + ("" if in_block else " oleh:")]
    if not in_block:
        lines.append(stamp.signer)
        if stamp.position:
            lines.append(stamp.position)
    lines.append(f"pada {stamp.signed_at}")
    if stamp.issuer:
        lines.append(f"Sertifikat: {stamp.issuer}")
    lines.append("Pindai kode QR untuk memeriksa keaslian.")
    wrapped = [part for line in lines for part in _wrap(line, 44 if in_block else 52)]
    body = "\n".join(wrapped)
    return body if unicode_font() else _latin(body)


def _wrap(line: str, width: int) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


@contextlib.contextmanager
def _signer(credentials: Credentials | TokenKey) -> Iterator[Any]:
    """pyHanko's signer for a key in memory, or on a token (a session open while it signs)."""
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    chain = [_asn1_certificate(item) for item in credentials.chain]
    if isinstance(credentials, TokenKey):
        from pyhanko.sign.pkcs11 import PKCS11Signer

        with _token_session(
            credentials.module, credentials.token_label, credentials.pin
        ) as session:
            yield PKCS11Signer(
                session,
                key_label=credentials.key_label or None,
                key_id=credentials.key_id or None,
                signing_cert=_asn1_certificate(credentials.certificate),
                ca_chain=chain,
            )
        return
    registry = SimpleCertificateStore()
    registry.register_multiple(chain)
    yield signers.SimpleSigner(
        signing_key=asn1_keys.PrivateKeyInfo.load(credentials.key_der),
        signing_cert=_asn1_certificate(credentials.certificate),
        cert_registry=registry,
    )


def sign_pdf(
    pdf: bytes,
    credentials: Credentials | TokenKey,
    stamp: Stamp,
    *,
    reason: str = "",
    location: str = "",
) -> bytes:
    """The PDF signed (PAdES B-B, SHA-256) with a visible box holding the QR code, with a key
    from a PKCS#12 file or on a PKCS#11 token."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    page, box, in_block = box_on_page(pdf, stamp)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        name=stamp.signer or None,
    )

    def work() -> Any:
        with _signer(credentials) as signer:
            pdf_signer = signers.PdfSigner(
                meta,
                signer=signer,
                stamp_style=_stamp_style(stamp, in_block=in_block),
                new_field_spec=fields.SigFieldSpec(
                    sig_field_name=FIELD_NAME, on_page=page, box=box
                ),
            )
            return pdf_signer.sign_pdf(
                writer,
                appearance_text_params={
                    "url": stamp.url,
                    "body": stamp_lines(stamp, in_block=in_block),
                },
            )

    output = off_the_event_loop(work)
    return bytes(output.getvalue())


def off_the_event_loop(work: Callable[[], Any]) -> Any:
    """Run `work` where no asyncio event loop is running. pyHanko's synchronous calls use
    asyncio.run(), which refuses to start inside a running loop (an async server's thread, or
    a test session with one open); there the work runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tegak-esign") as pool:
        return pool.submit(work).result()


# --- checking ------------------------------------------------------------------------------


@dataclass
class SignatureCheck:
    """One signature of a PDF as a validator sees it."""

    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the certificate chains to a root the installation trusts
    covers_whole_file: bool  # nothing was added after the signature
    signer: str = ""
    issuer: str = ""
    signed_at: dt.datetime | None = None
    # The SHA-256 of the file as it was signed (up to the end of the signed revision).
    revision_sha256: str = ""
    problem: str = ""


@dataclass
class PdfCheck:
    """What a file is: readable as a PDF or not, its hash, its signatures."""

    readable: bool
    sha256: str
    signatures: list[SignatureCheck] = field(default_factory=list)


def _validation_context(roots: list[x509.Certificate]) -> Any:
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[_asn1_certificate(root) for root in roots],
        allow_fetching=False,  # no network at run time; no CRL/OCSP without it
        revocation_mode="soft-fail",
    )


def check_pdf(data: bytes, roots: list[x509.Certificate]) -> PdfCheck:
    """Read a PDF's signatures and check each against `roots`; never raises on bad input."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    digest = hashlib.sha256(data).hexdigest()
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return PdfCheck(readable=False, sha256=digest)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # pyHanko and its parsers raise many types on a broken file
        logger.info("An uploaded file could not be read as a PDF.")
        return PdfCheck(readable=False, sha256=digest)
    result = PdfCheck(readable=True, sha256=digest)
    for signature in embedded:
        result.signatures.append(_check_one(signature, data, roots, validate_pdf_signature))
    return result


def _check_one(signature: Any, data: bytes, roots: list[x509.Certificate], validate: Any) -> Any:
    check = SignatureCheck(intact=False, trusted=False, covers_whole_file=False)
    try:
        end = max(start + length for start, length in _byte_ranges(signature))
        check.revision_sha256 = hashlib.sha256(data[:end]).hexdigest()
        certificate = signature.signer_cert
        check.signer = _asn1_common_name(certificate.subject)
        check.issuer = _asn1_common_name(certificate.issuer)
    except Exception as error:
        check.problem = f"unreadable signature: {type(error).__name__}"
        return check
    try:
        context = _validation_context(roots)
        status = off_the_event_loop(lambda: validate(signature, signer_validation_context=context))
    except Exception as error:  # a malformed signature dictionary or CMS blob
        check.problem = f"signature cannot be validated: {type(error).__name__}"
        return check
    check.intact = bool(status.intact and status.valid)
    check.trusted = bool(status.trusted)
    check.signed_at = status.signer_reported_dt
    coverage = getattr(status, "coverage", None)
    check.covers_whole_file = bool(coverage is not None and coverage.name == "ENTIRE_FILE")
    return check


def _byte_ranges(signature: Any) -> list[tuple[int, int]]:
    values = [int(value) for value in signature.sig_object["/ByteRange"]]
    return [(values[index], values[index + 1]) for index in range(0, len(values), 2)]


def _asn1_common_name(name: Any) -> str:
    native = name.native
    common = native.get("common_name") if isinstance(native, dict) else None
    return str(common) if common else re.sub(r"\s+", " ", name.human_friendly)
