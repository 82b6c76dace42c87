"""On the open page each ticked accused with no registry post on the offence day gets their own
stated-post fields, checked for that person (#13: one post typed once was given to everyone, so
two contract staff of different units could not be entered truly)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.models import Case, StatedPost
from tests.cases.test_open_group import contract_staff  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

TYPED = {
    "provision": "pp-94-2021:3:f",
    "committed_on": "2021-09-02",
    "impact": "unit_kerja",
    "known_to_superior_on": "2021-09-03",
    "summary": "Video TikTok",
}


def field(person, name):
    return f"post_{person.pk}_{name}"


def test_each_accused_states_their_own_post_and_is_checked_alone(
    org,
    staff,
    contract_staff,  # noqa: F811
    verified_client,
    today,
):
    client = verified_client(staff.intake)
    url = reverse("cases:open")
    first, second = contract_staff[:2]
    ids = [first.pk, second.pk]
    # Without posts: each of them gets their own fields, and the refusal is on their own field.
    refused = client.post(url, {**TYPED, "accused": ids, "do": "open"})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert body.count('data-testid="person-post"') == 2
    form = refused.context["form"]
    assert "Kontrak 1" in str(form.errors[field(first, "kind")])
    assert "Kontrak 2" in str(form.errors[field(second, "kind")])
    events = AuditEvent.objects.count()
    # The second's post lacks its source: refused on the second's field only, nothing saved.
    own = {
        field(first, "kind"): "pelaksana",
        field(first, "name"): "Pramu Kantor",
        field(first, "unit"): org.units.umum.pk,
        field(first, "source"): "Kontrak kerja 2021 No. 1",
        field(second, "kind"): "pelaksana",
        field(second, "name"): "Pengemudi",
        field(second, "superior"): org.sekwan.pk,
    }
    refused = client.post(url, {**TYPED, **own, "accused": ids, "do": "open"})
    form = refused.context["form"]
    assert refused.status_code == 400
    assert "Kontrak 2" in str(form.errors[field(second, "source")])
    assert field(first, "source") not in form.errors and field(first, "kind") not in form.errors
    assert not Case.objects.exists() and AuditEvent.objects.count() == events
    assert 'value="Pramu Kantor"' in refused.content.decode()  # what was typed is kept
    # Both complete: two different posts, one for each.
    own[field(second, "source")] = "Kontrak kerja 2021 No. 2"
    opened = client.post(url, {**TYPED, **own, "accused": ids, "do": "open"})
    assert opened.status_code == 302
    posts = {item.employee_id: item for item in StatedPost.objects.all()}
    assert (
        posts[first.pk].position_name == "Pramu Kantor" and posts[first.pk].unit == org.units.umum
    )
    assert posts[second.pk].position_name == "Pengemudi"
    assert posts[second.pk].superior == org.sekwan and posts[second.pk].unit is None
    assert posts[second.pk].source == "Kontrak kerja 2021 No. 2"
