"""The finding for one offence: level and sanction types (PP 94/2021 Pasal 8-15), the
transition between PP 53/2010 and PP 94/2021 (Pasal 40-42), and repeat offences (Pasal 35(2)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tegak.rules.catalog import (
    ATTENDANCE_BANDS,
    CONSECUTIVE_RULES,
    COUNTERPARTS,
    IMPACTS,
    PROVISIONS,
    AttendanceBand,
    Provision,
)
from tegak.rules.config import RulesConfig, RulesInputError
from tegak.rules.instansi import (
    InstansiRule,
)
from tegak.rules.messages import Text, as_text, say
from tegak.rules.parsing import non_negative_int, require_object
from tegak.rules.sanctions import (
    INTERIM_SEDANG,
    LEVEL_RANK,
    LEVELS,
    PP53_TYPES,
    PP94_TYPES,
    SANCTIONS,
)

# A message in English and in Bahasa Indonesia (the package returns both; no Django gettext).
Say = Text

PP94 = "pp-94-2021"
PP53 = "pp-53-2010"
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
PP53_START = date(2010, 6, 6)
PP42 = "pp-42-2004"
PP49 = "pp-49-2018"
ATTENDANCE_PROVISIONS = frozenset({"pp-94-2021:4:f", "pp-53-2010:3:11"})
CITATION = {PP94: "PP 94/2021", PP53: "PP 53/2010"}


@dataclass(slots=True)
class OffenceFinding:
    """The finding for one offence before offences are combined."""

    index: int
    provision: str
    level: str | None = None
    sanction: str | None = None
    allowed: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    notes: list[Say] = field(default_factory=list)
    review: list[Say] = field(default_factory=list)
    rank: int = 0
    attendance: bool = False
    ethics: bool = False
    committed_on: date | None = None
    absence_year: int | None = None  # the year of an attendance count


@dataclass(slots=True)
class Employee:
    status: str
    position: str
    instansi_level: str
    instansi: str | None
    chain: tuple[str, ...] | None
    is_ppk: bool
    appointed_by_president: bool
    direct_superior_involved: bool
    # PP 53/2010 classes posts by echelon, functional grade and pay grade (Pasal 15-20).
    eselon: str | None = None
    golongan: str | None = None
    jenjang: str | None = None
    sekretaris_daerah: bool = False


@dataclass(slots=True)
class Regime:
    """What governs the assessment: a regulation, or an instansi rule."""

    regulation: str  # pp-94-2021 | pp-53-2010 | an instansi rule id
    rule: InstansiRule | None
    interim_sedang: bool


# ---------------------------------------------------------------------------------------------
# Levels and sanctions


def sanction_types(regime: Regime, level: str, config: RulesConfig) -> list[str]:
    if regime.rule is not None:
        return [item.code for item in regime.rule.sanctions.get(level, ())]
    if regime.regulation == PP53:
        return list(PP53_TYPES[level])
    types = list(PP94_TYPES[level])
    if level == "sedang" and regime.interim_sedang:
        return [INTERIM_SEDANG[code] for code in types]
    if level == "berat":
        types[-1] = config.berat_dismissal
    return types


# Types that need a post the employee does not hold (a pelaksana has no structural or functional
# post to be released from or moved down from).
NEEDS_POST: dict[str, Say] = {
    "pembebasan_jabatan_12_bulan": say(
        "PP 94/2021 Penjelasan Pasal 8 ayat (4) huruf b: release to a pelaksana "
        "post is from a high, administrator, supervisor or functional post"
    ),
    "pemindahan_penurunan_jabatan": say(
        "PP 53/2010 Pasal 10 angka 9 huruf b and Penjelasan Pasal 7 ayat (4) "
        "huruf c: a post is a structural or functional (tertentu) post"
    ),
    "pembebasan_jabatan": say(
        "PP 53/2010 Pasal 10 angka 9 huruf c and Penjelasan Pasal 7 ayat (4) "
        "huruf c: a post is a structural or functional (tertentu) post"
    ),
}


def unlawful_reason(code: str, employee: Employee | None, regime: Regime) -> Say | None:
    """Why `code` cannot be chosen for this employee, or None when it can."""
    if employee is None or regime.rule is not None:
        return None
    if employee.position == "pelaksana":
        return NEEDS_POST.get(code)
    return None


def lawful_types(
    codes: list[str], employee: Employee | None, regime: Regime
) -> tuple[list[str], list[tuple[str, Say]]]:
    """The codes this employee may be given, and the others with the reason."""
    kept: list[str] = []
    removed: list[tuple[str, Say]] = []
    for code in codes:
        reason = unlawful_reason(code, employee, regime)
        if reason is None:
            kept.append(code)
        else:
            removed.append((code, reason))
    return kept, removed


def rank_of(code: str, regime: Regime) -> int:
    national = SANCTIONS.get(code)
    if national is not None:
        return national.rank
    if regime.rule is not None:
        local = regime.rule.sanction(code)
        if local is not None:
            return local.rank
    return 0


def level_of(code: str, regime: Regime) -> str | None:
    if regime.rule is not None:
        local = regime.rule.sanction(code)
        if local is not None:
            return local.level
    national = SANCTIONS.get(code)
    return national.level if national is not None else None


def type_basis(regime: Regime, level: str, config: RulesConfig) -> list[str]:
    """Where the sanction types of a level come from."""
    if regime.rule is not None:
        return []
    if regime.regulation == PP53:
        return [f"PP 53/2010 Pasal 7 ayat ({ {'ringan': 2, 'sedang': 3, 'berat': 4}[level] })"]
    if level == "sedang" and regime.interim_sedang:
        return ["PP 94/2021 Pasal 42 ayat (2)", "PP 53/2010 Pasal 7 ayat (3)"]
    basis = [f"PP 94/2021 Pasal 8 ayat ({ {'ringan': 2, 'sedang': 3, 'berat': 4}[level] })"]
    if level == "berat" and config.berat_dismissal == "ptdh":
        basis.append("UU 20/2023 Pasal 52 ayat (3) huruf g dan ayat (4)")
    return basis


def set_level(
    finding: OffenceFinding,
    regime: Regime,
    level: str,
    basis: str,
    config: RulesConfig,
    employee: Employee | None = None,
) -> None:
    """A level whose type the official chooses: allowed = every type of the level this
    employee can lawfully be given (PP 94/2021 Penjelasan Umum; Penjelasan Pasal 8(4)(b))."""
    finding.level = level
    finding.allowed, removed = lawful_types(sanction_types(regime, level, config), employee, regime)
    for code, reason in removed:
        finding.notes.append(
            say("{code} is not open to a pelaksana ({reason})", code=code, reason=reason)
        )
    finding.sanction = finding.allowed[0] if finding.allowed else None
    finding.basis = [basis, *type_basis(regime, level, config)]
    if not finding.allowed:
        finding.review.append(
            say(
                "{provision}: the governing rule has no {level} sanction types",
                provision=finding.provision,
                level=level,
            )
        )
    if len(finding.allowed) > 1:
        finding.notes.append(
            say(
                "{provision}: the law sets the level ({level}); the authorised official "
                "chooses the type within it, weighing the background and impact (PP "
                "94/2021 Penjelasan Umum); the lightest type is recommended",
                provision=finding.provision,
                level=level,
            )
        )


def band_for(bands: tuple[AttendanceBand, ...], count: int) -> AttendanceBand | None:
    for band in bands:
        if count >= band.min and (band.max is None or count <= band.max):
            return band
    return None


DAYS_IN_A_YEAR = 366
MINUTES_IN_A_YEAR = DAYS_IN_A_YEAR * 24 * 60


def parse_absence(raw: Any, path: str, committed_on: date) -> tuple[int, int, int, int, int]:
    """The absence facts: year, unexcused days, late and early minutes, longest run."""
    data = require_object(raw, f"{path}.absence")
    year = data.get("year", committed_on.year)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
        raise RulesInputError(f"{path}.absence.year", "must be a calendar year")
    if year != committed_on.year:
        # The count is cumulative to the end of the current year (PP 94/2021 Pasal 15(1) and
        # its explanation: January to December of that year): the offence is the count of the
        # year it was committed in, never another year's.
        raise RulesInputError(
            f"{path}.absence.year",
            say(
                "must be the year of the offence ({committed_year}): a count of unexcused "
                "days is the count of the calendar year the offence was committed in (for "
                "PNS, PP 94/2021 Pasal 15 ayat (1))",
                committed_year=committed_on.year,
            ),
        )
    unexcused = non_negative_int(
        data.get("unexcused_days"), f"{path}.absence.unexcused_days", default=0
    )
    if unexcused > DAYS_IN_A_YEAR:
        raise RulesInputError(
            f"{path}.absence.unexcused_days", "cannot exceed the days of one year (366)"
        )
    minutes = []
    for name in ("late_minutes", "early_leave_minutes"):
        value = non_negative_int(data.get(name), f"{path}.absence.{name}", default=0)
        if value > MINUTES_IN_A_YEAR:
            raise RulesInputError(
                f"{path}.absence.{name}", "cannot exceed the minutes of one year (527,040)"
            )
        minutes.append(value)
    late, early = minutes
    consecutive = non_negative_int(
        data.get("longest_consecutive_days"), f"{path}.absence.longest_consecutive_days", default=0
    )
    # A run that crosses 1 January is counted whole (reading 9): it can be longer than this
    # year's days, but not longer than the working days of the two years it spans.
    if consecutive > 2 * DAYS_IN_A_YEAR:
        raise RulesInputError(
            f"{path}.absence.longest_consecutive_days",
            "cannot exceed the days of two years (a run crossing 1 January is counted whole)",
        )
    return year, unexcused, late, early, consecutive


def parse_roll_calls(raw: Any, path: str) -> int | None:
    """Missed morning roll calls (apel) in the year without a lawful reason, if given."""
    data = require_object(raw, f"{path}.absence")
    if data.get("missed_roll_calls") is None:
        return None
    return non_negative_int(data.get("missed_roll_calls"), f"{path}.absence.missed_roll_calls")


def _roll_call_band(
    finding: OffenceFinding,
    band: AttendanceBand | None,
    missed: int | None,
    regime: Regime,
) -> AttendanceBand | None:
    """The heavier of the day band and the rule's roll-call band (counted apart)."""
    if regime.rule is None or not regime.rule.roll_call:
        if missed:
            finding.notes.append(
                say(
                    "{missed} missed roll call(s) given; the governing rule sets no "
                    "roll-call thresholds, so they are not counted",
                    missed=missed,
                )
            )
        return band
    if missed is None:
        return band
    roll = band_for(regime.rule.roll_call, missed)
    if roll is None:
        finding.notes.append(
            say(
                "{missed} missed roll call(s) is below the first roll-call threshold ({basis})",
                missed=missed,
                basis=regime.rule.roll_call[0].basis,
            )
        )
        return band
    finding.notes.append(
        say(
            "{missed} missed morning roll call(s) without a lawful reason ({basis})",
            missed=missed,
            basis=roll.basis,
        )
    )
    if band is None or rank_of(roll.sanction, regime) > rank_of(band.sanction, regime):
        return roll
    return band


