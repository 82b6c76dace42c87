"""Seed walk F7: a decision letter said "terbukti melanggar kewajiban …, berupa perbuatan pada
hari Jumat, 26 Agustus 2022 pukul 15.00 WIB di tempat karaoke" and never the act itself, when
the allegation had no description (a case opened from a report). PP 94/2021 Pasal 33 ayat (2)
and (3): the decree states the violation. The act then comes from the findings report's
conclusion about the accused, else from the case summary."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.documents.services import document_file, document_issue_for_case

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _spaced(text: str) -> str:
    return "".join(text.split())


def _findings(case_file, who, conclusion, official):
    from tegak.hearings.models import FindingsReport

    FindingsReport.objects.create(
        case=case_file.case,
        accused=who,
        reported_on=date(2022, 9, 15),
        conclusion=conclusion,
        proven=True,
        recommended_sanction="teguran_tertulis",
        recorded_by=official,
    )


def _issue(official, accused, kind):
    document = document_issue_for_case(actor=official, accused=accused, kind=kind)
    return pdf_text(document_file(document, "pdf")[0])


def test_the_decree_says_the_act_from_the_findings_conclusion(case_file, authorised_official):
    case_file.accused.allegations.update(description="")
    case_file.case.summary = "Karaoke pada jam kerja"
    case_file.case.save()
    case_file.examine(case_file.summon())
    _findings(
        case_file,
        case_file.accused,
        "Terbukti bahwa yang bersangkutan berada di tempat karaoke pada jam kerja. Ia mengakui "
        "perbuatannya.",
        authorised_official,
    )
    case_file.decide()
    text = _issue(authorised_official, case_file.accused, "keputusan_hukuman_ringan")
    assert _spaced(
        "berupa perbuatan berada di tempat karaoke pada jam kerja pada hari Jumat, 26 Agustus "
        "2022 pukul 15.00 WIB di tempat karaoke"
    ) in _spaced(text), text
    # One clause of the conclusion, in the letter's flow: not its second sentence.
    assert "mengakui perbuatannya" not in text, text


def test_a_conclusion_that_names_no_act_gives_way_to_the_case_summary(
    case_file, authorised_official
):
    case_file.accused.allegations.update(description="")
    case_file.case.summary = "Karaoke pada jam kerja."
    case_file.case.save()
    case_file.examine(case_file.summon())
    _findings(case_file, case_file.accused, "Dugaan pelanggaran terbukti.", authorised_official)
    case_file.decide()
    text = _issue(authorised_official, case_file.accused, "keputusan_hukuman_ringan")
    assert _spaced("berupa perbuatan karaoke pada jam kerja pada hari Jumat") in _spaced(text)
    assert "dugaan pelanggaran terbukti" not in text.lower(), text


def test_the_allegations_own_description_comes_first(case_file, authorised_official):
    case_file.case.summary = "Karaoke pada jam kerja"
    case_file.case.save()
    case_file.examine(case_file.summon())
    _findings(case_file, case_file.accused, "Terbukti berkaraoke.", authorised_official)
    case_file.decide()
    text = _issue(authorised_official, case_file.accused, "keputusan_hukuman_ringan")
    assert _spaced(
        "berupa perbuatan meninggalkan tempat tugas pada jam kerja tanpa izin pada hari Jumat"
    ) in _spaced(text), text
    assert "berkaraoke" not in text and "Karaoke pada jam kerja" not in text, text


def test_the_non_asn_sanction_letter_says_the_act(case_file, authorised_official):
    case_file.accused_tkk.allegations.update(description="")
    case_file.case.summary = "Karaoke pada jam kerja"
    case_file.case.save()
    decision = case_file.decide(who=case_file.accused_tkk, sanction="local:kota-uji:teguran")
    decision.basis_articles = ["Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    text = _issue(authorised_official, case_file.accused_tkk, "surat_pemberian_sanksi")
    assert _spaced("berupa perbuatan karaoke pada jam kerja pada hari Jumat, 26 Agustus 2022") in (
        _spaced(text)
    ), text
