"""`tegak portal_refresh`: rebuild the public register from the case file."""

from __future__ import annotations

from typing import Any

from tegak.core.commands import TegakCommand
from tegak.portal.services import register_rebuild


class Command(TegakCommand):
    help = "Rebuild the anonymised public register from the case file (safe to run at any time)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = register_rebuild(actor=None)
        self.stdout.write(f'{{"entries": {written}}}')
