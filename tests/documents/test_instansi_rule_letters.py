"""Letters of PPPK and non-ASN staff under the instansi's own rules (Kota Sukamaju's built-in ones):
a PPPK decree ending the contract sends the employee to banding administratif to BPASN, not to
keberatan (PP 79/2021 Pasal 10 huruf b), and a non-ASN sanction letter rests on the rule in force on
the decision's day, never on the rule it replaced (docs/legal-questions.md D3, D6)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.documents.context import build_context

from . import every_kind

pytestmark = pytest.mark.django_db

BANDING = "banding administratif kepada Badan Pertimbangan Aparatur Sipil Negara"
PERWAL_2018 = "Peraturan Wali Kota Sukamaju Nomor 8 Tahun 2018"
PERWAL_2024 = "Peraturan Wali Kota Sukamaju Nomor 13 Tahun 2024"


@pytest.mark.parametrize(
    ("index", "kind", "route"),
    [
        pytest.param(
            1, "keputusan_hukuman_sedang", "keberatan", id="salary-rise-postponed-pasal-3"
        ),
        pytest.param(
            2, "keputusan_hukuman_berat", BANDING, id="contract-terminated-pasal-10-huruf-b"
        ),
    ],
)
def test_a_pppk_decrees_third_dictum_names_the_route_pp_79_gives(index, kind, route):
    case_file = every_kind.build("PPPK")
    accused = [case_file.accused, *case_file.others][index]
    context = build_context(accused, kind).context
    assert context["decision"]["objection_route"].startswith(route)


@pytest.mark.parametrize(
    ("decided_on", "rule", "not_rule"),
    [
        pytest.param(date(2024, 9, 9), PERWAL_2024, PERWAL_2018, id="after-perwal-13-2024"),
        pytest.param(date(2022, 3, 1), PERWAL_2018, PERWAL_2024, id="perwal-8-2018-in-force"),
    ],
)
def test_a_non_asn_sanction_letter_cites_only_the_rule_in_force_on_the_decision_day(
    decided_on, rule, not_rule
):
    case_file = every_kind.build("NON_ASN")
    decision = case_file.accused.decision
    decision.decided_on = decided_on
    decision.basis_articles = []
    decision.save()
    context = build_context(case_file.accused, "surat_pemberian_sanksi").context
    assert context["decision"]["regulation"].startswith(rule)
    assert not any(item.startswith(not_rule) for item in context["legal_basis"])


@pytest.mark.parametrize(
    ("status", "cited", "not_cited"),
    [
        pytest.param(
            "PNS",
            "Pasal 26 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021",
            "Nomor 49 Tahun 2018",
            id="pns-pp-94-pasal-26-4",
        ),
        pytest.param("PPPK", "Sukamaju", "Nomor 94 Tahun 2021", id="pppk-the-pppk-rule"),
    ],
)
def test_a_decree_on_the_evidence_cites_the_absence_rule_of_the_employees_status(
    status, cited, not_cited
):
    """A decision without examination after the second summons (PP 94/2021 Pasal 26(4) for a
    PNS): a PPPK's decree cites the instansi's PPPK rule, never PP 94/2021 (reading C11)."""
    from tegak.documents.kinds import decision_kind

    case_file = every_kind.build(status)
    decision = case_file.accused.decision
    decision.on_evidence_without_examination = True
    decision.save()
    kind = decision_kind(decision.level, decision.sanction_code)
    ground = build_context(case_file.accused, kind).context["considerations"][0]
    ground = ground.split("tidak memenuhi panggilan kedua")[1].split(", terbukti")[0]
    assert cited in ground and not_cited not in ground, ground


def test_a_non_asn_sanction_letter_names_a_rule_without_articles_once():
    """A rule pack without article numbers (Kota Bekasi's, read from the news) gives the
    decision a basis naming the rule itself: the TikTok letter listed the Perwal as the rule,
    again as a basis and a third time as the provision broken."""
    from tegak.documents.services import document_file, document_issue_for_case

    from .conftest import pdf_text

    case_file = every_kind.build("NON_ASN")
    decision = case_file.accused.decision
    decision.basis_articles = [
        "Perwal Sukamaju 13/2024: perbuatan tercela yang merusak nama baik, pelanggaran ringan"
    ]
    decision.save()
    context = build_context(case_file.accused, "surat_pemberian_sanksi").context
    assert [item for item in context["legal_basis"] if PERWAL_2024 in item] == [
        context["decision"]["regulation"]
    ]
    assert not any("perbuatan tercela" in item for item in context["legal_basis"])
    assert not [item for item in context["articles"] if item == PERWAL_2024]
    document = document_issue_for_case(
        actor=case_file.official, accused=case_file.accused, kind="surat_pemberian_sanksi"
    )
    text = " ".join(pdf_text(document_file(document, "pdf")[0]).split())
    assert "perbuatan tercela yang merusak" not in text


def test_the_bap_of_a_non_asn_describes_an_allegation_entered_without_words():
    """A group case opened from a report has allegations without a description: the TKK's
    BAP printed only "(Peraturan Wali Kota …)"; it now says the duty broken, in the rule's
    words, and when and where, as a PNS's BAP does from PP 94/2021."""
    case_file = every_kind.build("NON_ASN")
    case_file.accused.allegations.update(description="")
    context = build_context(case_file.accused, "berita_acara_pemeriksaan").context
    for item in context["allegations"]:
        assert item["description"].startswith("Melanggar "), item
        assert item["committed_on"] in item["description"], item
        assert item["description"] != f"Melanggar ketentuan {item['provision_label']}"
