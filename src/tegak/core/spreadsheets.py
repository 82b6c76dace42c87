"""Rows of an uploaded XLSX workbook's first sheet, read within limits.

An XLSX is a zip of XML parts, and both can lie (found by the red-team pass of 2026-12-07): a
1.8 KB workbook can declare a sheet of 16,384 columns by a million rows, which openpyxl pads every
row to (gigabytes in a web worker), and a 512 KB one can unpack to 512 MB. So the archive is
checked first (`tegak.core.archives.check_zip`), the sheet's declared size is ignored, each row is
cut at `max_columns` and the rows stop at `max_rows`. Every refusal is `SheetRefused` with the
reason in plain words, for the caller to put on its field.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

from tegak.core.archives import ArchiveRefused, check_zip


class SheetRefused(ValueError):
    """The workbook cannot be read, or is larger than the limits allow; `str()` says why."""


def first_sheet_rows(data: bytes, *, max_rows: int, max_columns: int) -> list[tuple[Any, ...]]:
    """The values of the first sheet's rows (empty rows included, as the sheet has them), each
    cut to `max_columns`; SheetRefused for a damaged file, a zip bomb, or more than `max_rows`."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive)
    except zipfile.BadZipFile as error:
        raise SheetRefused(_("The file cannot be opened as an XLSX workbook.")) from error
    except ArchiveRefused as error:
        raise SheetRefused(
            _("The workbook unpacks to more than is allowed: %(reason)s.") % {"reason": error}
        ) from error
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SheetRefused(_("The file cannot be opened as an XLSX workbook.")) from error
    try:
        if not workbook.worksheets:
            raise SheetRefused(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the size the file declares is not believed
        rows: list[tuple[Any, ...]] = []
        for row in sheet.iter_rows(max_col=max_columns, values_only=True):
            if len(rows) >= max_rows:
                raise SheetRefused(
                    _("The sheet has more than %(count)s rows; split the file.")
                    % {"count": f"{max_rows:,}".replace(",", ".")}
                )
            rows.append(row)
        return rows
    except SheetRefused:
        raise
    except (ParseError, ValueError, KeyError, TypeError, EOFError) as error:
        raise SheetRefused(_("The sheet cannot be read: its XML is damaged.")) from error
    finally:
        workbook.close()
