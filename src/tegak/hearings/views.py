"""Pages of the joint examination session of a group case (ADR 0061)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.cases import access, authority, legal_basis
from tegak.cases.group import GroupRefused
from tegak.cases.models import Accused, Case, Stage
from tegak.cases.views import show_error
from tegak.cases.workflow import STEPS, actor_roles, check_actor, may
from tegak.core.errors import InputError
from tegak.hearings import group
from tegak.hearings import services as hearings_services
from tegak.hearings.access import question_for, session_for
from tegak.hearings.forms import DATE
from tegak.law.labels import engine_text

REASON_HELP = gettext_lazy(
    "Only if you are not the lawful examiner of every accused: the reason is kept and flagged on "
    "the case, in the dossier and on the public register."
)


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Reason, if you are not the lawful official"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class SessionForm(forms.Form):
    accused = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Accused who came to the session"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each gets their own examination, questions and minutes (BAP). Record the absence of "
            "anyone who did not come on their own page."
        ),
    )
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=DATE)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    virtual = forms.BooleanField(label=gettext_lazy("Held virtually"), required=False)

    def __init__(self, *args: Any, ready: list[Accused], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accused"].choices = [  # type: ignore[attr-defined]
            (item.pk, f"{item.employee.full_name} ({item.employee.nip})") for item in ready
        ]
        self.fields[authority.REASON_FIELD] = _reason_field()


def _ready(case: Case) -> list[Accused]:
    """The summoned accused (the service checks the actor for each of them)."""
    after = STEPS["examination_hold"].after
    return [
        item
        for item in case.accused.select_related("employee").order_by("id")
        if item.stage in after
    ]


# A refusal of one attendee's own field goes on that attendee's field of the session's forms.
PER_ATTENDEE = {"answer": "answer_%s", "refusal_note": "refusal_%s"}


def _refused(form: forms.Form, error: InputError | PermissionDenied) -> None:
    """Show the refusal once: on the field it concerns when the form has it, else on top."""
    if isinstance(error, GroupRefused) and error.field in PER_ATTENDEE:
        field = PER_ATTENDEE[error.field] % error.accused.pk
        if field in form.fields:
            form.add_error(field, error.message)
            return
    show_error(form, error)


def session_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Hold one examination session for the summoned accused of a case."""
    case = access.case_for(request.user, case_id)
    # No form for a role that may not hold the examination (the same rule as the service's).
    check_actor(request.user, case, "examination_hold")
    ready = _ready(case)
    title = _("Hold a joint examination session")
    if not ready:
        return render(request, "hearings/session_new.html", {"case": case, "title": title})
    summons = ready[0].summonses.order_by("-number").first()
    initial = {
        "accused": [item.pk for item in ready],
        "held_on": summons.examination_on if summons else timezone.localdate(),
        "place": summons.place if summons else "",
    }
    form = SessionForm(request.POST or None, ready=ready, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [item for item in ready if item.pk in set(data["accused"])]
        try:
            session = group.examination_session_hold(
                actor=request.user,
                case=case,
                accused=chosen,
                held_on=data["held_on"],
                place=data["place"],
                virtual=data["virtual"],
                authority_reason=data.get(authority.REASON_FIELD) or "",
            )
        except (InputError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("Examination session recorded for %(count)s accused.") % {"count": len(chosen)},
            )
            return redirect("hearings:session", case_id=case.pk, session_id=session.pk)
    status = 400 if form.errors else 200
    # Each accused's own basis: PP 94/2021 for a PNS, the instansi's rule otherwise (C11).
    basis = "; ".join(
        dict.fromkeys(
            engine_text(legal_basis.step_basis(item, "examination_hold")) for item in ready
        )
    )
    context = {"case": case, "form": form, "title": title, "basis": basis}
    return render(request, "hearings/session_new.html", context, status=status)


class QuestionForm(forms.Form):
    """One question of the session, put to the attendees ticked, each with their own answer: a
    blank answer of one of them is refused on their field and nothing typed is lost."""

    def __init__(self, data: Any, *, open_attendees: list[Accused], put_to: list[int]) -> None:
        super().__init__(data, prefix="qa", initial={"put_to": put_to})
        self.open_attendees = open_attendees
        self.fields["put_to"] = forms.TypedMultipleChoiceField(
            label=gettext_lazy("Put the question to"),
            choices=[(item.pk, item.employee.full_name) for item in open_attendees],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy(
                "The question goes only into the minutes (BAP) of those ticked; a follow-up "
                "question asked of one attendee is ticked for them alone."
            ),
            error_messages={"required": gettext_lazy("Choose whom the question is put to.")},
        )
        self.fields["question"] = forms.CharField(
            label=gettext_lazy("Question"),
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={"required": gettext_lazy("Write the question.")},
        )
        for item in open_attendees:
            self.fields[f"answer_{item.pk}"] = forms.CharField(
                label=_("Answer of %(name)s") % {"name": item.employee.full_name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields[authority.REASON_FIELD] = _reason_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        chosen = set(data.get("put_to") or [])
        for item in self.open_attendees:
            field = f"answer_{item.pk}"
            answer = (data.get(field) or "").strip()
            if item.pk in chosen and not answer:
                self.add_error(field, hearings_services.blank_answer())
            elif item.pk not in chosen and answer and "put_to" in data:
                self.add_error(
                    field,
                    _("The question is not put to %(name)s: tick them above or clear this answer.")
                    % {"name": item.employee.full_name},
                )
        return data


def _put_to(request: HttpRequest, open_attendees: list[Accused]) -> list[int]:
    """Whom the question form is first ticked for: the attendee being examined (`?kepada=`,
    from their row's follow-up link), else every attendee whose minutes are open."""
    ids = [item.pk for item in open_attendees]
    chosen = request.GET.get("kepada", "")
    return [int(chosen)] if chosen.isdigit() and int(chosen) in ids else ids


class CorrectionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write the question.")},
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    withdraw = forms.BooleanField(
        label=gettext_lazy("Withdraw this question: it was not put to this accused"),
        required=False,
    )


def _minutes_form(data: Any, open_attendees: list[Accused]) -> forms.Form:
    form = forms.Form(
        data, prefix="bap", initial={"completed_on": timezone.localdate(), "signed": True}
    )
    form.fields["completed_on"] = forms.DateField(
        label=gettext_lazy("Minutes completed on"), widget=DATE
    )
    for item in open_attendees:
        form.fields[f"signed_{item.pk}"] = forms.BooleanField(
            label=_("%(name)s signed the minutes") % {"name": item.employee.full_name},
            required=False,
            initial=True,
        )
        form.fields[f"refusal_{item.pk}"] = forms.CharField(
            label=_("If %(name)s refused to sign: the note") % {"name": item.employee.full_name},
            required=False,
            widget=forms.Textarea(attrs={"rows": 1}),
        )
    form.fields[authority.REASON_FIELD] = _reason_field()
    return form


def session_detail(request: HttpRequest, case_id: int, session_id: int) -> HttpResponse:
    """The session: who attended, the questions and each answer; the forms that put the next
    question to every attendee and complete each one's minutes."""
    session = session_for(request.user, case_id, session_id)
    case = session.case
    attendees = group.session_attendees(session)
    open_attendees = [item for item in attendees if item.stage == Stage.EXAMINED]
    roles = actor_roles(request.user, case)
    may_record = bool(open_attendees) and may(roles, "question_record", Stage.EXAMINED)
    which = request.POST.get("do", "") if request.method == "POST" else ""
    if which and not may_record:
        raise PermissionDenied
    question_form = QuestionForm(
        request.POST if which == "question" else None,
        open_attendees=open_attendees,
        put_to=_put_to(request, open_attendees),
    )
    minutes_form = _minutes_form(request.POST if which == "minutes" else None, open_attendees)
    if which == "question" and question_form.is_valid():
        data = question_form.cleaned_data
        try:
            group.session_question_record(
                actor=request.user,
                session=session,
                question=data["question"],
                answers={item.pk: data.get(f"answer_{item.pk}", "") for item in open_attendees},
                put_to=data["put_to"],
                authority_reason=data.get(authority.REASON_FIELD) or "",
            )
        except (InputError, PermissionDenied) as error:
            _refused(question_form, error)
        else:
            messages.success(request, _("Question and answers recorded."))
            return redirect("hearings:session", case_id=case.pk, session_id=session.pk)
    if which == "minutes" and minutes_form.is_valid():
        data = minutes_form.cleaned_data
        try:
            group.session_minutes_complete(
                actor=request.user,
                session=session,
                completed_on=data["completed_on"],
                signed={item.pk: data.get(f"signed_{item.pk}", False) for item in open_attendees},
                refusal_notes={
                    item.pk: data.get(f"refusal_{item.pk}", "") for item in open_attendees
                },
                authority_reason=data.get(authority.REASON_FIELD) or "",
            )
        except (InputError, PermissionDenied) as error:
            _refused(minutes_form, error)
        else:
            messages.success(request, _("The minutes (BAP) of every attendee are complete."))
            return redirect("cases:detail", case_id=case.pk)
    rows = []
    for item in attendees:
        examination = item.examination
        rows.append(
            {
                "accused": item,
                "questions": list(examination.questions.all()),
                "minutes": getattr(item, "berita_acara", None),
                "open": item in open_attendees,
            }
        )
    status = 400 if (question_form.errors or minutes_form.errors) else 200
    # What the minutes' validity cites for these attendees on the session's day: PP 94/2021
    # Pasal 32 for a PNS, the instansi's rule for contract staff (readings C11, C18).
    minutes_basis = "; ".join(
        dict.fromkeys(
            engine_text(legal_basis.basis(item, "PP 94/2021 Pasal 32", session.held_on))
            for item in attendees
        )
    )
    context = {
        "case": case,
        "session": session,
        "minutes_basis": minutes_basis,
        "rows": rows,
        "may_record": may_record,
        "question_form": question_form,
        "minutes_form": minutes_form,
    }
    return render(request, "hearings/session.html", context, status=status)


def question_correct(
    request: HttpRequest, case_id: int, session_id: int, question_id: int
) -> HttpResponse:
    """Correct (or withdraw) one question and answer of an attendee while their minutes (BAP)
    are open; every correction is an audit event. Completed minutes are frozen."""
    session = session_for(request.user, case_id, session_id)
    row = question_for(request.user, case_id, session_id, question_id)
    accused = row.examination.accused
    frozen = accused.stage != Stage.EXAMINED
    may_correct = may(actor_roles(request.user, session.case), "question_record", Stage.EXAMINED)
    if request.method == "POST" and not may_correct:
        raise PermissionDenied
    back = redirect("hearings:session", case_id=session.case_id, session_id=session.pk)
    form = CorrectionForm(
        request.POST or None, initial={"question": row.question, "answer": row.answer}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["withdraw"]:
                hearings_services.question_withdraw(actor=request.user, row=row)
                messages.success(request, _("The question is withdrawn."))
            else:
                hearings_services.question_correct(
                    actor=request.user, row=row, question=data["question"], answer=data["answer"]
                )
                messages.success(request, _("The question and answer are corrected."))
        except (InputError, PermissionDenied) as error:
            show_error(form, error)
        else:
            return back
    context = {
        "case": session.case,
        "session": session,
        "row": row,
        "accused": accused,
        "frozen": frozen,
        "may_correct": may_correct,
        "form": form,
    }
    return render(
        request, "hearings/question_correct.html", context, status=400 if form.errors else 200
    )