def attendance_level(
    finding: OffenceFinding,
    raw: Any,
    path: str,
    regime: Regime,
    config: RulesConfig,
    committed_on: date,
    employee: Employee | None = None,
) -> None:
    finding.attendance = True
    if raw is None:
        finding.review.append(
            say(
                "{provision}: the count of unexcused working days is needed ({path}.absence)",
                provision=finding.provision,
                path=path,
            )
        )
        return
    year, unexcused, late, early, consecutive = parse_absence(raw, path, committed_on)
    finding.absence_year = year
    if consecutive > unexcused:
        finding.notes.append(
            say(
                "the longest run ({consecutive} working days) is longer than the unexcused days "
                "counted in {year} ({unexcused}): a run crossing 1 January is counted whole "
                "(Pasal 11 ayat (2) huruf d angka 4; Pasal 15 ayat (1) limits only the "
                "cumulative count)",
                consecutive=consecutive,
                year=year,
                unexcused=unexcused,
            )
        )
    lateness_days = (late + early) // config.minutes_per_absence_day if config.count_lateness else 0
    counted = unexcused + lateness_days
    lateness_basis: list[str] = []
    if lateness_days:
        if regime.regulation == PP53 and regime.rule is None:
            # PP 53/2010 itself converts lateness: 7.5 hours make one day (primary text).
            source: Say = say(
                "Penjelasan PP 53/2010 Pasal 3 angka 11: 7½ hours of lateness or early "
                "leave make one day"
            )
            lateness_basis.append("Penjelasan PP 53/2010 Pasal 3 angka 11")
        else:
            source = say(
                "PP 94/2021 sets no conversion; the installation's setting "
                "minutes_per_absence_day, after KMK 5/KMK.01/2022 (secondary source)"
            )
        finding.notes.append(
            say(
                "{late_early} minutes of lateness and early leave count as "
                "{lateness_days} day(s) ({minutes_per_absence_day} minutes a day; "
                "{source}); counted {counted} days in {year}",
                late_early=late + early,
                lateness_days=lateness_days,
                minutes_per_absence_day=config.minutes_per_absence_day,
                source=source,
                counted=counted,
                year=year,
            )
        )
    if regime.rule is not None:
        bands = regime.rule.attendance
        consecutive_band = regime.rule.consecutive
    else:
        bands = ATTENDANCE_BANDS[regime.regulation]
        rule = CONSECUTIVE_RULES.get(regime.regulation)
        consecutive_band = (
            AttendanceBand(rule["days"], None, rule["level"], rule["sanction"], rule["basis"])
            if rule
            else None
        )
    band = _roll_call_band(finding, band_for(bands, counted), parse_roll_calls(raw, path), regime)
    use_consecutive = consecutive_band is not None and consecutive >= consecutive_band.min
    if (
        use_consecutive
        and consecutive_band is not None
        and (
            band is None
            or rank_of(consecutive_band.sanction, regime) >= rank_of(band.sanction, regime)
        )
    ):
        band = consecutive_band
        finding.notes.append(
            say(
                "{consecutive} consecutive working days without a valid reason ({basis})",
                consecutive=consecutive,
                basis=consecutive_band.basis,
            )
        )
        if regime.regulation == PP94:
            finding.notes.append(
                say("Salary payment stops from the following month (PP 94/2021 Pasal 15 ayat (2))")
            )
    if band is None:
        first = bands[0].basis if bands else "-"
        finding.notes.append(
            say(
                "{counted} unexcused day(s) in {year} is below the first threshold "
                "({first}); no sanction under this rule",
                counted=counted,
                year=year,
                first=first,
            )
        )
        finding.basis = [bands[0].basis] if bands else []
        return
    finding.level = band.level
    sanction = band.sanction
    basis = [band.basis, *lateness_basis]
    if regime.regulation == PP94 and regime.rule is None:
        basis.append("PP 94/2021 Pasal 15 ayat (1)")
    elif regime.regulation == PP53 and regime.rule is None:
        basis.append("PP 53/2010 Pasal 14")
    allowed = [sanction, *band.also_allowed]
    reason = unlawful_reason(sanction, employee, regime)
    if reason is not None:
        # The band fixes a type that needs a post the employee does not hold: the text gives
        # no type for them. The heaviest lighter type of the level open to them is
        # recommended (the lenient reading), and a person decides.
        lighter = [
            code
            for code in lawful_types(sanction_types(regime, band.level, config), employee, regime)[
                0
            ]
            if rank_of(code, regime) < rank_of(sanction, regime)
        ]
        fallback = max(lighter, key=lambda code: rank_of(code, regime)) if lighter else None
        values = {"basis": band.basis, "sanction": sanction, "reason": reason, "counted": counted}
        finding.review.append(
            say(
                "{basis} fixes {sanction}, which cannot be given to a pelaksana ({reason}); "
                "the text sets no type for {counted} days for them: {fallback}, the heaviest "
                "lighter type of the level, is recommended; the authorised official decides",
                fallback=fallback,
                **values,
            )
            if fallback
            else say(
                "{basis} fixes {sanction}, which cannot be given to a pelaksana ({reason}); "
                "the text sets no type for {counted} days for them; the authorised official "
                "decides",
                **values,
            )
        )
        if fallback is None:
            finding.sanction = None
            finding.allowed = []
            finding.basis = basis
            return
        sanction = fallback
        allowed = [fallback]
        national = SANCTIONS.get(fallback)
        if national is not None:
            basis.append(national.basis)
    if sanction in INTERIM_SEDANG and regime.interim_sedang:
        sanction = INTERIM_SEDANG[sanction]
        allowed = sanction_types(regime, "sedang", config)
        basis += ["PP 94/2021 Pasal 42 ayat (2)", "PP 53/2010 Pasal 7 ayat (3)"]
        finding.notes.append(
            say(
                "Until the PP on Gaji dan Tunjangan is in force the sedang types are "
                "those of PP 53/2010 Pasal 7(3) (PP 94/2021 Pasal 42); the "
                "grade-by-grade match ({sanction} -> {sanction2}) follows Perban BKN "
                "6/2022 Pasal 62 (secondary source)",
                sanction=band.sanction,
                sanction2=sanction,
            )
        )
    if sanction == "pdh_taps" and regime.rule is None and regime.regulation == PP94:
        sanction = config.berat_dismissal
        allowed = [sanction]
        if sanction == "ptdh":
            basis.append("UU 20/2023 Pasal 52 ayat (3) huruf g dan ayat (4)")
    finding.sanction = sanction
    finding.allowed = allowed
    finding.basis = basis


