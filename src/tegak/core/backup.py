"""`tegak backup` and `tegak restore`: a consistent copy of the database and the stored files.

The database is copied first, as one consistent snapshot: SQLite through its online backup API
(pages copied while the application keeps running; the copy is one moment of the database);
PostgreSQL through Django's serialisation of every model inside one REPEATABLE READ transaction
(no pg_dump needed on the machine; restored with `migrate` and `loaddata`): times keep their
microseconds (the audit chain hashes them) and content types and permissions are named by their
natural keys, since their ids differ in the database restored into. The stored files are
copied after it: services write a file before the row that names it, so every file the snapshot
names is already there (a newer file without a row in the copy is swept later like any
leftover). Every copied file's SHA-256 goes into `manifest.json`.

The keys are NOT in the backup, on purpose: TEGAK_SECRET_KEY, TEGAK_IDENTITY_KEYS (without them
sealed reporter identities cannot be opened), TEGAK_SIGNING_KEY and TEGAK_AUDIT_KEYS (the audit
chain's MACs cannot be checked without them). Keep them apart from the backups, so that a stolen
backup opens no identity.

`restore` copies a backup into an empty data folder (it refuses a database that already holds
data), then checks what it restored: the audit chain (links, MACs, head) and the hash of every
stored file whose row records one (evidence, clean copies, templates, issued and signed documents,
dossiers).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

FORMAT = "tegak-backup/1"
KEYS_NOT_INCLUDED = (
    "TEGAK_SECRET_KEY",
    "TEGAK_IDENTITY_KEYS",
    "TEGAK_SIGNING_KEY",
    "TEGAK_AUDIT_KEYS",
)


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to milliseconds,
    and the audit chain's hashes cover the exact time of each event)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


# Rebuilt by `migrate` in the restored database; their rows are referred to by natural keys
# (app label and model name), never by ids, which differ between databases.
NOT_DUMPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def _every_row() -> Iterator[models.Model]:
    """Every row of every model, parents before the rows that point at them, through the base
    manager (a filtering default manager must not leave rows out)."""
    app_models = [
        (config, [model for model in config.get_models() if _dumped(model)])
        for config in apps.get_app_configs()
    ]
    for model in serializers.sort_dependencies(app_models, allow_cycles=True):
        if _dumped(model):
            yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)


def _dumped(model: type[models.Model]) -> bool:
    meta = model._meta
    return meta.managed and not meta.proxy and meta.label_lower not in NOT_DUMPED


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def backup(destination: Path) -> dict[str, Any]:
    """Write a backup into `destination` (a new or empty folder); returns the manifest."""
    destination = destination.resolve()
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty")
    destination.mkdir(parents=True, exist_ok=True)
    if _is_sqlite():
        database = "database.sqlite3"
        connection.ensure_connection()
        source = connection.connection
        target = sqlite3.connect(destination / database)
        try:
            source.backup(target)
        finally:
            target.close()
    else:
        database = "database.json"
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with (destination / database).open("w", encoding="utf-8") as stream:
                serializers.serialize(
                    "json",
                    _every_row(),
                    stream=stream,
                    cls=ExactJSONEncoder,
                    use_natural_foreign_keys=True,
                )
    media = Path(settings.MEDIA_ROOT)
    files: dict[str, str] = {}
    if media.is_dir():
        for path in sorted(media.rglob("*")):
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(media).as_posix()
                target_path = destination / "media" / relative
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target_path)
                files[relative] = _sha256(target_path)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "file": database},
        "database_sha256": _sha256(destination / database),
        "files": files,
        "keys_included": False,
        "keys_not_included": list(KEYS_NOT_INCLUDED),
        "note": (
            "The keys are not in this backup. Restore needs the same TEGAK_IDENTITY_KEYS (sealed "
            "reporter identities), TEGAK_AUDIT_KEYS (audit chain MACs), TEGAK_SIGNING_KEY and "
            "TEGAK_SECRET_KEY, kept apart from the backups."
        ),
    }
    (destination / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


@dataclass
class Restored:
    """What a restore copied and what the checks found."""

    files: int = 0
    hashes_checked: int = 0
    audit_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable manifest.json ({error})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}/manifest.json is not a {FORMAT} backup")
    database = source / manifest["database"]["file"]
    if _sha256(database) != manifest["database_sha256"]:
        raise BackupError(f"{database} does not match its hash in the manifest")
    for name, digest in manifest["files"].items():
        if _sha256(source / "media" / name) != digest:
            raise BackupError(f"media/{name} does not match its hash in the manifest")
    return manifest


def _database_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "audit_auditevent" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM audit_auditevent")
        row = cursor.fetchone()
    return not row or row[0] == 0


def restore(source: Path) -> Restored:
    """Restore the backup in `source` into this installation's empty data folder and database."""
    source = source.resolve()
    manifest = _read_manifest(source)
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']['vendor']} database, this installation "
            f"uses {connection.vendor}"
        )
    if not _database_is_empty():
        raise BackupError("the database already holds data: restore only into an empty one")
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(path.is_file() for path in media.rglob("*")):
        raise BackupError(f"{media} already holds files: restore only into an empty data folder")
    if _is_sqlite():
        name = Path(str(settings.DATABASES["default"]["NAME"]))
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        name.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / manifest["database"]["file"], name)
    else:
        call_command("migrate", verbosity=0)
        call_command("loaddata", str(source / manifest["database"]["file"]), verbosity=0)
    result = Restored()
    for name in manifest["files"]:
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "media" / name, target)
        result.files += 1
    call_command("migrate", verbosity=0)  # a backup of an older version is brought up to date
    check(result)
    return result


def _hash_field(model: type[models.Model], file_field: str) -> str | None:
    if file_field in {"file", "original"}:
        candidate = "sha256"
    elif file_field.startswith("file_"):
        candidate = "sha256_" + file_field.removeprefix("file_")
    elif file_field.endswith("_file"):
        candidate = file_field.removesuffix("_file") + "_sha256"
    else:
        return None
    names = {item.name for item in model._meta.concrete_fields}
    return candidate if candidate in names else None


def check(result: Restored | None = None) -> Restored:
    """The audit chain, and every stored file against the hash its row records."""
    from tegak.audit.verify import verify_events

    result = result or Restored()
    report = verify_events()
    result.audit_events = report.events_checked
    if not report.intact:
        result.problems.append(
            f"audit chain: broken at event {report.broken_sequence}: {report.reason}"
        )
    media = Path(settings.MEDIA_ROOT)
    for model in apps.get_models():
        for item in model._meta.concrete_fields:
            if not isinstance(item, models.FileField):
                continue
            hash_field = _hash_field(model, item.name)
            if hash_field is None:
                continue
            rows = model._base_manager.exclude(**{item.name: ""}).values_list(
                "pk", item.name, hash_field
            )
            for pk, name, recorded in rows.iterator(chunk_size=2000):
                if not name or not recorded:
                    continue
                path = media / name
                label = f"{model._meta.label} {pk} {item.name}"
                if not path.is_file():
                    result.problems.append(f"{label}: file missing")
                elif _sha256(path) != recorded:
                    result.problems.append(f"{label}: hash differs from the recorded one")
                else:
                    result.hashes_checked += 1
    return result
