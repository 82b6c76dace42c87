"""The case page lists, for staff, the capacity in which each step was taken (ADR 0060, 0070):
who acted, as what, and on which legal basis; the public register shows none of it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tegak.portal.services import register_refresh
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db


def capacity_rows(html: str) -> list[str]:
    section = html.split('data-testid="step-capacities"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr data-testid="capacity-row"(.*?)</tr>', section, re.S)
    return [re.sub(r"<[^>]+>", " ", row) for row in rows]


def test_the_case_page_shows_who_acted_as_what_on_which_basis(open_case, staff, verified_client):
    case = open_case()
    run_to_final(case, staff)
    html = verified_client(staff.official).get(reverse("cases:detail", args=[case.pk]))
    rows = capacity_rows(html.content.decode())
    by_step = {row.split('data-capacity-step="', 1)[1].split('"', 1)[0]: row for row in rows}
    # The direct superior summoned and examined as such, under Pasal 26-27.
    summons = by_step["summons_issue_1"]
    assert "Kabag Uji" in summons and "Atasan langsung" in summons
    assert "PP 94/2021 Pasal 26-27, 29" in summons and "6 Oktober 2026" in summons
    # The Sekwan decided as the superior of the direct superior, on the engine's basis.
    decision = by_step["decision_take"]
    assert "Sekwan Uji" in decision and "Atasan dari atasan langsung" in decision
    assert "PP 94/2021 Pasal" in decision and "16 Oktober 2026" in decision
    # Delivery by the official who decided, Pasal 37(2).
    delivery = by_step["decision_deliver"]
    assert "Sekwan Uji" in delivery and "PP 94/2021 Pasal 37 ayat (2)" in delivery
    assert "Staf Uji" in delivery  # the accused the step was for


def test_the_public_register_does_not_list_capacities(open_case, staff, verified_client):
    case = open_case()
    run_to_final(case, staff)
    register_refresh()
    public = verified_client(staff.official).get(reverse("portal:register")).content.decode()
    assert "step-capacities" not in public and "Kabag Uji" not in public
