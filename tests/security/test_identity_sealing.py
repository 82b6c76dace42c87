"""#12 (sealed identities per instansi): one instansi's key opens nothing of another's.

Before: every reporter identity of every instansi was sealed under one master key
(`settings.IDENTITY_KEYS[0]`), so the key the template attack printed opened them all. Now each
instansi has its own data key, stored only wrapped under the master key held outside the database.
"""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.core.management import call_command

from tegak.audit.models import AuditEvent
from tegak.intake import sealing, services
from tegak.intake.models import IdentityDataKey, Report
from tegak.intake.services import ReportInput
from tegak.people.models import Instansi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192


def _confidential(instansi: Instansi, name: str) -> Report:
    data = ReportInput(
        summary="Pungutan liar di loket",
        description="Petugas loket meminta uang tambahan untuk mempercepat surat.",
        occurred_on=date(2026, 3, 2),
        occurred_time=time(10, 0),
        occurred_timezone="WIB",
        location="Loket pelayanan",
        accused_text="Petugas loket",
        reporter_mode="confidential",
        identity={"name": name, "phone": "081234567890"},
    )
    report, _ = services.report_submit(instansi=instansi, data=data, client_key=name)
    return report


@pytest.fixture
def two(instansi):
    other = Instansi.objects.create(
        code="kab-lain", name="Pemerintah Kabupaten Lain", level="kabupaten_kota", time_zone="WITA"
    )
    return _confidential(instansi, "Andi Wijaya"), _confidential(other, "Sari Dewi")


def _raw_data_key(instansi: Instansi) -> bytes:
    """What a leak of one instansi's key gives an attacker: its unwrapped data key."""
    row = IdentityDataKey.objects.get(instansi=instansi, retired=False)
    from django.conf import settings

    return MultiFernet([Fernet(k) for k in settings.IDENTITY_KEYS]).decrypt(row.wrapped.encode())


def test_each_instansi_seals_under_its_own_key(two):
    ours, theirs = two
    assert ours.identity_sealed.startswith("tk2.") and "Andi" not in ours.identity_sealed
    keys = IdentityDataKey.objects.all()
    assert keys.count() == 2
    assert len({row.instansi_id for row in keys}) == 2
    assert ours.identity_sealed.split(".")[1] != theirs.identity_sealed.split(".")[1]
    assert sealing.unseal(ours.identity_sealed, instansi=ours.instansi)["name"] == "Andi Wijaya"


def test_one_instansis_key_opens_nothing_of_another(two):
    ours, theirs = two
    leaked = Fernet(_raw_data_key(ours.instansi))
    body = theirs.identity_sealed.split(".", 2)[2]
    with pytest.raises(InvalidToken):
        leaked.decrypt(body.encode())
    # Nor does the master key alone open a token: it only unwraps data keys.
    from django.conf import settings

    with pytest.raises(InvalidToken):
        Fernet(settings.IDENTITY_KEYS[0]).decrypt(body.encode())


def test_a_token_moved_to_another_instansis_report_does_not_open(two):
    ours, theirs = two
    Report.objects.filter(pk=ours.pk).update(identity_sealed=theirs.identity_sealed)
    ours.refresh_from_db()
    with pytest.raises(sealing.SealError):
        sealing.unseal(ours.identity_sealed, instansi=ours.instansi)
    # Even with the key id rewritten to our own key, their token does not open with our key.
    our_id = IdentityDataKey.objects.get(instansi=ours.instansi).key_id
    forged = ".".join(["tk2", our_id, theirs.identity_sealed.split(".", 2)[2]])
    with pytest.raises(sealing.SealError):
        sealing.unseal(forged, instansi=ours.instansi)


def test_the_database_alone_opens_nothing(two, settings):
    ours, _theirs = two
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]  # an attacker without the master
    with pytest.raises(sealing.SealError):
        sealing.unseal(ours.identity_sealed, instansi=ours.instansi)


def test_rotation_rewraps_reseals_and_is_audited_per_instansi(two, settings):
    ours, theirs = two
    old = settings.IDENTITY_KEYS[0]
    old_ids = set(IdentityDataKey.objects.values_list("key_id", flat=True))
    new = Fernet.generate_key().decode()
    settings.IDENTITY_KEYS = [new, old]
    call_command("rotate_identity_keys", stdout=io.StringIO())
    settings.IDENTITY_KEYS = [new]  # the old master key can now be dropped
    for report, name in ((ours, "Andi Wijaya"), (theirs, "Sari Dewi")):
        report.refresh_from_db()
        assert sealing.unseal(report.identity_sealed, instansi=report.instansi)["name"] == name
    assert not old_ids & set(IdentityDataKey.objects.values_list("key_id", flat=True))
    assert IdentityDataKey.objects.count() == 2
    per_instansi = AuditEvent.objects.filter(action="intake.identity_data_key_rotated")
    assert sorted(per_instansi.values_list("instansi_code", flat=True)) == ["kab-lain", "kota-uji"]
    total = AuditEvent.objects.get(action="intake.identity_keys_rotated")
    assert total.data == {"reports": 2, "data_keys_rewrapped": 2}


def test_identities_sealed_before_are_migrated_per_instansi(two, settings):
    ours, theirs = two
    master = MultiFernet([Fernet(k) for k in settings.IDENTITY_KEYS])
    legacy = master.encrypt(b'{"name": "Lama"}').decode()  # how main sealed identities
    Report.objects.filter(pk=theirs.pk).update(identity_sealed=legacy)
    IdentityDataKey.objects.filter(instansi=theirs.instansi).delete()
    migration = __import__(
        "tegak.intake.migrations.0003_identity_data_keys", fromlist=["seal_per_instansi"]
    )
    migration.seal_per_instansi(apps, None)
    theirs.refresh_from_db()
    assert theirs.identity_sealed.startswith("tk2.")
    assert sealing.unseal(theirs.identity_sealed, instansi=theirs.instansi) == {"name": "Lama"}
    assert sealing.unseal(ours.identity_sealed, instansi=ours.instansi)["name"] == "Andi Wijaya"
    # The legacy form is refused from now on (the master key alone must open nothing).
    with pytest.raises(sealing.SealError):
        sealing.unseal(legacy, instansi=theirs.instansi)
