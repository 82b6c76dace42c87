"""Who may take each step of the procedure, from the engine's authority and the registry on the
step's day, and the record of the capacity in which each step was taken.

- The examination (summons, absence, examination, questions, BAP, findings) is by the lawful
  direct superior (PP 94/2021 Pasal 26-27), the next one up when the direct superior is involved
  (Pasal 29(6)), a member of the team formed by decree (Pasal 29); the official above only
  where the law puts them in the direct superior's place (Pasal 25, 28, 29(6); reading C35).
- The decision is by the official the engine names (Pasal 16-25 or the instansi's rule), resolved
  in the registry on the decision day.
- An objection to a decision of an official other than the PPK is decided by that official's
  superior (PP 79/2021 Pasal 3(1)(b), 8); an appeal against dismissal is decided by BPASN
  (PP 79/2021 Pasal 10-16), which the case file records, never decides.

A step by someone else is refused, or — where the installation allows it
(`TEGAK_AUTHORITY_DEVIATIONS = "with_reason"`, the default) — taken only with a written reason
that is kept and flagged on the case page, in the dossier summary and on the public register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.cases import legal_basis, posts
from tegak.cases.models import Accused, StepAuthority
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.law import labels
from tegak.law.catalogue import rule_for_status
from tegak.people.models import ASN_STATUSES, Employee, OrgUnit

MIN_REASON = 20
REASON_FIELD = "authority_reason"

EXAMINATION_STEPS = {
    "summons_issue_1",
    "summons_issue_2",
    "examination_missed",
    "examination_hold",
    "question_record",
    "bap_record",
    "findings_report",
}


# The steps that impose, correct or review a sanction: a reason lets an official of the
# accused's line stand in for the lawful one (flagged), never someone outside it (reading C32).
# The examination steps keep the flagged deviation (ADR 0060): a defect of procedure is shown.
POWER_STEPS = {"decision_take", "decision_amend", "objection_decide"}


class Capacity(models.TextChoices):
    """The capacity in which a step was taken (printed on the letters and minutes)."""

    DIRECT_SUPERIOR = "atasan_langsung", gettext_lazy("Direct superior")
    NEXT_SUPERIOR = "atasan_dari_atasan_langsung", gettext_lazy("Superior of the direct superior")
    TEAM = "tim_pemeriksa", gettext_lazy("Examination team")
    HEAD_OF_AGENCY = "kepala_perangkat_daerah", gettext_lazy("Head of the regional agency")
    AUTHORISED_OFFICIAL = "pejabat_berwenang", gettext_lazy("Official authorised to sanction")
    OFFICIAL_SUPERIOR = (
        "atasan_pejabat",
        gettext_lazy("Superior of the official who imposed the sanction"),
    )
    ABOVE_INVOLVED = (
        "atasan_pejabat_terlibat",
        gettext_lazy("Superior of the official involved in the case"),
    )
    PPK = "ppk", gettext_lazy("Staffing officer (PPK)")
    BPASN = "bpasn", gettext_lazy("BPASN (recorded)")
    ASSIGNED = "ditugaskan", gettext_lazy("Assigned to the case (not checked against the registry)")
    DESIGNATED = (
        "pejabat_ditunjuk",
        gettext_lazy("Official designated by the authorised official (PP 94/2021 Pasal 37(2))"),
    )
    RECORDER = "pencatat", gettext_lazy("Recorded for the instansi (receipt of a filing)")
    DEVIATION = "penyimpangan", gettext_lazy("Not the lawful official (deviation with reason)")


# The words printed on Indonesian documents, whatever the user's language.
DOCUMENT_LABELS = {
    Capacity.DIRECT_SUPERIOR: "Atasan Langsung",
    Capacity.NEXT_SUPERIOR: "Atasan dari Atasan Langsung",
    Capacity.TEAM: "Tim Pemeriksa",
    Capacity.HEAD_OF_AGENCY: "Kepala Perangkat Daerah",
    Capacity.AUTHORISED_OFFICIAL: "Pejabat yang Berwenang Menghukum",
    Capacity.OFFICIAL_SUPERIOR: "Atasan Pejabat yang Berwenang Menghukum",
    Capacity.ABOVE_INVOLVED: "Atasan dari Pejabat yang Terlibat dalam Perkara",
    Capacity.PPK: "Pejabat Pembina Kepegawaian",
    Capacity.BPASN: "Badan Pertimbangan ASN",
    Capacity.ASSIGNED: "Pejabat yang Ditugaskan",
    Capacity.DESIGNATED: "Pejabat lain yang Ditunjuk",
    Capacity.RECORDER: "Petugas Pencatat",
    Capacity.DEVIATION: "Pemeriksa (bukan pejabat yang berwenang)",
}


def capacity_label(code: str) -> str:
    """The capacity in the user's language ("" for an unknown code)."""
    try:
        return str(Capacity(code).label)
    except ValueError:
        return ""