def level_for_offence(
    finding: OffenceFinding,
    provision: Provision,
    offence: dict[str, Any],
    path: str,
    employee: Employee,
    regime: Regime,
    config: RulesConfig,
    committed_on: date,
) -> None:
    rule = provision.rule
    if rule.kind == "attendance":
        attendance_level(
            finding, offence.get("absence"), path, regime, config, committed_on, employee
        )
    elif rule.kind == "failure_to_act":
        failure_to_act_level(finding, provision, offence, path, employee, regime, config)
    elif rule.kind == "ethics":
        ethics_finding(finding, provision, employee)
    elif rule.kind == "always":
        if rule.level is None or rule.basis is None:
            raise RulesInputError(f"{path}.provision", "provision data lacks a level")
        set_level(finding, regime, rule.level, rule.basis, config, employee)
        if rule.condition:
            finding.notes.append(
                say(
                    "{citation}: applies when {condition}",
                    citation=provision.citation,
                    condition=rule.condition,
                )
            )
    elif rule.kind == "impact":
        impact = offence.get("impact")
        if impact is None:
            finding.review.append(
                say(
                    "{citation}: the level depends on the reach of the negative impact "
                    "(unit_kerja, instansi or negara); give {path}.impact",
                    citation=provision.citation,
                    path=path,
                )
            )
            return
        if impact not in IMPACTS:
            raise RulesInputError(
                f"{path}.impact",
                say("unknown impact {impact!r}; use {IMPACTS}", impact=impact, IMPACTS=IMPACTS),
            )
        mapped = rule.by_impact.get(impact)
        if mapped is None:
            finding.review.append(
                say(
                    "{citation}: the regulation maps no level for an impact on {impact}; a "
                    "person must decide",
                    citation=provision.citation,
                    impact=impact,
                )
            )
            return
        set_level(finding, regime, mapped[0], mapped[1], config, employee)
    elif rule.kind == "position":
        mapped = rule.by_position.get(employee.position)
        if mapped is None:
            finding.review.append(
                say(
                    "{citation}: the regulation maps a level only for administrators and "
                    "functional officials (sedang) and high officials and others obliged to "
                    "report (berat); decide for a {position}",
                    citation=provision.citation,
                    position=employee.position,
                )
            )
            return
        set_level(finding, regime, mapped[0], mapped[1], config, employee)
    else:
        reason = rule.reason or "no level in the law"
        finding.review.append(
            say("{citation}: {reason}", citation=provision.citation, reason=reason)
        )


