"""Seed walk (h3, F11): the TikTok case page repeated the whole "Finding of the rules engine"
block for each of the seven TKK (9,400 px high). Accused with the same finding read it once,
with their names; the others point to it. Each accused keeps their own steps and attendance."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tegak.cases.models import Accused
from tests.cases.test_group_steps import _accused, bekasi, group_case, seven

pytestmark = pytest.mark.django_db

__all__ = ["bekasi", "group_case", "seven"]


def _page(client, case) -> str:
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_seven_with_the_same_finding_read_it_once_with_their_names(
    group_case, staff, verified_client
):
    case = group_case()
    page = _page(verified_client(staff.examiner), case)
    assert page.count('data-testid="recommended-sanction"') == 1
    shared = re.search(r'data-testid="finding-shared">(.*?)</p>', page, re.S)
    assert shared is not None
    assert shared.group(1) == "Sama untuk: " + ", ".join(f"TKK {n}" for n in range(1, 8))
    assert page.count('data-testid="finding-same-as"') == 6
    first = _accused(case)[0]
    assert page.count(f'href="#finding-{first.pk}"') == 6 and f'id="finding-{first.pk}"' in page
    assert "Sama seperti untuk TKK 1" in page
    # Each accused still has their own section, stage and attendance.
    assert page.count('data-testid="stage"') == 7


def test_an_accused_with_another_finding_reads_their_own(group_case, staff, verified_client):
    case = group_case()
    people = _accused(case)
    other = people[6]
    finding = dict(other.finding)
    finding["level"] = "sedang" if finding.get("level") != "sedang" else "berat"
    Accused.objects.filter(pk=other.pk).update(finding=finding)
    page = _page(verified_client(staff.examiner), case)
    assert page.count('data-testid="recommended-sanction"') == 2
    shared = re.search(r'data-testid="finding-shared">(.*?)</p>', page, re.S)
    assert shared is not None and "TKK 7" not in shared.group(1)
    assert shared.group(1).endswith("TKK 6")
    assert page.count('data-testid="finding-same-as"') == 5
    assert f'id="finding-{other.pk}"' in page


def test_a_case_of_one_accused_names_nobody(group_case, seven, staff, verified_client):
    case = group_case(people=seven[:1])
    page = _page(verified_client(staff.examiner), case)
    assert page.count('data-testid="recommended-sanction"') == 1
    assert 'data-testid="finding-shared"' not in page
    assert 'data-testid="finding-same-as"' not in page
