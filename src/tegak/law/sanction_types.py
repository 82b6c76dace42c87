"""The sanction types an authorised official may choose for one employee, with their labels.

A PNS or CPNS is sanctioned with the national types (PP 94/2021 Pasal 8; PP 53/2010 Pasal 7). A
PPPK or a non-ASN employee is sanctioned with the types of the instansi's own rule (PP 49/2018
Pasal 52; reading 7 of docs/legal-questions.md): the rule the finding relied on, else the rule for
the employee's status in force on the finding's day (stored versions, else the built-in ones).
Their codes (`local:...`) are labelled in the rule's own words.

PP 79/2021 Pasal 10 gives a banding administratif to BPASN, not a keberatan, against "pemberhentian
sebagai PNS" and "pemutusan hubungan perjanjian kerja sebagai PPPK": `dismissal` answers for both,
the second from the rule's types marked `ends_contract` (docs/rules.md). Non-ASN staff are not
under PP 79/2021 (reading J1, J4): their types never count as such a dismissal here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.text import capfirst

from tegak.law import labels, stored
from tegak.people.models import Instansi
from tegak.rules import SANCTIONS as ENGINE_SANCTIONS
from tegak.rules import InstansiRule
from tegak.rules.instansi import BUILTIN_RULES
from tegak.rules.sanctions import INTERIM_SEDANG, LEVELS, PP53_TYPES, PP94_TYPES

# PP 94/2021 Pasal 8 ayat (4) huruf c and UU 20/2023 Pasal 52: dismissal as a PNS.
NATIONAL_DISMISSALS = frozenset({"pdh_taps", "ptdh"})
NATIONAL_STATUSES = ("PNS", "CPNS")
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
PP53 = "pp-53-2010"
PP94 = "pp-94-2021"
PPPK_STATUSES = ("PPPK", "PPPK_PARUH_WAKTU")


@dataclass(frozen=True)
class SanctionTypes:
    """The types open to one employee, in order (lightest first), and the rule they come from."""

    status: str
    codes: tuple[str, ...]
    rule: InstansiRule | None = None
    # The rule's own words for its types, as a finding carries them (`sanction_labels`).
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def label(self, code: str) -> str:
        """The type's label in the active language (the rule's words for its own types)."""
        return labels.label("sanction", code, finding={"sanction_labels": self.words})

    def level(self, code: str) -> str | None:
        """The level of a type: the rule's for its own types, else the national one (each
        national type has one level in the regulation it comes from, rules.sanctions)."""
        if self.rule is not None:
            local = self.rule.sanction(code)
            if local is not None:
                return str(local.level)
        national = ENGINE_SANCTIONS.get(code)
        return national.level if national is not None else None

    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs for a form, each label starting with a capital as the national
        ones do (a rule may write its own in lower case, as they read inside a sentence)."""
        return [(code, capfirst(self.label(code))) for code in self.codes]

    def dismissal(self, code: str) -> bool:
        """Whether the type is a dismissal PP 79/2021 Pasal 10 sends to BPASN on appeal:
        dismissal as a PNS (huruf a), or for a PPPK a type of the rule that ends the contract
        (huruf b)."""
        if code in NATIONAL_DISMISSALS:
            return True
        if self.status not in PPPK_STATUSES or self.rule is None:
            return False
        local = self.rule.sanction(code)
        return local is not None and local.ends_contract


def _day(finding: Mapping[str, Any], fallback: date) -> date:
    try:
        return date.fromisoformat(str(finding.get("as_of")))
    except ValueError:
        return fallback


