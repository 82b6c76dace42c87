"""`tegak backup DEST`: a consistent copy of the database and the stored files (no keys)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tegak.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Copy the database (one consistent snapshot) and the stored files into a new folder, "
        "with a manifest of their hashes. The keys are not included: keep them apart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="a new or empty folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(Path(options["destination"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            json.dumps(
                {
                    "database": manifest["database"],
                    "files": len(manifest["files"]),
                    "keys_included": False,
                    "keys_not_included": manifest["keys_not_included"],
                },
                indent=2,
            )
        )
