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


def test_a_superior_accused_of_not_acting_is_not_made_identifiable_by_the_unit(
    org, staff, instansi, today, client
):
    """The karaoke cover-up: the Kabag Umum accused under PP 94/2021 Pasal 28 ayat (1) beside
    his subordinate. "Sekretariat DPRD · Pasal 28" would name him (few officials there can
    breach it), and the subordinate's row of the same register number would name the unit: the
    register and its export withhold the unit on every row of the case and keep the article
    (reading C22)."""
    from tegak.cases import services

    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        summary="Karaoke pada jam kerja dan klarifikasi yang menutupinya",
        known_to_superior_on=date(2022, 9, 23),
        allegations=[
            {
                "employee": org.staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2022, 8, 26),
                "place": "Tempat karaoke",
                "impact": "instansi",
            },
            {
                "employee": org.kabag,
                "provision": "pp-94-2021:28:1",
                "committed_on": date(2022, 9, 12),
                "place": "Sekretariat DPRD",
                "impact": "instansi",
            },
        ],
    )
    # Another case of the same unit, without a superior's article: its unit stays public.
    other = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        summary="Terlambat",
        known_to_superior_on=date(2022, 9, 23),
        allegations=[
            {
                "employee": org.staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2022, 9, 2),
                "place": "Kantor",
                "impact": "instansi",
            }
        ],
    )
    register_refresh()

    rows = RegisterEntry.objects.filter(case_id_ref=case.pk)
    assert rows.count() == 2
    assert {entry.unit_id for entry in rows} == {None}
    superior = rows.get(accused_id_ref=case.accused.get(employee=org.kabag).pk)
    assert superior.provision == "pp-94-2021:28:1"
    assert RegisterEntry.objects.get(case_id_ref=other.pk).unit == org.units.setwan

    body = client.get(reverse("portal:register")).content.decode()
    assert "Pasal 28 ayat (1)" in body
    shown = [row for row in body.split("<tr")[1:] if case.register_number in row]
    assert len(shown) == 2 and all("Pasal" in row for row in shown)
    assert not any("Sekretariat DPRD" in row for row in shown), shown
    assert any(
        "Sekretariat DPRD" in row for row in body.split("<tr") if other.register_number in row
    )
    data = json.loads(
        b"".join(client.get(reverse("portal:export"), {"format": "json"}).streaming_content)
    )
    records = {record["provision"]: record for record in data["records"] if record["provision"]}
    cover_up = [r for r in data["records"] if r["register_number"] == case.register_number]
    assert [r["unit"] for r in cover_up] == ["", ""], cover_up
    assert records["pp-94-2021:28:1"]["unit"] == ""
    # Filtering by the unit does not narrow the register to the superior's case.
    narrowed = client.get(reverse("portal:register"), {"unit": org.units.setwan.pk})
    assert case.register_number not in narrowed.content.decode()
    assert other.register_number in narrowed.content.decode()


def test_a_non_asn_row_shows_the_level_of_the_sanction_imposed_under_their_rule(
    org, staff, instansi
):
    """A TKK decided before a decision kept the chosen type's level: the decision stored the
    finding's level ("sedang") beside a "pernyataan tidak puas", which the instansi's rule for
    contract staff grades ringan. The register shows the level of the sanction imposed under
    the person's rule, also for a type of the rule's own (reading C23)."""
    from tegak.cases.models import Accused, Allegation, Case
    from tegak.decisions.models import Decision

    case = Case.objects.create(
        instansi=instansi,
        register_number="KU-2024-0031",
        origin="ex_officio",
        opened_on=date(2024, 9, 2),
        known_to_superior_on=date(2024, 9, 2),
    )
    finding = {
        "regulation_id": "local:kota-sukamaju:non-asn-2024",
        "as_of": "2024-09-20",
        "level": "sedang",
    }
    accused = Accused.objects.create(case=case, employee=org.staff2, finding=finding)
    Allegation.objects.create(
        case=case,
        accused=accused,
        provision="local:kota-sukamaju:non-asn-2024:kepatutan",
        committed_on=date(2024, 8, 30),
        place="Kantor",
        impact="unit_kerja",
        description="Uji",
    )
    decision = Decision.objects.create(
        case=case,
        accused=accused,
        sanction_code="pernyataan_tidak_puas",
        level="sedang",
        regulation="Perwal Sukamaju 13/2024",
        decided_on=date(2024, 9, 20),
        authorised_official=staff.official,
    )
    register_refresh(accused_ids=[accused.pk])
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).level == "ringan"

    # A type of the rule's own is graded by the rule: "perjanjian kerja tidak diperpanjang"
    # is sedang in Perwal Sukamaju 13/2024 Pasal 7 huruf d, whatever the decision stored.
    decision.sanction_code, decision.level = "local:kontrak_tidak_diperpanjang", "ringan"
    decision.save(update_fields=["sanction_code", "level"])
    register_refresh(accused_ids=[accused.pk])
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).level == "sedang"
