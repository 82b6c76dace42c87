"""Writes of the decision: take, correct before delivery, deliver, objection or appeal, final.

Each service checks the step (order and role) in `tegak.cases.workflow`, checks its dates, writes in
one transaction and records exactly one audit event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tegak import rules
from tegak.accounts.models import User
from tegak.cases import authority, clocks, cover_up, outcome, rules_bridge
from tegak.cases import services as case_services
from tegak.cases.history import case_event
from tegak.cases.models import Accused, Clock, Stage
from tegak.cases.transitions import locked_step
from tegak.cases.workflow import check_day, check_step
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.decisions.models import (
    Decision,
    Delivery,
    Objection,
    ObjectionKind,
    ObjectionOutcome,
    ObjectionReply,
)
from tegak.law import labels
from tegak.law.sanction_types import NATIONAL_STATUSES
from tegak.people.models import Instansi
from tegak.rules.sanctions import INTERIM_SEDANG, LEVEL_RANK

MIN_JUSTIFICATION = 20
# Why the effect clock of a sanction lifted on objection marks nothing (stored, shown translated).
EFFECT_LIFTED = gettext_noop("the sanction was revoked or annulled on objection")


def _event(actor: Any, action: str, accused: Accused, target: Any, **data: Any) -> None:
    case_event(
        actor=actor,
        action=action,
        case=accused.case,
        target=target,
        data={"accused_id": accused.pk, **data},
    )


def _decision_basis_day(accused: Accused) -> date:
    """The day the decision may not precede: the report of findings, or the second missed
    examination when deciding on the evidence (Pasal 26(4))."""
    report = getattr(accused, "findings_report", None)
    if report is not None:
        return report.reported_on
    summons = accused.summonses.order_by("-number").first()
    return summons.examination_on if summons else accused.case.opened_on


def _dismissal(accused: Accused, sanction_code: str) -> bool:
    """Whether PP 79/2021 Pasal 10 sends the sanction to BPASN on appeal: dismissal as a PNS, or
    for a PPPK the end of the contract (`tegak.law.sanction_types`)."""
    return rules_bridge.sanction_types(accused).dismissal(sanction_code)


CITATIONS = {"pp-53-2010": "PP 53/2010", "pp-94-2021": "PP 94/2021"}


def _type_refused(accused: Accused, code: str, day: date) -> str:
    """Why a type is not open to the accused on the day (a PNS's type of another regulation, a
    tukin cut not yet in force), in the active language."""
    types = rules_bridge.sanction_types(accused)
    national = rules.SANCTIONS.get(code)
    finding = accused.finding or {}
    regulation = CITATIONS.get(str(finding.get("regulation_id") or ""))
    if types.rule is not None or national is None or regulation is None:
        return _("Choose a sanction from the list.")
    if code in INTERIM_SEDANG and INTERIM_SEDANG[code] in types.codes:
        return _(
            "The performance-allowance cuts of PP 94/2021 Pasal 8 ayat (3) are not in force on "
            "%(day)s: until the government regulation on salaries and allowances applies, PP "
            "94/2021 Pasal 42 ayat (2) keeps the types of PP 53/2010 Pasal 7 ayat (3). Choose one "
            "of them."
        ) % {"day": shown_date(day)}
    return _(
        "%(sanction)s is a sanction of %(basis)s; a decision on %(day)s is governed by "
        "%(regulation)s, which does not have it. Choose a sanction from the list."
    ) % {
        "sanction": types.label(code),
        "basis": national.basis,
        "day": shown_date(day),
        "regulation": regulation,
    }


def _same_authority(needed: dict[str, Any], given: dict[str, Any], *, by_words: bool) -> bool:
    """Whether the official named for the chosen type is the one named for the finding. An
    instansi rule names its officials in its own words: where it gives none for a level, the
    article it cites for the level says who (the same article, the same official)."""
    keys = ("role", "official", "holder") if by_words else ("role", "official")
    if by_words and needed.get("role") is None:
        return False  # no rule names anyone for the chosen type
    if any(needed.get(key) != given.get(key) for key in keys):
        return False
    if by_words and needed.get("role") == "instansi_rule" and not needed.get("official"):
        return list(needed.get("basis") or []) == list(given.get("basis") or [])
    return True


def _check_authority(accused: Accused, code: str, level: str | None, day: date) -> None:
    """A type heavier than the finding's level only when the official the engine names for the
    finding may impose that level too (PP 94/2021 Pasal 16-25; PP 53/2010 Pasal 15-22): a
    justification (Pasal 24(3)) answers for the choice of type, never for the power to impose it
    (reading C15). For PPPK and non-ASN staff the same against who imposes each level under the
    instansi's rule behind the finding (reading C21)."""
    finding = accused.finding or {}
    found_level = str(finding.get("level") or "")
    national = accused.employee.status in NATIONAL_STATUSES
    if (
        (national and code not in rules.SANCTIONS)
        or level not in LEVEL_RANK
        or found_level not in LEVEL_RANK
        or LEVEL_RANK[level] <= LEVEL_RANK[found_level]
    ):
        return
    door = case_services.assessment_input(accused, as_of=day)
    needed = rules.authority_for(door.payload, code, config=door.config, rules=door.rules)
    given = finding.get("authority") or {}
    if _same_authority(needed, given, by_words=not national):
        return
    official = needed.get("official") or needed.get("role")
    if not national:
        raise InputError(
            "sanction_code",
            _(
                "%(sanction)s is a %(level)s sanction: under %(rule)s it is imposed by "
                "%(needed)s (%(basis)s), not by %(given)s, the official authorised for this "
                "%(found)s finding. A justification may set a different type but not a level "
                "the official has no authority to impose: choose a %(found)s sanction, or send "
                "the matter to the official competent for the heavier level."
            )
            % {
                "sanction": rules_bridge.sanction_types(accused).label(code),
                "level": labels.label("level", level),
                "rule": finding.get("regulation") or "-",
                "needed": labels.label("authority", str(official))
                if official
                else _("an official still to be named"),
                "basis": "; ".join(str(item) for item in needed.get("basis") or []) or "-",
                "given": labels.label(
                    "authority", str(given.get("official") or given.get("role") or "")
                )
                or "-",
                "found": labels.label("level", found_level),
            },
        )
    raise InputError(
        "sanction_code",
        _(
            "%(sanction)s is a %(level)s sanction: on %(day)s it is imposed by %(needed)s "
            "(%(basis)s), not by %(given)s, the official authorised for this %(found)s finding. "
            "A justification (PP 94/2021 Pasal 24 ayat (3)) may set a different type but not a "
            "level the official has no authority to impose: choose a %(found)s sanction, or "
            "send the matter to the official competent for the heavier level."
        )
        % {
            "sanction": rules_bridge.sanction_types(accused).label(code),
            "level": labels.label("level", level),
            "day": shown_date(day),
            "needed": labels.label("authority", str(official))
            if official
            else _("an official still to be named"),
            "basis": "; ".join(str(item) for item in needed.get("basis") or []) or "-",
            "given": labels.label(
                "authority", str(given.get("official") or given.get("role") or "")
            )
            or "-",
            "found": labels.label("level", found_level),
        },
    )


