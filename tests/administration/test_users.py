"""Users of an instansi, run by its administrator: invite with roles and an employee, the link to
set the password, roles granted and taken away, second factor reset, deactivation — each with its
audit event; out of scope answers 404 and changes nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts import staff
from tegak.accounts.models import RoleAssignment, User
from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def invite(client, instansi, **data):
    body = {
        "username": "sekwan",
        "full_name": "Hanan Uji",
        "email": "",
        "roles": ["authorised_official"],
        "employee": "",
        **data,
    }
    return client.post(reverse("administration:user_invite", args=[instansi.code]), body)


def test_administrator_invites_a_user_with_roles_and_an_employee(admin_client, instansi, org):
    response = invite(
        admin_client,
        instansi,
        roles=["examiner", "authorised_official"],
        employee=org.sekwan_head.pk,
    )
    assert response.status_code == 200
    user = User.objects.get(username="sekwan")
    assert user.employee == org.sekwan_head
    assert not user.has_usable_password()
    assert set(user.roles.values_list("role", flat=True)) == {"examiner", "authorised_official"}
    event = AuditEvent.objects.get(action="account.user_invited")
    assert event.data["roles"] == ["authorised_official", "examiner"]
    assert "invitation-url" in response.content.decode()


def test_the_invitation_link_sets_the_password_once(admin_client, instansi, org, client):
    page = invite(admin_client, instansi).content.decode()
    link = re.search(r'value="(http://testserver(/[^"]+))"', page).group(2)
    landing = client.get(link, follow=True)
    assert landing.status_code == 200
    set_password_url = landing.redirect_chain[-1][0]
    password = "kata-sandi-baru-yang-panjang-99"
    response = client.post(set_password_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert User.objects.get(username="sekwan").check_password(password)
    assert AuditEvent.objects.filter(action="account.invitation_accepted").count() == 1
    again = client.get(link, follow=True)
    assert "tidak valid" in again.content.decode() or "not valid" in again.content.decode()


def test_taken_username_is_refused_on_its_field_and_nothing_is_written(
    admin_client, instansi, administrator
):
    before = User.objects.count()
    response = invite(admin_client, instansi, username=administrator.username)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action="account.user_invited").exists()


def test_an_employee_linked_to_another_account_is_refused(admin_client, instansi, org):
    invite(admin_client, instansi, employee=org.sekwan_head.pk)
    response = invite(admin_client, instansi, username="kedua", employee=org.sekwan_head.pk)
    assert response.context["form"].errors["employee"]
    assert not User.objects.filter(username="kedua").exists()


def test_roles_are_granted_and_taken_away_with_events(admin_client, instansi):
    user = make_user("petugas", instansi, "intake_officer")
    url = reverse("administration:user_action", args=[instansi.code, user.pk, "grant"])
    admin_client.post(url, {"role": "examiner"})
    assert user.roles.filter(role="examiner", instansi=instansi).exists()
    url = reverse("administration:user_action", args=[instansi.code, user.pk, "revoke"])
    admin_client.post(url, {"role": "intake_officer"})
    assert not user.roles.filter(role="intake_officer").exists()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "account.role_granted" in actions and "account.role_revoked" in actions


def test_the_last_administrator_cannot_be_removed(instansi, administrator):
    with pytest.raises(InputError) as caught:
        staff.role_revoke(
            actor=administrator, user=administrator, instansi=instansi, role="administrator"
        )
    assert caught.value.field == "role"
    assert administrator.roles.filter(role="administrator").exists()


def test_second_factor_reset_removes_the_device(admin_client, instansi):
    user = make_user("pemeriksa", instansi, "examiner")
    TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    url = reverse(
        "administration:user_action", args=[instansi.code, user.pk, "reset_second_factor"]
    )
    admin_client.post(url)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="account.second_factor_reset").exists()


def test_deactivation_needs_a_reason_and_is_recorded(admin_client, instansi):
    user = make_user("pensiun", instansi, "examiner")
    url = reverse("administration:user_action", args=[instansi.code, user.pk, "deactivate"])
    response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.is_active
    admin_client.post(url, {"reason": "Pensiun sejak 1 Desember 2026"})
    user.refresh_from_db()
    assert not user.is_active
    assert (
        AuditEvent.objects.get(action="account.user_deactivated")
        .data["reason"]
        .startswith("Pensiun")
    )


def test_an_account_with_roles_elsewhere_is_not_deactivated_from_here(
    admin_client, instansi, outsider
):
    RoleAssignment.objects.create(user=outsider, role="examiner", instansi=instansi)
    url = reverse("administration:user_action", args=[instansi.code, outsider.pk, "deactivate"])
    admin_client.post(url, {"reason": "Tidak lagi bertugas di sini"})
    outsider.refresh_from_db()
    assert outsider.is_active
    assert not AuditEvent.objects.filter(action="account.user_deactivated").exists()


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("administration:instansi", lambda i, u: [i.code], "post"),
        ("administration:users", lambda i, u: [i.code], "get"),
        ("administration:user_invite", lambda i, u: [i.code], "post"),
        ("administration:user", lambda i, u: [i.code, u.pk], "get"),
        ("administration:user_action", lambda i, u: [i.code, u.pk, "deactivate"], "post"),
        ("administration:user_action", lambda i, u: [i.code, u.pk, "grant"], "post"),
    ],
)
def test_other_instansi_and_other_roles_get_404_and_change_nothing(
    verified_client, instansi, outsider, intake_officer, name, args, method
):
    target = make_user("sasaran", instansi, "examiner")
    url = reverse(name, args=args(instansi, target))
    for persona in (outsider, intake_officer):
        client = verified_client(persona)
        events = AuditEvent.objects.count()
        data = {"reason": "Alasan yang cukup panjang", "role": "administrator", "username": "x1x"}
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404
        assert AuditEvent.objects.count() == events
        target.refresh_from_db()
        assert target.is_active
        assert not target.roles.filter(role="administrator").exists()


def test_only_the_installation_superuser_creates_an_instansi(verified_client, administrator):
    client = verified_client(administrator)
    url = reverse("administration:instansi_create")
    assert client.get(url).status_code == 404
    superuser = User.objects.create_superuser("pemasang", password="kata-sandi-uji-123")
    client = verified_client(superuser)
    response = client.post(
        url,
        {
            "code": "kota-baru",
            "name": "Pemerintah Kota Baru",
            "level": "kabupaten_kota",
            "time_zone": "WITA",
        },
    )
    assert response.status_code == 302
    assert superuser.roles.filter(role="administrator", instansi__code="kota-baru").exists()


def test_instansi_settings_are_saved_with_an_event(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:instansi", args=[instansi.code]),
        {
            "name": "Pemerintah Kota Uji Raya",
            "time_zone": "WIB",
            "ppk_title": "Wali Kota Uji",
            "city": "Uji",
            "address": "",
            "minutes_per_absence_day": 420,
        },
    )
    assert response.status_code == 302
    instansi.refresh_from_db()
    assert instansi.minutes_per_absence_day == 420
    assert AuditEvent.objects.filter(action="people.instansi_updated").exists()


def test_an_instansi_administrator_cannot_take_over_the_installation_superuser(
    admin_client, instansi, client
):
    """Found by the 2026-12-07 attack: an instansi administrator could ask for a link to set the
    superuser's password (the superuser holds a role in the instansi) and log in as them."""
    superuser = User.objects.create_superuser("pemasang", password="kata-sandi-pemasang-123")
    RoleAssignment.objects.create(user=superuser, role="administrator", instansi=instansi)
    TOTPDevice.objects.create(user=superuser, name="hp", confirmed=True)
    for action in ("password_link", "reset_second_factor", "deactivate"):
        url = reverse("administration:user_action", args=[instansi.code, superuser.pk, action])
        response = admin_client.post(url, {"reason": "Alasan yang cukup panjang"}, follow=True)
        body = response.content.decode()
        assert "undangan" not in body and "invitation-url" not in body, action
        assert "Anda tidak boleh melakukan ini" in body or "You may not do this" in body
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.check_password("kata-sandi-pemasang-123")
    assert TOTPDevice.objects.filter(user=superuser).exists()
    assert not AuditEvent.objects.filter(
        action__in=["account.password_link_issued", "account.user_deactivated"]
    ).exists()


