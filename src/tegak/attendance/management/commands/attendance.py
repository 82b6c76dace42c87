"""`tegak attendance import|report|alerts` (CONTRACTS.md, "tegak attendance")."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management.base import CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from tegak.attendance import import_runs, selectors, services
from tegak.attendance.imports import ImportSummary
from tegak.attendance.messages import describe
from tegak.attendance.models import ImportRun, ImportRunStatus
from tegak.attendance.parsing import FORMATS
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import run_job_now, worker_alive
from tegak.people.models import Instansi

TASK_PATH = "tegak.attendance.tasks.import_run"
ALERTS_TASK_PATH = "tegak.attendance.tasks.alerts_refresh"


def _read(path: str | None, field: str) -> bytes | None:
    if path is None:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(
            field,
            _("cannot read %(path)s: %(reason)s")
            % {
                "path": path,
                "reason": error.strerror or error,
            },
        ) from error


def _file(path: str | None, field: str) -> File | None:
    content = _read(path, field)
    return None if content is None else ContentFile(content, name=Path(path or field).name)


def _instansi(code: str | None) -> Instansi:
    if code:
        found = Instansi.objects.filter(code=code).first()
        if found is None:
            raise InputError("instansi", _("no instansi has the code %(code)s") % {"code": code})
        return found
    all_instansi = list(Instansi.objects.all()[:2])
    if len(all_instansi) != 1:
        raise InputError(
            "instansi",
            _("give --instansi CODE: the installation has more than one instansi")
            if all_instansi
            else _("there is no instansi yet: import the registry first"),
        )
    return all_instansi[0]


def _date(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InputError(
            field, _("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}
        ) from error


def summary_as_dict(summary: ImportSummary) -> dict[str, Any]:
    """The import summary for `--json`: counts plus every skipped row and note, in words."""

    def issues(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {"line": issue.line, "code": issue.code, "message": describe(issue)} for issue in items
        ]

    return {
        **summary.as_counts(),
        "time_zone": summary.time_zone,
        "zoneinfo": summary.zoneinfo_name,
        "days_unchanged": summary.days_unchanged,
        "leave_duplicates": summary.leave_duplicates,
        "skipped": issues(summary.skipped),
        "notes": issues(summary.notes),
        "leave_skipped": issues(summary.leave_skipped),
    }


class Command(TegakCommand):
    help = "Import check-ins and leave; report the yearly counts of absence (PP 94/2021)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="load check-ins and/or leave and duty letters")
        load.add_argument("--checkins", help="check-in file (CSV, machine export or XLSX)")
        load.add_argument("--leave", help="leave and duty CSV or XLSX: nip,start,end,kind")
        load.add_argument("--instansi", help="instansi code (needed when there are several)")
        load.add_argument("--format", choices=FORMATS, help="check-in format (default: sniffed)")
        load.add_argument("--device-map", help="CSV device_user_id,nip for machine exports")
        load.add_argument("--json", action="store_true", help="print the summary as JSON")
        waiting = load.add_mutually_exclusive_group()
        waiting.add_argument(
            "--wait",
            action="store_true",
            default=True,
            help="(the default) wait for the import, printing its progress on stderr, then "
            "print its summary; without a running worker the import runs in this process",
        )
        waiting.add_argument(
            "--no-wait",
            dest="wait",
            action="store_false",
            help="queue the import for the worker and return at once with the run's number",
        )
        report = actions.add_parser("report", help="the yearly counts with their findings")
        report.add_argument("--year", type=int, required=True)
        report.add_argument("--instansi")
        report.add_argument("--as-of", help="assess as of this day (default: today)")
        report.add_argument("--json", action="store_true", help="print the contract's JSON array")
        alerts = actions.add_parser("alerts", help="bring the year's superior alerts up to date")
        alerts.add_argument("--year", type=int, required=True)
        alerts.add_argument("--instansi")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options)
        elif action == "report":
            self._report(options)
        else:
            instansi = _instansi(options["instansi"])
            created = services.attendance_alerts_refresh(
                actor="cli", instansi=instansi, year=options["year"]
            )
            self.stdout.write(_("Alerts created: %(count)s") % {"count": len(created)})

    def _import(self, options: dict[str, Any]) -> None:
        """Through the job queue, like the administrator's page (#18): the files are kept, the
        worker imports them. By default the command follows the run and prints its summary, as the
        contract says (valid rows kept, each skipped row with its line and reason); `--no-wait`
        returns at once."""
        if not options["checkins"] and not options["leave"]:
            raise InputError("checkins", _("give --checkins FILE, --leave FILE, or both"))
        instansi = _instansi(options["instansi"])
        files = {name: _file(options[name], name) for name in ("checkins", "leave", "device_map")}
        run = import_runs.import_run_start(
            actor=import_runs.COMMAND_LINE,
            instansi=instansi,
            checkins=files["checkins"],
            leave=files["leave"],
            device_map=files["device_map"],
            fmt=options["format"] or "",
        )
        if not options["wait"]:
            self.stdout.write(
                _(
                    "Import queued as run %(run)s; the worker imports it (tegak worker, or the "
                    "one tegak serve starts). Follow it on the page %(page)s, or run the "
                    "command with --wait."
                )
                % {"run": run.pk, "page": reverse("attendance:import_run", args=[run.pk])}
            )
            return
        run = self._follow(run)
        if run.status == ImportRunStatus.FAILED:
            raise InputError(run.error_field or "checkins", run.error)
        if options["json"]:
            self.stdout.write(json.dumps(run_as_dict(run), ensure_ascii=False, indent=2))
            return
        self.stdout.write("\n".join(run_summary_lines(run)))

    def _follow(self, run: ImportRun) -> ImportRun:
        """Wait for the run, printing each change of its progress on stderr (stdout keeps
        only the summary, as before the import went through the job queue)."""
        out = self.stderr
        said = False
        last = None
        while True:
            run.refresh_from_db()
            progress = import_runs.import_run_progress(run)
            if progress != last:
                last = progress
                line = progress["status_label"]
                if progress["phase"] != "waiting":
                    line += " — " + progress["rows_text"]
                out.write(line)
            if run.finished:
                if said:
                    self._refresh_alerts_here(run)
                return run
            if run.status == ImportRunStatus.WAITING and not worker_alive():
                if not said:
                    out.write(_("No worker is running: importing in this process."))
                    said = True
                if run_job_now(task_path=TASK_PATH, args=[run.pk]):
                    continue
            time.sleep(0.5)

    def _refresh_alerts_here(self, run: ImportRun) -> None:
        """With no worker running, the alerts to superiors that the import queued are brought up
        to date here too, so a command-line import leaves the alerts as the page's would."""
        waiting = Job.objects.filter(status=JobStatus.READY, task_path=ALERTS_TASK_PATH)
        for args in list(waiting.values_list("args", flat=True)):
            if args and args[0] == run.instansi_id:
                run_job_now(task_path=ALERTS_TASK_PATH, args=args)

    def _report(self, options: dict[str, Any]) -> None:
        instansi = _instansi(options["instansi"])
        rows = selectors.report(instansi, options["year"], as_of=_date(options["as_of"], "as_of"))
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        window = selectors.counting_window(instansi, options["year"])
        if window is None:
            self.stdout.write(_("No check-ins stored for %(year)s.") % {"year": options["year"]})
            return
        self.stdout.write(
            _("Counted from %(first)s to %(last)s (days with check-in data).")
            % {"first": window[0], "last": window[1]}
        )
        for row in rows:
            finding = row["finding"]
            self.stdout.write(
                f"{row['nip']}: "
                + _(
                    "%(unexcused)s unexcused, %(late)s min late, %(early)s min early, "
                    "%(counted)s days counted, longest run %(run)s — %(level)s %(sanction)s"
                )
                % {
                    "unexcused": row["unexcused_days"],
                    "late": row["late_minutes"],
                    "early": row["early_leave_minutes"],
                    "counted": row["counted_days"],
                    "run": row["longest_consecutive_unexcused"],
                    "level": finding.get("level") or "—",
                    "sanction": finding.get("sanction") or "",
                }
            )