def _check_sanction(
    accused: Accused, sanction_code: str, justification: str, day: date
) -> tuple[bool, str]:
    """A sanction from the allowed set, or a written justification (flagged: Pasal 24(3)); always
    one of the types open to the accused on the decision day (for a PNS or CPNS those of the
    regulation governing it, reading C15; the instansi rule's for PPPK and non-ASN staff), and
    never of a level the authorised official may not impose. Returns whether it lies outside the
    allowed set, and its level (the finding's when the type has none)."""
    code = sanction_code.strip()
    if not code:
        raise InputError("sanction_code", _("Choose the sanction."))
    types = rules_bridge.sanction_types(accused)
    if code not in types.codes:
        raise InputError("sanction_code", _type_refused(accused, code, day))
    level = types.level(code) or str((accused.finding or {}).get("level") or "")
    allowed = accused.allowed_sanctions
    if code in allowed:
        return False, level
    _check_authority(accused, code, level, day)
    if len(justification.strip()) < MIN_JUSTIFICATION:
        raise InputError(
            "justification",
            _(
                "This sanction is not among those the rules allow (%(allowed)s). Write the "
                "reasons (at least %(count)s characters): a sanction that does not fit the "
                "violation is itself sanctioned (PP 94/2021 Pasal 24(3))."
            )
            % {
                "allowed": "; ".join(types.label(code) for code in allowed) or "-",
                "count": MIN_JUSTIFICATION,
            },
        )
    return True, level


