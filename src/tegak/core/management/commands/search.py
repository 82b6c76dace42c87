"""`tegak search rebuild [--only cases|reports]`: rewrite the stored search columns (ADR 0172).

The columns follow every save on their own; this is for an upgrade, a restore from an old
backup, or rows written in bulk by something that did not send `changed_in_bulk`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from tegak.core import search
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError


class Command(TegakCommand):
    help = "Search columns: `rebuild` rewrites the stored search text of cases and reports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument(
            "--only",
            action="append",
            metavar="COLUMN",
            help="rebuild only this column (cases or reports; may be repeated)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = options.get("only")
        known = search.columns()
        for name in names or []:
            if name not in known:
                raise InputError(
                    "only",
                    _("No search column is called %(name)s (known: %(known)s).")
                    % {"name": name, "known": ", ".join(known)},
                )
        self.stdout.write(json.dumps({"rebuilt": search.rebuild(names)}))
