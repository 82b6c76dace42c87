"""The one way an accused's stage changes: a locked transition.

A step's service checks its step first (`workflow.check_step`: role and stage, before anything is
written) and then writes inside `with locked_step(actor=…, accused=…, step=…) as transition:`
instead of a bare `transaction.atomic()`. That locks the accused's row (`select_for_update`),
re-reads the stage and checks again that the step may follow it, so a step taken from a stale page
— a second click, a second tab, two people at once — is refused with the same plain message and
writes nothing; `transition.move(stage)` writes the new stage.

When the move ends the accused's matter (`Stage.FINAL`), the case is closed once every accused's
matter has ended, and the reporter is told the outcome (UU 25/2009 Pasal 50(2)).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tegak.cases import outcome
from tegak.cases.models import Accused, Case, Stage
from tegak.cases.workflow import STEPS
from tegak.core.errors import InputError


class Transition:
    """The step under way, holding the lock on its accused; `move` writes the new stage."""

    def __init__(self, *, actor: Any, accused: Accused, step: str) -> None:
        self.actor = actor
        self.accused = accused
        self.step = step

    def move(self, to: str, *, on: date | None = None) -> bool:
        """Move the accused to stage `to`; `on` (the day the matter ended) is required when `to` is
        final. Returns True when this move closed the whole case."""
        Accused.objects.filter(pk=self.accused.pk).update(stage=to)
        self.accused.stage = to
        if to != Stage.FINAL:
            return False
        if on is None:
            raise ValueError("a move to the final stage needs the day the matter ended (on=)")
        closed = _case_close_if_all_final(self.accused.case, on)
        outcome.publish(actor=self.actor, accused=self.accused, on=on)
        return closed


@contextmanager
def locked_step(*, actor: Any, accused: Accused, step: str) -> Iterator[Transition]:
    """The step's transaction: lock the accused's row, check again that `step` may follow the stage
    it holds now, and hand out the `Transition` that moves it."""
    with transaction.atomic():
        current = (
            Accused.objects.select_for_update().values_list("stage", flat=True).get(pk=accused.pk)
        )
        if current not in STEPS[step].after:
            raise InputError(
                "stage",
                _("This step cannot be taken now: the case is at “%(stage)s”.")
                % {"stage": Stage(current).label},
            )
        accused.stage = current
        yield Transition(actor=actor, accused=accused, step=step)


def _case_close_if_all_final(case: Case, on: date) -> bool:
    """Mark the case final once every accused is."""
    if case.accused.exclude(stage=Stage.FINAL).exists():
        return False
    case.status = "final"
    case.closed_on = on
    case.save(update_fields=["status", "closed_on"])
    return True