def _decider_checked(
    actor: User, accused: Accused, step: str, day: date, reason: str
) -> tuple[authority.Lawful, dict[str, Any]]:
    """Who the law gives the decision to on the day, and whether the actor may act as them
    (refused, or taken with a written reason that is flagged): the same check for taking the
    decision and for correcting it (PP 94/2021 Pasal 33; reading C17)."""
    lawful = authority.lawful_decider(accused, day)
    checked = authority.check(
        actor=actor, accused=accused, step=step, day=day, lawful=lawful, reason=reason
    )
    return lawful, checked


def decision_take(
    *,
    actor: User,
    accused: Accused,
    sanction_code: str,
    decided_on: date,
    justification: str = "",
    authority_reason: str = "",
    day_off_confirmed: bool = False,
) -> Decision:
    """The authorised official's decision, on the examination or on the evidence (Pasal 26(4),
    33, 37(1)). Dated on a day off only when `day_off_confirmed` (reading C30)."""
    check_step(actor, accused, "decision_take")
    check_day(
        "decided_on", decided_on, not_before=_decision_basis_day(accused), what=_("the findings")
    )
    _check_day_off(accused, decided_on, day_off_confirmed)
    # A superior who did not act waits for the subordinate's sanction (PP 94/2021 Pasal 24(3),
    # 28(2): heavier than it).
    cover_up.check_decidable(accused)
    # A decision dated in the past is taken under the law of its day (PP 53/2010 for a decree
    # of March 2021, PP 94/2021 from 31 Aug 2021): the finding is re-run as of that day, used
    # for the checks below and kept with the decision (reading C9).
    dated_finding, stored_finding = None, accused.finding
    if decided_on != accused.finding_as_of:
        dated_finding = case_services.finding_on(accused, decided_on)
        accused.finding = dated_finding
    lawful, checked = _decider_checked(
        actor, accused, "decision_take", decided_on, authority_reason
    )
    outside, level = _check_sanction(accused, sanction_code, justification, decided_on)
    finding = accused.finding
    with locked_step(actor=actor, accused=accused, step="decision_take") as transition:
        if dated_finding is not None:
            accused.finding = stored_finding  # compared with the dated one, kept if it differs
            case_services.finding_refresh_internal(
                accused, reason="decision day", as_of=decided_on, finding=dated_finding
            )
        authority.record(
            actor=actor, accused=accused, step="decision_take", day=decided_on, checked=checked
        )
        # A temporary release from duty ends with the decision (PP 94/2021 Pasal 31(1)).
        release = getattr(accused, "temporary_release", None)
        if release is not None and release.ended_on is None:
            release.ended_on = decided_on
            release.save(update_fields=["ended_on"])
        decision = Decision.objects.create(
            case=accused.case,
            accused=accused,
            sanction_code=sanction_code.strip(),
            # The chosen type's level (the finding's may be lighter: Pasal 24(3)).
            level=level,
            regulation=str(finding.get("regulation") or ""),
            basis_articles=list(finding.get("basis") or []),
            decided_on=decided_on,
            justification=justification.strip(),
            outside_allowed=outside,
            on_evidence_without_examination=accused.stage == Stage.ABSENT_TWICE,
            authorised_official=actor,
            allowed_sanctions=accused.allowed_sanctions,
            engine_version=accused.engine_version,
        )
        clocks.start(accused, "decision_set", decided_on)
        transition.move(Stage.DECIDED)
        reweighed = cover_up.reweigh_superiors(accused, reason="subordinate decided")
        _event(
            actor,
            "decision.taken",
            accused,
            decision,
            sanction_code=decision.sanction_code,
            decided_on=decided_on,
            outside_allowed=outside,
            on_evidence_without_examination=decision.on_evidence_without_examination,
            engine_version=decision.engine_version,
            authority_role=(finding.get("authority") or {}).get("role"),
            authority_checked=not lawful.unresolved,
            capacity=checked["capacity"],
            deviation=checked["deviation"],
            **cover_up.reweighed_data(reweighed),
        )
    return decision


