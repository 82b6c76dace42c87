"""The steps table's actions: each step's form and the service it calls (pages and API share these).

The apps that own the steps (`hearings`, `decisions`) register their actions here when Django
starts (`register` from their `AppConfig.ready()`); the case file imports none of them. A step's
stage and role are in `tegak.cases.workflow`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.cases import authority
from tegak.cases.models import Accused


@dataclass(frozen=True)
class StepAction:
    """A step as a page or API offers it."""

    name: str
    app: str  # hearings | decisions (where its page lives)
    form: Callable[..., forms.Form]
    run: Callable[[Any, Accused, dict[str, Any]], Any]


def plain_form(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    def make(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
        return form_class(*args, **kwargs)

    return make


ACTIONS: dict[str, StepAction] = {}
# Steps whose actor is checked against the law on the step's day (`tegak.cases.authority`): their
# forms carry the field for a deviation's reason.
AUTHORITY_STEPS = authority.EXAMINATION_STEPS | {
    "decision_take",
    "decision_amend",
    "objection_decide",
    "objection_reply",
    "temporary_release",
    "team_form",
}


def _sentence(text: str) -> str:
    """End a sentence with one full stop: a name may already end in one ("S.AP.")."""
    return text if text.endswith(".") else text + "."


def _lawful_names(step: str, accused: Accused) -> tuple[str, str]:
    """Who the law gives the step to today, for the form's help text ("" when not named), and
    why the officials it would first name are passed over ("" when none is)."""
    today = timezone.localdate()
    if step in authority.EXAMINATION_STEPS:
        lawful = authority.lawful_examiners(accused, today)
    elif step in {"decision_take", "decision_amend"}:
        lawful = authority.lawful_decider(accused, today)
    elif step == "team_form":
        lawful = authority.lawful_team_former(accused, today)
    elif step == "objection_reply" and hasattr(accused, "decision"):
        official = getattr(accused.decision.authorised_official, "employee", None)
        return (official.full_name if official is not None else ""), ""
    elif step == "temporary_release":
        from tegak.cases.services import examiner_resolution

        examiner, passed = examiner_resolution(accused, today)
        return (
            examiner.full_name if examiner is not None else "",
            authority.passed_over_note(passed),
        )
    elif (
        hasattr(accused, "decision")
        and hasattr(accused.decision, "objection")
        and accused.decision.objection.kind == "objection"
    ):
        lawful = authority.lawful_objection_decider(accused, today)
    else:
        return "", ""
    return ", ".join(lawful.names), lawful.note


def _with_reason(step: str, make: Callable[..., forms.Form]) -> Callable[..., forms.Form]:
    """The step's form with the field for a deviation's reason, naming the lawful official."""

    def build(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
        form = make(*args, accused=accused, **kwargs)
        names, note = _lawful_names(step, accused)
        form.fields[authority.REASON_FIELD] = forms.CharField(
            label=_("Reason, if you are not the lawful official"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=(
                _sentence(_("The law gives this step to: %(names)s") % {"names": names})
                + " "
                + _(
                    "Anyone else must give a reason; it is flagged on the case, in the dossier "
                    "and on the public register."
                )
                + (f" {note}" if note else "")
                if names
                else _("Anyone other than the lawful official must give a reason; it is flagged.")
            ),
        )
        return form

    return build


def register(*actions: StepAction) -> None:
    """Add the owning app's step actions to the table (once per name: a second app may not take
    over a step)."""
    for action in actions:
        known = ACTIONS.get(action.name)
        if known is not None and known.app != action.app:
            raise ValueError(f"step {action.name!r} already belongs to {known.app!r}")
        if action.name in AUTHORITY_STEPS:
            action = StepAction(
                action.name, action.app, _with_reason(action.name, action.form), action.run
            )
        ACTIONS[action.name] = action


# Steps whose place is the examination's (the summons names it).
PLACE_OF_EXAMINATION_STEPS = {"summons_issue_1", "summons_issue_2", "examination_hold"}


def initial_for(step: str, accused: Accused) -> dict[str, Any]:
    """Sensible first values: today for dates, the last place for the examination."""
    today = timezone.localdate()
    initial: dict[str, Any] = {}
    for field in (
        "issued_on",
        "recorded_on",
        "formed_on",
        "held_on",
        "completed_on",
        "reported_on",
        "decided_on",
        "delivered_on",
        "received_on",
        "filed_on",
        "replied_on",
        "decree_on",
        "starts_on",
        "on",
    ):
        initial[field] = today
    summons = accused.summonses.order_by("-number").first()
    # Only the examination's own steps start from the summons' place: the delivery form's empty
    # place means the issuing office, so prefilling it printed the examination room there.
    if summons is not None and step in PLACE_OF_EXAMINATION_STEPS:
        initial["place"] = summons.place
    if step == "decision_amend" and hasattr(accused, "decision"):
        # a correction starts from the decision as it stands, not from the first sanction
        initial["sanction_code"] = accused.decision.sanction_code
        initial["justification"] = accused.decision.justification
        initial["decided_on"] = accused.decision.decided_on
    if step == "team_form":
        from tegak.cases.services import expected_examiner

        superior, _replaced = expected_examiner(accused, today)
        if superior is not None:
            initial["superior"] = superior.pk
    return initial
