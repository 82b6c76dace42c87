"""The administrator's home, a new instansi, the instansi's own settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tegak.accounts.models import User
from tegak.administration import access, services
from tegak.administration.forms import InstansiCreateForm, InstansiSettingsForm
from tegak.administration.views.common import chosen, page, show_error
from tegak.core.access import Role
from tegak.core.errors import InputError
from tegak.people import services as people
from tegak.people.models import Employee, OrgUnit


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    """The instansi this user administers; on a fresh installation, the way to create one."""
    administered = list(access.instansi_administered(request.user))
    can_create = access.can_establish_instansi(request.user)
    if not administered and not can_create:
        raise Http404
    if len(administered) == 1 and not can_create:
        return redirect("administration:instansi", administered[0].code)
    return page(
        request,
        None,
        "administration/home.html",
        {"administered": administered, "can_create": can_create},
    )


@require_http_methods(["GET", "POST"])
def instansi_create(request: HttpRequest) -> HttpResponse:
    """Create the instansi (the installation's superuser); its creator becomes its administrator."""
    if not access.can_establish_instansi(request.user):
        raise Http404
    form = InstansiCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instansi = services.instansi_establish(actor=request.user, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The instansi is created and you administer it."))
            return redirect("administration:instansi", instansi.code)
    return page(request, None, "administration/instansi_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def instansi_view(request: HttpRequest, code: str) -> HttpResponse:
    """The instansi at a glance: what is set up and what is still missing, and its settings."""
    instansi = chosen(request, code)
    initial = {
        "name": instansi.name,
        "time_zone": instansi.time_zone,
        "ppk_title": instansi.ppk_title,
        "city": instansi.city,
        "address": instansi.address,
        "minutes_per_absence_day": instansi.minutes_per_absence_day,
    }
    form = InstansiSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            people.instansi_update(actor=request.user, instansi=instansi, **form.cleaned_data)
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("administration:instansi", instansi.code)
    users = User.objects.filter(roles__instansi=instansi).distinct()
    counts = {
        "units": OrgUnit.objects.filter(instansi=instansi, active=True).count(),
        "employees": Employee.objects.filter(instansi=instansi, active=True).count(),
        "users": users.count(),
        "administrators": users.filter(roles__role=Role.ADMINISTRATOR, roles__instansi=instansi)
        .filter(is_active=True)
        .count(),
        "employees_by_status": dict(
            Employee.objects.filter(instansi=instansi, active=True)
            .values_list("status")
            .annotate(total=Count("id", filter=Q(active=True)))
        ),
    }
    return page(
        request,
        instansi,
        "administration/instansi.html",
        {"form": form, "counts": counts},
        section="overview",
    )
