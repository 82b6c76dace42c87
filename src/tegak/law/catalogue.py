"""Which provisions can be alleged against an employee for an act on a day: the catalogue of the
regulation that governs them then, chosen by its words on the case pages (never typed as a code).

- PNS and CPNS: PP 53/2010 for an act before 31 August 2021 (PP 94/2021 Pasal 46; the act breached
  the regulation in force when it was done, and the engine carries it over, Pasal 40), PP 94/2021
  from that day; the code of ethics (PP 42/2004) stands beside either.
- PPPK: the instansi's own rule in force that day (PP 49/2018 Pasal 52), with PP 49/2018 and the
  regulation whose obligations and levels the rule takes over (usually PP 94/2021); without such
  a rule, PP 49/2018 alone.
- Non-ASN contract staff: the instansi's rule for them in force that day, with the regulation it
  takes over; without one, nothing (the agency must record its rule first).

The instansi's stored rule versions are read as the engine reads them (`law.stored`), else the
built-in ones; a rule the instansi names comes first when it applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from tegak.core.words import shown_date
from tegak.law import stored
from tegak.people.models import Instansi
from tegak.rules import InstansiRule
from tegak.rules.catalog import PROVISIONS, Provision, provisions, regulation
from tegak.rules.instansi import BUILTIN_RULES

PP94 = "pp-94-2021"
PP53 = "pp-53-2010"
PP49 = "pp-49-2018"
PP42 = "pp-42-2004"
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
CONTRACT_STATUSES = ("PPPK", "PPPK_PARUH_WAKTU", "NON_ASN")
# How much of a provision's text its label shows.
LABEL_TEXT = 160


@dataclass(frozen=True)
class CatalogueGroup:
    """The provisions of one regulation (or instansi rule), as a group of the chooser."""

    key: str
    title: str
    provisions: tuple[Provision, ...]


@dataclass(frozen=True)
class Catalogue:
    """The provisions that can be alleged, grouped by regulation, and what governs."""

    groups: tuple[CatalogueGroup, ...]
    governs: str
    empty_reason: str = ""

    def ids(self) -> set[str]:
        return {item.id for group in self.groups for item in group.provisions}

    def get(self, provision_id: str) -> Provision | None:
        for group in self.groups:
            for item in group.provisions:
                if item.id == provision_id:
                    return item
        return None

    def choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Grouped choices for a select: (group title, [(id, label), ...])."""
        return [
            (group.title, [(item.id, provision_label(item)) for item in group.provisions])
            for group in self.groups
        ]


def provision_label(item: Provision) -> str:
    """The provision as a person reads it: its citation and its words."""
    text = " ".join(item.text.split())
    more = "…" if len(text) > LABEL_TEXT else ""
    return f"{item.citation} — {text[:LABEL_TEXT]}{more}"


def _national(regulation_id: str) -> CatalogueGroup:
    found = regulation(regulation_id)
    return CatalogueGroup(
        regulation_id, f"{found.citation} — {found.title}", tuple(provisions(regulation_id))
    )


def _rule_for(instansi: Instansi, status: str, day: date) -> InstansiRule | None:
    """The instansi's rule for this status in force that day (the named one first)."""
    rules = stored.instansi_rules(instansi)
    pool = list(BUILTIN_RULES.values()) if rules is None else rules
    pool = [rule for rule in pool if rule.instansi == instansi.code]
    named = [rule for rule in pool if rule.id == instansi.local_rule_id]
    for rule in [*named, *pool]:
        if status in rule.applies_to and rule.in_force_on(day):
            return rule
    return None


def rule_for_status(instansi: Instansi, status: str, day: date) -> InstansiRule | None:
    """The instansi's rule for staff of this status in force that day (stored rules, else the
    built-in ones; the one the instansi names first); None when it has none."""
    return _rule_for(instansi, status, day)


