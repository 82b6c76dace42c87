"""The regulation catalog: what the extractor and the engine look up."""

from __future__ import annotations

from datetime import date

import pytest

import tegak.rules as rules


@pytest.mark.parametrize(
    ("kind", "number", "year", "regulation_id"),
    [
        pytest.param("PP", "94", 2021, "pp-94-2021", id="pp-94-2021"),
        pytest.param("PP", "53", 2010, "pp-53-2010", id="pp-53-2010"),
        pytest.param("pp", "79", 2021, "pp-79-2021", id="pp-79-2021-lowercase"),
        pytest.param("PP", "49", 2018, "pp-49-2018", id="pp-49-2018"),
        pytest.param("PP", "11", 2017, "pp-11-2017", id="pp-11-2017"),
        pytest.param("PP", "42", 2004, "pp-42-2004", id="pp-42-2004"),
        pytest.param("UU", "5", 2014, "uu-5-2014", id="uu-5-2014"),
        pytest.param("UU", "20", 2023, "uu-20-2023", id="uu-20-2023"),
        pytest.param("UU", "25", 2009, "uu-25-2009", id="uu-25-2009"),
        pytest.param("UU", "27", 2022, "uu-27-2022", id="uu-27-2022"),
        pytest.param("UU", "37", 2008, "uu-37-2008", id="uu-37-2008"),
        pytest.param("Perpres", "21", 2023, "perpres-21-2023", id="perpres-21-2023"),
        pytest.param(
            "Perwal", "06", 2017, "perwal-kota-bekasi-06-2017", id="perwal-bekasi-06-2017"
        ),
        pytest.param("Perwal", "6", 2017, "perwal-kota-bekasi-06-2017", id="perwal-bekasi-6-2017"),
        pytest.param(
            "Perwal", "42", 2017, "perwal-kota-bekasi-42-2017", id="perwal-bekasi-42-2017"
        ),
    ],
)
def test_find_regulation(kind, number, year, regulation_id):
    found = rules.find_regulation(kind, number, year)
    assert found is not None and found.id == regulation_id


def test_unknown_regulation_is_none_and_unknown_id_is_keyerror():
    assert rules.find_regulation("PP", "1", 1900) is None
    with pytest.raises(KeyError):
        rules.regulation("pp-0-0")
    with pytest.raises(KeyError):
        rules.provision("pp-94-2021:99:z")


def test_pp_53_was_no_longer_in_force_when_the_bekasi_circular_cited_it():
    """PP 94/2021 Pasal 45 angka 3 and Pasal 46: PP 53/2010 revoked on 31 August 2021."""
    pp53 = rules.regulation("pp-53-2010")
    assert pp53.replaced_by == "pp-94-2021"
    assert pp53.in_force_until == date(2021, 8, 31)
    assert pp53.in_force_on(date(2021, 8, 30)) is True
    assert pp53.in_force_on(date(2021, 9, 2)) is False  # SE 800/6519/BKPPD-PKA
    assert rules.regulation("pp-94-2021").in_force_on(date(2021, 9, 2)) is True


def test_uu_5_2014_replaced_by_uu_20_2023():
    old = rules.regulation("uu-5-2014")
    assert old.replaced_by == "uu-20-2023"
    assert old.in_force_until == date(2023, 10, 31)


def test_local_regulations_are_marked_unverified():
    assert rules.regulation("perwal-kota-bekasi-06-2017").verified is False
    assert rules.regulation("perwal-kota-bekasi-42-2017").verified is False


@pytest.mark.parametrize(
    ("provision_id", "citation", "words"),
    [
        pytest.param("pp-94-2021:4:f", "PP 94/2021 Pasal 4 huruf f", "masuk kerja", id="4f"),
        pytest.param(
            "pp-94-2021:5:a", "PP 94/2021 Pasal 5 huruf a", "menyalahgunakan wewenang", id="5a"
        ),
        pytest.param("pp-94-2021:5:n:2", "PP 94/2021 Pasal 5 huruf n angka 2", "atribut", id="5n2"),
        pytest.param("pp-53-2010:3:11", "PP 53/2010 Pasal 3 angka 11", "masuk kerja", id="53-3-11"),
    ],
)
def test_provisions_carry_citation_and_text(provision_id, citation, words):
    item = rules.provision(provision_id)
    assert item.citation == citation
    assert words in item.text


def test_every_pp_94_obligation_and_prohibition_is_in_the_catalog():
    ids = {item.id for item in rules.provisions("pp-94-2021")}
    expected = {f"pp-94-2021:3:{letter}" for letter in "abcdefgh"}
    expected |= {f"pp-94-2021:4:{letter}" for letter in "abcdefghi"}
    expected |= {f"pp-94-2021:5:{letter}" for letter in "abcdefghijklmn"}
    expected |= {f"pp-94-2021:5:n:{number}" for number in range(1, 8)}
    assert expected <= ids


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("pp-53-2010:3:11", "pp-94-2021:4:f", id="attendance"),
        pytest.param("pp-53-2010:3:8", "pp-94-2021:3:g", id="official-secrets"),
        pytest.param("pp-53-2010:4:7", "pp-94-2021:4:i", id="giving-for-a-post-penjelasan-4i"),
        pytest.param("pp-53-2010:21:2", "pp-94-2021:24:2", id="official-fails-to-act"),
        pytest.param("pp-53-2010:4:1", "pp-94-2021:5:a", id="abuse-of-authority"),
        pytest.param("pp-53-2010:4:8", "pp-94-2021:5:k", id="gifts"),
    ],
)
def test_counterparts_between_pp_53_and_pp_94(old, new):
    assert rules.counterpart(old) == new


def test_honour_of_the_state_has_no_true_counterpart():
    # PP 53/2010 Pasal 3 angka 6 vs PP 94/2021 Pasal 3 huruf g (official secrets): only the
    # Penjelasan of huruf g mentions the honour of the state; Pasal 3 huruf f is closest in
    # substance. No automatic mapping: the engine lists both for a person to choose.
    item = rules.provision("pp-53-2010:3:6")
    assert rules.counterpart("pp-53-2010:3:6") is None
    assert item.counterpart_candidates == ("pp-94-2021:3:f", "pp-94-2021:3:g")
    assert rules.counterpart("pp-94-2021:3:g") == "pp-53-2010:3:8"
