"""`assess`: which regulation, which level, which sanction, who decides, who examines.

Facts in (CONTRACTS.md `tegak rules assess`), a finding out with every article it rests on.
Which regulation governs follows the transition (PP 94/2021 Pasal 40-42); PPPK and non-ASN staff
follow their instansi's rule (PP 49/2018 Pasal 52); several offences give one sanction, the
heaviest, and a repeat of a similar offence a heavier one than the last (Pasal 35).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tegak.rules.authority import (
    INSTANSI_LEVELS,
    POSITIONS,
    SUPERIOR_KINDS,
    Authority,
    is_superior_kind,
    pp94_authority,
)
from tegak.rules.catalog import (
    ATTENDANCE_BANDS,
    CONSECUTIVE_RULES,
    COUNTERPARTS,
    IMPACTS,
    PROVISIONS,
    REGULATIONS,
    AttendanceBand,
    Provision,
)
from tegak.rules.catalog import provision as catalog_provision
from tegak.rules.config import DEFAULT_CONFIG, ENGINE_VERSION, RulesConfig, RulesInputError
from tegak.rules.instansi import (
    EMPLOYEE_STATUSES,
    InstansiRule,
    find_instansi_rule,
    instansi_rule,
    rule_from_dict,
)
from tegak.rules.parsing import non_negative_int, optional_date, parse_date, require_object
from tegak.rules.sanctions import INTERIM_SEDANG, LEVEL_RANK, PP53_TYPES, PP94_TYPES, SANCTIONS

# A message in English and in Bahasa Indonesia (the package returns both; no Django gettext).
Say = tuple[str, str]

PP94 = "pp-94-2021"
PP53 = "pp-53-2010"
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
PP53_START = date(2010, 6, 6)
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


@dataclass(slots=True)
class Regime:
    """What governs the assessment: a regulation, or an instansi rule."""

    regulation: str  # pp-94-2021 | pp-53-2010 | an instansi rule id
    rule: InstansiRule | None
    interim_sedang: bool


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
            "employee.status", f"unknown status {status!r}; expected one of {EMPLOYEE_STATUSES}"
        )
    position = data.get("position")
    if position not in POSITIONS:
        raise RulesInputError("employee.position", f"unknown position {position!r}")
    level = data.get("instansi_level")
    if level not in INSTANSI_LEVELS:
        raise RulesInputError(
            "employee.instansi_level",
            f"unknown instansi level {level!r}; expected {INSTANSI_LEVELS}",
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
                    f"employee.chain[{index}]", f"unknown superior {item!r}; use {SUPERIOR_KINDS}"
                )
        chain = tuple(chain)
    return Employee(
        status=str(status),
        position=str(position),
        instansi_level=str(level),
        instansi=instansi,
        chain=chain,
        is_ppk=_flag(data, "is_ppk", "employee"),
        appointed_by_president=_flag(data, "appointed_by_president", "employee"),
        direct_superior_involved=_flag(data, "direct_superior_involved", "employee"),
    )


def _known_provision(provision_id: Any, path: str, rule: InstansiRule | None) -> Provision:
    if not isinstance(provision_id, str):
        raise RulesInputError(path, "must be a provision id such as pp-94-2021:4:f")
    found = PROVISIONS.get(provision_id)
    if found is None and rule is not None:
        found = rule.provisions.get(provision_id)
    if found is None and provision_id.startswith("local:"):
        try:
            found = catalog_provision(provision_id)
        except KeyError:
            found = None
    if found is None:
        raise RulesInputError(path, f"unknown provision {provision_id!r}")
    return found


def _resolve_rule(payload: dict[str, Any], employee: Employee) -> InstansiRule | None:
    raw = payload.get("instansi_rule")
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            return instansi_rule(raw)
        except KeyError:
            raise RulesInputError("instansi_rule", f"unknown instansi rule {raw!r}") from None
    data = require_object(raw, "instansi_rule")
    parts = str(data.get("id", "")).split(":")
    code = employee.instansi or (parts[1] if len(parts) > 2 else "")
    return rule_from_dict(data, instansi=code, path="instansi_rule")


# ---------------------------------------------------------------------------------------------
# Levels and sanctions


def _sanction_types(regime: Regime, level: str, config: RulesConfig) -> list[str]:
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


def _rank(code: str, regime: Regime) -> int:
    national = SANCTIONS.get(code)
    if national is not None:
        return national.rank
    if regime.rule is not None:
        local = regime.rule.sanction(code)
        if local is not None:
            return local.rank
    return 0


def _level_of(code: str, regime: Regime) -> str | None:
    if regime.rule is not None:
        local = regime.rule.sanction(code)
        if local is not None:
            return local.level
    national = SANCTIONS.get(code)
    return national.level if national is not None else None


def _type_basis(regime: Regime, level: str, config: RulesConfig) -> list[str]:
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


def _set_level(
    finding: OffenceFinding, regime: Regime, level: str, basis: str, config: RulesConfig
) -> None:
    """A level whose type the official chooses: allowed = every type of the level."""
    finding.level = level
    finding.allowed = _sanction_types(regime, level, config)
    finding.sanction = finding.allowed[0] if finding.allowed else None
    finding.basis = [basis, *_type_basis(regime, level, config)]
    if not finding.allowed:
        finding.review.append(
            (
                f"{finding.provision}: the governing rule has no {level} sanction types",
                f"{finding.provision}: aturan yang berlaku tidak memuat jenis hukuman {level}",
            )
        )
    if len(finding.allowed) > 1:
        finding.notes.append(
            (
                f"{finding.provision}: the law sets the level ({level}); the authorised official "
                "chooses the type within it, weighing the background and impact (PP 94/2021 "
                "Penjelasan Umum); the lightest type is recommended",
                f"{finding.provision}: peraturan menetapkan tingkatnya ({level}); Pejabat yang "
                "Berwenang Menghukum memilih jenisnya dengan mempertimbangkan latar belakang dan "
                "dampak (Penjelasan Umum PP 94/2021); yang direkomendasikan jenis teringan",
            )
        )


def _band_for(bands: tuple[AttendanceBand, ...], count: int) -> AttendanceBand | None:
    for band in bands:
        if count >= band.min and (band.max is None or count <= band.max):
            return band
    return None


def _parse_absence(raw: Any, path: str, committed_on: date) -> tuple[int, int, int, int, int]:
    """The absence facts: year, unexcused days, late and early minutes, longest run."""
    data = require_object(raw, f"{path}.absence")
    year = data.get("year", committed_on.year)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
        raise RulesInputError(f"{path}.absence.year", "must be a calendar year")
    unexcused = non_negative_int(
        data.get("unexcused_days"), f"{path}.absence.unexcused_days", default=0
    )
    late = non_negative_int(data.get("late_minutes"), f"{path}.absence.late_minutes", default=0)
    early = non_negative_int(
        data.get("early_leave_minutes"), f"{path}.absence.early_leave_minutes", default=0
    )
    consecutive = non_negative_int(
        data.get("longest_consecutive_days"), f"{path}.absence.longest_consecutive_days", default=0
    )
    if consecutive > unexcused:
        raise RulesInputError(
            f"{path}.absence.longest_consecutive_days", "cannot exceed unexcused_days"
        )
    return year, unexcused, late, early, consecutive


def _attendance(
    finding: OffenceFinding,
    raw: Any,
    path: str,
    regime: Regime,
    config: RulesConfig,
    committed_on: date,
) -> None:
    finding.attendance = True
    if raw is None:
        finding.review.append(
            (
                f"{finding.provision}: the count of unexcused working days is needed "
                f"({path}.absence)",
                f"{finding.provision}: jumlah hari kerja tidak masuk tanpa alasan yang sah "
                f"diperlukan ({path}.absence)",
            )
        )
        return
    year, unexcused, late, early, consecutive = _parse_absence(raw, path, committed_on)
    lateness_days = (late + early) // config.minutes_per_absence_day if config.count_lateness else 0
    counted = unexcused + lateness_days
    if lateness_days:
        finding.notes.append(
            (
                f"{late + early} minutes of lateness and early leave count as {lateness_days} "
                f"day(s) ({config.minutes_per_absence_day} minutes a day); counted {counted} days "
                f"in {year}",
                f"{late + early} menit terlambat dan pulang cepat dihitung {lateness_days} hari "
                f"({config.minutes_per_absence_day} menit sehari); jumlah {counted} hari pada "
                f"tahun {year}",
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
    band = _band_for(bands, counted)
    use_consecutive = consecutive_band is not None and consecutive >= consecutive_band.min
    if (
        use_consecutive
        and consecutive_band is not None
        and (
            band is None or _rank(consecutive_band.sanction, regime) >= _rank(band.sanction, regime)
        )
    ):
        band = consecutive_band
        finding.notes.append(
            (
                f"{consecutive} consecutive working days without a valid reason "
                f"({consecutive_band.basis})",
                f"{consecutive} hari kerja berturut-turut tidak masuk tanpa alasan yang sah "
                f"({consecutive_band.basis})",
            )
        )
        if regime.regulation == PP94:
            finding.notes.append(
                (
                    "Salary payment stops from the following month (PP 94/2021 Pasal 15 ayat (2))",
                    "Pembayaran gaji dihentikan sejak bulan berikutnya (PP 94/2021 Pasal 15 "
                    "ayat (2))",
                )
            )
    if band is None:
        first = bands[0].basis if bands else "-"
        finding.notes.append(
            (
                f"{counted} unexcused day(s) in {year} is below the first threshold ({first}); "
                "no sanction under this rule",
                f"{counted} hari tidak masuk tanpa alasan yang sah pada tahun {year} di bawah "
                f"batas pertama ({first}); tidak ada hukuman disiplin menurut aturan ini",
            )
        )
        finding.basis = [bands[0].basis] if bands else []
        return
    finding.level = band.level
    sanction = band.sanction
    basis = [band.basis]
    if regime.regulation == PP94 and regime.rule is None:
        basis.append("PP 94/2021 Pasal 15 ayat (1)")
    allowed = [sanction, *band.also_allowed]
    if sanction in INTERIM_SEDANG and regime.interim_sedang:
        sanction = INTERIM_SEDANG[sanction]
        allowed = _sanction_types(regime, "sedang", config)
        basis += ["PP 94/2021 Pasal 42 ayat (2)", "PP 53/2010 Pasal 7 ayat (3)"]
        finding.notes.append(
            (
                "Until the PP on Gaji dan Tunjangan is in force the sedang types are those of PP "
                "53/2010 Pasal 7(3) (PP 94/2021 Pasal 42); the grade-by-grade match "
                f"({band.sanction} -> {sanction}) follows Perban BKN 6/2022 Pasal 62 "
                "(secondary source)",
                "Sebelum PP tentang Gaji dan Tunjangan berlaku, jenis hukuman disiplin sedang "
                "mengikuti PP 53/2010 Pasal 7 ayat (3) (PP 94/2021 Pasal 42); padanan per jenjang "
                f"({band.sanction} -> {sanction}) mengikuti Perban BKN 6/2022 Pasal 62 "
                "(sumber sekunder)",
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


def _level_for_offence(
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
        _attendance(finding, offence.get("absence"), path, regime, config, committed_on)
    elif rule.kind == "always":
        if rule.level is None or rule.basis is None:
            raise RulesInputError(f"{path}.provision", "provision data lacks a level")
        _set_level(finding, regime, rule.level, rule.basis, config)
        if rule.condition:
            finding.notes.append(
                (
                    f"{provision.citation}: applies when {rule.condition}",
                    f"{provision.citation}: berlaku apabila {rule.condition}",
                )
            )
    elif rule.kind == "impact":
        impact = offence.get("impact")
        if impact is None:
            finding.review.append(
                (
                    f"{provision.citation}: the level depends on the reach of the negative impact "
                    f"(unit_kerja, instansi or negara); give {path}.impact",
                    f"{provision.citation}: tingkat hukuman bergantung pada dampak negatifnya "
                    f"(Unit Kerja, instansi, atau negara); isi {path}.impact",
                )
            )
            return
        if impact not in IMPACTS:
            raise RulesInputError(f"{path}.impact", f"unknown impact {impact!r}; use {IMPACTS}")
        mapped = rule.by_impact.get(impact)
        if mapped is None:
            finding.review.append(
                (
                    f"{provision.citation}: the regulation maps no level for an impact on "
                    f"{impact}; a person must decide",
                    f"{provision.citation}: peraturan tidak menetapkan tingkat hukuman untuk "
                    f"dampak pada {impact}; harus diputuskan oleh pejabat",
                )
            )
            return
        _set_level(finding, regime, mapped[0], mapped[1], config)
    elif rule.kind == "position":
        mapped = rule.by_position.get(employee.position)
        if mapped is None:
            finding.review.append(
                (
                    f"{provision.citation}: the regulation maps a level only for administrators "
                    "and functional officials (sedang) and high officials and others obliged to "
                    f"report (berat); decide for a {employee.position}",
                    f"{provision.citation}: peraturan hanya menetapkan tingkat untuk pejabat "
                    "administrator dan fungsional (sedang) serta pejabat pimpinan tinggi dan "
                    f"pejabat lainnya (berat); putuskan untuk {employee.position}",
                )
            )
            return
        _set_level(finding, regime, mapped[0], mapped[1], config)
    else:
        reason = rule.reason or "no level in the law"
        finding.review.append(
            (
                f"{provision.citation}: {reason}",
                f"{provision.citation}: peraturan tidak menetapkan tingkat hukuman disiplin; "
                f"harus diputuskan oleh pejabat ({reason})",
            )
        )


# ---------------------------------------------------------------------------------------------
# Transition and regime


def _regime(
    as_of: date, employee: Employee, rule: InstansiRule | None, config: RulesConfig
) -> Regime:
    if rule is not None:
        return Regime(rule.id, rule, False)
    if as_of < PP94_START:
        return Regime(PP53, None, False)
    interim = config.sedang_tukin_from is None or as_of < config.sedang_tukin_from
    return Regime(PP94, None, interim)


def _governing_provision(
    provision: Provision,
    finding: OffenceFinding,
    regime: Regime,
    committed_on: date,
    examined_on: date | None,
) -> Provision | None:
    """The provision in the governing regulation, with the transition notes."""
    target_regulation = regime.regulation
    if regime.rule is not None:
        if provision.regulation_id == regime.rule.id:
            return provision
        target_regulation = regime.rule.levels_from or PP94
    if regime.regulation == PP94 and committed_on < PP94_START:
        if examined_on is not None and examined_on < PP94_START:
            finding.notes.append(
                (
                    "Examined before 31 August 2021: the examination stays valid and the rest of "
                    "the process follows PP 94/2021 (Pasal 40 ayat (4))",
                    "Telah diperiksa sebelum 31 Agustus 2021: hasil pemeriksaan tetap berlaku dan "
                    "proses selanjutnya mengikuti PP 94/2021 (Pasal 40 ayat (4))",
                )
            )
            finding.basis.append("PP 94/2021 Pasal 40 ayat (4)")
        else:
            finding.notes.append(
                (
                    "Committed before 31 August 2021 and not yet examined then: PP 94/2021 "
                    "applies (Pasal 40 ayat (3))",
                    "Dilakukan sebelum 31 Agustus 2021 dan belum diperiksa saat itu: berlaku PP "
                    "94/2021 (Pasal 40 ayat (3))",
                )
            )
            finding.basis.append("PP 94/2021 Pasal 40 ayat (3)")
    if provision.regulation_id == target_regulation:
        return provision
    mapped = COUNTERPARTS.get(provision.id)
    if mapped is None or mapped not in PROVISIONS:
        target = CITATION.get(target_regulation, target_regulation)
        finding.review.append(
            (
                f"{provision.citation} has no counterpart in {target}; a person must decide "
                "whether the act is an offence there",
                f"{provision.citation} tidak memiliki padanan dalam {target}; pejabat harus "
                "memutuskan apakah perbuatan itu pelanggaran menurut aturan tersebut",
            )
        )
        return None
    target = CITATION.get(target_regulation, target_regulation)
    finding.notes.append(
        (
            f"{provision.id} is governed by {target}: assessed as {mapped} "
            f"({PROVISIONS[mapped].citation})",
            f"{provision.id} diatur oleh {target}: dinilai sebagai {mapped} "
            f"({PROVISIONS[mapped].citation})",
        )
    )
    finding.provision = mapped
    return PROVISIONS[mapped]


# ---------------------------------------------------------------------------------------------
# Repeat offences (Pasal 35(2))


def _similar(first: str, second: str) -> bool:
    if first == second:
        return True
    return COUNTERPARTS.get(first) == second or COUNTERPARTS.get(second) == first


def _apply_repeat(
    finding: OffenceFinding,
    priors: list[tuple[date, str, str | None, int]],
    regime: Regime,
    config: RulesConfig,
) -> None:
    if finding.level is None:
        return
    if finding.attendance and not config.repeat_rule_for_attendance:
        return
    if regime.rule is not None and not regime.rule.repeat_rule:
        return
    similar = [
        prior for prior in priors if prior[2] is not None and _similar(prior[2], finding.provision)
    ]
    if not similar:
        return
    last_day, last_code, _, _ = max(similar, key=lambda prior: prior[0])
    floor = _rank(last_code, regime)
    if finding.rank > floor:
        return
    article = (
        "PP 94/2021 Pasal 35 ayat (2)"
        if regime.regulation != PP53
        else "PP 53/2010 Pasal 30 ayat (2)"
    )
    for level in ("ringan", "sedang", "berat"):
        if LEVEL_RANK[level] < LEVEL_RANK[finding.level]:
            continue
        heavier = [
            code for code in _sanction_types(regime, level, config) if _rank(code, regime) > floor
        ]
        if heavier:
            if level != finding.level:
                finding.basis += _type_basis(regime, level, config)
            finding.level = level
            finding.allowed = heavier
            finding.sanction = heavier[0]
            finding.rank = _rank(heavier[0], regime)
            finding.basis.append(article)
            finding.notes.append(
                (
                    f"Similar offence already sanctioned with {last_code} on "
                    f"{last_day.isoformat()}: the new sanction must be heavier ({article})",
                    f"Pelanggaran yang sifatnya sama pernah dijatuhi {last_code} pada "
                    f"{last_day.isoformat()}: hukuman yang baru harus lebih berat ({article})",
                )
            )
            return
    finding.review.append(
        (
            f"A similar offence was already sanctioned with {last_code}; no heavier type exists "
            f"({article})",
            f"Pelanggaran yang sifatnya sama pernah dijatuhi {last_code}; tidak ada jenis yang "
            f"lebih berat ({article})",
        )
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


def _authority(
    level: str | None, sanction: str | None, employee: Employee, regime: Regime, config: RulesConfig
) -> Authority:
    if level is None:
        return Authority(None, ())
    if regime.rule is not None:
        role, basis = regime.rule.authority.get(level, ("instansi_rule", regime.rule.citation))
        return Authority(role, (basis,))
    if regime.regulation == PP53:
        return Authority(
            None,
            ("PP 53/2010 Pasal 15-20",),
            review=(
                "Authority under PP 53/2010 (by echelon, Pasal 15-20) is not encoded; decide it",
                "Kewenangan menghukum menurut PP 53/2010 (menurut eselon, Pasal 15-20) belum "
                "dikodekan; tetapkan oleh pejabat",
            ),
        )
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
            raise RulesInputError(f"{path}.sanction", f"unknown sanction {code!r}")
        provision_id = data.get("provision")
        if provision_id is not None:
            _known_provision(provision_id, f"{path}.provision", rule)
        decided_on = parse_date(data.get("decided_on"), f"{path}.decided_on")
        if decided_on > as_of:
            raise RulesInputError(f"{path}.decided_on", "is after as_of")
        priors.append((decided_on, str(code), provision_id, index))
    return priors


def _assess_one(payload: Any, config: RulesConfig, today: date | None) -> dict[str, Any]:
    data = require_object(payload, "$")
    raw_as_of = data.get("as_of")
    as_of = parse_date(raw_as_of, "as_of") if raw_as_of is not None else today or date.today()
    employee = _employee(data.get("employee"))
    rule = _resolve_rule(data, employee)
    offences = data.get("offences")
    if not isinstance(offences, list) or not offences:
        raise RulesInputError("offences", "must be a non-empty list")
    human_review: list[Say] = []
    notes: list[Say] = []
    parsed = []
    for index, raw in enumerate(offences):
        path = f"offences[{index}]"
        offence = require_object(raw, path)
        provision = _known_provision(offence.get("provision"), f"{path}.provision", rule)
        committed_on = parse_date(offence.get("committed_on"), f"{path}.committed_on")
        if committed_on > as_of:
            raise RulesInputError(f"{path}.committed_on", "is after as_of")
        examined_on = optional_date(offence.get("examined_on"), f"{path}.examined_on")
        if offence.get("absence") is not None:
            _parse_absence(offence["absence"], path, committed_on)
        if examined_on is not None and not committed_on <= examined_on <= as_of:
            raise RulesInputError(f"{path}.examined_on", "must lie between committed_on and as_of")
        parsed.append((index, path, offence, provision, committed_on, examined_on))

    if rule is None and employee.status in ("PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"):
        day = max(item[4] for item in parsed)
        if employee.instansi:
            rule = find_instansi_rule(employee.instansi, employee.status, day, known_on=as_of)
        if rule is None:
            human_review.append(
                (
                    f"{employee.status} staff follow their instansi's own discipline rule (PP "
                    "49/2018 Pasal 52 for PPPK; the contract for non-ASN); no such rule is known "
                    f"for instansi {employee.instansi!r} on {day.isoformat()}",
                    f"Pegawai {employee.status} tunduk pada aturan disiplin instansinya "
                    "(PP 49/2018 Pasal 52 untuk PPPK; perjanjian kerja untuk non-ASN); "
                    "aturan itu tidak "
                    f"dikenal untuk instansi {employee.instansi!r} pada {day.isoformat()}",
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
    regime = _regime(as_of, employee, rule, config)
    if employee.status == "CPNS":
        notes.append(
            (
                "PP 94/2021 applies to CPNS mutatis mutandis (Pasal 43)",
                "PP 94/2021 berlaku mutatis mutandis bagi CPNS (Pasal 43)",
            )
        )
    if regime.rule is not None:
        delegation = "; ".join(regime.rule.delegation)
        notes.append(
            (
                f"Governed by {regime.rule.citation} ({delegation})",
                f"Diatur oleh {regime.rule.citation} ({delegation})",
            )
        )
    priors = _priors(data.get("prior_sanctions"), as_of, regime.rule)

    findings: list[OffenceFinding] = []
    for index, path, offence, provision, committed_on, examined_on in parsed:
        finding = OffenceFinding(index=index, provision=provision.id)
        if committed_on < PP53_START and regime.rule is None:
            finding.review.append(
                (
                    f"{path}: committed before PP 53/2010 was in force (6 June 2010); "
                    "earlier regulations are not encoded",
                    f"{path}: dilakukan sebelum PP 53/2010 berlaku (6 Juni 2010); peraturan "
                    "sebelumnya belum dikodekan",
                )
            )
            findings.append(finding)
            continue
        governing = _governing_provision(provision, finding, regime, committed_on, examined_on)
        if governing is not None:
            transition_basis = list(finding.basis)
            _level_for_offence(
                finding, governing, offence, path, employee, regime, config, committed_on
            )
            finding.basis = [*finding.basis, *transition_basis]
            if (
                regime.rule is not None
                and regime.rule.levels_basis
                and governing.regulation_id != regime.rule.id
            ):
                finding.basis.append(regime.rule.levels_basis)
        finding.rank = _rank(finding.sanction, regime) if finding.sanction else 0
        _apply_repeat(finding, priors, regime, config)
        if finding.sanction == "pembebasan_jabatan_12_bulan" and employee.position == "pelaksana":
            finding.review.append(
                (
                    "Release from position to pelaksana (PP 94/2021 Pasal 8 ayat (4) huruf b and "
                    "its explanation) cannot apply to a pelaksana; the authorised official must "
                    "choose",
                    "Pembebasan dari jabatan menjadi jabatan pelaksana (PP 94/2021 Pasal 8 "
                    "ayat (4) huruf b dan penjelasannya) tidak dapat dijatuhkan kepada "
                    "pelaksana; Pejabat yang Berwenang Menghukum harus memilih",
                )
            )
        findings.append(finding)

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
            basis.append(
                "PP 94/2021 Pasal 35 ayat (1)"
                if regime.regulation != PP53
                else "PP 53/2010 Pasal 30 ayat (1)"
            )
            notes.append(
                (
                    f"{len(findings)} offences examined together give one sanction, the heaviest "
                    f"(offences[{heaviest.index}])",
                    f"{len(findings)} pelanggaran yang diperiksa bersama dijatuhi satu hukuman, "
                    f"yang terberat (offences[{heaviest.index}])",
                )
            )
    team, team_basis = _examination_team(level, regime)
    if team != "none" and employee.direct_superior_involved and regime.rule is None:
        team_basis.append("PP 94/2021 Pasal 29 ayat (6)")
        notes.append(
            (
                "The direct superior is involved in the offence: the next superior up sits on the "
                "examination team instead (PP 94/2021 Pasal 29 ayat (6))",
                "Atasan langsung terlibat dalam pelanggaran: anggota tim pemeriksa adalah atasan "
                "yang lebih tinggi secara berjenjang (PP 94/2021 Pasal 29 ayat (6))",
            )
        )
    authority = _authority(level, sanction, employee, regime, config)
    if authority.review:
        human_review.append(authority.review)
    if sanction in ("pdh_taps", "ptdh") and regime.rule is None and regime.regulation == PP94:
        notes.append(
            (
                f"Dismissal recorded as {sanction} (setting berat_dismissal). PP 94/2021 Pasal 8 "
                "ayat (4) huruf c says PDH-TAPS; UU 20/2023 Pasal 52 ayat (4) classifies dismissal "
                "for a berat violation as PTDH (docs/legal-questions.md)",
                f"Pemberhentian dicatat sebagai {sanction} (pengaturan berat_dismissal). "
                "PP 94/2021 Pasal 8 ayat (4) huruf c menyebut pemberhentian dengan hormat "
                "tidak atas permintaan sendiri; UU 20/2023 Pasal 52 ayat (4) "
                "menggolongkannya sebagai pemberhentian tidak dengan hormat",
            )
        )
    notes.extend((note, note) for note in config.extra_notes)
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
    return [english for english, _ in unique], [indonesian for _, indonesian in unique]


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
) -> dict[str, Any]:
    if regulation is None:
        regulation_name = None
    elif regime is not None and regime.rule is not None:
        regulation_name = regime.rule.citation
    else:
        regulation_name = CITATION.get(regulation) or REGULATIONS[regulation].citation
    review_en, review_id = _split(review)
    notes_en, notes_id = _split(notes)
    return {
        "regulation": regulation_name,
        "regulation_id": regulation,
        "level": level,
        "sanction": sanction,
        "allowed_sanctions": allowed,
        "basis": _dedupe(basis),
        "examination_team": team,
        "examination_team_basis": team_basis or [],
        "authority": {"role": authority.role, "basis": list(authority.basis)},
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
        "as_of": as_of.isoformat(),
        "engine_version": ENGINE_VERSION,
    }


def assess(
    payload: dict[str, Any], *, config: RulesConfig | None = None, today: date | None = None
) -> dict[str, Any]:
    """Answer the `tegak rules assess` request (CONTRACTS.md) for one JSON object."""
    return _assess_one(payload, config or DEFAULT_CONFIG, today)
