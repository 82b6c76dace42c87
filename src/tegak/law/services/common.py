"""What the services of the stored configuration share: the basis document and evidence of an
item, the engine's errors turned into ours."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tegak.core.access import administers
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.law import labels
from tegak.law.models import (
    Basis,
    EvidenceStatus,
    Schedule,
)
from tegak.people.models import Instansi
from tegak.rules import RulesInputError
from tegak.rules.calendar import schedule_from_dict

BASIS_FILE_MAX_BYTES = 20 * 1024 * 1024
BASIS_FILE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


@dataclass
class BasisInput:
    """The basis document of an item and the evidence it rests on, as the form gives them."""

    kind: str = ""
    number: str = ""
    date: date | None = None
    title: str = ""
    file_name: str = ""
    file_bytes: bytes | None = None
    evidence_status: str = EvidenceStatus.ENTERED
    sources: list[dict[str, Any]] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    @classmethod
    def from_pack(cls, item: Mapping[str, Any]) -> BasisInput:
        """The basis document and evidence of an item of a rule pack."""
        document = item.get("basis_document") or {}
        evidence = item.get("evidence") or {}
        raw_date = document.get("date")
        return cls(
            kind=str(document.get("kind") or ""),
            number=str(document.get("number") or ""),
            date=date.fromisoformat(raw_date) if raw_date else None,
            title=str(document.get("title") or ""),
            evidence_status=str(evidence.get("status") or EvidenceStatus.ENTERED),
            sources=list(evidence.get("sources") or []),
            uncertain=list(evidence.get("uncertain") or []),
            citations=[str(line) for line in item.get("basis") or []],
        )


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not administers(actor, instansi):
        raise PermissionDenied


def _engine_message(error: RulesInputError) -> str:
    return labels.engine_error(error)


def _apply_basis(item: Basis, basis: BasisInput, *, effective: date, actor: Any, note: str) -> None:
    """Check and copy the basis document and evidence onto an item (not saved yet)."""
    if basis.evidence_status not in EvidenceStatus.values:
        raise InputError("evidence_status", _("Choose how the item is known."))
    if basis.date is not None and basis.date > effective:
        raise InputError(
            "basis_date",
            _(
                "The document is dated %(date)s, after the day it takes effect (%(effective)s): "
                "a document cannot take effect before it exists."
            )
            % {"date": shown_date(basis.date), "effective": shown_date(effective)},
        )
    if basis.evidence_status == EvidenceStatus.AS_REPORTED and not basis.sources:
        raise InputError(
            "sources", _("Name the source (a news report, a copy) of an item known as reported.")
        )
    item.basis_kind = basis.kind.strip()[:60]
    item.basis_number = basis.number.strip()[:120]
    item.basis_date = basis.date
    item.basis_title = basis.title.strip()[:300]
    item.evidence_status = basis.evidence_status
    evidence: dict[str, Any] = {}
    if basis.sources:
        evidence["sources"] = basis.sources
    if basis.uncertain:
        evidence["uncertain"] = [text.strip() for text in basis.uncertain if text.strip()]
    item.evidence = evidence
    item.note = note.strip()[:500]
    item.citations = [line.strip() for line in basis.citations if line.strip()]
    if getattr(actor, "pk", None) is not None:
        item.recorded_by = actor
    if basis.file_bytes:
        if len(basis.file_bytes) > BASIS_FILE_MAX_BYTES:
            raise InputError("basis_file", _("The file is larger than 20 MB."))
        kind = filetype.guess(basis.file_bytes[:8192])
        if kind is None or kind.mime not in BASIS_FILE_TYPES:
            raise InputError("basis_file", _("Attach the document as PDF, PNG or JPEG."))
        item.basis_sha256 = hashlib.sha256(basis.file_bytes).hexdigest()
        item.basis_file.save(
            f"{uuid.uuid4().hex}.{kind.extension}", ContentFile(basis.file_bytes), save=False
        )


def _week_field(path: str) -> str:
    """`days.mon.breaks[1][0]` -> `days.mon.breaks[1]` (the form field's name is made of it)."""
    return path.split("][")[0] + ("]" if "][" in path else "")


def _rules_error(error: RulesInputError, prefix: str) -> InputError:
    field_name = error.field
    if field_name.startswith(prefix):
        field_name = field_name[len(prefix) :].lstrip(".")
    # Clashes with the schedule's other versions or periods concern the new item's dates.
    if field_name.startswith("versions"):
        field_name = "valid_from"
    elif field_name.startswith("ramadan_periods"):
        field_name = "start"
    return InputError(_week_field(field_name), _engine_message(error))


def _check_schedule(schedule: Schedule, document: dict[str, Any], prefix: str) -> None:
    try:
        schedule_from_dict(schedule.code, document, field="schedule")
    except RulesInputError as error:
        raise _rules_error(error, prefix) from None
