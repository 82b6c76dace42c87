"""`tegak documents render|template` for scripts; bad input exits 2 with the JSON error."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tegak.documents.models import IssuedDocument

from .conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_render_writes_a_draft_then_issues_then_returns_the_issued(
    case_file, authorised_official, tmp_path
):
    case_file.summon()
    draft = tmp_path / "konsep.pdf"
    call_command(
        "documents",
        "render",
        "--case",
        "KU-2022-0007",
        "--nip",
        "199001152015032004",
        "--kind",
        "surat_panggilan_1",
        "--format",
        "pdf",
        "--out",
        str(draft),
    )
    assert "belum bernomor" in pdf_text(draft.read_bytes())
    assert not IssuedDocument.objects.exists()
    issued = tmp_path / "panggilan.docx"
    call_command(
        "documents",
        "render",
        "--case",
        "KU-2022-0007",
        "--nip",
        "199001152015032004",
        "--kind",
        "surat_panggilan_1",
        "--format",
        "docx",
        "--out",
        str(issued),
        "--issue",
        "--as",
        authorised_official.username,
    )
    document = IssuedDocument.objects.get()
    assert document.number in docx_text(issued.read_bytes())
    again = tmp_path / "lagi.pdf"
    call_command(
        "documents",
        "render",
        "--case",
        "KU-2022-0007",
        "--nip",
        "199001152015032004",
        "--kind",
        "surat_panggilan_1",
        "--format",
        "pdf",
        "--out",
        str(again),
    )
    assert document.number in pdf_text(again.read_bytes())
    assert IssuedDocument.objects.get().version == 1


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        pytest.param(["--case", "TIDAK-ADA"], "case", id="unknown-case"),
        pytest.param(["--case", "KU-2022-0007"], "nip", id="several-accused-no-nip"),
        pytest.param(
            ["--case", "KU-2022-0007", "--nip", "199001152015032004"], "kind", id="step-missing"
        ),
    ],
)
def test_render_bad_input_exits_2_with_the_field(case_file, tmp_path, capsys, arguments, field):
    with pytest.raises(SystemExit) as exited:
        call_command(
            "documents",
            "render",
            *arguments,
            "--kind",
            "keputusan_hukuman_ringan",
            "--out",
            str(tmp_path / "x.pdf"),
        )
    assert exited.value.code == 2
    assert json.loads(capsys.readouterr().err)["error"]["field"] == field
    assert not (tmp_path / "x.pdf").exists()


def test_template_writes_the_builtin_docx(tmp_path):
    out = tmp_path / "templat.docx"
    call_command("documents", "template", "--kind", "keputusan_hukuman_berat", "--out", str(out))
    assert "{{ decision.sanction_label }}" in docx_text(out.read_bytes())
