"""A number is taken once and never given again, even when the issuing process is killed.

Real processes against a database of their own (as tests/jobs does): `tegak shell` issuing a
document is SIGKILLed while it renders, and so is a `tegak worker` running the issue as a job.
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


def test_a_process_killed_mid_issue_keeps_its_number_and_no_one_else_gets_it(
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
    taken = _allocations(installation)
    assert taken["killed"]["status"] == "allocated"
    assert "killed" not in _documents(installation)
    # The next document of the register gets the next number, not the killed one's.
    after = _issue(installation, "after")
    assert after != taken["killed"]["number"]
    # Issuing the killed document again finishes it under the number it was given.
    assert _issue(installation, "killed") == taken["killed"]["number"]
    documents = _documents(installation)
    assert len(set(documents.values())) == len(documents) == 3
    sequences = sorted(int(number.split("/")[1]) for number in documents.values())
    assert sequences == [1, 2, 3], documents
    assert {a["status"] for a in _allocations(installation).values()} == {"issued"}
    assert before == documents["before"]


def test_a_worker_killed_mid_issue_is_replaced_and_the_document_keeps_its_number(
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
    assert taken["status"] == "allocated"
    other = _issue(installation, "meanwhile")
    assert other != taken["number"]
    worker = installation.start_worker("--processes", "1")
    try:
        job = _wait_for(
            lambda: (j := installation.jobs()[job_id])["status"] == "SUCCESSFUL" and j,
            120,
            "the job finishing after its lease ran out",
        )
    finally:
        _stop(worker)
    assert job["value"] == taken["number"]
    assert _documents(installation)["job"] == taken["number"]
    assert int(Path(marker).read_text()) != worker.pid