def document_label(code: str) -> str:
    """The capacity as an Indonesian letter prints it."""
    return DOCUMENT_LABELS.get(code, "")  # type: ignore[call-overload]


@dataclass(frozen=True)
class Lawful:
    """Who may take a step on a day: the people (employee id → capacity) and how to say it."""

    holders: dict[int, str]
    names: list[str]
    basis: str
    # True when the registry cannot name anyone (a PPK outside the registry, BPASN): the assigned
    # handler is accepted, recorded as such.
    unresolved: bool = False
    # Why the officials the law would first name are passed over that day (conflict of
    # interest, Pasal 29(6)): shown on the step's page and in a refusal.
    note: str = ""
    # Why a holder who is not the first the law names may take the step (kept with the step).
    reasons: dict[int, str] | None = None
    # What a refusal says to a particular person (a higher official outside the cases where the
    # law lets them examine, reading C35), before the usual words.
    refusals: dict[int, str] | None = None


def deviations_allowed() -> bool:
    """Whether a step by someone other than the lawful official may be taken with a reason."""
    return str(getattr(settings, "TEGAK_AUTHORITY_DEVIATIONS", "with_reason")) != "refuse"


def _conflict(accused: Accused, employee: Employee, day: date) -> str:
    from tegak.cases.services import conflict_reason

    return conflict_reason(accused.case, employee, day)


def passed_over_note(passed: list[tuple[Employee, str]]) -> str:
    """Who was passed over and why, as a page or a refusal says it ("" when nobody was)."""
    return " ".join(
        _("In place of %(name)s: %(reason)s (PP 94/2021 Pasal 29 ayat (6))")
        % {"name": person.full_name, "reason": reason}
        for person, reason in passed
    )


def _chain_holder(
    accused: Accused, day: date, index: int, capacity: str
) -> tuple[Employee | None, str, list[tuple[Employee, str]]]:
    """The superior `index` places up the accused's chain that day (0: the direct superior),
    counted on the whole chain, as Pasal 21-23 count levels. When that official is in conflict
    in the case (involved, or a subordinate of an accused — the rule that ends an assignment),
    the power goes to the first official above them who is not (by analogy with Pasal 29(6),
    docs/legal-questions.md C7, C16), in that capacity; None when nobody is. Also returns the
    officials passed over, with why."""
    chain = posts.supervisor_chain(accused.employee, day, accused.case)
    if len(chain) <= index:
        return None, capacity, []
    passed: list[tuple[Employee, str]] = []
    for position, superior in enumerate(chain[index:]):
        reason = _conflict(accused, superior, day)
        if not reason:
            return superior, (capacity if position == 0 else Capacity.ABOVE_INVOLVED), passed
        passed.append((superior, reason))
    return None, capacity, passed


def _holder_in_chain(
    accused: Accused, day: date, index: int, capacity: str
) -> tuple[Employee | None, str]:
    holder, found, _passed = _chain_holder(accused, day, index, capacity)
    return holder, found


def _agency_head(accused: Accused, day: date) -> Employee | None:
    """The head of the regional agency (perangkat daerah) the accused worked in that day: the
    unit just below the top of the tree, its head from the registry or the case's statements."""
    post = posts.post_on(accused.employee, day, accused.case)
    unit: OrgUnit | None = post.unit if post is not None else None
    seen: set[int] = set()
    agency = None
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        if unit.parent_id is None:
            break
        agency = unit
        unit = unit.parent
    if agency is None:
        return None
    head = posts.head_of(agency, day, accused.case)
    if head is None or _conflict(accused, head, day):
        return None
    return head


