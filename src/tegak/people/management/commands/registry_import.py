"""`tegak import units|employees FILE [--instansi CODE] [--partial]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from tegak.core.access import Right, SystemActor
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError
from tegak.people.imports import import_employees, import_units, resolve_instansi

# The command line writes the registry of the instansi named on it, and nothing else.
CLI = SystemActor("cli", rights=frozenset({Right.REGISTRY_WRITE}))


class Command(TegakCommand):
    help = "Import org units or employees from a CSV or XLSX file (see docs/people.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["units", "employees"])
        parser.add_argument("file")
        parser.add_argument("--instansi", help="instansi code (optional when there is only one)")
        parser.add_argument(
            "--partial", action="store_true", help="import the valid rows and list the others"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError:
            raise InputError(
                "file", _("The file %(name)s cannot be read.") % {"name": path}
            ) from None
        instansi = resolve_instansi(options["instansi"])
        run = import_units if options["kind"] == "units" else import_employees
        result = run(actor=CLI, instansi=instansi, data=data, partial=options["partial"])
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
