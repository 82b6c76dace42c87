"""#15 done-when (without the browser): the Bekasi pack loaded into the demo instansi answers
Friday 26 August 2022 15:00 WIB as inside working hours under Perwal Kota Bekasi 06/2017, and a
contract employee (TKK) of the demo gets the reported consequences of Perwal 42/2017 through the
one door: 3 days or 4 missed roll calls an oral reprimand (a written statement of dissatisfaction
also allowed), 12 days or 16 missed roll calls the contract ended."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tegak.law import inputs, stored
from tegak.law.services import pack_import
from tegak.rules.packs import shipped_pack_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_with_bekasi(db):
    from tegak.accounts import demo as accounts_demo
    from tegak.accounts.models import User
    from tegak.people import demo as people_demo
    from tegak.people.models import Employee, Instansi

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    instansi = Instansi.objects.get(code="kota-sukamaju")
    pack_import(
        actor=User.objects.get(username="administrator"),
        instansi=instansi,
        text=shipped_pack_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    today = date.today()
    tkk = next(
        employee
        for employee in Employee.objects.filter(instansi=instansi, status="NON_ASN")
        if inputs.REGISTRY.post_kind(employee, today) is not None
    )
    return instansi, tkk, today


def finding(tkk, day: date, *, days: int = 0, roll_calls: int | None = None) -> dict:
    door = inputs.assessment_input(
        tkk,
        as_of=day,
        on=day,
        offences=[
            inputs.Offence(
                provision=inputs.ATTENDANCE_PROVISION,
                committed_on=day,
                absence=inputs.AttendanceCounts(
                    year=day.year, unexcused_days=days, missed_roll_calls=roll_calls
                ),
            )
        ],
    )
    return inputs.assess_input(door)


def test_friday_afternoon_in_2022_is_inside_working_hours(demo_with_bekasi):
    instansi, _tkk, _today = demo_with_bekasi
    answer = stored.working_time_for(
        instansi, {"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-5-hari"}
    )
    assert answer["within_working_hours"] is True
    assert any("Perwal Kota Bekasi 06/2017" in line for line in answer["basis"])


def test_a_tkk_gets_the_reported_consequences(demo_with_bekasi):
    _instansi, tkk, today = demo_with_bekasi
    light = finding(tkk, today, days=3)
    assert light["sanction"] == "teguran_lisan"
    assert "pernyataan_tidak_puas" in light["allowed_sanctions"]
    assert "Perwal Kota Bekasi 42/2017" in light["regulation"]
    assert finding(tkk, today, roll_calls=4)["sanction"] == "teguran_lisan"
    assert finding(tkk, today, roll_calls=3)["sanction"] is None
    ended = "local:kota-sukamaju:pemutusan_kontrak_sepihak"
    assert finding(tkk, today, days=12)["sanction"] in {ended, "local:pemutusan_kontrak_sepihak"}
    assert (
        finding(tkk, today, roll_calls=16)["sanction"] == finding(tkk, today, days=12)["sanction"]
    )


@pytest.fixture
def demo_agency(db):
    """The demo registry and accounts, as `tegak demo` loads them, without the pack."""
    from tegak.accounts import demo as accounts_demo
    from tegak.people import demo as people_demo

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())


@pytest.mark.parametrize(
    ("days", "roll_calls", "level", "sanction"),
    [
        pytest.param("12", "0", "berat", "pemutusan_kontrak_sepihak", id="12-days-contract-ended"),
        pytest.param("0", "16", "berat", "pemutusan_kontrak_sepihak", id="16-roll-calls-ended"),
        pytest.param("3", "0", "ringan", "teguran_lisan", id="3-days-oral-reprimand"),
        pytest.param("0", "4", "ringan", "teguran_lisan", id="4-roll-calls-oral-reprimand"),
        pytest.param("2", "3", None, None, id="below-both-thresholds"),
    ],
)
def test_the_demo_administrator_loads_the_pack_and_the_pages_answer(
    demo_agency, verified_client, days, roll_calls, level, sanction
):
    """Through the pages, as the demo's administrator: the shipped pack loaded on the pack
    page, Friday 26 August 2022 15:00 checked on the hours page, a TKK's counts tried on the
    rules page."""
    from django.urls import reverse

    from tegak.accounts.models import User

    client = verified_client(User.objects.get(username="administrator"))
    loaded = client.post(
        reverse("administration:packs", args=["kota-sukamaju"]),
        {"action": "shipped", "name": "kota-bekasi.json", "default_schedule": "kota-bekasi-5-hari"},
    )
    assert loaded.status_code == 302
    moment = client.post(
        reverse("administration:schedules", args=["kota-sukamaju"]),
        {"action": "moment", "schedule": "kota-bekasi-5-hari", "at": "2022-08-26T15:00"},
    )
    assert moment.context["answer"]["within_working_hours"] is True
    assert "Perwal Kota Bekasi 06/2017" in moment.content.decode()
    tried = client.post(
        reverse("administration:rules", args=["kota-sukamaju"]),
        {
            "action": "try",
            "status": "NON_ASN",
            "committed_on": "2022-11-30",
            "unexcused_days": days,
            "missed_roll_calls": roll_calls,
            "late_minutes": "0",
        },
    )
    answer = tried.context["answer"]
    assert "Perwal Kota Bekasi 42/2017" in answer["regulation"]
    assert answer["level"] == level
    assert (answer["sanction"] or "").rpartition(":")[2] == (sanction or ""), answer["sanction"]
