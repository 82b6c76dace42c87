"""Import problems and notes in plain words, in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tegak.attendance.parsing import Issue


def day_kind_label(kind: str | None) -> str:
    """The name of a kind of day or a daily status."""
    labels = {
        "working": _("working day"),
        "weekend": _("weekend"),
        "holiday": _("holiday"),
        "cuti_bersama": _("cuti bersama"),
        "present": _("present"),
        "absent_excused": _("absent with a lawful reason"),
        "absent_unexcused": _("absent without a lawful reason"),
        "outside": _("not counted"),
    }
    if kind is None:
        return _("a day without a working-time schedule")
    return labels.get(kind, kind)


def describe(issue: Issue) -> str:
    """One sentence for one problem (the line number is printed beside it by the caller)."""
    detail = issue.detail
    code = issue.code
    if code == "missing_nip":
        return _("the NIP is empty; the row was skipped")
    if code == "missing_timestamp":
        return _("the time is empty; the row was skipped")
    if code == "bad_timestamp":
        return _(
            "the time %(value)r is not a date and time (use 2025-01-31 07:30 or ISO 8601 with an "
            "offset); the row was skipped"
        ) % {"value": detail.get("value")}
    if code == "future_timestamp":
        return _("the time %(value)s is in the future; the row was skipped") % {
            "value": detail.get("value")
        }
    if code == "early_timestamp":
        return _(
            "the time %(value)s is before 6 June 2010, when the earliest discipline rule Tegak "
            "knows (PP 53/2010) came into force: check the machine's clock; the row was skipped"
        ) % {"value": detail.get("value")}
    if code == "unknown_nip":
        return _("NIP %(nip)s is not an employee of this instansi; the row was skipped") % {
            "nip": detail.get("nip")
        }
    if code == "unknown_device_user":
        return _(
            "the machine user id %(id)s is not mapped to any employee; the row was skipped "
            "(map it under device users)"
        ) % {"id": detail.get("device_user_id")}
    if code == "foreign_offset":
        return _(
            "the time carries offset %(offset)s, not the instansi's own; it was converted to "
            "%(local)s local time — check the machine's clock setting"
        ) % {"offset": detail.get("offset"), "local": detail.get("local")}
    if code == "not_working_day":
        name = detail.get("name")
        kind = day_kind_label(detail.get("kind"))
        return _(
            "%(day)s is not a working day (%(kind)s); the check-in was kept but is not counted"
        ) % {"day": detail.get("day"), "kind": f"{kind}: {name}" if name else kind}
    if code == "bad_date":
        return _("%(column)s %(value)r is not a date (use YYYY-MM-DD); the row was skipped") % {
            "column": detail.get("column"),
            "value": detail.get("value"),
        }
    if code == "end_before_start":
        return _("the end %(end)s is before the start %(start)s; the row was skipped") % detail
    if code == "unknown_leave_kind":
        return _("%(value)r is not a kind of leave or duty; the row was skipped") % {
            "value": detail.get("value")
        }
    if code == "overlapping_leave":
        where = (
            _("line %(line)s of this file") % {"line": detail["other_line"]}
            if detail.get("other_line")
            else _("a record already stored")
        )
        return _(
            "%(start)s–%(end)s overlaps %(other_kind)s %(other_start)s–%(other_end)s (%(where)s); "
            "the row was skipped"
        ) % {**detail, "where": where}
    return code


def describe_format_problem(code: str, found: list[str] | None = None, reason: str = "") -> str:
    """Why a whole file was refused."""
    if code == "xlsx_refused":
        return reason
    if code == "looks_like_xlsx":
        return _("this is an XLSX workbook, not a CSV file: use --format xlsx")
    if code == "not_xlsx":
        return _("this is not an XLSX workbook")
    if code == "binary":
        return _("this is not a text file of check-ins")
    if code == "empty":
        return _("the file is empty")
    if code == "not_machine":
        return _(
            "this is not an attendance-machine export (tab-separated user id and time per line)"
        )
    if code == "missing_leave_columns":
        return _("the leave file needs the columns nip, start, end, kind; found: %(found)s") % {
            "found": ", ".join(found or []) or "—"
        }
    return _("the file needs the columns nip and timestamp; found: %(found)s") % {
        "found": ", ".join(found or []) or "—"
    }