def provision_catalogue(instansi: Instansi, status: str, day: date) -> Catalogue:
    """The provisions that can be alleged against an employee of this status for an act on
    `day`, grouped by the regulation (or instansi rule) they come from."""
    if status not in CONTRACT_STATUSES:
        base = PP53 if day < PP94_START else PP94
        return Catalogue((_national(base), _national(PP42)), regulation(base).citation)
    rule = _rule_for(instansi, status, day)
    if rule is None:
        if status == "NON_ASN":
            reason = _(
                "No discipline rule of the instansi for non-ASN staff was in force on %(day)s: "
                "record the agency's rule (administration, rules) before alleging a breach."
            ) % {"day": shown_date(day)}
            return Catalogue((), "", reason)
        return Catalogue((_national(PP49),), regulation(PP49).citation)
    groups: list[CatalogueGroup] = []
    # A provision of the rule that came into force after the act (a circular added to the rule
    # later, reading B10) is not offered: the case file refuses it for that act.
    own = tuple(item for item in rule.provisions.values() if _in_force_by(item, day))
    if own:
        groups.append(CatalogueGroup(rule.id, f"{rule.citation} — {rule.title}", own))
    if status != "NON_ASN":
        groups.append(_national(PP49))
    if rule.levels_from and rule.levels_from not in (PP49, rule.id):
        groups.append(_national(rule.levels_from))
    return Catalogue(tuple(groups), rule.citation)


def _in_force_by(item: Provision, day: date) -> bool:
    """Whether the provision had come into force by the day of the act (an unknown start is
    taken as in force, as the case file takes it)."""
    return item.in_force_from is None or item.in_force_from <= day


# The regulations that discipline PNS; a non-ASN employee or a PPPK is never under them directly.
PNS_PROVISIONS = (f"{PP94}:", f"{PP53}:")
# Staff whose discipline is the instansi's own rule: non-ASN staff (their contract and the rule)
# and PPPK (PP 49/2018 Pasal 52 ayat (1): the PPK sets PPPK discipline). A PNS provision alleged
# against them is cited through that rule (readings C18, C31).
OWN_RULE_STATUSES = ("NON_ASN", "PPPK", "PPPK_PARUH_WAKTU")


@dataclass(frozen=True)
class OwnRuleCitation:
    """What an allegation against a non-ASN employee cites when it was classified with a PNS
    provision: the instansi's rule for non-ASN staff (its own article that takes the PNS
    regulation's levels over, where the stored rule records one) and the provision it refers
    to, only when the rule itself refers to it (docs/legal-questions.md C18)."""

    rule: str
    refers_to: str = ""


def plain_citation(provision: str) -> str:
    """'pp-94-2021:3:f' -> 'PP 94/2021 Pasal 3 huruf f'; a provision of an instansi's stored
    rules ('local:<instansi code>:…') its citation there; an unknown one shows its id."""
    found = PROVISIONS.get(provision)
    if found is not None:
        return found.citation
    if provision.startswith("local:"):
        return stored.local_provision_citation(provision) or provision
    return provision


def rule_reference_article(rule: InstansiRule) -> str:
    """The rule's own article taking its levels from a national regulation, as the stored rule
    records it in `levels_basis` ('Perwal Sukamaju 13/2024 Pasal 5 (tingkat … mengikuti PP
    94/2021 …)' -> 'Perwal Sukamaju 13/2024 Pasal 5'); '' when the basis is not an article of
    the rule (the Kota Bekasi pack's 'dianalogikan dengan PP 94/2021' is Tegak's analogy, not the
    Perwal's words)."""
    basis = " ".join((rule.levels_basis or "").split())
    if not rule.levels_from or not basis.startswith(f"{rule.citation} Pasal"):
        return ""
    article = basis[len(rule.citation) :].split("(")[0].split(";")[0].split(":")[0].strip()
    return f"{rule.citation} {article}"


def own_rule_citation(
    provision: str, instansi: Instansi, status: str, day: date
) -> OwnRuleCitation | None:
    """For a non-ASN employee or a PPPK alleged under a PNS provision (offered because the
    instansi's rule takes its levels from PP 94/2021, `levels_from`): the instansi's rule for
    their status in force on the day of the act. None for anyone else, for any other provision,
    or when no rule was in force."""
    if status not in OWN_RULE_STATUSES or not provision.startswith(PNS_PROVISIONS):
        return None
    rule = _rule_for(instansi, status, day)
    if rule is None:
        return None
    article = rule_reference_article(rule)
    if not article:
        return OwnRuleCitation(rule.citation)
    found = PROVISIONS.get(provision)
    return OwnRuleCitation(article, found.citation if found is not None else provision)


def allegation_citation(provision: str, instansi: Instansi, status: str, day: date) -> str:
    """The citation of an allegation as the case file, the timeline and the register show it for
    this employee: for non-ASN staff the instansi's rule (`own_rule_citation`), else the
    provision's own citation."""
    own = own_rule_citation(provision, instansi, status, day)
    if own is None:
        return plain_citation(provision)
    if not own.refers_to:
        return own.rule
    return _("%(rule)s (referring to %(provision)s)") % {
        "rule": own.rule,
        "provision": own.refers_to,
    }
