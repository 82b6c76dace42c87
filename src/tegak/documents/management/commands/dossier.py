"""`tegak dossier verify FILE.zip` and `tegak dossier send --case NUMBER ...`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError


class Command(TegakCommand):
    help = "Check a dossier ZIP (exit 0 intact, 1 naming the first bad file), or build one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "send"])
        parser.add_argument("file", nargs="?", help="verify: the dossier ZIP")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--case", help="send: the case register number")
        parser.add_argument("--instansi", help="send: instansi code (when there are several)")
        parser.add_argument("--to", dest="recipient_kind", help="send: inspektorat, bkn, ...")
        parser.add_argument("--name", dest="recipient_name", help="send: the recipient's name")
        parser.add_argument("--purpose", default="")
        parser.add_argument("--as", dest="username", help="send: the staff account sending it")
        parser.add_argument("--out", help="send: where to write the ZIP")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify(options)
        else:
            self._send(options)

    def _verify(self, options: dict[str, Any]) -> None:
        from tegak.documents.dossier import DossierUnreadable, dossier_verify

        if not options["file"]:
            raise InputError("file", "give the dossier ZIP to check")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError("file", f"cannot read {path}: {error.strerror}") from error
        try:
            report = dossier_verify(data)
        except DossierUnreadable as error:
            raise InputError("file", error.message()) from error
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
        elif report.ok:
            self.stdout.write(
                f"OK: {report.files_checked} files and {report.events_checked} audit events "
                f"match the manifest (signature: {report.signature})"
            )
        else:
            self.stderr.write(f"BROKEN: {report.problem_path}: {report.problem}")
        if not report.ok:
            raise SystemExit(1)

    def _send(self, options: dict[str, Any]) -> None:
        from tegak.accounts.models import User
        from tegak.documents.dossier import dossier_send
        from tegak.documents.selectors import case_by_number

        for name in ("case", "recipient_kind", "recipient_name", "username", "out"):
            if not options[name]:
                raise InputError(name, f"--{name.replace('_', '-')} is required for send")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise InputError("as", "no staff account with that username")
        case = case_by_number(options["case"], options["instansi"])
        dispatch = dossier_send(
            actor=user,
            case=case,
            recipient_kind=options["recipient_kind"],
            recipient_name=options["recipient_name"],
            purpose=options["purpose"],
        )
        with dispatch.file.open("rb") as handle:
            Path(options["out"]).write_bytes(handle.read())
        self.stdout.write(f"{options['out']}: sha256 {dispatch.sha256}")
