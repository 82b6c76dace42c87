"""Demo data: letter numbering for Kota Sukamaju, and the documents of its demo cases.

Idempotent: schemes are set in place, and a document whose step already has one is left alone.
"""

from __future__ import annotations

from typing import TextIO

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tegak.core.errors import InputError
from tegak.documents.kinds import KINDS, SERIES
from tegak.documents.models import NumberingScheme
from tegak.people.models import Instansi

DEMO_INSTANSI_CODE = "kota-sukamaju"


def load(out: TextIO) -> None:
    """Set numbering for the demo instansi; issue documents for demo case steps that exist."""
    instansi = Instansi.objects.filter(code=DEMO_INSTANSI_CODE).first()
    if instansi is None:
        return
    with transaction.atomic():
        # Each letter carries the code of the unit that issues it (its own register).
        for kind in KINDS.values():
            NumberingScheme.objects.update_or_create(
                instansi=instansi,
                unit=None,
                kind=kind.code,
                defaults={
                    "series": kind.series,
                    "pattern": SERIES[kind.series][1],
                    "classification": "800",
                    "unit_code": "",
                },
            )
    issued = _issue_demo_documents(instansi)
    out.write(f"Documents: numbering set for {len(KINDS)} kinds, {issued} documents issued\n")


def _issue_demo_documents(instansi: Instansi) -> int:
    from tegak.cases.models import Accused, CaseHandler, HandlerRole
    from tegak.documents.context import CASE_KINDS, StepMissing, build_context
    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_issue_for_case

    count = 0
    for accused in Accused.objects.filter(case__instansi=instansi).select_related("case"):
        handler = (
            CaseHandler.objects.filter(
                case=accused.case, role=HandlerRole.AUTHORISED_OFFICIAL, active=True
            )
            .select_related("user")
            .first()
        )
        if handler is None:
            continue
        for kind in CASE_KINDS:
            try:
                built = build_context(accused, kind)
            except StepMissing:
                continue
            exists = IssuedDocument.objects.filter(
                kind=kind,
                subject_type=built.step._meta.label_lower,
                subject_id=str(built.step.pk),
            ).exists()
            if exists:
                continue
            try:
                document_issue_for_case(actor=handler.user, accused=accused, kind=kind)
            except (InputError, PermissionDenied):
                continue
            count += 1
    return count