def _check_day_off(accused: Accused, decided_on: date, confirmed: bool) -> None:
    """A decree dated on a day off of the instansi's calendar is accepted only when the official
    confirms that date: no article forbids signing a decision on a Saturday or a holiday (PP
    94/2021 Pasal 33, 37 set no working day for it, unlike the summons gap of Pasal 26(2)), but a
    date on a day off is most often a slip (seed walk: 2021-09-04 typed for 6 Sep 2021), so it
    is never taken silently (docs/legal-questions.md C30)."""
    why = rules_bridge.day_off(decided_on, instansi=accused.case.instansi)
    if why is None or confirmed:
        return
    raise InputError(
        "day_off_confirmed",
        _(
            "%(day)s is a day off in the instansi's calendar (%(why)s). A decision may be signed "
            'on a day off, but check the date: if it is right, tick "this date is a day off".'
        )
        % {"day": shown_date(decided_on), "why": why or _("weekend")},
    )


def decision_amend(
    *,
    actor: User,
    decision: Decision,
    sanction_code: str,
    justification: str = "",
    authority_reason: str = "",
    decided_on: date | None = None,
    day_off_confirmed: bool = False,
) -> Decision:
    """Correct the decision before it is delivered; a delivered decision is never changed.

    The correction is the deciding official's act (PP 94/2021 Pasal 33): checked on the day of
    the correction as the decision is (`decision_take`), and recorded with who made it and in
    what capacity (a deviation keeps its reason and is flagged).

    `decided_on` corrects the decision's date (a day mistyped): checked as when the decision is
    taken — not in the future, not before the findings, the authority on that day, the finding
    re-run under the law of that day — and the clocks the decision started run again from it
    (docs/legal-questions.md C30)."""
    accused = decision.accused
    if hasattr(decision, "delivery"):
        raise InputError("decision", _("A delivered decision cannot be changed."))
    check_step(actor, accused, "decision_amend")
    before_day = decision.decided_on
    day = before_day if decided_on is None else decided_on
    redated = day != before_day
    if redated:
        check_day(
            "decided_on", day, not_before=_decision_basis_day(accused), what=_("the findings")
        )
        _check_day_off(accused, day, day_off_confirmed)
    dated_finding, stored_finding = None, accused.finding
    if redated and day != accused.finding_as_of:
        dated_finding = case_services.finding_on(accused, day)
        accused.finding = dated_finding
    # The official with power on the decision's (corrected) day; a correction of the sanction
    # alone is checked on the day it is made.
    on = day if redated else timezone.localdate()
    lawful, checked = _decider_checked(actor, accused, "decision_amend", on, authority_reason)
    outside, level = _check_sanction(accused, sanction_code, justification, day)
    finding = accused.finding
    with transaction.atomic():
        before = decision.sanction_code
        if dated_finding is not None:
            accused.finding = stored_finding  # compared with the dated one, kept if it differs
            case_services.finding_refresh_internal(
                accused, reason="decision day", as_of=day, finding=dated_finding
            )
        decision.sanction_code = sanction_code.strip()
        decision.justification = justification.strip()
        decision.outside_allowed = outside
        decision.level = level
        fields = ["sanction_code", "justification", "outside_allowed", "level"]
        if redated:
            decision.decided_on = day
            decision.regulation = str(finding.get("regulation") or "")
            decision.basis_articles = list(finding.get("basis") or [])
            decision.allowed_sanctions = accused.allowed_sanctions
            decision.engine_version = accused.engine_version
            fields += ["decided_on", "regulation", "basis_articles", "allowed_sanctions"]
            fields += ["engine_version"]
        decision.save(update_fields=fields)
        if redated:
            # The clocks the decision started (delivery) run from the corrected day.
            accused.clocks.filter(step="decision_set").delete()
            clocks.start(accused, "decision_set", day)
        authority.record(
            actor=actor, accused=accused, step="decision_amend", day=on, checked=checked
        )
        reweighed = cover_up.reweigh_superiors(accused, reason="subordinate's decision amended")
        dates = {"decided_on_before": before_day, "decided_on": day} if redated else {}
        _event(
            actor,
            "decision.amended",
            accused,
            decision,
            before=before,
            sanction_code=decision.sanction_code,
            outside_allowed=outside,
            authority_checked=not lawful.unresolved,
            capacity=checked["capacity"],
            deviation=checked["deviation"],
            **dates,
            **cover_up.reweighed_data(reweighed),
        )
    return decision


