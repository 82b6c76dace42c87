"""`tegak restore SOURCE`: a backup into an empty data folder, then the audit chain and every
stored file's hash checked (exit 1 when a check fails)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tegak.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `tegak backup` into an empty data folder and database, then "
        "verify the audit chain and the hash of every stored file. The keys are not in the "
        "backup: set the installation's TEGAK_* keys first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the folder `tegak backup` wrote")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(Path(options["source"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            json.dumps(
                {
                    "files": result.files,
                    "hashes_checked": result.hashes_checked,
                    "audit_events_checked": result.audit_events,
                    "problems": result.problems,
                },
                indent=2,
            )
        )
        if not result.ok:
            sys.exit(1)
