"""Any JSON in: an answer or a RulesInputError naming a field — never another exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import tegak.rules as rules
from tegak.rules import RulesInputError

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2025-02-29",
            "2024-02-29",
            "2025-11-25",
            "9999-12-31",
            "0001-01-01",
            "pp-94-2021:4:f",
            "pp-94-2021:5:n",
            "pp-53-2010:3:11",
            "PNS",
            "PPPK",
            "NON_ASN",
            "pelaksana",
            "jpt_madya",
            "kabupaten_kota",
            "pusat",
            "instansi",
            "negara",
            "kota-sukamaju",
            "local:kota-sukamaju:pppk-2024",
            "2022-08-26T15:00:00+07:00",
            "2022-08-26T15:00:00",
            "kota-bekasi-2017",
            "summons_issued",
            "decision_received",
            "inclusive",
            "WIT",
        ]
    ),
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
ASSESS = st.fixed_dictionaries(
    {},
    optional={
        "as_of": SCALARS,
        "employee": st.one_of(
            JSON,
            st.fixed_dictionaries(
                {},
                optional={
                    "status": SCALARS,
                    "position": SCALARS,
                    "instansi_level": SCALARS,
                    "instansi": SCALARS,
                    "chain": JSON,
                    "is_ppk": SCALARS,
                },
            ),
        ),
        "offences": st.one_of(
            JSON,
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "provision": SCALARS,
                        "committed_on": SCALARS,
                        "examined_on": SCALARS,
                        "impact": SCALARS,
                        "absence": st.one_of(
                            JSON,
                            st.fixed_dictionaries(
                                {},
                                optional={
                                    "year": SCALARS,
                                    "unexcused_days": SCALARS,
                                    "late_minutes": SCALARS,
                                    "longest_consecutive_days": SCALARS,
                                },
                            ),
                        ),
                    },
                ),
                max_size=3,
            ),
        ),
        "prior_sanctions": JSON,
        "instansi_rule": JSON,
    },
)


def answers_or_names_a_field(function, payload) -> None:
    try:
        answer = function(payload)
    except RulesInputError as error:
        assert isinstance(error.field, str) and error.field
        assert isinstance(error.message, str) and error.message
        assert error.message_id
    else:
        assert isinstance(answer, dict)


@settings(max_examples=400, deadline=None)
@given(payload=ASSESS)
def test_assess_never_crashes(payload):
    answers_or_names_a_field(rules.assess, payload)


@settings(max_examples=200, deadline=None)
@given(
    payload=st.fixed_dictionaries(
        {}, optional={"at": SCALARS, "schedule": st.one_of(SCALARS, JSON), "timezone": SCALARS}
    )
)
def test_working_time_never_crashes(payload):
    answers_or_names_a_field(rules.working_time, payload)


@settings(max_examples=200, deadline=None)
@given(
    payload=st.fixed_dictionaries(
        {}, optional={"step": SCALARS, "on": SCALARS, "calendar": SCALARS, "counting": SCALARS}
    )
)
def test_deadlines_never_crash(payload):
    answers_or_names_a_field(rules.deadlines, payload)


VALID = {
    "as_of": "2025-11-25",
    "employee": {
        "status": "PPPK",
        "position": "pelaksana",
        "instansi_level": "kabupaten_kota",
        "instansi": "kota-sukamaju",
        "chain": ["pengawas", "administrator"],
    },
    "offences": [
        {
            "provision": "pp-94-2021:4:f",
            "committed_on": "2024-12-31",
            "examined_on": "2025-01-10",
            "impact": "instansi",
            "absence": {
                "year": 2024,
                "unexcused_days": 12,
                "late_minutes": 30,
                "longest_consecutive_days": 2,
            },
        },
        {"provision": "pp-94-2021:5:j", "committed_on": "2021-05-01", "impact": "unit_kerja"},
    ],
    "prior_sanctions": [
        {"sanction": "teguran_tertulis", "provision": "pp-94-2021:5:j", "decided_on": "2022-03-01"}
    ],
}
LEAVES = [
    ("as_of",),
    ("employee", "status"),
    ("employee", "position"),
    ("employee", "instansi_level"),
    ("employee", "instansi"),
    ("employee", "chain"),
    ("offences", 0, "provision"),
    ("offences", 0, "committed_on"),
    ("offences", 0, "examined_on"),
    ("offences", 0, "impact"),
    ("offences", 0, "absence", "unexcused_days"),
    ("offences", 0, "absence", "year"),
    ("offences", 0, "absence", "longest_consecutive_days"),
    ("offences", 1, "provision"),
    ("offences", 1, "impact"),
    ("prior_sanctions", 0, "sanction"),
    ("prior_sanctions", 0, "decided_on"),
    ("prior_sanctions", 0, "provision"),
    ("offences", 0, "absence"),
    ("prior_sanctions",),
]


@settings(max_examples=300, deadline=None)
@given(
    changes=st.lists(st.tuples(st.sampled_from(LEAVES), JSON), min_size=1, max_size=3),
    status=st.sampled_from(["PNS", "CPNS", "PPPK", "NON_ASN", "PPPK_PARUH_WAKTU"]),
)
def test_assess_survives_any_mutation_of_a_valid_request(changes, status):
    import copy

    payload = copy.deepcopy(VALID)
    payload["employee"]["status"] = status
    for path, value in changes:
        target = payload
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    answers_or_names_a_field(rules.assess, payload)
