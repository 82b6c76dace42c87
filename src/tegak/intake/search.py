"""The report queue's search column, rewritten whenever a report's searched text changes
(ADR 0172).

Indexed: the summary (weight A), who was reported (B), what happened, where, and the LAPOR!
tracking number (C). Never the sealed identity, the notice contact, the receipt code, a message
or evidence: those are not searchable by anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_save, pre_save

from tegak.core import search
from tegak.intake.models import Report

SEARCHED_FIELDS = frozenset(
    {"summary", "accused_text", "description", "location", "lapor_tracking_number"}
)


def sections(report: Any) -> list[tuple[str, str]]:
    return [
        ("A", report.summary),
        ("B", report.accused_text),
        ("C", search.joined([report.description, report.location, report.lapor_tracking_number])),
    ]


def refresh(report_ids: Iterable[int]) -> None:
    """Rewrite the search column of these reports (inside the caller's transaction)."""
    rows = Report.objects.filter(pk__in=set(report_ids)).only(*SEARCHED_FIELDS)
    for report in rows:
        search.store(Report, report.pk, sections(report))


def rebuild() -> int:
    """Rewrite every report's search column; the count."""
    ids = list(Report.objects.values_list("pk", flat=True))
    refresh(ids)
    return len(ids)


def _report_adding(sender: Any, instance: Report, raw: bool = False, **kwargs: Any) -> None:
    """A new report carries its search column in its INSERT (no UPDATE right after it)."""
    if not raw and instance._state.adding:
        instance.search_vector = search.document(sections(instance))


def _report_saved(sender: Any, instance: Report, raw: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if raw or kwargs.get("created") or (fields is not None and not SEARCHED_FIELDS & set(fields)):
        return
    search.store(Report, instance.pk, sections(instance))


def _changed_in_bulk(
    sender: Any, pks: Iterable[int], fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    if fields is None or SEARCHED_FIELDS & set(fields):
        refresh(pks)


def connect() -> None:
    """Called once from `IntakeConfig.ready()`."""
    search.register("reports", rebuild)
    search.changed_in_bulk.connect(
        _changed_in_bulk, sender=Report, dispatch_uid="tegak.intake.search.bulk"
    )
    pre_save.connect(_report_adding, sender=Report, dispatch_uid="tegak.intake.search.new_report")
    post_save.connect(_report_saved, sender=Report, dispatch_uid="tegak.intake.search.report")