def rule_for(
    instansi: Instansi, status: str, finding: Mapping[str, Any], day: date
) -> InstansiRule | None:
    """The instansi rule behind a PPPK's or non-ASN employee's finding: the one it names
    (`regulation_id`, and the stored version `instansi_rule_version`), looked up as the engine
    looks it up (the instansi's stored rules, then the built-in ones); else the rule for the status
    in force on the finding's day (the one the instansi names first); None for a PNS or CPNS."""
    if status in NATIONAL_STATUSES:
        return None
    stored_rules = stored.instansi_rules(instansi)
    pool = list(BUILTIN_RULES.values()) if stored_rules is None else stored_rules
    on = _day(finding, day)
    named = str(finding.get("regulation_id") or "")
    if named.startswith("local:"):
        same = [rule for rule in pool if rule.id == named] or (
            [BUILTIN_RULES[named]] if named in BUILTIN_RULES else []
        )
        version = str(finding.get("instansi_rule_version") or "")
        chosen = [rule for rule in same if version and rule.version == version]
        chosen += [rule for rule in same if rule.in_force_on(on)]
        if chosen or same:
            return (chosen or same)[0]
    own = [
        rule
        for rule in pool
        if status in rule.applies_to
        and (rule.instansi == instansi.code or rule.id == instansi.local_rule_id)
        and rule.in_force_on(on)
    ]
    own.sort(key=lambda rule: rule.id != instansi.local_rule_id)
    return own[0] if own else None


def national_types(finding: Mapping[str, Any], day: date, tukin_from: date | None) -> list[str]:
    """The national types of the regulation governing a PNS's or CPNS's finding, lightest first
    (docs/legal-questions.md reading C15): PP 53/2010 Pasal 7 when the engine's finding is under
    PP 53/2010 (a day before 31 August 2021, PP 94/2021 Pasal 46; reading 16), else PP 94/2021
    Pasal 8, whose tukin cuts (Pasal 8(3)) stand only from `tukin_from` (the PP on salaries and
    allowances, Pasal 42; reading 6): before it the PP 53/2010 Pasal 7(3) types stand in for them
    (Pasal 42(2)). PDH-TAPS and PTDH are both offered under PP 94/2021 (reading 5)."""
    on = _day(finding, day)
    regulation = str(finding.get("regulation_id") or "")
    if regulation not in (PP53, PP94):
        regulation = PP53 if on < PP94_START else PP94
    if regulation == PP53:
        by_level = PP53_TYPES
    else:
        interim = tukin_from is None or on < tukin_from
        sedang = PP94_TYPES["sedang"]
        by_level = {
            "ringan": PP94_TYPES["ringan"],
            "sedang": tuple(INTERIM_SEDANG[code] for code in sedang) if interim else sedang,
            "berat": (*PP94_TYPES["berat"], "ptdh"),
        }
    codes = [code for level in LEVELS for code in by_level[level]]
    return sorted(dict.fromkeys(codes), key=lambda code: ENGINE_SANCTIONS[code].rank)


def sanction_types(
    instansi: Instansi,
    status: str,
    finding: Mapping[str, Any] | None,
    day: date,
    *,
    tukin_from: date | None = None,
) -> SanctionTypes:
    """The types an official may choose for an employee of this status whose finding this is:
    for a PNS or CPNS those of the regulation governing the finding, in force on its day
    (`national_types`); for a PPPK or non-ASN employee the rule's types (the whole national list
    when the instansi has no rule, as before); any type the finding allows is always among
    them."""
    finding = finding or {}
    rule = rule_for(instansi, status, finding, day)
    words: dict[str, dict[str, str]] = {
        str(code): dict(value) for code, value in (finding.get("sanction_labels") or {}).items()
    }
    if rule is None and status in NATIONAL_STATUSES:
        codes = national_types(finding, day, tukin_from)
    elif rule is None:
        codes = list(labels.SANCTIONS)
    else:
        codes = []
        for level in LEVELS:
            for item in rule.sanctions.get(level, ()):
                codes.append(item.code)
                if item.code.startswith("local:") and (item.label_id or item.label_en):
                    words.setdefault(item.code, {"id": item.label_id, "en": item.label_en})
    for code in finding.get("allowed_sanctions") or []:
        if code not in codes:
            codes.append(str(code))
    return SanctionTypes(status=status, codes=tuple(codes), rule=rule, words=words)
