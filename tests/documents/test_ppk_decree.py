"""A decree the law gives to the PPK is the PPK's (PP 94/2021 Pasal 18, 37(1); reading D12).

Legal review #2: a berat sanction the engine gives to the PPK came out as "KEPUTUSAN SEKRETARIS
DPRD", signed (electronically, when issued on its day) by the Sekretaris DPRD who recorded it.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tegak.documents.models import ElectronicSignature, NumberAllocation
from tegak.documents.services import document_file, document_issue_for_case

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

SEKWAN_NIP = "19720310 199803 1 005"


def _berat_for_the_ppk(case_file, *, decided_on=date(2022, 9, 20)):
    """The Kota Uji case with a berat sanction the engine gives to the PPK, recorded by the
    Sekretaris DPRD (the `authorised_official` account)."""
    accused = case_file.accused
    accused.finding = {
        **accused.finding,
        "level": "berat",
        "authority": {"role": "ppk", "basis": ["PP 94/2021 Pasal 18 ayat (3) huruf c"]},
    }
    accused.save(update_fields=["finding"])
    case_file.examine(case_file.summon())
    decision = case_file.decide(sanction="penurunan_jabatan_12_bulan", level="berat")
    decision.decided_on = decided_on
    decision.save(update_fields=["decided_on"])
    return accused


@pytest.fixture
def sekwan_certificate(administrator, instansi, case_file):
    """The Sekretaris DPRD holds a signing certificate: the old code signed the PPK's decree
    with it when the Sekwan issued it on its date."""
    from tegak.documents.signatures import signing_certificate_upload
    from tests.documents.esign_fixtures import PASSPHRASE, signer_p12

    return signing_certificate_upload(
        actor=administrator,
        instansi=instansi,
        upload=signer_p12(),
        passphrase=PASSPHRASE,
        employee=case_file.sekwan,
    )


def test_a_decree_the_law_gives_to_the_ppk_is_the_ppks_not_the_recording_officials(
    case_file, authorised_official, sekwan_certificate
):
    today = timezone.localdate()
    accused = _berat_for_the_ppk(case_file, decided_on=today)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    # Headed, enacted and signed in the PPK's title (the instansi's setting).
    assert "KEPUTUSAN WALI KOTA UJI NOMOR" in text, text
    assert "MARLINA WALI KOTA UJI, Menimbang" in text, text
    assert "Menetapkan : KEPUTUSAN WALI KOTA UJI TENTANG" in text, text
    assert "Wali Kota Uji," in text.split("pada tanggal", 1)[1], text
    # Never the recording official's decree, name or NIP.
    for theirs in ("SEKRETARIS DPRD", "Sekretaris DPRD", "Hendra Wijaya", SEKWAN_NIP):
        assert theirs not in text, theirs
    # On the government's letterhead, not the Setwan's.
    assert "PEMERINTAH KOTA UJI" in text and "SEKRETARIAT DPRD" not in text
    # Numbered in the government's register (the top unit's, ADR 0050): a complete number.
    year = today.year
    assert document.number == f"800/Kep.1-PEMKOT/{year}"
    assert f"NOMOR 800/Kep.1-PEMKOT/{year}" in text
    assert NumberAllocation.objects.get(number=document.number).unit_code == "PEMKOT"
    # Not signed electronically for the Wali Kota with the recorder's certificate (ADR 0133):
    # marked for the Wali Kota's signature.
    assert document.electronic_signature_outcome == "not_signer"
    assert not ElectronicSignature.objects.filter(document=document).exists()
    assert "Untuk ditandatangani oleh Wali Kota Uji —" in text, text
    assert "Ditandatangani secara elektronik" not in text


def test_a_ppk_decree_without_a_title_set_says_pejabat_pembina_kepegawaian(
    case_file, authorised_official, instansi
):
    instansi.ppk_title = ""
    instansi.save(update_fields=["ppk_title"])
    accused = _berat_for_the_ppk(case_file)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    assert "KEPUTUSAN PEJABAT PEMBINA KEPEGAWAIAN NOMOR" in text, text
    assert "Sekretaris DPRD" not in text and "Hendra Wijaya" not in text


def test_a_ppk_in_the_registry_is_named_and_only_their_own_issue_is_theirs_to_sign(
    case_file, authorised_official, instansi
):
    """An agency whose PPK holds the head post of the top unit (a badan whose head is its PPK):
    the decree prints their name, rank and NIP under the instansi's PPK title; the recorder's
    issue is marked for the PPK's signature, by name."""
    from tegak.accounts.models import User
    from tegak.documents.context import build_context
    from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

    instansi.ppk_title = "Kepala Badan Uji"
    instansi.save(update_fields=["ppk_title"])
    top = OrgUnit.objects.get(instansi=instansi, code="PEMKOT")
    post = Position.objects.create(
        instansi=instansi, unit=top, name="Kepala", kind="jpt_utama", is_head=True
    )
    head = Employee.objects.create(
        instansi=instansi,
        nip="196805051990031002",
        name="Suryadi",
        front_title="Dr.",
        status="PNS",
        golongan="IV/e",
    )
    PositionAssignment.objects.create(employee=head, position=post, start=date(2020, 1, 1))
    accused = _berat_for_the_ppk(case_file, decided_on=timezone.localdate())

    built = build_context(accused, "keputusan_hukuman_berat")
    assert built.signer_id == head.pk and built.unit == top
    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert "KEPUTUSAN KEPALA BADAN UJI NOMOR" in text, text
    block = text.split("pada tanggal", 1)[1]
    assert "Kepala Badan Uji," in block and "Dr. Suryadi" in block
    assert "NIP 19680505 199003 1 002" in block
    assert "Hendra Wijaya" not in text
    assert document.electronic_signature_outcome == "not_signer"
    assert "Untuk ditandatangani oleh Dr. Suryadi —" in text

    # The PPK's own account issuing it again the same day: theirs to sign (no certificate
    # here, so for their wet signature, without the note).
    own = User.objects.create_user(username="ppk-uji", password="kata-sandi-uji-123")
    own.employee = head
    own.save()
    from tegak.accounts.models import RoleAssignment
    from tegak.cases.models import CaseHandler

    RoleAssignment.objects.create(user=own, role="authorised_official", instansi=instansi)
    CaseHandler.objects.create(
        case=case_file.case, user=own, role="authorised_official", assigned_on=date(2022, 8, 29)
    )
    again = document_issue_for_case(actor=own, accused=accused, kind="keputusan_hukuman_berat")
    assert again.number == document.number
    assert again.electronic_signature_outcome == "no_certificate"
    assert "Untuk ditandatangani" not in pdf_text(document_file(again, "pdf")[0])


