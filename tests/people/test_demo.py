"""The demo agency: fictional, complete enough to try every rule, and loaded only once."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tegak.accounts.models import User
from tegak.audit.models import AuditEvent
from tegak.people import demo, selectors
from tegak.people.models import (
    Employee,
    EmployeeStatus,
    OrgUnit,
    Position,
    PositionAssignment,
    PositionKind,
)
from tegak.people.validators import validate_employee_number

# Well-known Indonesians (politicians, officials, athletes, artists): none may appear in the demo.
FAMOUS = {
    "joko widodo",
    "susilo bambang yudhoyono",
    "megawati soekarnoputri",
    "prabowo subianto",
    "gibran rakabuming raka",
    "sri mulyani indrawati",
    "anies baswedan",
    "ganjar pranowo",
    "ridwan kamil",
    "tri rismaharini",
    "mahfud md",
    "luhut binsar pandjaitan",
    "erick thohir",
    "puan maharani",
    "budi gunadi sadikin",
    "sandiaga uno",
    "basuki tjahaja purnama",
    "taufik hidayat",
    "susi susanti",
    "rudy hartono",
    "candra wijaya",
    "hendra setiawan",
    "gilang ramadhan",
    "dimas anggara",
    "nia ramadhani",
    "desi ratnasari",
    "raffi ahmad",
    "agnez mo",
    "iwan fals",
    "najwa shihab",
    "rio haryanto",
    "bambang pamungkas",
    "wahyu setiawan",
    "gayus tambunan",
    "ferdy sambo",
    "setya novanto",
    "dedi mulyadi",
    "siti nurbaya",
    "agus salim",
    "ahmad dahlan",
    "dewi sartika",
    "chairil anwar",
}


@pytest.fixture
def loaded(db):
    demo.load(io.StringIO())
    from tegak.accounts import demo as accounts_demo

    accounts_demo.load(io.StringIO())


@pytest.mark.django_db
def test_demo_has_about_300_employees_of_every_status_and_position_kind(loaded):
    instansi_employees = Employee.objects.filter(instansi__code=demo.DEMO_INSTANSI_CODE)
    assert 250 <= instansi_employees.count() <= 350
    assert set(instansi_employees.values_list("status", flat=True)) == set(EmployeeStatus.values)
    kinds = set(Position.objects.values_list("kind", flat=True))
    assert kinds == set(PositionKind.values)


@pytest.mark.django_db
def test_demo_has_the_units_the_issue_names(loaded):
    units = OrgUnit.objects.filter(instansi__code=demo.DEMO_INSTANSI_CODE)
    names = set(units.values_list("name", flat=True))
    for name in ("Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat Daerah"):
        assert name in names
    assert units.get(code="BKPSDM").is_personnel_unit
    assert units.get(code="INSP").is_supervision_unit
    assert units.filter(kind="bagian").exists() and units.filter(kind="seksi").exists()
    assert units.filter(kind="dinas").count() >= 3


@pytest.mark.django_db
def test_every_demo_nip_passes_the_registry_checks(loaded):
    for nip, status in Employee.objects.values_list("nip", "status"):
        validate_employee_number(nip, status=status)


@pytest.mark.django_db
def test_no_demo_name_is_a_well_known_person(loaded):
    names = {name.lower() for name in Employee.objects.values_list("name", flat=True)}
    assert not names & FAMOUS
    assert len(names) == Employee.objects.count()  # nobody twice


@pytest.mark.django_db
def test_demo_has_history_a_plt_and_a_vacancy(loaded):
    assert PositionAssignment.objects.filter(end__isnull=False).count() >= 10
    plt = PositionAssignment.objects.get(kind="plt")
    dishub = OrgUnit.objects.get(code="DISHUB")
    assert selectors.unit_head(dishub, date.today()) == plt.employee
    vacant = OrgUnit.objects.get(code="DPUPR-BM-S2")
    assert selectors.unit_head(vacant, date.today()) is None
    staff = Employee.objects.filter(
        assignments__position__unit=vacant, assignments__end__isnull=True
    ).first()
    examiner = User.objects.get(username="examiner").employee
    assert selectors.direct_superior(staff, date.today()) == examiner


@pytest.mark.django_db
def test_demo_accounts_belong_to_fitting_employees(loaded):
    examiner = User.objects.get(username="examiner").employee
    official = User.objects.get(username="authorised-official").employee
    assert selectors.position_kind_on(examiner, date.today()) == "administrator"
    assert selectors.direct_superior(examiner, date.today()) == official


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(loaded):
    def state():
        return (
            Employee.objects.count(),
            OrgUnit.objects.count(),
            Position.objects.count(),
            PositionAssignment.objects.count(),
            User.objects.count(),
            AuditEvent.objects.count(),
            sorted(User.objects.values_list("username", "employee_id")),
        )

    before = state()
    demo.load(io.StringIO())
    from tegak.accounts import demo as accounts_demo

    accounts_demo.load(io.StringIO())
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("day", [date(2021, 9, 2), date(2022, 9, 26), date(2022, 11, 15)])
def test_the_seed_stories_replay_on_their_real_dates_by_demo_accounts(loaded, day):
    """Sept 2021 (TikTok) and Aug-Nov 2022 (karaoke): the seven contract staff and the PNS of the
    council secretariat hold their posts, their direct superior is the account kabag-umum-setwan,
    his superior the account sekwan, whose superior (PP 79/2021: the objection) is sekda."""
    kabag = User.objects.get(username="kabag-umum-setwan")
    sekwan = User.objects.get(username="sekwan")
    sekda = User.objects.get(username="sekda")
    seven = Employee.objects.filter(
        instansi__code=demo.DEMO_INSTANSI_CODE,
        status=EmployeeStatus.NON_ASN,
        assignments__position__name="Tenaga Pendukung Humas dan Protokol",
    ).distinct()
    pns = Employee.objects.get(
        status=EmployeeStatus.PNS,
        assignments__position__unit__code="SETWAN-UMUM",
        assignments__position__name="Pengadministrasi Perkantoran",
        assignments__start__lt=date(2021, 1, 1),
    )
    assert seven.count() == 7
    for employee in [*seven, pns]:
        assert selectors.position_kind_on(employee, day) == "pelaksana"
        assert selectors.supervisor_chain(employee, day)[:3] == [
            kabag.employee,
            sekwan.employee,
            sekda.employee,
        ]
    assert selectors.position_kind_on(sekda.employee, day) == "jpt_pratama"
    # PP 94/2021 Pasal 22 ayat (1) huruf a: the Kepala Bagian may impose a ringan sanction too.
    assert set(kabag.roles.values_list("role", flat=True)) == {"examiner", "authorised_official"}
    assert set(sekwan.roles.values_list("role", flat=True)) == {
        "authorised_official",
        "examiner",
    }
    assert sekda.check_password("demo-tegak-2026")