def failure_to_act_level(
    finding: OffenceFinding,
    provision: Provision,
    offence: dict[str, Any],
    path: str,
    employee: Employee,
    regime: Regime,
    config: RulesConfig,
) -> None:
    """An official who did not act on a subordinate's offence (PP 94/2021 Pasal 24(2)-(3), 28;
    PP 53/2010 Pasal 21): a type heavier than (or, under PP 53, the same as) the one the
    subordinate's offence called for."""
    raw = offence.get("subordinate_sanction")
    if raw is None:
        finding.review.append(
            say(
                "{citation}: the level follows the sanction the subordinate's offence "
                "called for; give {path}.subordinate_sanction",
                citation=provision.citation,
                path=path,
            )
        )
        return
    known = isinstance(raw, str) and (
        raw in SANCTIONS or (regime.rule is not None and regime.rule.sanction(raw) is not None)
    )
    if not known:
        raise RulesInputError(
            f"{path}.subordinate_sanction", say("unknown sanction {raw!r}", raw=raw)
        )
    code = str(raw)
    floor = rank_of(code, regime)
    start = level_of(code, regime) or "ringan"
    basis = provision.rule.basis or provision.citation
    for level in LEVELS:
        if LEVEL_RANK[level] < LEVEL_RANK[start]:
            continue
        types = lawful_types(sanction_types(regime, level, config), employee, regime)[0]
        if provision.rule.heavier:
            fitting = [item for item in types if rank_of(item, regime) > floor]
        else:
            fitting = [item for item in types if rank_of(item, regime) == floor]
        if not fitting:
            if not provision.rule.heavier:
                break
            continue
        finding.level = level
        finding.allowed = fitting
        finding.sanction = fitting[0]
        finding.basis = [basis, *type_basis(regime, level, config)]
        if provision.rule.heavier:
            finding.notes.append(
                say(
                    "{citation}: the official is given a type heavier than {code}, the one "
                    "the subordinate's offence called for ({basis})",
                    citation=provision.citation,
                    code=code,
                    basis=basis,
                )
            )
            if provision.id.endswith(":24:2"):
                finding.notes.append(
                    say(
                        "PP 94/2021 Pasal 24 ayat (2) names no level; it is read with ayat (3): "
                        "a heavier type (docs/legal-questions.md)"
                    )
                )
        else:
            finding.notes.append(
                say(
                    "{citation}: the official is given the same type the subordinate's "
                    "offence called for, {code} ({basis})",
                    citation=provision.citation,
                    code=code,
                    basis=basis,
                )
            )
        return
    finding.review.append(
        say(
            "{citation}: no type fits for an official whose subordinate should have "
            "been given {code} ({basis}); a person must decide",
            citation=provision.citation,
            code=code,
            basis=basis,
        )
    )