def run_as_dict(run: ImportRun) -> dict[str, Any]:
    """A finished run for `--json`: the same shape as the import's summary (CONTRACTS.md)."""
    summary = dict(run.summary)
    summary["zoneinfo"] = summary.pop("zoneinfo_name", "")

    def issues(kind: str) -> list[dict[str, Any]]:
        return [
            {"line": row[0], "code": row[2] if len(row) > 2 else "", "message": row[1]}
            for row in run.issues.get(kind) or []
        ]

    return {**summary, **{kind: issues(kind) for kind in import_runs.ISSUE_KINDS}}


def run_summary_lines(run: ImportRun) -> list[str]:
    """A finished run's summary as lines of text, every skipped row with its line and reason."""
    summary = run.summary
    lines: list[str] = []
    issues = {kind: run.issues.get(kind) or [] for kind in import_runs.ISSUE_KINDS}
    if summary.get("format"):
        lines.append(_("Check-in format: %(format)s") % {"format": summary["format"]})
        lines.append(
            _("Times without an offset were read in %(zone)s (%(name)s): %(count)s check-ins.")
            % {
                "zone": summary.get("time_zone"),
                "name": summary.get("zoneinfo_name"),
                "count": summary.get("naive_read_in_zone", 0),
            }
        )
        lines.append(
            _(
                "Rows read: %(read)s; check-ins kept: %(kept)s; duplicates ignored: "
                "%(duplicates)s; skipped: %(skipped)s."
            )
            % {
                "read": summary.get("rows_read", 0),
                "kept": summary.get("checkins_kept", 0),
                "duplicates": summary.get("duplicates", 0),
                "skipped": len(issues["skipped"]),
            }
        )
        lines.append(
            _("Days: %(new)s new, %(updated)s updated, %(unchanged)s already known.")
            % {
                "new": summary.get("days_new", 0),
                "updated": summary.get("days_updated", 0),
                "unchanged": summary.get("days_unchanged", 0),
            }
        )
        if issues["skipped"]:
            lines.append(_("Skipped rows:"))
            lines += [f"  {_('line')} {row[0]}: {row[1]}" for row in issues["skipped"]]
        if issues["notes"]:
            lines.append(_("Kept, with a note:"))
            lines += [f"  {_('line')} {row[0]}: {row[1]}" for row in issues["notes"]]
    if summary.get("leave_rows_read") or issues["leave_skipped"]:
        lines.append(
            _(
                "Leave and duty letters: %(read)s rows read; %(kept)s kept; %(duplicates)s "
                "already known; %(skipped)s skipped."
            )
            % {
                "read": summary.get("leave_rows_read", 0),
                "kept": summary.get("leave_kept", 0),
                "duplicates": summary.get("leave_duplicates", 0),
                "skipped": len(issues["leave_skipped"]),
            }
        )
        lines += [f"  {_('line')} {row[0]}: {row[1]}" for row in issues["leave_skipped"]]
    if summary.get("years"):
        lines.append(
            _("Alerts to superiors are being brought up to date in the background for %(years)s.")
            % {"years": ", ".join(str(year) for year in summary["years"])}
        )
    return lines


