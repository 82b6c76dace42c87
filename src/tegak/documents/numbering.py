"""Letter numbers as an agency keeps them: one register per issuing unit, series and year.

A number is `{classification}/{sequence}/{unit_code}/{year}` or whatever pattern the instansi
sets per kind (and per unit). Taking one locks the register's counter row (SELECT ... FOR
UPDATE), writes the register entry (NumberAllocation) and commits at once, before the document
is rendered: the number belongs to that document from then on and is never given to another,
even when the process dies before the document is stored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.core.errors import InputError
from tegak.documents.formatting import roman_month
from tegak.documents.kinds import SERIES, get_kind
from tegak.documents.models import (
    AllocationStatus,
    IssuedDocument,
    NumberAllocation,
    NumberCounter,
    NumberingScheme,
)
from tegak.people.models import Instansi, OrgUnit

TOKENS = ("classification", "sequence", "unit_code", "year", "month", "month_roman")
_TOKEN = re.compile(r"\{([a-z_]+)(?::(\d{1,2}))?\}")


def check_pattern(pattern: str) -> None:
    """Refuse a pattern with unknown tokens, stray braces, or not exactly one {sequence}."""
    unknown = [name for name, _width in _TOKEN.findall(pattern) if name not in TOKENS]
    if unknown:
        raise InputError(
            "pattern",
            _("Unknown parts in the pattern: %(names)s. Known parts: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(TOKENS)},
        )
    if "{" in _TOKEN.sub("", pattern) or "}" in _TOKEN.sub("", pattern):
        raise InputError("pattern", _("The pattern has a brace that opens no known part."))
    if [name for name, _width in _TOKEN.findall(pattern)].count("sequence") != 1:
        raise InputError("pattern", _("The pattern must contain {sequence} exactly once."))


def format_number(
    pattern: str, *, sequence: int, on: date, classification: str, unit_code: str
) -> str:
    """Fill a pattern: '{classification}/{sequence}/{unit_code}/{year}' -> '800/12/BKPSDM/2025'."""
    values = {
        "classification": classification,
        "unit_code": unit_code,
        "year": str(on.year),
        "month": f"{on.month:02d}",
        "month_roman": roman_month(on.month),
    }

    def fill(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "sequence":
            return str(sequence).zfill(int(width)) if width else str(sequence)
        return values[name] or _EMPTY

    number = _TOKEN.sub(fill, pattern)
    # An empty part takes its joining dash or stop with it: never "800/Kep.12-/2025"; and an
    # empty unit code never leaves "800/12//2025".
    number = re.sub(rf"[-.]{_EMPTY}|{_EMPTY}[-.]?", "", number)
    return re.sub(r"/{2,}", "/", number).strip("/")


# Marks a part left empty while a number is filled in (never in a pattern: not printable).
_EMPTY = "\x00"


def scheme_for(instansi: Instansi, kind: str, unit: OrgUnit | None = None) -> NumberingScheme:
    """The scheme for a kind issued by a unit: the unit's own, the instansi's, or the default."""
    if unit is not None:
        own = NumberingScheme.objects.filter(instansi=instansi, unit=unit, kind=kind).first()
        if own is not None:
            return own
    scheme = NumberingScheme.objects.filter(instansi=instansi, unit=None, kind=kind).first()
    if scheme is not None:
        return scheme
    series = get_kind(kind).series
    return NumberingScheme(instansi=instansi, kind=kind, series=series, pattern=SERIES[series][1])


def issuing_unit(unit: OrgUnit | None) -> OrgUnit | None:
    """The unit whose register numbers a letter: the perangkat daerah above the signer's unit.

    A bidang or seksi does not keep its own register of outgoing letters; the badan, dinas,
    sekretariat or inspektorat it belongs to does (the unit directly under the top of the tree).
    The top unit itself numbers what its head (the PPK) signs.
    """
    if unit is None:
        return None
    seen: set[int] = set()
    current = unit
    while current.parent_id is not None and current.pk not in seen:
        seen.add(current.pk)
        parent = current.parent
        if parent is None or parent.parent_id is None:
            return current
        current = parent
    return current


def _taken(instansi: Instansi, number: str) -> bool:
    return (
        NumberAllocation.objects.filter(instansi=instansi, number=number).exists()
        or IssuedDocument.objects.filter(instansi=instansi, number=number).exists()
    )


def allocate_number(
    *,
    actor: Any,
    instansi: Instansi,
    kind: str,
    unit: OrgUnit | None,
    on: date,
    subject_type: str,
    subject_id: str,
) -> NumberAllocation:
    """The register entry of one document: the one it already has, or a new one, committed.

    The counter row is locked only for the time it takes to write the entry; the entry is
    committed before anything is rendered. Whatever happens afterwards (a template error, a
    killed process), the number stays with this document and is never given to another.
    A number already printed on an older document (say, from an earlier pattern) is passed over.
    """
    lookup = {
        "instansi": instansi,
        "kind": kind,
        "subject_type": subject_type,
        "subject_id": str(subject_id),
    }
    existing = (
        NumberAllocation.objects.filter(**lookup)
        .exclude(status=AllocationStatus.SUPERSEDED)
        .first()
    )
    if existing is not None:
        return existing
    unit = issuing_unit(unit)
    scheme = scheme_for(instansi, kind, unit)
    series = scheme.series or get_kind(kind).series
    unit_code = scheme.unit_code or (unit.code if unit is not None else "")
    year = on.year if scheme.yearly else 0
    try:
        with transaction.atomic():
            counter = _locked_counter(instansi, unit_code, series, year)
            while True:
                counter.last_sequence += 1
                number = format_number(
                    scheme.pattern,
                    sequence=counter.last_sequence,
                    on=on,
                    classification=scheme.classification,
                    unit_code=unit_code,
                )
                if not _taken(instansi, number):
                    break
            counter.save(update_fields=["last_sequence"])
            return NumberAllocation.objects.create(
                **lookup,
                unit_code=unit_code,
                series=series,
                year=year,
                sequence=counter.last_sequence,
                number=number,
                dated=on,
                allocated_by=actor,
                allocated_at=timezone.now(),
            )
    except IntegrityError:
        # The same document was numbered at the same moment by another request: its number.
        return NumberAllocation.objects.exclude(status=AllocationStatus.SUPERSEDED).get(**lookup)


def _locked_counter(instansi: Instansi, unit_code: str, series: str, year: int) -> NumberCounter:
    lookup = {"instansi": instansi, "unit_code": unit_code, "series": series, "year": year}
    counter = NumberCounter.objects.select_for_update().filter(**lookup).first()
    if counter is not None:
        return counter
    try:
        # A savepoint: if another transaction created the row first, only this insert fails.
        with transaction.atomic():
            NumberCounter.objects.create(**lookup)
    except IntegrityError:
        pass
    return NumberCounter.objects.select_for_update().get(**lookup)