def _relevant(item: dict[str, Any], dismissal: bool) -> bool:
    """Of the windows after receipt, the appeal one for a dismissal, the objection one else."""
    if item.get("kind") != "deadline":
        return True
    return ("appeal" in item["name"]) == dismissal


def _window(
    received_on: date, dismissal: bool, instansi: Instansi
) -> tuple[date | None, date | None]:
    """The objection (or appeal) window and the effective day, from the rules engine
    (PP 79/2021 Pasal 4(2), 11(3); PP 94/2021 Pasal 38), in working days of the instansi."""
    items = rules_bridge.deadlines("decision_received", received_on, instansi=instansi)
    window = effective = None
    for item in items:
        if item.get("kind") == "effective":
            effective = item["due"]
        elif _relevant(item, dismissal) and (window is None or item["due"] > window):
            window = item["due"]
    return window, effective


def decision_deliver(
    *,
    actor: User,
    decision: Decision,
    delivered_on: date,
    received_on: date,
    absent: bool = False,
    place: str = "",
) -> Delivery:
    """Record delivery (or sending, when the accused is absent), where it was handed over, and
    the day received (Pasal 37)."""
    accused = decision.accused
    if hasattr(decision, "delivery"):
        raise InputError("decision", _("The decision has already been delivered."))
    check_step(actor, accused, "decision_deliver")
    check_day("delivered_on", delivered_on, not_before=decision.decided_on, what=_("the decision"))
    check_day("received_on", received_on, not_before=delivered_on, what=_("the delivery"))
    dismissal = _dismissal(accused, decision.sanction_code)
    asn = authority.under_pp79(accused)
    window, effective = (
        _window(received_on, dismissal, accused.case.instansi) if asn else (None, None)
    )
    checked = authority.delivery_capacity(actor, accused)
    with locked_step(actor=actor, accused=accused, step="decision_deliver") as transition:
        authority.record(
            actor=actor, accused=accused, step="decision_deliver", day=delivered_on, checked=checked
        )
        delivery = Delivery.objects.create(
            decision=decision,
            delivered_on=delivered_on,
            received_on=received_on,
            absent=absent,
            place=" ".join(place.split())[:200],
            delivered_by=actor,
            window_closes_on=window,
            effective_on=effective,
        )
        clocks.meet(accused, "decision_deliver", delivered_on)
        if asn:
            clocks.start(
                accused,
                "decision_received",
                received_on,
                keep=lambda item: _relevant(item, dismissal),
                # An official's decision below the PPK is objected to before their superior
                # (PP 79/2021 Pasal 3(1)(b), 3(3), 7; reading C38).
                official="other" if authority.objection_goes_to_superior(accused) else "ppk",
            )
        transition.move(Stage.DELIVERED)
        # The reporter reads the decision on the tracking page once the accused has it (not
        # final yet: the objection window is open).
        outcome.refresh(actor=actor, accused=accused)
        _event(
            actor,
            "decision.delivered",
            accused,
            delivery,
            delivered_on=delivered_on,
            received_on=received_on,
            absent=absent,
            window_closes_on=window,
            effective_on=effective,
            capacity=checked["capacity"],
        )
    return delivery


