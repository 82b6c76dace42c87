"""`assess`: which regulation, which level, which sanction, who decides, who examines.

Facts in (CONTRACTS.md `tegak rules assess`), a finding out with every article it rests on.
Which regulation governs follows the transition (PP 94/2021 Pasal 40-42); PPPK and non-ASN staff
follow their instansi's rule (PP 49/2018 Pasal 52); several offences give one sanction, the
heaviest, and a repeat of a similar offence a heavier one than the last (Pasal 35).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, TypedDict

from tegak.rules.authority import (
    INSTANSI_LEVELS,
    POSITIONS,
    SUPERIOR_KINDS,
    Authority,
    is_superior_kind,
    pp94_authority,
)
from tegak.rules.authority_pp53 import ESELON, GOLONGAN, JENJANG, pp53_authority, pp53_post
from tegak.rules.catalog import (
    COUNTERPARTS,
    PROVISIONS,
    REGULATIONS,
    Provision,
)
from tegak.rules.catalog import provision as catalog_provision
from tegak.rules.config import DEFAULT_CONFIG, ENGINE_VERSION, RulesConfig, RulesInputError
from tegak.rules.findings import (
    CITATION,
    MORAL_SANCTIONS,
    PP42,
    PP49,
    PP53,
    PP53_START,
    PP94,
    PP94_START,
    Employee,
    OffenceFinding,
    Regime,
    Say,
    apply_repeat,
    governing_provision,
    level_for_offence,
    level_of,
    parse_absence,
    pasal_35,
    rank_of,
    regime_for,
)
from tegak.rules.instansi import (
    EMPLOYEE_STATUSES,
    InstansiRule,
    find_instansi_rule,
    instansi_rule,
    rule_from_dict,
)
from tegak.rules.messages import Text, as_text, say
from tegak.rules.parsing import optional_date, parse_date, require_object
from tegak.rules.sanctions import LEVEL_RANK, SANCTIONS

PP11_START = date(2017, 4, 7)  # PP 11/2017 (Manajemen PNS), in force on promulgation

# ---------------------------------------------------------------------------------------------
# Reading the request


def _flag(data: dict[str, Any], key: str, path: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RulesInputError(f"{path}.{key}", "must be true or false")
    return value


def _employee(raw: Any) -> Employee:
    data = require_object(raw, "employee")
    status = data.get("status")
    if status not in EMPLOYEE_STATUSES:
        raise RulesInputError(
            "employee.status",
            say(
                "unknown status {status!r}; expected one of {EMPLOYEE_STATUSES}",
                status=status,
                EMPLOYEE_STATUSES=EMPLOYEE_STATUSES,
            ),
        )
    position = data.get("position")
    if position not in POSITIONS:
        raise RulesInputError(
            "employee.position", say("unknown position {position!r}", position=position)
        )
    level = data.get("instansi_level")
    if level not in INSTANSI_LEVELS:
        raise RulesInputError(
            "employee.instansi_level",
            say(
                "unknown instansi level {level!r}; expected {INSTANSI_LEVELS}",
                level=level,
                INSTANSI_LEVELS=INSTANSI_LEVELS,
            ),
        )
    instansi = data.get("instansi")
    if instansi is not None and not isinstance(instansi, str):
        raise RulesInputError("employee.instansi", "must be an instansi code")
    chain = data.get("chain")
    if chain is not None:
        if not isinstance(chain, list):
            raise RulesInputError("employee.chain", "must be a list of position kinds")
        for index, item in enumerate(chain):
            if not is_superior_kind(item):
                raise RulesInputError(
                    f"employee.chain[{index}]",
                    say(
                        "unknown superior {item!r}; use {SUPERIOR_KINDS}",
                        item=item,
                        SUPERIOR_KINDS=SUPERIOR_KINDS,
                    ),
                )
        chain = tuple(chain)
    eselon = data.get("eselon")
    if eselon is not None and eselon not in ESELON:
        raise RulesInputError(
            "employee.eselon",
            say("unknown eselon {eselon!r}; expected one of: I, II, III, IV, V", eselon=eselon),
        )
    golongan = data.get("golongan")
    if golongan is not None and golongan not in GOLONGAN:
        raise RulesInputError(
            "employee.golongan",
            say(
                "unknown golongan {golongan!r}; expected one of: {golongan2}",
                golongan=golongan,
                golongan2=", ".join(GOLONGAN),
            ),
        )
    jenjang = data.get("jenjang")
    if jenjang is not None and jenjang not in JENJANG:
        raise RulesInputError(
            "employee.jenjang",
            say(
                "unknown jenjang {jenjang!r}; expected one of: {jenjang2}",
                jenjang=jenjang,
                jenjang2=", ".join(JENJANG),
            ),
        )
    return Employee(
        status=str(status),
        position=str(position),
        instansi_level=str(level),
        instansi=instansi,
        chain=chain,
        is_ppk=_flag(data, "is_ppk", "employee"),
        appointed_by_president=_flag(data, "appointed_by_president", "employee"),
        direct_superior_involved=_flag(data, "direct_superior_involved", "employee"),
        eselon=eselon,
        golongan=golongan,
        jenjang=jenjang,
        sekretaris_daerah=_flag(data, "sekretaris_daerah", "employee"),
    )


def _known_provision(
    provision_id: Any,
    path: str,
    rule: InstansiRule | None,
    rules: Sequence[InstansiRule] | None = None,
) -> Provision:
    if not isinstance(provision_id, str):
        raise RulesInputError(path, "must be a provision id such as pp-94-2021:4:f")
    found = PROVISIONS.get(provision_id)
    if found is None and rule is not None:
        found = rule.provisions.get(provision_id)
    for candidate in rules or ():
        if found is not None:
            break
        found = candidate.provisions.get(provision_id)
    if found is None and provision_id.startswith("local:"):
        try:
            found = catalog_provision(provision_id)
        except KeyError:
            found = None
    if found is None:
        raise RulesInputError(
            path, say("unknown provision {provision_id!r}", provision_id=provision_id)
        )
    return found


def _resolve_rule(
    payload: dict[str, Any], employee: Employee, rules: Sequence[InstansiRule] | None
) -> InstansiRule | None:
    """The instansi rule the request names (by id or as an object), before it is checked."""
    raw = payload.get("instansi_rule")
    if raw is None:
        return None
    if isinstance(raw, str):
        for candidate in rules or ():
            if candidate.id == raw:
                return candidate
        try:
            return instansi_rule(raw)
        except KeyError:
            raise RulesInputError(
                "instansi_rule", say("unknown instansi rule {raw!r}", raw=raw)
            ) from None
    data = require_object(raw, "instansi_rule")
    parts = str(data.get("id", "")).split(":")
    code = employee.instansi or (parts[1] if len(parts) > 2 else "")
    return rule_from_dict(data, instansi=code, path="instansi_rule")


def _rule_set_aside(
    rule: InstansiRule, employee: Employee, days: list[date], as_of: date
) -> Say | None:
    """Why a named instansi rule cannot govern this employee and these offences, or None.

    PP 94/2021 Pasal 7 puts every PNS under PP 94 (Pasal 43: CPNS too); PP 49/2018 Pasal 52(1)
    delegates only PPPK discipline to the instansi; a rule reaches only acts done while it was
    in force, and only if it was in force by `as_of`.
    """
    if employee.status not in rule.applies_to:
        if employee.status in ("PNS", "CPNS"):
            law = "PP 94/2021 Pasal 7" if employee.status == "PNS" else "PP 94/2021 Pasal 43"
            return say(
                "The instansi rule {id} ({citation}) is not applied: it is for "
                "{applies_to_rule}, and a {status} is governed by the national "
                "discipline regulation ({law}; PP 49/2018 Pasal 52 ayat (1) delegates "
                "only PPPK discipline to the instansi)",
                id=rule.id,
                citation=rule.citation,
                applies_to_rule=", ".join(rule.applies_to),
                status=employee.status,
                law=law,
            )
        return say(
            "The instansi rule {id} ({citation}) is not applied: it is for "
            "{applies_to_rule}, not for {status}",
            id=rule.id,
            citation=rule.citation,
            applies_to_rule=", ".join(rule.applies_to),
            status=employee.status,
        )
    until: date | str = rule.in_force_until or "-"
    for day in days:
        if not rule.in_force_on(day):
            return say(
                "The instansi rule {id} ({citation}, in force {in_force_from} to "
                "{until}) is not applied: it was not in force on {day}, when the offence "
                "was committed; a rule reaches only acts done while it is in force",
                id=rule.id,
                citation=rule.citation,
                in_force_from=rule.in_force_from,
                until=until,
                day=day,
            )
    if rule.in_force_from > as_of:
        return say(
            "The instansi rule {id} ({citation}) is not applied: it takes effect on "
            "{in_force_from}, after the assessment date {as_of}",
            id=rule.id,
            citation=rule.citation,
            in_force_from=rule.in_force_from,
            as_of=as_of,
        )
    return None


def _find_rule(
    employee: Employee, days: list[date], as_of: date, rules: Sequence[InstansiRule] | None
) -> tuple[InstansiRule | None, Say | None]:
    """The instansi's rule in force on every offence day (and known on `as_of`)."""
    if not employee.instansi:
        return None, None
    found: dict[str | None, InstansiRule | None] = {}
    for day in days:
        rule = find_instansi_rule(
            employee.instansi, employee.status, day, known_on=as_of, rules=rules
        )
        found[rule.id if rule is not None else None] = rule
    if len(found) == 1:
        return next(iter(found.values())), None
    if None in found:
        return None, None
    ids = ", ".join(sorted(key for key in found if key is not None))
    return None, say(
        "The offences fall under different versions of the instansi's rule "
        "({ids}); assess them separately",
        ids=ids,
    )


