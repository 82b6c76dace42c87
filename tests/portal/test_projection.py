"""From the real case file to the public register: only public facts, names only when allowed."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.clocks import ClockKind, clock_kind
from tegak.cases.models import Clock
from tegak.jobs.models import Job
from tegak.jobs.runner import drain
from tegak.portal.models import PortalPolicy, RegisterEntry
from tegak.portal.selectors import deadline_states
from tegak.portal.services import register_refresh
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db


def test_an_open_case_is_in_the_register_with_its_top_unit_and_no_name(open_case, org, client):
    case = open_case()
    accused = case.accused.get()
    assert register_refresh(accused_ids=[accused.pk]) == 1
    entry = RegisterEntry.objects.get(accused_id_ref=accused.pk)
    assert entry.register_number == case.register_number
    # Bagian Umum sits in the Sekretariat DPRD: the register names the larger unit.
    assert entry.unit == org.units.setwan
    assert entry.provision == case.allegations.get().provision
    assert entry.status == "open"
    assert entry.level == "" and entry.sanction == ""  # nothing decided, nothing published
    assert entry.opened_on == case.opened_on
    assert [clock["name"] for clock in entry.deadlines] == list(
        Clock.objects.filter(accused=accused).order_by("due", "pk").values_list("name", flat=True)
    )
    body = client.get(reverse("portal:register")).content.decode()
    assert case.register_number in body and "Sekretariat DPRD" in body
    assert org.staff.name not in body


def test_a_final_case_shows_decision_dates_and_kept_deadlines(
    open_case, staff, org, instansi, client
):
    case = open_case()
    accused, _summons, decision, _delivery, _steps = run_to_final(case, staff)
    register_refresh(accused_ids=[accused.pk])
    entry = RegisterEntry.objects.get(accused_id_ref=accused.pk)
    assert entry.status == "final"
    assert entry.decided_on == date(2026, 10, 16)
    # Entered on 25 November, known to the superior on 5 October, decided on 16 October.
    assert entry.days_to_decision == (date(2026, 10, 16) - date(2026, 10, 5)).days
    assert entry.sanction == decision.sanction_code
    assert entry.level == decision.level
    assert entry.final_on == accused.final_on
    assert entry.open_due is None
    # Only the office's duties are marked; this case kept every one of them, so nothing is late
    # (the objection window is the accused's right and the effective day is a date: no mark).
    duties = [c for c in entry.deadlines if clock_kind(c["name"]) == ClockKind.DUTY]
    assert {c["name"] for c in entry.deadlines} - {c["name"] for c in duties} >= {
        "objection_due",
        "takes_effect",
    }
    assert entry.deadlines_kept == len(duties) and entry.deadlines_late == 0
    states = {state["state"] for state in deadline_states(entry)}
    assert states <= {"kept", ""}
    # Still no name without the agency's policy; with it, the final case shows the name.
    assert org.staff.name not in client.get(reverse("portal:register")).content.decode()
    PortalPolicy.objects.create(instansi=instansi, show_accused_name_when_final=True)
    assert org.staff.name in client.get(reverse("portal:register")).content.decode()
    data = json.loads(b"".join(client.get(reverse("portal:export")).streaming_content))
    assert data["records"][0]["accused_name"] == org.staff.name


def test_the_register_never_carries_the_case_summary_or_descriptions(open_case):
    case = open_case()
    case.summary = "Rahasia: pelapor bernama Siti dari RT 04"
    case.save()
    register_refresh()
    stored = json.dumps(list(RegisterEntry.objects.values()), default=str)
    assert "Siti" not in stored and "Rahasia" not in stored


def test_rebuild_command_refreshes_removes_stale_entries_and_writes_one_event(
    open_case, make_entry
):
    open_case()
    make_entry(accused_id_ref=987654, register_number="HILANG/1")  # its accused no longer exists
    before = AuditEvent.objects.count()
    call_command("portal_refresh")
    assert list(RegisterEntry.objects.values_list("register_number", flat=True)) != ["HILANG/1"]
    assert not RegisterEntry.objects.filter(register_number="HILANG/1").exists()
    assert RegisterEntry.objects.count() == 1
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-sequence").first().action == "portal.register_rebuilt"


def test_changed_refresh_picks_up_new_cases_and_new_steps_only(open_case, staff):
    from tegak.hearings import services as hearings

    first = open_case()
    call_command("portal_refresh", "--changed")
    assert RegisterEntry.objects.count() == 1
    second = open_case(employee=None, provision="pp-94-2021:5:a")
    accused = first.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    call_command("portal_refresh", "--changed")
    assert RegisterEntry.objects.count() == 2
    assert RegisterEntry.objects.get(case_id_ref=first.pk).status == "examination"
    assert RegisterEntry.objects.get(case_id_ref=second.pk).status == "open"


def test_each_committed_step_updates_the_register_without_a_manual_refresh(
    open_case, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case()
    drain()  # the worker runs the refresh jobs the steps enqueued
    accused = case.accused.get()
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        run_to_final(case, staff)
    drain()
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).status == "final"


def test_a_committed_step_enqueues_the_register_refresh_and_the_worker_runs_it(
    open_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case()
    accused = case.accused.get()
    jobs = Job.objects.filter(task_path="tegak.portal.tasks.refresh_register_entries")
    assert jobs.exists() and all(job.args == [[accused.pk]] for job in jobs)
    assert not RegisterEntry.objects.filter(accused_id_ref=accused.pk).exists()
    assert drain() >= 1
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).register_number == (
        case.register_number
    )
