"""Fixtures and readers for documents tests: text out of DOCX (python-docx) and PDF (pypdf)."""

from __future__ import annotations

import io
import re

import pytest


def docx_text(data: bytes) -> str:
    """Every paragraph of a DOCX, tables included, in document order."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    texts = [node.text or "" for node in document.element.body.iter(qn("w:t"))]
    return re.sub(r"\s+", " ", " ".join(texts))


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def docx_bytes(*paragraphs: str) -> bytes:
    """A small DOCX with these paragraphs (for template uploads)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def issue(instansi, examiner):
    """Issue a document of a kind for a subject with the sample context."""
    from tegak.documents.samples import sample_context
    from tegak.documents.services import document_issue

    def _issue(kind="surat_panggilan_1", subject_id="1", actor=None, context=None, **extra):
        return document_issue(
            actor=actor or examiner,
            kind=kind,
            instansi=instansi,
            context=context if context is not None else sample_context(kind),
            subject_type="test.step",
            subject_id=subject_id,
            subject_label="KSS-2022-0007",
            case_key="7",
            **extra,
        )

    return _issue


@pytest.fixture
def case_file(instansi, examiner, authorised_official):
    """A case of Kota Uji built row by row: an accused PNS whose post changes after the decision,
    a non-ASN colleague, a summons, an examination with its BAP, findings and a ringan decision.

    The rows are created directly (not through the case services) so that these tests do not
    depend on the rules engine; the finding stored is what the engine answers for this case.
    """
    from datetime import date, datetime, time
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from tegak.cases.models import Accused, Allegation, Case, CaseHandler
    from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

    instansi.address = "Jalan Veteran No. 7, Kota Uji"
    instansi.city = "Kota Uji"
    instansi.ppk_title = "Wali Kota Uji"
    instansi.save()
    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji")
    setwan = OrgUnit.objects.create(
        instansi=instansi, code="SETWAN", name="Sekretariat DPRD", parent=top
    )

    def person(name, nip, golongan, post, kind, *, head=False, status="PNS", **titles):
        position = Position.objects.create(
            instansi=instansi, unit=setwan, name=post, kind=kind, is_head=head
        )
        employee = Employee.objects.create(
            instansi=instansi, nip=nip, name=name, status=status, golongan=golongan, **titles
        )
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2020, 1, 1)
        )
        return employee, position

    sekwan, _ = person(
        "Hendra Wijaya",
        "197203101998031005",
        "IV/b",
        "Sekretaris DPRD",
        "jpt_pratama",
        head=True,
        front_title="Drs.",
        back_title="M.Si.",
    )
    accused_employee, old_post = person(
        "Rina Marlina",
        "199001152015032004",
        "III/b",
        "Pengadministrasi Umum",
        "pelaksana",
        back_title="S.E.",
    )
    # After the decision she moves to another post: the decree must show the post held then.
    PositionAssignment.objects.filter(employee=accused_employee).update(end=date(2022, 9, 30))
    new_post = Position.objects.create(
        instansi=instansi, unit=setwan, name="Pengelola Keuangan", kind="pelaksana"
    )
    PositionAssignment.objects.create(
        employee=accused_employee, position=new_post, start=date(2022, 10, 1)
    )
    tkk, _ = person(
        "Dedi Kurniawan",
        "TKK-2019-0042",
        "",
        "Tenaga Administrasi",
        "pelaksana",
        status="NON_ASN",
    )
    for user in (examiner, authorised_official):
        user.employee = sekwan if user is authorised_official else None
        user.first_name = "Pemeriksa"
        user.save()
    examiner.employee = None
    case = Case.objects.create(
        instansi=instansi,
        register_number="KU-2022-0007",
        origin="ex_officio",
        opened_on=date(2022, 8, 29),
        known_to_superior_on=date(2022, 8, 29),
    )
    CaseHandler.objects.create(
        case=case, user=examiner, role="examiner", assigned_on=date(2022, 8, 29)
    )
    CaseHandler.objects.create(
        case=case,
        user=authorised_official,
        role="authorised_official",
        assigned_on=date(2022, 8, 29),
    )
    finding = {
        "regulation": "PP 94/2021",
        "level": "ringan",
        "sanction": "teguran_tertulis",
        "basis": ["PP 94/2021 Pasal 4 huruf f", "PP 94/2021 Pasal 8 ayat (2) huruf b"],
        "authority": {"role": "atasan_langsung"},
    }
    accused = Accused.objects.create(case=case, employee=accused_employee, finding=finding)
    accused_tkk = Accused.objects.create(case=case, employee=tkk, finding={})
    zone = ZoneInfo("Asia/Jakarta")
    for who in (accused, accused_tkk):
        Allegation.objects.create(
            case=case,
            accused=who,
            provision="pp-94-2021:4:f",
            committed_on=date(2022, 8, 26),
            committed_at=datetime(2022, 8, 26, 15, 0, tzinfo=zone),
            place="Tempat karaoke",
            impact="unit_kerja",
            description="meninggalkan tempat tugas pada jam kerja tanpa izin",
        )

    def summon(who=accused, number=1, issued_on=date(2022, 9, 6)):
        from tegak.hearings.models import Summons

        return Summons.objects.create(
            case=case,
            accused=who,
            number=number,
            issued_on=issued_on,
            examination_on=date(2022, 9, 13),
            examination_time=time(9, 0),
            place="Ruang Rapat Sekretariat DPRD",
            issued_by=authorised_official,
        )

    def examine(summons):
        from tegak.hearings.models import BeritaAcara, Examination, QuestionAnswer

        examination = Examination.objects.create(
            case=case,
            accused=summons.accused,
            summons=summons,
            held_on=date(2022, 9, 13),
            place="Ruang Rapat Sekretariat DPRD",
            examiner=authorised_official,
        )
        QuestionAnswer.objects.create(
            examination=examination,
            order=1,
            question="Di mana Saudara pada Jumat, 26 Agustus 2022 pukul 15.00 WIB?",
            answer="Saya berada di tempat karaoke.",
        )
        return BeritaAcara.objects.create(
            case=case,
            accused=summons.accused,
            examination=examination,
            completed_on=date(2022, 9, 13),
            summary="Terperiksa mengakui.",
            recorded_by=authorised_official,
        )

    def decide(who=accused, sanction="teguran_tertulis", level="ringan"):
        from tegak.decisions.models import Decision

        return Decision.objects.create(
            case=case,
            accused=who,
            sanction_code=sanction,
            level=level,
            regulation="PP 94/2021",
            basis_articles=["PP 94/2021 Pasal 4 huruf f", "PP 94/2021 Pasal 8 ayat (2) huruf b"],
            decided_on=date(2022, 9, 20),
            authorised_official=authorised_official,
        )

    return SimpleNamespace(
        case=case,
        accused=accused,
        accused_tkk=accused_tkk,
        sekwan=sekwan,
        tkk=tkk,
        old_post=old_post,
        summon=summon,
        examine=examine,
        decide=decide,
    )
