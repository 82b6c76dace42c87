"""The timeline of a group case shows each event once, not once per accused: seven contract
staff alleged of one event read one allegation line; a summons run for three of them is one
line naming those three; a line about the whole group names nobody."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tegak.cases.group import group_step_take
from tests.cases.test_group_steps import SUMMONS, _accused, bekasi, group_case, seven

pytestmark = pytest.mark.django_db

__all__ = ["bekasi", "group_case", "seven"]


def _timeline_rows(client, case) -> list[str]:
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    section = page.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section.split("<tbody>", 1)[1], re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def test_each_event_of_a_group_case_is_one_line_naming_the_accused_it_concerns(
    group_case, staff, verified_client
):
    case = group_case()
    accused = _accused(case)
    group_step_take(
        actor=staff.examiner, case=case, step="summons_issue_1", accused=accused[:3], data=SUMMONS
    )
    rows = _timeline_rows(verified_client(staff.examiner), case)

    alleged = [row for row in rows if "Dugaan" in row]
    assert len(alleged) == 1, rows
    # The allegation concerns all seven: no names.
    assert "TKK" not in alleged[0]
    summonses = [row for row in rows if "Panggilan" in row]
    assert len(summonses) == 1, rows
    assert "mengenai TKK 1, TKK 2, TKK 3" in summonses[0]
    assert "TKK 4" not in summonses[0]
    # Dates read as a person reads them, in Indonesian, not ISO (the examination day in the
    # summons line; the day of the line itself).
    assert "Panggilan 1 diterbitkan untuk 3 September 2021" in summonses[0]
    assert summonses[0].startswith("2 September 2021")
    assert not any(re.search(r"\d{4}-\d\d-\d\d", row) for row in rows), rows


def test_a_case_of_one_accused_names_nobody_on_its_lines(group_case, seven, staff, verified_client):
    case = group_case(people=seven[:1])
    group_step_take(
        actor=staff.examiner,
        case=case,
        step="summons_issue_1",
        accused=_accused(case),
        data=SUMMONS,
    )
    rows = _timeline_rows(verified_client(staff.examiner), case)
    assert len(rows) == 2, rows
    assert not any("mengenai" in row for row in rows)
