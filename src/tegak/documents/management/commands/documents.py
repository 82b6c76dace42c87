"""`tegak documents render --case NUMBER --kind KIND --format docx|pdf --out FILE`; `template`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db.models import Q

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


def _nth_path(out: Path, index: int) -> Path:
    """Where the n-th file of one render goes: `--out` itself for the first, `NAME-2.pdf`,
    `NAME-3.pdf` … beside it for the others."""
    return out if index == 0 else out.with_name(f"{out.stem}-{index + 1}{out.suffix}")


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
        for index, (data, label) in enumerate(self._render(options)):
            path = _nth_path(out, index)
            path.write_bytes(data)
            self.stdout.write(f"{path}: {label}")

    def _render(self, options: dict[str, Any]) -> list[tuple[bytes, str]]:
        """Every file to write: one, or one per letter of a kind issued as several (the
        pemberitahuan hasil to each complainant whose report fed the case, reading C28)."""
        from tegak.documents.context import build_context
        from tegak.documents.render import document_render
        from tegak.documents.selectors import accused_in_case, case_by_number
        from tegak.documents.services import document_file, documents_issue_for_case

        case = case_by_number(options["case"], options["instansi"])
        accused = accused_in_case(case, options["nip"])
        kind, fmt = options["kind"], options["fmt"]
        if options["issue"]:
            from tegak.accounts.models import User

            user = User.objects.filter(username=options["username"] or "").first()
            if user is None:
                raise InputError("as", "--issue needs --as USERNAME of a staff account")
            documents = documents_issue_for_case(actor=user, accused=accused, kind=kind)
            if fmt == "pdf":
                documents = [_when_pdf_ready(document) for document in documents]
            return [
                (document_file(document, fmt)[0], f"{kind} {document.number}")
                for document in documents
            ]
        built = build_context(accused, kind)
        subject = str(built.step.pk)
        issued = IssuedDocument.objects.filter(
            kind=kind, subject_type=built.step._meta.label_lower
        ).order_by("id")
        if kind == "pemberitahuan_hasil":
            # The first complainant's letter is about the accused; the others' `<id>:<report>`.
            issued = issued.filter(Q(subject_id=subject) | Q(subject_id__startswith=f"{subject}:"))
        else:
            issued = issued.filter(subject_id=subject)
        if issued:
            found = [_when_pdf_ready(item) if fmt == "pdf" else item for item in issued]
            return [
                (document_file(item, fmt)[0], f"{kind} {item.number} (issued)") for item in found
            ]
        context = built.context
        context["document"] = {**context["document"], "number": "(konsep, belum bernomor)"}
        return [(document_render(kind=kind, context=context, fmt=fmt), f"{kind} draft, unnumbered")]