def objection_file(
    *, actor: User, decision: Decision, kind: str, filed_on: date, grounds: str
) -> Objection:
    """Record an objection or appeal received within the window (PP 79/2021 Pasal 4, 11, 12)."""
    accused = decision.accused
    check_step(actor, accused, "objection_file")
    delivery = decision.delivery
    if kind not in ObjectionKind.values:
        raise InputError("kind", _("Choose objection or appeal."))
    dismissal = _dismissal(accused, decision.sanction_code)
    asn = authority.under_pp79(accused)
    if kind == ObjectionKind.APPEAL and not asn:
        raise InputError(
            "kind",
            _(
                "An appeal to BPASN is for ASN only (PP 79/2021 Pasal 1 angka 5, 10): contract "
                "staff object as the instansi's rule provides."
            ),
        )
    if kind == ObjectionKind.APPEAL and not dismissal:
        raise InputError(
            "kind", _("An appeal to BPASN is only against dismissal (PP 79/2021 Pasal 10).")
        )
    if kind == ObjectionKind.OBJECTION and dismissal and asn:
        raise InputError(
            "kind", _("A dismissal is challenged by appeal to BPASN (PP 79/2021 Pasal 10).")
        )
    check_day("filed_on", filed_on, not_before=delivery.received_on, what=_("receipt"))
    if delivery.window_closes_on is not None and filed_on > delivery.window_closes_on:
        raise InputError(
            "filed_on",
            _(
                "Filed after the window closed on %(day)s: it cannot be accepted "
                "(PP 79/2021 Pasal 4(3), 12(1))."
            )
            % {"day": shown_date(delivery.window_closes_on)},
        )
    if not grounds.strip():
        raise InputError("grounds", _("Write the grounds."))
    checked = authority.filing_capacity(actor, accused, filed_on)
    with locked_step(actor=actor, accused=accused, step="objection_file") as transition:
        authority.record(
            actor=actor, accused=accused, step="objection_file", day=filed_on, checked=checked
        )
        objection = Objection.objects.create(
            decision=decision,
            kind=kind,
            filed_on=filed_on,
            grounds=grounds.strip(),
            recorded_by=actor,
        )
        # The decision does not take effect while the objection is pending (Pasal 38).
        clocks.pause(accused, {"decision_received"}, filed_on)
        # The official replies to their superior only when the objection goes to that superior
        # (a decision of an official other than the PPK, PP 79/2021 Pasal 3(1)(b), 8(3)).
        to_superior = kind == ObjectionKind.OBJECTION and authority.objection_goes_to_superior(
            accused
        )
        # PP 79/2021's reply and decision clocks are for ASN; a non-ASN objection is decided as
        # the instansi's rule provides, and no stored rule sets a time (reading J4).
        if asn:
            clocks.start(
                accused,
                "appeal_received" if kind == ObjectionKind.APPEAL else "objection_received",
                filed_on,
                keep=lambda item: item["name"] != "official_reply_due" or to_superior,
            )
        transition.move(Stage.OBJECTION_FILED)
        # The reporter reads that the decision is challenged (UU 25/2009 Pasal 50(2)).
        outcome.refresh(actor=actor, accused=accused)
        _event(
            actor,
            "decision.objection_filed",
            accused,
            objection,
            kind=kind,
            filed_on=filed_on,
            grounds_length=len(objection.grounds),
            capacity=checked["capacity"],
        )
    return objection


