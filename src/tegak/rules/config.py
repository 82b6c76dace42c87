"""The engine's version, its settings (the readings the law leaves open) and its input error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tegak.rules.messages import Text, as_text, language_code

# Stored with every finding, so a decision can be re-checked against the engine that made it.
ENGINE_VERSION = "2026.12.2"

COUNTINGS = ("exclusive", "inclusive")
DISMISSALS = ("pdh_taps", "ptdh")
SUMMONS_READINGS = ("at_most", "at_least")
EFFECT_COUNTINGS = ("calendar_days", "working_days")


@dataclass(frozen=True)
class RulesConfig:
    """Settings for every point where the law leaves room (see docs/legal-questions.md)."""

    # PP 94/2021 Pasal 42: the tukin-cut sedang types apply once the PP on Gaji dan Tunjangan is
    # in force; until then (None) sedang sanctions take the PP 53/2010 Pasal 7(3) types.
    sedang_tukin_from: date | None = None
    # PP 94/2021 Pasal 8(4)(c) says PDH-TAPS; UU 20/2023 Pasal 52(4) classifies it as PTDH.
    berat_dismissal: str = "pdh_taps"
    # Whether the start day of a working-day period counts ("inclusive") or not ("exclusive").
    counting: str = "exclusive"
    # Lateness and early leave add up to one day of absence per this many minutes (7.5 hours).
    minutes_per_absence_day: int = 450
    # Whether accumulated lateness/early leave counts towards the Pasal 9-11 thresholds at all.
    count_lateness: bool = True
    # PP 94/2021 Pasal 26(2) "paling lambat 7 hari kerja": "at_most" (the examination no later
    # than 7 working days after the summons letter) or "at_least" (PP 53/2010 Pasal 23(2) style).
    summons_reading: str = "at_most"
    # PP 94/2021 Pasal 38(1) "hari ke-15 sejak diterima": plain calendar days, or working days
    # (the reading attributed to Perban BKN 6/2022 Pasal 50(1), secondary source).
    effect_counting: str = "calendar_days"
    # PP 94/2021 Pasal 23(1)(b) as the OCR reads it: a pengawas may impose sedang sanctions on
    # PNS two levels below. False follows the secondary summaries (ringan only).
    pengawas_sedang_two_levels: bool = True
    # Pasal 35(2) (repeat offence) does not apply to attendance (Perban BKN 6/2022 Pasal 46(7),
    # secondary source): the thresholds already escalate.
    repeat_rule_for_attendance: bool = False
    # Extra notes appended to every answer (an installation's own remarks).
    extra_notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.berat_dismissal not in DISMISSALS:
            raise ValueError(f"berat_dismissal must be one of {DISMISSALS}")
        if self.counting not in COUNTINGS:
            raise ValueError(f"counting must be one of {COUNTINGS}")
        if self.summons_reading not in SUMMONS_READINGS:
            raise ValueError(f"summons_reading must be one of {SUMMONS_READINGS}")
        if self.effect_counting not in EFFECT_COUNTINGS:
            raise ValueError(f"effect_counting must be one of {EFFECT_COUNTINGS}")
        if self.minutes_per_absence_day <= 0:
            raise ValueError("minutes_per_absence_day must be positive")


DEFAULT_CONFIG = RulesConfig()


class RulesInputError(Exception):
    """Input the engine cannot accept: `field` is the JSON path, `message` plain English.

    The message is a `Text` of the engine's catalogue (a plain English string is looked up as it
    stands), so it can be given in Indonesian (`message_id`) or English (`message`).
    """

    def __init__(self, field: str, message: str | Text) -> None:
        self.text = as_text(message)
        self.field = field
        self.message = self.text.render("en")
        super().__init__(f"{field}: {self.message}" if field else self.message)

    @property
    def message_id(self) -> str:
        """The message in Bahasa Indonesia."""
        return self.text.render("id")

    def message_in(self, language: str) -> str:
        """The message in `language` (`id…` or `en…`)."""
        return self.text.render(language_code(language))

    def as_dict(self, language: str = "en") -> dict[str, dict[str, str]]:
        """The contract's error object; `language` "id" gives the Indonesian message (the
        English one stays in `message_en`)."""
        if language_code(language) == "id":
            return {
                "error": {
                    "field": self.field,
                    "message": self.message_id,
                    "message_en": self.message,
                }
            }
        return {"error": {"field": self.field, "message": self.message}}
