"""`tegak cases sweep`: remind and escalate on every open deadline (cron, or --enqueue for the
worker)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from tegak.cases.reminders import clocks_sweep
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError


class Command(TegakCommand):
    help = "Case deadlines: `sweep` reminds before and escalates after every open deadline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--on", help="the day to sweep as (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to `tegak worker`"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("on"):
            try:
                day = date.fromisoformat(options["on"])
            except ValueError as error:
                raise InputError("on", _("Write the day as YYYY-MM-DD.")) from error
        if options["enqueue"]:
            from tegak.cases.tasks import clocks_sweep_all

            result = clocks_sweep_all.enqueue()
            self.stdout.write(json.dumps({"enqueued": str(result.id)}))
            return
        self.stdout.write(json.dumps(clocks_sweep(today=day)))
