"""#12 item 6: the Django admin writes nothing past the audit log.

The probe granted the custodian role through `/admin/` (RoleAssignment add, or the roles inline
on the user page): no audit event was written. Now domain models are read-only in the admin, and
what stays writable there (accounts) writes an audit event with each change.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.accounts.models import RoleAssignment, User
from tegak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(verified_client, instansi):
    user = User.objects.create_superuser("super-uji", password="kata-sandi-uji-123")
    return verified_client(user)


def test_granting_custodian_through_the_role_admin_is_refused(superuser_client, instansi):
    target = User.objects.create_user("calon-kustodian", password="kata-sandi-uji-123")
    events = AuditEvent.objects.count()
    add_url = reverse("admin:accounts_roleassignment_add")
    assert superuser_client.get(add_url).status_code == 403
    response = superuser_client.post(
        add_url, {"user": target.pk, "role": "custodian", "instansi": instansi.pk}
    )
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user=target).exists()
    assert AuditEvent.objects.count() == events


def test_granting_custodian_through_the_user_page_inline_writes_nothing(superuser_client, instansi):
    target = User.objects.create_user("calon-kustodian", password="kata-sandi-uji-123")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = superuser_client.get(url)
    assert page.status_code == 200
    form = {
        "username": target.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "preferred_language": "id",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-role": "custodian",
        "roles-0-instansi": str(instansi.pk),
        "roles-0-user": str(target.pk),
    }
    response = superuser_client.post(url, form)
    assert response.status_code == 302  # the page saved; the role rows were ignored
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_an_account_change_in_the_admin_is_audited(superuser_client):
    target = User.objects.create_user("pegawai-x", password="kata-sandi-uji-123")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    form = {
        "username": target.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "preferred_language": "id",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    response = superuser_client.post(url, form)
    assert response.status_code == 302, response.content[:2000]
    target.refresh_from_db()
    assert target.is_staff and not target.is_active
    event = AuditEvent.objects.get(action="admin.changed")
    assert event.actor_label == "super-uji"
    assert event.target_type == "accounts.user" and event.target_id == str(target.pk)
    assert "is_staff" in event.data["change"] or "Staff" in event.data["change"]


def test_domain_models_offer_no_add_change_or_delete(superuser_client):
    from django.contrib import admin

    request = type("R", (), {"user": User.objects.get(username="super-uji")})()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_config.name.startswith("tegak.") and model is not User:
            assert not model_admin.has_add_permission(request), model
            assert not model_admin.has_change_permission(request), model
            assert not model_admin.has_delete_permission(request), model
    assert "delete_selected" not in dict(admin.site.actions)
