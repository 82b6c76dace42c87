"""A number is taken once and never given again, even when the issuing process is killed.

Real processes against a database of their own (as tests/jobs does): `tegak shell` issuing a
document is SIGKILLed while it makes the PDF (after the issue step committed the number with
its document), and so is a `tegak worker` running the issue as a job; a worker then makes the
PDF under the number given.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.jobs.test_worker_processes import ROOT, TEGAK, _stop, _wait_for
from tests.jobs.test_worker_processes import installation as installation

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("worker-processes")]

SHELL = "from tests.documents import killable; "


def _allocations(installation) -> dict[str, dict[str, str]]:
    return installation.python(  # type: ignore[no-any-return]
        "import json; from tegak.documents.models import NumberAllocation as A; "
        "print(json.dumps({a.subject_id: {'number': a.number, 'status': a.status} "
        "for a in A.objects.all()}))"
    )


def _documents(installation) -> dict[str, str]:
    return installation.python(  # type: ignore[no-any-return]
        "import json; from tegak.documents.models import IssuedDocument as D; "
        "print(json.dumps({d.subject_id: d.number for d in D.objects.all()}))"
    )


def _issue(installation, subject: str) -> str:
    out = installation.tegak(
        "shell", "-c", SHELL + f"import json; print(json.dumps(killable.issue({subject!r})))"
    )
    return json.loads(out.strip().splitlines()[-1])


def _pdfs(installation) -> dict[str, bool]:
    """Which documents have their PDF stored (made by the rendering job)."""
    return installation.python(  # type: ignore[no-any-return]
        "import json; from tegak.documents.models import IssuedDocument as D; "
        "print(json.dumps({d.subject_id: bool(d.file_pdf) and d.file_pdf.storage.exists("
        "d.file_pdf.name) for d in D.objects.all()}))"
    )


def test_a_process_killed_while_making_the_pdf_keeps_its_number_and_a_worker_finishes_it(
    installation, tmp_path
):
    installation.tegak("shell", "-c", SHELL + "killable.setup()")
    before = _issue(installation, "before")
    flag, marker = tmp_path / "slow", tmp_path / "marker"
    flag.write_text("1")
    process = subprocess.Popen(
        [
            TEGAK,
            "shell",
            "-c",
            SHELL + f"killable.issue('killed', {str(flag)!r}, {str(marker)!r})",
        ],
        env=installation.env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(marker.exists, 120, "the issue reaching the rendering")
    finally:
        _stop(process, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    # The issue step had committed: the number is the document's, its PDF job is pending
    # (the PDF is made after the commit, issue #18 item 6).
    taken = _allocations(installation)
    assert taken["killed"]["status"] == "issued"
    assert _documents(installation)["killed"] == taken["killed"]["number"]
    assert _pdfs(installation) == {"before": True, "killed": False}
    # The next document of the register gets the next number, not the killed one's.
    after = _issue(installation, "after")
    assert after != taken["killed"]["number"]
    # A worker takes the rendering job back once its lease ran out and makes the PDF.
    worker = installation.start_worker("--processes", "1")
    try:
        _wait_for(lambda: _pdfs(installation)["killed"], 120, "the PDF made by a worker")
    finally:
        _stop(worker)
    documents = _documents(installation)
    assert len(set(documents.values())) == len(documents) == 3
    sequences = sorted(int(number.split("/")[1]) for number in documents.values())
    assert sequences == [1, 2, 3], documents
    assert {a["status"] for a in _allocations(installation).values()} == {"issued"}
    assert before == documents["before"] and documents["killed"] == taken["killed"]["number"]
    assert all(_pdfs(installation).values())


def test_a_worker_killed_while_making_the_pdf_is_replaced_and_the_document_gets_it(
    installation, tmp_path
):
    installation.tegak("shell", "-c", SHELL + "killable.setup()")
    flag, marker = tmp_path / "slow", tmp_path / "marker"
    flag.write_text("1")
    job_id = installation.python(
        SHELL + "import json; print(json.dumps(str(killable.issue_task.enqueue("
        f"'job', {str(flag)!r}, {str(marker)!r}).id)))"
    )
    worker = installation.start_worker("--processes", "1")
    try:
        _wait_for(marker.exists, 120, "the job reaching the rendering")
    finally:
        _stop(worker, signal.SIGKILL)  # supervisor and child gone together: only the lease
    taken = _allocations(installation)["job"]
    assert taken["status"] == "issued"
    assert _documents(installation)["job"] == taken["number"]
    assert not _pdfs(installation)["job"]
    other = _issue(installation, "meanwhile")
    assert other != taken["number"]
    worker = installation.start_worker("--processes", "1")
    try:
        _wait_for(lambda: _pdfs(installation)["job"], 120, "the PDF made after the lease ran out")
    finally:
        _stop(worker)
    assert installation.jobs()[job_id]["value"] == taken["number"]
    assert _documents(installation)["job"] == taken["number"]
    assert int(Path(marker).read_text()) != worker.pid
