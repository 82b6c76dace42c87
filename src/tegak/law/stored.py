"""Read the instansi's stored configuration in the engine's own formats.

`instansi_registry` gives the calendars and schedules the engine uses for this instansi (the
built-in ones, its calendar days laid over its calendar, its stored schedules); `instansi_rules`
its stored discipline rules; `schedule_id_for` the schedule a unit follows on a day;
`pack_document` all of it as one rule pack (export). Computed per call: no process keeps copies.
Inside `tegak.core.page_memo.kept()` (one page whose panels each ask) an instansi's registry and
its stored days are read once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tegak.core import page_memo
from tegak.core.errors import InputError
from tegak.core.words import long_date
from tegak.law import labels
from tegak.law.models import (
    CalendarDay,
    EvidenceStatus,
    RamadanPeriod,
    RuleVersion,
    Schedule,
    ScheduleVersion,
    UnitSchedule,
)
from tegak.people.models import Instansi, OrgUnit
from tegak.rules import (
    Calendar,
    CalendarRegistry,
    InstansiRule,
    RulesInputError,
    assess,
    default_registry,
    rule_from_dict,
    working_time,
)
from tegak.rules.calendar import schedule_from_dict
from tegak.rules.packs import PACK_FORMAT

REMOVING_KINDS = {"working_day_correction"}


def calendar_id(instansi: Instansi) -> str:
    """The instansi's own calendar is named by its code."""
    return instansi.code


def _with_days(calendar: Calendar, days: list[CalendarDay], *, calendar_id: str) -> Calendar:
    """`calendar` (named `calendar_id`) with the instansi's own days laid over it."""
    extra = dict(calendar.extra_days)
    removed = set(calendar.removed_days)
    for day in days:
        if day.kind in REMOVING_KINDS:
            removed.add(day.day)
            extra.pop(day.day, None)
        else:
            extra[day.day] = day.name
            removed.discard(day.day)
    return Calendar(
        id=calendar_id,
        extra_days=extra,
        removed_days=frozenset(removed),
        weekend=calendar.weekend,
        basis=calendar.basis,
    )


def built_in_calendar(instansi: Instansi, base: CalendarRegistry | None = None) -> Calendar:
    """The built-in calendar of the instansi (or the national one, under the instansi's code),
    without its stored days."""
    registry = base or default_registry()
    try:
        return registry.calendar(calendar_id(instansi))
    except KeyError:
        national = registry.calendar("national")
        return Calendar(id=calendar_id(instansi), basis=national.basis)


def instansi_calendar(
    instansi: Instansi,
    base: CalendarRegistry | None = None,
    *,
    days: list[CalendarDay] | None = None,
) -> Calendar:
    """The built-in calendar of the instansi (or the national one) with its stored days (read
    here unless the caller already has them)."""
    calendar = built_in_calendar(instansi, base)
    if days is None:
        days = list(stored_days(instansi))
    return _with_days(calendar, days, calendar_id=calendar.id)


def _live(queryset: Any) -> Any:
    return queryset.filter(superseded_by__isnull=True)


def _evidence(item: Any) -> dict[str, Any]:
    evidence = dict(item.evidence or {})
    evidence["status"] = item.evidence_status
    if item.verified_by_id is not None and item.evidence_status == EvidenceStatus.TEXT_READ:
        evidence["verified_by"] = str(item.verified_by)
        if item.verified_at is not None:
            evidence["verified_on"] = item.verified_at.date().isoformat()
    return {key: value for key, value in evidence.items() if value not in (None, [], "")}


def _document(item: Any) -> dict[str, Any] | None:
    document = {
        "kind": item.basis_kind,
        "number": item.basis_number,
        "date": item.basis_date.isoformat() if item.basis_date else None,
        "title": item.basis_title,
        "sha256": item.basis_sha256,
    }
    document = {key: value for key, value in document.items() if value}
    return document or None


