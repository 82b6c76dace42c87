"""Documents issued from the case file: only once their step exists, with the facts of the day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.documents.context import available_kinds
from tegak.documents.models import IssuedDocument, NumberAllocation
from tegak.documents.services import document_file, document_issue_for_case

from .conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_a_document_asked_for_before_its_step_is_refused_and_nothing_is_numbered(
    case_file, authorised_official
):
    with pytest.raises(InputError) as caught:
        document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
        )
    assert caught.value.field == "kind"
    assert "Summons I " in caught.value.message or "Panggilan I " in caught.value.message
    assert not IssuedDocument.objects.exists() and not NumberAllocation.objects.exists()
    assert not AuditEvent.objects.exists()
    reasons = dict(available_kinds(case_file.accused))
    assert all(reasons.values()), "nothing can be issued before the first step"


def test_summons_shows_the_accused_the_day_and_the_number(case_file, authorised_official):
    case_file.summon()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    assert document.number == "800/1/SETWAN/2022" and document.dated == date(2022, 9, 6)
    text = pdf_text(document_file(document, "pdf")[0])
    for fragment in (
        "800/1/SETWAN/2022",
        "Kota Uji, 6 September 2022",
        "Rina Marlina, S.E.",
        "19900115 201503 2 004",
        "Penata Muda Tingkat I, III/b",
        "Pengadministrasi Umum",
        "Selasa, 13 September 2022",
        "09.00 WIB",
        "Drs. Hendra Wijaya, M.Si.",
        "meninggalkan tempat tugas pada jam kerja tanpa izin",
    ):
        assert fragment in text, fragment
    assert document.subject_type == "hearings.summons" and document.case_key == str(
        case_file.case.pk
    )


def test_summonses_of_two_accused_are_numbered_in_sequence(case_file, authorised_official):
    case_file.summon()
    case_file.summon(who=case_file.accused_tkk)
    numbers = [
        document_issue_for_case(
            actor=authorised_official, accused=who, kind="surat_panggilan_1"
        ).number
        for who in (case_file.accused, case_file.accused_tkk)
    ]
    assert numbers == ["800/1/SETWAN/2022", "800/2/SETWAN/2022"]


def test_second_summons_cites_the_first(case_file, authorised_official):
    case_file.summon()
    first = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    case_file.summon(number=2, issued_on=date(2022, 9, 14))
    second = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_2"
    )
    text = pdf_text(document_file(second, "pdf")[0])
    assert f"Panggilan I Nomor {first.number} tanggal 6 September 2022" in text
    assert second.number == "800/2/SETWAN/2022"  # the unit's register of letters


def test_bap_has_the_questions_and_the_day_in_words(case_file, authorised_official):
    minutes = case_file.examine(case_file.summon())
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="berita_acara_pemeriksaan"
    )
    assert document.subject_id == str(minutes.pk)
    text = docx_text(document_file(document, "docx")[0])
    assert "hari Selasa tanggal tiga belas bulan September tahun dua ribu dua puluh dua" in text
    assert "Saya berada di tempat karaoke." in text
    assert "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021" in text


def test_decree_states_sanction_articles_and_the_post_held_on_the_decision_date(
    case_file, authorised_official
):
    case_file.examine(case_file.summon())
    case_file.decide()
    with pytest.raises(InputError) as caught:
        document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_berat"
        )
    assert "Keputusan Hukuman Disiplin Tingkat Ringan" in caught.value.message
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    assert document.dated == date(2022, 9, 20)
    text = pdf_text(document_file(document, "pdf")[0])
    for fragment in (
        f"NOMOR {document.number}",
        "PENJATUHAN HUKUMAN DISIPLIN TINGKAT RINGAN",
        "berupa teguran tertulis",
        "Pasal 8 ayat (2) huruf b Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Berita Acara Pemeriksaan tanggal 13 September 2022",
        "pada tanggal 20 September 2022",
        "Pengadministrasi Umum",  # the post on 20 September 2022, not the later one
        "Undang-Undang Nomor 5 Tahun 2014",  # UU 20/2023 came later
        "hari ke-15 (lima belas)",
    ):
        assert fragment in text, fragment
    assert "Pengelola Keuangan" not in text


def test_delivery_minutes_cite_the_decree_number(case_file, authorised_official):
    from tegak.decisions.models import Delivery

    case_file.examine(case_file.summon())
    decision = case_file.decide()
    decree = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=authorised_official,
        window_closes_on=date(2022, 10, 12),
    )
    receipt = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="tanda_terima_keputusan"
    )
    text = pdf_text(document_file(receipt, "pdf")[0])
    # (a long number may wrap at the end of a line: compare without spaces)
    assert f"KeputusanNomor{decree.number}tanggal20September2022" in text.replace(" ", "")
    assert "Rabu, 12 Oktober 2022" in text
    # Recorded without a place: the office of the issuing perangkat daerah, never the name of
    # the government ("bertempat di Pemerintah Kota Uji" is no place).
    assert "bertempat di Kantor Sekretariat DPRD, telah" in text


def test_coaching_minutes_for_non_asn_staff_and_not_a_decree(case_file, authorised_official):
    decision = case_file.decide(
        who=case_file.accused_tkk, sanction="local:kota-uji:pernyataan_tidak_puas", level=""
    )
    # Kota Uji's rule for its contract staff, as the decision cites it.
    decision.basis_articles = ["Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    with pytest.raises(InputError):
        document_issue_for_case(
            actor=authorised_official,
            accused=case_file.accused_tkk,
            kind="keputusan_hukuman_ringan",
        )
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="berita_acara_pembinaan"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert "Dedi Kurniawan" in text and "TKK-2019-0042" in text
    assert "pernyataan tidak puas" in text
    with pytest.raises(InputError):
        document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind="berita_acara_pembinaan"
        )


def test_staff_not_on_the_case_cannot_issue(case_file, outsider, intake_officer):
    case_file.summon()
    for actor in (outsider, intake_officer):
        with pytest.raises(PermissionDenied):
            document_issue_for_case(
                actor=actor, accused=case_file.accused, kind="surat_panggilan_1"
            )
    assert not IssuedDocument.objects.exists()


def test_every_document_of_a_case_has_its_own_number(case_file, authorised_official):
    """Issue 14 item 1: a summons, the BAP, the LHP and the decree all printed 800/1/…/2022."""
    from tegak.documents.kinds import get_kind
    from tegak.hearings.models import FindingsReport

    first = case_file.summon()
    case_file.summon(number=2, issued_on=date(2022, 9, 8))
    case_file.examine(first)
    FindingsReport.objects.create(
        case=case_file.case,
        accused=case_file.accused,
        reported_on=date(2022, 9, 15),
        conclusion="Terbukti.",
        proven=True,
        recommended_sanction="teguran_tertulis",
        recorded_by=authorised_official,
    )
    case_file.decide()
    kinds = [
        "surat_panggilan_1",
        "surat_panggilan_2",
        "berita_acara_pemeriksaan",
        "laporan_hasil_pemeriksaan",
        "keputusan_hukuman_ringan",
    ]
    documents = [
        document_issue_for_case(actor=authorised_official, accused=case_file.accused, kind=kind)
        for kind in kinds
    ]
    numbers = [document.number for document in documents]
    assert len(set(numbers)) == len(numbers), numbers
    assert numbers == [
        "800/1/SETWAN/2022",
        "800/2/SETWAN/2022",
        "800/1/BA/SETWAN/2022",
        "800/3/SETWAN/2022",
        "800/Kep.1-SETWAN/2022",
    ]
    for document in documents:
        assert document.number in pdf_text(document_file(document, "pdf")[0])
        assert get_kind(document.kind).series in {"surat", "berita_acara", "keputusan"}


def test_coaching_minutes_name_the_provision_when_the_act_was_not_described(
    case_file, authorised_official
):
    """A case opened for a group from a report has allegations without a description: the
    minutes then say what was broken, in the provision's words, not a bare day and place
    ('sehubungan dengan: pada hari Senin, 30 Agustus 2021 di kantor')."""
    case_file.accused_tkk.allegations.update(description="")
    decision = case_file.decide(
        who=case_file.accused_tkk, sanction="local:kota-uji:pernyataan_tidak_puas", level=""
    )
    decision.basis_articles = ["Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="berita_acara_pembinaan"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    provision = case_file.accused_tkk.allegations.get().provision
    from tegak.rules.catalog import provision as catalog_provision

    words = " ".join(catalog_provision(provision).text.split()[:4])
    assert "sehubungan dengan: melanggar" in text, text
    assert words in text, text


def test_coaching_minutes_cite_a_provision_of_a_loaded_rule_pack_by_its_citation(
    case_file, authorised_official, administrator
):
    """The Kota Bekasi pack loaded by the administrator brings its own provision for contract
    staff; the minutes cite it as the pack does, never by its code ('local:…')."""
    from tegak.law.packs import shipped_text
    from tegak.law.services.packs import pack_import

    instansi = case_file.case.instansi
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
    )
    case_file.accused_tkk.allegations.update(
        description="", provision=f"local:{instansi.code}:tkk-2017:kepatutan"
    )
    case_file.decide(who=case_file.accused_tkk, sanction="pernyataan_tidak_puas", level="")
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="berita_acara_pembinaan"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert "melanggar ketentuan Peraturan Wali Kota Bekasi Nomor 42 Tahun 2017" in text, text
    # Cited as a rule, never as reported news.
    assert "diberitakan" not in text, text
    assert "local:" not in text, text


def test_a_decree_issued_again_after_its_date_was_corrected_carries_the_corrected_date(
    case_file, authorised_official
):
    """Seed walk: a decision date mistyped, corrected before delivery (`decision_amend`); the
    decree issued with the old date is superseded by a new version under the same number dated
    as corrected (the old version is kept); an unchanged date stays the date of issue."""
    from tegak.documents.models import DocumentVersion

    case_file.examine(case_file.summon())
    decision = case_file.decide()
    first = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    assert first.dated == date(2022, 9, 20)
    again = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    assert again.dated == date(2022, 9, 20) and again.version == 2
    decision.decided_on = date(2022, 9, 21)
    decision.save(update_fields=["decided_on"])
    corrected = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    assert corrected.pk == first.pk and corrected.number == first.number
    assert corrected.dated == date(2022, 9, 21) and corrected.version == 3
    assert DocumentVersion.objects.filter(document=corrected).count() == 2
    text = pdf_text(document_file(corrected, "pdf")[0])
    assert "21 September 2022" in text and "20 September 2022" not in text


def test_delivery_minutes_without_an_objection_window_print_no_dash(case_file, authorised_official):
    """Seed walk (TikTok, 6 September 2021): a TKK's instansi rule sets no objection window, and
    the delivery minutes read 'dapat diajukan paling lambat -.' — a dash where a date belongs.
    Without a window they say the objection follows the instansi's rule, as the sanction letter
    does."""
    from tegak.decisions.models import Delivery

    case_file.examine(case_file.summon())
    decision = case_file.decide()
    document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=authorised_official,
        window_closes_on=None,
    )
    receipt = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="tanda_terima_keputusan"
    )
    text = pdf_text(document_file(receipt, "pdf")[0])
    assert "paling lambat -" not in text, text
    assert "dapat diajukan sesuai dengan ketentuan instansi." in text, text


def test_findings_report_describes_an_allegation_entered_without_a_description(
    case_file, authorised_official
):
    """Seed walk (both stories): a case opened from a report has allegations without a
    description; the BAP described them in the provision's words but the LHP listed a bare
    '1. (Pasal 3 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021)'."""
    from tegak.hearings.models import FindingsReport

    case_file.accused.allegations.update(description="")
    case_file.examine(case_file.summon())
    FindingsReport.objects.create(
        case=case_file.case,
        accused=case_file.accused,
        reported_on=date(2022, 9, 15),
        conclusion="Terbukti.",
        proven=True,
        recommended_sanction="teguran_tertulis",
        recorded_by=authorised_official,
    )
    document = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="laporan_hasil_pemeriksaan"
    )
    text = pdf_text(document_file(document, "pdf")[0])
    assert "1. (Pasal 4 huruf f" not in text, text
    assert "Melanggar kewajiban untuk masuk" in text, text


def test_examination_without_a_time_prints_no_empty_pukul(case_file, authorised_official):
    """Seed walk (karaoke, 27 September 2022): the summons gave no time (the form allows it);
    the BAP then read 'pukul , bertempat di' and the LHP 'pukul di Ruang Rapat'."""
    from tegak.hearings.models import FindingsReport

    summons = case_file.summon()
    summons.examination_time = None
    summons.save()
    case_file.examine(summons)
    FindingsReport.objects.create(
        case=case_file.case,
        accused=case_file.accused,
        reported_on=date(2022, 9, 15),
        conclusion="Terbukti.",
        proven=True,
        recommended_sanction="teguran_tertulis",
        recorded_by=authorised_official,
    )
    for kind, expected in (
        ("berita_acara_pemeriksaan", "dua ribu dua puluh dua, bertempat di Ruang Rapat"),
        ("laporan_hasil_pemeriksaan", "pada Selasa, 13 September 2022 di Ruang Rapat"),
    ):
        document = document_issue_for_case(
            actor=authorised_official, accused=case_file.accused, kind=kind
        )
        text = pdf_text(document_file(document, "pdf")[0])
        assert "pukul ," not in text and "pukul di" not in text, text
        assert expected in text, text
