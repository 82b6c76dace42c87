"""Human labels for codes shown to the public (provisions, sanctions)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy as _

_REGULATION = re.compile(r"^(pp|uu|perpres|permen)-(\d+)-(\d{4})$")


@lru_cache(maxsize=512)
def _rules_citation(code: str) -> str | None:
    try:
        from tegak.rules import provision
    except ImportError:
        return None
    try:
        return str(provision(code).citation)
    except Exception:  # an unknown or local code: fall back to reading the code itself
        return None


def provision_label(code: str) -> str:
    """The citation of a provision code (`pp-94-2021:5:a` → `PP 94/2021 Pasal 5 huruf a`).

    The rules engine's own citation is used when it knows the code, the instansi rule's for a
    `local:` code; otherwise the canonical id
    (CONTRACTS.md) is read: regulation, pasal, then huruf, or angka where the regulation numbers
    its items (PP 53/2010).
    """
    if not code:
        return ""
    if code.startswith("local:"):
        # A provision of the instansi's own rule (non-ASN staff, PPPK): its citation, never
        # the internal id (seed walk 2026-12-07).
        from tegak.law.stored import local_provision_citation

        return local_provision_citation(code) or code
    cited = _rules_citation(code)
    if cited:
        return cited
    parts = code.split(":")
    match = _REGULATION.match(parts[0])
    if not match or len(parts) < 2:
        return code
    kind, number, year = match.groups()
    # Pasal, huruf and angka are terms of art: the same in every language of the page.
    text = f"{kind.upper()} {number}/{year} Pasal {parts[1]}"
    for part in parts[2:]:
        text += f" {'angka' if part.isdigit() else 'huruf'} {part}"
    return text


# The legal clocks by the names the rules engine and the case file give them.
DEADLINE_LABELS = {
    "superior_must_summon": _("Direct superior summons the employee"),
    "examination_earliest": _("Examination not before"),
    "examination_latest": _("Examination at the latest"),
    "second_summons_latest": _("Second summons at the latest"),
    "delivery_latest": _("Decision delivered at the latest"),
    "objection_due": _("Objection may be filed until"),
    "appeal_due": _("Appeal may be filed until"),
    "takes_effect": _("Decision takes effect"),
    "official_reply_due": _("Official replies to the objection"),
    "objection_decision_due": _("Objection decided at the latest"),
    "ppk_reply_due": _("PPK replies to the appeal"),
    "bpasn_decision_due": _("BPASN decides the appeal"),
    "complainant_informed_due": _("Reporter told the outcome"),
}


def sanction_label(code: str, local_labels: dict[str, dict[str, str]] | None = None) -> str:
    """A sanction in plain words in the active language (never its code): the law's table, or
    for an instansi's own sanction the words its rule gives (`local_labels`, from the finding)."""
    from tegak.law.labels import label

    own = (local_labels or {}).get(code)
    finding = {"sanction_labels": {code: own}} if own else None
    return label("sanction", code, finding=finding)


def deadline_label(name: str) -> str:
    """A legal clock in plain words (its code when the name is not known here)."""
    return str(DEADLINE_LABELS.get(name, name))


def cited_provision(code: str, instansi: Any, status: str, day: Any) -> str:
    """A provision as the law of an employee of this status cites it for an act on `day`: for
    non-ASN staff and PPPK alleged under a PNS provision, the instansi's rule for them in force
    that day (docs/legal-questions.md C18, C31); for anyone else `provision_label`."""
    from tegak.law.catalogue import OWN_RULE_STATUSES, PNS_PROVISIONS, allegation_citation

    if not code.startswith(PNS_PROVISIONS) or status not in OWN_RULE_STATUSES:
        return provision_label(code)
    return allegation_citation(code, instansi, status, day)


def entry_provision_label(entry: Any) -> str:
    """The register row's main provision as its employee's law cites it: for non-ASN staff and
    PPPK alleged under a PNS provision, the instansi's rule for them in force on the day of the
    act, never PP 94/2021 alone (docs/legal-questions.md C18, C31); for anyone else
    `provision_label`."""
    from tegak.law.catalogue import OWN_RULE_STATUSES, PNS_PROVISIONS

    code = entry.provision
    if not code.startswith(PNS_PROVISIONS) or entry.employee_id is None:
        return provision_label(code)
    status = str(entry.employee.status)
    if status not in OWN_RULE_STATUSES:
        return provision_label(code)
    from tegak.cases.models import Allegation

    day = (
        Allegation.objects.filter(accused_id=entry.accused_id_ref, provision=code)
        .order_by("committed_on")
        .values_list("committed_on", flat=True)
        .first()
    ) or entry.opened_on
    return cited_provision(code, entry.instansi, status, day)
