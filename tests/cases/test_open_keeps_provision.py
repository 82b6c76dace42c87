"""Seed walk (h3, F16): on the open-case form, after a refused submission (the Sekda's circular
of 2 September 2021 chosen for an act of 30 August 2021) the provisions' list was empty ("Belum
ada ketentuan yang ditampilkan") and had to be searched again: the chosen provision, one of the
instansi's own rules that the offence day rules out, was dropped from the re-shown list."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tegak.cases.models import Case
from tests.cases.conftest import moment
from tests.cases.test_group_steps import bekasi, seven

pytestmark = pytest.mark.django_db

__all__ = ["bekasi", "seven"]


def test_a_refused_submission_keeps_the_chosen_provision_listed_and_ticked(
    bekasi, seven, staff, time_machine, verified_client
):
    time_machine.move_to(moment("2021-09-02 09:00"), tick=False)
    se = f"local:{bekasi.code}:tkk-2017:kepatutan-se-2021"  # the Sekda's circular, from 2 Sep
    client = verified_client(staff.intake)
    typed = {
        "accused": [seven[0].pk],
        "provision_find": "video kepatutan",
        "committed_on": "2021-08-30",
        "known_to_superior_on": "2021-09-02",
        "impact": "unit_kerja",
        "summary": "Video TikTok di luar kepatutan pada jam kerja",
    }
    found = client.post(reverse("cases:open"), {**typed, "do": "find"}).content.decode()
    assert f'value="{se}"' not in found  # not offered for an act before its date
    response = client.post(reverse("cases:open"), {**typed, "provision": se, "do": "open"})
    assert response.status_code == 400 and not Case.objects.exists()
    body = response.content.decode()
    assert "2 September 2021" in str(response.context["form"].errors["provision"])
    radio = re.search(rf'<input[^>]*value="{re.escape(se)}"[^>]*>', body)
    assert radio is not None, body
    assert "checked" in radio.group(0)
    assert "Belum ada ketentuan yang ditampilkan" not in body
    assert 'value="video kepatutan"' in body  # the words searched stay in the box
