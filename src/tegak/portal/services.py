"""Writes of the portal: refreshing the public register from the case file.

The register is derived data, rebuilt at will from the audited case file; a refresh changes no
fact of any case, so it writes no audit event per row. A full rebuild run by an operator
(`tegak portal_refresh`) records one event.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from tegak.audit.services import audit_record
from tegak.cases.models import Accused
from tegak.core.access import administers
from tegak.people.models import Instansi
from tegak.portal import aggregates
from tegak.portal.models import PortalPolicy, RegisterEntry
from tegak.portal.projection import PROJECTION_VERSION, project

BATCH = 500


def _accused(ids: Iterable[int] | None) -> Any:
    accused = (
        Accused.objects.select_related("case", "employee", "decision", "decision__objection")
        .prefetch_related("allegations", "clocks")
        .order_by("pk")
    )
    return accused.filter(pk__in=list(ids)) if ids is not None else accused


def register_refresh(*, accused_ids: Iterable[int] | None = None) -> int:
    """Bring the register entries of these accused (or of every accused) up to date.

    Run by the job `refresh_register_entries`, which the portal enqueues after every committed
    step of a case (`tegak.portal.subscribers`).
    Entries whose accused no longer exists are removed. Returns the number of entries written.
    The statistics' aggregates move with the entries, in the same transaction: by what each
    entry counted before and counts now, or recounted whole when every accused is refreshed.
    """
    ids = list(accused_ids) if accused_ids is not None else None
    written = 0
    with transaction.atomic():
        if ids is None:
            for accused in _accused(None).iterator(chunk_size=BATCH):
                RegisterEntry.objects.update_or_create(
                    accused_id_ref=accused.pk, defaults=project(accused)
                )
                written += 1
            RegisterEntry.objects.exclude(accused_id_ref__in=Accused.objects.values("pk")).delete()
            aggregates.rebuild()
            return written
        # The accused's rows are locked first (in id order), so two refreshes of one accused
        # take turns and each subtracts what the other wrote, never the same "before" twice.
        list(Accused.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
        before = {
            row["accused_id_ref"]: row
            for row in RegisterEntry.objects.select_for_update()
            .filter(accused_id_ref__in=ids)
            .values("accused_id_ref", *aggregates.ENTRY_FIELDS)
        }
        changes: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
        for accused in _accused(ids).iterator(chunk_size=BATCH):
            entry, _created = RegisterEntry.objects.update_or_create(
                accused_id_ref=accused.pk, defaults=project(accused)
            )
            changes.append((before.pop(accused.pk, None), aggregates.entry_values(entry)))
            written += 1
        # What is left in `before` has no accused any more.
        RegisterEntry.objects.filter(accused_id_ref__in=list(before)).delete()
        changes += [(values, None) for values in before.values()]
        aggregates.apply(changes)
    return written


def register_refresh_changed() -> int:
    """Refresh the entries of cases with an event since the last refresh, and add new accused.

    Cheap enough to run every few minutes (`tegak portal_refresh --changed` from cron or a
    systemd timer); a clock that passes without any event needs no refresh, because the register
    reads "overdue" from the stored due date at the time of reading.
    """
    last = RegisterEntry.objects.aggregate(last=Max("refreshed_at"))["last"]
    ids = set(
        Accused.objects.exclude(pk__in=RegisterEntry.objects.values("accused_id_ref")).values_list(
            "pk", flat=True
        )
    )
    ids |= set(outdated_accused_ids())
    if last is not None:
        ids |= set(
            Accused.objects.filter(case__events__event__occurred_at__gte=last).values_list(
                "pk", flat=True
            )
        )
    return register_refresh(accused_ids=ids) if ids else 0


def outdated_accused_ids() -> list[int]:
    """The accused whose register entry an older projection wrote (`PROJECTION_VERSION`)."""
    return list(
        RegisterEntry.objects.filter(projection_version__lt=PROJECTION_VERSION)
        .order_by("accused_id_ref")
        .values_list("accused_id_ref", flat=True)
    )


def register_refresh_outdated() -> int:
    """Refresh every entry an older projection wrote, with the statistics' aggregates: run by
    `tegak migrate` (post_migrate), so what the register publishes changes with the upgrade,
    not at each case's next step. One query when nothing is outdated; returns the number of
    entries written."""
    ids = outdated_accused_ids()
    written = 0
    for start in range(0, len(ids), BATCH):
        written += register_refresh(accused_ids=ids[start : start + BATCH])
    return written


def register_rebuild(*, actor: Any) -> int:
    """Rebuild the whole register (an operator's command or a job): one audit event per run.

    `actor` is a user, or None for the system (the scheduled job).
    """
    with transaction.atomic():
        written = register_refresh()
        audit_record(
            actor=actor,
            action="portal.register_rebuilt",
            target=None,
            instansi_code="",
            data={"entries": written},
        )
    return written


def statistics_rebuild(*, actor: Any) -> dict[str, int]:
    """Recount the statistics' aggregates from the register (an operator's command): one audit
    event. Returns the rows written per table."""
    with transaction.atomic():
        written = aggregates.rebuild()
        audit_record(
            actor=actor,
            action="portal.statistics_rebuilt",
            target=None,
            instansi_code="",
            data={"rows": sum(written.values())},
        )
    return written


def portal_policy_set(
    *, actor: Any, instansi: Instansi, show_accused_name_when_final: bool
) -> PortalPolicy:
    """The instansi's publication choice: whether a final decision shows the accused's name."""
    if not administers(actor, instansi):
        raise PermissionDenied
    with transaction.atomic():
        policy, _created = PortalPolicy.objects.get_or_create(instansi=instansi)
        policy.show_accused_name_when_final = bool(show_accused_name_when_final)
        policy.save(update_fields=["show_accused_name_when_final"])
        audit_record(
            actor=actor,
            action="portal.policy_set",
            target=policy,
            instansi_code=instansi.code,
            data={"show_accused_name_when_final": policy.show_accused_name_when_final},
        )
    return policy
