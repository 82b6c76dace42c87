"""Any text: no crash, and every span points at the words of its item."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tegak.extract import ExtractInputError, extract
from tests.extract import texts

# Pieces of the reports we read, so that random text often looks like a real one.
PIECES = [
    "Jum’at tanggal 26 Agustus 2022",
    "Senin (6/9/2021)",
    "pukul 15.00 WIB",
    "jam 3 sore",
    "1–3 Maret 2024",
    "kemarin",
    "Sekretaris Daerah (Sekda) Reny Hendrawati",
    "kepala BKPSDM (Karto)",
    "Plt Wali Kota Bekasi Tri Adhianto",
    "tujuh orang aparatur berstatus TKK",
    "Peraturan Pemerintah Nomor 53 Tahun 2010",
    "Surat Edaran Nomor : 800/6519/BKPPD-PKA tanggal 2 September 2021",
    "perwal No 06 tahun 2017",
    "Perkumpulan Baladaya",
    "(Ipu)",
    "pungutan liar",
    " dan ",
    ", ",
    ". ",
    "\n",
    "Pemkot Bekasi",
]

ITEM_FIELD = {
    "people": "name",
    "organisations": None,
    "employee_groups": None,
    "regulations": "number",
    "allegations": None,
    "events": None,
}


def _check_spans(text: str, answer: dict) -> None:
    for key, field in ITEM_FIELD.items():
        for item in answer[key]:
            start, end = item["span"]
            assert 0 <= start < end <= len(text)
            assert text[start:end] == item["text"]
            if field:
                assert str(item[field]) in " ".join(item["text"].split())
            for mention in item.get("mentions", []):
                mention_start, mention_end = mention["span"]
                assert text[mention_start:mention_end] == mention["text"]
    for person in answer["people"]:
        start, end = person["name_span"]
        assert " ".join(text[start:end].split()) == person["name"]
    for event in answer["events"]:
        if "time_span" in event:
            start, end = event["time_span"]
            assert text[start:end] == event["time_text"]
    for note in answer["notes"]:
        if "span" in note:
            assert text[note["span"][0] : note["span"][1]] == note["text"]


mixed_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_text, reported_on=st.one_of(st.none(), st.dates(date(2000, 1, 1))))
def test_any_text_gives_an_answer_or_a_clear_error_and_spans_are_true(text, reported_on):
    try:
        answer = extract(text, reported_on=reported_on)
    except ExtractInputError as error:
        assert error.field == "text"
        assert error.message
        return
    _check_spans(text, answer)


def test_spans_of_every_written_text_point_at_their_words():
    for name in dir(texts):
        if name.isupper():
            text = getattr(texts, name)
            _check_spans(text, extract(text, reported_on=date(2024, 9, 18)))


@pytest.mark.parametrize(
    "piece",
    [
        pytest.param("Badan ", id="unit-head-words"),
        pytest.param("Dinas Pendidikan ", id="unit-words"),
        pytest.param("Surat Edaran Nomor 1/", id="circular-numbers"),
        pytest.param("tujuh orang pegawai ", id="count-words"),
        pytest.param("Ketua ", id="role-words"),
    ],
)
def test_long_runs_of_one_pattern_still_get_an_answer(piece):
    """These once backtracked for minutes (a 150 KB run of "Badan " took 390 s)."""
    text = (piece * 4000) + " yang dan di pada" * 500
    answer = extract(text)
    assert answer["language"] == "id"
    _check_spans(text, answer)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_an_answer_or_a_clear_error(data):
    from tegak.extract import decode_input

    try:
        text = decode_input(data)
        answer = extract(text)
    except ExtractInputError as error:
        assert error.field == "text"
        assert error.message
        return
    _check_spans(text, answer)
