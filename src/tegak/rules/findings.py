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
from tegak.rules.parsing import non_negative_int, require_object
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
    finding: OffenceFinding, regime: Regime, level: str, basis: str, config: RulesConfig
) -> None:
    """A level whose type the official chooses: allowed = every type of the level."""
    finding.level = level
    finding.allowed = sanction_types(regime, level, config)
    finding.sanction = finding.allowed[0] if finding.allowed else None
    finding.basis = [basis, *type_basis(regime, level, config)]
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


def band_for(bands: tuple[AttendanceBand, ...], count: int) -> AttendanceBand | None:
    for band in bands:
        if count >= band.min and (band.max is None or count <= band.max):
            return band
    return None


def parse_absence(raw: Any, path: str, committed_on: date) -> tuple[int, int, int, int, int]:
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
                (
                    f"{missed} missed roll call(s) given; the governing rule sets no roll-call "
                    "thresholds, so they are not counted",
                    f"{missed} kali tidak mengikuti apel; aturan yang berlaku tidak menetapkan "
                    "batas apel, sehingga tidak dihitung",
                )
            )
        return band
    if missed is None:
        return band
    roll = band_for(regime.rule.roll_call, missed)
    if roll is None:
        finding.notes.append(
            (
                f"{missed} missed roll call(s) is below the first roll-call threshold "
                f"({regime.rule.roll_call[0].basis})",
                f"{missed} kali tidak mengikuti apel, di bawah batas apel pertama "
                f"({regime.rule.roll_call[0].basis})",
            )
        )
        return band
    finding.notes.append(
        (
            f"{missed} missed morning roll call(s) without a lawful reason ({roll.basis})",
            f"{missed} kali tidak mengikuti apel pagi tanpa alasan yang sah ({roll.basis})",
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
    year, unexcused, late, early, consecutive = parse_absence(raw, path, committed_on)
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
        allowed = sanction_types(regime, "sedang", config)
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
        attendance_level(finding, offence.get("absence"), path, regime, config, committed_on)
    elif rule.kind == "always":
        if rule.level is None or rule.basis is None:
            raise RulesInputError(f"{path}.provision", "provision data lacks a level")
        set_level(finding, regime, rule.level, rule.basis, config)
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
        set_level(finding, regime, mapped[0], mapped[1], config)
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
        set_level(finding, regime, mapped[0], mapped[1], config)
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


def is_similar(first: str, second: str) -> bool:
    if first == second:
        return True
    return COUNTERPARTS.get(first) == second or COUNTERPARTS.get(second) == first


def apply_repeat(
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
        prior
        for prior in priors
        if prior[2] is not None and is_similar(prior[2], finding.provision)
    ]
    if not similar:
        return
    last_day, last_code, _, _ = max(similar, key=lambda prior: prior[0])
    floor = rank_of(last_code, regime)
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
            code for code in sanction_types(regime, level, config) if rank_of(code, regime) > floor
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
