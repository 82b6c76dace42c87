"""Joint steps of a group case: one form, the same step for several accused at once.

Each accused keeps their own record of the step (their own summons, findings, decision, delivery),
their own clocks and their own audit event: the group run calls the step's own service once per
accused, so the order of the procedure and the lawful official are checked for each of them on the
step's day (`workflow.check_step`, `tegak.cases.authority`). The run is one transaction: when the
step is refused for one accused nothing is written for any, and the refusal names that accused
(ADR 0061).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tegak.cases.history import case_event
from tegak.cases.models import Accused, Case
from tegak.cases.steps import ACTIONS
from tegak.cases.workflow import STEPS, may
from tegak.core.errors import InputError

# The steps a group may take together. The examination itself is a joint session of its own
# (`tegak.hearings.group`); the questions and minutes, the team, a release and everything about
# an objection stay with the one accused they concern.
GROUP_STEPS = (
    "summons_issue_1",
    "summons_issue_2",
    "examination_missed",
    "findings_report",
    "decision_take",
    "decision_deliver",
    "accused_finalise",
)


class GroupRefused(InputError):
    """The step was refused for one accused of the group; nothing was written for any."""

    def __init__(self, accused: Accused, field: str, message: str) -> None:
        self.accused = accused
        super().__init__(
            field,
            _("%(name)s: %(reason)s") % {"name": accused.employee.full_name, "reason": message},
        )


def group_offers(roles: set[str], case: Case, accused: Sequence[Accused]) -> list[dict[str, Any]]:
    """The joint steps the actor (with these roles on the case) may take now: each step that two
    or more accused have reached, with those accused (for the case page)."""
    offers = []
    for name in GROUP_STEPS:
        if name not in ACTIONS:
            continue
        ready = [item for item in accused if may(roles, name, item.stage)]
        if len(ready) >= 2:
            offers.append(
                {
                    "name": name,
                    "label": STEPS[name].label,
                    "accused": ready,
                    "url": reverse("cases:group_step", args=[case.pk, name]),
                }
            )
        if name == "summons_issue_2":
            # After the summons, the examination of those summoned is one joint session.
            ready = [item for item in accused if may(roles, "examination_hold", item.stage)]
            if len(ready) >= 2:
                offers.append(
                    {
                        "name": "examination_session",
                        "label": _("Hold a joint examination session"),
                        "accused": ready,
                        "url": reverse("hearings:session_new", args=[case.pk]),
                    }
                )
    return offers


def ready_for(case: Case, step: str) -> list[Accused]:
    """The accused of the case whose stage this step may follow, in the order they were added."""
    after = STEPS[step].after
    return [
        item
        for item in case.accused.select_related("employee").order_by("id")
        if item.stage in after
    ]


def group_step_take(
    *, actor: Any, case: Case, step: str, accused: Sequence[Accused], data: dict[str, Any]
) -> list[Any]:
    """Take one step for several accused of the case in one transaction, each through the step's
    own service (their own record, clocks, lawful-official check and event), then one event for
    the run. Refused for one accused: nothing is written and the refusal names them."""
    if step not in GROUP_STEPS or step not in ACTIONS:
        raise InputError("step", _("This step is not taken for several accused together."))
    chosen = list(accused)
    if not chosen:
        raise InputError("accused", _("Tick at least one accused."))
    if any(item.case_id != case.pk for item in chosen):
        raise InputError("accused", _("Every accused must belong to this case."))
    if len({item.pk for item in chosen}) != len(chosen):
        raise InputError("accused", _("An accused is ticked twice."))
    action = ACTIONS[step]
    results = []
    with transaction.atomic():
        for item in chosen:
            try:
                results.append(action.run(actor, item, dict(data)))
            except InputError as error:
                raise GroupRefused(item, error.field, error.message) from error
            except PermissionDenied as error:
                raise GroupRefused(
                    item, "", str(error) or _("You may not take this step.")
                ) from error
        case_event(
            actor=actor,
            action="case.group_step_taken",
            case=case,
            data={"step": step, "accused_ids": [item.pk for item in chosen]},
        )
    return results
