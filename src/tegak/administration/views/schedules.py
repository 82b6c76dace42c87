"""Working days and hours: schedules (5-day and 6-day units side by side), their versions and
Ramadan periods, which unit follows which schedule, the instansi's own calendar days, and a check
of any moment against them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tegak.administration.law_forms import (
    WEEKDAYS,
    CalendarDayForm,
    DefaultScheduleForm,
    MomentForm,
    RamadanPeriodForm,
    ScheduleCreateForm,
    ScheduleVersionForm,
    UnitScheduleForm,
    week_field_name,
    week_initial,
)
from tegak.administration.views.common import chosen, page
from tegak.core.errors import InputError
from tegak.law import services, stored
from tegak.law.access import (
    calendar_day_for,
    ramadan_period_for,
    schedule_for,
    schedule_version_for,
)
from tegak.law.models import CalendarDay, Schedule, UnitSchedule
from tegak.people.models import Instansi, OrgUnit


def show_law_error(form: Any, error: InputError | PermissionDenied) -> None:
    """A refusal on its field: engine paths (`days.mon.breaks[1]`) to the week's fields."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, _("You may not do this."))
        return
    name = error.field
    if name not in form.fields:
        name = week_field_name(name) or ""
    form.add_error(name if name in form.fields else None, error.message)


def calendar_day_saved(
    request: HttpRequest, form: CalendarDayForm, save: Callable[..., CalendarDay]
) -> CalendarDay | None:
    """The day of a valid `CalendarDayForm` saved with `save` (the service that adds a day to
    the instansi's calendar or corrects one), or None with the refusal shown on its field."""
    data = form.cleaned_data
    try:
        return save(
            actor=request.user,
            day=data["day"],
            kind=data["kind"],
            name=data["name"],
            basis=form.basis(),
        )
    except (InputError, PermissionDenied) as error:
        show_law_error(form, error)
        return None


def _schedule_choices(instansi: Instansi) -> list[tuple[str, str]]:
    registry = stored.instansi_registry(instansi)
    own = {schedule.code: schedule.name for schedule in Schedule.objects.filter(instansi=instansi)}
    choices = []
    for schedule_id in registry.schedule_ids:
        if schedule_id in own:
            choices.append((schedule_id, f"{own[schedule_id]} ({schedule_id})"))
        else:
            choices.append((schedule_id, f"{registry.schedule(schedule_id).name} ({schedule_id})"))
    return choices


def moment_answer(instansi: Instansi, form: MomentForm) -> dict[str, Any] | None:
    """The engine's answer for the moment, or the form's error."""
    if not form.is_valid():
        return None
    at = form.cleaned_data["at"].replace(tzinfo=None)
    try:
        return stored.working_time_for(
            instansi,
            {
                "at": at.strftime("%Y-%m-%dT%H:%M:00"),
                "timezone": instansi.time_zone,
                "schedule": form.cleaned_data["schedule"],
            },
        )
    except InputError as error:
        form.add_error("at", error.message)
        return None


