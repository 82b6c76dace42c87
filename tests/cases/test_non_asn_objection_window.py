"""A sanction on non-ASN contract staff (TKK) is not given PP 79/2021's objection window or PP 94's
day-15 effect (docs/legal-questions.md J1): those are for ASN. The TikTok seed story's seven TKK,
decided and handed their "pernyataan tidak puas" on 6 September 2021, get no objection clock, the
case page says the objection follows the instansi's rule, and the matter may be closed as final
from receipt (a civil servant keeps PP 79/2021's window: tests/cases/test_flow.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.cases.group import group_step_take
from tegak.cases.models import Clock, Stage
from tests.cases.test_group_steps import (  # noqa: F401 (fixtures)
    _accused,
    _delivered,
    bekasi,
    group_case,
    seven,
)

pytestmark = pytest.mark.django_db


def test_the_seven_tkk_get_no_pp79_window_and_may_be_closed_as_final_on_receipt(
    group_case,  # noqa: F811 (the fixture imported above)
    staff,
    time_machine,
    verified_client,
):
    case = _delivered(group_case, staff, time_machine)
    for item in _accused(case):
        delivery = item.decision.delivery
        assert delivery.window_closes_on is None and delivery.effective_on is None
    names = set(Clock.objects.filter(case=case).values_list("name", flat=True))
    assert not {"objection_due", "appeal_due", "takes_effect"} & names, names

    page = verified_client(staff.official).get(reverse("cases:detail", args=[case.pk]))
    text = page.content.decode()
    assert "Perwal Kota Bekasi 42/2017" in text
    windows = re.findall(r'data-testid="window">([^<]*)<', text)
    assert len(windows) == 7
    for window in windows:
        # Not PP 79's 14 working days from 6 September 2021 (24 September).
        assert "PP 79/2021 berlaku bagi ASN" in window and "2021-09-24" not in window
    assert "Menurut aturan instansi (PP 94/2021 Pasal 38 berlaku bagi PNS)" in text

    group_step_take(
        actor=staff.official,
        case=case,
        step="accused_finalise",
        accused=_accused(case),
        data={"on": date(2021, 9, 6)},
    )
    assert {item.stage for item in _accused(case)} == {Stage.FINAL}
    case.refresh_from_db()
    assert case.status == "final" and case.closed_on == date(2021, 9, 6)
