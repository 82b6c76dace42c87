"""An office's own time limit is a fact of the clock, not of its basis text (readings C20, C36).

For non-ASN staff (and a PPPK unless the installation reads PP 49/2018 Pasal 52 ayat (3) as
referring to PP 94/2021) no law sets the procedure's periods: the clocks the case file keeps for
them are stored with `office_limit`. Such a limit reminds the handlers, but it is never counted as
a legal deadline kept or missed on the public register and its statistics, never flags a superior
under PP 94/2021 Pasal 28, never climbs the escalation chain, and the case page does not call it
the latest *lawful* day.
"""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tegak.audit.models import AuditEvent
from tegak.cases.models import Clock, Notification
from tegak.cases.reminders import clocks_sweep
from tegak.connectors.escalation import escalation_climb
from tegak.portal.models import RegisterEntry
from tegak.portal.selectors import deadline_states, statistics_counted
from tegak.portal.services import register_refresh, register_refresh_outdated
from tests.cases.conftest import moment
from tests.cases.test_flow import summon
from tests.cases.test_instansi_sanction_types import instansi, pppk  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _flags(accused) -> dict[str, bool]:
    return dict(Clock.objects.filter(accused=accused).values_list("name", "office_limit"))


def test_clocks_are_stored_as_office_limits_only_where_no_law_sets_them(
    open_case,
    org,
    pppk,  # noqa: F811
    staff,
    settings,
):
    tkk = open_case(org.staff2).accused.get()
    summon(staff, tkk)
    assert _flags(tkk) == {"superior_must_summon": True, "examination_latest": True}
    pns = open_case(org.staff).accused.get()
    summon(staff, pns)
    assert _flags(pns) == {"superior_must_summon": False, "examination_latest": False}
    assert set(_flags(open_case(pppk).accused.get()).values()) == {True}
    settings.CASES_PPPK_PNS_PROCEDURE = True  # PP 94/2021's periods by the reference (C20)
    assert set(_flags(open_case(pppk).accused.get()).values()) == {False}


def _register_row(accused) -> RegisterEntry:
    register_refresh(accused_ids=[accused.pk])
    return RegisterEntry.objects.get(accused_id_ref=accused.pk)


def test_the_register_and_statistics_count_no_office_limit_as_kept_or_overdue(
    open_case, org, staff
):
    # Summoned on 6 October (the superior's time kept), never examined: on 25 November the
    # examination's limit of 15 October has passed.
    tkk = open_case(org.staff2).accused.get()
    summon(staff, tkk)
    row = _register_row(tkk)
    assert (row.deadlines_kept, row.deadlines_late, row.open_due) == (0, 0, None)
    states = deadline_states(row, date(2026, 11, 25))
    assert [(clock["office"], clock["state"]) for clock in states] == [(True, ""), (True, "")]
    figures = statistics_counted({"instansi": tkk.case.instansi.code})["totals"]
    assert (figures["kept"], figures["late"], figures["overdue"]) == (0, 0, 0)
    # The same steps for a PNS are the law's deadlines: one kept, one passed.
    pns = open_case(org.staff).accused.get()
    summon(staff, pns)
    row = _register_row(pns)
    assert (row.deadlines_kept, row.open_due) == (1, date(2026, 10, 15))
    assert [clock["state"] for clock in deadline_states(row, date(2026, 11, 25))] == [
        "kept",
        "overdue",
    ]
    figures = statistics_counted({"instansi": pns.case.instansi.code})["totals"]
    assert (figures["kept"], figures["overdue"]) == (1, 1)


def test_the_register_page_lists_office_limits_apart_without_a_mark(client, open_case, org, staff):
    tkk = open_case(org.staff2).accused.get()
    summon(staff, tkk)
    _register_row(tkk)
    client.cookies["django_language"] = "id"
    body = client.get(reverse("portal:register")).content.decode()
    office = body[body.index('data-testid="office-targets"') :]
    office = office[: office.index("</ul>")]
    assert "Pemeriksaan paling lambat" in office
    assert 'data-mark=""' in office and "missed" not in office and "kept" not in office
    assert 'data-testid="legal-deadlines"' not in body


def test_register_rows_of_an_older_projection_are_written_again_on_upgrade(open_case, org, staff):
    tkk = open_case(org.staff2).accused.get()
    summon(staff, tkk)
    _register_row(tkk)
    # As the register stood before the flag: the office's limit counted as kept.
    RegisterEntry.objects.filter(accused_id_ref=tkk.pk).update(
        deadlines_kept=1, projection_version=0
    )
    assert register_refresh_outdated() == 1
    row = RegisterEntry.objects.get(accused_id_ref=tkk.pk)
    assert row.deadlines_kept == 0 and row.projection_version >= 1
    assert register_refresh_outdated() == 0


