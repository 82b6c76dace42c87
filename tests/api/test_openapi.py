"""The API reference: the public part for anyone, the whole API for signed-in staff.

Red-team pass: `/api/v1/docs` and `/api/v1/openapi.json` answered every visitor with the whole
schema, the staff endpoints (reports, cases, documents) and their fields included. A partner
channel and the rules engine are meant to be called from outside; the rest is not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.review.conftest import staff_client

PUBLIC_OPERATIONS = {
    ("post", "/api/v1/rules/assess"),
    ("post", "/api/v1/rules/working-time"),
    ("post", "/api/v1/rules/deadlines"),
    ("post", "/api/v1/intake/partner/reports"),
}


def _operations(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method, path) for path, item in schema["paths"].items() for method in item}


def _references(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= _references(value)
        return found
    if isinstance(node, list):
        return set().union(*(_references(item) for item in node)) if node else set()
    return set()


def test_a_visitor_gets_only_the_public_part_of_the_schema(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert _operations(schema) == PUBLIC_OPERATIONS
    text = response.content.decode()
    for staff_only in ("/api/v1/cases/", "/api/v1/intake/reports", "ReportDetailOut"):
        assert staff_only not in text, staff_only
    assert set(schema["components"]["securitySchemes"]) == {"PartnerTokenAuth"}
    # What is left is whole: every reference names a schema that is there.
    names = set(schema["components"]["schemas"])
    assert {ref.rsplit("/", 1)[1] for ref in _references(schema)} <= names
    assert response["Vary"] and "Cookie" in response["Vary"]


def test_signed_in_staff_get_the_whole_schema(intake_officer):
    schema = staff_client(intake_officer).get("/api/v1/openapi.json").json()
    operations = _operations(schema)
    assert operations > PUBLIC_OPERATIONS
    assert ("get", "/api/v1/intake/reports/{report_id}") in operations
    assert ("get", "/api/v1/cases/{case_id}") in operations
    assert "StaffSessionAuth" in schema["components"]["securitySchemes"]


def test_a_password_without_the_second_factor_gets_only_the_public_part(settings, intake_officer):
    settings.REQUIRE_SECOND_FACTOR = True
    client = Client()
    client.force_login(intake_officer)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert _operations(response.json()) == PUBLIC_OPERATIONS


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "staff"])
def test_the_reference_page_answers_everyone(signed_in, intake_officer):
    client = staff_client(intake_officer) if signed_in else Client()
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content


def test_the_fuzzers_schema_is_what_staff_get(intake_officer):
    """The schemathesis tests read the whole schema from Python (they load it before any
    session exists): it must be the one a staff session is sent."""
    from tests.api.whole_schema import whole_schema_document

    sent = staff_client(intake_officer).get("/api/v1/openapi.json").json()
    assert sent == whole_schema_document()