# ---------------------------------------------------------------------------------------------
# The whole assessment


def _examination_team(level: str | None, regime: Regime) -> tuple[str, list[str]]:
    if level is None:
        return "none", []
    if regime.rule is not None:
        return regime.rule.examination_team.get(level, "none"), [regime.rule.citation]
    if regime.regulation == PP53:
        return ("optional", ["PP 53/2010 Pasal 25 ayat (1)"]) if level != "ringan" else ("none", [])
    if level == "sedang":
        return "optional", ["PP 94/2021 Pasal 29 ayat (1)"]
    if level == "berat":
        return "required", ["PP 94/2021 Pasal 29 ayat (2)"]
    return "none", []


def _pp53_authority(sanction: str | None, employee: Employee) -> Authority:
    """PP 53/2010 Pasal 15-22 (assessments before 31 August 2021)."""
    post = pp53_post(
        position=employee.position,
        eselon=employee.eselon,
        golongan=employee.golongan,
        jenjang=employee.jenjang,
        sekretaris_daerah=employee.sekretaris_daerah,
        instansi_level=employee.instansi_level,
    )
    if post is None:
        pay_grade = employee.position == "pelaksana"
        needed = "employee.golongan" if pay_grade else "employee.jenjang"
        what = say("pay grade (golongan ruang)") if pay_grade else say("functional grade")
        return Authority(
            None,
            ("PP 53/2010 Pasal 15-20",),
            review=say(
                "PP 53/2010 gives authority over a {position} by their {what} (Pasal "
                "16, 18, 20); give {needed}",
                position=employee.position,
                what=what,
                needed=needed,
            ),
        )
    found = (
        pp53_authority(
            post=post,
            instansi_level=employee.instansi_level,
            sanction=sanction,
            chain=employee.chain,
            position=employee.position,
            appointed_by_president=employee.appointed_by_president,
        )
        if sanction is not None
        else None
    )
    if found is None:
        return Authority(
            None,
            ("PP 53/2010 Pasal 15-22",),
            review=say(
                "No article of PP 53/2010 Pasal 15-20 names the official for this post "
                "and sanction; a person decides (Pasal 22 passes the authority to the "
                "next higher official)"
            ),
        )
    return found


