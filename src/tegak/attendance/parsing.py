"""Reading check-in and leave files into Polars frames, keeping every physical line number.

No Django here: problems are returned as `Issue(line, code, detail)` and put into words by
`tegak.attendance.messages`. Formats:

- `csv`: the contract's `nip,timestamp[,device]` with a header (comma or semicolon separated).
- `machine`: the tab-separated "attlog" export of fingerprint machines (ZKTeco and compatibles,
  `*_attlog.dat`): `user_id<TAB>YYYY-MM-DD HH:MM:SS<TAB>verify<TAB>in_out<TAB>work_code...`, no
  header, local time; the device's user id is mapped to a NIP by the instansi's device-user table.
- `xlsx`: the first sheet with the same columns as the CSV (header row); date cells are read as
  local time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

FORMATS = ("csv", "machine", "xlsx")
LEAVE_KINDS = (
    "cuti_tahunan",
    "cuti_besar",
    "cuti_sakit",
    "cuti_melahirkan",
    "cuti_alasan_penting",
    "cuti_bersama",
    "cuti_luar_tanggungan",
    "dinas_luar",
    "tugas_belajar",
    "izin",
)
RAW_SCHEMA = {"line": pl.Int64, "nip": pl.Utf8, "timestamp": pl.Utf8, "device": pl.Utf8}
# Naive formats tried in order (ISO first; then the day-first forms Indonesian exports use).
NAIVE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
)
OFFSET_PATTERN = r"(Z|[+-]\d{2}:?\d{2})$"


class NotThisFormat(Exception):
    """The file is not of the format asked for (or not a check-in file at all)."""

    def __init__(self, code: str, detail: dict[str, Any] | None = None):
        super().__init__(code)
        self.code = code
        self.detail = detail or {}


@dataclass(frozen=True)
class Issue:
    """One problem with one line of an input file."""

    line: int
    code: str
    detail: dict[str, Any] = field(default_factory=dict)


def sniff_format(content: bytes) -> str:
    """Guess the format from the content, not the name: a ZIP is XLSX; tabs without a header are
    a machine export; anything else is read as the contract's CSV."""
    if content[:4] == b"PK\x03\x04":
        return "xlsx"
    head = content[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    first = head.splitlines()[0] if head.strip() else ""
    if "\t" in first and "nip" not in first.lower():
        return "machine"
    return "csv"


def _lines(content: bytes) -> pl.DataFrame:
    """Every physical line of a text file, with its 1-based number (empty lines kept as null)."""
    if b"\x00" in content[:4096]:
        raise NotThisFormat("binary")
    frame = pl.read_csv(
        io.BytesIO(content),
        has_header=False,
        separator="\x1f",
        quote_char=None,
        infer_schema=False,
        new_columns=["raw"],
        encoding="utf8-lossy",
    ).with_row_index("line", offset=1)
    return frame.with_columns(
        line=pl.col("line").cast(pl.Int64),
        raw=pl.col("raw").str.strip_chars_start("\ufeff").str.strip_chars("\r\n "),
    )


def _field(parts: pl.Expr, index: int) -> pl.Expr:
    return (
        parts.list.get(index, null_on_oob=True)
        .str.strip_chars()
        .str.strip_chars('"')
        .str.strip_chars()
    )


def _separator(content: bytes) -> str:
    first = content[:4096].split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return ";" if first.count(";") > first.count(",") else ","


def _native_csv(content: bytes, separator: str, *, has_header: bool) -> pl.DataFrame:
    """Polars' own CSV reader, every column as text; blank lines stay as empty rows so the row
    index still gives the physical line (a quoted field spanning lines would shift it)."""
    if b"\x00" in content[:4096]:
        raise NotThisFormat("binary")
    try:
        frame = pl.read_csv(
            content,
            has_header=has_header,
            separator=separator,
            infer_schema=False,
            truncate_ragged_lines=True,
            encoding="utf8-lossy",
        )
    except pl.exceptions.PolarsError as error:
        raise NotThisFormat("unreadable", {"reason": str(error).splitlines()[0][:200]}) from error
    first_line = 2 if has_header else 1
    return frame.with_row_index("line", offset=first_line).with_columns(
        pl.col("line").cast(pl.Int64)
    )


def _text(name: str) -> pl.Expr:
    return pl.col(name).str.strip_chars()


def read_checkins_csv(content: bytes) -> pl.DataFrame:
    """The contract's check-in CSV as `line, nip, timestamp, device` strings (header row needed)."""
    if content[:4] == b"PK\x03\x04":
        raise NotThisFormat("looks_like_xlsx")
    if not content.strip():
        raise NotThisFormat("empty")
    frame = _native_csv(content.lstrip(b"\xef\xbb\xbf"), _separator(content), has_header=True)
    frame = frame.rename({name: name.strip().lower() for name in frame.columns})
    columns = frame.columns
    if "nip" not in columns or "timestamp" not in columns:
        raise NotThisFormat("missing_columns", {"found": [c for c in columns if c != "line"][:8]})
    device = _text("device") if "device" in columns else pl.lit(None, pl.Utf8)
    return frame.select(
        "line", nip=_text("nip"), timestamp=_text("timestamp"), device=device
    ).filter(pl.col("nip").is_not_null() | pl.col("timestamp").is_not_null())


def read_checkins_machine(content: bytes) -> pl.DataFrame:
    """A fingerprint machine's attlog: `user_id, timestamp, device` (device: `attlog:` and the
    in/out column). The `nip` column holds the device user id until it is mapped."""
    if content[:4] == b"PK\x03\x04":
        raise NotThisFormat("looks_like_xlsx")
    if not content.strip():
        raise NotThisFormat("empty")
    frame = _native_csv(content, "\t", has_header=False)
    if frame.width < 3:
        raise NotThisFormat("not_machine")
    columns = frame.columns
    in_out = _text(columns[4]).fill_null("") if len(columns) > 4 else pl.lit("")
    return frame.select(
        "line",
        nip=_text(columns[1]),
        timestamp=_text(columns[2]),
        device=pl.concat_str([pl.lit("attlog"), in_out], separator=":"),
    ).filter(pl.col("nip").is_not_null() | pl.col("timestamp").is_not_null())


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# An attendance workbook: every row a sheet can hold, few columns (tegak.core.spreadsheets).
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLUMNS = 16


def read_xlsx_rows(content: bytes) -> tuple[list[str], list[tuple[int, list[str | None]]]]:
    """The header and the rows (with their sheet row numbers) of the first sheet of an XLSX."""
    from tegak.core.spreadsheets import SheetRefused, first_sheet_rows

    try:
        rows = iter(first_sheet_rows(content, max_rows=XLSX_MAX_ROWS, max_columns=XLSX_MAX_COLUMNS))
    except SheetRefused as error:
        raise NotThisFormat("xlsx_refused", {"reason": str(error)}) from error
    header_row = next(rows, None)
    header = [(_cell_text(cell) or "").lower() for cell in (header_row or ())]
    body: list[tuple[int, list[str | None]]] = []
    for number, row in enumerate(rows, start=2):
        values = [_cell_text(cell) for cell in row]
        if any(values):
            body.append((number, values))
    return header, body


def read_checkins_xlsx(content: bytes) -> pl.DataFrame:
    """The first sheet of an XLSX with the CSV's columns, as the same string frame."""
    if content[:4] != b"PK\x03\x04":
        raise NotThisFormat("not_xlsx")
    header, body = read_xlsx_rows(content)
    if "nip" not in header or "timestamp" not in header:
        raise NotThisFormat("missing_columns", {"found": header[:8]})

    def pick(values: list[str | None], name: str) -> str | None:
        if name not in header:
            return None
        index = header.index(name)
        return values[index] if index < len(values) else None

    return pl.DataFrame(
        {
            "line": [number for number, _ in body],
            "nip": [pick(values, "nip") for _, values in body],
            "timestamp": [pick(values, "timestamp") for _, values in body],
            "device": [pick(values, "device") for _, values in body],
        },
        schema=RAW_SCHEMA,
    )


def read_checkins(content: bytes, fmt: str | None) -> tuple[str, pl.DataFrame]:
    """Read a check-in file of the given (or sniffed) format into `line, nip, timestamp, device`."""
    chosen = fmt or sniff_format(content)
    readers = {
        "csv": read_checkins_csv,
        "machine": read_checkins_machine,
        "xlsx": read_checkins_xlsx,
    }
    frame = readers[chosen](content)
    return chosen, frame.select([pl.col(name).cast(dtype) for name, dtype in RAW_SCHEMA.items()])


def _zone_offset(zone: str) -> timedelta:
    # Indonesian zones have had fixed offsets since 1988 (no daylight saving time).
    offset = ZoneInfo(zone).utcoffset(datetime(2000, 1, 1))
    return offset or timedelta(0)


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def resolve_timestamps(raw: pl.DataFrame, zone: str) -> pl.DataFrame:
    """Add `local` (the wall-clock time in `zone`, a naive datetime), `naive` (no offset was
    given, so it was read in `zone`) and `foreign_offset` (an offset other than the zone's own,
    a likely time-zone mistake). Unreadable times give a null `local`.

    The common case (`YYYY-MM-DD HH:MM:SS`, naive) is parsed in one pass over all rows; only the
    rows it cannot read go through the slower paths (offsets, other layouts).
    """
    offset = _zone_offset(zone)
    text = pl.col("timestamp")
    frame = raw.with_row_index("_row").with_columns(
        local=text.str.to_datetime(NAIVE_FORMATS[0], strict=False, cache=False),
        naive=pl.lit(True),
        foreign_offset=pl.lit(None, pl.Utf8),
    )
    rest = frame.filter(pl.col("local").is_null() & text.is_not_null())
    if rest.height == 0:
        return frame.drop("_row")
    normal = text.str.replace("T", " ", literal=True).str.replace(r"\.\d+", "")
    has_offset = normal.str.contains(OFFSET_PATTERN)
    given = (
        normal.str.extract(OFFSET_PATTERN, 1)
        .str.replace("Z", "+00:00", literal=True)
        .str.replace(r"^([+-]\d{2})(\d{2})$", "$1:$2")
    )
    aware_utc = (
        normal.str.replace(r"Z$", "+00:00")
        .str.to_datetime("%Y-%m-%d %H:%M:%S%z", strict=False, time_zone="UTC", cache=False)
        .dt.replace_time_zone(None)
    )
    naive_parsed = pl.coalesce(
        [normal.str.to_datetime(pattern, strict=False, cache=False) for pattern in NAIVE_FORMATS]
    )
    zone_text = _format_offset(offset)
    resolved = rest.select(
        "_row",
        local=pl.when(has_offset).then(aware_utc + offset).otherwise(naive_parsed),
        naive=~has_offset,
        foreign_offset=pl.when(has_offset & (given != zone_text)).then(given),
    )
    return frame.update(resolved, on="_row", include_nulls=True).sort("_row").drop("_row")


def read_leave(content: bytes) -> pl.DataFrame:
    """The leave/duty file (`nip,start,end,kind[,reference]`, CSV or XLSX) as strings per line."""
    columns = ["nip", "start", "end", "kind"]
    if content[:4] == b"PK\x03\x04":
        header, body = read_xlsx_rows(content)
        if not set(columns) <= set(header):
            raise NotThisFormat("missing_leave_columns", {"found": header[:8]})
        wanted = [*columns, "reference"]
        data: dict[str, list[Any]] = {"line": [number for number, _ in body]}
        for name in wanted:
            index = header.index(name) if name in header else None
            data[name] = [
                values[index] if index is not None and index < len(values) else None
                for _, values in body
            ]
        return pl.DataFrame(data, schema={"line": pl.Int64, **dict.fromkeys(wanted, pl.Utf8)})
    lines = _lines(content)
    if lines.height == 0:
        raise NotThisFormat("empty")
    header_text = (lines["raw"][0] or "").lower()
    separator = ";" if header_text.count(";") > header_text.count(",") else ","
    header = [name.strip().strip('"') for name in header_text.split(separator)]
    if not set(columns) <= set(header):
        raise NotThisFormat("missing_leave_columns", {"found": header[:8]})
    parts = pl.col("raw").str.split(separator)
    reference = (
        _field(parts, header.index("reference")) if "reference" in header else pl.lit(None, pl.Utf8)
    )
    return (
        lines.slice(1)
        .filter(pl.col("raw").is_not_null() & (pl.col("raw") != ""))
        .select(
            "line",
            *[_field(parts, header.index(name)).alias(name) for name in columns],
            reference=reference,
        )
    )


def parse_leave_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `start_day` and `end_day` (dates; null when unreadable)."""

    def as_date(name: str) -> pl.Expr:
        text = pl.col(name).str.strip_chars().str.slice(0, 10)
        return pl.coalesce(
            [
                text.str.to_date("%Y-%m-%d", strict=False),
                text.str.to_date("%d/%m/%Y", strict=False),
                text.str.to_date("%d-%m-%Y", strict=False),
            ]
        )

    return frame.with_columns(start_day=as_date("start"), end_day=as_date("end"))
