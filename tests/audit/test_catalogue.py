"""The catalogue of audit events: an app's enum names its actions with a label and the data keys;
audit_record refuses an uncatalogued action or an undeclared key in a catalogued namespace."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation

import tegak
from tegak.audit import catalogue
from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record

# Namespaces whose actions are not catalogued yet. May only shrink: catalogue one, remove it here.
UNCATALOGUED = {
    "account",
    "attendance",
    "audit",
    "case",
    "decision",
    "documents",
    "hearing",
    "intake",
    "law",
    "people",
    "report",
    "storage",
}


def literal_actions() -> set[str]:
    """Every `action="…"` string literal passed to a call in the source."""
    found = set()
    for path in Path(tegak.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    if (
                        keyword.arg == "action"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                        and "." in value.value
                    ):
                        found.add(value.value)
    return found


@pytest.mark.django_db
def test_an_uncatalogued_action_in_a_catalogued_namespace_is_refused_before_writing():
    with pytest.raises(ValueError, match=r"job\.vanished"), transaction.atomic():
        audit_record(actor=None, action="job.vanished", data={"task": "x"})
    with pytest.raises(ValueError, match="secret"), transaction.atomic():
        audit_record(actor=None, action="job.dismissed", data={"task": "x", "secret": 1})
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_catalogued_action_with_its_keys_is_recorded():
    with transaction.atomic():
        event = audit_record(actor=None, action="job.dismissed", data={"task": "x"})
    assert event.action == "job.dismissed"


def test_catalogued_actions_have_labels_in_both_languages():
    with translation.override("en"):
        assert catalogue.label("portal.register_rebuilt") == "Public register rebuilt"
    with translation.override("id"):
        assert catalogue.label("portal.register_rebuilt") == "Register publik dibangun ulang"
    assert catalogue.label("case.opened") == "case.opened"  # not catalogued yet


def test_every_action_in_the_source_is_catalogued_or_its_namespace_is_listed_as_not_yet():
    catalogued = catalogue.catalogued_namespaces()
    assert catalogued & UNCATALOGUED == set(), "catalogued now: remove from UNCATALOGUED"
    missing = sorted(
        action
        for action in literal_actions()
        if catalogue.namespace_of(action) in catalogued and catalogue.kind_of(action) is None
    )
    assert missing == []
    unknown = {catalogue.namespace_of(action) for action in literal_actions()}
    assert unknown - catalogued - UNCATALOGUED == set(), "a new namespace must be catalogued"
