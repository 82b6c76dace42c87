"""`tegak documents render --case NUMBER --kind KIND --format docx|pdf --out FILE`; `template`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError
from tegak.documents.kinds import KINDS
from tegak.documents.models import IssuedDocument
from tegak.documents.rendering import pending

PDF_WAIT_SECONDS = 300


def _when_pdf_ready(document: IssuedDocument) -> IssuedDocument:
    """The document once the running worker has made its PDF (issue #18 item 6); the command
    waits for it as it waits for its own import job."""
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while pending(document) and time.monotonic() < deadline:
        time.sleep(0.5)
        document.refresh_from_db()
    return document


class Command(TegakCommand):
    help = (
        "render: write a case document (the issued one, or an unnumbered draft; --issue --as "
        "USER numbers and stores it). template: write a built-in DOCX template to adapt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["render", "template"])
        parser.add_argument("--case", help="the case register number")
        parser.add_argument("--instansi", help="instansi code (when there are several)")
        parser.add_argument("--nip", help="the accused's NIP (when the case has several)")
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--format", dest="fmt", choices=["docx", "pdf"], default="pdf")
        parser.add_argument("--out", required=True)
        parser.add_argument("--issue", action="store_true", help="number and store it")
        parser.add_argument("--as", dest="username", help="with --issue: the staff account")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if options["action"] == "template":
            from tegak.documents.builtin import builtin_template

            out.write_bytes(builtin_template(options["kind"]))
            self.stdout.write(f"{out}: built-in template {options['kind']}")
            return
        if not options["case"]:
            raise InputError("case", "--case is required for render")
        data, label = self._render(options)
        out.write_bytes(data)
        self.stdout.write(f"{out}: {label}")

    def _render(self, options: dict[str, Any]) -> tuple[bytes, str]:
        from tegak.documents.context import build_context
        from tegak.documents.render import document_render
        from tegak.documents.selectors import accused_in_case, case_by_number
        from tegak.documents.services import document_file, document_issue_for_case

        case = case_by_number(options["case"], options["instansi"])
        accused = accused_in_case(case, options["nip"])
        kind, fmt = options["kind"], options["fmt"]
        if options["issue"]:
            from tegak.accounts.models import User

            user = User.objects.filter(username=options["username"] or "").first()
            if user is None:
                raise InputError("as", "--issue needs --as USERNAME of a staff account")
            document = document_issue_for_case(actor=user, accused=accused, kind=kind)
            if fmt == "pdf":
                document = _when_pdf_ready(document)
            return document_file(document, fmt)[0], f"{kind} {document.number}"
        built = build_context(accused, kind)
        issued = IssuedDocument.objects.filter(
            kind=kind,
            subject_type=built.step._meta.label_lower,
            subject_id=str(built.step.pk),
        ).first()
        if issued is not None:
            if fmt == "pdf":
                issued = _when_pdf_ready(issued)
            return document_file(issued, fmt)[0], f"{kind} {issued.number} (issued)"
        context = built.context
        context["document"] = {**context["document"], "number": "(konsep, belum bernomor)"}
        return document_render(kind=kind, context=context, fmt=fmt), f"{kind} draft, unnumbered"
