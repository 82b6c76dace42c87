"""Uploaded XLSX workbooks are read within limits (red-team pass of 2026-12-07): a 5 KB file that
declares a sheet of a million rows and 16,384 columns, a zip bomb and damaged XML each get a
clear refusal, quickly and in little memory, through every import that reads XLSX."""

from __future__ import annotations

import io
import re
import resource
import time
import zipfile

import pytest
from openpyxl import Workbook

from tegak.core.spreadsheets import SheetRefused, first_sheet_rows


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """The workbook with its sheet's XML changed by `change` (bytes -> bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(item.filename, content)
    return out.getvalue()


def declared_huge(data: bytes) -> bytes:
    return rewritten(
        data,
        lambda xml: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )


def bomb() -> bytes:
    """A workbook whose sheet unpacks to 300 MB (one text cell), about 300 KB on disk."""
    data = workbook([["nip", "nama"]])
    filler = b"<!--" + b" " * (300 * 1024 * 1024) + b"-->"
    return rewritten(data, lambda xml: xml.replace(b"<sheetData>", filler + b"<sheetData>"))


def test_the_declared_size_of_a_sheet_is_not_believed():
    data = declared_huge(workbook([["nip", "nama"], ["1990", "Rina"]]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    rows = first_sheet_rows(data, max_rows=1000, max_columns=8)
    assert [list(row[:2]) for row in rows] == [["nip", "nama"], ["1990", "Rina"]]
    assert time.monotonic() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024


def test_a_zip_bomb_damaged_xml_and_too_many_rows_are_refused_in_plain_words(settings):
    with pytest.raises(SheetRefused, match=r"unpacks to more|terurai melebihi"):
        first_sheet_rows(bomb(), max_rows=1000, max_columns=8)
    laughs = rewritten(
        workbook([["nip"]]),
        lambda xml: xml.replace(
            b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet'
        ).replace(b"<sheetData>", b"<sheetData>&a;&b;"),
    )
    with pytest.raises(SheetRefused):
        first_sheet_rows(laughs, max_rows=1000, max_columns=8)
    many = workbook([[str(number)] for number in range(30)])
    with pytest.raises(SheetRefused, match=r"more than 20|lebih dari 20"):
        first_sheet_rows(many, max_rows=20, max_columns=8)
    with pytest.raises(SheetRefused):
        first_sheet_rows(b"PK\x03\x04 not a zip", max_rows=20, max_columns=8)


@pytest.mark.django_db
def test_the_registry_import_refuses_a_bomb_on_its_file_field(instansi):
    from tegak.core.access import Right, SystemActor
    from tegak.core.errors import InputError
    from tegak.people.imports import import_employees

    actor = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE}))
    with pytest.raises(InputError) as caught:
        import_employees(actor=actor, instansi=instansi, data=bomb())
    assert caught.value.field == "file"
    assert "Nothing was changed" in caught.value.message or "Tidak ada" in caught.value.message