def objection_reply(
    *,
    actor: User,
    objection: Objection,
    replied_on: date,
    text: str,
    authority_reason: str = "",
) -> ObjectionReply:
    """The reply of the official whose decision is objected to, to their superior, within 6
    working days (PP 79/2021 Pasal 8(3)); for an appeal, the PPK's answer to BPASN (Pasal 13(1))."""
    accused = objection.decision.accused
    check_step(actor, accused, "objection_reply")
    if hasattr(objection, "reply"):
        raise InputError("replied_on", _("The reply has already been recorded."))
    if not accused.clocks.filter(
        name__in=["official_reply_due", "ppk_reply_due"], met_on__isnull=True
    ).exists():
        raise InputError(
            "replied_on",
            _(
                "No reply is due: the objection goes to the PPK, who decides it directly "
                "(PP 79/2021 Pasal 5)."
            ),
        )
    check_day("replied_on", replied_on, not_before=objection.filed_on, what=_("the filing"))
    if not text.strip():
        raise InputError("text", _("Write the reply."))
    decision = objection.decision
    official = getattr(decision.authorised_official, "employee", None)
    lawful = authority.Lawful(
        {official.pk: authority.Capacity.AUTHORISED_OFFICIAL} if official is not None else {},
        [official.full_name] if official is not None else [],
        "PP 79/2021 Pasal 8 ayat (3)",
        unresolved=official is None,
    )
    checked = authority.check(
        actor=actor,
        accused=accused,
        step="objection_reply",
        day=replied_on,
        lawful=lawful,
        reason=authority_reason,
    )
    with locked_step(actor=actor, accused=accused, step="objection_reply"):
        authority.record(
            actor=actor, accused=accused, step="objection_reply", day=replied_on, checked=checked
        )
        reply = ObjectionReply.objects.create(
            objection=objection, replied_on=replied_on, text=text.strip(), recorded_by=actor
        )
        clocks.meet(accused, "objection_reply", replied_on)
        _event(
            actor,
            "decision.objection_replied",
            accused,
            reply,
            replied_on=replied_on,
            text_length=len(reply.text),
            deviation=checked["deviation"],
        )
    return reply


