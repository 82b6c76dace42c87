"""Attendance pages: overview with alerts and the agency's trend, a unit's summary, an employee's
month, and the timeline partial the case file includes."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tegak.attendance import (
    access,
    import_runs,
    roll_call_devices,
    roll_calls,
    selectors,
    services,
)
from tegak.attendance.forms import ImportForm
from tegak.attendance.models import ImportRun, LeaveKind
from tegak.core import charts
from tegak.core.errors import InputError


def _year(request: HttpRequest) -> int:
    value = request.GET.get("tahun", "")
    today = timezone.localdate()
    if value.isdigit() and 2000 <= int(value) <= today.year + 1:
        return int(value)
    return today.year


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The alerts addressed to the user, and the agency's trend and units for role holders; for
    an authorised official linked to an employee, the alerts and units under them only."""
    year = _year(request)
    alerts = list(selectors.alerts_for(request.user, open_only=False)[:50])
    for alert in alerts:
        # Link to the month the alert was raised in (December for an earlier year).
        alert.month = alert.created.month if alert.created.year == alert.year else 12  # type: ignore[attr-defined]
        label = selectors.sanction_label(alert.finding.get("sanction"), alert.finding)
        alert.sanction_label = label  # type: ignore[attr-defined]
        # Missed morning roll calls beside the rule's thresholds for them (the stored version
        # the finding used); None when the instansi recorded no roll call that year.
        alert.missed_roll_calls = alert.counts.get("missed_roll_calls")  # type: ignore[attr-defined]
        alert.roll_call_bands = selectors.roll_call_bands(alert)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "year": year,
        "alerts": alerts,
        "instansi_choices": access.role_instansi(request.user),
        "can_import": access.administered_instansi(request.user).exists(),
        # A linked authorised official sees the units under them, not the instansi (ADR 0180).
        "reach_units": access.reach_units(request.user).order_by("code"),
    }
    code = request.GET.get("instansi")
    if context["instansi_choices"].exists():
        instansi = access.instansi_for(request.user, code)
        trend = selectors.agency_trend(instansi, year)
        labels = [str(MONTHS_3[row["month"]]).title() for row in trend]
        minutes_per_day = instansi.minutes_per_absence_day
        context.update(
            instansi=instansi,
            trend=trend,
            window=selectors.counting_window(instansi, year),
            units=selectors.units_of(instansi),
            trend_chart=charts.series_line_chart(
                labels,
                [
                    (_("unexcused days"), [row["unexcused_days"] for row in trend]),
                    (
                        _("days from lateness and early leave"),
                        [
                            round(
                                (row["late_minutes"] + row["early_leave_minutes"])
                                / minutes_per_day,
                                1,
                            )
                            for row in trend
                        ],
                    ),
                ],
                title=_("Agency trend %(year)s") % {"year": year},
                description=_(
                    "Unexcused days and converted lateness per month; "
                    "the table below has the same numbers."
                ),
                chart_id="trend",
            )
            if trend
            else None,
        )
    return render(request, "attendance/overview.html", context)


@require_GET
def unit_summary(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Every employee of the unit with the year's counts, worst first, and a bar chart."""
    unit = access.unit_for(request.user, unit_id)
    year = _year(request)
    rows = selectors.unit_summary(unit, year)
    shown = rows[:20]
    chart = (
        charts.grouped_bar_chart(
            [row["employee"].nip[-4:] for row in shown],
            [
                (_("unexcused days"), [row["unexcused_days"] for row in shown]),
                (_("days counted"), [row["counted_days"] for row in shown]),
            ],
            title=_("Days counted per employee, %(year)s") % {"year": year},
            description=_(
                "Bars labelled by the last four digits of the NIP; "
                "the table below has every employee."
            ),
            chart_id="unit",
        )
        if shown
        else None
    )
    return render(
        request,
        "attendance/unit.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "chart": chart,
            "window": selectors.counting_window(unit.instansi, year),
            "has_roll_calls": any(row["missed_roll_calls"] is not None for row in rows),
            "roll_call_rules": selectors.roll_call_rules(unit.instansi),
        },
    )


