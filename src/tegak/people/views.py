"""Registry pages: org chart, unit, employees, employee, and the import for administrators."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tegak.core.errors import InputError
from tegak.people import access, selectors
from tegak.people.forms import EmployeeFilterForm, ImportForm
from tegak.people.imports import (
    EMPLOYEE_COLUMNS,
    EMPLOYEE_OPTIONAL,
    UNIT_COLUMNS,
    UNIT_OPTIONAL,
    import_employees,
    import_units,
)
from tegak.people.models import Instansi, OrgUnit

PAGE_SIZE = 50


def _chosen_instansi(request: HttpRequest) -> Instansi:
    """The instansi the page is about: ?instansi=CODE, else the first the user may see."""
    visible = access.visible_instansi(request.user)
    code = request.GET.get("instansi")
    instansi = visible.filter(code=code).first() if code else visible.order_by("name").first()
    if instansi is None:
        raise Http404
    return instansi


@require_http_methods(["GET"])
def units_view(request: HttpRequest) -> HttpResponse:
    """The org chart of one instansi, with the head of each unit today."""
    instansi = _chosen_instansi(request)
    return render(
        request,
        "people/units.html",
        {
            "instansi": instansi,
            "all_instansi": access.visible_instansi(request.user).order_by("name"),
            "tree": selectors.units_tree(instansi),
            "today": timezone.localdate(),
            "can_import": access.administered_instansi(request.user).exists(),
        },
    )


@require_http_methods(["GET"])
def unit_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    """One unit: its posts and who holds them, its sub-units, where it sits in the tree."""
    unit = access.unit_for(request.user, unit_id)
    return render(
        request,
        "people/unit.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": unit.children.filter(active=True).order_by("code"),
            "positions": selectors.unit_positions(unit),
            "head": selectors.unit_head_assignment(unit, timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
def employees_view(request: HttpRequest) -> HttpResponse:
    """The employee list: search by name or NIP, filter by unit and status, 50 per page."""
    visible = access.visible_instansi(request.user)
    units = OrgUnit.objects.filter(instansi__in=visible, active=True).order_by(
        "instansi__name", "code"
    )
    form = EmployeeFilterForm(request.POST or None, units=units)
    filters = form.cleaned_data if form.is_valid() else {}
    employees = selectors.employees_for(
        request.user,
        query=filters.get("query") or "",
        unit=filters.get("unit"),
        status=filters.get("status") or "",
    )
    page = Paginator(employees, PAGE_SIZE).get_page(filters.get("page") or 1)
    context = {"form": form, "page": page, "several_instansi": visible.count() > 1}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "people/_employee_results.html", context)
    return render(request, "people/employees.html", context)


@require_http_methods(["GET"])
def employee_view(request: HttpRequest, employee_id: int) -> HttpResponse:
    """One employee: record, posts held over time, and the chain of superiors today."""
    employee = access.employee_for(request.user, employee_id)
    today = timezone.localdate()
    return render(
        request,
        "people/employee.html",
        {
            "employee": employee,
            "today": today,
            "current": selectors.assignment_on(employee, today),
            "history": selectors.assignment_history(employee),
            "chain": selectors.supervisor_chain(employee, today),
            "overrides": employee.supervisor_overrides.select_related("supervisor").order_by(
                "-start"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload units or employees; row errors are shown in a table and nothing is written."""
    administered = access.administered_instansi(request.user).order_by("name")
    if not administered.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, instansi=administered)
    result = None
    errors: list[dict] = []
    message = ""
    if request.method == "POST" and form.is_valid():
        run = import_units if form.cleaned_data["kind"] == "units" else import_employees
        try:
            result = run(
                actor=request.user,
                instansi=form.cleaned_data["instansi"],
                data=form.cleaned_data["file"].read(),
                partial=form.cleaned_data["partial"],
            )
            errors = result.errors
        except InputError as error:
            message, errors = error.message, error.details
        except PermissionDenied:
            raise Http404 from None
    return render(
        request,
        "people/import.html",
        {
            "form": form,
            "result": result,
            "errors": errors,
            "message": message,
            "columns": {
                "units": (UNIT_COLUMNS, UNIT_OPTIONAL),
                "employees": (EMPLOYEE_COLUMNS, EMPLOYEE_OPTIONAL),
            },
        },
        status=400 if message else 200,
    )