def _basis_lines(item: Any) -> list[str]:
    if item.citations:
        return [str(line) for line in item.citations]
    # The engine's lines are Indonesian (as a letter cites them), whatever the reader's language.
    label = item.basis_with(long_date(item.basis_date) if item.basis_date else "")
    if not label:
        return []
    if item.evidence_status == EvidenceStatus.AS_REPORTED:
        return [f"{label} (sebagaimana diberitakan; teks belum dibaca)"]
    return [label]


def version_document(version: ScheduleVersion, *, until: date | None) -> dict[str, Any]:
    """One schedule version in the engine's format (with its evidence and basis document)."""
    item: dict[str, Any] = {
        "valid_from": version.valid_from.isoformat(),
        "days": version.days,
        "basis": _basis_lines(version),
        "evidence": _evidence(version),
    }
    if until is not None:
        item["valid_until"] = until.isoformat()
    if version.ramadan:
        item["ramadan"] = version.ramadan
        if version.ramadan_citations:
            item["ramadan_basis"] = list(version.ramadan_citations)
    document = _document(version)
    if document:
        item["basis_document"] = document
    return item


def period_document(period: RamadanPeriod) -> dict[str, Any]:
    """One Ramadan period with its own hours, in the engine's format."""
    item: dict[str, Any] = {
        "from": period.start.isoformat(),
        "until": period.end.isoformat(),
        "days": period.days,
        "basis": _basis_lines(period),
        "evidence": _evidence(period),
    }
    document = _document(period)
    if document:
        item["basis_document"] = document
    return item


def live_versions(schedule: Schedule) -> list[ScheduleVersion]:
    """The versions in force (corrections replace what they correct), oldest first."""
    return list(_live(schedule.versions.all()).order_by("valid_from", "id"))


def schedule_document(schedule: Schedule) -> dict[str, Any]:
    """The schedule in the engine's inline format: each version ends the day before the next
    begins (or on its own last day)."""
    versions = live_versions(schedule)
    items = []
    for index, version in enumerate(versions):
        until = version.valid_until
        if index + 1 < len(versions):
            day_before = versions[index + 1].valid_from - timedelta(days=1)
            until = day_before if until is None else min(until, day_before)
        items.append(version_document(version, until=until))
    periods = _live(schedule.ramadan_periods.all()).order_by("start", "id")
    document: dict[str, Any] = {
        "name": schedule.name,
        "timezone": schedule.timezone,
        "calendar": calendar_id(schedule.instansi),
        "verified": bool(versions)
        and all(item.evidence_status == EvidenceStatus.TEXT_READ for item in versions),
        "versions": items,
    }
    ramadan = [period_document(period) for period in periods]
    if ramadan:
        document["ramadan_periods"] = ramadan
    units = list(
        OrgUnit.objects.filter(schedules__schedule=schedule).values_list("code", flat=True)
    )
    if units:
        document["units"] = sorted(set(units))
    return document


def stored_days(instansi: Instansi) -> tuple[CalendarDay, ...]:
    """The instansi's own calendar days (days off and working-day corrections), in day order."""
    return page_memo.remember(
        ("law.stored_days", instansi.pk),
        lambda: tuple(CalendarDay.objects.filter(instansi=instansi).order_by("day", "id")),
    )


def instansi_registry(instansi: Instansi, base: CalendarRegistry | None = None) -> CalendarRegistry:
    """The calendars and schedules the engine uses for this instansi."""
    if base is None and instansi.pk is not None:
        return page_memo.remember(
            ("law.instansi_registry", instansi.pk),
            lambda: _build_registry(instansi, default_registry()),
        )
    return _build_registry(instansi, base or default_registry())


