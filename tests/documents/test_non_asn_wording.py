"""Seed walk F6: a non-ASN (TKK) employee's papers spoke of "hukuman disiplin", the PNS
sanction of PP 94/2021: the delivery minutes of a Surat Pemberian Sanksi were titled "BERITA
ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN", and the LHP recommended "penjatuhan hukuman
disiplin. Hukuman disiplin tingkat ringan …". Non-ASN staff are given a sanksi administratif
under the instansi's own rule (a Perwal); PNS papers keep their words."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.documents.services import document_file, document_issue_for_case

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _spaced(text: str) -> str:
    return "".join(text.split())


def _issue(official, accused, kind):
    document = document_issue_for_case(actor=official, accused=accused, kind=kind)
    return pdf_text(document_file(document, "pdf")[0])


def _delivered(case_file, decision, official):
    from tegak.decisions.models import Delivery

    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=official,
    )


def _findings(case_file, who, official, sanction):
    from tegak.hearings.models import FindingsReport

    FindingsReport.objects.create(
        case=case_file.case,
        accused=who,
        reported_on=date(2022, 9, 15),
        conclusion="Terbukti berada di tempat karaoke pada jam kerja.",
        proven=True,
        recommended_sanction=sanction,
        recorded_by=official,
    )


def test_the_delivery_of_a_tkks_sanction_letter_speaks_of_a_sanksi_administratif(
    case_file, authorised_official
):
    decision = case_file.decide(who=case_file.accused_tkk, sanction="local:kota-uji:teguran")
    decision.basis_articles = ["Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    _delivered(case_file, decision, authorised_official)
    _issue(authorised_official, case_file.accused_tkk, "surat_pemberian_sanksi")
    text = _issue(authorised_official, case_file.accused_tkk, "tanda_terima_keputusan")
    assert "BERITA ACARA PENYAMPAIAN SANKSI ADMINISTRATIF" in text, text
    assert _spaced("tentang pemberian sanksi administratif berupa") in _spaced(text), text
    assert "hukuman disiplin" not in text.lower(), text


def test_a_pns_delivery_minutes_keep_the_hukuman_disiplin(case_file, authorised_official):
    case_file.examine(case_file.summon())
    decision = case_file.decide()
    _delivered(case_file, decision, authorised_official)
    _issue(authorised_official, case_file.accused, "keputusan_hukuman_ringan")
    text = _issue(authorised_official, case_file.accused, "tanda_terima_keputusan")
    assert "BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN" in text, text
    assert _spaced("tentang penjatuhan hukuman disiplin berupa teguran tertulis") in _spaced(
        text
    ), text


def test_a_tkks_findings_report_recommends_a_sanksi_administratif(case_file, authorised_official):
    case_file.examine(case_file.summon(who=case_file.accused_tkk))
    _findings(case_file, case_file.accused_tkk, authorised_official, "local:kota-uji:teguran")
    text = _issue(authorised_official, case_file.accused_tkk, "laporan_hasil_pemeriksaan")
    assert _spaced(
        "kami merekomendasikan pemberian sanksi administratif. Sanksi administratif berupa"
    ) in _spaced(text), text
    assert "hukuman disiplin" not in text.lower(), text


def test_a_pns_findings_report_keeps_the_level_of_the_hukuman_disiplin(
    case_file, authorised_official
):
    case_file.examine(case_file.summon())
    _findings(case_file, case_file.accused, authorised_official, "teguran_tertulis")
    text = _issue(authorised_official, case_file.accused, "laporan_hasil_pemeriksaan")
    assert _spaced(
        "kami merekomendasikan penjatuhan hukuman disiplin. Hukuman disiplin tingkat ringan "
        "berupa teguran tertulis"
    ) in _spaced(text), text
