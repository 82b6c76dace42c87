"""Checking a dossier ZIP with nothing but the ZIP (no settings, no database, no Django).

`tegak dossier verify FILE.zip [--public-key KEY]` runs this before Django is started. It checks:

- the signature: `manifest.sig` is the Ed25519 signature (base64) of `manifest.json` under the
  public key the manifest names (`public_key`); with `--public-key` (the key printed on the
  portal, `tegak keys public`) the key must also be that one;
- every file against the SHA-256 the manifest lists, and that nothing unlisted is present;
- the audit segment (`audit.jsonl`): each event recomputed from its fields and previous hash.

The first problem found is reported with the file it is in.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tegak.core import signing

FORMAT = "tegak-dossier/2"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
AUDIT = "audit.jsonl"
CHECKPOINT = "audit-checkpoint.json"


# Limits checked before anything is unpacked (no ZIP bomb, #12 item 3); settings are not read
# here (this runs without any), so they are fixed, and generous for a case's dossier.
MAX_MEMBERS = 10_000
MAX_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200


def _check_zip(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"more than {MAX_MEMBERS} files in the archive")
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_BYTES:
            raise ValueError(f"it unpacks to more than {MAX_BYTES // (1024 * 1024)} MB")
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ValueError(f"{member.filename} is compressed more than {MAX_RATIO} to 1")


class DossierUnreadable(Exception):
    """Not a dossier at all (not a ZIP, or no manifest)."""

    def message(self) -> str:
        return f"This is not a Tegak dossier ({self})."


@dataclass
class VerifyReport:
    """The outcome of checking a dossier."""

    ok: bool
    files_checked: int = 0
    events_checked: int = 0
    problem_path: str = ""
    problem: str = ""
    signature: str = "missing"  # valid | invalid | missing | other key
    key_id: str = ""
    checkpoint: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files_checked": self.files_checked,
            "events_checked": self.events_checked,
            "problem_path": self.problem_path,
            "problem": self.problem,
            "signature": self.signature,
            "key_id": self.key_id,
            "checkpoint": self.checkpoint,
        }


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_payload(event: dict[str, Any]) -> bytes:
    """The bytes an audit event's hash covers (as `tegak.audit.services.canonical_payload`)."""
    body = {
        "sequence": event["sequence"],
        "occurred_at": datetime.fromisoformat(event["occurred_at"])
        .astimezone(UTC)
        .isoformat(timespec="microseconds"),
        "actor_id": event["actor_id"],
        "actor_label": event["actor_label"],
        "action": event["action"],
        "instansi_code": event["instansi_code"],
        "target_type": event["target_type"],
        "target_id": event["target_id"],
        "data": event["data"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous_hash: str, payload: bytes) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + payload).hexdigest()