def decision_holder(accused: Accused, day: date) -> tuple[Employee | None, str]:
    """The official the engine gives the decision to, resolved on the day, and the capacity.
    (None, capacity) when the registry does not name them (the PPK, the President)."""
    authority = accused.finding.get("authority") or {}
    role = str(authority.get("role") or "")
    holder = str(authority.get("holder") or "")
    office = holder or role
    if office == "atasan_langsung":
        return _holder_in_chain(accused, day, 0, Capacity.DIRECT_SUPERIOR)
    if office == "atasan_dari_atasan_langsung":
        return _holder_in_chain(accused, day, 1, Capacity.NEXT_SUPERIOR)
    if office == "kepala_perangkat_daerah":
        return _agency_head(accused, day), Capacity.HEAD_OF_AGENCY
    if office == "ppk":
        return None, Capacity.PPK
    return None, Capacity.AUTHORISED_OFFICIAL


def decision_passed_over(accused: Accused, day: date) -> list[tuple[Employee, str]]:
    """The superiors the decision passes over that day because they are in conflict."""
    authority = accused.finding.get("authority") or {}
    office = str(authority.get("holder") or "") or str(authority.get("role") or "")
    index = {"atasan_langsung": 0, "atasan_dari_atasan_langsung": 1}.get(office)
    if index is None:
        return []
    return _chain_holder(accused, day, index, Capacity.AUTHORISED_OFFICIAL)[2]


def decided_for_ppk(accused: Accused) -> bool:
    """Whether the engine gives this accused's decision to the PPK (outside the registry)."""
    authority = accused.finding.get("authority") or {}
    return str(authority.get("holder") or authority.get("role") or "") == "ppk"


def _authority_basis(accused: Accused) -> str:
    authority = accused.finding.get("authority") or {}
    return "; ".join(str(item) for item in authority.get("basis") or [])


def superior_did_not_act(accused: Accused, day: date) -> str:
    """Why the superior above the examiner may examine that day because the direct superior did
    not summon within the duty's time (PP 94/2021 Pasal 28, reading C35); "" when not so."""
    flagged = accused.superior_duty_flagged_on
    if flagged is None or flagged > day:
        return ""
    return _(
        "The direct superior did not summon within the time limit (flagged on %(day)s; "
        "PP 94/2021 Pasal 28)."
    ) % {"day": shown_date(flagged)}


def _higher_refusal(examiner: Employee) -> str:
    return _(
        "A superior above the direct superior examines only when the direct superior is "
        "involved in the case, no longer holds the post, or did not summon within the time "
        "limit (PP 94/2021 Pasal 25, 28, 29 ayat (6)); none of these holds: %(name)s examines."
    ) % {"name": examiner.full_name}


def lawful_examiners(accused: Accused, day: date) -> Lawful:
    """Who may take the examination steps that day (Pasal 26-27, 29): the direct superior or a
    team member; a superior in conflict is passed over for the next one up (Pasal 29(6)), and the
    page says so. A higher official examines in their own right only where the law puts them in
    the direct superior's place (reading C35): the direct superior involved (Pasal 29(6)), no
    longer in post (Pasal 25: the chain then starts above the vacant post), or not having acted
    (Pasal 28: the duty flagged); the official who decides does not examine for being so
    (Pasal 27(4): the direct superior examines and reports up)."""
    from tegak.cases.services import examiner_resolution

    holders: dict[int, str] = {}
    reasons: dict[int, str] = {}
    refusals: dict[int, str] = {}
    team = getattr(accused, "team", None)
    if team is not None:
        for member in team.members.all():
            holders[member.employee_id] = Capacity.TEAM
    examiner, passed = examiner_resolution(accused, day)
    if examiner is not None:
        holders.setdefault(
            examiner.pk,
            (Capacity.DIRECT_SUPERIOR, Capacity.NEXT_SUPERIOR)[len(passed)]
            if len(passed) < 2
            else Capacity.ABOVE_INVOLVED,
        )
        if passed:
            reasons.setdefault(examiner.pk, passed_over_note(passed))
        above = _officials_above(accused, day, examiner)
        did_not_act = superior_did_not_act(accused, day)
        if did_not_act and above:
            holders.setdefault(above[0].pk, Capacity.NEXT_SUPERIOR)
            reasons.setdefault(above[0].pk, did_not_act)
        for official in above:
            if official.pk not in holders:
                refusals[official.pk] = _higher_refusal(examiner)
    else:
        # Nobody in the chain is free to examine: the official who decides may (as before).
        deciding, capacity = decision_holder(accused, day)
        if deciding is not None:
            holders.setdefault(deciding.pk, capacity)
    names = [person.full_name for person in Employee.objects.filter(pk__in=holders)]
    return Lawful(
        holders,
        sorted(names),
        legal_basis.basis(accused, "PP 94/2021 Pasal 26-27, 29", day),
        unresolved=not holders,
        note=passed_over_note(passed),
        reasons=reasons,
        refusals=refusals,
    )


