"""Organisation and employees: the unit tree, posts, employees and the history of their posts
(entering past posts and correcting them, with the reason recorded)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tegak.administration import access
from tegak.administration.forms import EmployeeForm, PositionForm, PostForm, UnitForm
from tegak.administration.views.common import chosen, page, show_error
from tegak.core.errors import InputError
from tegak.people import selectors
from tegak.people import services as people
from tegak.people.models import AssignmentChange, Employee, Position, PositionAssignment

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def units_view(request: HttpRequest, code: str) -> HttpResponse:
    """The unit tree, and a form to add a unit."""
    instansi = chosen(request, code)
    form = UnitForm(request.POST or None, instansi=instansi)
    if request.method == "POST" and form.is_valid():
        try:
            unit = people.unit_create(actor=request.user, instansi=instansi, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The unit %(name)s is added.") % {"name": unit.name})
            return redirect("administration:unit", instansi.code, unit.pk)
    return page(
        request,
        instansi,
        "administration/units.html",
        {"form": form, "tree": selectors.units_tree(instansi), "today": timezone.localdate()},
        section="organisation",
    )


@require_http_methods(["GET", "POST"])
def unit_view(request: HttpRequest, code: str, unit_id: int) -> HttpResponse:
    """One unit: change it, move it, and its posts (add and change)."""
    instansi = chosen(request, code)
    unit = access.unit_for(instansi, unit_id)
    action = request.POST.get("action", "")
    unit_form = UnitForm(
        request.POST if action == "unit" else None,
        instansi=instansi,
        initial={
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent_id,
            "is_supervision_unit": unit.is_supervision_unit,
            "is_personnel_unit": unit.is_personnel_unit,
        },
    )
    unit_form.fields["code"].disabled = True
    position_form = PositionForm(request.POST if action == "position" else None)
    try:
        if action == "unit" and unit_form.is_valid():
            data = unit_form.cleaned_data
            people.unit_update(
                actor=request.user,
                unit=unit,
                name=data["name"],
                kind=data["kind"],
                is_supervision_unit=data["is_supervision_unit"],
                is_personnel_unit=data["is_personnel_unit"],
            )
            if data["parent"] != unit.parent:
                people.unit_move(actor=request.user, unit=unit, parent=data["parent"])
            messages.success(request, _("The unit is saved."))
            return redirect("administration:unit", instansi.code, unit.pk)
        if action == "position" and position_form.is_valid():
            people.position_create(actor=request.user, unit=unit, **position_form.cleaned_data)
            messages.success(request, _("The post is added."))
            return redirect("administration:unit", instansi.code, unit.pk)
        if action in {"deactivate", "activate"}:
            people.unit_update(actor=request.user, unit=unit, active=action == "activate")
            messages.success(request, _("The unit is saved."))
            return redirect("administration:unit", instansi.code, unit.pk)
    except (InputError, PermissionDenied) as error:
        show_error(position_form if action == "position" else unit_form, error)
    return page(
        request,
        instansi,
        "administration/unit.html",
        {
            "unit": unit,
            "unit_form": unit_form,
            "position_form": position_form,
            "positions": selectors.unit_positions(unit),
            "ancestors": selectors.unit_ancestors(unit),
        },
        section="organisation",
    )


@require_http_methods(["GET", "POST"])
def position_view(request: HttpRequest, code: str, position_id: int) -> HttpResponse:
    """Change a post (its name, kind, whether it heads the unit)."""
    instansi = chosen(request, code)
    position = access.position_for(instansi, position_id)
    form = PositionForm(
        request.POST or None,
        initial={"name": position.name, "kind": position.kind, "is_head": position.is_head},
    )
    if request.method == "POST" and form.is_valid():
        try:
            people.position_update(actor=request.user, position=position, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The post is saved."))
            return redirect("administration:unit", instansi.code, position.unit_id)
    return page(
        request,
        instansi,
        "administration/position.html",
        {"position": position, "form": form},
        section="organisation",
    )


@require_http_methods(["GET", "POST"])
def employees_view(request: HttpRequest, code: str) -> HttpResponse:
    """The employees (50 a page; search by name or NIP is posted, never put in the URL), and a
    form to register one."""
    instansi = chosen(request, code)
    form = EmployeeForm(request.POST if request.POST.get("action") == "create" else None)
    query = request.POST.get("q", "").strip() if request.POST.get("action") == "search" else ""
    if form.is_bound and form.is_valid():
        try:
            employee = people.employee_create(
                actor=request.user, instansi=instansi, **form.cleaned_data
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The employee is registered: add their post below."))
            return redirect("administration:employee", instansi.code, employee.pk)
    employees = Employee.objects.filter(instansi=instansi).order_by("name")
    if query:
        employees = employees.filter(name__icontains=query) | employees.filter(
            nip__startswith=query
        )
    paginator = Paginator(employees, PAGE_SIZE)
    employees_page = paginator.get_page(request.GET.get("page"))
    return page(
        request,
        instansi,
        "administration/employees.html",
        {"form": form, "employees": employees_page, "query": query},
        section="organisation",
    )


def _history(employee: Employee) -> list[dict[str, Any]]:
    changes: dict[int, list[AssignmentChange]] = {}
    for change in AssignmentChange.objects.filter(assignment__employee=employee).order_by(
        "-recorded_at"
    ):
        changes.setdefault(change.assignment_id, []).append(change)
    return [
        {"assignment": assignment, "changes": changes.get(assignment.pk, [])}
        for assignment in selectors.assignment_history(employee).select_related("position__unit")
    ]


@require_http_methods(["GET", "POST"])
def employee_view(request: HttpRequest, code: str, employee_id: int) -> HttpResponse:
    """An employee: their record, and the posts they held — start a post today, enter a past
    post, end one (corrections on their own page)."""
    instansi = chosen(request, code)
    employee = access.employee_for(instansi, employee_id)
    action = request.POST.get("action", "")
    record_form = EmployeeForm(
        request.POST if action == "record" else None,
        initial={
            "nip": employee.nip,
            "name": employee.name,
            "status": employee.status,
            "golongan": employee.golongan,
            "front_title": employee.front_title,
            "back_title": employee.back_title,
        },
    )
    post_form = PostForm(
        request.POST if action in {"backfill", "start"} else None, instansi=instansi
    )
    if action == "start":
        # A post from today on: the ordinary appointment, no reason needed.
        post_form.fields["reason"].required = False
    try:
        if action == "record" and record_form.is_valid():
            people.employee_update(
                actor=request.user, employee=employee, **record_form.cleaned_data
            )
            messages.success(request, _("The employee's record is saved."))
            return redirect("administration:employee", instansi.code, employee.pk)
        if action == "backfill" and post_form.is_valid():
            data = post_form.cleaned_data
            people.assignment_backfill(
                actor=request.user,
                employee=employee,
                position=data["position"],
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
                source=data["source"],
            )
            messages.success(request, _("The past post is entered."))
            return redirect("administration:employee", instansi.code, employee.pk)
        if action == "start" and post_form.is_valid():
            data = post_form.cleaned_data
            people.assignment_start(
                actor=request.user,
                employee=employee,
                position=data["position"],
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
            )
            messages.success(request, _("The post is recorded."))
            return redirect("administration:employee", instansi.code, employee.pk)
        if action == "end":
            assignment = access.assignment_for(instansi, int(request.POST.get("assignment", 0)))
            if assignment.employee_id != employee.pk:
                return redirect("administration:employee", instansi.code, employee.pk)
            end = request.POST.get("end", "")
            people.assignment_end(
                actor=request.user,
                assignment=assignment,
                end=date.fromisoformat(end) if end else timezone.localdate(),
            )
            messages.success(request, _("The post is ended."))
            return redirect("administration:employee", instansi.code, employee.pk)
        if action in {"deactivate", "activate"}:
            people.employee_update(
                actor=request.user, employee=employee, active=action == "activate"
            )
            messages.success(request, _("The employee's record is saved."))
            return redirect("administration:employee", instansi.code, employee.pk)
    except ValueError:
        post_form.add_error(None, _("Enter a valid date."))
    except (InputError, PermissionDenied) as error:
        show_error(record_form if action == "record" else post_form, error)
    return page(
        request,
        instansi,
        "administration/employee.html",
        {
            "employee": employee,
            "record_form": record_form,
            "post_form": post_form,
            "history": _history(employee),
            "today": timezone.localdate(),
            "action": action,
        },
        section="organisation",
    )


@require_http_methods(["GET", "POST"])
def assignment_correct_view(request: HttpRequest, code: str, assignment_id: int) -> HttpResponse:
    """Correct a recorded post: its post, kind or dates; the reason is kept with before/after."""
    instansi = chosen(request, code)
    assignment: PositionAssignment = access.assignment_for(instansi, assignment_id)
    form = PostForm(
        request.POST or None,
        instansi=instansi,
        initial={
            "position": assignment.position_id,
            "kind": assignment.kind,
            "start": assignment.start,
            "end": assignment.end,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        position: Position = data["position"]
        try:
            people.assignment_correct(
                actor=request.user,
                assignment=assignment,
                position=position,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
                source=data["source"],
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The post is corrected; the earlier record is kept."))
            return redirect("administration:employee", instansi.code, assignment.employee_id)
    return page(
        request,
        instansi,
        "administration/assignment_correct.html",
        {"assignment": assignment, "form": form},
        section="organisation",
    )
