"""The engine's messages come from its own gettext catalogue (English ids, Indonesian shipped in
the package): every message the source can say is translated, with the same fields."""

from __future__ import annotations

import ast
import gettext
import string
from pathlib import Path

import polib
import pytest

import tegak.rules
from tegak.rules import RulesInputError, assess, deadlines
from tegak.rules.messages import DOMAIN, LOCALE_DIR, catalogue, say

PACKAGE = Path(tegak.rules.__file__).parent
PO = LOCALE_DIR / "id" / "LC_MESSAGES" / f"{DOMAIN}.po"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _source_messages() -> set[str]:
    """Every literal message the engine's source hands to say(), RulesInputError or choice()."""
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = {"say": 0, "RulesInputError": 1, "choice": 3}.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def test_every_message_of_the_source_is_in_the_catalogue_and_translated():
    catalog = {entry.msgid: entry.msgstr for entry in polib.pofile(str(PO))}
    messages = _source_messages()
    assert len(messages) > 150
    assert sorted(messages - set(catalog)) == []
    assert sorted(msgid for msgid in messages if not catalog[msgid]) == []


def test_translations_use_the_fields_of_their_message():
    for entry in polib.pofile(str(PO)):
        assert _fields(entry.msgstr) == _fields(entry.msgid), entry.msgid


def test_the_compiled_catalogue_ships_in_the_package():
    assert isinstance(catalogue("id"), gettext.GNUTranslations)
    assert type(catalogue("en")) is gettext.NullTranslations


def test_errors_render_in_both_languages():
    with pytest.raises(RulesInputError) as caught:
        deadlines({"step": "x", "on": "2024-03-01"})
    error = caught.value
    assert error.message.startswith("unknown step 'x'; expected one of: ")
    assert error.message_id.startswith("tahap 'x' tidak dikenal; pilihan: ")
    assert error.message_in("en-us") == error.message
    with pytest.raises(RulesInputError) as caught:
        deadlines({"step": "summons_issued", "on": "2025-02-30"})
    assert caught.value.message_id == "'2025-02-30' bukan tanggal yang benar (YYYY-MM-DD)"


def test_a_plain_message_not_in_the_catalogue_stays_as_written():
    error = RulesInputError("x", "an installation's own words")
    assert error.message == error.message_id == "an installation's own words"


def test_a_nested_message_is_rendered_in_the_same_language():
    text = say(
        "{missed} missed roll call(s) given; the governing rule sets no roll-call "
        "thresholds, so they are not counted",
        missed=3,
    )
    assert text.en.startswith("3 missed roll call(s)")
    assert text.id.startswith("3 kali tidak mengikuti apel")
    outer = say(
        "PP 53/2010 gives authority over a {position} by their {what} (Pasal 16, 18, "
        "20); give {needed}",
        position="pelaksana",
        what=say("functional grade"),
        needed="employee.jenjang",
    )
    assert "by their functional grade" in outer.en
    assert "menurut jenjang jabatan fungsionalnya" in outer.id


def test_findings_give_notes_and_review_in_both_languages():
    answer = assess(
        {
            "as_of": "2025-11-25",
            "employee": {
                "status": "PNS",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
            },
            "offences": [{"provision": "pp-94-2021:4:f", "committed_on": "2023-12-31"}],
        }
    )
    assert answer["human_review"] == [
        "pp-94-2021:4:f: the count of unexcused working days is needed (offences[0].absence)"
    ]
    assert answer["human_review_id"] == [
        "pp-94-2021:4:f: jumlah hari kerja tidak masuk tanpa alasan yang sah diperlukan "
        "(offences[0].absence)"
    ]
