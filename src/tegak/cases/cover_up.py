"""A superior accused of not acting on a subordinate's offence (PP 94/2021 Pasal 24(2)-(3), 28:
the cover-up of the karaoke seed story) is given a sanction heavier than the one the
subordinate's offence called for (docs/legal-questions.md 30, J2, J5).

That sanction is the subordinate's, taken from the same case: decided (as the objection left it),
else the engine's recommendation. A subordinate handled outside the case is recorded against the
superior (`SubordinateElsewhere`): accused in another case in Tegak, their sanction is read there
in the same way; otherwise it is the one stated with its source (reading C37).

So the superior's finding is weighed again whenever a subordinate's sanction is set or
changed, and the superior's decision waits until every such subordinate's sanction is known
(decided, or the matter ended with nothing proven): a decision weighed against a
recommendation that the subordinate's decision then exceeds would not be "lebih berat".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from tegak.cases import posts, rules_bridge
from tegak.cases.models import Accused, Stage, SubordinateElsewhere
from tegak.core.errors import InputError

FAILURE_TO_ACT = {"pp-94-2021:24:2", "pp-94-2021:24:3", "pp-94-2021:28:1"}
LIFTED = {"revoked", "annulled"}


def subordinates(accused: Accused, day: date) -> list[Accused]:
    """The other accused of the case who had this employee above them on the day."""
    return [
        other
        for other in accused.case.accused.exclude(pk=accused.pk).select_related("employee")
        if accused.employee in posts.supervisor_chain(other.employee, day, accused.case)
    ]


def _decision(accused: Accused) -> Any:
    return getattr(accused, "decision", None)


def sanction_of(accused: Accused) -> str | None:
    """The sanction a subordinate's offence called for: the one decided, as an objection changed
    or lifted it; else the engine's recommendation; none when the matter ended unproven."""
    decision = _decision(accused)
    if decision is not None:
        objection = getattr(decision, "objection", None)
        if objection is not None and objection.outcome:
            if objection.outcome in LIFTED:
                return None
            if objection.outcome_sanction_code:
                return str(objection.outcome_sanction_code)
        return str(decision.sanction_code) or None
    if accused.stage == Stage.FINAL:
        return None
    code = accused.finding.get("sanction")
    return str(code) if code else None


def elsewhere_sanction(entry: SubordinateElsewhere) -> str | None:
    """The sanction of a subordinate handled outside the case: read from their other case while
    it is there, else the one stated (or last read)."""
    if entry.linked is not None:
        return sanction_of(entry.linked)
    return entry.sanction_code or None


def _elsewhere(accused: Accused) -> list[SubordinateElsewhere]:
    if accused.pk is None:
        return []
    return list(
        SubordinateElsewhere.objects.filter(accused=accused).select_related(
            "linked__decision__objection", "linked__employee", "employee"
        )
    )


def subordinate_sanction(accused: Accused, day: date) -> str | None:
    """Of the subordinates in the case on the day and those handled elsewhere, the heaviest
    sanction (reading J2)."""
    found = [code for other in subordinates(accused, day) if (code := sanction_of(other))]
    found += [code for entry in _elsewhere(accused) if (code := elsewhere_sanction(entry))]
    return max(found, key=rules_bridge.sanction_rank, default=None)


def _failure_days(accused: Accused) -> list[date]:
    return [
        allegation.committed_on
        for allegation in accused.allegations.all()
        if allegation.provision in FAILURE_TO_ACT
    ]


def undecided_subordinates(accused: Accused) -> list[Accused]:
    """The subordinates this accused's failure to act is weighed against whose sanction is not
    known yet (no decision, and the matter has not ended)."""
    pending: dict[int, Accused] = {}
    for day in _failure_days(accused):
        for other in subordinates(accused, day):
            if _decision(other) is None and other.stage != Stage.FINAL:
                pending[other.pk] = other
    for entry in _elsewhere(accused):
        linked = entry.linked
        if linked is not None and _decision(linked) is None and linked.stage != Stage.FINAL:
            pending[linked.pk] = linked
    return list(pending.values())


def check_decidable(accused: Accused) -> None:
    """Refuse the decision on a superior who did not act while a subordinate's sanction is not
    known (PP 94/2021 Pasal 24(3), 28(2): heavier than that sanction)."""
    pending = undecided_subordinates(accused)
    if pending:
        raise InputError(
            "sanction_code",
            _(
                "Decide on %(names)s first: a superior who did not act is given a sanction "
                "heavier than the subordinate's (PP 94/2021 Pasal 24 ayat (3), Pasal 28 ayat (2)), "
                "and this finding is weighed again once that sanction is known."
            )
            % {"names": ", ".join(sorted(other.employee.full_name for other in pending))},
        )


def reweigh_superiors(subordinate: Accused, *, reason: str) -> list[Accused]:
    """Weigh again the finding of every undecided superior in the case accused of not acting on
    this subordinate's offence (inside the subordinate's step's transaction). Returns those whose
    finding changed."""
    from tegak.cases.services import finding_refresh_internal

    changed = []
    for other in subordinate.case.accused.exclude(pk=subordinate.pk).select_related("employee"):
        if _decision(other) is not None or other.stage == Stage.FINAL:
            continue
        days = _failure_days(other)
        if not any(subordinate in subordinates(other, day) for day in days):
            continue
        if finding_refresh_internal(other, reason=reason):
            changed.append(other)
    # Superiors in other cases who recorded this subordinate as handled here.
    for entry in SubordinateElsewhere.objects.filter(linked=subordinate).select_related(
        "accused__employee"
    ):
        other = entry.accused
        code = sanction_of(subordinate) or ""
        if entry.sanction_code != code:
            entry.sanction_code = code  # the last read, for when this case is gone
            entry.save(update_fields=["sanction_code"])
        if _decision(other) is not None or other.stage == Stage.FINAL:
            continue
        if finding_refresh_internal(other, reason=reason):
            changed.append(other)
    return changed


def reweighed_data(reweighed: list[Accused]) -> dict[str, list[int]]:
    """The audit data of a step that weighed superiors again (nothing when none was)."""
    return {"superiors_reweighed": [other.pk for other in reweighed]} if reweighed else {}
