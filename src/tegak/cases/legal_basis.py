"""The legal basis a step, a clock or a capacity of an accused's case cites: chosen by the
employee's status and the law in force on the step's day (docs/legal-questions.md C11).

- PNS and CPNS: the PNS discipline regulation in force on the step's day, as the procedure table
  and the engine give it: PP 94/2021 from 31 August 2021 (Pasal 46; CPNS by its Pasal 43), also
  for an older act (Pasal 40 ayat (3)-(4)); for a step taken before that day (a case entered
  after the fact) PP 53/2010's article for the same step (CPNS by its Pasal 2), and for an
  objection filed before it PP 53/2010's too (PP 94/2021 Pasal 40 ayat (2)); reading C19.
- PPPK: PP 94/2021 disciplines PNS only (Pasal 7). PP 49/2018 Pasal 52 leaves PPPK discipline to
  the PPK's own rule (ayat (1)-(2)) and its ayat (3) to the procedure of imposing it; the basis is
  "PP 49/2018 Pasal 52 ayat (3) jo." the instansi's PPPK rule in force that day, with the rule's
  own article where the stored rule records one (who decides). PP 79/2021 (objection and appeal)
  stays: it covers PPPK (reading J4).
- Non-ASN staff: the instansi's rule for them in force that day, with its own article where the
  stored rule records one; never PP 94/2021, PP 53/2010, PP 49/2018 or PP 79/2021.

Where the stored rule records no article for a step, or no period for a clock the case file
keeps, the basis says so (after " · ") instead of inventing one.

Clocks (reading C20): a PNS's and CPNS's are the law's. A PPPK's are the law's only where the
installation reads PP 49/2018 Pasal 52 ayat (3) as referring the procedure to the PNS discipline
regulation (`CASES_PPPK_PNS_PROCEDURE`; the stored OCR text breaks off before the words that
would say so): then PP 94/2021's lengths apply by that reference and the basis says "PP 49/2018
Pasal 52 ayat (3) jo. PP 94/2021 …". Otherwise, and always for non-ASN staff (whose stored rules
record no periods), no deadline comes from the law: the case file either keeps the office's own
time limits, labelled as the agency's policy (`CASES_CONTRACT_STAFF_CLOCKS = "office"`, the
default), or keeps none (`"none"`), and an examination day beyond an office limit is not refused.
Such a clock is stored with `Clock.office_limit` set (`not period_from_law`, reading C36): the
register, statistics, case page, reminders and API read the flag, never the basis text.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_noop

from tegak.cases.models import Accused, Clock
from tegak.config.env import env_bool, env_str
from tegak.rules.instansi import InstansiRule

NATIONAL = ("PNS", "CPNS")
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
# The procedure's articles of PP 94/2021 (and PP 79/2021 for the objection) and their
# counterparts in PP 53/2010, for a step taken before 31 August 2021 (reading C19).
PP53_BASES = {
    "PP 94/2021 Pasal 26 ayat (1)-(2)": "PP 53/2010 Pasal 23 ayat (1)-(2)",
    "PP 94/2021 Pasal 26 ayat (3)-(4)": "PP 53/2010 Pasal 23 ayat (3)-(4)",
    "PP 94/2021 Pasal 26 ayat (3)": "PP 53/2010 Pasal 23 ayat (3)",
    "PP 94/2021 Pasal 26 ayat (1), Pasal 28": "PP 53/2010 Pasal 23 ayat (1), Pasal 24 ayat (1)",
    "PP 94/2021 Pasal 26-27, 29": "PP 53/2010 Pasal 23-25",
    "PP 94/2021 Pasal 29": "PP 53/2010 Pasal 25",
    "PP 94/2021 Pasal 29 ayat (5)": "PP 53/2010 Pasal 25 ayat (3)",
    "PP 94/2021 Pasal 27 ayat (1)": "PP 53/2010 Pasal 24 ayat (1)",
    "PP 94/2021 Pasal 27 ayat (2)": "PP 53/2010 Pasal 24 ayat (2)",
    "PP 94/2021 Pasal 32": "PP 53/2010 Pasal 28",
    "PP 94/2021 Pasal 27 ayat (3)-(4), Pasal 34": "PP 53/2010 Pasal 24 ayat (3)",
    "PP 94/2021 Pasal 26 ayat (4), Pasal 33, Pasal 37 ayat (1)": (
        "PP 53/2010 Pasal 23 ayat (4), Pasal 29, Pasal 31 ayat (1)"
    ),
    "PP 94/2021 Pasal 33": "PP 53/2010 Pasal 29",
    "PP 94/2021 Pasal 37 ayat (2)": "PP 53/2010 Pasal 31 ayat (2)",
    "PP 94/2021 Pasal 37 ayat (2)-(4)": "PP 53/2010 Pasal 31 ayat (2)-(4)",
    "PP 94/2021 Pasal 31": "PP 53/2010 Pasal 27",
    "PP 94/2021 Pasal 38": "PP 53/2010 Pasal 43-44",
    "PP 94/2021 Pasal 30": "PP 53/2010 Pasal 26",
    "PP 94/2021 Pasal 1 angka 6": "PP 53/2010 Pasal 1 angka 3",
    "PP 79/2021 Pasal 4, Pasal 11": "PP 53/2010 Pasal 35, Pasal 38",
    "PP 79/2021 Pasal 6, Pasal 9, Pasal 16": "PP 53/2010 Pasal 36 ayat (3), Pasal 37",
    "PP 79/2021 Pasal 8 ayat (3)": "PP 53/2010 Pasal 36 ayat (1)-(2)",
    "PP 79/2021 Pasal 3, 8": "PP 53/2010 Pasal 35 ayat (1), Pasal 36",
    "PP 79/2021 Pasal 3, 4, 11": "PP 53/2010 Pasal 34-35, Pasal 38",
    "PP 79/2021 Pasal 10, 13, 16": "PP 53/2010 Pasal 38",
}
PNS_REGULATIONS = ("PP 94/2021", "PP 53/2010")
PPPK = ("PPPK", "PPPK_PARUH_WAKTU")
PPPK_PROCEDURE = "PP 49/2018 Pasal 52 ayat (3)"
# Separates the citation from a note the page translates (`tegak.law.labels.engine_text`).
SEPARATOR = " · "

NO_ARTICLE = gettext_noop("the instansi's rule as recorded names no article for this step")
NO_PERIOD = gettext_noop(
    "the instansi's rule as recorded sets no period: a time limit of the office, not of the law"
)
BY_REFERENCE = gettext_noop("PP 94/2021's period by the reference of PP 49/2018 Pasal 52 ayat (3)")
OFFICE_CLOCKS = "office"
NO_CLOCKS = "none"
NO_RULE_PPPK = gettext_noop("no PPPK rule of the instansi is recorded for this day")
NO_RULE_NON_ASN = gettext_noop("no rule of the instansi for non-ASN staff is recorded for this day")
NON_ASN_OBJECTION = gettext_noop(
    "objection as the instansi's rule provides, to the official who signed"
)


def status_of(accused: Accused) -> str:
    return str(accused.employee.status)


def national(accused: Accused) -> bool:
    """Whether the PNS discipline regulation governs this accused (PNS, CPNS)."""
    return status_of(accused) in NATIONAL


def pppk_follows_pns_procedure() -> bool:
    """Whether PP 49/2018 Pasal 52 ayat (3) is read as referring the procedure of imposing a
    PPPK's sanction to the PNS discipline regulation (reading C20; default: not, since the
    stored text breaks off before saying so)."""
    value = getattr(settings, "CASES_PPPK_PNS_PROCEDURE", None)
    if value is None:
        value = env_bool("TEGAK_PPPK_PNS_PROCEDURE", False)
    return bool(value)


def contract_staff_clocks() -> str:
    """What the case file does with a clock no law sets for PPPK or non-ASN staff: keep the
    office's own time limit, labelled as such (`office`, default), or keep none (`none`)."""
    value = str(
        getattr(settings, "CASES_CONTRACT_STAFF_CLOCKS", None)
        or env_str("TEGAK_CONTRACT_STAFF_CLOCKS", OFFICE_CLOCKS)
    )
    if value not in (OFFICE_CLOCKS, NO_CLOCKS):
        raise ImproperlyConfigured(
            f"TEGAK_CONTRACT_STAFF_CLOCKS must be {OFFICE_CLOCKS} or {NO_CLOCKS}, not {value!r}"
        )
    return value


