"""The one access layer: roles per instansi, named system actors with only their rights, the
superuser as installation administrator, and no plain string or None acting as anyone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tegak.accounts.models import RoleAssignment, User
from tegak.core.access import (
    Right,
    Role,
    SystemActor,
    administers,
    has_right,
    has_role,
    instansi_ids_with,
    is_installation_admin,
    require_role,
    roles_in,
)
from tegak.people import services as people
from tegak.people.access import can_administer, instansi_ids_for
from tegak.people.models import Instansi, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(db):
    return Instansi.objects.create(
        code="kab-lain", name="Pemerintah Kabupaten Lain", level="kabupaten_kota", time_zone="WIB"
    )


@pytest.fixture
def officer(instansi):
    user = User.objects.create_user("petugas-lapis", password="x")
    RoleAssignment.objects.create(user=user, role=Role.INTAKE_OFFICER, instansi=instansi)
    return user


@pytest.fixture
def root(db):
    return User.objects.create_superuser("pemasang", password="x")


def test_a_role_counts_only_in_its_own_instansi(instansi, other, officer):
    assert has_role(officer, Role.INTAKE_OFFICER, instansi)
    assert has_role(officer, {Role.EXAMINER, Role.INTAKE_OFFICER}, instansi.pk)
    assert not has_role(officer, Role.INTAKE_OFFICER, other)
    assert not has_role(officer, Role.EXAMINER, instansi)
    assert roles_in(officer, instansi) == {Role.INTAKE_OFFICER}
    assert instansi_ids_with(officer) == {instansi.pk}
    assert instansi_ids_with(officer, Role.CUSTODIAN) == set()
    with pytest.raises(PermissionDenied):
        require_role(officer, Role.INTAKE_OFFICER, other)
    require_role(officer, Role.INTAKE_OFFICER, instansi)


def test_the_superuser_administers_the_installation_but_holds_no_procedural_role(instansi, root):
    assert is_installation_admin(root)
    assert administers(root, instansi)
    assert instansi_ids_for(root) is None
    for role in Role:
        assert not has_role(root, role, instansi)
    with pytest.raises(PermissionDenied):
        require_role(root, Role.CUSTODIAN, instansi)
    require_role(root, Role.ADMINISTRATOR, instansi, installation_admin=True)
    root.is_active = False
    assert not is_installation_admin(root)


@pytest.mark.parametrize("actor", ["system", "cli", "", None, AnonymousUser()])
def test_a_string_none_or_anonymous_is_no_actor(instansi, actor):
    assert not is_installation_admin(actor)
    assert not administers(actor, instansi)
    assert not can_administer(actor, instansi)
    assert instansi_ids_for(actor) == set()
    for role in Role:
        assert not has_role(actor, role, instansi)
    with pytest.raises(PermissionDenied):
        people.unit_create(actor=actor, instansi=instansi, code="X", name="Unit X")
    with pytest.raises(PermissionDenied):
        people.instansi_create(actor=actor, code="baru", name="Baru", level="kabupaten_kota")
    assert not OrgUnit.objects.exists()
    assert not Instansi.objects.filter(code="baru").exists()


def test_a_system_actor_holds_exactly_its_rights_where_it_was_given_them(instansi, other):
    importer = SystemActor(
        "importer", rights=frozenset({Right.REGISTRY_WRITE}), instansi_ids=frozenset({instansi.pk})
    )
    assert has_right(importer, Right.REGISTRY_WRITE, instansi)
    assert not has_right(importer, Right.REGISTRY_WRITE, other)
    assert not has_right(importer, Right.INSTANSI_ESTABLISH)
    assert not is_installation_admin(importer)
    for role in Role:
        assert not has_role(importer, role, instansi)
    people.unit_create(actor=importer, instansi=instansi, code="A", name="Unit A")
    with pytest.raises(PermissionDenied):
        people.unit_create(actor=importer, instansi=other, code="B", name="Unit B")
    with pytest.raises(PermissionDenied):
        people.instansi_create(actor=importer, code="baru", name="Baru", level="kabupaten_kota")
    assert list(OrgUnit.objects.values_list("code", flat=True)) == ["A"]
    # Reading is not writing: a system actor reads no registry.
    assert instansi_ids_for(importer) == set()


def test_a_system_actor_needs_a_name_and_real_rights():
    with pytest.raises(ValueError):
        SystemActor("", rights=frozenset())
    with pytest.raises(ValueError):
        SystemActor("x", rights=frozenset({"everything"}))  # type: ignore[arg-type]
