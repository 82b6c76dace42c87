"""`tegak portal_refresh`: rebuild the public register from the case file."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.portal.services import (
    register_rebuild,
    register_refresh_changed,
    statistics_rebuild,
)


class Command(TegakCommand):
    help = "Rebuild the anonymised public register from the case file (safe to run at any time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--changed",
            action="store_true",
            help="only cases with an event since the last refresh, and new accused",
        )
        parser.add_argument(
            "--statistics",
            action="store_true",
            help="only recount the statistics' aggregates from the register",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["statistics"]:
            self.stdout.write(json.dumps(statistics_rebuild(actor=None)))
            return
        written = register_refresh_changed() if options["changed"] else register_rebuild(actor=None)
        self.stdout.write(f'{{"entries": {written}}}')
