"""Every stage change goes through one locked transition: a step taken on a stale view of the
accused (a second click, a second tab, a concurrent request) is refused and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.audit.models import AuditEvent
from tegak.cases.models import Accused, Stage
from tegak.core.errors import InputError
from tegak.hearings import services as hearings
from tegak.hearings.models import Summons

pytestmark = pytest.mark.django_db


def summon(actor, accused):
    return hearings.summons_issue(
        actor=actor,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat Sekretariat DPRD",
    )


def test_the_same_step_taken_twice_from_stale_pages_writes_once(open_case, staff):
    case = open_case()
    first_tab = Accused.objects.get(case=case)
    second_tab = Accused.objects.get(case=case)  # loaded before the first tab's step
    summon(staff.examiner, first_tab)
    with pytest.raises(InputError) as refused:
        summon(staff.examiner, second_tab)
    assert refused.value.field == "stage"
    assert Summons.objects.filter(accused=first_tab).count() == 1
    assert Accused.objects.get(pk=first_tab.pk).stage == Stage.SUMMONED_1


def test_a_step_refused_by_the_lock_writes_no_audit_event(open_case, staff):
    case = open_case()
    first_tab = Accused.objects.get(case=case)
    second_tab = Accused.objects.get(case=case)
    summon(staff.examiner, first_tab)
    events = AuditEvent.objects.count()
    with pytest.raises(InputError):
        summon(staff.examiner, second_tab)
    assert AuditEvent.objects.count() == events
