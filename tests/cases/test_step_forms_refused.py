"""A role that may not take a step gets no form for it: oversight and the auditor (read-only
roles of the demo) opened the step pages (GET showed the form, only the POST was refused). The
page and the post now share one rule (`workflow.check_actor`): 403 for both."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.core.access import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

STEP_PAGES = [
    ("hearings:step", "summons_issue_1"),
    ("hearings:step", "examination_hold"),
    ("decisions:step", "decision_take"),
]


@pytest.fixture
def watchers(instansi):
    return [
        make_user("pengawas-uji", instansi, Role.OVERSIGHT),
        make_user("auditor-uji", instansi, Role.AUDITOR),
    ]


@pytest.mark.parametrize(("name", "step"), STEP_PAGES)
def test_oversight_and_the_auditor_get_no_step_form(
    open_case, watchers, verified_client, name, step
):
    case = open_case()
    accused = case.accused.get()
    url = reverse(name, args=[case.pk, accused.pk, step])
    for user in watchers:
        client = verified_client(user)
        # The case itself stays open to them (they oversee it) …
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
        # … but not the form of a step they may not take, nor its post.
        shown = client.get(url)
        assert shown.status_code == 403, (user.username, step)
        assert b'name="authority_reason"' not in shown.content
        posted = client.post(url, {"place": "Ruang rapat"})
        assert posted.status_code == 403, (user.username, step)
        client.logout()
    assert not accused.summonses.exists()


def test_the_assigned_examiner_still_gets_the_summons_form(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    client = verified_client(staff.examiner)
    page = client.get(reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"]))
    assert page.status_code == 200 and b'name="examination_on"' in page.content


def test_the_joint_session_and_group_step_pages_refuse_oversight(
    open_case, watchers, verified_client
):
    case = open_case()
    for user in watchers:
        client = verified_client(user)
        assert client.get(reverse("hearings:session_new", args=[case.pk])).status_code == 403
        group = reverse("cases:group_step", args=[case.pk, "summons_issue_1"])
        assert client.get(group).status_code == 403
        client.logout()