def _authority(
    level: str | None, sanction: str | None, employee: Employee, regime: Regime, config: RulesConfig
) -> Authority:
    if level is None:
        return Authority(None, ())
    if regime.rule is not None:
        role, basis = regime.rule.authority.get(level, ("instansi_rule", regime.rule.citation))
        official = regime.rule.officials.get(level)
        return Authority(role, (basis,), official=official)
    if regime.regulation == PP53:
        return _pp53_authority(sanction, employee)
    return pp94_authority(
        position=employee.position,
        instansi_level=employee.instansi_level,
        level=level,
        sanction=sanction,
        chain=employee.chain,
        is_ppk=employee.is_ppk,
        appointed_by_president=employee.appointed_by_president,
        config=config,
    )


def _priors(
    raw: Any, as_of: date, rule: InstansiRule | None
) -> list[tuple[date, str, str | None, int]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RulesInputError("prior_sanctions", "must be a list")
    priors = []
    for index, item in enumerate(raw):
        path = f"prior_sanctions[{index}]"
        data = require_object(item, path)
        code = data.get("sanction")
        known = isinstance(code, str) and (
            code in SANCTIONS or (rule is not None and rule.sanction(code) is not None)
        )
        if not known:
            raise RulesInputError(f"{path}.sanction", say("unknown sanction {code!r}", code=code))
        provision_id = data.get("provision")
        if provision_id is not None:
            _known_provision(provision_id, f"{path}.provision", rule)
        decided_on = parse_date(data.get("decided_on"), f"{path}.decided_on")
        if decided_on > as_of:
            raise RulesInputError(f"{path}.decided_on", "is after as_of")
        priors.append((decided_on, str(code), provision_id, index))
    return priors


def _pp53_comparison(
    finding: OffenceFinding,
    provision: Provision,
    offence: dict[str, Any],
    path: str,
    employee: Employee,
    config: RulesConfig,
    committed_on: date,
    *,
    straddling: bool = False,
) -> Say | None:
    """For an offence committed before 31 August 2021 and judged under PP 94/2021 (Pasal
    40(3)-(4)): a review note when PP 53/2010, the law when it was committed, was lighter.
    `straddling`: an attendance count of 2021 committed later, whose days may include some
    before 31 August (compared as if weighed on 30 August)."""
    if finding.sanction is None or finding.ethics:
        return None
    old_id = (
        provision.id if provision.regulation_id == PP53 else COUNTERPARTS.get(finding.provision)
    )
    if old_id is None or old_id not in PROVISIONS:
        return None
    old = OffenceFinding(index=finding.index, provision=old_id, committed_on=committed_on)
    regime = Regime(PP53, None, False)
    try:
        level_for_offence(
            old, PROVISIONS[old_id], offence, path, employee, regime, config, committed_on
        )
    except RulesInputError:
        return None
    if old.review or finding.level is None:
        return None  # nothing certain to compare with
    if old.sanction is None or old.level is None:
        gave: Text | str = say("no sanction ({basis})", basis=", ".join(old.basis[:1]))
    else:
        new_rank = rank_of(finding.sanction, Regime(PP94, None, False))
        old_rank = rank_of(old.sanction, regime)
        if LEVEL_RANK[finding.level] <= LEVEL_RANK[old.level] and new_rank <= old_rank:
            return None
        gave = f"{old.sanction} ({old.level}, {', '.join(old.basis[:1])})"
    if straddling:
        return say(
            "offences[{index}] counts the unexcused days of 2021, which may include days "
            "before 31 August 2021, when PP 53/2010 governed and gave {gave} for the same "
            "count; PP 94/2021 gives the heavier {sanction} ({level}). Pasal 40 ayat (3) "
            "applies PP 94/2021, but the days before it raise non-retroactivity: a person "
            "decides",
            index=finding.index,
            gave=gave,
            sanction=finding.sanction,
            level=finding.level,
        )
    return say(
        "offences[{index}] was committed on {committed_on}, under PP 53/2010, "
        "which gave {gave}; PP 94/2021 gives the heavier {sanction} "
        "({level}). Pasal 40 ayat (3) applies PP 94/2021, but a heavier penalty "
        "than the law at the time of the act raises non-retroactivity (the "
        "lighter law for the accused): a person decides",
        index=finding.index,
        committed_on=committed_on,
        gave=gave,
        sanction=finding.sanction,
        level=finding.level,
    )


class OffenceAnswer(TypedDict):
    """One offence's own level and sanction in the answer."""

    provision: str
    level: str | None
    sanction: str | None
    allowed_sanctions: list[str]
    basis: list[str]


class Finding(TypedDict):
    """The answer of `assess` (CONTRACTS.md `tegak rules assess`), typed; the JSON is the same."""

    regulation: str | None
    regulation_id: str | None
    level: str | None
    sanction: str | None
    allowed_sanctions: list[str]
    basis: list[str]
    examination_team: str
    examination_team_basis: list[str]
    authority: dict[str, Any]
    human_review: list[str]
    human_review_id: list[str]
    notes: list[str]
    notes_id: list[str]
    sanction_labels: dict[str, dict[str, str]]
    offences: list[OffenceAnswer]
    consequences: list[dict[str, str]]
    moral_sanctions: list[str]
    as_of: str
    engine_version: str
    instansi_rule_version: str | None


def _assess_one(
    payload: Any,
    config: RulesConfig,
    today: date | None,
    rules: Sequence[InstansiRule] | None = None,
) -> Finding:
    data = require_object(payload, "$")
    raw_as_of = data.get("as_of")
    as_of = parse_date(raw_as_of, "as_of") if raw_as_of is not None else today or date.today()
    employee = _employee(data.get("employee"))
    named = _resolve_rule(data, employee, rules)
    offences = data.get("offences")
    if not isinstance(offences, list) or not offences:
        raise RulesInputError("offences", "must be a non-empty list")
    human_review: list[Say] = []
    notes: list[Say] = []
    parsed = []
    for index, raw in enumerate(offences):
        path = f"offences[{index}]"
        offence = require_object(raw, path)
        provision = _known_provision(offence.get("provision"), f"{path}.provision", named, rules)
        committed_on = parse_date(offence.get("committed_on"), f"{path}.committed_on")
        if committed_on > as_of:
            raise RulesInputError(f"{path}.committed_on", "is after as_of")
        examined_on = optional_date(offence.get("examined_on"), f"{path}.examined_on")
        if offence.get("absence") is not None:
            parse_absence(offence["absence"], path, committed_on)
        if examined_on is not None and not committed_on <= examined_on <= as_of:
            raise RulesInputError(f"{path}.examined_on", "must lie between committed_on and as_of")
        parsed.append((index, path, offence, provision, committed_on, examined_on))
    days = [item[4] for item in parsed]

    rule: InstansiRule | None = None
    if named is not None:
        reason = _rule_set_aside(named, employee, days, as_of)
        if reason is None:
            rule = named
        else:
            notes.append(reason)
    if rule is None and employee.status in ("PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"):
        rule, split = _find_rule(employee, days, as_of, rules)
        if split is not None:
            human_review.append(split)
        if rule is None:
            day = max(days)
            if split is None and employee.instansi is None:
                human_review.append(
                    say(
                        "{status} staff follow their instansi's own discipline rule (PP 49/2018 "
                        "Pasal 52 for PPPK; the contract for non-ASN): give employee.instansi, "
                        "or the rule itself in instansi_rule",
                        status=employee.status,
                    )
                )
            elif split is None:
                human_review.append(
                    say(
                        "{status} staff follow their instansi's own discipline rule (PP 49/2018 "
                        "Pasal 52 for PPPK; the contract for non-ASN); no such rule is known for "
                        "instansi {instansi!r} on {day}",
                        status=employee.status,
                        instansi=employee.instansi,
                        day=day,
                    )
                )
            for _, _, _, provision, _, _ in parsed:
                if provision.id == "pp-49-2018:59:1":
                    notes.append(
                        say(
                            "A breach of the obligations or prohibitions of the PPPK contract is "
                            "a berat violation that ends the contract with honour, not at own "
                            "request "
                            "(PP 49/2018 Pasal 59 ayat (1), Pasal 53 ayat (2) huruf b)"
                        )
                    )
            return _answer(
                regulation=None,
                level=None,
                sanction=None,
                allowed=[],
                basis=["PP 49/2018 Pasal 52"],
                team="none",
                authority=Authority("instansi_rule", ()),
                review=human_review,
                notes=notes,
                findings=[],
                regime=None,
                as_of=as_of,
            )
    regime = regime_for(as_of, employee, rule, config)
    basis_extra: list[str] = []
    if employee.status == "CPNS":
        if regime.regulation == PP53:
            notes.append(say("PP 53/2010 applies to CPNS as well (Pasal 2)"))
            basis_extra.append("PP 53/2010 Pasal 2")
        else:
            notes.append(say("PP 94/2021 applies to CPNS mutatis mutandis (Pasal 43)"))
            basis_extra.append("PP 94/2021 Pasal 43")
    if regime.rule is not None:
        delegation = "; ".join(regime.rule.delegation)
        notes.append(
            say(
                "Governed by {citation} ({delegation})",
                citation=regime.rule.citation,
                delegation=delegation,
            )
        )
    priors = _priors(data.get("prior_sanctions"), as_of, regime.rule)

    findings: list[OffenceFinding] = []
    for index, path, offence, provision, committed_on, examined_on in parsed:
        finding = OffenceFinding(index=index, provision=provision.id, committed_on=committed_on)
        if committed_on < PP53_START and regime.rule is None and provision.regulation_id != PP42:
            finding.review.append(
                say(
                    "{path}: committed before PP 53/2010 was in force (6 June 2010); earlier "
                    "regulations are not encoded",
                    path=path,
                )
            )
            findings.append(finding)
            continue
        governing = governing_provision(provision, finding, regime, committed_on, examined_on)
        if governing is not None:
            transition_basis = list(finding.basis)
            level_for_offence(
                finding, governing, offence, path, employee, regime, config, committed_on
            )
            finding.basis = [*finding.basis, *transition_basis]
            if (
                regime.rule is not None
                and regime.rule.levels_basis
                and governing.regulation_id not in (regime.rule.id, PP49)
            ):
                finding.basis.append(regime.rule.levels_basis)
            if regime.rule is None and regime.regulation == PP94 and committed_on < PP94_START:
                lighter = _pp53_comparison(
                    finding, provision, offence, path, employee, config, committed_on
                )
                if lighter is not None:
                    finding.review.append(lighter)
            elif (
                regime.rule is None
                and regime.regulation == PP94
                and finding.absence_year == PP94_START.year
            ):
                # The year's count may hold days before PP 94/2021 (in force 31 August 2021).
                lighter = _pp53_comparison(
                    finding,
                    provision,
                    offence,
                    path,
                    employee,
                    config,
                    PP94_START - timedelta(days=1),
                    straddling=True,
                )
                if lighter is not None:
                    finding.review.append(lighter)
        finding.rank = rank_of(finding.sanction, regime) if finding.sanction else 0
        apply_repeat(finding, priors, regime, config, employee)
        findings.append(finding)

    counts_by_year: dict[int, list[int]] = {}
    for finding in findings:
        if finding.absence_year is not None:
            counts_by_year.setdefault(finding.absence_year, []).append(finding.index)
    for year, indexes in sorted(counts_by_year.items()):
        if len(indexes) > 1:
            # One cumulative count per year (Pasal 15 ayat (1)): two counts are either running
            # totals (the larger holds the other) or separate stretches (to be added).
            human_review.append(
                say(
                    "offences {indexes} each give a count of unexcused days for {year}: the days "
                    "of a year are counted cumulatively (PP 94/2021 Pasal 15 ayat (1)), so give "
                    "one count for the year, or a person decides whether they add up",
                    indexes=", ".join(f"[{index}]" for index in indexes),
                    year=year,
                )
            )
    for finding in findings:
        human_review.extend(finding.review)
        notes.extend(finding.notes)
    decided = [finding for finding in findings if finding.sanction is not None]
    if not decided:
        level = None
        sanction = None
        allowed: list[str] = []
        basis = [item for finding in findings for item in finding.basis]
    else:
        heaviest = max(decided, key=lambda finding: (finding.rank, -finding.index))
        level, sanction, allowed = heaviest.level, heaviest.sanction, list(heaviest.allowed)
        basis = list(heaviest.basis)
        if len(findings) > 1:
            basis.append(pasal_35(regime, 1))
            notes.append(
                say(
                    "{findings} offences examined together give one sanction, the heaviest "
                    "(offences[{index}])",
                    findings=len(findings),
                    index=heaviest.index,
                )
            )
    basis.extend(basis_extra)
    consequences: list[dict[str, str]] = []
    if employee.status == "CPNS" and level in ("sedang", "berat"):
        if as_of >= PP11_START:
            consequences.append(
                {"code": "pemberhentian_cpns", "basis": "PP 11/2017 Pasal 37 ayat (2) huruf c"}
            )
            notes.append(
                say(
                    "A CPNS proven to have committed a {level} violation is dismissed as "
                    "CPNS (PP 11/2017 Pasal 37 ayat (2) huruf c), besides the disciplinary "
                    "sanction",
                    level=level,
                )
            )
        else:
            human_review.append(
                say(
                    "The dismissal of a CPNS for a sedang or berat violation before PP "
                    "11/2017 (in force 7 April 2017) is not encoded; a person decides"
                )
            )
    team, team_basis = _examination_team(level, regime)
    if team != "none" and employee.direct_superior_involved and regime.rule is None:
        team_basis.append("PP 94/2021 Pasal 29 ayat (6)")
        notes.append(
            say(
                "The direct superior is involved in the offence: the next superior up "
                "sits on the examination team instead (PP 94/2021 Pasal 29 ayat (6))"
            )
        )
    authority = _authority(level, sanction, employee, regime, config)
    if authority.review:
        human_review.append(authority.review)
    if sanction in ("pdh_taps", "ptdh") and regime.rule is None and regime.regulation == PP94:
        notes.append(
            say(
                "Dismissal recorded as {sanction} (setting berat_dismissal). PP 94/2021 "
                "Pasal 8 ayat (4) huruf c says PDH-TAPS; UU 20/2023 Pasal 52 ayat (4) "
                "classifies dismissal for a berat violation as PTDH "
                "(docs/legal-questions.md)",
                sanction=sanction,
            )
        )
    notes.extend(as_text(note) for note in config.extra_notes)
    return _answer(
        regulation=regime.regulation,
        level=level,
        sanction=sanction,
        allowed=allowed,
        basis=basis,
        team=team,
        authority=authority,
        review=human_review,
        notes=notes,
        findings=findings,
        regime=regime,
        as_of=as_of,
        team_basis=team_basis,
        consequences=consequences,
    )


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _labels(codes: list[str | None], regime: Regime | None) -> dict[str, dict[str, str]]:
    """Indonesian and English names of the sanction codes in the answer."""
    labels: dict[str, dict[str, str]] = {}
    for code in codes:
        if code is None or code in labels:
            continue
        national = SANCTIONS.get(code)
        local = regime.rule.sanction(code) if regime is not None and regime.rule else None
        if local is not None:
            labels[code] = {"id": local.label_id, "en": local.label_en}
        elif national is not None:
            labels[code] = {"id": national.label_id, "en": national.label_en}
    return labels


def _split(messages: list[Say]) -> tuple[list[str], list[str]]:
    """English and Indonesian texts, duplicates removed, in the same order."""
    unique = list(dict.fromkeys(messages))
    return [message.en for message in unique], [message.id for message in unique]


def _answer(
    *,
    regulation: str | None,
    level: str | None,
    sanction: str | None,
    allowed: list[str],
    basis: list[str],
    team: str,
    authority: Authority,
    review: list[Say],
    notes: list[Say],
    findings: list[OffenceFinding],
    regime: Regime | None,
    as_of: date,
    team_basis: list[str] | None = None,
    consequences: list[dict[str, str]] | None = None,
) -> Finding:
    if regulation is None:
        regulation_name = None
    elif regime is not None and regime.rule is not None:
        regulation_name = regime.rule.citation
    else:
        regulation_name = CITATION.get(regulation) or REGULATIONS[regulation].citation
    review_en, review_id = _split(review)
    notes_en, notes_id = _split(notes)
    authority_answer: dict[str, Any] = {
        "role": authority.role,
        "basis": list(authority.basis),
        # The office that holds the power where the regulation names one (PP 53: an echelon).
        "official": authority.official,
    }
    rule = regime.rule if regime is not None else None
    if rule is not None and level is not None and level in rule.officials:
        # Who imposes, in the instansi rule's own words (the role code stays as it is).
        authority_answer["official"] = rule.officials[level]
    if rule is not None and level is not None and level in rule.holders:
        # The office the case file resolves in the registry on the step's day.
        authority_answer["holder"] = rule.holders[level]
    return {
        "regulation": regulation_name,
        "regulation_id": regulation,
        "level": level,
        "sanction": sanction,
        "allowed_sanctions": allowed,
        "basis": _dedupe(basis),
        "examination_team": team,
        "examination_team_basis": team_basis or [],
        "authority": authority_answer,
        "human_review": review_en,
        "human_review_id": review_id,
        "notes": notes_en,
        "notes_id": notes_id,
        "sanction_labels": _labels([*allowed, sanction], regime),
        "offences": [
            {
                "provision": finding.provision,
                "level": finding.level,
                "sanction": finding.sanction,
                "allowed_sanctions": finding.allowed,
                "basis": _dedupe(finding.basis),
            }
            for finding in findings
        ],
        "consequences": consequences or [],
        "moral_sanctions": list(MORAL_SANCTIONS)
        if any(finding.ethics for finding in findings)
        else [],
        "as_of": as_of.isoformat(),
        "engine_version": ENGINE_VERSION,
        # The stored version of the instansi rule used (the agency's own label), so a finding
        # keeps the version it relied on.
        "instansi_rule_version": rule.version if rule is not None and rule.version else None,
    }


def assess(
    payload: dict[str, Any],
    *,
    config: RulesConfig | None = None,
    today: date | None = None,
    rules: Sequence[InstansiRule] | None = None,
) -> Finding:
    """Answer the `tegak rules assess` request (CONTRACTS.md) for one JSON object.

    `rules`: the instansi rules to look up instead of the built-in ones (a rule pack's, or the
    agency's stored rules); a named `instansi_rule` id is looked up there first.
    """
    return _assess_one(payload, config or DEFAULT_CONFIG, today, rules)


def authority_for(
    payload: dict[str, Any],
    sanction: str,
    *,
    config: RulesConfig | None = None,
    today: date | None = None,
    rules: Sequence[InstansiRule] | None = None,
) -> dict[str, Any]:
    """Who may impose the type `sanction` on the employee of an `assess` request, on its `as_of`
    day: the level of the type and the authority the engine gives for it, in the shape of a
    finding's `authority`. For a PNS or CPNS a national type (PP 94/2021 Pasal 16-25, or PP
    53/2010 Pasal 15-22 before 31 August 2021); for PPPK and non-ASN staff a type of the
    instansi's rule behind the finding (the named one, else the one in force on the offences'
    days, from `rules` as `assess` reads them), with who imposes it under that rule (PP 49/2018
    Pasal 52 ayat (1); the contract). The case file uses it to refuse a type outside the allowed
    set (Pasal 24(3)) of a level the official authorised for the finding may not impose
    (docs/legal-questions.md readings C15, C21). Without an instansi rule for a PPPK or non-ASN
    employee nobody is named (`role` None)."""
    config = config or DEFAULT_CONFIG
    data = require_object(payload, "$")
    raw_as_of = data.get("as_of")
    as_of = parse_date(raw_as_of, "as_of") if raw_as_of is not None else today or date.today()
    employee = _employee(data.get("employee"))
    rule: InstansiRule | None = None
    if employee.status in ("PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"):
        raw_offences = data.get("offences")
        offences: list[Any] = raw_offences if isinstance(raw_offences, list) else []
        days = [
            parse_date(item.get("committed_on"), f"offences[{index}].committed_on")
            for index, item in enumerate(offences)
            if isinstance(item, dict)
        ] or [as_of]
        named = _resolve_rule(data, employee, rules)
        if named is not None and _rule_set_aside(named, employee, days, as_of) is None:
            rule = named
        else:
            rule, _split = _find_rule(employee, days, as_of, rules)
        if rule is None:
            return {
                "level": None,
                "role": None,
                "basis": [],
                "official": None,
                "regulation_id": None,
            }
    regime = regime_for(as_of, employee, rule, config)
    level = level_of(sanction, regime)
    found = _authority(level, sanction, employee, regime, config)
    answer: dict[str, Any] = {
        "level": level,
        "role": found.role,
        "basis": list(found.basis),
        "official": found.official,
        "regulation_id": regime.regulation,
    }
    if rule is not None and level is not None and level in rule.officials:
        answer["official"] = rule.officials[level]
    if rule is not None and level is not None and level in rule.holders:
        answer["holder"] = rule.holders[level]
    return answer
