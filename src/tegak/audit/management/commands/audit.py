"""`tegak audit verify`: exit 0 when the chain is intact, 1 naming the first broken event."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from tegak.audit.verify import verify_events
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError


class Command(TegakCommand):
    help = "Check the tamper-evident audit chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: check every link")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "verify":
            raise InputError("action", "unknown action")
        report = verify_events()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "intact": report.intact,
                        "events_checked": report.events_checked,
                        "broken_sequence": report.broken_sequence,
                        "reason": report.reason,
                    }
                )
            )
        elif report.intact:
            self.stdout.write(f"OK: {report.events_checked} events, chain intact")
        else:
            self.stderr.write(
                f"BROKEN at event #{report.broken_sequence}: {report.reason} "
                f"({report.events_checked} events before it are intact)"
            )
        if not report.intact:
            raise SystemExit(1)
