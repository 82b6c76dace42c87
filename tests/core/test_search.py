"""Case search: every word must match; markup and odd input are only text; scope is kept."""

from __future__ import annotations

import pytest

from tegak.core.search import case_search
from tests.cases.conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(instansi):
    return [
        make_case(instansi, "0001/KD/2026", "Karaoke pada jam kerja", name="Budi Santoso"),
        make_case(
            instansi,
            "0002/KD/2026",
            "Pungutan liar di loket",
            name="Siti Aminah",
            provision="pp-94-2021:5:g",
        ),
    ]


def numbers(queryset):
    return sorted(queryset.values_list("register_number", flat=True))


def test_finds_by_summary_name_and_number(cases):
    from tegak.cases.models import Case

    everything = Case.objects.all()
    assert numbers(case_search(everything, "karaoke")) == ["0001/KD/2026"]
    assert numbers(case_search(everything, "Siti")) == ["0002/KD/2026"]
    assert numbers(case_search(everything, "0002")) == ["0002/KD/2026"]
    assert numbers(case_search(everything, "pungutan siti")) == ["0002/KD/2026"]
    assert numbers(case_search(everything, "karaoke siti")) == []
    assert numbers(case_search(everything, "   ")) == ["0001/KD/2026", "0002/KD/2026"]


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "' OR 1=1 --", "a & | ! :*", "x" * 5000]
)
def test_markup_and_operators_are_only_text(cases, text):
    from tegak.cases.models import Case

    assert numbers(case_search(Case.objects.all(), text)) == []


def test_search_only_narrows_the_given_scope(cases):
    from tegak.cases.models import Case

    scope = Case.objects.filter(register_number="0001/KD/2026")
    assert numbers(case_search(scope, "Siti")) == []