def test_a_password_link_is_recorded_with_the_administrator_who_asked_for_it(
    admin_client, instansi, administrator
):
    user = make_user("lupa-sandi", instansi, "examiner")
    url = reverse("administration:user_action", args=[instansi.code, user.pk, "password_link"])
    response = admin_client.post(url)
    assert response.status_code == 200 and "invitation-url" in response.content.decode()
    event = AuditEvent.objects.get(action="account.password_link_issued")
    assert event.actor_id == administrator.pk and event.target_id == str(user.pk)
    assert event.instansi_code == instansi.code


def test_an_instansi_administrator_cannot_appoint_an_identity_custodian(admin_client, instansi):
    """Separation of duties: an administrator who can ask to open a reporter's identity (or
    appoint an intake officer who does) must not appoint who approves it."""
    response = invite(admin_client, instansi, username="penjaga", roles=["custodian"])
    assert response.status_code == 200
    assert response.context["form"].errors["roles"]
    assert not User.objects.filter(username="penjaga").exists()
    helper = make_user("pembantu", instansi, "examiner")
    url = reverse("administration:user_action", args=[instansi.code, helper.pk, "grant"])
    admin_client.post(url, {"role": "custodian"})
    assert not helper.roles.filter(role="custodian").exists()
    assert not AuditEvent.objects.filter(action__in=["account.role_granted"]).exists()


