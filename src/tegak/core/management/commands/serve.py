"""`tegak serve`: serve the application with gunicorn."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.core.server import DEFAULT_BIND, exec_server


class Command(TegakCommand):
    help = "Serve Tegak over HTTP (gunicorn, asyncio workers: slow clients cannot hold the views)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=DEFAULT_BIND, help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=2, help="web worker processes")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not run `tegak worker` beside the server (run it separately)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Django's checks have imported the apps (and Polars): serve from a fresh process.
        exec_server(
            bind=options["bind"], workers=options["workers"], job_worker=not options["no_worker"]
        )
