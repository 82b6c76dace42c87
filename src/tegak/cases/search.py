"""The case list's search column: kept up to date whenever a case, an accused, an allegation or
an accused employee's name changes (ADR 0172).

Indexed: the summary (weight A), the accused employees' names and NIPs (B), the allegations'
provisions, places and descriptions (C). Never a report's text or a reporter's identity: an
examiner or an official who sees a case but not its reports cannot find it by what a reporter
wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_delete, post_save

from tegak.cases.models import Accused, Allegation, Case
from tegak.core import search
from tegak.people.models import Employee


def sections(case_id: int) -> list[tuple[str, str]]:
    summary = Case.objects.filter(pk=case_id).values_list("summary", flat=True).first() or ""
    people = Accused.objects.filter(case_id=case_id).values_list("employee__name", "employee__nip")
    allegations = Allegation.objects.filter(case_id=case_id).values_list(
        "provision", "place", "description"
    )
    return [
        ("A", summary),
        ("B", search.joined(value for row in people for value in row)),
        ("C", search.joined(value for row in allegations for value in row)),
    ]


def refresh(case_ids: Iterable[int]) -> None:
    """Rewrite the search column of these cases (inside the caller's transaction)."""
    for case_id in sorted(set(case_ids)):
        search.store(Case, case_id, sections(case_id))


def rebuild() -> int:
    """Rewrite every case's search column (after an upgrade or a bulk import); the count."""
    ids = list(Case.objects.values_list("pk", flat=True))
    refresh(ids)
    return len(ids)


def _case_saved(sender: Any, instance: Case, raw: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if raw or (fields is not None and "summary" not in fields):
        return
    refresh([instance.pk])


def _part_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh([instance.case_id])


def _employee_saved(sender: Any, instance: Employee, raw: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if raw or kwargs.get("created") or (fields is not None and not {"name", "nip"} & set(fields)):
        return
    refresh(Accused.objects.filter(employee_id=instance.pk).values_list("case_id", flat=True))


def _employees_changed_in_bulk(
    sender: Any, pks: Iterable[int], fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    if fields is not None and not {"name", "nip"} & set(fields):
        return
    ids = list(pks)
    cases: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cases.update(
            Accused.objects.filter(employee_id__in=chunk).values_list("case_id", flat=True)
        )
    refresh(cases)


def _changed_in_bulk(
    sender: Any, pks: Iterable[int], fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    if sender is Case:
        if fields is None or "summary" in set(fields):
            refresh(pks)
        return
    refresh(sender.objects.filter(pk__in=list(pks)).values_list("case_id", flat=True))


def connect() -> None:
    """Called once from `CasesConfig.ready()`."""
    search.register("cases", rebuild)
    search.changed_in_bulk.connect(
        _employees_changed_in_bulk, sender=Employee, dispatch_uid="tegak.cases.search.bulk.emp"
    )
    for model in (Case, Accused, Allegation):
        search.changed_in_bulk.connect(
            _changed_in_bulk, sender=model, dispatch_uid=f"tegak.cases.search.bulk.{model.__name__}"
        )
    post_save.connect(_case_saved, sender=Case, dispatch_uid="tegak.cases.search.case")
    for model in (Accused, Allegation):
        uid = f"tegak.cases.search.{model.__name__}"
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}.deleted")
    post_save.connect(_employee_saved, sender=Employee, dispatch_uid="tegak.cases.search.employee")