MORAL_SANCTIONS = ("pernyataan_secara_tertutup", "pernyataan_secara_terbuka")


def ethics_finding(finding: OffenceFinding, provision: Provision, employee: Employee) -> None:
    """A breach of the code of ethics (PP 42/2004): a moral sanction, not a disciplinary one."""
    finding.ethics = True
    finding.basis = ["PP 42/2004 Pasal 15 ayat (1) dan (3)"]
    finding.notes.append(
        say(
            "{citation} is in the code of ethics (PP 42/2004): its breach carries a "
            "moral sanction, a closed or open written statement by the PPK (Pasal 15 "
            "ayat (1)-(3)) after the Majelis Kode Etik decides (Pasal 19-20), and "
            "possibly administrative action it recommends (Pasal 16). It is not a "
            "disciplinary sanction and has no level; where the same act also "
            "breaches PP 94/2021 (e.g. Pasal 3 huruf f), cite that provision as well",
            citation=provision.citation,
        )
    )
    if employee.status not in ("PNS", "CPNS"):
        finding.review.append(
            say(
                "PP 42/2004 applies to PNS and CPNS (Pasal 1 angka 5); a {status} "
                "follows the instansi's own code of ethics",
                status=employee.status,
            )
        )


# ---------------------------------------------------------------------------------------------
# Transition and regime


