"""The regulation data files are consistent (they are reviewed like code)."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

import tegak.rules as rules
from tegak.rules.catalog import ATTENDANCE_BANDS, REGULATIONS
from tegak.rules.instansi import instansi_rules
from tegak.rules.sanctions import LEVEL_RANK, SANCTIONS

ARTICLE = re.compile(r"^PP (94/2021|53/2010|42/2004|49/2018) Pasal \d+")


@pytest.mark.parametrize("item", rules.provisions(), ids=lambda item: item.id)
def test_every_provision_cites_its_level_article(item):
    rule = item.rule
    assert item.citation.startswith(
        ("PP 94/2021 Pasal", "PP 53/2010 Pasal", "PP 42/2004 Pasal", "PP 49/2018 Pasal")
    )
    bases = [basis for _, basis in rule.by_impact.values()] + [
        basis for _, basis in rule.by_position.values()
    ]
    if rule.basis:
        bases.append(rule.basis)
    if rule.kind in ("impact", "always", "position", "failure_to_act", "ethics"):
        assert bases and all(ARTICLE.match(basis) for basis in bases)
    if rule.kind == "none":
        assert rule.reason


@pytest.mark.parametrize("regulation_id", ["pp-94-2021", "pp-53-2010"])
def test_attendance_bands_are_contiguous_and_escalate(regulation_id):
    bands = ATTENDANCE_BANDS[regulation_id]
    for lower, upper in itertools.pairwise(bands):
        assert lower.max is not None and upper.min == lower.max + 1
        assert SANCTIONS[upper.sanction].rank > SANCTIONS[lower.sanction].rank
        assert LEVEL_RANK[upper.level] >= LEVEL_RANK[lower.level]
    assert bands[-1].max is None


@pytest.mark.parametrize("rule", instansi_rules(), ids=lambda rule: rule.id)
def test_instansi_rule_bands_are_contiguous_and_escalate(rule):
    bands = rule.attendance
    for lower, upper in itertools.pairwise(bands):
        assert lower.max is not None and upper.min == lower.max + 1
        lower_rank = rule.sanction(lower.sanction)
        upper_rank = rule.sanction(upper.sanction)
        assert lower_rank is not None and upper_rank is not None
        assert upper_rank.rank > lower_rank.rank


def test_sanction_levels_match_their_articles():
    for code, sanction in SANCTIONS.items():
        assert sanction.basis, code
        if sanction.basis.startswith("PP 94/2021 Pasal 8 ayat (2)"):
            assert sanction.level == "ringan"
        if sanction.basis.startswith(
            ("PP 94/2021 Pasal 8 ayat (3)", "PP 53/2010 Pasal 7 ayat (3)")
        ):
            assert sanction.level == "sedang"
        if sanction.basis.startswith(
            ("PP 94/2021 Pasal 8 ayat (4)", "PP 53/2010 Pasal 7 ayat (4)")
        ):
            assert sanction.level == "berat"


def test_replaced_regulations_point_to_known_ones():
    for item in REGULATIONS.values():
        if item.replaced_by:
            replacement = REGULATIONS[item.replaced_by]
            assert item.in_force_until == replacement.in_force_from
        if item.in_force_from and item.in_force_until:
            assert item.in_force_from < item.in_force_until
    assert REGULATIONS["pp-94-2021"].in_force_from == date(2021, 8, 31)


@pytest.mark.parametrize(
    ("rule_id", "ending"),
    [
        pytest.param(
            "local:kota-sukamaju:pppk-2024",
            {"local:pemutusan_perjanjian_kerja_dengan_hormat"},
            id="pppk-pp-49-2018-pasal-53-2-b",
        ),
        pytest.param(
            "local:kota-sukamaju:non-asn-2018", {"local:pemutusan_kontrak"}, id="tkk-2018"
        ),
        pytest.param(
            "local:kota-sukamaju:non-asn-2024", {"local:pemutusan_kontrak"}, id="tkk-2024"
        ),
    ],
)
def test_the_demo_rules_mark_the_types_that_end_the_contract(rule_id, ending):
    """PP 79/2021 Pasal 10 huruf b: only the termination, not the non-renewal (reading J6)."""
    rule = rules.instansi_rule(rule_id)
    marked = {
        item.code for items in rule.sanctions.values() for item in items if item.ends_contract
    }
    assert marked == ending