def _officials_above(accused: Accused, day: date, examiner: Employee) -> list[Employee]:
    """The officials above the examiner in the accused's chain that day who are not in conflict
    in the case, nearest first."""
    chain = posts.supervisor_chain(accused.employee, day, accused.case)
    ids = [person.pk for person in chain]
    if examiner.pk not in ids:
        return []
    return [
        superior
        for superior in chain[ids.index(examiner.pk) + 1 :]
        if not _conflict(accused, superior, day)
    ]


def lawful_decider(accused: Accused, day: date) -> Lawful:
    """Who may take the decision that day (the engine's authority, resolved in the registry)."""
    official, capacity = decision_holder(accused, day)
    if official is None:
        return Lawful({}, [], _authority_basis(accused), unresolved=True)
    return Lawful(
        {official.pk: capacity},
        [official.full_name],
        _authority_basis(accused),
        note=passed_over_note(decision_passed_over(accused, day)),
    )


def under_pp79(accused: Accused) -> bool:
    """Whether the accused's objection and the day the sanction takes effect follow PP 79/2021 and
    PP 94/2021 Pasal 38: for ASN (PNS, CPNS, PPPK; PP 79/2021 Pasal 1 angka 10) only. Non-ASN
    contract staff object under their instansi's own rule (docs/legal-questions.md J1, J4)."""
    return accused.employee.status in ASN_STATUSES


# The basis recorded for a non-ASN objection decided by the signer (reading J4), when the
# instansi's rule records no objection basis of its own.
NON_ASN_OBJECTION_BASIS = gettext_lazy(
    "the instansi's rule for non-ASN staff; sanction letter: objection to the signer "
    "(PP 79/2021 applies to ASN employees only)"
)


def non_asn_objection_basis(accused: Accused) -> str:
    """The basis of a non-ASN objection: the objection basis of the instansi's rule for non-ASN
    staff in force on the decision's day, where the rule records one; else the general words."""
    rule = rule_for_status(
        accused.case.instansi, accused.employee.status, accused.decision.decided_on
    )
    if rule is not None and rule.objection_basis:
        return rule.objection_basis
    return str(NON_ASN_OBJECTION_BASIS)


def lawful_objection_decider(accused: Accused, day: date) -> Lawful:
    """Who decides an objection: the superior of the official who decided (PP 79/2021 Pasal
    3(1)(b), 8); the PPK (outside the registry) when the official has no superior in it.

    Non-ASN staff object under the instansi's rule, and their sanction letter sends the objection
    to the official who signed it (docs/legal-questions.md D6, J4): that official decides it."""
    decision = accused.decision
    official = getattr(decision.authorised_official, "employee", None)
    if not under_pp79(accused):
        basis = non_asn_objection_basis(accused)
        if official is None:
            return Lawful({}, [], basis, unresolved=True)
        return Lawful({official.pk: Capacity.AUTHORISED_OFFICIAL}, [official.full_name], basis)
    if official is None:
        return Lawful({}, [], "PP 79/2021 Pasal 3, 8", unresolved=True)
    case = accused.case
    # The chain of superiors on the day the objection is decided; the chain of the decision's
    # day when the official no longer holds a post that day.
    chain = posts.supervisor_chain(official, day, case)
    if posts.post_on(official, day, case) is None:
        chain = posts.supervisor_chain(official, decision.decided_on, case)
    passed: list[tuple[Employee, str]] = []
    for position, superior in enumerate(chain):
        reason = _conflict(accused, superior, day)
        if not reason:
            capacity = Capacity.OFFICIAL_SUPERIOR if position == 0 else Capacity.ABOVE_INVOLVED
            return Lawful(
                {superior.pk: capacity},
                [superior.full_name],
                "PP 79/2021 Pasal 3, 8",
                note=passed_over_note(passed),
            )
        passed.append((superior, reason))
    # Nobody above the official in the registry who is free to decide: the superior outside it
    # (the head of the region, reading C6) decides, and the administrator records it.
    return Lawful(
        {},
        [],
        "PP 79/2021 Pasal 3, 5",
        unresolved=True,
        note=passed_over_note(passed),
    )