def test_a_passed_office_limit_tells_the_handlers_but_flags_no_superior_under_pasal_28(
    open_case, org, staff, time_machine
):
    time_machine.move_to(moment("2026-10-05 10:00"), tick=False)
    accused = open_case(org.staff2, known_on=date(2026, 10, 5)).accused.get()
    duty = Clock.objects.get(accused=accused, step="superior_duty")
    assert duty.office_limit and duty.due == date(2026, 10, 14)
    assert clocks_sweep(today=date(2026, 10, 15))["escalated"] == 1
    accused.refresh_from_db()
    assert accused.superior_duty_flagged_on is None
    assert accused.superior_duty_superior is None
    told = set(Notification.objects.filter(clock=duty).values_list("user", "kind"))
    assert told == {(staff.examiner.pk, "escalation")}
    last = AuditEvent.objects.order_by("-sequence").first()
    assert last.action == "case.office_limit_passed"
    # Weeks later nothing climbs to the authorised official or oversight.
    assert escalation_climb(today=date(2026, 12, 30)) == 0


def test_the_case_page_calls_a_non_asn_latest_day_the_offices_limit(
    open_case, org, staff, verified_client
):
    tkk_case = open_case(org.staff2)
    summon(staff, tkk_case.accused.get())
    with translation.override("id"):
        html = verified_client(staff.examiner).get(reverse("cases:detail", args=[tkk_case.pk]))
    body = html.content.decode()
    assert "Hari terakhir yang sah" not in body
    latest = body.split('data-testid="latest-examination-day">')[1].split("</td>")[0]
    assert "15 Oktober 2026" in latest and "batas waktu kantor, bukan ketentuan hukum" in latest
    assert body.count('data-testid="office-limit"') == 2
    pns_case = open_case(org.staff)
    summon(staff, pns_case.accused.get())
    with translation.override("id"):
        body = (
            verified_client(staff.examiner)
            .get(reverse("cases:detail", args=[pns_case.pk]))
            .content.decode()
        )
    latest = body.split('data-testid="latest-examination-day">')[1].split("</td>")[0]
    assert "menurut ketentuan hukum" in latest and 'data-testid="office-limit"' not in body


def test_the_api_says_which_clock_is_an_office_limit(open_case, org, staff, verified_client):
    case = open_case(org.staff2)
    body = verified_client(staff.examiner).get(f"/api/v1/cases/{case.pk}").json()
    assert [(clock["name"], clock["office_limit"]) for clock in body["clocks"]] == [
        ("superior_must_summon", True)
    ]


MIGRATION = importlib.import_module("tegak.cases.migrations.0012_clock_office_limit")
NO_PERIOD = (
    "the instansi's rule as recorded sets no period: a time limit of the office, not of the law"
)


@pytest.mark.parametrize(
    ("status", "basis", "by_reference", "office"),
    [
        pytest.param("PNS", "PP 94/2021 Pasal 26 ayat (2): …", False, False, id="pns-law"),
        pytest.param("NON_ASN", f"Perwal Sukamaju 13/2024 · {NO_PERIOD}", False, True, id="tkk"),
        pytest.param("NON_ASN", "PP 94/2021 Pasal 26 ayat (2): …", False, True, id="tkk-old"),
        pytest.param("NON_ASN", "UU 25/2009 Pasal 50 ayat (2): …", False, False, id="uu-25"),
        pytest.param("PPPK", "PP 79/2021 Pasal 4 ayat (2): …", False, False, id="pppk-pp79-J4"),
        pytest.param(
            "PPPK", f"PP 49/2018 Pasal 52 ayat (3) jo. Perwal 12/2024 · {NO_PERIOD}", False, True
        ),
        pytest.param("PPPK", "PP 94/2021 Pasal 26 ayat (2): …", True, False, id="pppk-ref"),
        pytest.param("PPPK", "PP 94/2021 Pasal 26 ayat (2): …", False, True, id="pppk-old"),
    ],
)
def test_the_data_migration_marks_stored_clocks_from_their_basis(
    status, basis, by_reference, office
):
    assert MIGRATION.office_limit(status, basis, by_reference) is office


def test_the_dashboard_says_which_deadline_about_to_pass_is_the_offices_own(
    open_case, org, staff, verified_client
):
    """h2's finding: the dashboard listed a TKK's office limits beside legal deadlines."""
    open_case(org.staff2)
    client = verified_client(staff.examiner)
    client.cookies["django_language"] = "id"
    body = client.get(reverse("dashboard:home")).content.decode()
    section = body.split('id="deadlines-heading"', 1)[1].split("</section>", 1)[0]
    assert 'data-testid="office-limit"' in section
    assert "batas waktu kantor, bukan ketentuan hukum" in section
    Clock.objects.update(office_limit=False)
    body = client.get(reverse("dashboard:home")).content.decode()
    section = body.split('id="deadlines-heading"', 1)[1].split("</section>", 1)[0]
    assert 'data-testid="office-limit"' not in section