def regime_for(
    as_of: date, employee: Employee, rule: InstansiRule | None, config: RulesConfig
) -> Regime:
    if rule is not None:
        return Regime(rule.id, rule, False)
    if as_of < PP94_START:
        return Regime(PP53, None, False)
    interim = config.sedang_tukin_from is None or as_of < config.sedang_tukin_from
    return Regime(PP94, None, interim)


def governing_provision(
    provision: Provision,
    finding: OffenceFinding,
    regime: Regime,
    committed_on: date,
    examined_on: date | None,
) -> Provision | None:
    """The provision in the governing regulation, with the transition notes."""
    target_regulation = regime.regulation
    if provision.regulation_id == PP42:
        # The code of ethics stands beside the discipline regulation whichever governs.
        return provision
    if provision.regulation_id == PP49:
        if regime.rule is not None:
            return provision
        finding.review.append(
            say(
                "{citation} concerns PPPK; the employee falls under "
                "{regulation_citation} (PP 94/2021 Pasal 7 for PNS): cite the provision "
                "of that regulation",
                citation=provision.citation,
                regulation_citation=CITATION.get(regime.regulation, regime.regulation),
            )
        )
        return None
    if regime.rule is not None:
        if provision.regulation_id == regime.rule.id:
            if provision.in_force_from is not None and committed_on < provision.in_force_from:
                # A provision brought in after its rule (a circular) reaches only later acts.
                finding.review.append(
                    say(
                        "{citation} was not in force on {day}, when the offence was committed "
                        "(in force from {in_force_from}); a provision reaches only acts done "
                        "while it is in force",
                        citation=provision.citation,
                        day=committed_on,
                        in_force_from=provision.in_force_from,
                    )
                )
                return None
            return provision
        target_regulation = regime.rule.levels_from or PP94
    if regime.regulation == PP94 and committed_on < PP94_START:
        if examined_on is not None and examined_on < PP94_START:
            finding.notes.append(
                say(
                    "Examined before 31 August 2021: the examination stays valid and the "
                    "rest of the process follows PP 94/2021 (Pasal 40 ayat (4))"
                )
            )
            finding.basis.append("PP 94/2021 Pasal 40 ayat (4)")
        else:
            finding.notes.append(
                say(
                    "Committed before 31 August 2021 and not yet examined then: PP 94/2021 "
                    "applies (Pasal 40 ayat (3))"
                )
            )
            finding.basis.append("PP 94/2021 Pasal 40 ayat (3)")
    if provision.regulation_id == target_regulation:
        return provision
    mapped = COUNTERPARTS.get(provision.id)
    target = CITATION.get(target_regulation, target_regulation)
    if mapped is None or mapped not in PROVISIONS:
        if provision.counterpart_candidates:
            note = provision.counterpart_note or ""
            candidates = ", ".join(provision.counterpart_candidates)
            finding.review.append(
                say(
                    "{citation} has no true counterpart in {target} ({note}); the nearest "
                    "are {candidates}: a person chooses which, if any, the act breaches",
                    citation=provision.citation,
                    target=target,
                    note=note,
                    candidates=candidates,
                )
            )
            return None
        finding.review.append(
            say(
                "{citation} has no counterpart in {target}; a person must decide whether "
                "the act is an offence there",
                citation=provision.citation,
                target=target,
            )
        )
        return None
    finding.notes.append(
        say(
            "{id} is governed by {target}: assessed as {mapped} ({citation})",
            id=provision.id,
            target=target,
            mapped=mapped,
            citation=PROVISIONS[mapped].citation,
        )
    )
    # The PP 53 side of the pair says how close the two are.
    old = provision if provision.regulation_id == PP53 else PROVISIONS[mapped]
    if old.counterpart_kind == "partial" and old.counterpart_note:
        finding.review.append(
            say(
                "{citation} and {citation2} overlap only in part ({counterpart_note}): "
                "confirm that the act falls within both",
                citation=provision.citation,
                citation2=PROVISIONS[mapped].citation,
                counterpart_note=old.counterpart_note,
            )
        )
    elif old.counterpart_note:
        finding.notes.append(as_text(old.counterpart_note))
    finding.provision = mapped
    return PROVISIONS[mapped]


