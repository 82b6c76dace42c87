"""`tegak backup` then `tegak restore` into an empty data folder: the audit chain and every stored
file's hash check out; a damaged backup or a folder that already holds data is refused (#16)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.jobs.test_storage_sweep import SETUP, SUBMIT
from tests.jobs.test_worker_processes import ROOT, TEGAK, Installation, new_installation

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("worker-processes")]


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> Iterator[Installation]:
    yield from new_installation(tmp_path_factory)


@pytest.fixture
def fresh_env(installation, tmp_path) -> Iterator[dict[str, str]]:
    """The installation's settings and keys with an empty data folder and, on PostgreSQL, a new
    empty database of a unique name (dropped afterwards): where a restore goes."""
    env = {**installation.env, "TEGAK_DATA_DIR": str(tmp_path / "restored")}
    admin_url = os.environ.get("TEGAK_TEST_DATABASE_URL")
    name = f"tegak_restore_{uuid.uuid4().hex[:8]}"
    server = admin_url.rsplit("/", 1)[0] if admin_url else ""
    if admin_url:
        import psycopg

        with psycopg.connect(server + "/postgres", autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{server}/{name}"
    try:
        yield env
    finally:
        if admin_url:
            import psycopg

            with psycopg.connect(server + "/postgres", autocommit=True) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TEGAK, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_backup_restored_into_an_empty_data_folder_verifies(installation, tmp_path, fresh_env):
    installation.python(SETUP + "print(1)")
    installation.python(SUBMIT)
    installation.python(SUBMIT)
    backup_dir = tmp_path / "backup"
    made = json.loads(installation.tegak("backup", str(backup_dir)))
    assert made["files"] == 4
    assert made["keys_included"] is False
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert "TEGAK_IDENTITY_KEYS" in manifest["keys_not_included"]
    assert not any("key" in path.name for path in backup_dir.rglob("*") if path.is_file())

    env = fresh_env
    done = _run(env, "restore", str(backup_dir))
    assert done.returncode == 0, done.stderr + done.stdout
    restored = json.loads(done.stdout)
    assert restored["problems"] == []
    assert restored["files"] == 4
    assert restored["hashes_checked"] == 4  # every evidence file against its recorded SHA-256
    assert restored["audit_events_checked"] > 0
    assert _run(env, "audit", "verify").returncode == 0
    counts = _run(
        env,
        "shell",
        "-c",
        "import json; from tegak.intake.models import Report, Evidence; "
        "print(json.dumps([Report.objects.count(), Evidence.objects.count()]))",
    )
    assert json.loads(counts.stdout.strip().splitlines()[-1]) == [2, 4]
    # The restored installation goes on: a new report gets new ids (on PostgreSQL the sequences
    # were moved past the restored rows) and extends the restored audit chain.
    more = _run(env, "shell", "-c", SUBMIT)
    assert more.returncode == 0, more.stderr
    assert _run(env, "audit", "verify").returncode == 0
    counts = _run(
        env,
        "shell",
        "-c",
        "import json; from tegak.intake.models import Report, Evidence; "
        "print(json.dumps([Report.objects.count(), Evidence.objects.count()]))",
    )
    assert json.loads(counts.stdout.strip().splitlines()[-1]) == [3, 6]

    again = _run(env, "restore", str(backup_dir))
    assert again.returncode != 0
    assert "already holds data" in again.stderr


def test_a_damaged_backup_is_refused(installation, tmp_path, fresh_env):
    installation.python(SETUP + "print(1)")
    installation.python(SUBMIT)
    backup_dir = tmp_path / "backup"
    installation.tegak("backup", str(backup_dir))
    victim = next(path for path in (backup_dir / "media").rglob("*") if path.is_file())
    victim.write_bytes(victim.read_bytes() + b"!")
    done = _run(fresh_env, "restore", str(backup_dir))
    assert done.returncode != 0
    assert "does not match its hash" in done.stderr
    assert not Path(tmp_path / "restored" / "media").exists()
