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
UNCATALOGUED: set[str] = set()


def _action_literals(value: ast.expr) -> list[str]:
    """The action names an expression can give: a literal, or either branch of `a if c else b`."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and "." in value.value:
        return [value.value]
    if isinstance(value, ast.IfExp):
        return _action_literals(value.body) + _action_literals(value.orelse)
    return []


def literal_actions() -> set[str]:
    """Every action name written in the source: `action="…"` passed to a call (or either branch
    of a conditional), `action = "…"` assigned, and the action a step helper
    `_event(actor, "…", …)` is given."""
    found = set()
    for path in Path(tegak.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        found.update(_action_literals(keyword.value))
                name = getattr(node.func, "id", None)
                if name == "_event" and len(node.args) > 1:
                    found.update(_action_literals(node.args[1]))
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "action" for target in node.targets
            ):
                found.update(_action_literals(node.value))
    return {action for action in found if " " not in action and not action.startswith("-")}


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
    with translation.override("id"):
        assert catalogue.label("report.verified") == "Laporan diverifikasi"
        assert catalogue.label("hearing.summons_issued") == "Surat panggilan diterbitkan"
    assert catalogue.label("nothing.known") == "nothing.known"  # an unknown action shows itself


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


def test_the_source_names_actions_of_every_app():
    # The scan above must see the actions written in each way (a literal, a conditional, an
    # assignment, a step helper's argument), or the check above proves nothing.
    actions = literal_actions()
    assert {
        "report.identity_approved",
        "report.identity_refused",
        "case.window_passed",
        "hearing.summons_issued",
        "decision.final",
        "storage.swept",
    } <= actions
    assert len(actions) > 110