# ---------------------------------------------------------------------------------------------
# Repeat offences (Pasal 35(2))


def is_similar(first: str, second: str) -> bool:
    if first == second:
        return True
    return COUNTERPARTS.get(first) == second or COUNTERPARTS.get(second) == first


def pasal_35(regime: Regime, ayat: int) -> str:
    """PP 94/2021 Pasal 35 (several offences, repeats, not twice), or its PP 53/2010 twin,
    Pasal 30, with the same ayat numbers."""
    if regime.regulation == PP53:
        return f"PP 53/2010 Pasal 30 ayat ({ayat})"
    return f"PP 94/2021 Pasal 35 ayat ({ayat})"


def _earlier_attendance_sanction(
    finding: OffenceFinding, priors: list[tuple[date, str, str | None, int]], regime: Regime
) -> None:
    """An attendance sanction already decided for the same year's count: the days counted then
    may not be sanctioned again (PP 94/2021 Pasal 35 ayat (3)); what is due now is the sanction
    of the band reached since (Penjelasan Pasal 9 ayat (2) huruf b)."""
    if finding.absence_year is None or finding.committed_on is None or regime.rule is not None:
        return
    article = pasal_35(regime, 3)
    for day, code, provision, index in priors:
        if (
            provision is None
            or not is_similar(provision, finding.provision)
            or day.year != finding.absence_year
            or day > finding.committed_on
        ):
            continue
        if finding.rank <= rank_of(code, regime):
            finding.review.append(
                say(
                    "prior_sanctions[{index}]: {code} was already decided on {day} for the "
                    "unexcused days of {year}; this count reaches no heavier band, and the same "
                    "days may not be sanctioned twice ({article}): a person decides",
                    index=index,
                    code=code,
                    day=day,
                    year=finding.absence_year,
                    article=article,
                )
            )
        else:
            finding.notes.append(
                say(
                    "prior_sanctions[{index}]: {code} was already decided on {day} for the "
                    "unexcused days of {year}; the count has since reached a heavier band, whose "
                    "sanction is due for the days after it ({article})",
                    index=index,
                    code=code,
                    day=day,
                    year=finding.absence_year,
                    article=article,
                )
            )


