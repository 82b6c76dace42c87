"""Issuing a document in a process of its own, for tests that kill that process mid-issue.

Importable by `tegak shell` and by a worker started from the repository (PYTHONPATH). When the
file named by `slow_flag` exists, the PDF conversion first writes `marker` and then waits for
a minute (a LibreOffice or a storage that hangs): the test kills the process in that minute.
The flag is removed as the pause starts, so the next attempt renders at once.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from django_tasks import task


def setup() -> None:
    """An instansi with an examiner; prints nothing but the instansi code as JSON."""
    from tegak.accounts.models import RoleAssignment, User
    from tegak.people.models import Instansi

    instansi, _created = Instansi.objects.get_or_create(
        code="kota-mati", defaults={"name": "Pemerintah Kota Mati", "level": "kabupaten_kota"}
    )
    user, _created = User.objects.get_or_create(username="penerbit")
    RoleAssignment.objects.get_or_create(user=user, role="examiner", instansi=instansi)
    print(json.dumps(instansi.code))


def _slow_conversion(slow_flag: str, marker: str) -> None:
    from tegak.documents import rendering

    real = rendering.docx_to_pdf

    def converting(docx: bytes) -> bytes:
        flag = Path(slow_flag)
        if flag.exists():
            flag.unlink()
            Path(marker).write_text(str(os.getpid()))
            time.sleep(60)
        return real(docx)

    rendering.docx_to_pdf = converting


def issue(subject_id: str, slow_flag: str = "", marker: str = "") -> str:
    """Issue a Surat Panggilan I for a subject; returns its number."""
    from tegak.accounts.models import User
    from tegak.documents.samples import sample_context
    from tegak.documents.services import document_issue
    from tegak.people.models import Instansi

    if slow_flag:
        _slow_conversion(slow_flag, marker)
    document = document_issue(
        actor=User.objects.get(username="penerbit"),
        kind="surat_panggilan_1",
        instansi=Instansi.objects.get(code="kota-mati"),
        context=sample_context("surat_panggilan_1"),
        subject_type="test.step",
        subject_id=subject_id,
    )
    return document.number


@task()
def issue_task(subject_id: str, slow_flag: str, marker: str) -> str:
    """The same issue, run by `tegak worker`."""
    return issue(subject_id, slow_flag, marker)
