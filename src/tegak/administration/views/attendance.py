"""The instansi's attendance settings: the machine-ID map of its attendance machines and the
flexible-work grants of the PPK. Check-ins and leave are imported on the attendance pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.administration.views.common import chosen, page, show_error
from tegak.attendance import access, configuration
from tegak.attendance.models import DeviceUser, FlexibleWorkGrant, FlexibleWorkKind
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi, OrgUnit

DATE = {"type": "date"}
WEEKDAY_CHOICES = [
    (1, gettext_lazy("Monday")),
    (2, gettext_lazy("Tuesday")),
    (3, gettext_lazy("Wednesday")),
    (4, gettext_lazy("Thursday")),
    (5, gettext_lazy("Friday")),
    (6, gettext_lazy("Saturday")),
    (7, gettext_lazy("Sunday")),
]
MAX_MAP_BYTES = 5 * 1024 * 1024


class EmployeeByNip(forms.CharField):
    """An employee of the instansi, typed by NIP (an agency has thousands: no list)."""

    def __init__(self, *args: Any, instansi: Instansi | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi = instansi

    def clean(self, value: Any) -> Employee | None:
        text = (super().clean(value) or "").strip().replace(" ", "")
        if not text:
            return None
        employee = Employee.objects.filter(instansi=self.instansi, nip=text).first()
        if employee is None:
            raise forms.ValidationError(
                _("No employee of this instansi has NIP %(nip)s.") % {"nip": text}
            )
        return employee


class DeviceUserForm(forms.Form):
    device_user_id = forms.CharField(
        label=gettext_lazy("Machine user id"),
        max_length=60,
        help_text=gettext_lazy("The number the fingerprint machine shows for the person."),
    )

    def __init__(self, *args: Any, instansi: Instansi, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"] = EmployeeByNip(
            label=gettext_lazy("NIP of the employee"), max_length=30, instansi=instansi
        )


class DeviceMapForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Map file"),
        help_text=gettext_lazy(
            "CSV with the columns device_user_id (or id_mesin) and nip; a file with any bad row "
            "changes nothing."
        ),
    )


class FlexibleWorkForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=FlexibleWorkKind.choices)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=gettext_lazy("— one employee —"),
    )
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Days of the week"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: every day of the period."),
    )
    source_decree = forms.CharField(
        label=gettext_lazy("Decree"),
        max_length=200,
        help_text=gettext_lazy("Number and date of the PPK's decision granting it."),
    )

    def __init__(self, *args: Any, instansi: Instansi, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"] = EmployeeByNip(
            label=gettext_lazy("NIP of the employee"),
            max_length=30,
            required=False,
            instansi=instansi,
            help_text=gettext_lazy("Either one employee or a whole unit."),
        )
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code")
        self.order_fields(["kind", "employee", "unit"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and (data.get("employee") is None) == (data.get("unit") is None):
            self.add_error("employee", _("Give either one employee or one unit."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


@require_http_methods(["GET", "POST"])
def attendance_settings_view(request: HttpRequest, code: str) -> HttpResponse:
    """The machine-ID map and the flexible-work grants, each added, loaded or removed here."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    post = request.POST if request.method == "POST" else None
    device_form = DeviceUserForm(post if action == "device" else None, instansi=instansi)
    map_form = DeviceMapForm(
        post if action == "map" else None, request.FILES if action == "map" else None
    )
    flexible_form = FlexibleWorkForm(post if action == "flexible" else None, instansi=instansi)
    revoke_form = RevokeForm(post if action == "revoke" else None)
    problems: list[dict[str, Any]] = []
    try:
        if action == "device" and device_form.is_valid():
            configuration.device_user_set(
                actor=request.user,
                instansi=instansi,
                device_user_id=device_form.cleaned_data["device_user_id"],
                employee=device_form.cleaned_data["employee"],
            )
            messages.success(request, _("The machine user id is saved."))
            return redirect("administration:attendance", instansi.code)
        if action == "device_remove":
            item = access.device_user_for(request.user, instansi, request.POST.get("item"))
            configuration.device_user_remove(actor=request.user, item=item)
            messages.success(request, _("The machine user id is removed."))
            return redirect("administration:attendance", instansi.code)
        if action == "map" and map_form.is_valid():
            upload = map_form.cleaned_data["file"]
            if upload.size > MAX_MAP_BYTES:
                raise InputError("file", _("The file is too large."))
            result = configuration.device_map_import(
                actor=request.user, instansi=instansi, content=upload.read()
            )
            messages.success(
                request,
                _("The map is loaded: %(created)s new, %(updated)s changed.") % result,
            )
            return redirect("administration:attendance", instansi.code)
        if action == "flexible" and flexible_form.is_valid():
            data = flexible_form.cleaned_data
            configuration.flexible_work_grant(
                actor=request.user,
                instansi=instansi,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                employee=data["employee"],
                unit=data["unit"],
                weekdays=data["weekdays"],
                source_decree=data["source_decree"],
            )
            messages.success(request, _("The flexible work is recorded."))
            return redirect("administration:attendance", instansi.code)
        if action == "revoke":
            grant = access.flexible_grant_for(request.user, instansi, request.POST.get("grant"))
            if revoke_form.is_valid():
                configuration.flexible_work_revoke(
                    actor=request.user, grant=grant, reason=revoke_form.cleaned_data["reason"]
                )
                messages.success(request, _("The flexible-work grant is removed."))
                return redirect("administration:attendance", instansi.code)
    except InputError as error:
        form = {"device": device_form, "map": map_form, "flexible": flexible_form}.get(
            action, revoke_form
        )
        show_error(form, error)
        problems = error.details
    except PermissionDenied as denied:
        raise Http404 from denied
    failed = any(form.errors for form in (device_form, map_form, flexible_form, revoke_form))
    return page(
        request,
        instansi,
        "administration/attendance.html",
        {
            "device_form": device_form,
            "map_form": map_form,
            "flexible_form": flexible_form,
            "revoke_form": revoke_form,
            "problems": problems,
            "device_users": DeviceUser.objects.filter(instansi=instansi)
            .select_related("employee")
            .order_by("device_user_id"),
            "grants": FlexibleWorkGrant.objects.filter(instansi=instansi)
            .select_related("employee", "unit")
            .order_by("-start"),
            "weekday_names": dict(WEEKDAY_CHOICES),
        },
        section="attendance",
        status=400 if failed else 200,
    )