def _build_registry(instansi: Instansi, registry: CalendarRegistry) -> CalendarRegistry:
    # The instansi's own days are days off (or working days) for its staff whatever calendar a
    # schedule they follow names: a built-in schedule (the national one, Perpres 21/2023) reads
    # the national calendar, and a regional day off entered by the administrator must count
    # there too — for attendance and for deadlines counted in working days alike. Read once,
    # for its own calendar and the others.
    days = list(stored_days(instansi))
    calendar = instansi_calendar(instansi, registry, days=days)
    calendars = (
        {
            other: _with_days(registry.calendar(other), days, calendar_id=other)
            for other in registry.calendar_ids
            if other != calendar.id
        }
        if days
        else {}
    )
    calendars[calendar.id] = calendar
    schedules = {}
    for schedule in Schedule.objects.filter(instansi=instansi).select_related("instansi"):
        document = schedule_document(schedule)
        if not document["versions"]:
            continue
        schedules[schedule.code] = schedule_from_dict(
            schedule.code, document, field=f"schedules.{schedule.code}"
        )
    return registry.extended(calendars=calendars, schedules=schedules)


def deadline_calendar(instansi: Instansi) -> tuple[CalendarRegistry, str]:
    """The registry and calendar id a deadline of this instansi counts its working days in: the
    calendar of the instansi's default schedule (national holidays, cuti bersama, and the
    instansi's own days off and working days), the instansi's own calendar when the default is
    unknown."""
    registry = instansi_registry(instansi)
    try:
        return registry, registry.schedule(instansi.schedule_id).calendar_id
    except KeyError:
        return registry, calendar_id(instansi)


def rule_document(version: RuleVersion, *, until: date | None = None) -> dict[str, Any]:
    """The stored rule as the engine reads it, labelled with its version (`until`: the day the
    next version of the same rule ends it, if earlier than its own last day)."""
    content = dict(version.content)
    content["id"] = version.rule_id
    content["version"] = version.version_label
    content["in_force_from"] = version.in_force_from.isoformat()
    last = version.in_force_until
    if until is not None and (last is None or until < last):
        last = until
    content["in_force_until"] = last.isoformat() if last else None
    content["evidence"] = _evidence(version)
    document = _document(version)
    if document:
        content["basis_document"] = document
    return content


def live_rule_versions(instansi: Instansi) -> list[RuleVersion]:
    """The rule versions in force (corrections replace what they correct)."""
    return list(_live(RuleVersion.objects.filter(instansi=instansi)).order_by("in_force_from"))


def rule_documents(instansi: Instansi) -> list[tuple[RuleVersion, dict[str, Any]]]:
    """Each live rule version with its engine document; a version ends the day before the
    next version of the same rule begins."""
    versions = live_rule_versions(instansi)
    documents = []
    for version in versions:
        later = [
            other.in_force_from
            for other in versions
            if other.rule_id == version.rule_id and other.in_force_from > version.in_force_from
        ]
        until = min(later) - timedelta(days=1) if later else None
        documents.append((version, rule_document(version, until=until)))
    return documents


def instansi_rules(instansi: Instansi) -> list[InstansiRule] | None:
    """The instansi's stored discipline rules for the engine; None when it stores none (the
    engine then looks at its built-in rules)."""
    documents = rule_documents(instansi)
    if not documents:
        return None
    rules = []
    for version, document in documents:
        try:
            rules.append(
                rule_from_dict(document, instansi=instansi.code, path=f"rules.{version.pk}")
            )
        except RulesInputError:
            # Stored rules were checked when saved; one that no longer reads (an engine change)
            # is left out rather than stopping every assessment of the instansi.
            continue
    return rules


def local_provisions(code: str) -> list[Any]:
    """Every version of a provision of an instansi's own rules ('local:<instansi code>:…'): from
    its stored rules (its administrator's or a rule pack's), and the built-in rules; empty when
    no rule has it."""
    if not code.startswith("local:"):
        return []
    from tegak.rules.instansi import BUILTIN_RULES

    instansi = Instansi.objects.filter(code=code.split(":")[1]).first()
    stored = (instansi_rules(instansi) if instansi is not None else None) or []
    return [
        rule.provisions[code]
        for rule in [*stored, *BUILTIN_RULES.values()]
        if code in rule.provisions
    ]


def local_provision_citation(code: str) -> str | None:
    """The citation of a provision of an instansi's own rules ('local:<instansi code>:…'): from
    its stored rules (its administrator's or a rule pack's), else the built-in rules; None when
    no rule has it."""
    found = local_provisions(code)
    return str(found[0].citation) if found else None


