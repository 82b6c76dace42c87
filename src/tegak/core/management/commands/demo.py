"""`tegak demo`: migrate SQLite, load the fictional demo agency, and serve."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.core.demo import load_demo
from tegak.core.server import DEFAULT_BIND, exec_server


class Command(TegakCommand):
    help = "Load the fictional demo agency (idempotent) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="load the data and exit")
        parser.add_argument("--bind", default=DEFAULT_BIND)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        load_demo(self.stdout)
        if options["no_serve"]:
            return
        self.stdout.write(f"Serving on http://{options['bind']}/ (Ctrl+C to stop)")
        self.stdout.flush()
        # The loaders above started Polars' threads: serve from a fresh process (see server.py).
        exec_server(bind=options["bind"], workers=2)
