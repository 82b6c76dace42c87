"""The instansi's own calendar days: regional days off, office closures, cuti bersama it adopts,
and national cuti bersama it cancelled (working days after all). One list per year beside the
national holidays of that year; each day can be corrected or removed. Attendance counting,
the moment check and the deadlines counted in working days all read these days."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tegak.administration.law_forms import CalendarDayForm
from tegak.administration.views.common import chosen, page
from tegak.administration.views.schedules import calendar_day_saved
from tegak.law import services, stored
from tegak.law.access import calendar_day_for
from tegak.law.models import CalendarDay
from tegak.law.services.schedules import FIRST_CALENDAR_YEAR, YEARS_AHEAD
from tegak.people.models import Instansi
from tegak.rules.calendar import national_days


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        return today.year
    if not FIRST_CALENDAR_YEAR <= year <= today.year + YEARS_AHEAD:
        return today.year
    return year


def _national_rows(instansi: Instansi, year: int, own: dict[Any, CalendarDay]) -> list[dict]:
    calendar = stored.built_in_calendar(instansi)
    rows = []
    for day, (name, kind) in sorted(national_days(year).items()):
        if day.weekday() in calendar.weekend:
            continue
        rows.append({"day": day, "name": name, "kind": kind, "own": own.get(day)})
    return rows


@require_http_methods(["GET", "POST"])
def calendar_days_view(request: HttpRequest, code: str) -> HttpResponse:
    """The instansi's days of a year, the national days off of that year, and a day to add."""
    instansi = chosen(request, code)
    year = _year(request)
    form = CalendarDayForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        save = partial(services.calendar_day_set, instansi=instansi)
        if (added := calendar_day_saved(request, form, save)) is not None:
            messages.success(request, _("The day is saved in the instansi's calendar."))
            return redirect(f"{_list_url(instansi)}?tahun={added.day.year}")
    days = list(
        CalendarDay.objects.filter(instansi=instansi, day__year=year)
        .select_related("verified_by")
        .order_by("day")
    )
    today = timezone.localdate()
    return page(
        request,
        instansi,
        "administration/calendar_days.html",
        {
            "form": form,
            "year": year,
            "days": days,
            "national": _national_rows(instansi, year, {item.day: item for item in days}),
            "years": list(range(today.year - 3, today.year + YEARS_AHEAD + 1)),
        },
        section="days",
    )


@require_http_methods(["GET", "POST"])
def calendar_day_view(request: HttpRequest, code: str, day_id: int) -> HttpResponse:
    """Correct one day (date, kind, name, decree) or remove it."""
    instansi = chosen(request, code)
    item = calendar_day_for(request.user, instansi, day_id)
    action = request.POST.get("action", "")
    if action == "remove":
        try:
            services.calendar_day_remove(actor=request.user, day=item)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The day is removed from the instansi's calendar."))
        return redirect(f"{_list_url(instansi)}?tahun={item.day.year}")
    initial = {
        "day": item.day,
        "kind": item.kind,
        "name": item.name,
        "basis_kind": item.basis_kind,
        "basis_number": item.basis_number,
        "basis_date": item.basis_date,
        "basis_title": item.basis_title,
        "evidence_status": item.evidence_status,
    }
    form = CalendarDayForm(
        request.POST if action == "change" else None,
        request.FILES if action == "change" else None,
        initial=initial,
    )
    if action == "change" and form.is_valid():
        save = partial(services.calendar_day_change, item=item)
        if (changed := calendar_day_saved(request, form, save)) is not None:
            messages.success(request, _("The day is corrected."))
            return redirect(f"{_list_url(instansi)}?tahun={changed.day.year}")
    return page(
        request,
        instansi,
        "administration/calendar_day.html",
        {"form": form, "item": item},
        section="days",
    )


def _list_url(instansi: Instansi) -> str:
    return reverse("administration:calendar_days", args=[instansi.code])
