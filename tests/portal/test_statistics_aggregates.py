"""The statistics' aggregates follow the case file: after every kind of step (run through the
worker, as in production) they equal a recount of the register, and the statistics read from them
equal the statistics counted from the register itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tegak.jobs.runner import drain
from tegak.portal import aggregates
from tegak.portal.models import RegisterEntry, StatisticsDay
from tegak.portal.selectors import (
    statistics,
    statistics_counted,
    statistics_from_aggregates,
)
from tegak.portal.services import register_refresh

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def same_statistics(filters: dict) -> None:
    """The aggregates' statistics equal the register's own count (ties may order differently)."""
    ours = statistics_from_aggregates(filters, TODAY)
    counted = statistics_counted(filters, TODAY)
    for key in ("cases", "decided", "final", "kept", "late", "overdue"):
        assert ours["totals"][key] == counted["totals"][key], (filters, key)
    assert ours["totals"]["average_days"] == pytest.approx(counted["totals"]["average_days"])
    assert ours["per_level"] == counted["per_level"], filters
    assert sorted(ours["per_unit"], key=str) == sorted(counted["per_unit"], key=str)
    assert sorted(ours["per_provision"], key=str) == sorted(counted["per_provision"], key=str)
    assert [(m["month"], m["count"]) for m in ours["per_month"]] == [
        (m["month"], m["count"]) for m in counted["per_month"]
    ]
    for mine, theirs in zip(ours["per_month"], counted["per_month"], strict=True):
        assert mine["average_days"] == pytest.approx(theirs["average_days"])


def check(filters_seen: list[dict]) -> None:
    drain()  # the worker runs the register refresh the step enqueued
    assert aggregates.stored() == aggregates.recount()
    for filters in filters_seen:
        same_statistics(filters)


FILTERS = [
    {},
    {"year": 2026},
    {"year": 2025},
    {"status": "final"},
    {"status": "open"},
    {"level": ""},
    {"level": "ringan"},
    {"instansi": "uji"},
]


def test_after_each_kind_of_step_the_aggregates_equal_a_recount(
    open_case, staff, instansi, django_capture_on_commit_callbacks
):
    filters = [*FILTERS, {"instansi": instansi.code}]

    def step(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = function(**kwargs)
        check(filters)
        return result

    with django_capture_on_commit_callbacks(execute=True):
        case = open_case()
        other = open_case(provision="pp-94-2021:5:a")
    check(filters)
    assert StatisticsDay.objects.filter(cases__gt=0).exists()
    assert statistics({}, TODAY)["totals"]["cases"] == 2
    accused = case.accused.get()
    step(
        hearings.summons_issue,
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    step(
        hearings.examination_hold,
        actor=staff.examiner,
        accused=accused,
        held_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    step(
        hearings.question_record,
        actor=staff.examiner,
        accused=accused,
        question="Di mana Saudara pada pukul 15.00?",
        answer="Di tempat karaoke.",
    )
    step(
        hearings.bap_record,
        actor=staff.examiner,
        accused=accused,
        completed_on=date(2026, 10, 13),
        signed_by_accused=True,
    )
    step(
        hearings.findings_report,
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2026, 10, 14),
        conclusion="Terbukti meninggalkan tugas pada jam kerja.",
    )
    accused.refresh_from_db()
    decision = step(
        decisions.decision_take,
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    step(
        decisions.decision_deliver,
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    step(decisions.accused_finalise, actor=staff.official, accused=accused)
    entry = RegisterEntry.objects.get(accused_id_ref=accused.pk)
    assert entry.status == "final" and entry.decided_on == date(2026, 10, 16)
    stats = statistics({}, TODAY)
    assert stats["totals"]["cases"] == 2
    assert stats["totals"]["decided"] == 1 and stats["totals"]["final"] == 1
    assert stats["totals"]["average_days"] == entry.days_to_decision
    assert statistics({"status": "final"}, TODAY)["totals"]["cases"] == 1
    # The other case was never touched after opening: still open, still counted once.
    assert RegisterEntry.objects.get(case_id_ref=other.pk).status == "open"


def test_a_refresh_run_twice_or_late_counts_each_entry_once(open_case):
    case = open_case()
    accused = case.accused.get()
    register_refresh(accused_ids=[accused.pk])
    register_refresh(accused_ids=[accused.pk])
    register_refresh(accused_ids=[accused.pk, 424242])  # an id with no accused: nothing
    assert aggregates.stored() == aggregates.recount()
    assert statistics({}, TODAY)["totals"]["cases"] == 1


def test_an_entry_whose_accused_is_gone_is_subtracted(open_case, make_entry):
    open_case()
    make_entry(accused_id_ref=987654, register_number="HILANG/1", level="berat")
    register_refresh()
    assert statistics({}, TODAY)["totals"]["cases"] == 1
    make_entry(accused_id_ref=987655, register_number="HILANG/2", status="final")
    assert statistics({}, TODAY)["totals"]["cases"] == 2
    register_refresh(accused_ids=[987655])
    assert aggregates.stored() == aggregates.recount()
    assert statistics({}, TODAY)["totals"]["cases"] == 1
    assert statistics({"status": "final"}, TODAY)["totals"]["cases"] == 0


def test_the_rebuild_command_recounts_aggregates_that_went_wrong(open_case, capsys):
    open_case()
    register_refresh()
    StatisticsDay.objects.update(cases=99)
    assert aggregates.stored() != aggregates.recount()
    call_command("portal_refresh", "--statistics")
    assert '"day": 1' in capsys.readouterr().out
    assert aggregates.stored() == aggregates.recount()
    assert statistics({}, TODAY)["totals"]["cases"] == 1


def test_filters_the_aggregates_do_not_answer_are_counted_from_the_register(open_case):
    open_case()
    open_case(provision="pp-94-2021:5:a")
    register_refresh()
    assert statistics({"provision": "pp-94-2021:5:a"}, TODAY)["totals"]["cases"] == 1
    assert statistics({"q": "zzz"}, TODAY)["totals"]["cases"] == 0
