"""The administrator's attendance settings page (#15): the machine-ID map of the fingerprint
machines and flexible-work grants, each change a service with its audit event; bad input refused
on its field or row with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tegak.attendance import selectors
from tegak.attendance.models import DeviceUser, FlexibleWorkGrant
from tegak.attendance.services import attendance_import
from tegak.audit.models import AuditEvent
from tegak.people.models import PositionAssignment

pytestmark = pytest.mark.django_db


def url(instansi) -> str:
    return reverse("administration:attendance", args=[instansi.code])


def test_a_machine_user_id_is_mapped_and_an_unknown_nip_is_refused(admin_client, instansi, org):
    response = admin_client.post(
        url(instansi), {"action": "device", "device_user_id": "17", "employee": "999"}
    )
    assert response.status_code == 400
    assert "Tidak ada pegawai instansi ini dengan NIP 999" in response.content.decode()
    assert not DeviceUser.objects.exists()

    response = admin_client.post(
        url(instansi), {"action": "device", "device_user_id": "17", "employee": org.tkk.nip}
    )
    assert response.status_code == 302
    item = DeviceUser.objects.get()
    assert (item.device_user_id, item.employee) == ("17", org.tkk)
    event = AuditEvent.objects.get(action="attendance.device_user_set")
    assert event.data == {"employee_id": org.tkk.pk, "previous_employee_id": None}
    page = admin_client.get(url(instansi)).content.decode()
    assert "Tenaga Kontrak Uji" in page and "<code>17</code>" in page

    admin_client.post(url(instansi), {"action": "device_remove", "item": item.pk})
    assert not DeviceUser.objects.exists()
    assert AuditEvent.objects.filter(action="attendance.device_user_removed").exists()


def test_a_map_file_with_a_bad_row_names_it_and_saves_nothing(admin_client, instansi, org):
    bad = (
        "device_user_id,nip\n"
        f"1,{org.sekwan_head.nip}\n"
        "2,199999999999999999\n"
        f"1,{org.tkk.nip}\n"
        f",{org.tkk.nip}\n"
    )
    response = admin_client.post(
        url(instansi),
        {"action": "map", "file": SimpleUploadedFile("peta.csv", bad.encode())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "3 baris peta tidak dapat dibaca; tidak ada yang disimpan." in page
    assert "Tidak ada pegawai instansi ini dengan NIP 199999999999999999" in page
    assert "ID pengguna mesin ini sudah ada di baris 2" in page
    assert "Isi ID pengguna mesin" in page
    assert not DeviceUser.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.device_map_imported").exists()

    good = f"id_mesin;nip\n1;{org.sekwan_head.nip}\n2;{org.tkk.nip}\n"
    response = admin_client.post(
        url(instansi),
        {"action": "map", "file": SimpleUploadedFile("peta.csv", good.encode())},
        follow=True,
    )
    assert "Peta dimuat: 2 baru, 0 diubah." in response.content.decode()
    assert dict(DeviceUser.objects.values_list("device_user_id", "employee__nip")) == {
        "1": org.sekwan_head.nip,
        "2": org.tkk.nip,
    }


def test_flexible_location_for_a_unit_excuses_its_members_absence(admin_client, instansi, org):
    PositionAssignment.objects.create(
        employee=org.tkk, position=org.staff_post, start=date(2024, 1, 1)
    )
    # Present Monday and Wednesday, no check-in on Tuesday 4 February 2025.
    lines = [
        f"{org.tkk.nip},2025-02-0{day} {time}" for day in (3, 5) for time in ("07:25", "16:05")
    ]
    attendance_import(
        actor="test",
        instansi=instansi,
        checkins=("nip,timestamp\n" + "\n".join(lines) + "\n").encode(),
        today=date(2025, 2, 6),
    )

    def unexcused() -> int:
        frame = selectors.yearly_counts(instansi, 2025, today=date(2025, 2, 6)).frame
        return {row["nip"]: row["unexcused_days"] for row in frame.iter_rows(named=True)}[
            org.tkk.nip
        ]

    assert unexcused() == 1
    response = admin_client.post(
        url(instansi),
        {
            "action": "flexible",
            "kind": "location",
            "unit": org.sekwan.pk,
            "start": "2025-02-01",
            "end": "2025-02-28",
            "weekdays": ["2"],
            "source_decree": "Keputusan Sekretaris Daerah 800/12/2025",
        },
    )
    assert response.status_code == 302
    grant = FlexibleWorkGrant.objects.get()
    assert (grant.unit, grant.weekdays) == (org.sekwan, "2")
    assert unexcused() == 0
    page = admin_client.get(url(instansi)).content.decode()
    assert "Keputusan Sekretaris Daerah 800/12/2025" in page

    response = admin_client.post(
        url(instansi), {"action": "revoke", "grant": grant.pk, "reason": ""}
    )
    assert response.status_code == 400
    assert FlexibleWorkGrant.objects.exists()
    admin_client.post(
        url(instansi), {"action": "revoke", "grant": grant.pk, "reason": "dimasukkan keliru"}
    )
    assert not FlexibleWorkGrant.objects.exists()
    assert unexcused() == 1
    assert AuditEvent.objects.get(action="attendance.flexible_work_revoked").data["reason"] == (
        "dimasukkan keliru"
    )


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        pytest.param(
            {"end": "2025-01-01"}, "Hari terakhir sebelum hari pertama", id="end-before-start"
        ),
        pytest.param(
            {"unit": ""}, "Isi satu pegawai atau satu unit", id="neither-employee-nor-unit"
        ),
        pytest.param({"employee": "TKK-0001"}, "Isi satu pegawai atau satu unit", id="both"),
        pytest.param({"source_decree": ""}, "wajib diisi", id="no-decree"),
    ],
)
def test_a_bad_grant_is_refused_on_its_field_and_nothing_is_saved(
    admin_client, instansi, org, change, field_message
):
    data = {
        "action": "flexible",
        "kind": "time",
        "unit": org.sekwan.pk,
        "start": "2025-02-01",
        "end": "2025-02-28",
        "source_decree": "KEP 1/2025",
        **change,
    }
    response = admin_client.post(url(instansi), data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not FlexibleWorkGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.flexible_work_granted").exists()


def test_another_instansi_administrator_gets_404_and_changes_nothing(
    client, verified_client, outsider, instansi, org
):
    other = verified_client(outsider)
    assert other.get(url(instansi)).status_code == 404
    response = other.post(
        url(instansi), {"action": "device", "device_user_id": "5", "employee": org.tkk.nip}
    )
    assert response.status_code == 404
    assert not DeviceUser.objects.exists()
