"""What is kept and for how long: the record classes, their default periods and the reading of
the law each default rests on (docs/legal-questions.md, R1-R7). An instansi sets its own periods
(`RetentionPolicy`), from its Jadwal Retensi Arsip."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordClass(models.TextChoices):
    REPORT_NOT_TAKEN_UP = "report_not_taken_up", _("Reports that led to no case")
    REPORTER_IDENTITY = "reporter_identity", _("Sealed reporter identities and notice contacts")
    REPORT_MESSAGES = "report_messages", _("Messages with reporters")
    EVIDENCE = "evidence", _("Evidence files of reports in closed cases")
    ATTENDANCE_RAW = "attendance_raw", _("Raw attendance data (check-ins, roll calls)")
    CLOSED_CASE = "closed_case", _("Closed case files")
    AUDIT = "audit", _("Audit log")


@dataclass(frozen=True)
class Rule:
    """A record class's default: months after `runs_from`, whether Tegak deletes at the end
    (or only lists for the archivist), and the basis in words."""

    record_class: str
    months: int | None
    deletes: bool
    runs_from: str
    basis: str


# UU 27/2022 Pasal 16(2)(g), 43(1)(a), 44(1)(a): personal data is deleted or destroyed when its
# retention period ends; the period is the archive's (UU 43/2009 Pasal 48-51, the instansi's
# Jadwal Retensi Arsip). The numbers below are Tegak's defaults, not the JRA's: readings R1-R7.
RULES: dict[str, Rule] = {
    RecordClass.REPORT_NOT_TAKEN_UP: Rule(
        RecordClass.REPORT_NOT_TAKEN_UP,
        24,
        True,
        "closed",
        "UU 27/2022 Pasal 16(2)(g), 43(1)(a); 2 years after closing: a complaint to the "
        "Ombudsman may be made within 2 years (UU 37/2008 Pasal 24(1)(c)) — reading R1",
    ),
    RecordClass.REPORTER_IDENTITY: Rule(
        RecordClass.REPORTER_IDENTITY,
        24,
        True,
        "case_final",
        "UU 27/2022 Pasal 16(2)(g), 43(1)(a); 2 years after the case is final (the "
        "reporter's identity is no longer needed once no review is open) — reading R2",
    ),
    RecordClass.REPORT_MESSAGES: Rule(
        RecordClass.REPORT_MESSAGES,
        24,
        True,
        "case_final",
        "UU 27/2022 Pasal 43(1)(a); 2 years after the case is final — reading R3",
    ),
    RecordClass.EVIDENCE: Rule(
        RecordClass.EVIDENCE,
        120,
        True,
        "case_final",
        "UU 43/2009 Pasal 48; 10 years after the case is final, with the case file — reading R4",
    ),
    RecordClass.ATTENDANCE_RAW: Rule(
        RecordClass.ATTENDANCE_RAW,
        24,
        True,
        "day",
        "UU 27/2022 Pasal 43(1)(a); PP 94/2021 counts absence per calendar year: the year and "
        "the next are kept — reading R5",
    ),
    RecordClass.CLOSED_CASE: Rule(
        RecordClass.CLOSED_CASE,
        120,
        False,
        "case_final",
        "UU 43/2009 Pasal 49-51: case files are destroyed only by the archive's procedure "
        "(a destruction committee, a list, ANRI's approval where required); Tegak lists them — "
        "reading R6",
    ),
    RecordClass.AUDIT: Rule(
        RecordClass.AUDIT,
        None,
        False,
        "",
        "Kept: the audit log proves what was done, including each deletion — reading R7",
    ),
}

MIN_MONTHS = 1
MAX_MONTHS = 1200
