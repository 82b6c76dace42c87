"""The demo case can be carried on at once by a visitor signed in as the demo examiner."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from tegak.cases.models import Case
from tegak.hearings.services import examination_hold
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_case(db):
    from tegak.accounts import demo as accounts_demo
    from tegak.cases import demo as cases_demo
    from tegak.hearings import demo as hearings_demo
    from tegak.people import demo as people_demo

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    cases_demo.load(out)
    hearings_demo.load(out)
    return Case.objects.get(), out.getvalue()


def test_the_demo_examiner_can_record_the_examination_today(demo_case):
    from tegak.accounts.models import User

    case, printed = demo_case
    assert case.register_number in printed
    accused = case.accused.get()
    summons = accused.summonses.get()
    assert summons.examination_on <= timezone.localdate()
    examiner = User.objects.get(username="examiner")
    examination = examination_hold(
        actor=examiner, accused=accused, held_on=summons.examination_on, place="Ruang rapat"
    )
    accused.refresh_from_db()
    assert examination.held_on == summons.examination_on
    assert accused.stage == "examined"


def test_the_demo_signs_its_letters_and_a_validator_trusts_them(demo_case, client):
    """`tegak demo` makes its own certificate authority (offline) and seals for its issuing
    units: a letter its signer issues on its date comes out electronically signed, its QR page
    says valid, and the authority's certificate is public for a validator; the demo's own
    summons, dated earlier, is a record copy."""
    from tegak.accounts.models import User
    from tegak.cases.posts import post_on
    from tegak.documents import demo as documents_demo
    from tegak.documents import esign
    from tegak.documents.models import ElectronicSignature, IssuedDocument, SigningCertificate
    from tegak.documents.samples import sample_context
    from tegak.documents.services import document_issue
    from tegak.documents.signatures import trust_roots

    out = io.StringIO()
    documents_demo.load(out)
    assert "certificate authority" in out.getvalue()
    # The demo summons is dated days before today: a record copy, never signed as if then.
    summons = IssuedDocument.objects.get(kind="surat_panggilan_1")
    assert summons.dated < timezone.localdate()
    assert not ElectronicSignature.objects.filter(document=summons).exists()
    with summons.file_pdf.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Salinan catatan — dibuat dalam Tegak pada" in text
    # The summons reads as a letter: the time of the examination, the article with its capital.
    assert "Pukul : 09.00" in text
    assert "Pasal 3 huruf f" in text and "pasal 3 huruf f" not in text
    # A letter its signer issues on its own date is sealed by the demo's seal of their unit.
    examiner = User.objects.get(username="examiner")
    case, _printed = demo_case
    document_issue(
        actor=examiner,
        kind="surat_panggilan_2",
        instansi=case.instansi,
        context=sample_context("surat_panggilan_2"),
        subject_type="test.step",
        subject_id="1",
        case_key=str(case.pk),
        unit=post_on(examiner.employee, timezone.localdate(), case).unit,
        signer_id=examiner.employee_id,
    )
    signature = ElectronicSignature.objects.get()
    document = signature.document
    with document.file_pdf.open("rb") as handle:
        signed = handle.read()
    checked = esign.check_pdf(signed, trust_roots())
    assert checked.signatures
    assert all(
        item.intact and item.trusted and item.covers_whole_file for item in checked.signatures
    )
    page = client.get(f"/verifikasi/{signature.token}/", HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    assert "Tanda tangan sah" in page.content.decode()
    assert b"BEGIN CERTIFICATE" in client.get("/verifikasi/ca.pem").content
    assert len(trust_roots()) == 1
    # Loading the demo again makes no second authority or second set of seals.
    before = SigningCertificate.objects.count()
    documents_demo.load(io.StringIO())
    assert SigningCertificate.objects.count() == before


def test_the_seed_stories_direct_superior_may_be_the_authorised_official(db):
    """PP 94/2021 Pasal 22 ayat (1) huruf a: the Kepala Bagian Umum dan Keuangan (an
    administrator) imposes a ringan sanction on a PNS one level below, the Setwan's pelaksana of
    the karaoke story: the demo account holds the authorised-official role too, so it can be
    assigned so; loading the demo again adds no role, and the README's table says so."""
    from datetime import date
    from pathlib import Path

    from tegak.accounts import demo as accounts_demo
    from tegak.accounts.models import RoleAssignment, User
    from tegak.cases import services
    from tegak.people import demo as people_demo
    from tegak.people.demo.structure import SEED_PNS_POST, SEED_STAGE_UNIT

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    kabag = User.objects.get(username="kabag-umum-setwan")
    assert set(kabag.roles.values_list("role", flat=True)) == {"examiner", "authorised_official"}
    assert RoleAssignment.objects.filter(user=kabag).count() == 2
    pns = people_demo.employee_holding(SEED_STAGE_UNIT, SEED_PNS_POST)
    admin = User.objects.get(username="administrator")
    case = services.case_open_ex_officio(
        actor=admin,
        instansi=pns.instansi,
        allegations=[
            {"employee": pns, "provision": "pp-94-2021:4:f", "committed_on": date(2022, 8, 26)}
        ],
    )
    handler = services.handler_assign(
        actor=admin, case=case, user=kabag, role="authorised_official"
    )
    assert handler.role == "authorised_official"
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| `kabag-umum-setwan`"))
    assert "authorised official" in row and "Pasal 22" in row


def test_the_demo_direct_superior_opens_his_units_case_but_not_the_other_dinas(
    demo_case, verified_client
):
    """ADR 0180 (reading C32), the walk of 9cacc42: holding the authorised-official role, the
    Kepala Bagian Umum of the Setwan opens the case of a PNS of his unit, unassigned, and gets 404
    on the demo case of the Dinas PUPR, as the Sekwan and the Sekda do; the Kepala Dinas PUPR
    (the demo's authorised official) still opens it."""
    from datetime import date

    from tegak.accounts.models import User
    from tegak.cases import services
    from tegak.people import demo as people_demo
    from tegak.people.demo.structure import SEED_PNS_POST, SEED_STAGE_UNIT

    demo, _printed = demo_case
    users = {user.username: user for user in User.objects.all()}
    pns = people_demo.employee_holding(SEED_STAGE_UNIT, SEED_PNS_POST)
    own = services.case_open_ex_officio(
        actor=users["intake-officer"],
        instansi=pns.instansi,
        allegations=[
            {"employee": pns, "provision": "pp-94-2021:4:f", "committed_on": date(2022, 8, 26)}
        ],
    )
    seen = {}
    for name in ("kabag-umum-setwan", "sekwan", "sekda", "authorised-official"):
        client = verified_client(users[name])
        seen[name] = tuple(
            client.get(f"/staf/kasus/{case.pk}/").status_code for case in (demo, own)
        )
    assert seen == {
        "kabag-umum-setwan": (404, 200),
        "sekwan": (404, 200),
        "sekda": (404, 200),
        "authorised-official": (200, 404),
    }
