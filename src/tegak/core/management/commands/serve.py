"""`tegak serve`: serve the application with gunicorn."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.core.server import run_server


class Command(TegakCommand):
    help = "Serve Tegak over HTTP (gunicorn, sync workers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        run_server(bind=options["bind"], workers=options["workers"])
