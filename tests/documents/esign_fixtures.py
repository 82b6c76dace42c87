"""A test certificate authority and signer files for the electronic-signature tests (made once
per test process: RSA keys take a moment)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tegak.documents import authority

PASSPHRASE = "sandi-sertifikat-uji"


@lru_cache(maxsize=1)
def authority_for_tests() -> authority.Issued:
    """The test CA."""
    return authority.make_authority("Tegak Test CA")


@lru_cache(maxsize=4)
def signer_p12(name: str = "Drs. Hendra Wijaya, M.Si.", *, expired: bool = False) -> bytes:
    """A PKCS#12 file of a signer under the test CA, locked with PASSPHRASE."""
    ca = authority_for_tests()
    signer = authority.make_signer(
        ca,
        name=name,
        organisation="Pemerintah Kota Uji",
        serial="197203101998031005",
        days=30 if expired else 730,
        not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=400) if expired else None,
    )
    return authority.pkcs12_file(signer, passphrase=PASSPHRASE, chain=[ca.certificate])
