"""Background jobs of documents: the PDF (and its electronic signature) of an issued document."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from tegak.documents.rendering import pdf_render

RENDER_TASK_PATH = "tegak.documents.tasks.render_issued_pdf"


@task()
def render_issued_pdf(
    document_id: int,
    version: int,
    certificate_id: int | None = None,
    signatory: dict[str, Any] | None = None,
    reason: str = "",
) -> str:
    """Make the PDF of one version of an issued document (idempotent; see rendering.py)."""
    return pdf_render(
        document_id,
        version,
        certificate_id=certificate_id,
        signatory=signatory,
        reason=reason,
    )