@require_GET
def employee_month(request: HttpRequest, employee_id: int, year: int, month: int) -> HttpResponse:
    """An employee's month as a calendar: each day's status, check-in times and minutes."""
    employee = access.employee_for(request.user, employee_id)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    calendar = selectors.month_calendar(employee, year, month)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "attendance/employee_month.html",
        {
            "employee": employee,
            "month": date(year, month, 1),
            "calendar": calendar,
            "previous": previous,
            "following": following,
            "unit": selectors.employee_unit(employee),
        },
    )


@require_POST
def alert_open_case(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Open the discipline case from an alert, in one step."""
    alert = access.alert_for(request.user, alert_id)
    try:
        alert = services.attendance_alert_open_case(actor=request.user, alert=alert)
    except PermissionDenied as denied:
        raise Http404 from denied
    except InputError as error:
        messages.error(request, error.message)
        return redirect("attendance:overview")
    messages.success(
        request,
        _("Case %(reference)s opened; your duty to summon and examine runs from %(since)s.")
        % {
            "reference": alert.opened_case_reference,
            "since": timezone.localtime(alert.duty_clock_started_at).strftime("%d-%m-%Y %H:%M"),
        },
    )
    return redirect("attendance:overview")


@require_GET
def timeline(request: HttpRequest, employee_id: int) -> HttpResponse:
    """The timeline partial (HTMX): `?hari=YYYY-MM-DD` repeated for each day in question."""
    employee = access.employee_for(request.user, employee_id)
    days: list[date] = []
    for value in request.GET.getlist("hari")[:62]:
        try:
            days.append(date.fromisoformat(value))
        except ValueError:
            return HttpResponse(
                _("%(value)s is not a date (YYYY-MM-DD).") % {"value": value[:20]}, status=400
            )
    return render(
        request,
        "attendance/_timeline.html",
        {"attendance_days": selectors.attendance_for_timeline(employee, days)},
    )


@require_http_methods(["GET", "POST"])
def import_files(request: HttpRequest) -> HttpResponse:
    """Upload check-ins and leave (administrators of an instansi). The upload is kept and run by
    the worker, outside the request and its write transaction (#18); the uploader is sent to
    the run's page, which shows its status and, when done, every skipped row with its line."""
    choices = access.administered_instansi(request.user)
    if not choices.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, instansi_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = import_runs.import_run_start(
                actor=request.user,
                instansi=data["instansi"],
                checkins=data.get("checkins") or None,
                leave=data.get("leave") or None,
                fmt=data.get("format") or "",
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except InputError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("attendance:import_run", run.pk)
    runs = ImportRun.objects.filter(uploaded_by_id=request.user.pk).select_related("instansi")[:10]
    return render(request, "attendance/import.html", {"form": form, "runs": runs})


@require_GET
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """One import's progress: waiting, importing, then the rows done and each refused row or
    field. The page reloads itself (no script) until the run is finished."""
    run = import_runs.import_run_for(request.user, run_id)
    issues = {kind: run.issues.get(kind) or [] for kind in import_runs.ISSUE_KINDS}
    return render(
        request,
        "attendance/import_run.html",
        {
            "run": run,
            "progress": import_runs.import_run_progress(run),
            "summary": run.summary,
            "issues": issues,
            "alert_years": run.summary.get("years") or [],
        },
    )


@require_GET
def import_run_progress(request: HttpRequest, run_id: int) -> JsonResponse:
    """The run's progress as JSON, for the page's script (the same access as the page)."""
    run = import_runs.import_run_for(request.user, run_id)
    response = JsonResponse(import_runs.import_run_progress(run))
    response["Cache-Control"] = "no-store"
    return response


def _roll_call_day(request: HttpRequest) -> date:
    value = request.GET.get("tanggal") or request.POST.get("tanggal") or ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return timezone.localdate()
    return min(day, timezone.localdate())


def _roll_call_time(value: str) -> time | None:
    try:
        return time.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def roll_call(request: HttpRequest) -> HttpResponse:
    """Morning roll calls: upload a roll list or a fingerprint machine's export (every bad row
    named, nothing half-recorded), or choose a unit to enter one roll call."""
    choices = access.administered_instansi(request.user)
    if not choices.exists():
        raise Http404
    instansi = choices.filter(code=request.POST.get("instansi") or request.GET.get("instansi"))
    chosen = instansi.first() or choices.first()
    assert chosen is not None
    result = device_result = None
    problems: list[dict[str, Any]] = []
    error = ""
    error_field = ""
    status = 200
    units = selectors.units_of(chosen)
    form_values = {"roll_call_time": "07:30", "unit": ""}
    if request.method == "POST" and request.POST.get("source") == "device":
        form_values = {
            "roll_call_time": request.POST.get("roll_call_time", ""),
            "unit": request.POST.get("unit", ""),
        }
        upload = request.FILES.get("device_export")
        moment = _roll_call_time(form_values["roll_call_time"])
        unit = (
            units.filter(pk=form_values["unit"]).first() if form_values["unit"].isdigit() else None
        )
        if upload is None:
            error, error_field, status = (
                _("Choose the machine's export file."),
                "device_export",
                400,
            )
        elif upload.size is not None and upload.size > 50 * 1024 * 1024:
            error, error_field, status = _("The file is too large."), "device_export", 400
        elif moment is None:
            error, error_field = _("Give the time of the roll call as HH:MM."), "roll_call_time"
            status = 400
        elif form_values["unit"] and unit is None:
            error, error_field, status = _("Choose a unit of this instansi."), "unit", 400
        else:
            try:
                device_result = roll_call_devices.roll_call_device_import(
                    actor=request.user,
                    instansi=chosen,
                    content=upload.read(),
                    roll_call_time=moment,
                    unit=unit,
                )
            except InputError as failure:
                error, problems, status = failure.message, failure.details, 400
                error_field = "device_export" if failure.field == "file" else failure.field
    elif request.method == "POST":
        upload = request.FILES.get("roll_list")
        if upload is None:
            error, status = _("Choose a roll list file."), 400
        elif upload.size is not None and upload.size > 20 * 1024 * 1024:
            error, status = _("The file is too large."), 400
        else:
            try:
                result = roll_calls.roll_call_import(
                    actor=request.user, instansi=chosen, content=upload.read()
                )
            except InputError as failure:
                error, problems, status = failure.message, failure.details, 400
    recorded = result or device_result
    if recorded:
        # A rule that counts missed roll calls may be crossed by this import alone: the
        # superior is told now, not at the next check-in import or daily refresh.
        years = set(recorded.get("years") or []) | {day.year for day in recorded.get("days", [])}
        for year in sorted(years):
            services.attendance_alerts_refresh(actor=request.user, instansi=chosen, year=year)
    return render(
        request,
        "attendance/roll_call.html",
        {
            "choices": choices,
            "instansi": chosen,
            "units": units,
            "result": result,
            "device_result": device_result,
            "problems": problems,
            "error": error,
            "error_field": error_field,
            "values": form_values,
            "day": _roll_call_day(request),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def roll_call_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """One roll call of a unit: each employee present or not, with a lawful reason if any."""
    unit = access.unit_for(request.user, unit_id)
    if not access.administered_instansi(request.user).filter(pk=unit.instansi_id).exists():
        raise Http404
    day = _roll_call_day(request)
    members = selectors.unit_members(unit, day)
    error = ""
    status = 200
    if request.method == "POST":
        entries = []
        for employee in members:
            present = request.POST.get(f"present-{employee.pk}") == "1"
            reason = "" if present else request.POST.get(f"reason-{employee.pk}", "")
            entries.append(roll_calls.RollCallEntry(employee, day, present, reason))
        try:
            roll_calls.roll_call_record_unit(
                actor=request.user, unit=unit, day=day, entries=entries
            )
        except InputError as failure:
            error, status = failure.message, 400
        else:
            messages.success(request, _("The roll call is recorded."))
            return redirect(f"{request.path}?tanggal={day.isoformat()}")
    recorded = roll_calls.unit_roll_call(unit, day)
    rows = [{"employee": employee, "record": recorded.get(employee.pk)} for employee in members]
    return render(
        request,
        "attendance/roll_call_unit.html",
        {"unit": unit, "day": day, "rows": rows, "reasons": LeaveKind.choices, "error": error},
        status=status,
    )