def period_from_law(accused: Accused, pns_basis: str) -> bool:
    """Whether a clock of this accused (`pns_basis`: what it cites for a PNS) is a deadline set by
    law: always for a PNS or CPNS; PP 79/2021's for a PPPK (reading J4); PP 94/2021's for a PPPK
    only by the reference of PP 49/2018 Pasal 52 ayat (3) when the installation reads it so;
    never for non-ASN staff, whose stored rules record no periods."""
    if national(accused):
        return True
    if status_of(accused) not in PPPK:
        return False
    return pns_basis.startswith("PP 79/2021") or pppk_follows_pns_procedure()


def keeps_clock(accused: Accused, pns_basis: str) -> bool:
    """Whether the case file keeps this clock: one the law sets, or the office's own limit unless
    the installation keeps none (`CASES_CONTRACT_STAFF_CLOCKS = "none"`)."""
    return period_from_law(accused, pns_basis) or contract_staff_clocks() != NO_CLOCKS


def _rule(accused: Accused, day: date) -> InstansiRule | None:
    """The instansi's rule for the employee's status in force that day (stored, else built in)."""
    from tegak.law.catalogue import rule_for_status

    return rule_for_status(accused.case.instansi, status_of(accused), day)


def _authority_article(rule: InstansiRule, accused: Accused) -> str:
    """The rule's own article on who decides the finding's level, as the stored rule records it
    (only an article of that rule: a national one it also names is not its own)."""
    level = str((accused.finding or {}).get("level") or "")
    entry = rule.authority.get(level)
    if not entry:
        return ""
    article = entry[1].split(";")[0].strip()
    return article if article.startswith(rule.citation) and article != rule.citation else ""