def summary_lines(summary: ImportSummary) -> list[str]:
    """The import summary as lines of text, every skipped row with its line and reason."""
    lines: list[str] = []
    if summary.format:
        lines.append(_("Check-in format: %(format)s") % {"format": summary.format})
        lines.append(
            _("Times without an offset were read in %(zone)s (%(name)s): %(count)s check-ins.")
            % {
                "zone": summary.time_zone,
                "name": summary.zoneinfo_name,
                "count": summary.naive_read_in_zone,
            }
        )
        lines.append(
            _(
                "Rows read: %(read)s; check-ins kept: %(kept)s; duplicates ignored: "
                "%(duplicates)s; skipped: %(skipped)s."
            )
            % {
                "read": summary.rows_read,
                "kept": summary.checkins_kept,
                "duplicates": summary.duplicates,
                "skipped": len(summary.skipped),
            }
        )
        lines.append(
            _("Days: %(new)s new, %(updated)s updated, %(unchanged)s already known.")
            % {
                "new": summary.days_new,
                "updated": summary.days_updated,
                "unchanged": summary.days_unchanged,
            }
        )
        if summary.skipped:
            lines.append(_("Skipped rows:"))
            lines += [f"  {_('line')} {issue.line}: {describe(issue)}" for issue in summary.skipped]
        if summary.notes:
            lines.append(_("Kept, with a note:"))
            lines += [f"  {_('line')} {issue.line}: {describe(issue)}" for issue in summary.notes]
    if summary.leave_rows_read or summary.leave_skipped:
        lines.append(
            _(
                "Leave and duty letters: %(read)s rows read; %(kept)s kept; %(duplicates)s "
                "already known; %(skipped)s skipped."
            )
            % {
                "read": summary.leave_rows_read,
                "kept": summary.leave_kept,
                "duplicates": summary.leave_duplicates,
                "skipped": len(summary.leave_skipped),
            }
        )
        lines += [
            f"  {_('line')} {issue.line}: {describe(issue)}" for issue in summary.leave_skipped
        ]
    lines.append(_("Alerts to superiors created: %(count)s") % {"count": summary.alerts_created})
    return lines
