"""Letter numbers: a pattern per instansi and kind, and a counter that never repeats or skips.

The counter row is locked (SELECT ... FOR UPDATE) inside the caller's transaction, so two
documents issued at the same moment take turns, and a failed issue rolls its number back with
everything else it wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tegak.core.errors import InputError
from tegak.documents.formatting import roman_month
from tegak.documents.models import DEFAULT_PATTERN, NumberCounter, NumberingScheme
from tegak.people.models import Instansi

TOKENS = ("classification", "sequence", "unit_code", "year", "month", "month_roman")
_TOKEN = re.compile(r"\{([a-z_]+)(?::(\d{1,2}))?\}")


@dataclass(frozen=True)
class IssuedNumber:
    """A number taken from a counter."""

    number: str
    sequence: int
    year: int


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
        return values[name]

    number = _TOKEN.sub(fill, pattern)
    # An empty unit code must not leave "800/12//2025".
    return re.sub(r"/{2,}", "/", number).strip("/")


def scheme_for(instansi: Instansi, kind: str) -> NumberingScheme:
    """The instansi's scheme for a kind, or an unsaved default one."""
    scheme = NumberingScheme.objects.filter(instansi=instansi, kind=kind).first()
    return scheme or NumberingScheme(instansi=instansi, kind=kind, pattern=DEFAULT_PATTERN)


def take_number(*, instansi: Instansi, kind: str, on: date) -> IssuedNumber:
    """The next number for (instansi, kind, year); must run inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must be called inside transaction.atomic()")
    scheme = scheme_for(instansi, kind)
    year = on.year if scheme.yearly else 0
    counter = _locked_counter(instansi, kind, year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    number = format_number(
        scheme.pattern,
        sequence=counter.last_sequence,
        on=on,
        classification=scheme.classification,
        unit_code=scheme.unit_code,
    )
    return IssuedNumber(number=number, sequence=counter.last_sequence, year=on.year)


def _locked_counter(instansi: Instansi, kind: str, year: int) -> NumberCounter:
    lookup = {"instansi": instansi, "kind": kind, "year": year}
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
