"""Discipline rule versions and the \"verified against the text\" mark."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.law import stored, usage
from tegak.law.models import (
    Basis,
    EvidenceStatus,
    RuleVersion,
)
from tegak.law.services.common import (
    BasisInput,
    _apply_basis,
    _require_admin,
    _rules_error,
)
from tegak.people.models import Instansi
from tegak.rules import RulesInputError, rule_from_dict

STATUSES_FOR_RULES = ("PPPK", "PPPK_PARUH_WAKTU", "NON_ASN")

# ---------------------------------------------------------------------------------------------
# Discipline rules


def _rule_check(
    instansi: Instansi,
    content: dict[str, Any],
    *,
    rule_id: str,
    in_force_from: date,
    in_force_until: date | None,
    replacing: RuleVersion | None = None,
) -> dict[str, Any]:
    document = {
        **content,
        "id": rule_id,
        "in_force_from": in_force_from.isoformat(),
        "in_force_until": in_force_until.isoformat() if in_force_until else None,
    }
    try:
        rule = rule_from_dict(document, instansi=instansi.code, path="rule")
    except RulesInputError as error:
        raise _rules_error(error, "rule") from None
    if in_force_until is not None and in_force_until < in_force_from:
        raise InputError("in_force_until", _("The last day is before the first day."))
    for status in rule.applies_to:
        if status not in STATUSES_FOR_RULES:
            raise InputError(
                "applies_to", _("An instansi's own rule is for PPPK and non-ASN staff only.")
            )
    for other in stored.live_rule_versions(instansi):
        if other == replacing or other.rule_id == rule_id:
            continue
        shared = set(other.applies_to) & set(rule.applies_to)
        other_end = other.in_force_until or date.max
        end = in_force_until or date.max
        if shared and other.in_force_from <= end and in_force_from <= other_end:
            raise InputError(
                "applies_to",
                _(
                    "The rule %(other)s already covers %(statuses)s from %(start)s; a person "
                    "follows one rule at a time."
                )
                % {
                    "other": other.citation,
                    "statuses": ", ".join(sorted(shared)),
                    "start": other.in_force_from.isoformat(),
                },
            )
    return document


def rule_version_add(
    *,
    actor: Any,
    instansi: Instansi,
    rule_id: str,
    content: dict[str, Any],
    in_force_from: date,
    in_force_until: date | None = None,
    basis: BasisInput | None = None,
    note: str = "",
) -> RuleVersion:
    """A version of a discipline rule from `in_force_from` (the earlier version of the same
    rule stays in force until the day before). Findings made earlier keep their version."""
    _require_admin(actor, instansi)
    basis = basis or BasisInput()
    if not rule_id.startswith(f"local:{instansi.code}:"):
        rule_id = f"local:{instansi.code}:{rule_id.split(':')[-1]}"
    same_day = RuleVersion.objects.filter(
        instansi=instansi, rule_id=rule_id, in_force_from=in_force_from, superseded_by__isnull=True
    )
    if same_day.exists():
        raise InputError(
            "in_force_from",
            _("A version of this rule already starts on this day: correct that version instead."),
        )
    document = _rule_check(
        instansi,
        content,
        rule_id=rule_id,
        in_force_from=in_force_from,
        in_force_until=in_force_until,
    )
    version = RuleVersion(
        instansi=instansi,
        rule_id=rule_id,
        citation=str(document.get("citation", ""))[:200],
        applies_to=list(document.get("applies_to") or []),
        in_force_from=in_force_from,
        in_force_until=in_force_until,
        content=_content_only(document),
    )
    _apply_basis(version, basis, effective=in_force_from, actor=actor, note=note)
    with transaction.atomic():
        version.save()
        audit_record(
            actor=actor,
            action="law.rule_version_added",
            target=version,
            instansi_code=instansi.code,
            data={"rule_id": rule_id, "in_force_from": in_force_from.isoformat()},
        )
    return version


def _content_only(document: Mapping[str, Any]) -> dict[str, Any]:
    skip = {"id", "version", "in_force_from", "in_force_until", "evidence", "basis_document"}
    return {key: value for key, value in document.items() if key not in skip}


def rule_version_correct(
    *,
    actor: Any,
    version: RuleVersion,
    content: dict[str, Any],
    in_force_until: date | None,
    basis: BasisInput,
    reason: str,
) -> RuleVersion:
    """Correct a rule version from its own effective date — refused when a finding stored on an
    open case relied on it (then add a new version from a later effective date)."""
    instansi = version.instansi
    _require_admin(actor, instansi)
    if version.superseded_by_id is not None:
        raise InputError("in_force_from", _("This version was already corrected."))
    if len((reason or "").strip()) < 5:
        raise InputError("note", _("Give the reason for the correction in a few words."))
    used = usage.open_findings_using(version.version_label)
    if used:
        raise InputError(
            "in_force_from",
            _(
                "A finding on an open case relied on this version (%(cases)s): it cannot be "
                "changed. Add a new version from the day the change takes effect."
            )
            % {"cases": ", ".join(used[:5])},
        )
    document = _rule_check(
        instansi,
        content,
        rule_id=version.rule_id,
        in_force_from=version.in_force_from,
        in_force_until=in_force_until,
        replacing=version,
    )
    corrected = RuleVersion(
        instansi=instansi,
        rule_id=version.rule_id,
        citation=str(document.get("citation", ""))[:200],
        applies_to=list(document.get("applies_to") or []),
        in_force_from=version.in_force_from,
        in_force_until=in_force_until,
        content=_content_only(document),
    )
    _apply_basis(corrected, basis, effective=version.in_force_from, actor=actor, note=reason)
    with transaction.atomic():
        corrected.save()
        version.superseded_by = corrected
        version.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action="law.rule_version_corrected",
            target=corrected,
            instansi_code=instansi.code,
            data={"rule_id": version.rule_id, "replaces": version.pk, "reason": reason[:300]},
        )
    return corrected


# ---------------------------------------------------------------------------------------------
# Verified against the text


def item_verify(*, actor: Any, item: Basis, instansi: Instansi) -> Basis:
    """Mark an item checked against the regulation's text by the actor (a person, by name)."""
    _require_admin(actor, instansi)
    if getattr(actor, "pk", None) is None:
        raise PermissionDenied
    if not (item.basis_number or item.basis_title):
        raise InputError("basis_number", _("Record the basis document before marking it verified."))
    with transaction.atomic():
        item.evidence_status = EvidenceStatus.TEXT_READ
        item.verified_by = actor
        item.verified_at = timezone.now()
        item.save(update_fields=["evidence_status", "verified_by", "verified_at"])
        audit_record(
            actor=actor,
            action="law.item_verified",
            target=item,
            instansi_code=instansi.code,
            data={"model": item._meta.model_name},
        )
    return item
