"""The registry's writes and the reads other parts rely on (who is whose superior on a day)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.people import selectors, services
from tegak.people.models import Employee, OrgUnit, PositionAssignment

from .conftest import SYSTEM

DAY = date(2024, 6, 3)


@pytest.mark.django_db
def test_staff_superior_is_the_head_of_their_unit(tree, person):
    kasi = person("Kasi", tree["kasi"])
    staf = person("Staf", tree["staf"])
    assert selectors.direct_superior(staf, DAY) == kasi


@pytest.mark.django_db
def test_head_of_a_unit_reports_to_the_head_of_the_parent_unit(tree, person):
    kabid = person("Kabid", tree["kabid"])
    kasi = person("Kasi", tree["kasi"])
    assert selectors.direct_superior(kasi, DAY) == kabid


@pytest.mark.django_db
def test_vacant_head_post_passes_the_superior_up_the_tree(tree, person):
    """PP 94/2021 Pasal 25: no official in the post, the next higher one acts."""
    kadis = person("Kadis", tree["kadis"])
    staf = person("Staf", tree["staf"])
    assert selectors.direct_superior(staf, DAY) == kadis
    assert selectors.supervisor_chain(staf, DAY) == [kadis]


@pytest.mark.django_db
def test_supervisor_chain_runs_from_direct_superior_to_the_top(tree, person):
    kadis = person("Kadis", tree["kadis"])
    kabid = person("Kabid", tree["kabid"])
    kasi = person("Kasi", tree["kasi"])
    staf = person("Staf", tree["staf"])
    assert selectors.supervisor_chain(staf, DAY) == [kasi, kabid, kadis]
    assert selectors.supervisor_chain(kadis, DAY) == []


@pytest.mark.django_db
def test_the_superior_is_who_held_the_post_on_that_day(tree, person):
    old = person("Kasi Lama", tree["kasi"], start=date(2019, 1, 1))
    staf = person("Staf", tree["staf"], start=date(2019, 1, 1))
    new = person("Kasi Baru", tree["kasi"], start=date(2023, 7, 1))
    assert selectors.direct_superior(staf, date(2023, 6, 30)) == old
    assert selectors.direct_superior(staf, date(2023, 7, 1)) == new
    # The old holder's tenure was closed the day before the new one started.
    tenure = PositionAssignment.objects.get(employee=old)
    assert tenure.end == date(2023, 6, 30)


@pytest.mark.django_db
def test_acting_head_plt_is_the_superior_while_the_post_is_vacant(tree, person):
    kabid = person("Kabid", tree["kabid"])
    plt = person("Analis", tree["analis"])
    services.assignment_start(
        actor=SYSTEM, employee=plt, position=tree["kasi"], start=date(2024, 1, 1), kind="plt"
    )
    staf = person("Staf", tree["staf"])
    assert selectors.unit_head(tree["seksi"], DAY) == plt
    assert selectors.direct_superior(staf, DAY) == plt
    # Their own post stays the definitive one, and the Plt still reports up from it.
    assert selectors.assignment_on(plt, DAY).position == tree["analis"]
    assert selectors.position_kind_on(plt, DAY) == "fungsional_ahli_muda"
    assert selectors.direct_superior(plt, DAY) == kabid


@pytest.mark.django_db
def test_override_wins_for_its_dates_only(tree, person):
    kasi = person("Kasi", tree["kasi"])
    staf = person("Staf", tree["staf"])
    analis = person("Analis", tree["analis"])
    services.supervisor_override_set(
        actor=SYSTEM, employee=staf, supervisor=analis, start=date(2024, 5, 1), reason="penugasan"
    )
    assert selectors.direct_superior(staf, date(2024, 4, 30)) == kasi
    assert selectors.direct_superior(staf, DAY) == analis
    services.supervisor_override_set(
        actor=SYSTEM, employee=staf, supervisor=None, start=date(2024, 7, 1)
    )
    assert selectors.direct_superior(staf, date(2024, 6, 30)) == analis
    assert selectors.direct_superior(staf, date(2024, 7, 1)) == kasi


@pytest.mark.django_db
def test_override_cycles_do_not_loop_the_chain(tree, person):
    a = person("A", tree["staf"])
    b = person("B", tree["staf"])
    services.supervisor_override_set(actor=SYSTEM, employee=a, supervisor=b, start=DAY)
    services.supervisor_override_set(actor=SYSTEM, employee=b, supervisor=a, start=DAY)
    assert selectors.supervisor_chain(a, DAY) == [b]


@pytest.mark.django_db
def test_rule_facts_follow_the_post_on_the_day(tree, person, instansi):
    staf = person("Staf", tree["staf"], start=date(2018, 1, 1))
    services.assignment_start(
        actor=SYSTEM, employee=staf, position=tree["kasi"], start=date(2022, 1, 1)
    )
    assert selectors.employee_rule_facts(staf, date(2021, 12, 31)) == {
        "status": "PNS",
        "position": "pelaksana",
        "instansi_level": "kabupaten_kota",
    }
    assert selectors.employee_rule_facts(staf, date(2022, 1, 1))["position"] == "pengawas"
    assert selectors.employee_rule_facts(staf, date(2017, 1, 1))["position"] is None


@pytest.mark.django_db
def test_unit_cannot_move_under_its_own_descendant(tree):
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as caught:
        services.unit_move(actor=SYSTEM, unit=tree["dinas"], parent=tree["seksi"])
    assert caught.value.field == "parent"
    tree["dinas"].refresh_from_db()
    assert tree["dinas"].parent == tree["top"]
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_unit_move_records_one_audit_event(tree):
    before = AuditEvent.objects.count()
    services.unit_move(actor=SYSTEM, unit=tree["seksi"], parent=tree["dinas"])
    assert OrgUnit.objects.get(code="SEK").parent == tree["dinas"]
    events = AuditEvent.objects.filter(sequence__gt=before)
    assert [event.action for event in events] == ["people.unit_moved"]


@pytest.mark.django_db
def test_unit_parent_from_another_instansi_is_refused(tree, outsider):
    other = outsider.roles.first().instansi
    foreign = services.unit_create(actor=SYSTEM, instansi=other, code="X", name="Unit Lain")
    with pytest.raises(InputError):
        services.unit_create(
            actor=SYSTEM, instansi=tree["top"].instansi, code="Y", name="Y", parent=foreign
        )


@pytest.mark.django_db
def test_second_head_post_in_a_unit_is_refused(tree):
    with pytest.raises(InputError) as caught:
        services.position_create(
            actor=SYSTEM, unit=tree["seksi"], name="Kepala Seksi 2", kind="pengawas", is_head=True
        )
    assert caught.value.field == "is_head"


@pytest.mark.django_db
def test_employee_create_fills_birth_date_and_gender_from_the_nip(instansi):
    employee = services.employee_create(
        actor=SYSTEM, instansi=instansi, nip="199001012015032001", name="Uji", status="PNS"
    )
    assert employee.birth_date == date(1990, 1, 1)
    assert employee.gender == "P"


@pytest.mark.django_db
def test_duplicate_and_malformed_nips_are_refused_and_nothing_is_written(instansi):
    services.employee_create(
        actor=SYSTEM, instansi=instansi, nip="199001012015032001", name="Uji", status="PNS"
    )
    events = AuditEvent.objects.count()
    for nip in ["199001012015032001", "19900101201503200"]:
        with pytest.raises(InputError) as caught:
            services.employee_create(
                actor=SYSTEM, instansi=instansi, nip=nip, name="Lain", status="PNS"
            )
        assert caught.value.field == "nip"
    assert Employee.objects.count() == 1
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_only_administrators_of_the_instansi_may_write(tree, examiner, outsider, administrator):
    events = AuditEvent.objects.count()
    for actor in (examiner, outsider):
        with pytest.raises(PermissionDenied):
            services.unit_update(actor=actor, unit=tree["seksi"], name="Ganti")
    assert AuditEvent.objects.count() == events
    services.unit_update(actor=administrator, unit=tree["seksi"], name="Seksi Baru")
    assert OrgUnit.objects.get(code="SEK").name == "Seksi Baru"
    assert AuditEvent.objects.count() == events + 1


@pytest.mark.django_db
def test_employees_for_is_limited_to_the_actors_instansi(tree, person, examiner, outsider):
    person("Staf Satu", tree["staf"])
    person("Kepala Bidang", tree["kabid"])
    assert selectors.employees_for(examiner).count() == 2
    assert selectors.employees_for(outsider).count() == 0
    found = selectors.employees_for(examiner, query="satu")
    assert [e.name for e in found] == ["Staf Satu"]
    assert found[0].current_position_name == "Pengadministrasi Umum"
    in_seksi = selectors.employees_for(examiner, unit=tree["seksi"])
    assert [e.name for e in in_seksi] == ["Staf Satu"]
    in_dinas = selectors.employees_for(examiner, unit=tree["dinas"])
    assert in_dinas.count() == 2


@pytest.mark.django_db
def test_units_tree_nests_units_with_their_heads(tree, person, instansi):
    kabid = person("Kabid", tree["kabid"])
    [top] = selectors.units_tree(instansi, DAY)
    assert top["unit"] == tree["top"]
    [dinas] = top["children"]
    [bidang] = dinas["children"]
    assert dinas["head"] is None
    assert bidang["head"] == kabid
    assert bidang["children"][0]["unit"] == tree["seksi"]
    assert bidang["children"][0]["depth"] == 3