def objection_decide(
    *,
    actor: User,
    objection: Objection,
    outcome: str,
    decided_on: date,
    outcome_sanction_code: str = "",
    authority_reason: str = "",
) -> Objection:
    """Record the outcome of the objection or appeal; the case becomes final for the accused.

    An objection is decided by the superior of the official who decided (PP 79/2021 Pasal 3(1)(b),
    8), never by that official; an appeal is decided by BPASN and only recorded here."""
    accused = objection.decision.accused
    check_step(actor, accused, "objection_decide")
    if outcome not in ObjectionOutcome.values:
        raise InputError("outcome", _("Choose the outcome."))
    check_day("decided_on", decided_on, not_before=objection.filed_on, what=_("the filing"))
    changes = {ObjectionOutcome.REDUCED, ObjectionOutcome.INCREASED, ObjectionOutcome.CHANGED}
    if outcome in changes and not outcome_sanction_code.strip():
        raise InputError("outcome_sanction_code", _("Give the sanction that results."))
    resulting = outcome_sanction_code.strip()
    if resulting and resulting not in rules_bridge.sanction_types(accused).codes:
        # The types open on the decision's day (reading C15), as the form offers them.
        raise InputError(
            "outcome_sanction_code",
            _type_refused(accused, resulting, objection.decision.decided_on),
        )
    if objection.kind == ObjectionKind.APPEAL:
        checked = {
            "capacity": authority.Capacity.BPASN,
            "deviation": False,
            "reason": "",
            "expected": "",
            "basis": "PP 79/2021 Pasal 10, 13, 16",
        }
    else:
        lawful = authority.lawful_objection_decider(accused, decided_on)
        if (
            objection.decision.authorised_official_id == actor.pk
            and authority.under_pp79(accused)
            and not authority.decided_for_ppk(accused)
        ):
            # PP 79/2021 Pasal 3(1)(b), 8: never the official who decided, whether or not the
            # registry names their superior (a PPK's own decision goes back to the PPK,
            # Pasal 3(2), 5: then the official who recorded it records the outcome too).
            if lawful.unresolved:
                message = _(
                    "The official who imposed the sanction cannot decide the objection against "
                    "it: it goes to their superior (PP 79/2021 Pasal 3, 8), who is not in the "
                    "registry. The administrator records that superior's decision."
                )
            else:
                message = _(
                    "The official who imposed the sanction cannot decide the objection against "
                    "it: it goes to their superior, %(names)s (PP 79/2021 Pasal 3, 8)."
                ) % {"names": ", ".join(lawful.names)}
            raise InputError(authority.REASON_FIELD, message)
        below = (
            ""
            if authority.decided_for_ppk(accused)
            else authority.below_official(accused, actor.employee_id, decided_on)
        )
        if below:
            # Not even with a reason: an official under the one who imposed the sanction never
            # reviews it (PP 79/2021 Pasal 3(3), 8; reading C25).
            who = ", ".join(lawful.names) or _(
                "their superior, outside the registry (the administrator records the decision)"
            )
            raise InputError(
                authority.REASON_FIELD,
                below + " " + _("It is decided by %(names)s.") % {"names": who},
            )
        checked = authority.check(
            actor=actor,
            accused=accused,
            step="objection_decide",
            day=decided_on,
            lawful=lawful,
            reason=authority_reason,
        )
    with locked_step(actor=actor, accused=accused, step="objection_decide") as transition:
        authority.record(
            actor=actor, accused=accused, step="objection_decide", day=decided_on, checked=checked
        )
        objection.outcome = outcome
        objection.decided_on = decided_on
        objection.outcome_sanction_code = outcome_sanction_code.strip()
        objection.save(update_fields=["outcome", "decided_on", "outcome_sanction_code"])
        clocks.meet(accused, "objection_decide", decided_on)
        accused.final_on = decided_on
        # The outcome decides when the sanction takes effect (Pasal 38; PP 79/2021 Pasal 16);
        # neither sets an effective day for non-ASN staff (reading J1).
        lifted = outcome in {"revoked", "annulled"}
        accused.effective_on = None if lifted or not authority.under_pp79(accused) else decided_on
        accused.save(update_fields=["final_on", "effective_on"])
        # The effect clock said "the 15th day after receipt"; the objection moved it to the day
        # the objection is decided (PP 94/2021 Pasal 38 ayat (2); PP 53/2010 Pasal 44 ayat (2)),
        # or lifted it with the sanction. The case page and register show the day it really is.
        effect = Clock.objects.filter(accused=accused, name="takes_effect")
        if lifted:
            effect.update(not_applicable=EFFECT_LIFTED)
        elif accused.effective_on is not None:
            effect.update(due=accused.effective_on, met_on=accused.effective_on)
        closed = transition.move(Stage.FINAL, on=decided_on)
        reweighed = cover_up.reweigh_superiors(accused, reason="subordinate's objection decided")
        _event(
            actor,
            "decision.objection_decided",
            accused,
            objection,
            outcome=outcome,
            decided_on=decided_on,
            outcome_sanction_code=objection.outcome_sanction_code,
            case_final=closed,
            capacity=checked["capacity"],
            deviation=checked["deviation"],
            **cover_up.reweighed_data(reweighed),
        )
    return objection


def accused_finalise(*, actor: User, accused: Accused, on: date | None = None) -> Accused:
    """Close as final once the objection window has passed without an objection (Pasal 38)."""
    check_step(actor, accused, "accused_finalise")
    delivery = accused.decision.delivery
    day = on or timezone.localdate()
    check_day("on", day, not_before=delivery.received_on, what=_("receipt"))
    if delivery.window_closes_on is not None and day <= delivery.window_closes_on:
        raise InputError(
            "on",
            _("The objection window is open until %(day)s.")
            % {"day": shown_date(delivery.window_closes_on)},
        )
    with locked_step(actor=actor, accused=accused, step="accused_finalise") as transition:
        clocks.meet(accused, "accused_finalise", day)
        accused.final_on = day
        accused.effective_on = delivery.effective_on
        accused.save(update_fields=["final_on", "effective_on"])
        closed = transition.move(Stage.FINAL, on=day)
        _event(
            actor,
            "decision.final",
            accused,
            accused.decision,
            final_on=day,
            effective_on=delivery.effective_on,
            case_final=closed,
        )
    return accused


__all__ = [
    "accused_finalise",
    "decision_amend",
    "decision_deliver",
    "decision_take",
    "objection_decide",
    "objection_file",
    "objection_reply",
]