def apply_repeat(
    finding: OffenceFinding,
    priors: list[tuple[date, str, str | None, int]],
    regime: Regime,
    config: RulesConfig,
    employee: Employee | None = None,
) -> None:
    if finding.level is None:
        return
    if finding.attendance:
        _earlier_attendance_sanction(finding, priors, regime)
        if not config.repeat_rule_for_attendance:
            return
    if regime.rule is not None and not regime.rule.repeat_rule:
        return
    article = pasal_35(regime, 2)
    for day, code, provision, index in priors:
        if provision is None and (finding.committed_on is None or day <= finding.committed_on):
            # "sifatnya sama" cannot be told without the earlier offence: never assumed either way.
            finding.review.append(
                say(
                    "prior_sanctions[{index}] ({code}, {day}) does not name its provision: "
                    "whether it was for an offence of the same nature, which makes the new "
                    "sanction heavier ({article}), cannot be told; give its provision or a "
                    "person decides",
                    index=index,
                    code=code,
                    day=day,
                    article=article,
                )
            )
    similar = [
        prior
        for prior in priors
        if prior[2] is not None and is_similar(prior[2], finding.provision)
    ]
    if not similar:
        return
    committed = finding.committed_on
    if committed is not None:
        # "pernah dijatuhi Hukuman Disiplin, kemudian melakukan": only a sanction decided
        # before the offence was committed makes it a repeat.
        for day, code, _, _ in similar:
            if day == committed:
                finding.review.append(
                    say(
                        "A similar offence was sanctioned with {code} on {day}, the day this "
                        "offence was committed; {article} applies only if the offence came after "
                        "the sanction: a person decides",
                        code=code,
                        day=day,
                        article=article,
                    )
                )
            elif day > committed:
                finding.notes.append(
                    say(
                        "The similar offence sanctioned with {code} on {day} was decided after "
                        "this offence was committed ({committed}): not a repeat ({article}: "
                        "'kemudian melakukan')",
                        code=code,
                        day=day,
                        committed=committed,
                        article=article,
                    )
                )
        similar = [prior for prior in similar if prior[0] < committed]
        if not similar:
            return
    last_day, last_code, _, _ = max(similar, key=lambda prior: prior[0])
    floor = rank_of(last_code, regime)
    if finding.rank > floor:
        return
    for level in ("ringan", "sedang", "berat"):
        if LEVEL_RANK[level] < LEVEL_RANK[finding.level]:
            continue
        heavier = [
            code
            for code in lawful_types(sanction_types(regime, level, config), employee, regime)[0]
            if rank_of(code, regime) > floor
        ]
        if heavier:
            if level != finding.level:
                finding.basis += type_basis(regime, level, config)
            finding.level = level
            finding.allowed = heavier
            finding.sanction = heavier[0]
            finding.rank = rank_of(heavier[0], regime)
            finding.basis.append(article)
            finding.notes.append(
                say(
                    "Similar offence already sanctioned with {last_code} on {last_day}: the "
                    "new sanction must be heavier ({article})",
                    last_code=last_code,
                    last_day=last_day,
                    article=article,
                )
            )
            return
    finding.review.append(
        say(
            "A similar offence was already sanctioned with {last_code}; no heavier "
            "type exists ({article})",
            last_code=last_code,
            article=article,
        )
    )
