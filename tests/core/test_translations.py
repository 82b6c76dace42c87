"""Bahasa Indonesia first: every message has an Indonesian translation, compiled."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tegak"
CATALOGS = sorted(PACKAGE.glob("**/locale/id/LC_MESSAGES/django.po"))


def test_there_are_catalogs():
    assert CATALOGS, "no Indonesian catalogs found"


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_is_translated_and_compiled(po_path):
    catalog = polib.pofile(str(po_path))
    missing = [
        e.msgid
        for e in catalog
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]
    assert missing == [], f"untranslated in {po_path}: {missing[:10]}"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled_ids = {entry.msgid: entry.msgstr for entry in compiled}
    for entry in catalog:
        if entry.obsolete or entry.msgid_plural:
            continue
        assert compiled_ids.get(entry.msgid) == entry.msgstr, (
            f"{po_path.with_suffix('.mo')} is stale for {entry.msgid!r}: run `make messages`"
        )
