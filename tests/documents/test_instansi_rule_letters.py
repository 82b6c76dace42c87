"""Letters of PPPK and non-ASN staff under the instansi's own rules (Kota Sukamaju's built-in ones):
a PPPK decree ending the contract sends the employee to banding administratif to BPASN, not to
keberatan (PP 79/2021 Pasal 10 huruf b)."""

from __future__ import annotations

import pytest

from tegak.documents.context import build_context

from . import every_kind

pytestmark = pytest.mark.django_db

BANDING = "banding administratif kepada Badan Pertimbangan Aparatur Sipil Negara"


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
