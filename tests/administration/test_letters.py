"""Issue 15: numbering patterns per unit and kind, and the letterhead per unit, set on the
administrator's pages (each change a service with its audit event)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.documents.context import letterhead
from tegak.documents.models import Letterhead, NumberingScheme
from tegak.documents.numbering import allocate_number

pytestmark = pytest.mark.django_db


def test_a_unit_numbers_a_kind_by_its_own_pattern(admin_client, instansi, administrator, org):
    url = reverse("administration:numbering", args=[instansi.code])
    response = admin_client.post(
        url,
        {
            "action": "set",
            "unit": org.sekwan.pk,
            "kind": "surat_panggilan_1",
            "pattern": "{classification}/{sequence:3}/{unit_code}/{month_roman}/{year}",
            "classification": "800.1.6",
            "unit_code": "SETWAN-PKA",
            "yearly": "on",
        },
    )
    assert response.status_code == 302
    scheme = NumberingScheme.objects.get(instansi=instansi, unit=org.sekwan)
    assert AuditEvent.objects.filter(action="documents.numbering_set").exists()
    page = admin_client.get(url).content.decode()
    assert "800.1.6/001/SETWAN-PKA/" in page  # the example number
    # A letter signed in a bidang under the sekretariat is numbered by the sekretariat's pattern.
    allocation = allocate_number(
        actor=administrator,
        instansi=instansi,
        kind="surat_panggilan_1",
        unit=org.sekwan,
        on=date(2025, 3, 4),
        subject_type="test",
        subject_id="1",
    )
    assert allocation.number == "800.1.6/001/SETWAN-PKA/III/2025"
    # Another unit keeps the built-in pattern.
    other = allocate_number(
        actor=administrator,
        instansi=instansi,
        kind="surat_panggilan_1",
        unit=org.top,
        on=date(2025, 3, 4),
        subject_type="test",
        subject_id="2",
    )
    assert "SETWAN-PKA" not in other.number
    admin_client.post(url, {"action": "remove", "scheme": scheme.pk})
    assert not NumberingScheme.objects.filter(pk=scheme.pk).exists()
    assert AuditEvent.objects.filter(action="documents.numbering_removed").exists()


def test_a_bad_pattern_is_refused_on_its_field_and_nothing_is_saved(admin_client, instansi, org):
    response = admin_client.post(
        reverse("administration:numbering", args=[instansi.code]),
        {
            "action": "set",
            "kind": "surat_panggilan_1",
            "pattern": "{classification}/{nomor}/{year}",
            "classification": "800",
            "yearly": "on",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "nomor" in errors["pattern"][0]
    assert not NumberingScheme.objects.exists()


def test_a_unit_has_its_own_letterhead_and_the_others_the_instansi_s(admin_client, instansi, org):
    url = reverse("administration:letterheads", args=[instansi.code])
    admin_client.post(
        url,
        {
            "action": "set",
            "government": "PEMERINTAH KOTA UJI",
            "address": "Jalan Veteran No. 7, Kota Uji 17111",
            "contact": "Telp. (021) 555-0101",
        },
    )
    admin_client.post(
        url,
        {
            "action": "set",
            "unit": org.sekwan.pk,
            "government": "PEMERINTAH KOTA UJI",
            "unit_line": "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH",
            "address": "Jalan Ahmad Yani No. 1, Kota Uji",
            "contact": "setwan@kotauji.go.id",
        },
    )
    assert Letterhead.objects.filter(instansi=instansi).count() == 2
    assert AuditEvent.objects.filter(action="documents.letterhead_set").count() == 2
    own = letterhead(instansi, org.sekwan)
    assert own["unit"] == "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH"
    assert own["address"] == "Jalan Ahmad Yani No. 1, Kota Uji setwan@kotauji.go.id"
    whole = letterhead(instansi, org.top)
    assert whole["government"] == "PEMERINTAH KOTA UJI"
    assert whole["address"] == "Jalan Veteran No. 7, Kota Uji 17111 Telp. (021) 555-0101"
    page = admin_client.get(url).content.decode()
    assert "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH" in page


def test_a_letterhead_without_the_government_line_is_refused(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:letterheads", args=[instansi.code]),
        {"action": "set", "government": "   "},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["government"]
    assert not Letterhead.objects.exists()


@pytest.mark.parametrize("name", ["numbering", "letterheads"])
def test_other_instansi_get_404(verified_client, instansi, outsider, name):
    client = verified_client(outsider)
    url = reverse(f"administration:{name}", args=[instansi.code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "set", "government": "X", "kind": "x"}).status_code == 404
    assert not Letterhead.objects.exists() and not NumberingScheme.objects.exists()
