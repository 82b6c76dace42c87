"""One table of labels for every code of the law, in the active language (Indonesian first,
English available through the catalogue): sanction types, levels, who holds the power (the
engine's `authority.role` and a rule's `holder`), employee statuses, position kinds, impact,
examination team and instansi level.

    label("sanction", "teguran_lisan")          'Teguran lisan' / 'Oral reprimand'
    label("level", "sedang")                    'sedang'
    label("sanction", "local:putus_kontrak", finding=accused.finding)
                                                the instansi's own words from the finding
    choices("authority")                        [(code, label), ...] for forms

Every page takes its labels from here; an unknown code shows itself (never an empty cell).
Formal decree wording (the sanction as a decree states it) is the documents' own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tegak.people.models import EmployeeStatus, InstansiLevel, PositionKind

SANCTIONS: dict[str, Promise] = {
    "teguran_lisan": _("Oral reprimand"),
    "teguran_tertulis": _("Written reprimand"),
    "pernyataan_tidak_puas": _("Written statement of dissatisfaction"),
    "potong_tukin_25_6_bulan": _("25% allowance cut for 6 months"),
    "potong_tukin_25_9_bulan": _("25% allowance cut for 9 months"),
    "potong_tukin_25_12_bulan": _("25% allowance cut for 12 months"),
    "penundaan_kgb_1_tahun": _("Periodic salary rise postponed 1 year"),
    "penundaan_pangkat_1_tahun": _("Promotion postponed 1 year"),
    "penurunan_pangkat_1_tahun": _("One rank lower for 1 year"),
    "penurunan_jabatan_12_bulan": _("One position level lower for 12 months"),
    "pembebasan_jabatan_12_bulan": _("Released to a staff post for 12 months"),
    "penurunan_pangkat_3_tahun": _("One rank lower for 3 years"),
    "pemindahan_penurunan_jabatan": _("Moved to a position one level lower"),
    "pembebasan_jabatan": _("Released from position"),
    "pdh_taps": _("Honourable dismissal not at own request"),
    "ptdh": _("Dishonourable dismissal"),
}

TABLES: dict[str, Mapping[str, Any]] = {
    "sanction": SANCTIONS,
    "level": {
        "ringan": _("light (ringan)"),
        "sedang": _("moderate (sedang)"),
        "berat": _("heavy (berat)"),
    },
    # The engine's authority.role, and the office a rule names (authority.holder).
    "authority": {
        "atasan_langsung": _("Direct superior"),
        "atasan_dari_atasan_langsung": _("Superior of the direct superior"),
        "kepala_perangkat_daerah": _("Head of the perangkat daerah"),
        "ppk": _("Staffing official (PPK)"),
        "jpt_madya": _("Senior executive (JPT madya)"),
        "presiden": _("The President"),
        "instansi_rule": _("As the instansi's own rule sets"),
    },
    "status": dict(EmployeeStatus.choices),
    "position": dict(PositionKind.choices),
    "impact": {
        "unit_kerja": _("Work unit"),
        "instansi": _("Instansi"),
        "negara": _("State"),
    },
    "examination_team": {
        "none": _("No examination team"),
        "optional": _("Team optional"),
        "required": _("Team required"),
    },
    "instansi_level": dict(InstansiLevel.choices),
}
KINDS = tuple(TABLES)


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def label(kind: str, code: str | None, *, finding: Mapping[str, Any] | None = None) -> str:
    """The label of a code of the law in the active language. An instansi's own sanction
    (`local:...`) takes the words its rule gives (from the finding's `sanction_labels`)."""
    if kind not in TABLES:
        raise KeyError(f"unknown kind of code {kind!r}; expected one of {KINDS}")
    if not code:
        return ""
    found = TABLES[kind].get(code)
    if found is not None:
        return str(found)
    if kind == "sanction":
        own = ((finding or {}).get("sanction_labels") or {}).get(code) or {}
        words = own.get(_language()) or own.get("id")
        if words:
            return str(words)
        return code.rsplit(":", 1)[-1].replace("_", " ")
    return code


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) pairs of a kind, in the table's order, for forms."""
    return [(code, str(text)) for code, text in TABLES[kind].items()]


def engine_text(text: str | None) -> str:
    """A text the engine gave in English and the case file stored (a clock's basis), in the
    active language: the engine's catalogue first (`tegak.rules.messages`), then Django's for the
    few texts the case file writes itself (marked with `gettext_noop`)."""
    from django.utils.translation import gettext

    from tegak.rules.messages import catalogue

    if not text:
        return ""
    if _language() == "en":
        return text
    # A citation with a note the case file wrote (`tegak.cases.legal_basis`): each part alone.
    if " · " in text:
        return " · ".join(engine_text(part) for part in text.split(" · "))
    translated = catalogue("id").gettext(text)
    return translated if translated != text else gettext(text)


def engine_messages(answer: Mapping[str, Any] | None, key: str) -> list[str]:
    """An engine answer's `notes` or `human_review` in the active language.

    The engine gives each in English (`notes`) and in Bahasa Indonesia (`notes_id`), both
    rendered from its own gettext catalogue; a page shows the one of the reader's language.
    """
    if not answer:
        return []
    if _language() == "id" and answer.get(f"{key}_id") is not None:
        return [str(item) for item in answer.get(f"{key}_id") or []]
    return [str(item) for item in answer.get(key) or []]


def engine_error(error: Any) -> str:
    """A `RulesInputError`'s message in the active language."""
    message_in = getattr(error, "message_in", None)
    if message_in is not None:
        return str(message_in(_language()))
    return str(getattr(error, "message", error))
