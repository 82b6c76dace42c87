"""The administration fetches one row of an instansi through `<thing>_for(actor, instansi, id)`
(issue #18): a row of another instansi, reached through the administrator's own instansi, and
a malformed id answer 404 and change nothing — never a traceback."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.law.models import RuleVersion
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_version(instansi, administrator):
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
    )
    return RuleVersion.objects.filter(instansi=instansi).first()


def test_a_malformed_version_id_answers_404_not_an_error(verified_client, administrator, instansi):
    client = verified_client(administrator)
    url = reverse("administration:rule_new", args=[instansi.code])
    assert client.get(url, {"from": "abc"}).status_code == 404
    assert (
        client.post(
            reverse("administration:rules", args=[instansi.code]), {"action": "verify", "item": "x"}
        ).status_code
        == 404
    )


def test_another_instansi_version_is_not_found_through_ones_own_instansi(
    verified_client, outsider, our_version
):
    other = outsider.roles.first().instansi
    client = verified_client(outsider)
    events = AuditEvent.objects.count()
    url = reverse("administration:rule_new", args=[other.code])
    assert client.get(url, {"from": our_version.pk}).status_code == 404
    verify = client.post(
        reverse("administration:rules", args=[other.code]),
        {"action": "verify", "item": our_version.pk},
    )
    assert verify.status_code == 404
    our_version.refresh_from_db()
    assert our_version.verified_at is None
    assert AuditEvent.objects.count() == events
