"""One door to the law: the case file, attendance and the administrator's pages build the engine's
input with `tegak.law.inputs.assessment_input`, so an alert's lateness is counted once, early
leave is counted, the instansi's minutes per day apply, and contract staff get their agency's
rule (#18 item 1)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.accounts.models import RoleAssignment, User
from tegak.attendance import selectors as attendance
from tegak.attendance.models import AttendanceAlert
from tegak.attendance.services import attendance_alert_open_case, attendance_import
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi, OrgUnit, Position, PositionAssignment

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 3, 31)


def working_days() -> list[date]:
    from tegak.attendance import pipeline

    frame = pipeline.calendar_frame("national-perpres-21-2023", START, END)
    return [row[0] for row in frame.select("day", "kind").iter_rows() if row[1] == "working"]


def checkins(rows: dict[str, dict[date, tuple[str, str] | None]]) -> bytes:
    """Every working day 07:25-16:35 except the days given: None (absent) or (arrive, leave)."""
    lines = ["nip,timestamp,device"]
    for day in working_days():
        for nip, special in rows.items():
            times = special.get(day, ("07:25", "16:35"))
            if times is None:
                continue
            lines.append(f"{nip},{day} {times[0]}:00,gerbang")
            lines.append(f"{nip},{day} {times[1]}:00,gerbang")
    return ("\n".join(lines) + "\n").encode()


def make_office(code: str, *, status: str = "PNS", minutes_per_day: int = 450):
    instansi = Instansi.objects.create(
        code=code,
        name=f"Pemerintah {code}",
        level="kabupaten_kota",
        time_zone="WIB",
        minutes_per_absence_day=minutes_per_day,
    )
    unit = OrgUnit.objects.create(instansi=instansi, code="UMUM", name="Bagian Umum")
    head_post = Position.objects.create(
        instansi=instansi, unit=unit, name="Kepala Bagian", kind="administrator", is_head=True
    )
    post = Position.objects.create(
        instansi=instansi, unit=unit, name="Pengadministrasi", kind="pelaksana"
    )
    head = Employee.objects.create(
        instansi=instansi, nip="197001012000031001", name="Budi Kepala", status="PNS"
    )
    PositionAssignment.objects.create(employee=head, position=head_post, start=date(2020, 1, 1))
    staff = Employee.objects.create(
        instansi=instansi, nip="199001012015011001", name="Sari Staf", status=status
    )
    PositionAssignment.objects.create(employee=staff, position=post, start=date(2020, 1, 1))
    admin = User.objects.create_user(username=f"admin-{code}", password="kata-sandi-uji-123")
    RoleAssignment.objects.create(user=admin, role="administrator", instansi=instansi)
    return instansi, head, staff, admin


def alert_case(instansi, head, staff, admin, special):
    attendance_import(
        actor=admin,
        instansi=instansi,
        checkins=checkins({head.nip: {}, staff.nip: special}),
        today=date(2025, 4, 1),
    )
    alert = AttendanceAlert.objects.filter(employee=staff).order_by("-created").first()
    assert alert is not None
    attendance_alert_open_case(actor=admin, alert=alert)
    alert.refresh_from_db()
    from tegak.cases.models import Case

    accused = Case.objects.get(pk=alert.opened_case_id).accused.get()
    report = {
        row["nip"]: row
        for row in attendance.report(instansi, 2025, as_of=date(2025, 4, 1), today=date(2025, 4, 1))
    }
    return accused, report[staff.nip]


def counted_note(finding: dict) -> str:
    notes = [note for note in finding["notes"] if "counted" in note]
    assert len(notes) == 1, finding["notes"]
    return notes[0]


def test_an_alerts_lateness_is_counted_once_through_the_case_and_equals_the_report():
    instansi, head, staff, admin = make_office("kota-satu")
    days = working_days()
    # Ten days absent (never two in a row); 10 x 90 = 900 minutes late on the days between.
    special: dict[date, tuple[str, str] | None] = {day: None for day in days[:20:2]}
    special |= {day: ("09:00", "16:35") for day in days[1:20:2]}
    accused, row = alert_case(instansi, head, staff, admin, special)
    assert row["unexcused_days"] == 10 and row["late_minutes"] == 900
    assert row["counted_days"] == 12
    note = counted_note(accused.finding)
    assert "900 minutes" in note and "counted 12 days in 2025" in note
    absence = accused.allegations.get().absence
    assert absence["unexcused_days"] == 10 and absence["late_minutes"] == 900
    case_view = {key: accused.finding[key] for key in ("level", "sanction", "basis", "notes")}
    report_view = {key: row["finding"][key] for key in ("level", "sanction", "basis", "notes")}
    assert case_view == report_view


def test_early_leave_counts_with_the_instansis_minutes_per_day():
    instansi, head, staff, admin = make_office("kota-dua", minutes_per_day=300)
    days = working_days()
    special: dict[date, tuple[str, str] | None] = {day: None for day in days[:20:2]}
    special |= {day: ("07:25", "14:00") for day in days[1:20:2] if day.weekday() < 4}
    accused, row = alert_case(instansi, head, staff, admin, special)
    early = row["early_leave_minutes"]
    assert early >= 600 and row["late_minutes"] == 0
    expected = 10 + early // 300
    assert row["counted_days"] == expected
    assert f"counted {expected} days in 2025" in counted_note(accused.finding)
    assert "300 minutes a day" in counted_note(accused.finding)
    assert accused.finding["notes"] == row["finding"]["notes"]


def test_a_contract_employee_gets_the_agencys_non_asn_rule():
    # The built-in rule of the demo's fictional instansi (Perwal Sukamaju 13/2024) for NON_ASN.
    from tegak.law.inputs import AttendanceCounts, Offence, assess_input, assessment_input

    _instansi, _head, staff, _admin = make_office("kota-sukamaju", status="NON_ASN")
    door = assessment_input(
        staff,
        as_of=date(2025, 4, 1),
        offences=[
            Offence(
                provision="pp-94-2021:4:f",
                committed_on=date(2025, 3, 31),
                absence=AttendanceCounts(year=2025, unexcused_days=4),
            )
        ],
    )
    assert door.payload["employee"]["instansi"] == "kota-sukamaju"
    assert door.payload["employee"]["status"] == "NON_ASN"
    assert door.payload["employee"]["position"] == "pelaksana"
    assert door.payload["employee"]["chain"] == ["administrator"]
    finding = assess_input(door)
    assert finding["regulation"] == "Perwal Sukamaju 13/2024"
    assert finding["sanction"] == "teguran_tertulis"  # Pasal 9 ayat (1) huruf b: 4 to 6 days


def test_a_tkk_case_uses_the_agencys_rule(org_sukamaju_tkk):
    from tegak.cases import services

    instansi, staff, admin = org_sukamaju_tkk
    case = services.case_open_ex_officio(
        actor=admin,
        instansi=instansi,
        summary="Tidak masuk kerja",
        known_to_superior_on=date(2025, 4, 1),
        allegations=[
            {
                # Perwal Sukamaju 13/2024 Pasal 6 huruf a: the morning roll call (ringan).
                "employee": staff,
                "provision": "local:kota-sukamaju:non-asn-2024:6:a",
                "committed_on": date(2025, 3, 31),
            }
        ],
    )
    finding = case.accused.get().finding
    assert finding["regulation"] == "Perwal Sukamaju 13/2024"
    assert "pernyataan_tidak_puas" in finding["allowed_sanctions"]


def test_a_tkk_offence_of_2021_in_a_case_uses_the_rule_in_force_then(org_sukamaju_tkk):
    # The TikTok seed story's year: the demo agency's contract-staff rule of 2024 did not exist;
    # its predecessor, Perwal Sukamaju 8/2018 (fictional), governs, reached through the case.
    from tegak.cases import services

    instansi, staff, admin = org_sukamaju_tkk
    case = services.case_open_ex_officio(
        actor=admin,
        instansi=instansi,
        summary="Membuat video TikTok berjoget pada jam kerja",
        known_to_superior_on=date(2021, 9, 2),
        allegations=[
            {
                "employee": staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2021, 9, 1),
                "impact": "unit_kerja",  # PP 94/2021 Pasal 9: on the work unit, ringan
            }
        ],
    )
    finding = case.accused.get().finding
    assert finding["regulation"] == "Perwal Sukamaju 8/2018"
    assert "pernyataan_tidak_puas" in finding["allowed_sanctions"]


@pytest.fixture
def org_sukamaju_tkk():
    instansi, _head, staff, admin = make_office("kota-sukamaju", status="NON_ASN")
    RoleAssignment.objects.create(user=admin, role="intake_officer", instansi=instansi)
    return instansi, staff, admin


def test_a_case_and_the_report_use_the_rule_the_agency_stored():
    from tegak.cases import services as cases
    from tegak.law import services as law

    from .test_stored_configuration import TKK_RULE

    instansi, _head, staff, admin = make_office("kota-tiga", status="NON_ASN")
    RoleAssignment.objects.create(user=admin, role="intake_officer", instansi=instansi)
    version = law.rule_version_add(
        actor=admin,
        instansi=instansi,
        rule_id="tkk",
        content=TKK_RULE,
        in_force_from=date(2025, 1, 1),
    )
    case = cases.case_open_from_attendance(
        actor=admin,
        employee=staff,
        year=2025,
        counts={"unexcused_days": 1, "missed_roll_calls": 16},
        finding={},
    )
    finding = case.accused.get().finding
    assert finding["regulation"] == "Perwal Uji 7/2025"
    assert finding["sanction"] == "local:putus_kontrak"
    assert finding["instansi_rule_version"] == version.version_label
    report = attendance.finding_for(
        staff,
        {"unexcused_days": 1, "missed_roll_calls": 16},
        year=2025,
        committed_on=date(2025, 12, 31),
        as_of=date(2026, 1, 2),
    )
    assert report["sanction"] == finding["sanction"] == "local:putus_kontrak"

    # The version this open case's finding used cannot be corrected under it (#15); the way
    # forward is a new version from its effective date, and the stored finding keeps its version.
    with pytest.raises(InputError) as refused:
        law.rule_version_correct(
            actor=admin,
            version=version,
            content={**TKK_RULE, "citation": "Perwal Uji 7/2025 (diubah)"},
            in_force_until=None,
            basis=law.BasisInput(),
            reason="Salah ketik kutipan",
        )
    assert case.register_number in refused.value.message
    version.refresh_from_db()
    assert version.superseded_by_id is None
