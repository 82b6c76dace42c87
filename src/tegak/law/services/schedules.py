"""Schedules, their versions and Ramadan periods, the schedule of each unit, calendar days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.law import stored
from tegak.law.models import (
    CalendarDay,
    CalendarDayKind,
    RamadanPeriod,
    Schedule,
    ScheduleVersion,
    TimeZoneChoice,
    UnitSchedule,
)
from tegak.law.services.common import (
    BasisInput,
    _apply_basis,
    _check_schedule,
    _require_admin,
    _rules_error,
)
from tegak.people.models import Instansi, OrgUnit
from tegak.rules import RulesInputError
from tegak.rules.calendar import schedule_from_dict

# ---------------------------------------------------------------------------------------------
# Schedules


def schedule_create(
    *, actor: Any, instansi: Instansi, code: str, name: str, timezone_name: str = "WIB"
) -> Schedule:
    """A new named schedule of the instansi (its hours come as versions)."""
    _require_admin(actor, instansi)
    code = (code or "").strip().lower()
    if not code or len(code) > 64 or not all(ch.isalnum() or ch == "-" for ch in code):
        raise InputError("code", _("Use lowercase letters, digits and hyphens."))
    if Schedule.objects.filter(instansi=instansi, code=code).exists():
        raise InputError("code", _("The instansi already has a schedule with this code."))
    name = (name or "").strip()
    if not name:
        raise InputError("name", _("This field is required."))
    if timezone_name not in TimeZoneChoice.values:
        raise InputError("timezone", _("Choose WIB, WITA, WIT or local time."))
    with transaction.atomic():
        schedule = Schedule.objects.create(
            instansi=instansi, code=code, name=name[:200], timezone=timezone_name
        )
        audit_record(
            actor=actor,
            action="law.schedule_created",
            target=schedule,
            instansi_code=instansi.code,
            data={"code": code},
        )
    return schedule


def _prospective(
    schedule: Schedule,
    *,
    replace_version: ScheduleVersion | None = None,
    new_version: dict[str, Any] | None = None,
    replace_period: RamadanPeriod | None = None,
    new_period: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The schedule document as it would be after the change (each version ending the day
    before the next begins)."""
    items = [
        (version.valid_from, stored.version_document(version, until=version.valid_until))
        for version in stored.live_versions(schedule)
        if version != replace_version
    ]
    if new_version is not None:
        items.append((date.fromisoformat(new_version["valid_from"]), new_version))
    items.sort(key=lambda pair: pair[0])
    documents = []
    for index, (_start, item) in enumerate(items):
        document = dict(item)
        if index + 1 < len(items):
            day_before = items[index + 1][0] - timedelta(days=1)
            until = document.get("valid_until")
            if until is None or date.fromisoformat(until) > day_before:
                document["valid_until"] = day_before.isoformat()
        documents.append(document)
    periods = [
        stored.period_document(period)
        for period in schedule.ramadan_periods.filter(superseded_by__isnull=True).order_by("start")
        if period != replace_period
    ]
    if new_period is not None:
        periods.append(new_period)
    return {
        "name": schedule.name,
        "timezone": schedule.timezone,
        "calendar": "national",
        "versions": documents,
        "ramadan_periods": periods,
    }


def _version_item(
    valid_from: date, valid_until: date | None, days: dict[str, Any], ramadan: dict[str, Any] | None
) -> dict[str, Any]:
    item: dict[str, Any] = {"valid_from": valid_from.isoformat(), "days": days}
    if valid_until is not None:
        item["valid_until"] = valid_until.isoformat()
    if ramadan:
        item["ramadan"] = ramadan
    return item


def _check_version(
    schedule: Schedule,
    item: dict[str, Any],
    *,
    replacing: ScheduleVersion | None = None,
) -> None:
    if item.get("valid_until") and item["valid_until"] < item["valid_from"]:
        raise InputError("valid_until", _("The last day is before the first day."))
    try:
        schedule_from_dict(
            schedule.code, {"versions": [item]}, field="version"
        )  # the version alone: its own fields
    except RulesInputError as error:
        raise _rules_error(error, "version.versions[0]") from None
    _check_schedule(
        schedule, _prospective(schedule, replace_version=replacing, new_version=item), "schedule"
    )


def schedule_version_add(
    *,
    actor: Any,
    schedule: Schedule,
    valid_from: date,
    days: dict[str, Any],
    ramadan: dict[str, Any] | None = None,
    valid_until: date | None = None,
    basis: BasisInput | None = None,
    note: str = "",
    ramadan_citations: list[str] | None = None,
) -> ScheduleVersion:
    """New hours from `valid_from` (the version before ends the day before)."""
    _require_admin(actor, schedule.instansi)
    basis = basis or BasisInput()
    if schedule.versions.filter(superseded_by__isnull=True, valid_from=valid_from).exists():
        raise InputError(
            "valid_from",
            _("A version already starts on this day: correct that version instead."),
        )
    item = _version_item(valid_from, valid_until, days, ramadan)
    _check_version(schedule, item)
    version = ScheduleVersion(
        schedule=schedule,
        valid_from=valid_from,
        valid_until=valid_until,
        days=days,
        ramadan=ramadan,
        ramadan_citations=list(ramadan_citations or []),
    )
    _apply_basis(version, basis, effective=valid_from, actor=actor, note=note)
    with transaction.atomic():
        version.save()
        audit_record(
            actor=actor,
            action="law.schedule_version_added",
            target=version,
            instansi_code=schedule.instansi.code,
            data={"schedule": schedule.code, "valid_from": valid_from.isoformat()},
        )
    return version


