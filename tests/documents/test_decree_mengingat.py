"""The Mengingat of a decree lists every discipline regulation the decree applies, each by its
full title: a sedang type that only PP 53/2010 has (given under PP 94/2021 Pasal 42 until the PP
on pay is in force) and a transition case on a PP 53/2010 provision cite both regulations."""

from __future__ import annotations

import pytest

from tegak.documents.context import build_context
from tegak.documents.kinds import decision_kind

pytestmark = pytest.mark.django_db

PP_53 = "Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil;"
PP_94 = "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;"


def _mengingat(case_file, decision):
    kind = decision_kind(decision.level, decision.sanction_code)
    return build_context(case_file.accused, kind).context["legal_basis"]


def test_an_interim_sedang_type_of_pp_53_cites_pp_53_and_pp_94(case_file):
    case_file.examine(case_file.summon())
    decision = case_file.decide(sanction="penundaan_kgb_1_tahun", level="sedang")
    # What the rules engine keeps for the interim sedang types (PP 94/2021 Pasal 42).
    decision.basis_articles = [
        "PP 94/2021 Pasal 4 huruf f",
        "PP 94/2021 Pasal 42 ayat (2)",
        "PP 53/2010 Pasal 7 ayat (3)",
    ]
    decision.save()
    basis = _mengingat(case_file, decision)
    assert PP_53 in basis and PP_94 in basis
    # Oldest first, once each, with PP 79/2021 after them as before.
    assert basis.index(PP_53) < basis.index(PP_94)
    assert len(basis) == len(set(basis))
    assert basis[-1].startswith("Peraturan Pemerintah Nomor 79 Tahun 2021")


def test_the_sanction_type_alone_brings_pp_53(case_file):
    case_file.examine(case_file.summon())
    decision = case_file.decide(sanction="penundaan_pangkat_1_tahun", level="sedang")
    assert PP_53 in _mengingat(case_file, decision)


def test_a_transition_case_on_a_pp_53_provision_cites_both(case_file):
    case_file.accused.allegations.update(provision="pp-53-2010:3:11")
    case_file.examine(case_file.summon())
    decision = case_file.decide()
    decision.basis_articles = [
        "PP 94/2021 Pasal 40 ayat (3)",
        "PP 94/2021 Pasal 8 ayat (2) huruf b",
    ]
    decision.save()
    basis = _mengingat(case_file, decision)
    assert PP_53 in basis and PP_94 in basis


def test_a_plain_pp_94_decree_does_not_cite_pp_53(case_file):
    case_file.examine(case_file.summon())
    decision = case_file.decide()
    basis = _mengingat(case_file, decision)
    assert PP_94 in basis and PP_53 not in basis
