"""`tegak storage sweep [--grace-minutes N] [--dry-run]`: remove what killed processes left."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tegak.jobs.sweep import sweep


class Command(BaseCommand):
    help = (
        "sweep: remove temporary uploads and stored files that no row names, older than the "
        "grace period (the worker does it hourly); prints what was removed as JSON"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=None,
            help="only files older than this (default TEGAK_STORAGE_SWEEP_GRACE_MINUTES, 360)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list, remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = options["grace_minutes"]
        if minutes is None:
            minutes = settings.STORAGE_SWEEP_GRACE_MINUTES
        if minutes < 0:
            raise CommandError("--grace-minutes cannot be negative")
        result = sweep(grace=timedelta(minutes=minutes), dry_run=options["dry_run"])
        self.stdout.write(json.dumps(result.as_dict(), indent=2))