def local_provision_first_day(code: str) -> date | None:
    """The first day a provision of an instansi's own rules was in force (the earliest of the
    rule versions that hold it); None when no rule has it."""
    days = [item.in_force_from for item in local_provisions(code) if item.in_force_from]
    return min(days) if days else None


def schedule_id_for(instansi: Instansi, unit: OrgUnit | None, day: date) -> str:
    """The schedule a unit follows on `day`: its own, else the nearest unit above it that has
    one, else the instansi's default."""
    return page_memo.remember(
        ("law.schedule_id_for", instansi.pk, unit.pk if unit is not None else None, day)
        if instansi.pk and (unit is None or unit.pk)
        else None,
        lambda: _schedule_id_for(instansi, unit, day),
    )


def _schedule_id_for(instansi: Instansi, unit: OrgUnit | None, day: date) -> str:
    current = unit
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        found = (
            UnitSchedule.objects.filter(unit=current, valid_from__lte=day)
            .select_related("schedule")
            .order_by("-valid_from")
            .first()
        )
        if found is not None:
            return found.schedule.code
        current = current.parent
    return instansi.schedule_id


def pack_document(instansi: Instansi) -> dict[str, Any]:
    """Everything the instansi stored, as one rule pack (the export)."""
    calendar_days = list(CalendarDay.objects.filter(instansi=instansi).order_by("day"))
    calendar: dict[str, Any] = {
        "basis": [f"Calendar of {instansi.name}: national holidays and the instansi's own days"],
        "extra_days": {
            day.day.isoformat(): day.name for day in calendar_days if day.kind not in REMOVING_KINDS
        },
        "removed_days": {
            day.day.isoformat(): day.name for day in calendar_days if day.kind in REMOVING_KINDS
        },
    }
    schedules = {
        schedule.code: schedule_document(schedule)
        for schedule in Schedule.objects.filter(instansi=instansi).order_by("code")
    }
    rules = []
    for _version, document in rule_documents(instansi):
        document = dict(document)
        document.pop("version", None)
        if document.get("in_force_until") is None:
            document.pop("in_force_until")
        rules.append(document)
    return {
        "format": PACK_FORMAT,
        "title": f"{instansi.name}: hari kerja, jam kerja dan aturan disiplin",
        "instansi": {
            "code": instansi.code,
            "name": instansi.name,
            "time_zone": instansi.time_zone,
            "level": instansi.level,
        },
        "calendars": {calendar_id(instansi): calendar},
        "schedules": {code: item for code, item in schedules.items() if item["versions"]},
        "rules": rules,
    }


def _input_error(error: RulesInputError) -> InputError:
    return InputError(error.field, labels.engine_error(error))


def working_time_for(instansi: Instansi, payload: dict[str, Any]) -> dict[str, Any]:
    """The engine's `working-time` with the instansi's calendars and schedules (bad input:
    InputError with the engine's field and message)."""
    try:
        return dict(working_time(payload, calendars=instansi_registry(instansi)))
    except RulesInputError as error:
        raise _input_error(error) from None


def assess_for(
    instansi: Instansi, payload: dict[str, Any], *, config: Any = None
) -> dict[str, Any]:
    """The engine's `assess` with the instansi's stored rules (the built-in ones when it stores
    none)."""
    try:
        return dict(assess(payload, config=config, rules=instansi_rules(instansi)))
    except RulesInputError as error:
        raise _input_error(error) from None


# Definitive posts first, then Plt, then Plh (as `tegak.people.selectors.assignments_on`).
_POST_KIND_ORDER = {"definitif": 0, "plt": 1}