def schedule_version_correct(
    *,
    actor: Any,
    version: ScheduleVersion,
    days: dict[str, Any],
    ramadan: dict[str, Any] | None,
    valid_until: date | None,
    basis: BasisInput,
    reason: str,
    ramadan_citations: list[str] | None = None,
) -> ScheduleVersion:
    """Correct a version from its own effective date: a new row replaces it; the old one is
    kept, marked superseded."""
    schedule = version.schedule
    _require_admin(actor, schedule.instansi)
    if version.superseded_by_id is not None:
        raise InputError("valid_from", _("This version was already corrected."))
    if len((reason or "").strip()) < 5:
        raise InputError("note", _("Give the reason for the correction in a few words."))
    item = _version_item(version.valid_from, valid_until, days, ramadan)
    _check_version(schedule, item, replacing=version)
    corrected = ScheduleVersion(
        schedule=schedule,
        valid_from=version.valid_from,
        valid_until=valid_until,
        days=days,
        ramadan=ramadan,
        ramadan_citations=list(ramadan_citations or []),
    )
    _apply_basis(corrected, basis, effective=version.valid_from, actor=actor, note=reason)
    with transaction.atomic():
        corrected.save()
        version.superseded_by = corrected
        version.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action="law.schedule_version_corrected",
            target=corrected,
            instansi_code=schedule.instansi.code,
            data={"schedule": schedule.code, "replaces": version.pk, "reason": reason[:300]},
        )
    return corrected


def ramadan_period_add(
    *,
    actor: Any,
    schedule: Schedule,
    start: date,
    end: date,
    days: dict[str, Any],
    basis: BasisInput | None = None,
    note: str = "",
    replaces: RamadanPeriod | None = None,
) -> RamadanPeriod:
    """That year's Ramadan period with the hours its circular letter set (or a correction of
    one, which replaces it and keeps it as superseded)."""
    _require_admin(actor, schedule.instansi)
    basis = basis or BasisInput()
    if end < start:
        raise InputError("end", _("The last day is before the first day."))
    if replaces is not None and len(note.strip()) < 5:
        raise InputError("note", _("Give the reason for the correction in a few words."))
    item = {"from": start.isoformat(), "until": end.isoformat(), "days": days}
    try:
        schedule_from_dict(
            schedule.code,
            {
                "versions": [{"valid_from": start.isoformat(), "days": days}],
                "ramadan_periods": [item],
            },
            field="period",
        )
    except RulesInputError as error:
        # The hours are read first as a version of their own: a bad day or break is named by
        # the day's path (`days.mon.breaks[1]`), so it comes back on that field of the form.
        prefix = (
            "period.versions[0]"
            if error.field.startswith("period.versions[0]")
            else "period.ramadan_periods[0]"
        )
        raise _rules_error(error, prefix) from None
    document = _prospective(schedule, replace_period=replaces, new_period=item)
    _check_schedule(schedule, document, "schedule")
    probe = schedule_from_dict(schedule.code, document, field="schedule")
    if probe.version_on(start) is None:
        raise InputError("start", _("No version of the schedule is in force on this day."))
    period = RamadanPeriod(schedule=schedule, start=start, end=end, days=days)
    _apply_basis(period, basis, effective=start, actor=actor, note=note)
    with transaction.atomic():
        period.save()
        if replaces is not None:
            replaces.superseded_by = period
            replaces.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action="law.ramadan_period_corrected" if replaces else "law.ramadan_period_added",
            target=period,
            instansi_code=schedule.instansi.code,
            data={
                "schedule": schedule.code,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "replaces": replaces.pk if replaces else None,
            },
        )
    return period


def unit_schedule_set(
    *, actor: Any, unit: OrgUnit, schedule: Schedule, valid_from: date
) -> UnitSchedule:
    """The unit (and the units under it) follows `schedule` from `valid_from`."""
    _require_admin(actor, unit.instansi)
    if schedule.instansi_id != unit.instansi_id:
        raise InputError("schedule", _("The schedule belongs to another instansi."))
    with transaction.atomic():
        item, _created = UnitSchedule.objects.update_or_create(
            unit=unit, valid_from=valid_from, defaults={"schedule": schedule}
        )
        audit_record(
            actor=actor,
            action="law.unit_schedule_set",
            target=unit,
            instansi_code=unit.instansi.code,
            data={"schedule": schedule.code, "valid_from": valid_from.isoformat()},
        )
    return item