@require_http_methods(["GET", "POST"])
def schedules_view(request: HttpRequest, code: str) -> HttpResponse:
    """Every schedule of the instansi, the default, calendar days, and the moment check."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    choices = _schedule_choices(instansi)
    create_form = ScheduleCreateForm(request.POST if action == "create" else None)
    default_form = DefaultScheduleForm(
        request.POST if action == "default" else None,
        choices=choices,
        initial={"schedule": instansi.schedule_id},
    )
    day_form = CalendarDayForm(
        request.POST if action == "day" else None, request.FILES if action == "day" else None
    )
    moment_form = MomentForm(
        request.POST if action == "moment" else None,
        choices=choices,
        initial={"schedule": instansi.schedule_id},
    )
    answer = None
    try:
        if action == "create" and create_form.is_valid():
            schedule = services.schedule_create(
                actor=request.user,
                instansi=instansi,
                code=create_form.cleaned_data["code"],
                name=create_form.cleaned_data["name"],
                timezone_name=create_form.cleaned_data["timezone"],
            )
            messages.success(request, _("The schedule is created: add its hours."))
            return redirect("administration:schedule_version_new", instansi.code, schedule.pk)
        if action == "default" and default_form.is_valid():
            services.default_schedule_set(
                actor=request.user,
                instansi=instansi,
                schedule_code=default_form.cleaned_data["schedule"],
            )
            messages.success(request, _("The default schedule is saved."))
            return redirect("administration:schedules", instansi.code)
        if action == "day" and day_form.is_valid():
            save = partial(services.calendar_day_set, instansi=instansi)
            if calendar_day_saved(request, day_form, save) is not None:
                messages.success(request, _("The day is saved in the instansi's calendar."))
                return redirect("administration:schedules", instansi.code)
        if action == "day_remove":
            day = calendar_day_for(request.user, instansi, request.POST.get("day"))
            services.calendar_day_remove(actor=request.user, day=day)
            messages.success(request, _("The day is removed from the instansi's calendar."))
            return redirect("administration:schedules", instansi.code)
        if action == "moment":
            answer = moment_answer(instansi, moment_form)
    except (InputError, PermissionDenied) as error:
        form = {"create": create_form, "default": default_form, "day": day_form}.get(action)
        if form is not None:
            show_law_error(form, error)
    schedules = Schedule.objects.filter(instansi=instansi).prefetch_related("versions")
    rows = [
        {
            "schedule": schedule,
            "versions": stored.live_versions(schedule),
            "periods": schedule.ramadan_periods.filter(superseded_by__isnull=True).count(),
            "units": UnitSchedule.objects.filter(schedule=schedule).select_related("unit"),
        }
        for schedule in schedules
    ]
    return page(
        request,
        instansi,
        "administration/schedules.html",
        {
            "rows": rows,
            "create_form": create_form,
            "default_form": default_form,
            "day_form": day_form,
            "moment_form": moment_form,
            "answer": answer,
            "days": CalendarDay.objects.filter(instansi=instansi).order_by("-day")[:100],
        },
        section="schedules",
    )


@require_http_methods(["GET", "POST"])
def schedule_view(request: HttpRequest, code: str, schedule_id: int) -> HttpResponse:
    """One schedule: versions, Ramadan periods, the units that follow it, verification."""
    instansi = chosen(request, code)
    schedule = schedule_for(request.user, instansi, schedule_id)
    action = request.POST.get("action", "")
    units = OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code")
    unit_form = UnitScheduleForm(request.POST if action == "unit" else None, units=units)
    moment_form = MomentForm(
        request.POST if action == "moment" else None,
        choices=[(schedule.code, schedule.name)],
        initial={"schedule": schedule.code},
    )
    answer = None
    try:
        if action == "unit" and unit_form.is_valid():
            services.unit_schedule_set(
                actor=request.user,
                unit=unit_form.cleaned_data["unit"],
                schedule=schedule,
                valid_from=unit_form.cleaned_data["valid_from"],
            )
            messages.success(request, _("The unit follows this schedule from that day."))
            return redirect("administration:schedule", instansi.code, schedule.pk)
        if action in {"verify_version", "verify_period"}:
            fetch: Any = schedule_version_for if action == "verify_version" else ramadan_period_for
            item = fetch(request.user, schedule, request.POST.get("item"))
            services.item_verify(actor=request.user, item=item, instansi=instansi)
            messages.success(request, _("Marked as verified against the text, in your name."))
            return redirect("administration:schedule", instansi.code, schedule.pk)
        if action == "moment":
            answer = moment_answer(instansi, moment_form)
    except InputError as error:
        messages.error(request, error.message)
        return redirect("administration:schedule", instansi.code, schedule.pk)
    except PermissionDenied:
        raise Http404 from None
    return page(
        request,
        instansi,
        "administration/schedule.html",
        {
            "schedule": schedule,
            "versions": schedule.versions.select_related("verified_by").order_by(
                "valid_from", "id"
            ),
            "periods": schedule.ramadan_periods.select_related("verified_by").order_by(
                "start", "id"
            ),
            "units": UnitSchedule.objects.filter(schedule=schedule).select_related("unit"),
            "unit_form": unit_form,
            "moment_form": moment_form,
            "answer": answer,
            "weekdays": WEEKDAYS,
        },
        section="schedules",
    )


def _week_rows(form: Any, prefix: str = "") -> list[dict[str, Any]]:
    return [
        {
            "label": label,
            "fields": [
                form[f"{prefix}{key}_start"],
                form[f"{prefix}{key}_end"],
                form[f"{prefix}{key}_break1_start"],
                form[f"{prefix}{key}_break1_end"],
                form[f"{prefix}{key}_break2_start"],
                form[f"{prefix}{key}_break2_end"],
            ],
        }
        for key, label in WEEKDAYS
    ]


@require_http_methods(["GET", "POST"])
def schedule_version_view(
    request: HttpRequest, code: str, schedule_id: int, version_id: int | None = None
) -> HttpResponse:
    """New hours from a date, or a correction of a version (a new row replaces it)."""
    instansi = chosen(request, code)
    schedule = schedule_for(request.user, instansi, schedule_id)
    correcting = None
    if version_id is not None:
        correcting = schedule_version_for(request.user, schedule, version_id, live_only=True)
    latest = (
        correcting
        or schedule.versions.filter(superseded_by__isnull=True).order_by("-valid_from").first()
    )
    initial: dict[str, Any] = {}
    if latest is not None:
        initial.update(week_initial(latest.days))
        initial.update(week_initial(latest.ramadan, "ramadan_"))
        initial["has_ramadan"] = bool(latest.ramadan)
    if correcting is not None:
        initial.update(
            {
                "valid_from": correcting.valid_from,
                "valid_until": correcting.valid_until,
                "basis_kind": correcting.basis_kind,
                "basis_number": correcting.basis_number,
                "basis_date": correcting.basis_date,
                "basis_title": correcting.basis_title,
                "evidence_status": correcting.evidence_status,
            }
        )
    form = ScheduleVersionForm(request.POST or None, request.FILES or None, initial=initial)
    if correcting is not None:
        form.fields["valid_from"].disabled = True
        form.fields["note"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            if correcting is not None:
                services.schedule_version_correct(
                    actor=request.user,
                    version=correcting,
                    days=form.week(),
                    ramadan=form.ramadan(),
                    valid_until=form.cleaned_data["valid_until"],
                    basis=form.basis(),
                    reason=form.cleaned_data["note"],
                    ramadan_citations=list(correcting.ramadan_citations),
                )
                messages.success(request, _("The version is corrected; the earlier one is kept."))
            else:
                services.schedule_version_add(
                    actor=request.user,
                    schedule=schedule,
                    valid_from=form.cleaned_data["valid_from"],
                    valid_until=form.cleaned_data["valid_until"],
                    days=form.week(),
                    ramadan=form.ramadan(),
                    basis=form.basis(),
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The new hours are saved."))
        except (InputError, PermissionDenied) as error:
            show_law_error(form, error)
        else:
            return redirect("administration:schedule", instansi.code, schedule.pk)
    return page(
        request,
        instansi,
        "administration/schedule_version.html",
        {
            "schedule": schedule,
            "form": form,
            "correcting": correcting,
            "week": _week_rows(form),
            "ramadan_week": _week_rows(form, "ramadan_"),
        },
        section="schedules",
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def ramadan_period_view(
    request: HttpRequest, code: str, schedule_id: int, period_id: int | None = None
) -> HttpResponse:
    """A year's Ramadan period with the hours its circular letter set (or its correction)."""
    instansi = chosen(request, code)
    schedule = schedule_for(request.user, instansi, schedule_id)
    correcting = None
    if period_id is not None:
        correcting = ramadan_period_for(request.user, schedule, period_id, live_only=True)
    initial: dict[str, Any] = {}
    source = correcting
    if source is None:
        latest = (
            schedule.versions.filter(superseded_by__isnull=True).order_by("-valid_from").first()
        )
        if latest is not None and latest.ramadan:
            initial.update(week_initial(latest.ramadan))
    else:
        initial.update(week_initial(source.days))
        initial.update(
            {
                "start": source.start,
                "end": source.end,
                "basis_kind": source.basis_kind,
                "basis_number": source.basis_number,
                "basis_date": source.basis_date,
                "basis_title": source.basis_title,
                "evidence_status": source.evidence_status,
            }
        )
    form = RamadanPeriodForm(request.POST or None, request.FILES or None, initial=initial)
    if correcting is not None:
        form.fields["note"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            services.ramadan_period_add(
                actor=request.user,
                schedule=schedule,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                days=form.week(),
                basis=form.basis(),
                note=form.cleaned_data["note"],
                replaces=correcting,
            )
        except (InputError, PermissionDenied) as error:
            show_law_error(form, error)
        else:
            messages.success(request, _("The Ramadan period is saved."))
            return redirect("administration:schedule", instansi.code, schedule.pk)
    return page(
        request,
        instansi,
        "administration/ramadan_period.html",
        {
            "schedule": schedule,
            "form": form,
            "correcting": correcting,
            "week": _week_rows(form),
            "today": timezone.localdate(),
        },
        section="schedules",
        status=400 if request.method == "POST" else 200,
    )
