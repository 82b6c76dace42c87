"""The letters the procedure needs beyond summons and decree (#14 item 5): the decree on the
objection, the official's reply, the non-ASN sanction letter, the temporary release and the notice
to the reporter; each from its step in the case file, refused with the reason before it."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.core.errors import InputError
from tegak.documents.context import available_kinds
from tegak.documents.services import document_file, document_issue_for_case

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _issue(actor, accused, kind):
    document = document_issue_for_case(actor=actor, accused=accused, kind=kind)
    return document, pdf_text(document_file(document, "pdf")[0])


def _reason(accused, kind):
    from django.utils import translation

    with translation.override("en"):
        return dict(available_kinds(accused))[kind]


def _objection(case_file, authorised_official, *, outcome="", reply=False):
    from tegak.cases.models import StepAuthority
    from tegak.decisions.models import Delivery, Objection, ObjectionReply

    decision = case_file.decide()
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=authorised_official,
        window_closes_on=date(2022, 10, 12),
    )
    objection = Objection.objects.create(
        decision=decision,
        kind="objection",
        filed_on=date(2022, 9, 28),
        grounds="Saya terlambat karena mengantar anak berobat.",
        recorded_by=authorised_official,
    )
    if reply:
        ObjectionReply.objects.create(
            objection=objection,
            replied_on=date(2022, 10, 4),
            text="Keputusan didasarkan pada pengakuan yang bersangkutan dalam pemeriksaan.",
            recorded_by=authorised_official,
        )
    if outcome:
        objection.outcome = outcome
        objection.outcome_sanction_code = "teguran_lisan" if outcome == "reduced" else ""
        objection.decided_on = date(2022, 10, 20)
        objection.save()
        StepAuthority.objects.create(
            case=case_file.case,
            accused=case_file.accused,
            step="objection_decide",
            day=date(2022, 10, 20),
            user=authorised_official,
            capacity="ppk",
        )
    return decision, objection


def test_objection_letters_wait_for_their_steps_and_the_decree_number(
    case_file, authorised_official
):
    accused = case_file.accused
    assert "No decision" in _reason(accused, "keputusan_atas_keberatan")
    _objection(case_file, authorised_official, outcome="reduced", reply=True)
    # The decree objected to must be issued first: the letters cite its number.
    assert "issue it first" in _reason(accused, "keputusan_atas_keberatan")
    assert "issue it first" in _reason(accused, "tanggapan_keberatan")
    with pytest.raises(InputError) as caught:
        document_issue_for_case(
            actor=authorised_official, accused=accused, kind="keputusan_atas_keberatan"
        )
    assert caught.value.field == "kind"


def test_decree_on_the_objection_names_the_decree_the_grounds_and_the_new_sanction(
    case_file, authorised_official
):
    accused = case_file.accused
    _objection(case_file, authorised_official, outcome="reduced", reply=True)
    decree, _text = _issue(authorised_official, accused, "keputusan_hukuman_ringan")
    document, text = _issue(authorised_official, accused, "keputusan_atas_keberatan")
    assert document.number != decree.number and document.dated == date(2022, 10, 20)
    assert document.subject_type == "decisions.objection"
    for fragment in (
        f"Nomor {decree.number} tanggal 20 September 2022",
        "Saya terlambat karena mengantar anak berobat",
        "Memperingan",
        "menjadi hukuman disiplin berupa teguran lisan",
        # A decision of an official other than the PPK: the objection goes to their superior
        # (Pasal 9), whether or not the registry names that superior.
        "Pasal 9 Peraturan Pemerintah Nomor 79 Tahun 2021",
        "tanggal 4 Oktober 2022",
        "Pengadilan Tata Usaha Negara",
        "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
        "Rina Marlina, S.E.",
        "Pengadministrasi Umum",  # the post on the decision's date, not her later one
        "Sekretaris DPRD",
    ):
        assert fragment in text, fragment
    assert "Pengelola Keuangan" not in text


def test_decree_on_an_objection_decided_above_the_registry_is_the_ppks(
    case_file, authorised_official
):
    """The karaoke walk (2026-12-07): the Sekretaris DPRD has no superior in the registry, so
    someone else records the superior's decision on the objection (the administrator, reading
    C6); the decree was headed and signed in the recorder's own title. It is the head of the
    region's, whoever recorded it."""
    accused = case_file.accused
    _objection(case_file, authorised_official, outcome="reduced", reply=True)
    _issue(authorised_official, accused, "keputusan_hukuman_ringan")
    _, text = _issue(authorised_official, accused, "keputusan_atas_keberatan")
    title = accused.case.instansi.ppk_title.upper()
    assert f"KEPUTUSAN {title}" in text, text[:400]
    assert "Hendra Wijaya" not in text
    assert "Pasal 9 Peraturan Pemerintah Nomor 79 Tahun 2021" in text


