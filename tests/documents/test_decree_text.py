"""Issue 14 items 3, 4 and 6: the decree names the violation and every article it rests on, the
text reads as a letter, kinds have proper names, and a TKK's papers are right."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tegak.documents.kinds import KINDS
from tegak.documents.services import document_file, document_issue_for_case

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _spaced(text: str) -> str:
    return text.replace(" ", "")


def test_the_decree_names_the_violation_its_words_the_facts_and_every_article(
    case_file, authorised_official
):
    # What the engine stored: only the level article and the authority, as the probe saw.
    case_file.examine(case_file.summon())
    decision = case_file.decide()
    decision.basis_articles = [
        "PP 94/2021 Pasal 8 ayat (2) huruf b",
        "PP 94/2021 Pasal 35 ayat (1)",
    ]
    decision.save()
    case_file.accused.allegations.update(
        description="Meninggalkan kantor pada pukul 15.00 WIB.; ", place="Tempat karaoke,"
    )
    decree = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    text = pdf_text(document_file(decree, "pdf")[0])
    # The obligation broken, its words (PP 94/2021 Pasal 4 huruf f) and the facts.
    assert _spaced(
        "melanggar kewajiban sebagaimana dimaksud dalam Pasal 4 huruf f Peraturan Pemerintah "
        "Nomor 94 Tahun 2021, yaitu “masuk kerja dan menaati ketentuan jam kerja”"
    ) in _spaced(text)
    # The act, then when and where: one phrase, not fields joined.
    assert _spaced(
        "berupa perbuatan meninggalkan kantor pada pukul 15.00 WIB pada hari Jumat, 26 Agustus "
        "2022 pukul 15.00 WIB di tempat karaoke"
    ) in _spaced(text)
    # Every article the decision rests on.
    for article in (
        "Pasal 8 ayat (2) huruf b Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Pasal 35 ayat (1) Peraturan Pemerintah Nomor 94 Tahun 2021",
    ):
        assert _spaced(article) in _spaced(text), article
    # No joins of fields: no ".;", no ",,", no ";;", no ")." before a comma or semicolon.
    assert not re.search(r"\.\s*;|,\s*,|;\s*;|\)\.\s*[;,]", text), text


def test_kinds_have_proper_names_never_codes():
    names = [kind.label for kind in KINDS.values()]
    assert len(set(names)) == len(names)
    assert all("_" not in name for name in names)
    assert KINDS["keputusan_hukuman_ringan"].label == "Keputusan Hukuman Disiplin Tingkat Ringan"


def test_a_tkk_is_coached_under_the_instansi_rule_and_the_delivery_cites_what_was_issued(
    case_file, authorised_official
):
    from tegak.core.errors import InputError
    from tegak.decisions.models import Delivery

    decision = case_file.decide(who=case_file.accused_tkk, sanction="local:kota-uji:teguran")
    decision.basis_articles = ["PP 49/2018 Pasal 53", "Perwal Kota Uji 12/2020 Pasal 7"]
    decision.save()
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=authorised_official,
        window_closes_on=date(2022, 10, 12),
    )
    # Before the coaching minutes exist, the delivery minutes cannot cite a number.
    with pytest.raises(InputError):
        document_issue_for_case(
            actor=authorised_official, accused=case_file.accused_tkk, kind="tanda_terima_keputusan"
        )
    minutes = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="berita_acara_pembinaan"
    )
    text = pdf_text(document_file(minutes, "pdf")[0])
    assert "49 Tahun 2018" not in text and "PP 49/2018" not in text
    assert "Pasal 7 Peraturan Wali Kota Uji Nomor 12 Tahun 2020" in text
    delivery = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused_tkk, kind="tanda_terima_keputusan"
    )
    text = pdf_text(document_file(delivery, "pdf")[0])
    assert _spaced(f"Berita Acara Pembinaan Nomor {minutes.number}") in _spaced(text)
    assert "Keputusan Nomor" not in text
    assert not re.search(r"NIP\s*:?\s*TKK", text)
    assert "Pangkat/Gol. Ruang" not in text
    assert "No. Reg. Non-ASN TKK-2019-0042" in text


def test_a_decree_by_the_official_above_an_involved_one_says_in_what_capacity(
    case_file, authorised_official
):
    """The official who decides in place of a superior involved in the case (PP 94/2021 Pasal
    29(6) by analogy; readings C7, C16) signs as "Atasan dari Pejabat yang Terlibat dalam
    Perkara": the decree says so under the post, where it enacts and where it is signed."""
    from tegak.cases.authority import Capacity
    from tegak.cases.models import StepAuthority

    case_file.examine(case_file.summon())
    decision = case_file.decide()
    accused = case_file.accused
    StepAuthority.objects.create(
        case=case_file.case,
        accused=accused,
        step="decision_take",
        day=decision.decided_on,
        user=authorised_official,
        employee=case_file.sekwan,
        capacity=Capacity.ABOVE_INVOLVED,
    )

    decree = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_ringan"
    )

    text = " ".join(pdf_text(document_file(decree, "pdf")[0]).split())
    assert (
        "SEKRETARIS DPRD SELAKU ATASAN DARI PEJABAT YANG TERLIBAT DALAM PERKARA, Menimbang"
    ) in text, text
    block = text.split("pada tanggal", 1)[1]
    assert "Sekretaris DPRD selaku Atasan dari Pejabat yang Terlibat dalam Perkara, " in block, (
        block
    )


def test_a_decree_by_the_lawful_official_states_no_capacity(case_file, authorised_official):
    case_file.examine(case_file.summon())
    case_file.decide()
    decree = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    text = " ".join(pdf_text(document_file(decree, "pdf")[0]).split())
    assert "SEKRETARIS DPRD, Menimbang" in text, text
    assert "selaku" not in text.lower()


def test_a_lighter_type_with_reasons_keeps_the_violations_level_in_the_decree(
    case_file, authorised_official
):
    """A sedang violation given a ringan type with reasons (PP 94/2021 Pasal 24(3), reading
    C15): the decree says the violation is sedang (the level the law attaches to the act, Pasal
    8-14) and that a ringan sanction is imposed, with the reasons; it never calls the act a
    ringan violation (reading D15)."""
    accused = case_file.accused
    accused.finding = {**accused.finding, "level": "sedang"}
    accused.save(update_fields=["finding"])
    case_file.examine(case_file.summon())
    decision = case_file.decide()
    decision.justification = "Yang bersangkutan baru pertama kali melanggar dan mengakuinya."
    decision.outside_allowed = True
    decision.save(update_fields=["justification", "outside_allowed"])

    decree = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_ringan"
    )

    text = " ".join(pdf_text(document_file(decree, "pdf")[0]).split())
    assert "merupakan pelanggaran disiplin tingkat sedang sebagaimana dimaksud" in text, text
    assert "pelanggaran disiplin tingkat ringan" not in text
    assert (
        "sehingga perlu dijatuhi hukuman disiplin tingkat ringan berupa teguran tertulis dengan "
        "pertimbangan yang bersangkutan baru pertama kali melanggar dan mengakuinya;"
    ) in text, text
    # The sanction imposed keeps its own level.
    assert "Menjatuhkan hukuman disiplin tingkat ringan berupa teguran tertulis" in text