def verify_dossier(data: bytes, *, public_key: str | None = None) -> VerifyReport:
    """Check a dossier; `public_key` (base64 or PEM) is the key it must be signed with."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(archive)  # before anything is unpacked
        names = archive.namelist()
        manifest_bytes = archive.read(MANIFEST)
        manifest = json.loads(manifest_bytes)
        listed = {item["path"]: item for item in manifest["files"]}
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise DossierUnreadable(str(error) or error.__class__.__name__) from error
    if manifest.get("format") != FORMAT:
        raise DossierUnreadable(f"unknown format {manifest.get('format')!r}")
    report = VerifyReport(ok=True, key_id=str(manifest.get("key_id", "")))
    try:
        stated = archive.read(SIGNATURE).decode().strip()
    except KeyError:
        return _fail(report, SIGNATURE, "the dossier carries no signature")
    signer = str(manifest.get("public_key", ""))
    try:
        named = signing.parse_public_key(signer)
    except signing.SigningKeyError:
        return _fail(report, MANIFEST, "the manifest names no valid public key")
    if public_key is not None:
        try:
            expected = signing.parse_public_key(public_key)
        except signing.SigningKeyError as error:
            raise DossierUnreadable(f"the public key given cannot be read: {error}") from error
        if signing.public_key_text(expected) != signing.public_key_text(named):
            report.signature = "other key"
            return _fail(report, MANIFEST, "signed with another key than the one given")
    if not signing.is_valid(manifest_bytes, stated, named):
        report.signature = "invalid"
        return _fail(report, MANIFEST, "the manifest does not match its signature")
    report.signature = "valid"
    for path in sorted(listed):
        if path not in names:
            return _fail(report, path, "listed in the manifest but missing")
        try:
            content = archive.read(path)
        except (zipfile.BadZipFile, ValueError) as error:
            return _fail(report, path, f"cannot be read ({error})")
        if sha256_hex(content) != listed[path]["sha256"]:
            return _fail(report, path, "its SHA-256 does not match the manifest")
        report.files_checked += 1
    for path in names:
        if path not in listed and path not in {MANIFEST, SIGNATURE}:
            return _fail(report, path, "present but not listed in the manifest")
    if AUDIT in listed:
        problem = _verify_audit(archive.read(AUDIT), report)
        if problem:
            return _fail(report, AUDIT, problem)
    if CHECKPOINT in listed:
        from tegak.audit.offline import CheckpointInvalid, read_checkpoint

        try:
            statement = read_checkpoint(json.loads(archive.read(CHECKPOINT)), signer)
        except (CheckpointInvalid, ValueError) as error:
            return _fail(report, CHECKPOINT, f"the audit checkpoint does not verify ({error})")
        report.checkpoint = f"#{statement['sequence']} {statement['hash']}"
    return report


def _fail(report: VerifyReport, path: str, problem: str) -> VerifyReport:
    report.ok, report.problem_path, report.problem = False, path, problem
    return report


def _verify_audit(data: bytes, report: VerifyReport) -> str:
    """Each event recomputed from its own fields and its previous hash (link by link)."""
    previous = None
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        try:
            event = json.loads(line)
            payload = canonical_payload(event)
        except (ValueError, KeyError, TypeError):
            return f"line {number} is not an audit event"
        if chain_hash(event["previous_hash"], payload) != event["hash"]:
            return f"event #{event['sequence']} (line {number}) does not match its hash"
        if previous is not None and event["sequence"] <= previous:
            return f"event #{event['sequence']} (line {number}) is out of order"
        previous = event["sequence"]
        report.events_checked += 1
    return ""


def main(rest: list[str]) -> int:
    """`tegak dossier verify FILE.zip [--public-key KEY|@FILE] [--json]`."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="tegak dossier verify")
    parser.add_argument("file")
    parser.add_argument("--public-key", help="the key printed on the portal (base64, PEM, @FILE)")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(rest)
    key = options.public_key
    try:
        if key and key.startswith("@"):
            with open(key[1:]) as handle:
                key = handle.read()
        with open(options.file, "rb") as handle:
            data = handle.read()
        report = verify_dossier(data, public_key=key)
    except OSError as error:
        sys.stderr.write(f"tegak: cannot read {options.file}: {error.strerror}\n")
        return 2
    except DossierUnreadable as error:
        sys.stderr.write(f"tegak: {error.message()}\n")
        return 2
    if options.json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
    elif report.ok:
        sys.stdout.write(
            f"OK: {report.files_checked} files and {report.events_checked} audit events match "
            f"the manifest; signature valid (Ed25519, key {report.key_id})"
            + (f"; audit checkpoint {report.checkpoint}" if report.checkpoint else "")
            + "\n"
        )
        if not key:
            # Whoever rewrites a dossier can sign it again with a key of their own: only the
            # installation's key, compared, tells the two apart.
            sys.stdout.write(
                f"NOTE: checked with the key the dossier itself names ({report.key_id}). Compare "
                "it with the installation's key on the portal's page /integritas/, or run again "
                "with --public-key KEY.\n"
            )
    else:
        sys.stderr.write(
            f"BROKEN: {report.problem_path}: {report.problem} (signature: {report.signature})\n"
        )
    return 0 if report.ok else 1
