"""`/api/v1/rules/...`: the CONTRACTS.md examples over HTTP, batch mode, 422 for bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from tests.rules.test_cli import ASSESS_EXAMPLE, DEADLINES_EXAMPLE, WORKING_TIME_EXAMPLE


def post(client: Client, path: str, body: object | str):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/v1/rules/{path}", data=data, content_type="application/json")


@pytest.fixture
def client() -> Client:
    return Client()


def test_assess_contract_example(client, db):
    response = post(client, "assess", ASSESS_EXAMPLE)
    assert response.status_code == 200
    answer = response.json()
    assert (answer["level"], answer["sanction"]) == ("sedang", "penundaan_kgb_1_tahun")
    assert answer["authority"]["role"] == "atasan_dari_atasan_langsung"


def test_working_time_contract_example(client, db):
    answer = post(client, "working-time", WORKING_TIME_EXAMPLE).json()
    assert answer["within_working_hours"] is True
    assert answer["minutes_to_end"] == 60


def test_deadlines_contract_example(client, db):
    answer = post(client, "deadlines", DEADLINES_EXAMPLE).json()
    assert answer["deadlines"][0]["due"] == "2025-11-13"


def test_batch_array_in_array_out(client, db):
    response = post(
        client, "deadlines", [DEADLINES_EXAMPLE, {**DEADLINES_EXAMPLE, "step": "decision_set"}]
    )
    assert response.status_code == 200
    assert [item["deadlines"][0]["name"] for item in response.json()] == [
        "examination_latest",
        "delivery_latest",
    ]


@override_settings(
    RULES_SEDANG_TUKIN_FROM=__import__("datetime").date(2025, 1, 1), RULES_COUNTING="inclusive"
)
def test_settings_change_the_readings(client, db):
    assert post(client, "assess", ASSESS_EXAMPLE).json()["sanction"] == "potong_tukin_25_6_bulan"
    assert (
        post(client, "deadlines", DEADLINES_EXAMPLE).json()["deadlines"][0]["due"] == "2025-11-12"
    )


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        pytest.param("assess", "{oops", "$", id="invalid-json"),
        pytest.param(
            "assess",
            {**ASSESS_EXAMPLE, "employee": {**ASSESS_EXAMPLE["employee"], "position": "raja"}},
            "employee.position",
            id="unknown-position",
        ),
        pytest.param(
            "deadlines",
            [DEADLINES_EXAMPLE, {"step": "summons_issued", "on": "2025-04-31"}],
            "[1].on",
            id="batch-impossible-date",
        ),
        pytest.param("working-time", {"at": "kemarin"}, "at", id="not-a-time"),
        pytest.param("assess", "null", "$", id="null-body"),
    ],
)
def test_bad_input_is_422_with_the_field(client, db, path, body, field):
    response = post(client, path, body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field
    assert response.json()["error"]["message"]


def test_public_without_login(client, db):
    """The engine computes public law: no session needed, no redirect to the login page."""
    response = post(client, "deadlines", DEADLINES_EXAMPLE)
    assert response.status_code == 200


def test_openapi_lists_the_rules_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/rules/assess", "/api/v1/rules/working-time", "/api/v1/rules/deadlines"):
        assert "post" in schema["paths"][path]


def test_cli_api_and_python_give_the_same_answers_to_the_edge_rows(client, db, monkeypatch):
    # One configuration (docs/rules.md): the API reads the same readings as the command line.
    import io

    import tegak.rules as rules
    from tegak.rules.cli import main
    from tests.rules.test_edges import ROWS

    for name in ("TEGAK_SEDANG_TUKIN_FROM", "TEGAK_BERAT_DISMISSAL", "TEGAK_DEADLINE_COUNTING"):
        monkeypatch.delenv(name, raising=False)
    batch = [row.values[0] for row in ROWS]
    out = io.StringIO()
    assert main(["assess"], stdin=io.StringIO(json.dumps(batch)), stdout=out) == 0
    by_cli = json.loads(out.getvalue())
    by_api = post(client, "assess", batch).json()
    by_python = [rules.assess(item) for item in batch]
    assert by_cli == by_api == json.loads(json.dumps(by_python))
