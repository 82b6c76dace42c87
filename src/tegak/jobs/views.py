"""The installation operators' page of background jobs (superusers, `jobs.access`)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tegak.core.errors import InputError
from tegak.jobs import selectors
from tegak.jobs.access import can_operate_jobs, can_read_job_errors, job_for
from tegak.jobs.services import job_dismiss, job_retry


def overview(request: HttpRequest) -> HttpResponse:
    """The queue, the workers, the periodic work and the failed jobs."""
    if not can_operate_jobs(request.user):
        raise Http404
    context = {
        "queue": selectors.queue_state(),
        "workers": selectors.live_workers(),
        "periodic": selectors.periodic_states(),
        "failed": selectors.failed_jobs()[:200],
        "show_errors": can_read_job_errors(request.user),
    }
    return render(request, "jobs/overview.html", context)


@require_POST
def retry(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = job_for(request.user, job_id)
    try:
        job_retry(actor=request.user, job=job)
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The job will be tried again in a moment."))
    return redirect("jobs:overview")


@require_POST
def dismiss(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = job_for(request.user, job_id)
    try:
        job_dismiss(actor=request.user, job=job)
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The failed job was taken off the list."))
    return redirect("jobs:overview")
