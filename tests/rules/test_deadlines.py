"""`deadlines`: legal clocks in working days, each row with its article."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tegak.rules as rules
from tegak.rules import RulesConfig, RulesInputError

ROWS = [
    # (id, step, on, name, due, article)
    (
        "summons-7-wd",
        "summons_issued",
        "2025-11-04",
        "examination_latest",
        "2025-11-13",
        "PP 94/2021 Pasal 26 ayat (2)",
    ),
    (
        "second-summons",
        "summons_missed",
        "2025-11-13",
        "second_summons_latest",
        "2025-11-24",
        "PP 94/2021 Pasal 26 ayat (3)",
    ),
    (
        "delivery-14-wd",
        "decision_set",
        "2025-12-01",
        "delivery_latest",
        "2025-12-19",
        "PP 94/2021 Pasal 37 ayat (3)",
    ),
    # 2025-12-25 Natal, 12-26 cuti bersama, 2026-01-01 Tahun Baru are skipped.
    (
        "objection-14-wd-over-christmas",
        "decision_received",
        "2025-12-19",
        "objection_due",
        "2026-01-13",
        "PP 79/2021 Pasal 4 ayat (2)",
    ),
    (
        "appeal-14-wd",
        "decision_received",
        "2025-12-19",
        "appeal_due",
        "2026-01-13",
        "PP 79/2021 Pasal 11 ayat (3)",
    ),
    (
        "effect-day-15",
        "decision_received",
        "2025-12-19",
        "takes_effect",
        "2026-01-03",
        "PP 94/2021 Pasal 38 ayat (1)",
    ),
    (
        "objection-decision-21-wd",
        "objection_received",
        "2025-11-03",
        "objection_decision_due",
        "2025-12-02",
        "PP 79/2021 Pasal 5 ayat (1)",
    ),
    (
        "official-reply-6-wd",
        "objection_received",
        "2025-11-03",
        "official_reply_due",
        "2025-11-11",
        "PP 79/2021 Pasal 8 ayat (3)",
    ),
    (
        "ppk-reply-21-wd",
        "appeal_received",
        "2025-11-03",
        "ppk_reply_due",
        "2025-12-02",
        "PP 79/2021 Pasal 13 ayat (1)",
    ),
    (
        "bpasn-65-wd",
        "appeal_received",
        "2025-11-03",
        "bpasn_decision_due",
        "2026-02-06",
        "PP 79/2021 Pasal 13 ayat (4)",
    ),
]


@pytest.mark.parametrize(
    ("step", "on", "name", "due", "article"), [pytest.param(*row[1:], id=row[0]) for row in ROWS]
)
def test_deadlines(step, on, name, due, article):
    answer = rules.deadlines({"step": step, "on": on, "calendar": "national"})
    found = {item["name"]: item for item in answer["deadlines"]}
    assert found[name]["due"] == due
    assert article in found[name]["basis"]


def test_contract_example_and_shape():
    answer = rules.deadlines({"step": "summons_issued", "on": "2025-11-04", "calendar": "national"})
    assert set(answer["deadlines"][0]) >= {"name", "due", "basis"}


def test_inclusive_counting_counts_the_start_day():
    exclusive = rules.deadlines({"step": "summons_issued", "on": "2025-11-04"})
    inclusive = rules.deadlines(
        {"step": "summons_issued", "on": "2025-11-04", "counting": "inclusive"}
    )
    assert exclusive["deadlines"][0]["due"] == "2025-11-13"
    assert inclusive["deadlines"][0]["due"] == "2025-11-12"
    by_config = rules.deadlines(
        {"step": "summons_issued", "on": "2025-11-04"}, config=RulesConfig(counting="inclusive")
    )
    assert by_config["deadlines"][0]["due"] == "2025-11-12"


def test_regional_days_of_the_calendar_are_skipped():
    national = rules.deadlines({"step": "decision_set", "on": "2025-07-10", "calendar": "national"})
    local = rules.deadlines(
        {"step": "decision_set", "on": "2025-07-10", "calendar": "kota-sukamaju"}
    )
    assert date.fromisoformat(local["deadlines"][0]["due"]) > date.fromisoformat(
        national["deadlines"][0]["due"]
    )


def test_summons_reading_at_least_is_a_setting():
    answer = rules.deadlines(
        {"step": "summons_issued", "on": "2025-11-04"},
        config=RulesConfig(summons_reading="at_least"),
    )
    assert answer["deadlines"][0]["name"] == "examination_earliest"


def test_effect_day_in_working_days_is_a_setting():
    answer = rules.deadlines(
        {"step": "decision_received", "on": "2025-12-19"},
        config=RulesConfig(effect_counting="working_days"),
    )
    effect = next(item for item in answer["deadlines"] if item["name"] == "takes_effect")
    assert effect["unit"] == "working_days"
    assert rules.is_working_day(date.fromisoformat(effect["due"]))


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"step": "lunch", "on": "2025-11-04"}, "step", id="unknown-step"),
        pytest.param({"step": "summons_issued", "on": "2025-13-04"}, "on", id="impossible-date"),
        pytest.param(
            {"step": "summons_issued", "on": "2025-11-04", "calendar": "mars"},
            "calendar",
            id="unknown-calendar",
        ),
        pytest.param(
            {"step": "summons_issued", "on": "2025-11-04", "counting": "both"},
            "counting",
            id="unknown-counting",
        ),
    ],
)
def test_bad_input(payload, field):
    with pytest.raises(RulesInputError) as caught:
        rules.deadlines(payload)
    assert caught.value.field == field


@settings(max_examples=150, deadline=None)
@given(
    step=st.sampled_from(rules.STEPS),
    on=st.dates(min_value=date(2021, 9, 1), max_value=date(2027, 12, 31)),
    counting=st.sampled_from(["exclusive", "inclusive"]),
    calendar=st.sampled_from(["national", "kota-sukamaju"]),
    regulation=st.sampled_from(["pp-94-2021", "pp-53-2010"]),
)
def test_every_working_day_deadline_falls_on_a_working_day(
    step, on, counting, calendar, regulation
):
    answer = rules.deadlines(
        {
            "step": step,
            "on": on.isoformat(),
            "counting": counting,
            "calendar": calendar,
            "regulation": regulation,
        }
    )
    for item in answer["deadlines"]:
        due = date.fromisoformat(item["due"])
        assert due > on or (counting == "inclusive" and due >= on)
        if item["unit"] == "working_days":
            assert rules.is_working_day(due, calendar), item


PP53_ROWS = [
    (
        "pp53-summons-at-least-7-wd",
        "summons_issued",
        "2021-06-01",
        "examination_earliest",
        "2021-06-10",
        "PP 53/2010 Pasal 23 ayat (2)",
    ),
    (
        "pp53-second-summons",
        "summons_missed",
        "2021-06-10",
        "second_summons_latest",
        "2021-06-21",
        "PP 53/2010 Pasal 23 ayat (3)",
    ),
    (
        "pp53-delivery",
        "decision_set",
        "2021-06-01",
        "delivery_latest",
        "2021-06-21",
        "PP 53/2010 Pasal 31 ayat (3)",
    ),
    (
        "pp53-objection-14-days",
        "decision_received",
        "2021-06-01",
        "objection_due",
        "2021-06-15",
        "PP 53/2010 Pasal 35 ayat (2)",
    ),
    (
        "pp53-effect-day-15",
        "decision_received",
        "2021-06-01",
        "takes_effect",
        "2021-06-16",
        "PP 53/2010 Pasal 44 ayat (1)",
    ),
    (
        "pp53-objection-decision",
        "objection_received",
        "2021-06-01",
        "objection_decision_due",
        "2021-06-30",
        "PP 53/2010 Pasal 36 ayat (3)",
    ),
]


@pytest.mark.parametrize(
    ("step", "on", "name", "due", "article"),
    [pytest.param(*row[1:], id=row[0]) for row in PP53_ROWS],
)
def test_pp_53_clocks_for_files_it_still_governs_pasal_40_ayat_2(step, on, name, due, article):
    answer = rules.deadlines({"step": step, "on": on, "regulation": "pp-53-2010"})
    found = {item["name"]: item for item in answer["deadlines"]}
    assert found[name]["due"] == due
    assert article in found[name]["basis"]


def test_an_objection_to_an_officials_decision_cites_the_route_to_the_officials_superior():
    """PP 79/2021 Pasal 4 is the route of an objection to the PPK's decision; one to a decision
    of an official below the PPK goes to the official's superior (Pasal 3 ayat (1) huruf b, ayat
    (3)), its period in Pasal 7 (missing from the stored text, read as Pasal 4 ayat (2)'s 14
    working days). The karaoke decision of 10 October 2022 was the Sekretaris DPRD's."""

    def objection(**extra):
        answer = rules.deadlines({"step": "decision_received", "on": "2022-10-18", **extra})
        (item,) = [d for d in answer["deadlines"] if d["name"] == "objection_due"]
        return item

    by_official = objection(official="other")
    assert by_official["basis"].startswith("PP 79/2021 Pasal 3 ayat (1) huruf b and ayat (3)")
    assert "Pasal 7" in by_official["basis"] and "Pasal 7" in by_official["basis_id"]
    assert "atasan Pejabat" in by_official["basis_id"]
    for extra in ({}, {"official": "ppk"}):
        by_ppk = objection(**extra)
        assert by_ppk["basis"].startswith("PP 79/2021 Pasal 4 ayat (2)")
        assert by_ppk["due"] == by_official["due"]  # the same 14 working days
