"""The site-wide wrong-code guard slows spread guessing but never refuses a reporter's right
code because others guessed (#12 item 8)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from tegak.core.errors import InputError
from tegak.intake.models import ThrottleEvent, ThrottleKind
from tegak.intake.services import receipt_sign_in
from tegak.intake.services.reports import TooManyAttempts
from tegak.intake.throttle import client_key_for_address

pytestmark = pytest.mark.django_db

REPORTER = client_key_for_address("198.51.100.20")


def _others_guessed(count: int) -> None:
    now = timezone.now()
    ThrottleEvent.objects.bulk_create(
        ThrottleEvent(kind=ThrottleKind.TRACK_FAILURE, client_key=f"bot-{n}", at=now)
        for n in range(count)
    )


@override_settings(INTAKE_TRACK_FAILURES_OVERALL=50)
def test_after_others_guessed_the_right_code_still_gets_in(submitted):
    report, code = submitted
    _others_guessed(60)
    assert receipt_sign_in(code_text=str(code), client_key=REPORTER).pk == report.pk


@override_settings(INTAKE_TRACK_FAILURES_OVERALL=50)
def test_a_typo_under_an_attack_then_the_right_code_gets_in(submitted):
    report, code = submitted
    _others_guessed(60)
    with pytest.raises(InputError):
        receipt_sign_in(code_text="0000-0000-0000-0000", client_key=REPORTER)
    assert receipt_sign_in(code_text=str(code), client_key=REPORTER).pk == report.pk


@override_settings(INTAKE_TRACK_FAILURES_OVERALL=50)
def test_under_an_attack_a_guessing_address_is_stopped_after_two_wrong_codes(submitted):
    _others_guessed(60)
    guesser = client_key_for_address("192.0.2.77")
    for _ in range(2):
        with pytest.raises(InputError):
            receipt_sign_in(code_text="1111-2222-3333-4444", client_key=guesser)
    with pytest.raises(TooManyAttempts):
        receipt_sign_in(code_text="1111-2222-3333-5555", client_key=guesser)
    # Without an attack the same address would still have three tries left (limit 5).
    assert ThrottleEvent.objects.filter(client_key=guesser).count() == 2


@override_settings(INTAKE_TRACK_FAILURES_OVERALL=50)
def test_the_site_wide_guard_starts_exactly_at_its_limit(submitted):
    """49 wrong codes from others: an address with two of its own may still try; the 50th
    locks it. The counts stop at the limit they are compared with, so a flood of millions of
    guesses costs each check no more than the limit's worth of rows."""
    from tegak.intake import throttle

    guesser = client_key_for_address("192.0.2.78")
    _others_guessed(47)
    for _ in range(2):
        with pytest.raises(InputError):
            receipt_sign_in(code_text="1111-2222-3333-4444", client_key=guesser)
    # 49 in all, two of them the guesser's: not yet.
    with pytest.raises(InputError) as third:
        receipt_sign_in(code_text="1111-2222-3333-6666", client_key=guesser)
    assert not isinstance(third.value, TooManyAttempts)
    # That third wrong code made 50: now the guesser is stopped, the reporter is not.
    with pytest.raises(TooManyAttempts):
        receipt_sign_in(code_text="1111-2222-3333-7777", client_key=guesser)
    report, code = submitted
    assert receipt_sign_in(code_text=str(code), client_key=REPORTER).pk == report.pk
    _others_guessed(200)
    assert throttle._count(ThrottleKind.TRACK_FAILURE, None, 60, 50) == 50
    assert throttle._count(ThrottleKind.TRACK_FAILURE, guesser, 60, 50) == 3
