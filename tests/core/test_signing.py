"""The installation's Ed25519 key: signatures that anyone can check with the public key alone."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from django.test import override_settings
from django.urls import reverse

from tegak.core import signing


def test_signature_verifies_with_the_printed_public_key_only():
    data = b"dossier manifest"
    signature = signing.sign_text(data)
    signing.verify(data, signature, signing.public_key_text())
    signing.verify(data, signature, signing.public_key_pem())


def test_changed_data_or_other_key_fails_verification():
    signature = signing.sign(b"original")
    with pytest.raises(signing.SignatureInvalid):
        signing.verify(b"0riginal", signature)
    other = signing.parse_private_key(signing.generate_private_key_text()).public_key()
    with pytest.raises(signing.SignatureInvalid):
        signing.verify(b"original", signature, other)
    assert not signing.is_valid(b"original", "not base64!", signing.public_key_text())


def test_pem_private_key_is_accepted_and_matches_its_seed():
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    from_pem = signing.parse_private_key(pem)
    from_seed = signing.parse_private_key(base64.b64encode(seed).decode())
    assert signing.public_key_text(from_pem.public_key()) == signing.public_key_text(
        from_seed.public_key()
    )


@pytest.mark.parametrize("text", ["", "abc", base64.b64encode(b"x" * 31).decode()])
def test_malformed_keys_are_refused(text):
    with pytest.raises(signing.SigningKeyError):
        signing.parse_private_key(text)


def test_settings_key_change_changes_the_public_key():
    before = signing.public_key_text()
    with override_settings(SIGNING_KEY=signing.generate_private_key_text()):
        assert signing.public_key_text() != before


# The portal page also reads the latest audit checkpoint from the database.
def test_tegak_keys_public_prints_the_key_the_portal_shows(client, db):
    result = subprocess.run(
        [sys.executable, "-m", "tegak.cli", "keys", "public", "--format", "json"],
        env={"DJANGO_SETTINGS_MODULE": "tegak.config.settings_test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    printed = json.loads(result.stdout)
    assert printed["public_key"] == signing.public_key_text()
    assert printed["key_id"] == signing.key_id()
    page = client.get(reverse("portal:integrity"))
    assert page.status_code == 200
    assert printed["public_key"] in page.content.decode()
    assert printed["key_id"] in page.content.decode()


def test_keys_generate_needs_no_configuration():
    for kind in ("signing", "identity", "audit"):
        result = subprocess.run(
            [sys.executable, "-m", "tegak.cli", "keys", "generate", kind],
            env={"PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert len(result.stdout.strip()) == 44
    generated = subprocess.run(
        [sys.executable, "-m", "tegak.cli", "keys", "generate", "signing"],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    signing.parse_private_key(generated)
