"""Rule packs imported whole (or not at all), adopted when written for another instansi."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.law import stored
from tegak.law.models import (
    CalendarDayKind,
    PackImport,
    RuleVersion,
    Schedule,
)
from tegak.law.services.common import BasisInput, _engine_message, _require_admin
from tegak.law.services.rules import _content_only, rule_version_add, rule_version_correct
from tegak.law.services.schedules import (
    calendar_day_set,
    default_schedule_set,
    ramadan_period_add,
    schedule_create,
    schedule_version_add,
    schedule_version_correct,
)
from tegak.people.models import Instansi
from tegak.rules import RulesInputError
from tegak.rules.packs import RulePack, load_pack

# ---------------------------------------------------------------------------------------------
# Rule packs


def _relabel(text: str, source: str, target: str) -> str:
    return text.replace(f"local:{source}:", f"local:{target}:")


def _adopt(document: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """A pack written for another instansi, with its ids and calendar named for this one."""
    relabelled = json.loads(_relabel(json.dumps(document), source, target))
    calendars = relabelled.get("calendars") or {}
    if source in calendars and source != target:
        calendars[target] = calendars.pop(source)
    for schedule in (relabelled.get("schedules") or {}).values():
        if schedule.get("calendar") == source:
            schedule["calendar"] = target
    relabelled["instansi"] = {**relabelled.get("instansi", {}), "code": target}
    return relabelled


def pack_import(
    *,
    actor: Any,
    instansi: Instansi,
    text: str,
    file_name: str,
    default_schedule: str = "",
) -> PackImport:
    """Import a rule pack whole — schedules with their versions and Ramadan periods, calendar
    days, rule versions — or nothing. A pack written for another instansi is adopted: its ids are
    renamed for this one. Items already stored with the same content are left as they are."""
    _require_admin(actor, instansi)
    try:
        pack: RulePack = load_pack(text, name=file_name)
    except RulesInputError as error:
        raise InputError(error.field, _engine_message(error)) from None
    document = dict(pack.document)
    source = pack.instansi.code
    if source != instansi.code:
        document = _adopt(document, source, instansi.code)
        try:
            pack = load_pack(json.dumps(document))
        except RulesInputError as error:  # pragma: no cover - adoption keeps a valid pack valid
            raise InputError(error.field, _engine_message(error)) from None
    summary = {"schedules": 0, "versions": 0, "ramadan_periods": 0, "days": 0, "rules": 0}
    with transaction.atomic():
        for code, item in (document.get("calendars") or {}).items():
            if code != instansi.code:
                continue
            for raw_day, name in (item.get("extra_days") or {}).items():
                calendar_day_set(
                    actor=actor,
                    instansi=instansi,
                    day=date.fromisoformat(raw_day),
                    kind=CalendarDayKind.REGIONAL_HOLIDAY,
                    name=name,
                    basis=BasisInput.from_pack(item),
                )
                summary["days"] += 1
            for raw_day, name in (item.get("removed_days") or {}).items():
                calendar_day_set(
                    actor=actor,
                    instansi=instansi,
                    day=date.fromisoformat(raw_day),
                    kind=CalendarDayKind.WORKING_DAY_CORRECTION,
                    name=name,
                    basis=BasisInput.from_pack(item),
                )
                summary["days"] += 1
        for code, item in (document.get("schedules") or {}).items():
            _import_schedule(actor, instansi, code, item, summary)
        for raw in document.get("rules") or []:
            _import_rule(actor, instansi, raw, summary)
        if default_schedule:
            default_schedule_set(actor=actor, instansi=instansi, schedule_code=default_schedule)
        record = PackImport.objects.create(
            instansi=instansi,
            file_name=file_name[:200],
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            title=pack.title[:300],
            summary={**summary, "adopted_from": source if source != instansi.code else None},
            imported_by=actor if getattr(actor, "pk", None) is not None else None,
        )
        audit_record(
            actor=actor,
            action="law.pack_imported",
            target=record,
            instansi_code=instansi.code,
            data={"file": record.file_name, "sha256": record.sha256, **record.summary},
        )
    return record


def _import_schedule(
    actor: Any, instansi: Instansi, code: str, item: dict[str, Any], summary: dict[str, int]
) -> None:
    schedule = Schedule.objects.filter(instansi=instansi, code=code).first()
    if schedule is None:
        schedule = schedule_create(
            actor=actor,
            instansi=instansi,
            code=code,
            name=str(item.get("name") or code),
            timezone_name=str(item.get("timezone") or "WIB"),
        )
        summary["schedules"] += 1
    existing = {version.valid_from: version for version in stored.live_versions(schedule)}
    for raw in item.get("versions") or []:
        valid_from = date.fromisoformat(raw["valid_from"])
        valid_until = date.fromisoformat(raw["valid_until"]) if raw.get("valid_until") else None
        current = existing.get(valid_from)
        basis = BasisInput.from_pack(raw)
        if current is not None:
            if current.days == raw["days"] and current.ramadan == raw.get("ramadan"):
                continue
            schedule_version_correct(
                actor=actor,
                version=current,
                days=raw["days"],
                ramadan=raw.get("ramadan"),
                valid_until=valid_until,
                basis=basis,
                reason=_("Imported from a rule pack"),
                ramadan_citations=list(raw.get("ramadan_basis") or []),
            )
        else:
            schedule_version_add(
                actor=actor,
                schedule=schedule,
                valid_from=valid_from,
                valid_until=valid_until,
                days=raw["days"],
                ramadan=raw.get("ramadan"),
                basis=basis,
                note=_("Imported from a rule pack"),
                ramadan_citations=list(raw.get("ramadan_basis") or []),
            )
        summary["versions"] += 1
    periods = {
        (period.start, period.end): period
        for period in schedule.ramadan_periods.filter(superseded_by__isnull=True)
    }
    for raw in item.get("ramadan_periods") or []:
        if not isinstance(raw, dict):
            continue
        start, end = date.fromisoformat(raw["from"]), date.fromisoformat(raw["until"])
        period = periods.get((start, end))
        if period is not None and period.days == raw["days"]:
            continue
        ramadan_period_add(
            actor=actor,
            schedule=schedule,
            start=start,
            end=end,
            days=raw["days"],
            basis=BasisInput.from_pack(raw),
            note=_("Imported from a rule pack"),
            replaces=period,
        )
        summary["ramadan_periods"] += 1


def _import_rule(
    actor: Any, instansi: Instansi, raw: dict[str, Any], summary: dict[str, int]
) -> None:
    in_force_from = date.fromisoformat(raw["in_force_from"])
    in_force_until = (
        date.fromisoformat(raw["in_force_until"]) if raw.get("in_force_until") else None
    )
    content = _content_only(raw)
    current = RuleVersion.objects.filter(
        instansi=instansi,
        rule_id=raw["id"],
        in_force_from=in_force_from,
        superseded_by__isnull=True,
    ).first()
    basis = BasisInput.from_pack(raw)
    if current is not None:
        if current.content == content and current.in_force_until == in_force_until:
            return
        rule_version_correct(
            actor=actor,
            version=current,
            content=content,
            in_force_until=in_force_until,
            basis=basis,
            reason=_("Imported from a rule pack"),
        )
    else:
        rule_version_add(
            actor=actor,
            instansi=instansi,
            rule_id=raw["id"],
            content=content,
            in_force_from=in_force_from,
            in_force_until=in_force_until,
            basis=basis,
            note=_("Imported from a rule pack"),
        )
    summary["rules"] += 1
