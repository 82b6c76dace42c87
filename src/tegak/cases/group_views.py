"""Pages of the joint steps of a group case: one form, the same step for the ticked accused."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.cases import access, legal_basis
from tegak.cases.group import GROUP_STEPS, group_step_take, ready_for
from tegak.cases.steps import ACTIONS, initial_for
from tegak.cases.views import show_error
from tegak.cases.workflow import STEPS, check_actor
from tegak.core.errors import InputError
from tegak.law import labels

ACCUSED_FIELD = "accused"


def _with_accused(form: forms.Form, ready: list[Any]) -> forms.Form:
    """The step's own form with the accused to take it for, every one ticked at first."""
    form.fields[ACCUSED_FIELD] = forms.TypedMultipleChoiceField(
        label=gettext_lazy("For these accused"),
        choices=[(item.pk, f"{item.employee.full_name} ({item.employee.nip})") for item in ready],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[item.pk for item in ready],
        help_text=gettext_lazy(
            "Each ticked accused gets their own record of this step, their own clocks and their "
            "own event. If the step is refused for one of them, nothing is written for any."
        ),
    )
    # The accused first, then the step's own fields.
    form.order_fields([ACCUSED_FIELD, *[name for name in form.fields if name != ACCUSED_FIELD]])
    return form


def group_step(request: HttpRequest, case_id: int, step_name: str) -> HttpResponse:
    """One step of the procedure for several accused of a case at once."""
    if step_name not in GROUP_STEPS or step_name not in ACTIONS:
        raise Http404
    case = access.case_for(request.user, case_id)
    # No form for a role that may not take the step (the same rule as the service's).
    check_actor(request.user, case, step_name)
    # Everyone at the stage is offered; the service checks the actor for each of them.
    ready = ready_for(case, step_name)
    context: dict[str, Any] = {
        "case": case,
        "title": STEPS[step_name].label,
        # Each accused's own basis (a PNS and a TKK of one case cite different rules).
        "basis": "; ".join(
            dict.fromkeys(
                labels.engine_text(legal_basis.step_basis(item, step_name)) for item in ready
            )
        )
        or STEPS[step_name].basis,
        "ready": ready,
    }
    if not ready:
        return render(request, "cases/group_form.html", context)
    action = ACTIONS[step_name]
    form = _with_accused(
        action.form(
            request.POST or None,
            accused=ready[0],
            initial=initial_for(step_name, ready[0]),
        ),
        ready,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen_ids = set(data.pop(ACCUSED_FIELD))
        chosen = [item for item in ready if item.pk in chosen_ids]
        try:
            group_step_take(
                actor=request.user, case=case, step=step_name, accused=chosen, data=data
            )
        except (InputError, PermissionDenied) as error:
            # Once: on the field it concerns when the form has it, else on top (a refusal for
            # one accused already names them in its message).
            show_error(form, error)
        else:
            messages.success(
                request,
                _("Recorded for %(count)s accused: %(step)s.")
                % {"count": len(chosen), "step": STEPS[step_name].label},
            )
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if form.errors else 200
    context["form"] = form
    return render(request, "cases/group_form.html", context, status=status)
