"""`tegak audit verify|checkpoint|export|check`.

verify      exit 0 when the chain is intact (links, keyed MACs, head, checkpoints), 1 naming the
            first broken event; `--checkpoint FILE` also holds it against checkpoints kept elsewhere
checkpoint  sign the current head and print the checkpoint (JSON), or write it to `--out`
export      every stored checkpoint as JSON lines (stdout or `--out`)
check       check a checkpoint file's signature with `--public-key` (offline; also reachable
            without a database as `tegak audit check FILE --public-key KEY`)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from tegak.audit.checkpoints import checkpoint_create, checkpoint_document
from tegak.audit.models import AuditCheckpoint
from tegak.audit.offline import CheckpointInvalid, read_checkpoint, read_checkpoint_file
from tegak.audit.verify import verify_events
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError


def _read_file(path: str, field: str) -> str:
    try:
        return Path(path).read_text()
    except OSError as error:
        raise InputError(field, f"cannot be read: {error.strerror}") from error


class Command(TegakCommand):
    help = "Check the tamper-evident audit chain, sign and export its checkpoints."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "export", "check"])
        parser.add_argument("file", nargs="?", help="check: the checkpoint file")
        parser.add_argument("--json", action="store_true", help="verify: print JSON")
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            help="verify: a checkpoint file kept elsewhere (repeatable)",
        )
        parser.add_argument("--out", help="checkpoint/export: write to this file")
        parser.add_argument("--public-key", help="check: the installation's public key")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            self._verify(options)
        elif action == "checkpoint":
            self._write(options, json.dumps(checkpoint_document(checkpoint_create())) + "\n")
        elif action == "export":
            rows = AuditCheckpoint.objects.order_by("sequence", "created_at")
            self._write(options, "".join(json.dumps(checkpoint_document(r)) + "\n" for r in rows))
        else:
            if not options["file"]:
                raise InputError("file", "give the checkpoint file to check")
            self._check(_read_file(options["file"], "file"), options["public_key"])

    def _write(self, options: dict[str, Any], text: str) -> None:
        if options["out"]:
            Path(options["out"]).write_text(text)
            self.stdout.write(f"written: {options['out']}")
        else:
            self.stdout.write(text, ending="")

    def _check(self, text: str, public_key: str | None) -> None:
        try:
            for document in read_checkpoint_file(text):
                statement = read_checkpoint(document, public_key)
                self.stdout.write(
                    f"OK: checkpoint of {statement['created_at']}: "
                    f"#{statement['sequence']} {statement['hash']}"
                )
        except CheckpointInvalid as error:
            self.stderr.write(f"INVALID: {error}")
            raise SystemExit(1) from error

    def _verify(self, options: dict[str, Any]) -> None:
        given: list[dict[str, Any]] = []
        for path in options["checkpoint"]:
            try:
                given.extend(read_checkpoint_file(_read_file(path, "checkpoint")))
            except CheckpointInvalid as error:
                raise InputError("checkpoint", str(error)) from error
        report = verify_events(checkpoints=given)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "intact": report.intact,
                        "events_checked": report.events_checked,
                        "broken_sequence": report.broken_sequence,
                        "reason": report.reason,
                        "checkpoints_checked": report.checkpoints_checked,
                    }
                )
            )
        elif report.intact:
            self.stdout.write(
                f"OK: {report.events_checked} events, chain intact "
                f"({report.checkpoints_checked} signed checkpoints hold)"
            )
        else:
            self.stderr.write(
                f"BROKEN at event #{report.broken_sequence}: {report.reason} "
                f"({report.events_checked} events before it are intact)"
            )
        if not report.intact:
            raise SystemExit(1)
