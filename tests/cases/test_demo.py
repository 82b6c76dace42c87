"""The demo case can be carried on at once by a visitor signed in as the demo examiner."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from tegak.cases.models import Case
from tegak.hearings.services import examination_hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_case(db):
    from tegak.accounts import demo as accounts_demo
    from tegak.cases import demo as cases_demo
    from tegak.hearings import demo as hearings_demo
    from tegak.people import demo as people_demo

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    cases_demo.load(out)
    hearings_demo.load(out)
    return Case.objects.get(), out.getvalue()


def test_the_demo_examiner_can_record_the_examination_today(demo_case):
    from tegak.accounts.models import User

    case, printed = demo_case
    assert case.register_number in printed
    accused = case.accused.get()
    summons = accused.summonses.get()
    assert summons.examination_on <= timezone.localdate()
    examiner = User.objects.get(username="examiner")
    examination = examination_hold(
        actor=examiner, accused=accused, held_on=summons.examination_on, place="Ruang rapat"
    )
    accused.refresh_from_db()
    assert examination.held_on == summons.examination_on
    assert accused.stage == "examined"
