"""Issue #18 item 6: the PDF is made by the job worker, after the issue step has committed.

With a `tegak worker` registered (as a running worker registers itself), issuing commits the
numbered document with its DOCX and a rendering job, and nothing else: the case page shows the
PDF as being prepared (and polls a small progress JSON), the download waits, a dossier waits.
The worker's loop (`drain`, the same claim and run as `tegak worker`) then makes and signs the
PDF in a transaction of its own. Without a worker the issuing call runs the job itself."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.documents.models import DossierDispatch, IssuedDocument
from tegak.documents.services import document_file, document_issue_for_case, sha256_of
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import JobRunner, drain

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

RENDER = "tegak.documents.tasks.render_issued_pdf"


@pytest.fixture
def worker_running():
    """A worker process registered as alive (what `tegak worker` writes while it runs)."""
    runner = JobRunner()
    runner.register()
    yield runner
    runner.unregister()


def test_with_a_worker_the_issue_commits_the_number_and_the_page_shows_the_pdf_coming(
    case_file, authorised_official, verified_client, worker_running
):
    case_file.summon()
    client = verified_client(authorised_official)
    case_url = reverse("documents:case", args=[case_file.case.pk])
    response = client.post(
        reverse("documents:issue", args=[case_file.case.pk]),
        {"accused": case_file.accused.pk, "kind": "surat_panggilan_1"},
        follow=True,
    )
    document = IssuedDocument.objects.get()
    text = response.content.decode()
    # Numbered and recorded, the DOCX there; the PDF waits for the worker.
    assert document.number in text and document.sha256_docx and not document.file_pdf
    assert 'data-testid="pdf-pending"' in text and "documents/progress.js" in text
    job = Job.objects.get(task_path=RENDER)
    assert job.status == JobStatus.READY and job.args == [document.pk, 1]
    progress_url = reverse("documents:progress", args=[document.pk])
    assert client.get(progress_url).json()["ready"] is False
    waiting = client.get(reverse("documents:download", args=[document.pk, "pdf"]), follow=True)
    assert waiting.redirect_chain[-1][0] == case_url
    assert document.number in waiting.content.decode()  # "… still being prepared"
    refused = client.post(
        reverse("documents:dossier_create", args=[case_file.case.pk]),
        {"recipient_kind": "bkn", "recipient_name": "Kantor Regional BKN", "purpose": ""},
        follow=True,
    )
    assert not DossierDispatch.objects.exists() and document.number in refused.content.decode()
    assert not AuditEvent.objects.filter(action="documents.pdf_rendered").exists()

    assert drain() >= 1  # what the worker does
    document.refresh_from_db()
    assert client.get(progress_url).json()["ready"] is True
    pdf = client.get(reverse("documents:download", args=[document.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and document.number in pdf_text(pdf.content)
    assert sha256_of(pdf.content) == document.sha256_pdf
    event = AuditEvent.objects.get(action="documents.pdf_rendered")
    assert event.actor_label == "document-renderer"
    assert event.data["sha256_pdf"] == document.sha256_pdf and event.data["version"] == 1
    page = client.get(case_url).content.decode()
    assert 'data-testid="pdf-pending"' not in page
    assert reverse("documents:download", args=[document.pk, "pdf"]) in page


def test_a_version_issued_again_before_its_pdf_is_made_renders_only_the_newest(
    case_file, authorised_official, worker_running
):
    case_file.summon()

    def issue():
        return document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
        )

    first = issue()
    second = issue()
    assert second.pk == first.pk and second.version == 2 and not second.file_pdf
    drain()
    second.refresh_from_db()
    assert second.file_pdf and second.number in pdf_text(document_file(second, "pdf")[0])
    results = sorted(Job.objects.filter(task_path=RENDER).values_list("args", "return_value"))
    assert results == [([first.pk, 1], "superseded"), ([first.pk, 2], "rendered")]
    assert AuditEvent.objects.filter(action="documents.pdf_rendered").count() == 1


def test_without_a_worker_the_issuing_call_makes_the_pdf_itself(case_file, authorised_official):
    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    assert document.file_pdf and document.sha256_pdf
    assert sha256_of(document_file(document, "pdf")[0]) == document.sha256_pdf
    job = Job.objects.get(task_path=RENDER)
    assert job.status == JobStatus.SUCCESSFUL
