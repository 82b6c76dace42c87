"""The engine's notes and errors reach a page in the reader's language (English notes used to
reach Indonesian pages: the case file showed `human_review` in English to everyone)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tegak.law.labels import engine_error, engine_messages
from tegak.rules import RulesInputError, assess

FINDING = assess(
    {
        "as_of": "2025-11-25",
        "employee": {"status": "PNS", "position": "pelaksana", "instansi_level": "kabupaten_kota"},
        "offences": [{"provision": "pp-94-2021:4:f", "committed_on": "2023-12-31"}],
    }
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "jumlah hari kerja tidak masuk tanpa alasan yang sah diperlukan"),
        ("en", "the count of unexcused working days is needed"),
    ],
)
def test_a_page_shows_the_engine_review_in_the_readers_language(language, expected):
    template = Template(
        '{% load law_text %}{% for item in finding|engine_messages:"human_review" %}'
        "{{ item }}{% endfor %}"
    )
    with translation.override(language):
        html = template.render(Context({"finding": FINDING}))
        assert expected in html
        assert engine_messages(FINDING, "human_review")[0].count(expected) == 1


def test_a_stored_finding_without_the_indonesian_list_shows_the_english_one():
    with translation.override("id"):
        assert engine_messages({"notes": ["a note"]}, "notes") == ["a note"]
        assert engine_messages(None, "notes") == []


def test_an_engine_error_in_the_readers_language():
    error = RulesInputError("employee.position", "must be a list")
    with translation.override("id"):
        assert engine_error(error) == "harus berupa daftar"
    with translation.override("en"):
        assert engine_error(error) == "must be a list"