def default_schedule_set(*, actor: Any, instansi: Instansi, schedule_code: str) -> Instansi:
    """The schedule every unit without its own follows (a stored one or a built-in one)."""
    _require_admin(actor, instansi)
    known = set(stored.instansi_registry(instansi).schedule_ids)
    if schedule_code not in known:
        raise InputError("schedule", _("Unknown schedule."))
    if instansi.schedule_id == schedule_code:
        return instansi
    with transaction.atomic():
        previous = instansi.schedule_id
        instansi.schedule_id = schedule_code
        instansi.save(update_fields=["schedule_id"])
        audit_record(
            actor=actor,
            action="law.default_schedule_set",
            target=instansi,
            instansi_code=instansi.code,
            data={"schedule": schedule_code, "previous": previous},
        )
    return instansi


# ---------------------------------------------------------------------------------------------
# Calendar days


# The years a day can be entered for: the national calendar is known from 2000, and a decree
# on days off is made at most for the next year (a date further away is a typing error).
FIRST_CALENDAR_YEAR = 2000
YEARS_AHEAD = 2


def _check_calendar_day(instansi: Instansi, day: date, kind: str, name: str) -> str:
    """The day, kind and name checked (the name stripped), or InputError on its field."""
    if day is None:
        raise InputError("day", _("Enter the day."))
    last_year = timezone.localdate().year + YEARS_AHEAD
    if not FIRST_CALENDAR_YEAR <= day.year <= last_year:
        raise InputError(
            "day",
            _("Enter a day from %(first)s to %(last)s.")
            % {"first": FIRST_CALENDAR_YEAR, "last": last_year},
        )
    if kind not in CalendarDayKind.values:
        raise InputError("kind", _("Choose the kind of day."))
    name = (name or "").strip()
    if not name:
        raise InputError("name", _("This field is required."))
    if kind == CalendarDayKind.WORKING_DAY_CORRECTION:
        underneath = stored.built_in_calendar(instansi)
        if day.weekday() in underneath.weekend or underneath.day_off(day) is None:
            raise InputError(
                "day",
                _(
                    "%(day)s is not a holiday or cuti bersama in the national calendar: there "
                    "is nothing to cancel. (A Saturday of a six-day unit is a working day by its "
                    "schedule.)"
                )
                % {"day": shown_date(day)},
            )
    return name[:200]


def calendar_day_set(
    *,
    actor: Any,
    instansi: Instansi,
    day: date,
    kind: str,
    name: str,
    basis: BasisInput | None = None,
) -> CalendarDay:
    """A regional day off, an office closure, a cuti bersama added, or a national cuti bersama
    cancelled (a working day after all), with its decree. A day already entered is replaced."""
    _require_admin(actor, instansi)
    name = _check_calendar_day(instansi, day, kind, name)
    existing = CalendarDay.objects.filter(instansi=instansi, day=day).first()
    item = existing or CalendarDay(instansi=instansi, day=day)
    item.kind = kind
    item.name = name
    _apply_basis(item, basis or BasisInput(), effective=day, actor=actor, note="")
    with transaction.atomic():
        item.save()
        audit_record(
            actor=actor,
            action="law.calendar_day_set",
            target=item,
            instansi_code=instansi.code,
            data={"day": day.isoformat(), "kind": kind, "replaced": existing is not None},
        )
    return item


def calendar_day_change(
    *,
    actor: Any,
    item: CalendarDay,
    day: date,
    kind: str,
    name: str,
    basis: BasisInput | None = None,
) -> CalendarDay:
    """Correct a day of the instansi's calendar: its date, kind, name or decree (the audit event
    keeps what it was)."""
    instansi = item.instansi
    _require_admin(actor, instansi)
    name = _check_calendar_day(instansi, day, kind, name)
    if CalendarDay.objects.filter(instansi=instansi, day=day).exclude(pk=item.pk).exists():
        raise InputError(
            "day",
            _("The instansi's calendar already has %(day)s: change that day instead.")
            % {"day": shown_date(day)},
        )
    before = {
        "day": item.day.isoformat(),
        "kind": item.kind,
        "name": item.name,
        "basis": item.basis_record,
    }
    old_file = item.basis_file.name if item.basis_file else ""
    old_sha = item.basis_sha256
    item.day = day
    item.kind = kind
    item.name = name
    basis = basis or BasisInput()
    _apply_basis(item, basis, effective=day, actor=actor, note="")
    if not basis.file_bytes and old_file:
        # No new file: the document already attached stays.
        item.basis_file.name = old_file
        item.basis_sha256 = old_sha
    with transaction.atomic():
        item.save()
        audit_record(
            actor=actor,
            action="law.calendar_day_changed",
            target=item,
            instansi_code=instansi.code,
            data={"day": day.isoformat(), "kind": kind, "before": before},
        )
    return item


def calendar_day_remove(*, actor: Any, day: CalendarDay) -> None:
    """Take a day out of the instansi's calendar (the national calendar applies again)."""
    _require_admin(actor, day.instansi)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="law.calendar_day_removed",
            target=day,
            instansi_code=day.instansi.code,
            data={"day": day.day.isoformat(), "kind": day.kind},
        )
        day.delete()
