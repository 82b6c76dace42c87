"""Steps the administration walks in Chromium share (#15): signing in, entering a week of hours,
the instansi's rule for contract staff with roll-call bands, the attendance machines' exports."""

from __future__ import annotations

from datetime import date

# Working days of January 2025 (1, 27, 28 and 29 January are national days off).
JANUARY_2025 = [
    date(2025, 1, day)
    for day in range(2, 32)
    if date(2025, 1, day).weekday() < 5 and day not in (27, 28, 29)
]


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_load_state()


def form_with(page, action: str):
    return page.locator(f"form:has(input[name=action][value={action}])")


def fill_week(page, hours: dict[str, tuple[str, str, str, str]]) -> None:
    """Start, end and the first break of each day on a schedule or Ramadan form."""
    for day, (start, end, break_start, break_end) in hours.items():
        page.fill(f"#id_{day}_start", start)
        page.fill(f"#id_{day}_end", end)
        page.fill(f"#id_{day}_break1_start", break_start)
        page.fill(f"#id_{day}_break1_end", break_end)


def check_moment(page, at: str) -> str:
    """Ask the schedules page whether a moment is inside working hours; its answer."""
    moment = form_with(page, "moment")
    moment.locator("[name=at]").fill(at)
    moment.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("#moment-answer").inner_text()


def fill_ramadan_2025(page, *, extra_break: tuple[str, str] | None = None) -> None:
    """From the schedule's page, open the Ramadan form and fill the hours a circular letter set
    for 1–30 March 2025 (Monday–Thursday 08:00–15:00, Friday 08:00–15:30) with its basis;
    `extra_break`: a second Monday break. The form is left unsent."""
    page.get_by_role("link", name="Tambah masa Ramadan").click()
    page.wait_for_load_state()
    page.fill("#id_start", "2025-03-01")
    page.fill("#id_end", "2025-03-30")
    ramadan = {day: ("08:00", "15:00", "12:00", "12:30") for day in ("mon", "tue", "wed", "thu")}
    ramadan["fri"] = ("08:00", "15:30", "11:30", "12:30")
    fill_week(page, ramadan)
    if extra_break:
        page.fill("#id_mon_break2_start", extra_break[0])
        page.fill("#id_mon_break2_end", extra_break[1])
    page.locator("summary", has_text="Dokumen dasar").click()
    page.fill("#id_basis_kind", "Surat Edaran Sekretaris Daerah")
    page.fill("#id_basis_number", "800/0412/BKPSDM")
    page.fill("#id_basis_date", "2025-02-25")


def invite(page, admin: str, username: str, full_name: str, role: str) -> str:
    """Invite a user with a role (its Indonesian label), linked to the employee of that name;
    the one-use link the page shows."""
    page.goto(admin + "/pengguna/undang/")
    page.fill("#id_username", username)
    page.fill("#id_full_name", full_name)
    page.get_by_label(role).check()
    option = page.locator("#id_employee option", has_text=full_name)
    page.select_option("#id_employee", option.get_attribute("value"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("#invitation-url").input_value()


def map_machine_user(page, base: str, machine_id: str, nip: str) -> None:
    """The attendance machines' user id of an employee, on the instansi's attendance page."""
    page.goto(base + "/kehadiran/")
    device = form_with(page, "device")
    device.locator("[name=device_user_id]").fill(machine_id)
    device.locator("[name=employee]").fill(nip)
    device.locator("button[type=submit]").click()
    page.wait_for_load_state()


def enter_tkk_rule(page, base: str, *, citation: str, in_force_from: str) -> None:
    """The instansi's rule for non-ASN staff: 3 days absent or 4 missed roll calls a teguran
    lisan, 12 days or 16 missed roll calls the contract ended (Perwal Kota Bekasi 42/2017 as
    reported, under the agency's own citation)."""
    page.goto(base + "/aturan/baru/")
    page.fill("#id_rule", "tkk")
    page.fill("#id_citation", citation)
    page.fill("#id_title", "Pembinaan Tenaga Kerja Kontrak")
    page.check("input[name=applies_to][value=NON_ASN]")
    page.fill("#id_in_force_from", in_force_from)
    page.select_option("#id_authority_ringan_role", "instansi_rule")
    page.fill("#id_authority_ringan_official", "kepala perangkat daerah")
    rows = {
        "sanctions-0": {"level": "ringan", "code": "teguran_lisan", "basis": "Pasal 9 huruf a"},
        "sanctions-1": {
            "level": "berat",
            "code": "local:putus_kontrak",
            "label_id": "pemutusan perjanjian kerja",
            "rank": "10",
            "basis": "Pasal 9 huruf c",
        },
        "attendance-0": {
            "min": "3", "max": "11", "level": "ringan", "sanction": "teguran_lisan",
            "basis": "Pasal 10 ayat (1)",
        },
        "attendance-1": {
            "min": "12", "level": "berat", "sanction": "local:putus_kontrak",
            "basis": "Pasal 10 ayat (2)",
        },
        "roll_call-0": {
            "min": "4", "max": "15", "level": "ringan", "sanction": "teguran_lisan",
            "basis": "Pasal 11 ayat (1)",
        },
        "roll_call-1": {
            "min": "16", "level": "berat", "sanction": "local:putus_kontrak",
            "basis": "Pasal 11 ayat (2)",
        },
    }  # fmt: skip
    for prefix, fields in rows.items():
        for name, value in fields.items():
            field = page.locator(f"[name={prefix}-{name}]")
            if name == "level":
                field.select_option(value)
            else:
                field.fill(value)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert citation in page.locator("main").inner_text()


def attlog(machine_id: str, rows: list[tuple[date, str]]) -> str:
    """The machine's attendance log as a ZKTeco machine writes it on a USB stick."""
    return "".join(f"{machine_id}\t{day.isoformat()} {at}:00\t1\t0\t0\t0\n" for day, at in rows)


def office_export(machine_id: str, days: list[date], absent: set[date]) -> str:
    """Arrival 07:25 and departure 16:05 on each day not absent."""
    rows: list[tuple[date, str]] = []
    for day in days:
        if day not in absent:
            rows += [(day, "07:25"), (day, "16:05")]
    return attlog(machine_id, rows)


def roll_call_export(machine_id: str, days: list[date], absent: set[date], late: set[date]) -> str:
    """The roll call machine: punched by 07:25 on time, at 07:45 after a 07:30 roll call."""
    rows = [(day, "07:45" if day in late else "07:25") for day in days if day not in absent]
    return attlog(machine_id, rows)


def import_checkins(page, live_url: str, instansi_name: str, path) -> None:
    """Upload the office machine's export on the attendance import page (the worker reads it)."""
    page.goto(live_url + "/staf/kehadiran/impor/")
    page.select_option("select[name=instansi]", label=instansi_name)
    page.set_input_files("input[name=checkins]", str(path))
    # Until the answer has replaced the page: a next step's goto could otherwise be overtaken
    # by this form's redirect still on its way (seen once under a loaded machine).
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def import_roll_call_export(page, live_url: str, instansi_code: str, path) -> str:
    """Upload the roll-call machine's export (a 07:30 roll call); the page's result text."""
    page.goto(live_url + f"/staf/kehadiran/apel/?instansi={instansi_code}")
    page.set_input_files("#device_export", str(path))
    page.fill("#roll_call_time", "07:30")
    with page.expect_navigation():
        page.locator("#device-import button[type=submit]").click()
    return page.locator("#device-result").inner_text()