def _with_note(citation: str, note: str) -> str:
    return f"{citation}{SEPARATOR}{note}" if note else citation


def basis(
    accused: Accused,
    pns_basis: str,
    day: date | None = None,
    *,
    decision: bool = False,
    period: bool = False,
) -> str:
    """What a step (or, with `period`, a clock) of this accused cites on `day` (today when None).

    `pns_basis` is what it cites for a PNS, returned unchanged for a PNS or CPNS. `decision`:
    the step decides, so the rule's article on who decides is cited when it records one.
    For a PNS or CPNS the article of PP 53/2010 for a step before 31 August 2021."""
    day = day or timezone.localdate()
    if national(accused):
        return PP53_BASES.get(pns_basis, pns_basis) if day < PP94_START else pns_basis
    pppk = status_of(accused) in PPPK
    if pppk and pns_basis.startswith("PP 79/2021"):
        return pns_basis
    rule = _rule(accused, day)
    if pppk and pppk_follows_pns_procedure() and pns_basis.startswith(PNS_REGULATIONS):
        # PP 94/2021's procedure by the reference of Pasal 52 ayat (3) (reading C20); who
        # decides stays the rule's article where it records one.
        article = _authority_article(rule, accused) if decision and rule is not None else ""
        if article and not period:
            return f"{PPPK_PROCEDURE} jo. {article}"
        return _with_note(f"{PPPK_PROCEDURE} jo. {pns_basis}", BY_REFERENCE if period else "")
    note = NO_PERIOD if period else NO_ARTICLE
    if rule is None:
        if pppk:
            return _with_note(PPPK_PROCEDURE, NO_RULE_PPPK)
        return NO_RULE_NON_ASN
    citation = rule.citation
    if not pppk and pns_basis.startswith("PP 79/2021"):
        return _with_note(citation, NON_ASN_OBJECTION)
    article = _authority_article(rule, accused) if decision else ""
    cited = article or citation
    if article and not period:
        note = ""
    if pppk:
        cited = f"{PPPK_PROCEDURE} jo. {cited}"
    return _with_note(cited, note)


def stored_basis(stored: str, accused: Accused, day: date, *, period: bool = False) -> str:
    """A stored basis, corrected when it was stored with a PNS regulation for a PPPK or non-ASN
    employee (before 2026-12-07), or with PP 94/2021 or PP 79/2021 for a PNS's step before 31
    August 2021; any other text stays."""
    if national(accused):
        return basis(accused, stored, day, period=period)
    if not stored.startswith(PNS_REGULATIONS):
        return stored
    return basis(accused, stored, day, period=period)


def stored_clock_basis(clock: Clock) -> str:
    """A stored clock's basis, corrected as `stored_basis` (the rule in force on the due day)."""
    return stored_basis(clock.basis, clock.accused, clock.due, period=True)


def step_basis(accused: Accused, step_name: str, day: date | None = None) -> str:
    """The basis of a step of the procedure table for this accused (the form shows it)."""
    from tegak.cases.workflow import STEPS

    return basis(
        accused,
        STEPS[step_name].basis,
        day,
        decision=step_name in {"decision_take", "decision_amend"},
    )