def below_official(accused: Accused, employee_id: int | None, day: date) -> str:
    """Why this employee may not decide the objection to the accused's decision because they are
    not above the official who imposed it (PP 79/2021 Pasal 3(3), 8: the official's superior):
    the official themself or someone under them in the chain that day ("" otherwise)."""
    if employee_id is None or not under_pp79(accused) or not hasattr(accused, "decision"):
        return ""
    official = getattr(accused.decision.authorised_official, "employee", None)
    if official is None:
        return ""
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None or employee.pk == official.pk:
        return ""
    chain = posts.supervisor_chain(employee, day, accused.case)
    if any(superior.pk == official.pk for superior in chain):
        return _(
            "%(name)s serves under %(official)s, who imposed the sanction: only an official "
            "above them may decide the objection (PP 79/2021 Pasal 3 ayat (3), 8)."
        ) % {"name": employee.full_name, "official": official.full_name}
    return ""


def lawful_team_former(accused: Accused, day: date) -> Lawful:
    """Who may form the examination team that day: the PPK or an official the PPK designates
    (PP 94/2021 Pasal 29(5)). Read: the official the engine names to decide is the designated one
    (ADR 0070); when that is the PPK (outside the registry), the assigned authorised official is
    accepted and recorded as such."""
    official, capacity = decision_holder(accused, day)
    cited = legal_basis.basis(accused, "PP 94/2021 Pasal 29 ayat (5)", day)
    if official is None:
        return Lawful({}, [], cited, unresolved=True)
    return Lawful({official.pk: capacity}, [official.full_name], cited)


def delivery_capacity(actor: Any, accused: Accused) -> dict[str, Any]:
    """The capacity in which the decision is delivered (PP 94/2021 Pasal 37(2)): the official who
    decided, or another official they designate (a handler of the case); never a deviation."""
    official = getattr(accused.decision.authorised_official, "employee", None)
    employee_id = getattr(actor, "employee_id", None)
    mine = official is not None and employee_id == official.pk
    return {
        "capacity": Capacity.AUTHORISED_OFFICIAL if mine else Capacity.DESIGNATED,
        "deviation": False,
        "reason": "",
        "expected": "" if mine or official is None else official.full_name,
        "basis": legal_basis.basis(accused, "PP 94/2021 Pasal 37 ayat (2)"),
    }


def filing_capacity(actor: Any, accused: Accused, day: date) -> dict[str, Any]:
    """The capacity in which an objection or appeal is recorded as received (PP 79/2021 Pasal 3,
    4, 11): the superior it goes to, the official who decided (the copy), or the instansi's
    staff recording the receipt. Receiving a filing is no act of power: never a deviation."""
    employee_id = getattr(actor, "employee_id", None)
    official = getattr(accused.decision.authorised_official, "employee", None)
    if employee_id is not None and official is not None and employee_id == official.pk:
        capacity = Capacity.AUTHORISED_OFFICIAL
    elif employee_id is not None and employee_id in lawful_objection_decider(accused, day).holders:
        capacity = Capacity.OFFICIAL_SUPERIOR
    else:
        capacity = Capacity.RECORDER
    return {
        "capacity": capacity,
        "deviation": False,
        "reason": "",
        "expected": "",
        "basis": "PP 79/2021 Pasal 3, 4, 11",
    }


def objection_goes_to_superior(accused: Accused) -> bool:
    """Whether an objection to this decision goes to the superior of a non-PPK official (then the
    official replies within 6 working days, PP 79/2021 Pasal 8(3)); never for non-ASN staff."""
    if not under_pp79(accused):
        return False
    # Whether or not the registry names that superior (a Sekda's is the Wali Kota, outside it):
    # only a PPK's own decision goes back to the PPK (Pasal 3(2), 5), with no reply.
    return not decided_for_ppk(accused)


def _outside_line(accused: Accused, employee_id: int | None, day: date) -> Employee | None:
    """The actor's employee record when it is outside the accused's line of superiors that day
    (None when the actor is in that line, or is staff recording with no employee record)."""
    if employee_id is None:
        return None
    chain = posts.supervisor_chain(accused.employee, day, accused.case)
    if any(superior.pk == employee_id for superior in chain):
        return None
    return Employee.objects.filter(pk=employee_id).first()


