"""Properties of the engine that must hold for every input (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import tegak.rules as rules
from tegak.rules import SANCTIONS, RulesConfig

POSITIONS = ["pelaksana", "pengawas", "administrator", "fungsional_ahli_muda", "jpt_pratama"]


def attendance_request(
    unexcused: int, consecutive: int, position: str, status: str = "PNS"
) -> dict:
    return {
        "as_of": "2025-11-25",
        "employee": {
            "status": status,
            "position": position,
            "instansi_level": "kabupaten_kota",
            "instansi": "kota-sukamaju",
        },
        "offences": [
            {
                "provision": "pp-94-2021:4:f",
                "committed_on": "2025-06-02",
                "absence": {
                    "year": 2025,
                    "unexcused_days": unexcused,
                    "longest_consecutive_days": consecutive,
                },
            }
        ],
    }


def severity(answer: dict) -> int:
    code = answer["sanction"]
    if code is None:
        return 0
    if code in SANCTIONS:
        return SANCTIONS[code].rank
    rule = rules.instansi_rule(answer["regulation_id"])
    local = rule.sanction(code)
    assert local is not None
    return local.rank


@settings(max_examples=200, deadline=None)
@given(
    days=st.integers(min_value=0, max_value=60),
    more=st.integers(min_value=1, max_value=30),
    position=st.sampled_from(POSITIONS),
    status=st.sampled_from(["PNS", "CPNS", "PPPK", "NON_ASN"]),
    dismissal=st.sampled_from(["pdh_taps", "ptdh"]),
)
def test_more_absent_days_never_give_a_lighter_sanction(days, more, position, status, dismissal):
    config = RulesConfig(berat_dismissal=dismissal)
    fewer = rules.assess(attendance_request(days, 0, position, status), config=config)
    higher = rules.assess(attendance_request(days + more, 0, position, status), config=config)
    assert severity(higher) >= severity(fewer)


@settings(max_examples=100, deadline=None)
@given(days=st.integers(min_value=0, max_value=40), run=st.integers(min_value=0, max_value=40))
def test_a_longer_run_never_gives_a_lighter_sanction(days, run):
    total = max(days, run)
    shorter = rules.assess(attendance_request(total, min(run, total), "pelaksana"))
    longer = rules.assess(attendance_request(total + 1, min(run, total) + 1, "pelaksana"))
    assert severity(longer) >= severity(shorter)


PROVISION_IDS = [
    item.id for item in rules.provisions("pp-94-2021") if item.rule.kind != "attendance"
]


@settings(max_examples=150, deadline=None)
@given(
    provision=st.sampled_from(PROVISION_IDS),
    impact=st.sampled_from([None, "unit_kerja", "instansi", "negara"]),
    as_of=st.dates(min_value=date(2021, 9, 1), max_value=date(2026, 11, 1)),
    later=st.integers(min_value=1, max_value=2000),
    position=st.sampled_from(POSITIONS),
)
def test_a_past_answer_never_changes_when_later_rules_are_added(
    provision, impact, as_of, later, position
):
    """A rule in force only after `as_of` (the PP on Gaji dan Tunjangan, a later instansi rule)
    cannot change what the engine said on `as_of`."""
    payload = {
        "as_of": as_of.isoformat(),
        "employee": {"status": "PNS", "position": position, "instansi_level": "kabupaten_kota"},
        "offences": [{"provision": provision, "committed_on": as_of.isoformat(), "impact": impact}],
    }
    today = rules.assess(payload)
    with_later_rule = rules.assess(
        payload, config=RulesConfig(sedang_tukin_from=as_of + timedelta(days=later))
    )
    assert with_later_rule == today
    pppk = {
        **payload,
        "employee": {**payload["employee"], "status": "PPPK", "instansi": "kota-sukamaju"},
    }
    if as_of < date(2024, 1, 1):
        # The demo agency's PPPK rule (in force 2024-01-01) did not exist yet: no instansi rule.
        assert rules.assess(pppk)["regulation"] is None


@settings(max_examples=100, deadline=None)
@given(
    days=st.integers(min_value=0, max_value=60),
    more=st.integers(min_value=1, max_value=30),
    as_of=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 11, 1)),
    tukin_from=st.one_of(
        st.none(), st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 1, 1))
    ),
)
def test_more_absent_days_never_lighter_under_either_regulation(days, more, as_of, tukin_from):
    """Before 31 Aug 2021 PP 53/2010 thresholds apply, after it PP 94/2021's; both escalate."""
    config = RulesConfig(sedang_tukin_from=tukin_from)

    def ask(count: int) -> dict:
        payload = attendance_request(count, 0, "pelaksana")
        payload["as_of"] = as_of.isoformat()
        payload["offences"][0]["committed_on"] = as_of.isoformat()
        payload["offences"][0]["absence"]["year"] = as_of.year
        return rules.assess(payload, config=config)

    fewer, higher = ask(days), ask(days + more)
    assert fewer["regulation"] == higher["regulation"]
    assert severity(higher) >= severity(fewer)