def test_the_custodian_role_is_never_held_with_intake_or_administration(verified_client, instansi):
    superuser = User.objects.create_superuser("pemasang", password="kata-sandi-pemasang-123")
    custodian = make_user("penjaga", instansi)
    staff.role_grant(actor=superuser, user=custodian, instansi=instansi, role="custodian")
    for role in ("intake_officer", "administrator"):
        with pytest.raises(InputError) as caught:
            staff.role_grant(actor=superuser, user=custodian, instansi=instansi, role=role)
        assert caught.value.field == "role"
        assert not custodian.roles.filter(role=role).exists()
    officer = make_user("petugas-2", instansi, "intake_officer")
    with pytest.raises(InputError):
        staff.role_grant(actor=superuser, user=officer, instansi=instansi, role="custodian")
    with pytest.raises(InputError) as caught:
        staff.user_invite(
            actor=superuser,
            instansi=instansi,
            username="serba-bisa",
            full_name="Serba Bisa",
            roles=["custodian", "intake_officer"],
        )
    assert caught.value.field == "roles"
    assert not User.objects.filter(username="serba-bisa").exists()


def test_the_failed_jobs_section_links_to_the_jobs_page_for_the_installations_operator_only(
    admin_client, instansi, verified_client
):
    """The section used to point at a page that does not exist (`core:dead_letters`), so no
    administrator ever saw a way to the failed jobs; the page itself is for superusers only."""
    jobs_url = reverse("jobs:overview")
    page_url = reverse("administration:instansi", args=[instansi.code])

    agency_admin_page = admin_client.get(page_url)
    assert agency_admin_page.status_code == 200
    assert jobs_url not in agency_admin_page.content.decode()

    superuser = User.objects.create_superuser("pemasang", password="kata-sandi-pemasang-123")
    RoleAssignment.objects.create(user=superuser, role="administrator", instansi=instansi)
    operator_page = verified_client(superuser).get(page_url)
    assert operator_page.status_code == 200
    assert f'href="{jobs_url}"' in operator_page.content.decode()
    assert verified_client(superuser).get(jobs_url).status_code == 200
