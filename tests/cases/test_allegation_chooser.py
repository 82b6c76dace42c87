"""The add-allegation page: the provision is chosen by its words from the catalogue of the
regulation that governs the accused on the offence day — PP 94/2021 (or PP 53/2010 before
31 August 2021) for a PNS, the agency's own rule for contract staff — never typed as a code; a
provision outside that catalogue is refused on the field in Indonesian, nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.cases.models import Allegation
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tegak.people.models import Employee, PositionAssignment

pytestmark = pytest.mark.django_db


def post(client, case, **data):
    return client.post(reverse("cases:allegation_add", args=[case.pk]), data)


def test_the_page_offers_the_governing_catalogue_by_words_not_a_code_field(
    open_case, staff, verified_client
):
    case = open_case()
    client = verified_client(staff.examiner)
    html = client.get(reverse("cases:allegation_add", args=[case.pk])).content.decode()
    # A select grouped by regulation, labelled with citation and words; no box for a code.
    assert '<select name="provision"' in html
    assert '<optgroup label="PP 94/2021' in html and '<optgroup label="PP 42/2004' in html
    assert "PP 94/2021 Pasal 3 huruf f — " in html
    assert "PP 53/2010" not in html.split('name="provision"', 1)[1]
    assert 'type="text" name="provision"' not in html and "pp-94-2021:4:f (PP" not in html
    assert "PP 94/2021" in html.split('data-testid="governs"', 1)[1].split("</p>", 1)[0]


def test_an_act_before_pp_94_lists_pp_53_and_refuses_a_pp_94_provision(
    open_case, org, staff, verified_client
):
    case = open_case()
    client = verified_client(staff.examiner)
    listed = post(client, case, employee=org.staff.pk, committed_on="2021-05-03", do="list")
    chooser = listed.content.decode().split('name="provision"', 1)[1].split("</select>", 1)[0]
    assert listed.status_code == 200 and "errorlist" not in listed.content.decode()
    assert "PP 53/2010 Pasal 3 angka 4" in chooser and "PP 94/2021" not in chooser
    refused = post(
        client,
        case,
        employee=org.staff.pk,
        committed_on="2021-05-03",
        provision="pp-94-2021:3:f",
        do="save",
    )
    body = refused.content.decode()
    assert refused.status_code == 400
    field = body.split('name="provision"', 1)[1].split("</fieldset>", 1)[0]
    assert "tidak termasuk dalam katalog PP 53/2010" in field and "Staf Uji" in field
    assert Allegation.objects.filter(case=case).count() == 1
    done = post(
        client,
        case,
        employee=org.staff.pk,
        committed_on="2021-05-03",
        provision="pp-53-2010:3:4",
        impact="unit_kerja",
        do="save",
    )
    assert done.status_code == 302
    assert Allegation.objects.filter(case=case, provision="pp-53-2010:3:4").exists()


def test_a_typed_code_that_is_no_provision_is_refused_on_the_field(
    open_case, org, staff, verified_client
):
    case = open_case()
    client = verified_client(staff.examiner)
    refused = post(
        client, case, employee=org.staff.pk, committed_on="2026-10-09", provision="pasal 3 f"
    )
    field = refused.content.decode().split('name="provision"', 1)[1].split("</fieldset>", 1)[0]
    assert refused.status_code == 400 and "pilih salah satu dari daftar" in field
    empty = post(client, case, employee=org.staff.pk, committed_on="2026-10-09", provision="")
    assert "Pilih ketentuan dari daftar." in empty.content.decode()
    assert Allegation.objects.filter(case=case).count() == 1


def test_contract_staff_get_the_agencys_rule_and_not_the_pns_catalogue(
    open_case, org, staff, instansi, administrator, verified_client
):
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    tkk = Employee.objects.create(
        instansi=instansi, nip="TKK-2020.0001", name="TKK Satu", status="NON_ASN"
    )
    PositionAssignment.objects.create(
        employee=tkk, position=org.staff.assignments.get().position, start=date(2020, 1, 2)
    )
    case = open_case()
    client = verified_client(staff.examiner)
    listed = post(client, case, employee=tkk.pk, committed_on="2022-03-10", do="list")
    html = listed.content.decode()
    chooser = html.split('name="provision"', 1)[1].split("</select>", 1)[0]
    assert '<optgroup label="Perwal Kota Bekasi 42/2017' in chooser
    assert "local:kota-uji:tkk-2017:kepatutan" in chooser
    assert "PP 42/2004" not in chooser and "PP 53/2010" not in chooser
    governs = html.split('data-testid="governs"', 1)[1].split("</p>", 1)[0]
    assert "Perwal Kota Bekasi 42/2017" in governs and "TKK Satu" in governs
    refused = post(
        client,
        case,
        employee=tkk.pk,
        committed_on="2022-03-10",
        provision="pp-42-2004:8:a",
        do="save",
    )
    assert refused.status_code == 400
    assert "Perwal Kota Bekasi 42/2017" in refused.content.decode().split("errorlist", 1)[1]
    done = post(
        client,
        case,
        employee=tkk.pk,
        committed_on="2022-03-10",
        provision="local:kota-uji:tkk-2017:kepatutan",
        do="save",
    )
    assert done.status_code == 302, done.content.decode()[:3000]
    assert Allegation.objects.get(accused__employee=tkk).provision.endswith(":kepatutan")


@pytest.mark.django_db
def test_the_provision_finder_offers_the_rules_the_instansi_stores(instansi, administrator):
    """After the administrator loads the Kota Bekasi pack, its provision for contract staff (the
    TikTok story's SE Sekda on conduct) is found by its words when a case is opened; the engine
    reads the stored rules, so the finder offers the same."""
    from tegak.cases.forms import provision_matches
    from tegak.law.packs import shipped_text
    from tegak.law.services.packs import pack_import

    # The pack's rule becomes the instansi's own: its id carries the instansi's code.
    local = f"local:{instansi.code}:tkk-2017:kepatutan"
    assert local not in dict(provision_matches(instansi, "nama baik"))
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
    )
    found = dict(provision_matches(instansi, "nama baik"))
    assert local in found and "Perwal Kota Bekasi 42/2017" in found[local]


@pytest.mark.django_db
def test_a_provision_of_a_loaded_pack_reads_by_its_citation_not_its_code(instansi, administrator):
    from tegak.cases.labels import provision_citation

    local = f"local:{instansi.code}:tkk-2017:kepatutan"
    assert provision_citation(local) == local  # not stored: the id, never a crash
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
    )
    assert provision_citation(local) == "Perwal Kota Bekasi 42/2017"
    # The Sekda's circular, in force from its date (legal-questions B10), cited as a rule.
    assert provision_citation(local + "-se-2021") == (
        "Perwal Kota Bekasi 42/2017 jo. SE Sekda Kota Bekasi 800/6519/BKPPD-PKA "
        "tanggal 2 September 2021 angka 3"
    )


def test_the_page_leads_to_stating_the_post_of_someone_without_one(
    open_case, org, staff, verified_client
):
    """Seed walk (karaoke, a TKK): the page said 'state the post' but had no way to do it."""
    case = open_case()
    client = verified_client(staff.examiner)
    listed = post(client, case, employee=org.staff2.pk, committed_on="2022-08-26", do="list")
    link = listed.content.decode().split('data-testid="stated-post-link"', 1)[1].split("</p>")[0]
    target = reverse("cases:stated_post_add", args=[case.pk])
    assert f'href="{target}?employee={org.staff2.pk}&amp;day=2022-08-26"' in link
    assert "Nyatakan jabatan yang dipegang saat itu" in link or "Nyatakan dahulu" in link
    form = client.get(f"{target}?employee={org.staff2.pk}&day=2022-08-26")
    assert form.status_code == 200


def _bekasi_tkk(org, instansi, administrator, nip):
    """The Kota Bekasi pack adopted, and a TKK in the Kabag's unit since 2020: the TKK and the
    provision of the Sekda's circular of 2 September 2021."""
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    tkk = Employee.objects.create(instansi=instansi, nip=nip, name="TKK Uji", status="NON_ASN")
    PositionAssignment.objects.create(
        employee=tkk, position=org.staff.assignments.get().position, start=date(2020, 1, 2)
    )
    return tkk, f"local:{instansi.code}:tkk-2017:kepatutan-se-2021"


def test_a_provision_not_yet_in_force_on_the_act_day_is_refused_naming_its_first_day(
    org, staff, instansi, administrator
):
    """The TikTok video (30 Aug 2021) came before the Sekda's circular (2 Sep 2021): choosing the
    circular's provision is refused with the day it came into force, not "write the provision as
    a code" (its code has a hyphen after the rule's id); an act from that day is accepted."""
    from django.utils import translation

    from tegak.cases import services
    from tegak.core.errors import InputError

    tkk, circular = _bekasi_tkk(org, instansi, administrator, "TKK-2020.0001")

    def open_on(day):
        return services.case_open_ex_officio(
            actor=staff.admin,
            instansi=instansi,
            allegations=[{"employee": tkk, "provision": circular, "committed_on": day}],
        )

    with translation.override("id"), pytest.raises(InputError) as refused:
        open_on(date(2021, 8, 30))
    message = refused.value.message
    assert refused.value.field.endswith("provision")
    assert "kode" not in message, message
    assert "2 September 2021" in message and "30 Agustus 2021" in message, message
    assert (
        message.startswith("Perwal Kota Bekasi 42/2017 jo. SE Sekda") and "mulai berlaku" in message
    )
    case = open_on(date(2021, 9, 3))
    assert case.allegations.get().provision == circular


def test_a_provision_not_yet_in_force_on_the_act_day_is_not_offered(
    open_case, org, staff, instansi, administrator, verified_client
):
    """The finder offers only what the case file accepts for the act's day: the Sekda's circular
    of 2 Sep 2021 is not offered for the video of 30 Aug 2021 (choosing it is refused, test
    above), and is offered for an act from that day."""
    tkk, circular = _bekasi_tkk(org, instansi, administrator, "TKK-2020.0002")
    own = f"local:{instansi.code}:tkk-2017:kepatutan"
    case = open_case()
    client = verified_client(staff.examiner)

    def chooser(day):
        listed = post(client, case, employee=tkk.pk, committed_on=day, do="list")
        assert listed.status_code == 200
        return listed.content.decode().split('name="provision"', 1)[1].split("</select>", 1)[0]

    before = chooser("2021-08-30")
    assert f'value="{own}"' in before and f'value="{circular}"' not in before
    assert f'value="{circular}"' in chooser("2021-09-03")


def test_the_open_page_finder_does_not_offer_a_provision_not_yet_in_force(
    org, staff, instansi, administrator, verified_client, today
):
    """The finder on the open-case page searches only the provisions in force on the act's day:
    the circular's provision is found by its words for an act of 3 Sep 2021, not of 30 Aug."""
    tkk, circular = _bekasi_tkk(org, instansi, administrator, "TKK-2020.0003")
    client = verified_client(staff.intake)
    find = {"provision_find": "nama baik", "accused": [tkk.pk], "do": "find"}
    before = client.post(reverse("cases:open"), {**find, "committed_on": "2021-08-30"})
    after = client.post(reverse("cases:open"), {**find, "committed_on": "2021-09-03"})
    assert f'value="{circular}"' not in before.content.decode()
    assert f'value="{circular}"' in after.content.decode()
