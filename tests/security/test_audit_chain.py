"""#12 item 5: history cannot be rewritten or cut without the audit key.

The probe edited an event and recomputed every hash after it with the project's own functions
(`canonical_payload`, `chain_hash`): `tegak audit verify` passed. It then cut the tail together
with the chain-head row: it passed again. Each test below performs one of those attacks with the
access the probe had (the database, the source code, not the key held outside the database).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from tegak.audit.checkpoints import checkpoint_create, checkpoint_document, checkpoint_for_dossier
from tegak.audit.keys import head_mac
from tegak.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from tegak.audit.services import audit_record, canonical_payload, chain_hash
from tegak.audit.verify import verify_events
from tegak.core import signing

pytestmark = pytest.mark.django_db
TEGAK = Path(sys.executable).with_name("tegak")


def _write(count: int) -> None:
    for number in range(count):
        with transaction.atomic():
            audit_record(
                actor=None,
                action="test.event_recorded",
                target_type="case",
                target_id=str(number),
                data={"level": "ringan", "number": number},
            )


def _rehash_from(sequence: int) -> None:
    """What the probe did: recompute every hash from `sequence` on, and the head, in SQL."""
    previous = AuditEvent.objects.get(sequence=sequence - 1).hash if sequence > 1 else "0" * 64
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        payload = canonical_payload(
            sequence=event.sequence,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            instansi_code=event.instansi_code,
            target_type=event.target_type,
            target_id=event.target_id,
            data=event.data,
        )
        digest = chain_hash(previous, payload)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET previous_hash = %s, hash = %s WHERE id = %s",
                [previous, digest, event.pk],
            )
        previous = digest
    last = AuditEvent.objects.order_by("-sequence").first()
    AuditChainHead.objects.filter(id=1).update(last_sequence=last.sequence, last_hash=previous)


def _verify_command() -> tuple[int, str]:
    try:
        call_command("audit", "verify")
    except SystemExit as exit_info:
        return int(exit_info.code or 0), ""
    return 0, ""


def test_an_intact_keyed_chain_verifies():
    _write(4)
    report = verify_events()
    assert report.intact and report.events_checked == 4
    assert all(len(event.mac) == 64 for event in AuditEvent.objects.all())
    assert _verify_command()[0] == 0


def test_editing_an_event_and_rehashing_the_rest_is_detected(capsys):
    _write(5)
    AuditEvent.objects.filter(sequence=3).update(data={"level": "berat", "number": 2})
    _rehash_from(3)
    # The public SHA-256 chain is consistent again: the attack of the probe succeeded that far.
    events = list(AuditEvent.objects.order_by("sequence"))
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(events))
    report = verify_events()
    assert not report.intact
    assert report.broken_sequence == 3
    assert "MAC" in report.reason
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert "#3" in capsys.readouterr().err


def test_copying_a_mac_from_another_event_does_not_help():
    _write(3)
    first = AuditEvent.objects.get(sequence=1)
    AuditEvent.objects.filter(sequence=2).update(data={"level": "berat"})
    _rehash_from(2)
    AuditEvent.objects.filter(sequence=2).update(mac=first.mac, key_id=first.key_id)
    report = verify_events()
    assert not report.intact and report.broken_sequence == 2


def test_cutting_the_tail_and_rewinding_the_head_is_detected():
    _write(5)
    third = AuditEvent.objects.get(sequence=3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence > 3")
    # The head rewound to the new end, even with the MAC of the last remaining event copied in.
    AuditChainHead.objects.filter(id=1).update(last_sequence=3, last_hash=third.hash, mac=third.mac)
    report = verify_events()
    assert not report.intact
    assert "head" in report.reason
    assert _verify_command()[0] == 1


def test_cutting_the_tail_together_with_the_head_row_is_detected():
    _write(5)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence > 3")
        cursor.execute("DELETE FROM audit_auditchainhead")
    report = verify_events()
    assert not report.intact
    assert "head row is missing" in report.reason
    assert _verify_command()[0] == 1


def test_a_replayed_old_head_is_caught_by_a_signed_checkpoint(tmp_path, capsys):
    """An attacker who kept an old copy of the head row (a backup) restores it after cutting
    the tail, and deletes the stored checkpoints: the exported checkpoint still proves the cut."""
    _write(3)
    old_head = AuditChainHead.objects.values().get(id=1)
    _write(2)
    checkpoint = checkpoint_create()
    assert checkpoint.sequence == 5
    exported = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", "--out", str(exported))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence > 3")
    AuditChainHead.objects.filter(id=1).update(**old_head)
    # The stored checkpoint alone already detects it ...
    assert not verify_events().intact
    # ... and with the stored checkpoints gone too, the copy kept elsewhere does.
    AuditCheckpoint.objects.all().delete()
    assert verify_events().intact  # what the database alone can say
    report = verify_events(checkpoints=[json.loads(exported.read_text())])
    assert not report.intact and "tail was cut" in report.reason
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--checkpoint", str(exported))
    assert exit_info.value.code == 1
    assert "tail was cut" in capsys.readouterr().err


def test_a_rewrite_before_a_checkpoint_differs_from_it():
    _write(4)
    document = checkpoint_for_dossier()
    AuditCheckpoint.objects.all().delete()
    AuditEvent.objects.filter(sequence=2).update(data={"level": "berat"})
    _rehash_from(2)
    report = verify_events(checkpoints=[document])
    assert not report.intact


def test_a_forged_checkpoint_is_refused():
    _write(2)
    document = checkpoint_document(checkpoint_create())
    statement = json.loads(document["statement"])
    statement["sequence"] = 1
    document["statement"] = json.dumps(statement, sort_keys=True, separators=(",", ":"))
    report = verify_events(checkpoints=[document])
    assert not report.intact and "signature" in report.reason


def test_a_checkpoint_is_reused_until_the_head_moves():
    _write(2)
    first = checkpoint_create()
    assert checkpoint_create().pk == first.pk
    _write(1)
    second = checkpoint_create()
    assert second.pk != first.pk and second.sequence == 3


def test_key_rotation_is_recorded_and_old_events_still_check():
    _write(2)
    old_key = os.environ["TEGAK_AUDIT_KEYS"]
    new_key = "bmV3LWF1ZGl0LWtleS0zMi1ieXRlcy1sb25nLTAwMDAwMDAwMA=="
    with override_settings(AUDIT_KEYS=[new_key, old_key]):
        _write(1)
        rotation = AuditEvent.objects.get(sequence=3)
        assert rotation.action == "audit.key_rotated"
        assert rotation.data["previous_key_id"] != rotation.data["key_id"]
        assert AuditEvent.objects.get(sequence=4).key_id == rotation.key_id
        assert verify_events().intact
        _write(1)
        assert AuditEvent.objects.filter(action="audit.key_rotated").count() == 1
    with override_settings(AUDIT_KEYS=[new_key]):
        report = verify_events()
        assert not report.intact and "lacks" in report.reason


def test_head_mac_is_bound_to_its_purpose():
    _write(1)
    head = AuditChainHead.objects.get(id=1)
    event = AuditEvent.objects.get(sequence=1)
    assert head.mac != event.mac
    assert head.mac == head_mac(
        __import__("tegak.audit.keys", fromlist=["key_for"]).key_for(head.key_id), 1, event.hash
    )


def test_checkpoint_checked_offline_with_the_public_key_alone(tmp_path):
    _write(2)
    path = tmp_path / "checkpoints.jsonl"
    call_command("audit", "checkpoint")
    call_command("audit", "export", "--out", str(path))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEGAK_", "DJANGO_")) and key != "DATABASE_URL"
    }
    public = signing.public_key_text()
    ok = subprocess.run(
        [str(TEGAK), "audit", "check", str(path), "--public-key", public],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "OK: checkpoint" in ok.stdout and "#2" in ok.stdout
    other = signing.public_key_text(
        signing.parse_private_key(signing.generate_private_key_text()).public_key()
    )
    refused = subprocess.run(
        [str(TEGAK), "audit", "check", str(path), "--public-key", other],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1 and "INVALID" in refused.stderr


def test_the_portal_shows_the_latest_signed_checkpoint(client):
    _write(3)
    checkpoint = checkpoint_create()
    page = client.get(reverse("portal:integrity"))
    assert page.status_code == 200
    body = page.content.decode()
    assert checkpoint.hash in body and checkpoint.signature in body
    download = client.get(reverse("portal:integrity_checkpoint"))
    assert download.status_code == 200
    document = json.loads(download.content)
    assert json.loads(document["statement"])["sequence"] == 3
    assert signing.is_valid(document["statement"].encode(), document["signature"])
