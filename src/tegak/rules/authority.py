"""Who may impose the sanction: the lowest competent official (PP 94/2021 Pasal 16-25, 27).

Pasal 27(3)-(4): when the direct superior is competent they must impose the sanction; otherwise
the examination report goes up the hierarchy. So the engine walks the chain of superiors from
the bottom and stops at the first official the regulation makes competent, then the PPK, then
the President.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tegak.rules.config import RulesConfig
from tegak.rules.messages import Text, say

STRUCTURAL = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "pelaksana")
FUNCTIONAL = (
    "fungsional_ahli_utama",
    "fungsional_ahli_madya",
    "fungsional_ahli_muda",
    "fungsional_ahli_pertama",
    "fungsional_keterampilan",
)
POSITIONS = STRUCTURAL + FUNCTIONAL
INSTANSI_LEVELS = ("pusat", "provinsi", "kabupaten_kota")
ADMIN_AND_BELOW = ("administrator", "pengawas", "pelaksana")
OTHER_FUNCTIONAL = FUNCTIONAL[1:]
DISMISSALS = ("pdh_taps", "ptdh")
# Position kinds that may appear in a chain of superiors: the structural officials, the head of
# a mission abroad (Pasal 19), and the functional officials the PPK names where a unit has no
# administrator (Ahli Madya, Pasal 22(2)-(3)) or no pengawas (Ahli Muda, Pasal 23(2)-(3)).
# A post that is vacant is written "vacant:<kind>" (Pasal 25).
SUPERIOR_KINDS = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "kepala_perwakilan",
    "fungsional_ahli_madya_ditunjuk",
    "fungsional_ahli_muda_ditunjuk",
    # PP 53/2010 only (assessments before 31 Aug 2021): a structural post of echelon V.
    "eselon_v",
)


def is_superior_kind(value: object) -> bool:
    """A chain entry: a superior kind, or "vacant:<kind>"."""
    if not isinstance(value, str):
        return False
    kind = value.removeprefix("vacant:")
    return kind in SUPERIOR_KINDS


@dataclass(frozen=True)
class Authority:
    """The role of the competent official and the articles that make them competent."""

    role: str | None
    basis: tuple[str, ...]
    review: Text | None = None  # why a person must decide
    # The office that holds the power when the regulation names it (PP 53/2010: an echelon,
    # the Sekretaris Daerah, the Governor); None where the role says it all.
    official: str | None = None

    def with_official(self, official: str) -> Authority:
        return replace(self, official=official)


def default_chain(position: str, instansi_level: str) -> tuple[str, ...]:
    """The usual superiors of a position, nearest first (used when no chain is given)."""
    central = instansi_level in ("pusat", "provinsi")
    tail = ("jpt_madya",) if central else ()
    if position == "pelaksana":
        return ("pengawas", "administrator", "jpt_pratama", *tail)
    if position == "pengawas":
        return ("administrator", "jpt_pratama", *tail)
    if position == "administrator":
        return ("jpt_pratama", *tail)
    if position in OTHER_FUNCTIONAL:
        return ("administrator", "jpt_pratama", *tail)
    if position == "jpt_pratama":
        return tail
    return ()


def _chain_power(
    official: str, distance: int, employee_position: str, level: str, config: RulesConfig
) -> str | None:
    """The article giving `official` power over the employee for `level`, or None."""
    functional = employee_position in OTHER_FUNCTIONAL
    if official == "kepala_perwakilan":
        if distance == 1 and level == "ringan":
            return "PP 94/2021 Pasal 19 huruf a"
        if distance == 2 and level == "sedang":
            return "PP 94/2021 Pasal 19 huruf b"
        return None
    if official in ("fungsional_ahli_madya_ditunjuk", "fungsional_ahli_muda_ditunjuk"):
        if distance == 1 and level == "ringan":
            return (
                "PP 94/2021 Pasal 22 ayat (2) dan (3)"
                if official == "fungsional_ahli_madya_ditunjuk"
                else "PP 94/2021 Pasal 23 ayat (2) dan (3)"
            )
        return None
    if official == "jpt_madya":
        if distance == 1 and level == "ringan":
            return "PP 94/2021 Pasal 20 huruf a"
        if distance == 2 and level == "sedang":
            return "PP 94/2021 Pasal 20 huruf b"
        return None
    if official in ("jpt_pratama", "administrator"):
        article = "Pasal 21" if official == "jpt_pratama" else "Pasal 22 ayat (1)"
        if functional and level in ("ringan", "sedang"):
            return f"PP 94/2021 {article} huruf c"
        if distance == 1 and level == "ringan":
            return f"PP 94/2021 {article} huruf a"
        if distance == 2 and level == "sedang":
            return f"PP 94/2021 {article} huruf b"
        return None
    if official == "pengawas":
        if functional and level == "ringan":
            return "PP 94/2021 Pasal 23 ayat (1) huruf c"
        if distance == 1 and level == "ringan":
            return "PP 94/2021 Pasal 23 ayat (1) huruf a"
        if distance == 2 and (
            level == "ringan" or (level == "sedang" and config.pengawas_sedang_two_levels)
        ):
            return "PP 94/2021 Pasal 23 ayat (1) huruf b"
    return None


def _ppk_power(position: str, instansi_level: str, level: str, sanction: str | None) -> str | None:
    """The article of Pasal 18 making the PPK competent, or None."""
    dismissal = sanction in DISMISSALS
    if instansi_level == "kabupaten_kota":
        if position == "jpt_pratama":
            return "PP 94/2021 Pasal 18 ayat (3) huruf a"
        if position == "fungsional_ahli_utama" and not dismissal:
            return "PP 94/2021 Pasal 18 ayat (3) huruf b"
        if position in ADMIN_AND_BELOW and level in ("sedang", "berat"):
            return "PP 94/2021 Pasal 18 ayat (3) huruf c"
        if position in OTHER_FUNCTIONAL and level == "berat":
            return "PP 94/2021 Pasal 18 ayat (3) huruf d"
        return None
    if position == "jpt_madya" and not dismissal:
        return "PP 94/2021 Pasal 18 ayat (1)"
    if position == "jpt_pratama" and level in ("sedang", "berat"):
        return "PP 94/2021 Pasal 18 ayat (2) huruf a"
    if position == "fungsional_ahli_utama" and not dismissal:
        return "PP 94/2021 Pasal 18 ayat (2) huruf b"
    if position in ADMIN_AND_BELOW and level == "berat":
        return "PP 94/2021 Pasal 18 ayat (2) huruf c"
    if position in OTHER_FUNCTIONAL and level == "berat":
        return "PP 94/2021 Pasal 18 ayat (2) huruf d"
    return None


def _president_power(
    position: str, sanction: str | None, *, is_ppk: bool, appointed_by_president: bool
) -> str | None:
    if position == "jpt_utama":
        return "PP 94/2021 Pasal 17 ayat (1) huruf a"
    if position == "jpt_madya" and is_ppk:
        return "PP 94/2021 Pasal 17 ayat (1) huruf b"
    if sanction in DISMISSALS:
        if position == "jpt_madya":
            return "PP 94/2021 Pasal 17 ayat (2) huruf a"
        if position == "fungsional_ahli_utama":
            return "PP 94/2021 Pasal 17 ayat (2) huruf b"
        if appointed_by_president:
            return "PP 94/2021 Pasal 17 ayat (2) huruf c"
    return None


def pp94_authority(
    *,
    position: str,
    instansi_level: str,
    level: str,
    sanction: str | None,
    chain: tuple[str, ...] | None,
    is_ppk: bool,
    appointed_by_president: bool,
    config: RulesConfig,
) -> Authority:
    """The lowest official competent to impose `sanction` (of `level`) on this employee."""
    president = _president_power(
        position, sanction, is_ppk=is_ppk, appointed_by_president=appointed_by_president
    )
    if president is not None:
        basis = [president]
        if position != "jpt_utama" and not is_ppk:
            basis.append("PP 94/2021 Pasal 17 ayat (3) huruf b")
        return Authority("presiden", tuple(basis))
    superiors = chain if chain is not None else default_chain(position, instansi_level)
    if level in ("ringan", "sedang"):
        for index, entry in enumerate(superiors[:2]):
            official = entry.removeprefix("vacant:")
            article = _chain_power(official, index + 1, position, level, config)
            if article is None:
                continue
            basis = [article, "PP 94/2021 Pasal 27 ayat (3) dan (4)"]
            if entry.startswith("vacant:"):
                # Pasal 25: the authority of a vacant post passes to the next official up.
                higher = [item for item in superiors[index + 1 :] if not item.startswith("vacant:")]
                if not higher:
                    break
                index = superiors.index(higher[0])
                basis.append("PP 94/2021 Pasal 25")
            role = {0: "atasan_langsung", 1: "atasan_dari_atasan_langsung"}.get(
                index, "atasan_dari_atasan_langsung"
            )
            if superiors[index] == "jpt_madya" and position == "jpt_pratama":
                role = "jpt_madya"
            return Authority(role, tuple(basis))
    ppk = _ppk_power(position, instansi_level, level, sanction)
    if ppk is not None:
        return Authority("ppk", (ppk,))
    return Authority(
        None,
        ("PP 94/2021 Pasal 25",),
        review=say(
            "No official competent for this sanction was found in the chain of "
            "superiors; PP 94/2021 Pasal 25 passes the authority to the next higher "
            "official"
        ),
    )
