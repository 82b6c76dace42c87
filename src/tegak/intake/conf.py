"""Intake settings with their defaults; each can be set in Django settings or the environment."""

from __future__ import annotations

from django.conf import settings

from tegak.config.env import env_int


def _setting(name: str, env_name: str, default: int) -> int:
    value = getattr(settings, name, None)
    return int(value) if value is not None else env_int(env_name, default)


def reports_per_address_per_hour() -> int:
    """How many reports one client address may submit in an hour before it is refused."""
    return _setting("INTAKE_REPORTS_PER_ADDRESS_PER_HOUR", "TEGAK_INTAKE_REPORTS_PER_HOUR", 10)


def track_failures_per_address() -> int:
    """Wrong receipt codes from one address within the window that lock that address."""
    return _setting("INTAKE_TRACK_FAILURES_PER_ADDRESS", "TEGAK_INTAKE_TRACK_FAILURES", 5)


def track_failures_overall() -> int:
    """Wrong codes from all addresses within the window after which any address that already
    failed once is refused (a guard against guessing spread over many addresses)."""
    return _setting("INTAKE_TRACK_FAILURES_OVERALL", "TEGAK_INTAKE_TRACK_FAILURES_OVERALL", 200)


def track_window_minutes() -> int:
    """The lock-out window for wrong receipt codes."""
    return _setting("INTAKE_TRACK_WINDOW_MINUTES", "TEGAK_INTAKE_TRACK_WINDOW_MINUTES", 15)


def reporter_session_minutes() -> int:
    """How long a reporter stays signed in to their report after entering the code."""
    return _setting("INTAKE_REPORTER_SESSION_MINUTES", "TEGAK_INTAKE_REPORTER_SESSION_MINUTES", 30)


def acknowledge_working_days() -> int:
    return _setting("INTAKE_ACKNOWLEDGE_WORKING_DAYS", "TEGAK_INTAKE_ACKNOWLEDGE_DAYS", 3)


def first_answer_days() -> int:
    return _setting("INTAKE_FIRST_ANSWER_DAYS", "TEGAK_INTAKE_FIRST_ANSWER_DAYS", 14)


def disclosure_valid_days() -> int:
    """How long an approved identity disclosure stays usable by the requester."""
    return _setting("INTAKE_DISCLOSURE_VALID_DAYS", "TEGAK_INTAKE_DISCLOSURE_VALID_DAYS", 7)


def receipt_hash_parameters() -> tuple[int, int]:
    """(time cost, memory cost in KiB) of the argon2id hash of receipt codes."""
    return (
        _setting("INTAKE_RECEIPT_HASH_TIME_COST", "TEGAK_RECEIPT_HASH_TIME_COST", 2),
        _setting("INTAKE_RECEIPT_HASH_MEMORY_KIB", "TEGAK_RECEIPT_HASH_MEMORY_KIB", 2048),
    )


def verifications_per_address_per_hour() -> int:
    """How many files one client address may check on the public verification page in an hour
    (each check reads and validates a PDF: a flood would tie up the server)."""
    return _setting("VERIFICATIONS_PER_ADDRESS_PER_HOUR", "TEGAK_VERIFICATIONS_PER_HOUR", 30)


def verifications_overall_per_hour() -> int:
    """How many files all addresses together may check in an hour."""
    return _setting("VERIFICATIONS_OVERALL_PER_HOUR", "TEGAK_VERIFICATIONS_OVERALL_PER_HOUR", 1000)