def test_the_ppks_decree_on_an_objection_to_their_own_decree_is_the_ppks(
    case_file, authorised_official
):
    """An objection to the PPK's decree goes back to the PPK (PP 79/2021 Pasal 6): the decree
    deciding it is again the Wali Kota's, citing the Wali Kota's decree, whoever recorded it."""
    accused = _berat_for_the_ppk(case_file)
    decree = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )
    _confirmed_objection(accused, authorised_official)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_atas_keberatan"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    assert "KEPUTUSAN WALI KOTA UJI NOMOR 800/Kep.2-PEMKOT/2022" in text, text
    assert f"Keputusan Wali Kota Uji Nomor {decree.number} tanggal 20 September 2022" in text
    assert "Sekretaris DPRD" not in text and "Hendra Wijaya" not in text


def _confirmed_objection(accused, recorded_by):
    """An objection to the accused's decision, filed 3 and confirmed 24 October 2022."""
    from tegak.decisions.models import Objection

    Objection.objects.create(
        decision=accused.decision,
        kind="objection",
        filed_on=date(2022, 10, 3),
        grounds="Saya keluar kantor untuk keperluan keluarga.",
        recorded_by=recorded_by,
        outcome="confirmed",
        decided_on=date(2022, 10, 24),
    )


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_the_ppks_decree_sends_the_objection_to_the_ppk_by_title(case_file, authorised_official):
    """KETIGA of a Wali Kota's decree: the objection goes to the Wali Kota (PP 79/2021 Pasal 3(2),
    5), named by the title the decree is headed and signed with, not as "Pejabat Pembina
    Kepegawaian" beside a heading that says "Wali Kota Uji"."""
    accused = _berat_for_the_ppk(case_file)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    third = _between(text, "KETIGA :", "KEEMPAT :")
    assert "keberatan kepada Wali Kota Uji dalam jangka waktu 14" in third, third
    assert "Pejabat Pembina Kepegawaian" not in text, text


def test_the_ppks_decree_on_their_own_decree_does_not_send_it_to_themselves_again(
    case_file, authorised_official
):
    """The PPK decides the objection to the PPK's own decree (PP 79/2021 Pasal 6): KEEMPAT and
    the copies do not name "pejabat yang menetapkan keputusan" (the Wali Kota, who signs it)."""
    accused = _berat_for_the_ppk(case_file)
    document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_berat"
    )
    _confirmed_objection(accused, authorised_official)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_atas_keberatan"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    fourth = _between(text, "KEEMPAT :", "Ditetapkan di")
    assert "disampaikan kepada yang bersangkutan untuk diketahui" in fourth, fourth
    assert "pejabat yang menetapkan" not in text.lower(), text
    copies = text.split("Tembusan:", 1)[1]
    assert "Wali Kota Uji" not in copies, copies
    assert "1. Kepala Badan Kepegawaian Negara 2. Kepala BKPSDM 3. Yang bersangkutan" in copies


def test_the_objection_decree_names_the_official_who_imposed_the_sanction_by_title(
    case_file, authorised_official
):
    """The Sekretaris DPRD's ringan decree; the objection goes above him, to the Wali Kota (no
    superior of his in the registry, reading C6): KEEMPAT and the copies name the Sekretaris
    DPRD, whose decree it decides, by his title."""
    case_file.examine(case_file.summon())
    case_file.decide()
    accused = case_file.accused
    document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_ringan"
    )
    _confirmed_objection(accused, authorised_official)

    document = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_atas_keberatan"
    )

    text = pdf_text(document_file(document, "pdf")[0])
    assert "KEPUTUSAN WALI KOTA UJI NOMOR" in text, text
    fourth = _between(text, "KEEMPAT :", "Ditetapkan di")
    assert (
        "kepada yang bersangkutan dan kepada Sekretaris DPRD selaku pejabat yang menetapkan "
        "keputusan yang diajukan keberatan"
    ) in " ".join(fourth.split()), fourth
    copies = text.split("Tembusan:", 1)[1]
    assert "3. Sekretaris DPRD 4. Yang bersangkutan" in copies, copies
