"""Every stored template checked again on upgrade: one written before the sandbox never runs.

`tegak migrate` ends with `stored_templates_recheck()` (post_migrate of this app): each active
uploaded template goes through today's check (`check_template`); one that fails is deactivated
(the built-in template applies again), with an audit event naming the reason, and is listed on the
command's output so the administrator can fix and upload it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tegak.audit.services import audit_record
from tegak.documents.models import DocumentTemplate
from tegak.documents.templates_check import check_template


@dataclass(frozen=True)
class Deactivated:
    """A stored template that failed the check, and why."""

    template_id: int
    instansi_code: str
    kind: str
    reason: str


def _reason(template: DocumentTemplate) -> str:
    try:
        with template.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return "the file is missing from storage"
    report = check_template(template.kind, data)
    if report.unknown:
        return "unknown placeholders: " + ", ".join(report.unknown)
    return report.error


def stored_templates_recheck() -> list[Deactivated]:
    """Check every active uploaded template again; deactivate (audited) each one that fails."""
    deactivated = []
    for template in DocumentTemplate.objects.filter(active=True).select_related("instansi"):
        reason = _reason(template)
        if not reason:
            continue
        with transaction.atomic():
            DocumentTemplate.objects.filter(pk=template.pk).update(active=False)
            audit_record(
                actor=None,
                action="documents.template_deactivated",
                target=template,
                instansi_code=template.instansi.code,
                data={"kind": template.kind, "reason": "failed_recheck_on_upgrade"},
            )
        deactivated.append(
            Deactivated(template.pk, template.instansi.code, template.kind, str(reason))
        )
    return deactivated


def recheck_after_migrate(sender: Any, verbosity: int = 1, stdout: Any = None, **_: Any) -> None:
    """post_migrate: run the re-check and say what was switched off."""
    for item in stored_templates_recheck():
        if stdout is not None and verbosity:
            stdout.write(
                f"Template #{item.template_id} ({item.instansi_code}, {item.kind}) deactivated: "
                f"{item.reason}\n"
            )