def schedule_segments(
    instansi: Instansi, employee_ids: list[int], start: date, end: date
) -> dict[int, tuple[tuple[date, str], ...]]:
    """Per employee, the schedules they follow from `start` to `end`: `((from_day, code), …)`,
    one entry per change. An employee follows the schedule of the unit they work in that day
    (its own, else the nearest unit above it that has one, as `schedule_id_for`), else the
    instansi's default. Read in a few queries for any number of employees."""
    from django.db.models import Q

    from tegak.people.models import PositionAssignment

    default = instansi.schedule_id
    rows = page_memo.remember(
        ("law.unit_schedules", instansi.pk, end) if instansi.pk else None,
        lambda: tuple(
            UnitSchedule.objects.filter(unit__instansi=instansi, valid_from__lte=end)
            .order_by("valid_from")
            .values_list("unit_id", "valid_from", "schedule__code")
        ),
    )
    if not rows:
        return {employee_id: ((start, default),) for employee_id in employee_ids}
    parents = dict(OrgUnit.objects.filter(instansi=instansi).values_list("id", "parent_id"))
    by_unit: dict[int, list[tuple[date, str]]] = {}
    for unit_id, valid_from, code in rows:
        by_unit.setdefault(unit_id, []).append((valid_from, code))

    def unit_code(unit_id: int | None, day: date) -> str:
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            found = [code for valid_from, code in by_unit.get(unit_id, ()) if valid_from <= day]
            if found:
                return found[-1]
            unit_id = parents.get(unit_id)
        return default

    posts: dict[int, list[tuple[int, date, int, date, date | None, int]]] = {}
    wanted = set(employee_ids)
    for post_id, employee_id, first, last, kind, unit_id in PositionAssignment.objects.filter(
        Q(end__isnull=True) | Q(end__gte=start),
        employee__instansi=instansi,
        start__lte=end,
    ).values_list("id", "employee_id", "start", "end", "kind", "position__unit_id"):
        if employee_id in wanted:
            order = _POST_KIND_ORDER.get(kind, 2)
            posts.setdefault(employee_id, []).append((order, first, -post_id, first, last, unit_id))
    unit_changes = {valid_from for _unit, valid_from, _code in rows if start < valid_from <= end}
    segments: dict[int, tuple[tuple[date, str], ...]] = {}
    for employee_id in employee_ids:
        held = sorted(
            posts.get(employee_id, ()), key=lambda post: (post[0], -post[1].toordinal(), post[2])
        )
        points = {start} | unit_changes
        for _order, _first, _id, first, last, _unit in held:
            if start < first <= end:
                points.add(first)
            if last is not None and start <= last < end:
                points.add(last + timedelta(days=1))
        result: list[tuple[date, str]] = []
        for point in sorted(points):
            current_unit = next(
                (
                    unit
                    for _order, _first, _id, first, last, unit in held
                    if first <= point and (last is None or last >= point)
                ),
                None,
            )
            code = unit_code(current_unit, point)
            if not result or result[-1][1] != code:
                result.append((point, code))
        segments[employee_id] = tuple(result)
    return segments


def roll_call_bands(instansi: Instansi, version_label: str | None) -> list[dict[str, Any]]:
    """The missed-roll-call thresholds of the stored rule version a finding used
    (`instansi_rule_version`, `<rule>@<id>`): each band's range, sanction in words and article.
    Empty when the finding used no stored rule or the rule counts no roll calls."""
    _rule, _at, number = (version_label or "").rpartition("@")
    if not number.isdigit():
        return []
    version = RuleVersion.objects.filter(instansi=instansi, pk=int(number)).first()
    if version is None:
        return []
    # An instansi's own sanction in its rule's words, as a finding carries them.
    words = {
        "sanction_labels": {
            item.get("code"): {"id": item.get("label_id"), "en": item.get("label_en")}
            for items in (version.content.get("sanctions") or {}).values()
            for item in items
        }
    }
    bands = []
    for band in version.content.get("roll_call") or []:
        code = band.get("sanction")
        bands.append(
            {
                "min": band.get("min"),
                "max": band.get("max"),
                "sanction": code,
                "sanction_label": labels.label("sanction", code, finding=words),
                "basis": band.get("basis", ""),
                "citation": version.citation,
            }
        )
    return bands
