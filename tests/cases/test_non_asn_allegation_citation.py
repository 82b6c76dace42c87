"""An allegation against non-ASN contract staff (a TKK) cites the instansi's rule for them, never PP
94/2021 (which disciplines PNS only, Pasal 7), also when the rule takes its levels from PP 94/2021
and the act was classified with a PP 94/2021 provision (docs/legal-questions.md C18). The PNS
provision is named, "(mengacu …)", only where the rule itself refers to it by an article of its own:
Perwal Sukamaju 13/2024 Pasal 5 does (built-in demo rule); the Kota Bekasi pack's Perwal 42/2017 as
recorded does not ("dianalogikan" is Tegak's analogy), so it is cited alone."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tegak.cases.models import Allegation
from tegak.documents.context import build_context
from tegak.portal.projection import project
from tests.cases.test_instansi_sanction_types import instansi, pppk  # noqa: F401 (Kota Sukamaju)

pytestmark = pytest.mark.django_db

SUKAMAJU = "Perwal Sukamaju 13/2024 Pasal 5 (mengacu PP 94/2021 Pasal 3 huruf f)"


def test_the_case_page_cites_the_rule_for_non_asn_staff_and_pp_94_for_a_pns(
    open_case, org, staff, verified_client
):
    tkk_case = open_case(org.staff2)
    pns_case = open_case()
    client = verified_client(staff.examiner)
    with translation.override("id"):
        html = client.get(reverse("cases:detail", args=[tkk_case.pk])).content.decode()
        cited = html.split('data-testid="provision">')[1].split("<")[0]
        assert cited == SUKAMAJU
        html = client.get(reverse("cases:detail", args=[pns_case.pk])).content.decode()
        assert html.split('data-testid="provision">')[1].split("<")[0] == (
            "PP 94/2021 Pasal 3 huruf f"
        )


def test_the_register_row_of_a_non_asn_employee_cites_their_rule(open_case, org, staff, client):
    from tegak.portal.models import RegisterEntry
    from tegak.portal.services import register_refresh

    case = open_case(org.staff2)
    accused = case.accused.get()
    register_refresh(accused_ids=[accused.pk])
    entry = RegisterEntry.objects.get(accused_id_ref=accused.pk)
    # The stored code stays the same (the register's filter and statistics count by it).
    assert entry.provision == project(accused)["provision"] == "pp-94-2021:3:f"
    with translation.override("id"):
        page = client.get(reverse("portal:register")).content.decode()
    assert SUKAMAJU in page
    assert ">PP 94/2021 Pasal 3 huruf f<" not in page


def test_a_letter_to_non_asn_staff_cites_the_rule_in_its_words():
    from tests.documents import every_kind

    case_file = every_kind.build("NON_ASN")
    Allegation.objects.filter(accused=case_file.accused).update(provision="pp-94-2021:3:f")
    context = build_context(case_file.accused, "surat_pemberian_sanksi").context
    labels = [item["provision_label"] for item in context["allegations"]]
    assert labels == [
        "Pasal 5 Peraturan Wali Kota Sukamaju Nomor 13 Tahun 2024 (mengacu Pasal 3 huruf f "
        "Peraturan Pemerintah Nomor 94 Tahun 2021)"
    ]


def test_the_bekasi_pack_rule_is_cited_alone_for_a_tkk(db):
    """The Kota Bekasi pack loaded: a TKK's act of 2022 classified with PP 94/2021 Pasal 3 huruf f
    cites "Perwal Kota Bekasi 42/2017", without "(mengacu …)": the pack records the levels as
    Tegak's analogy ('dianalogikan'), not as an article of the Perwal."""
    from tegak.accounts import demo as accounts_demo
    from tegak.accounts.models import User
    from tegak.law.catalogue import allegation_citation
    from tegak.law.services import pack_import
    from tegak.people import demo as people_demo
    from tegak.people.models import Instansi
    from tegak.rules.packs import shipped_pack_text

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    agency = Instansi.objects.get(code="kota-sukamaju")
    pack_import(
        actor=User.objects.get(username="administrator"),
        instansi=agency,
        text=shipped_pack_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    day = date(2022, 8, 26)
    assert allegation_citation("pp-94-2021:3:f", agency, "NON_ASN", day) == (
        "Perwal Kota Bekasi 42/2017"
    )
    assert allegation_citation("pp-94-2021:3:f", agency, "PNS", day) == (
        "PP 94/2021 Pasal 3 huruf f"
    )


def test_a_pppk_alleged_under_pp_94_cites_the_instansis_pppk_rule(
    open_case,
    pppk,  # noqa: F811 (the fixture imported above)
    staff,
    verified_client,
):
    """A PPPK's discipline is the PPK's rule (PP 49/2018 Pasal 52 ayat (1)), not PP 94/2021,
    which disciplines PNS: the Sukamaju PPPK rule takes its levels from PP 94/2021 by its own
    Pasal 4, so the allegation cites that article (reading C31)."""
    case = open_case(pppk)
    with translation.override("id"):
        html = (
            verified_client(staff.examiner)
            .get(reverse("cases:detail", args=[case.pk]))
            .content.decode()
        )
    cited = html.split('data-testid="provision">')[1].split("<")[0]
    assert cited == "Perwal Sukamaju 12/2024 Pasal 4 (mengacu PP 94/2021 Pasal 3 huruf f)"
    # The public register row too (its stored code unchanged).
    from tegak.portal.models import RegisterEntry
    from tegak.portal.services import register_refresh

    accused = case.accused.get()
    register_refresh(accused_ids=[accused.pk])
    assert RegisterEntry.objects.get(accused_id_ref=accused.pk).provision == "pp-94-2021:3:f"
    with translation.override("id"):
        page = verified_client(staff.examiner).get(reverse("portal:register")).content.decode()
    assert "Perwal Sukamaju 12/2024 Pasal 4 (mengacu PP 94/2021 Pasal 3 huruf f)" in page


def test_the_statistics_chart_labels_each_provision_with_the_employees_own_regulation(
    open_case,
    org,
    pppk,  # noqa: F811 (the fixture imported above)
    client,
):
    """The public per-provision chart labelled every code by PP 94/2021 (C18's open point): one
    code alleged against a PNS, a TKK and a PPPK is three bars, each with its own regulation."""
    from tegak.portal.services import register_refresh

    for employee in (org.staff, org.staff2, pppk):
        case = open_case(employee)
        register_refresh(accused_ids=[case.accused.get().pk])
    with translation.override("id"):
        page = client.get(reverse("portal:statistics")).content.decode()
    chart = page.split('id="per-provision"', 1)[1].split("</figure>", 1)[0]
    assert "PP 94/2021 Pasal 3 huruf f" in chart
    assert SUKAMAJU in chart
    assert "Perwal Sukamaju 12/2024 Pasal 4 (mengacu PP 94/2021 Pasal 3 huruf f)" in chart
