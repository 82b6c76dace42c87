"""The demo case is summoned for its first examination. Idempotent."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TextIO

from django.utils import timezone

from tegak.accounts.models import User
from tegak.cases.demo import DEMO_INSTANSI_CODE, SUMMARY
from tegak.cases.models import Case
from tegak.cases.rules_bridge import day_off
from tegak.core.words import long_date
from tegak.hearings.services import summons_issue


def load(out: TextIO) -> None:
    """Summon the accused of the demo case (opened by `tegak.cases.demo`) once."""
    case = Case.objects.filter(instansi__code=DEMO_INSTANSI_CODE, summary=SUMMARY).first()
    examiner = User.objects.filter(username="examiner").first()
    if case is None or examiner is None:
        return
    accused = case.accused.get()
    if accused.summonses.exists():
        return
    today = timezone.localdate()
    known_on = case.known_to_superior_on
    # The examination is set for the latest working day up to today, so a visitor can record it
    # at once (a step may not be dated in the future).
    examination_on = today
    while day_off(examination_on, instansi=case.instansi) is not None:
        examination_on -= timedelta(days=1)
    issued_on = max(known_on, examination_on - timedelta(days=3))
    summons_issue(
        actor=examiner,
        accused=accused,
        number=1,
        issued_on=issued_on,
        examination_on=max(examination_on, issued_on),
        place="Ruang rapat bidang",
        examination_time=time(9, 0),
    )
    out.write(
        f"Demo case: {case.register_number} (examination due "
        f"{long_date(max(examination_on, issued_on), language='en')}; "
        "sign in as examiner to record it)\n"
    )
