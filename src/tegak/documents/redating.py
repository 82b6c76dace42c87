"""A decision's date corrected before delivery (readings C30, D16): its letters are issued again.

The decree (or a non-ASN's sanction letter, coaching minutes) generated with the old date would
otherwise stay on file with a date the decision no longer has. `decisions` records the correction
(`decision.amended`, with `decided_on_before`); this subscriber, on commit, re-issues each such
letter not yet signed, as the official who corrected it: a new version with the corrected date,
the old one kept as an earlier version; across a year, under a number of the new year, the old
number left on the register marked superseded (`document_issue`). A signed letter is never
changed (its signed scan is the version of record).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied

from tegak.core.errors import InputError

logger = logging.getLogger(__name__)


def reissue_after_redate(event: Any) -> None:
    """Re-issue the unsigned letters of a decision whose date was corrected."""
    from tegak.cases.models import Accused
    from tegak.documents.context import DECISION_DOCUMENT_KINDS
    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_issue_for_case

    data = event.data or {}
    if "decided_on_before" not in data or event.actor is None or not data.get("accused_id"):
        return
    accused = Accused.objects.filter(pk=int(data["accused_id"])).first()
    decision = getattr(accused, "decision", None) if accused is not None else None
    if decision is None:
        return
    letters = IssuedDocument.objects.filter(
        subject_type="decisions.decision",
        subject_id=str(decision.pk),
        kind__in=DECISION_DOCUMENT_KINDS,
        locked=False,
    ).exclude(dated=decision.decided_on)
    for kind in sorted(set(letters.values_list("kind", flat=True))):
        try:
            document_issue_for_case(actor=event.actor, accused=accused, kind=kind)
        except (InputError, PermissionDenied) as error:
            # The documents page marks the letter as still carrying the old date until it is
            # issued again (`views._mark_dates_behind`); ids only in the log, no names.
            logger.warning("decision %s re-dated: %s not re-issued (%s)", decision.pk, kind, error)
