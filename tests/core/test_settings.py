"""Settings fail closed outside the demo."""

from __future__ import annotations

import os
import subprocess
import sys


def _run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TEGAK_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import tegak.config.settings as s; print(s.DEBUG, s.REQUIRE_SECOND_FACTOR)",
        ],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_refuses_to_start(tmp_path):
    result = _run_settings({"TEGAK_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "TEGAK_SECRET_KEY" in result.stderr


def test_missing_identity_key_refuses_to_start(tmp_path):
    result = _run_settings({"TEGAK_DATA_DIR": str(tmp_path), "TEGAK_SECRET_KEY": "x" * 40})
    assert result.returncode != 0
    assert "TEGAK_IDENTITY_KEYS" in result.stderr


IDENTITY_KEY = "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA="
SIGNING_KEY = "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE="
AUDIT_KEY = "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA="


def test_missing_signing_key_refuses_to_start(tmp_path):
    result = _run_settings(
        {
            "TEGAK_DATA_DIR": str(tmp_path),
            "TEGAK_SECRET_KEY": "x" * 40,
            "TEGAK_IDENTITY_KEYS": IDENTITY_KEY,
        }
    )
    assert result.returncode != 0
    assert "TEGAK_SIGNING_KEY" in result.stderr


def test_malformed_signing_key_refuses_to_start(tmp_path):
    result = _run_settings(
        {
            "TEGAK_DATA_DIR": str(tmp_path),
            "TEGAK_SECRET_KEY": "x" * 40,
            "TEGAK_IDENTITY_KEYS": IDENTITY_KEY,
            "TEGAK_SIGNING_KEY": "bm90IGEga2V5",
        }
    )
    assert result.returncode != 0
    assert "Ed25519" in result.stderr


def test_signing_key_is_read_from_its_file(tmp_path):
    key_file = tmp_path / "signing.pem"
    key_file.write_text(SIGNING_KEY + "\n")
    result = _run_settings(
        {
            "TEGAK_DATA_DIR": str(tmp_path),
            "TEGAK_SECRET_KEY": "x" * 40,
            "TEGAK_IDENTITY_KEYS": IDENTITY_KEY,
            "TEGAK_SIGNING_KEY_FILE": str(key_file),
            "TEGAK_AUDIT_KEYS": AUDIT_KEY,
        }
    )
    assert result.returncode == 0, result.stderr


def test_defaults_are_debug_off_and_second_factor_on(tmp_path):
    result = _run_settings(
        {
            "TEGAK_DATA_DIR": str(tmp_path),
            "TEGAK_SECRET_KEY": "x" * 40,
            "TEGAK_IDENTITY_KEYS": IDENTITY_KEY,
            "TEGAK_SIGNING_KEY": SIGNING_KEY,
            "TEGAK_AUDIT_KEYS": AUDIT_KEY,
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_demo_generates_and_keeps_its_own_secrets(tmp_path):
    first = _run_settings({"TEGAK_DATA_DIR": str(tmp_path), "TEGAK_DEMO": "1"})
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["False", "False"]
    key = (tmp_path / "secret_key").read_text()
    signing_key = (tmp_path / "signing.key").read_text()
    audit_key = (tmp_path / "audit.key").read_text()
    assert (tmp_path / "signing.key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "audit.key").stat().st_mode & 0o077 == 0
    _run_settings({"TEGAK_DATA_DIR": str(tmp_path), "TEGAK_DEMO": "1"})
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "signing.key").read_text() == signing_key
    assert (tmp_path / "audit.key").read_text() == audit_key


def _with_signing(tmp_path, **extra: str) -> dict[str, str]:
    return {
        "TEGAK_DATA_DIR": str(tmp_path),
        "TEGAK_SECRET_KEY": "x" * 40,
        "TEGAK_IDENTITY_KEYS": IDENTITY_KEY,
        "TEGAK_SIGNING_KEY": SIGNING_KEY,
        **extra,
    }


def test_missing_audit_key_refuses_to_start(tmp_path):
    result = _run_settings(_with_signing(tmp_path))
    assert result.returncode != 0
    assert "TEGAK_AUDIT_KEYS" in result.stderr


def test_short_audit_key_refuses_to_start(tmp_path):
    result = _run_settings(_with_signing(tmp_path, TEGAK_AUDIT_KEYS="c2hvcnQ="))
    assert result.returncode != 0
    assert "32 bytes" in result.stderr


def test_audit_keys_are_read_from_their_file(tmp_path):
    key_file = tmp_path / "audit.keys"
    key_file.write_text(AUDIT_KEY + "\n")
    result = _run_settings(_with_signing(tmp_path, TEGAK_AUDIT_KEY_FILE=str(key_file)))
    assert result.returncode == 0, result.stderr
