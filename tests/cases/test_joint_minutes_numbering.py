"""A joint berita acara pembinaan (ADR 0061) is numbered for the set of accused it names: the
same set issued again is a new version under the same number; another set is another document
with a number of its own (ADR 0050), never a new version of the first."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.cases.group import group_step_take
from tegak.documents.models import IssuedDocument
from tegak.documents.services import document_issue_for_group
from tests.cases.test_group_steps import (  # noqa: F401 (fixtures)
    _accused,
    _decided,
    bekasi,
    group_case,
    seven,
)

pytestmark = pytest.mark.django_db


def test_another_set_of_accused_gets_its_own_number_the_same_set_a_new_version(
    group_case,  # noqa: F811
    staff,
    time_machine,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = _decided(group_case, staff, time_machine)
    group_step_take(
        actor=staff.official,
        case=case,
        step="decision_take",
        accused=_accused(case),
        data={"sanction_code": "pernyataan_tidak_puas", "decided_on": date(2021, 9, 6)},
    )
    everyone = _accused(case)
    [first] = document_issue_for_group(
        actor=staff.official, case=case, accused=everyone[:3], kind="berita_acara_pembinaan"
    )
    [other] = document_issue_for_group(
        actor=staff.official, case=case, accused=everyone[3:], kind="berita_acara_pembinaan"
    )
    assert other.pk != first.pk and other.number != first.number and other.version == 1
    first.refresh_from_db()
    assert first.version == 1  # the first minutes were not overwritten by the second set
    # The same three again (in another order): a new version of the first, same number.
    [again] = document_issue_for_group(
        actor=staff.official,
        case=case,
        accused=list(reversed(everyone[:3])),
        kind="berita_acara_pembinaan",
    )
    assert again.pk == first.pk and again.number == first.number and again.version == 2
    assert IssuedDocument.objects.filter(kind="berita_acara_pembinaan").count() == 2
