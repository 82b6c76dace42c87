"""Issue 14 items 2 and 6: the letterhead and signature block of the issuing unit and the
signer's post on the document's date; numbers labelled for what they are."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tegak.documents.services import document_file, document_issue_for_case
from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _lines(document) -> list[str]:
    import io

    from pypdf import PdfReader

    data = document_file(document, "pdf")[0]
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return [line.strip() for line in text.splitlines()]


def test_a_letter_signed_at_the_top_does_not_print_the_government_twice(
    case_file, authorised_official
):
    top = OrgUnit.objects.get(code="PEMKOT")
    walikota_post = Position.objects.create(
        instansi=top.instansi, unit=top, name="Wali Kota Uji", kind="jpt_utama", is_head=True
    )
    walikota = Employee.objects.create(
        instansi=top.instansi, nip="", name="Budi Santoso", status="NON_ASN"
    )
    PositionAssignment.objects.create(
        employee=walikota, position=walikota_post, start=date(2021, 1, 1)
    )
    authorised_official.employee = walikota
    authorised_official.save()
    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert text.count("PEMERINTAH KOTA UJI") == 1, text[:200]
    assert "Wali Kota Uji," in text
    # The top unit keeps the register: its code is in the number.
    assert document.number == "800/1/PEMKOT/2022"


def test_the_signature_block_has_the_post_held_on_the_date_and_no_lone_comma(
    case_file, authorised_official, examiner
):
    # The official's post changes after the summons: the letter shows the post of its date.
    sekwan = case_file.sekwan
    PositionAssignment.objects.filter(employee=sekwan).update(end=date(2022, 12, 31))
    later = Position.objects.create(
        instansi=sekwan.instansi,
        unit=OrgUnit.objects.get(code="SETWAN"),
        name="Asisten Administrasi Umum",
        kind="jpt_pratama",
    )
    PositionAssignment.objects.create(employee=sekwan, position=later, start=date(2023, 1, 1))
    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    lines = _lines(document)
    text = " ".join(lines)
    assert "PEMERINTAH KOTA UJI SEKRETARIAT DPRD" in text
    assert "Sekretaris DPRD," in text and "Asisten Administrasi Umum" not in text
    assert "Pembina Tingkat I, IV/b NIP 19720310 199803 1 005" in text
    assert "," not in lines and "" not in [line for line in lines if line == ","]
    # A summons issued by a user with no post: no position line at all, never a lone ",".
    from tegak.hearings.models import Summons

    Summons.objects.filter(accused=case_file.accused).update(issued_by=examiner)
    from tegak.documents.models import IssuedDocument

    IssuedDocument.objects.all().delete()
    unsigned = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    assert "," not in _lines(unsigned)


def test_a_non_asn_employee_is_never_given_a_nip_or_an_empty_rank(case_file, authorised_official):
    case_file.summon(who=case_file.accused_tkk)
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="surat_panggilan_1"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert "No. Reg. Non-ASN : TKK-2019-0042" in text
    assert not re.search(r"NIP\s*:\s*TKK", text)
    assert "Pangkat/Gol. Ruang" not in text
