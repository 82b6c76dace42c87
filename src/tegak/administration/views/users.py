"""Users of an instansi: invite, roles, the employee link, second factor, deactivation; and the
page where an invited person sets their password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts import staff
from tegak.accounts.models import Role, RoleAssignment, User
from tegak.administration import access
from tegak.administration.forms import EmployeeLinkForm, InviteForm, ReasonForm, RoleForm
from tegak.administration.views.common import chosen, page, show_error
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi


def _employee(instansi: Instansi, value: str) -> Employee | None:
    if not value:
        return None
    return access.employee_for(instansi, int(value))


def invitation_url(request: HttpRequest, user: User) -> str:
    """A one-use link to set the password (valid PASSWORD_RESET_TIMEOUT; spent once used)."""
    path = reverse(
        "administration:invitation",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return request.build_absolute_uri(path)


@require_http_methods(["GET"])
def users_view(request: HttpRequest, code: str) -> HttpResponse:
    """Every account with a role in the instansi, its roles, employee and state."""
    instansi = chosen(request, code)
    users = list(staff.users_of(instansi))
    roles: dict[int, list[str]] = {}
    for assignment in RoleAssignment.objects.filter(instansi=instansi, user__in=users):
        roles.setdefault(assignment.user_id, []).append(assignment.get_role_display())
    enrolled = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    rows = [
        {
            "user": user,
            "roles": sorted(roles.get(user.pk, [])),
            "second_factor": user.pk in enrolled,
            "invited": not user.has_usable_password(),
        }
        for user in users
    ]
    return page(request, instansi, "administration/users.html", {"rows": rows}, section="users")


@require_http_methods(["GET", "POST"])
def user_invite_view(request: HttpRequest, code: str) -> HttpResponse:
    """Invite a person: an account with roles here; they set a password from the link."""
    instansi = chosen(request, code)
    form = InviteForm(request.POST or None, instansi=instansi)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = staff.user_invite(
                actor=request.user,
                instansi=instansi,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                roles=list(data["roles"]),
                employee=_employee(instansi, data["employee"]),
            )
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            return _user_page(
                request, instansi, user, extra={"invitation_url": invitation_url(request, user)}
            )
    return page(
        request, instansi, "administration/user_invite.html", {"form": form}, section="users"
    )


def _user_page(
    request: HttpRequest,
    instansi: Instansi,
    user: User,
    *,
    extra: dict[str, Any] | None = None,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    held = RoleAssignment.objects.filter(user=user).select_related("instansi")
    context = {
        "subject": user,
        "roles_here": [item for item in held if item.instansi_id == instansi.pk],
        "roles_elsewhere": [item for item in held if item.instansi_id != instansi.pk],
        "second_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "can_manage": staff.can_manage_account(request.user, user),
        "is_self": user.pk == request.user.pk,
        "role_form": RoleForm(),
        "link_form": EmployeeLinkForm(
            instansi=instansi, initial={"employee": user.employee_id or ""}
        ),
        "reason_form": ReasonForm(),
        **(forms or {}),
        **(extra or {}),
    }
    return page(
        request, instansi, "administration/user.html", context, section="users", status=status
    )


@require_http_methods(["GET"])
def user_view(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    """One account: its roles here and elsewhere, employee, second factor, state."""
    instansi = chosen(request, code)
    return _user_page(request, instansi, access.user_for(request.user, instansi, user_id))


@require_http_methods(["POST"])
def user_action(request: HttpRequest, code: str, user_id: int, action: str) -> HttpResponse:
    """grant, revoke, link, reset_second_factor, deactivate, reactivate, password_link."""
    instansi = chosen(request, code)
    user = access.user_for(request.user, instansi, user_id)
    done = _("Saved.")
    try:
        if action in {"grant", "revoke"}:
            role_form = RoleForm(request.POST)
            if not role_form.is_valid():
                return _user_page(
                    request, instansi, user, forms={"role_form": role_form}, status=400
                )
            role = role_form.cleaned_data["role"]
            if action == "grant":
                staff.role_grant(actor=request.user, user=user, instansi=instansi, role=role)
                done = _("The role %(role)s is granted.") % {"role": Role(role).label}
            else:
                staff.role_revoke(actor=request.user, user=user, instansi=instansi, role=role)
                done = _("The role %(role)s is taken away.") % {"role": Role(role).label}
        elif action == "link":
            link_form = EmployeeLinkForm(request.POST, instansi=instansi)
            if not link_form.is_valid():
                return _user_page(
                    request, instansi, user, forms={"link_form": link_form}, status=400
                )
            staff.user_employee_link(
                actor=request.user,
                user=user,
                instansi=instansi,
                employee=_employee(instansi, link_form.cleaned_data["employee"]),
            )
            done = _("The employee link is saved.")
        elif action == "reset_second_factor":
            removed = staff.second_factor_reset_for(actor=request.user, user=user)
            done = (
                _("The second factor is reset: the person enrols again at the next login.")
                if removed
                else _("The account had no second factor to reset.")
            )
        elif action == "deactivate":
            reason_form = ReasonForm(request.POST)
            if not reason_form.is_valid():
                return _user_page(
                    request, instansi, user, forms={"reason_form": reason_form}, status=400
                )
            staff.user_deactivate(
                actor=request.user, user=user, reason=reason_form.cleaned_data["reason"]
            )
            done = _("The account is deactivated.")
        elif action == "reactivate":
            staff.user_reactivate(actor=request.user, user=user)
            done = _("The account is active again.")
        elif action == "password_link":
            staff.password_link_issue(actor=request.user, user=user, instansi=instansi)
            return _user_page(
                request, instansi, user, extra={"invitation_url": invitation_url(request, user)}
            )
        else:
            return _user_page(request, instansi, user, status=404)
    except InputError as error:
        messages.error(request, error.message)
        return redirect("administration:user", instansi.code, user.pk)
    except PermissionDenied:
        messages.error(request, _("You may not do this."))
        return redirect("administration:user", instansi.code, user.pk)
    messages.success(request, done)
    return redirect("administration:user", instansi.code, user.pk)


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invited person (or one whose password was reset) sets a password; the link is spent
    once used. The audit event is the service's."""

    template_name = "administration/invitation.html"
    post_reset_login = False

    def get_success_url(self) -> str:
        return reverse("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        staff.invitation_accept(user=form.user, password=form.cleaned_data["new_password1"])
        messages.success(self.request, _("Your password is set. Log in to continue."))
        return redirect(self.get_success_url())


invitation_view = login_not_required(never_cache(InvitationView.as_view()))
