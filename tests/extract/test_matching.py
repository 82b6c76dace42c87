"""Names read from text against the registry: suggestions with a confidence, never a certainty."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tegak.extract.matching import match_name

REGISTRY = [
    (1, "Hj. Reny Hendrawati, S.E., M.Si"),
    (2, "Reny Anggraini"),
    (3, "Djoko Santoso"),
    (4, "Izhar Ma'sum Rosadi"),
    (5, "Hanan Tarya"),
    (6, "Karto, S.Sos"),
    (7, "Tri Adhianto Tjahyono"),
    (8, "H. Budi Hartono"),
]


@pytest.mark.parametrize(
    ("name", "expected_id", "reason"),
    [
        pytest.param("Reny Hendrawati", 1, "same_name", id="titles-and-degrees-ignored"),
        pytest.param("Izhar Ma’sum Rosadi", 4, "same_name", id="curly-apostrophe"),
        pytest.param("Joko Santoso", 3, "same_name", id="old-spelling-dj-is-j"),
        pytest.param("Hendrawati Reny", 1, "same_words_other_order", id="word-order"),
        pytest.param("Reni Hendrawati", 1, "similar_spelling", id="misspelt"),
        pytest.param("Tri Adhianto", 7, "part_of_name", id="part-of-a-longer-name"),
        pytest.param("Drs. H. Karto", 6, "same_name", id="single-name-with-titles"),
    ],
)
def test_name_finds_the_registry_entry(name, expected_id, reason):
    best = match_name(name, REGISTRY)[0]
    assert (best.id, best.reason) == (expected_id, reason)
    assert 0 < best.confidence <= 1


def test_exact_name_is_more_certain_than_a_misspelling_or_a_part():
    exact = match_name("Reny Hendrawati", REGISTRY)[0].confidence
    misspelt = match_name("Reni Hendrawati", REGISTRY)[0].confidence
    part = match_name("Tri Adhianto", REGISTRY)[0].confidence
    assert exact == 1.0
    assert exact > misspelt
    assert exact > part


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Budi Santoso", id="shares-only-a-family-name"),
        pytest.param("Reny", id="first-name-alone-is-too-weak"),
        pytest.param("Siti Aminah", id="nobody-like-her"),
        pytest.param("", id="empty"),
        pytest.param("S.Pd., M.Si", id="only-degrees"),
    ],
)
def test_no_suggestion_when_the_name_does_not_fit(name):
    assert match_name(name, REGISTRY) == []


@given(name=st.text(max_size=40))
def test_any_name_gives_ranked_suggestions_within_bounds(name):
    found = match_name(name, REGISTRY)
    assert all(0.6 <= match.confidence <= 1 for match in found)
    assert [match.confidence for match in found] == sorted(
        (match.confidence for match in found), reverse=True
    )