def test_official_reply_goes_to_the_superior_with_the_reply_text(case_file, authorised_official):
    accused = case_file.accused
    _objection(case_file, authorised_official, reply=True)
    assert "not been decided" in _reason(accused, "keputusan_atas_keberatan")
    decree, _text = _issue(authorised_official, accused, "keputusan_hukuman_ringan")
    document, text = _issue(authorised_official, accused, "tanggapan_keberatan")
    assert document.dated == date(2022, 10, 4) and document.number != decree.number
    for fragment in (
        f"Nomor {decree.number}",
        "Pasal 8 ayat (1) sampai dengan ayat (3) Peraturan Pemerintah Nomor 79 Tahun 2021",
        "Keputusan didasarkan pada pengakuan yang bersangkutan",
        "mengantar anak berobat",
        "meninggalkan tempat tugas pada jam kerja tanpa izin",
        "Drs. Hendra Wijaya, M.Si.",
    ):
        assert fragment in text, fragment


def test_sanction_letter_of_a_non_asn_employee_rests_on_the_instansi_rule_not_pp_49(
    case_file, authorised_official
):
    tkk = case_file.accused_tkk
    assert "non-ASN staff" in _reason(case_file.accused, "surat_pemberian_sanksi")
    decision = case_file.decide(who=tkk, sanction="teguran_tertulis")
    decision.basis_articles = [
        "PP 94/2021 Pasal 8 ayat (2) huruf b",
        "Perwal Kota Uji 12/2020 Pasal 7",
    ]
    decision.save()
    document, text = _issue(authorised_official, tkk, "surat_pemberian_sanksi")
    assert document.subject_type == "decisions.decision"
    assert "Dedi Kurniawan" in text and "No. Reg. Non-ASN : TKK-2019-0042" in text
    assert "NIP TKK" not in text and "Nomor Induk Pegawai" not in text
    assert "Pangkat" not in text
    assert "dijatuhkan sanksi berupa teguran tertulis" in text
    assert "meninggalkan tempat tugas pada jam kerja tanpa izin" in text
    assert "Pasal 7 Peraturan Wali Kota Uji Nomor 12 Tahun 2020" in text
    assert "Nomor 49 Tahun 2018" not in text and "Nomor 94 Tahun 2021" not in text


def test_temporary_release_letter(case_file, authorised_official):
    from tegak.hearings.models import TemporaryRelease

    accused = case_file.accused
    assert "temporary release" in _reason(accused, "surat_pembebasan_sementara")
    TemporaryRelease.objects.create(
        case=case_file.case,
        accused=accused,
        decree_number="800/99/SETWAN/2022",
        decree_on=date(2022, 9, 13),
        starts_on=date(2022, 9, 14),
        acting_official=case_file.sekwan,
        recorded_by=authorised_official,
    )
    document, text = _issue(authorised_official, accused, "surat_pembebasan_sementara")
    assert document.dated == date(2022, 9, 13)
    for fragment in (
        "Pasal 31 Peraturan Pemerintah Nomor 94 Tahun 2021",
        "dibebaskan sementara dari tugas jabatan terhitung mulai Rabu, 14 September 2022",
        "sampai dengan ditetapkannya keputusan hukuman disiplin",
        "pelaksana harian",
        "hak kepegawaian",
        "Rina Marlina, S.E.",
        "meninggalkan tempat tugas pada jam kerja tanpa izin",
    ):
        assert fragment in text, fragment


def test_outcome_notice_tells_the_reporter_without_naming_the_employee(
    case_file, authorised_official
):
    accused = case_file.accused
    assert "not opened from a report" in _reason(accused, "pemberitahuan_hasil")
    report = _from_a_report(case_file)
    assert "not ended yet" in _reason(accused, "pemberitahuan_hasil")
    case_file.decide()
    accused.stage, accused.final_on = "final", date(2022, 10, 13)
    accused.save()
    document, text = _issue(authorised_official, accused, "pemberitahuan_hasil")
    assert document.dated == date(2022, 10, 13)
    assert f"Pengaduan Nomor {report.reference}" in text
    assert "telah dijatuhi hukuman disiplin ringan berupa teguran tertulis" in text
    assert "Rina Marlina" not in text and "19900115" not in text
    assert "Pengadministrasi Umum" not in text
    # Signed by the case's authorised official (Hendra Wijaya, Sekretaris DPRD).
    assert "Hendra Wijaya" in text


def test_outcome_notice_is_not_signed_by_an_official_whose_assignment_ended(
    case_file, authorised_official, examiner
):
    """The karaoke walk (2026-12-07): the letter printed the Sekretaris DPRD as its signer after
    an allegation against her had ended her assignment for conflict of interest."""
    accused = case_file.accused
    _from_a_report(case_file)
    case_file.decide()
    accused.stage, accused.final_on = "final", date(2022, 10, 13)
    accused.save()
    case_file.case.handlers.filter(role="authorised_official").update(active=False)
    _, text = _issue(examiner, accused, "pemberitahuan_hasil")
    assert "Hendra Wijaya" not in text and "197203101998031005" not in text


def _from_a_report(case_file):
    from django.utils import timezone

    from tegak.cases.models import CaseReport
    from tegak.intake.models import Report

    report = Report.objects.create(
        instansi=case_file.case.instansi,
        channel="web",
        status="in_case",
        summary="Pegawai berkaraoke pada jam kerja",
        reporter_mode="anonymous",
        receipt_index="x" * 16,
        receipt_hash="y",
        received_at=timezone.make_aware(timezone.datetime(2022, 8, 27, 10, 0)),
        acknowledge_due=date(2022, 8, 30),
        first_answer_due=date(2022, 9, 10),
    )
    CaseReport.objects.create(case=case_file.case, report=report)
    return report
