"""Roll calls from a fingerprint machine's export (#15): the attlog of a ZKTeco-type machine or a
CSV export, read through the machine-ID map; bad rows named, nothing half-recorded."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tegak.attendance.models import DeviceUser, RollCall
from tegak.attendance.roll_call_devices import roll_call_device_import
from tegak.attendance.roll_calls import missed_roll_calls
from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError

from ..conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = date(2025, 2, 10)

# As the machine writes it on a USB stick: right-aligned id, moment, verify, state, work code.
ATTLOG = (
    "        1\t2025-02-03 07:10:02\t1\t0\t0\t0\n"
    "        2\t2025-02-03 07:25:40\t1\t0\t0\t0\n"
    "        3\t2025-02-03 07:45:13\t1\t0\t0\t0\n"
    "        3\t2025-02-03 16:05:13\t1\t1\t0\t0\n"
    "        1\t2025-02-04 07:01:00\t1\t0\t0\t0\n"
    "        2\t2025-02-04 07:20:00\t1\t0\t0\t0\n"
    "        3\t2025-02-04 07:29:59\t1\t0\t0\t0\n"
    "        4\t2025-02-04 07:15:00\t1\t0\t0\t0\n"
    "        4\t2025-02-08 08:00:00\t1\t0\t0\t0\n"  # Saturday: no roll call for a 5-day unit
)


@pytest.fixture
def mapped(office):
    people = [office.head, *office.staff]
    for number, employee in enumerate(people, start=1):
        DeviceUser.objects.create(
            instansi=office.instansi, device_user_id=str(number), employee=employee
        )
    return people


@pytest.fixture
def admin(office):
    return make_user("admin-apel", office.instansi, "administrator")


def test_the_machines_attlog_records_each_roll_call_day(office, mapped, admin):
    _head, first, second, third = mapped
    result = roll_call_device_import(
        actor=admin,
        instansi=office.instansi,
        content=ATTLOG.encode(),
        roll_call_time=time(7, 30),
        today=TODAY,
    )
    assert result["days"] == [date(2025, 2, 3), date(2025, 2, 4), date(2025, 2, 8)]
    records = {(record.employee_id, record.day): record for record in RollCall.objects.all()}
    # Monday: the third punched at 07:45, after the roll call; the fourth not at all.
    assert records[(first.pk, date(2025, 2, 3))].present
    assert not records[(second.pk, date(2025, 2, 3))].present
    assert records[(second.pk, date(2025, 2, 3))].note == "pindaian pertama 07:45"
    assert not records[(third.pk, date(2025, 2, 3))].present
    assert records[(third.pk, date(2025, 2, 3))].note == "tidak ada pindaian di mesin"
    # Tuesday: everyone at or before 07:30 (07:29:59 counts).
    assert all(records[(person.pk, date(2025, 2, 4))].present for person in mapped)
    # Saturday is not a working day of the unit: nobody is recorded.
    assert not RollCall.objects.filter(day=date(2025, 2, 8)).exists()
    assert missed_roll_calls(office.instansi, 2025) == {second.pk: 1, third.pk: 1}
    event = AuditEvent.objects.get(action="attendance.roll_calls_imported")
    assert event.data["source"] == "device" and event.data["rows"] == 8

    again = roll_call_device_import(
        actor=admin,
        instansi=office.instansi,
        content=ATTLOG.encode(),
        roll_call_time=time(7, 30),
        today=TODAY,
    )
    assert (again["created"], RollCall.objects.count()) == (0, 8)


def test_a_csv_export_with_date_and_time_apart_is_read(office, mapped, admin):
    export = (
        "No.;Nama;Tanggal;Jam;Status\n"
        "1;Budi;03/02/2025;07:05;C/In\n"
        "2;Staf 1;03/02/2025;07:40;C/In\n"
    )
    roll_call_device_import(
        actor=admin,
        instansi=office.instansi,
        content=export.encode(),
        roll_call_time=time(7, 30),
        today=TODAY,
    )
    present = dict(RollCall.objects.values_list("employee__nip", "present"))
    assert present == {
        mapped[0].nip: True,
        mapped[1].nip: False,
        mapped[2].nip: False,
        mapped[3].nip: False,
    }


def test_bad_rows_are_named_and_nothing_is_recorded(office, mapped, admin):
    export = (
        "        1\t2025-02-03 07:10:02\t1\t0\t0\n"
        "       99\t2025-02-03 07:11:00\t1\t0\t0\n"
        "        2\t2025-02-31 07:12:00\t1\t0\t0\n"
        "        3\t2025-02-03 07:13:00\t1\tX\t0\n"
        "        4\t2025-03-03 07:13:00\t1\t0\t0\n"
    )
    with pytest.raises(InputError) as refused:
        roll_call_device_import(
            actor=admin,
            instansi=office.instansi,
            content=export.encode(),
            roll_call_time=time(7, 30),
            today=TODAY,
        )
    assert refused.value.message == ("4 baris ekspor tidak dapat dibaca; tidak ada yang dicatat.")
    by_line = {item["line"]: item for item in refused.value.details}
    assert sorted(by_line) == [2, 3, 4, 5]
    assert "99 tidak ada di peta ID mesin" in by_line[2]["message"]
    assert "bukan tanggal dan waktu" in by_line[3]["message"]
    assert by_line[4]["field"] == "status" and "Status x tidak dikenal" in by_line[4]["message"]
    assert "akan datang" in by_line[5]["message"]
    assert not RollCall.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.roll_calls_imported").exists()


def test_on_the_page_an_export_for_one_unit_is_recorded_and_a_bad_one_explained(
    verified_client, office, mapped, admin
):
    client = verified_client(admin)
    url = reverse("attendance:roll_call") + f"?instansi={office.instansi.code}"
    bad = "id;waktu\n1;2025-02-03 07:10\n77;2025-02-03 07:10\n"
    response = client.post(
        url,
        {
            "source": "device",
            "instansi": office.instansi.code,
            "roll_call_time": "07:30",
            "unit": str(office.unit.pk),
            "device_export": SimpleUploadedFile("apel.csv", bad.encode()),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "1 baris ekspor tidak dapat dibaca" in page
    assert "77 tidak ada di peta ID mesin" in page
    assert not RollCall.objects.exists()

    response = client.post(
        url,
        {
            "source": "device",
            "instansi": office.instansi.code,
            "roll_call_time": "07:30",
            "unit": str(office.unit.pk),
            "device_export": SimpleUploadedFile("1_attlog.dat", ATTLOG.encode()),
        },
    )
    assert response.status_code == 200
    assert "8 catatan (6 hadir, 2 tidak hadir)" in response.content.decode()
    assert RollCall.objects.filter(source="device").count() == 8