def check(
    *,
    actor: Any,
    accused: Accused,
    step: str,
    day: date,
    lawful: Lawful,
    reason: str = "",
) -> dict[str, Any]:
    """Whether the actor may take the step that day; the record to keep (see `record`).

    Refuses with an error on `authority_reason` naming the lawful official when the actor is not
    one of them and no sufficient reason is given (or deviations are refused)."""
    employee_id = getattr(actor, "employee_id", None)
    if lawful.unresolved:
        return {
            "capacity": Capacity.ASSIGNED,
            "deviation": False,
            "reason": "",
            "expected": "",
            "basis": lawful.basis,
        }
    if employee_id is not None and employee_id in lawful.holders:
        return {
            "capacity": lawful.holders[employee_id],
            "deviation": False,
            "reason": (lawful.reasons or {}).get(employee_id, ""),
            "expected": "",
            "basis": lawful.basis,
        }
    expected = ", ".join(lawful.names)
    note = f" {lawful.note}" if lawful.note else ""
    # A higher official outside the cases where the law puts them in the direct superior's
    # place is told why first (reading C35).
    refusal = (lawful.refusals or {}).get(employee_id) if employee_id is not None else None
    lead = f"{refusal} " if refusal else ""
    # The basis is kept as stored (English notes after " · "); the refusal says it in the
    # reader's language, as the case page does.
    shown_basis = labels.engine_text(lawful.basis)
    if not deviations_allowed():
        raise InputError(
            REASON_FIELD,
            lead
            + _("Only %(names)s may take this step on %(day)s (%(basis)s).")
            % {"names": expected, "day": shown_date(day), "basis": shown_basis}
            + note,
        )
    outsider = _outside_line(accused, employee_id, day) if step in POWER_STEPS else None
    if outsider is not None:
        # A reason cannot give power over someone outside one's own line (reading C32): the
        # head of another unit would sign the letter under their own office's letterhead.
        raise InputError(
            REASON_FIELD,
            _(
                "%(name)s is not among the superiors of %(accused)s on %(day)s: only %(names)s "
                "(%(basis)s), or an official above the employee in their line, may take this "
                "step."
            )
            % {
                "name": outsider.full_name,
                "accused": accused.employee.full_name,
                "day": shown_date(day),
                "names": expected,
                "basis": shown_basis,
            }
            + note,
        )
    if len(reason.strip()) < MIN_REASON:
        raise InputError(
            REASON_FIELD,
            lead
            + _(
                "On %(day)s the law gives this step to %(names)s (%(basis)s). You are not that "
                "official: write why you take it instead (at least %(count)s characters). The "
                "reason is kept and flagged on the case, in the dossier and on the public "
                "register."
            )
            % {
                "day": shown_date(day),
                "names": expected,
                "basis": shown_basis,
                "count": MIN_REASON,
            }
            + note,
        )
    return {
        "capacity": Capacity.DEVIATION,
        "deviation": True,
        "reason": reason.strip(),
        "expected": expected,
        "basis": lawful.basis,
    }


def record(*, actor: Any, accused: Accused, step: str, day: date, checked: dict[str, Any]) -> Any:
    """Keep the capacity of a step (inside the step's transaction)."""
    return StepAuthority.objects.create(
        case=accused.case,
        accused=accused,
        step=step,
        day=day,
        user=actor,
        employee_id=getattr(actor, "employee_id", None),
        capacity=checked["capacity"],
        deviation=checked["deviation"],
        reason=checked["reason"][:1000],
        expected=checked["expected"][:300],
        basis=str(checked.get("basis") or "")[:300],
    )


def examiner_capacity(accused: Accused) -> str:
    """The capacity in which the examination was held (the BAP prints it)."""
    row = (
        StepAuthority.objects.filter(accused=accused, step="examination_hold")
        .order_by("-id")
        .first()
    )
    return row.capacity if row is not None else ""


def deviations(case: Any) -> list[Any]:
    """The steps of the case taken by someone other than the lawful official, with reasons."""
    return list(
        StepAuthority.objects.filter(case=case, deviation=True)
        .select_related("accused__employee", "user")
        .order_by("day", "id")
    )


def capacities(case: Any) -> list[Any]:
    """Every recorded capacity of the case's steps, in order (who acted, as what, on which
    legal basis): the case page shows them to staff."""
    return list(
        StepAuthority.objects.filter(case=case)
        .select_related("accused__employee", "user__employee", "employee")
        .order_by("day", "id")
    )


def has_deviation(case: Any) -> bool:
    return StepAuthority.objects.filter(case=case, deviation=True).exists()
