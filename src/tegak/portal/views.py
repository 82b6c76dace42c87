"""Public pages: home, register, statistics, open data. No login; nothing about reporters."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tegak.audit.checkpoints import checkpoint_document, latest_checkpoint
from tegak.cases.clocks import Mark
from tegak.core import charts, signing
from tegak.law.catalogue import PNS_PROVISIONS
from tegak.portal.forms import RegisterFilterForm
from tegak.portal.labels import entry_provision_label, provision_label, sanction_label
from tegak.portal.models import Level, PublicStatus
from tegak.portal.selectors import (
    EXPORT_FIELDS,
    deadline_states,
    export_rows,
    local_sanction_labels,
    register_page,
    register_years,
    statistics,
)

EXPORT_SCHEMA_VERSION = "1"


def optional_url(name: str) -> str | None:
    """The URL of `name`, or None while the part that serves it is not installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """The public home page: how to report, what happens next, the reporter's rights."""
    context = {
        "report_url": optional_url("reporting:new"),
        "track_url": optional_url("reporting:track"),
        "register_url": optional_url("portal:register"),
        "statistics_url": optional_url("portal:statistics"),
    }
    return render(request, "portal/home.html", context)


def _filter_form(request: HttpRequest) -> tuple[RegisterFilterForm, dict[str, Any]]:
    form = RegisterFilterForm(request.GET or None, years=register_years())
    return form, (form.valid_filters() if request.GET else {})


def _page_number(request: HttpRequest) -> tuple[int, bool]:
    raw = request.GET.get("page", "1")
    try:
        return int(raw), True
    except ValueError:
        return 1, False


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_not_required
def register(request: HttpRequest) -> HttpResponse:
    """The anonymised public register of cases, filterable, 25 to a page."""
    form, filters = _filter_form(request)
    number, number_ok = _page_number(request)
    result = register_page(filters, number)
    today = timezone.localdate()
    levels, statuses = dict(Level.choices), dict(PublicStatus.choices)
    states = {**dict(Mark.choices), "": ""}
    rows = []
    if result.page is not None:
        entries = list(result.page.object_list)
        local = local_sanction_labels(entries)
        # Once per code: an instansi rule's citation reads its stored rules (a non-ASN
        # employee's row cites their instansi's rule, reading C18).
        provisions = {code: provision_label(code) for code in {e.provision for e in entries}}
        for entry in entries:
            deadlines = deadline_states(entry, today)
            for clock in deadlines:
                clock["label"] = states[clock["state"]]
            rows.append(
                {
                    "entry": entry,
                    "provision_label": (
                        entry_provision_label(entry)
                        if entry.employee_id is not None
                        and entry.provision.startswith(PNS_PROVISIONS)
                        else provisions[entry.provision]
                    ),
                    "level": str(levels.get(entry.level, "")),
                    "sanction": sanction_label(entry.sanction, local.get(entry.accused_id_ref)),
                    "status": str(statuses.get(entry.status, "")),
                    # Only the law's deadlines under "legal deadlines"; the office's own apart.
                    "deadlines": [clock for clock in deadlines if not clock["office"]],
                    "office_limits": [clock for clock in deadlines if clock["office"]],
                }
            )
    context = {
        "form": form,
        "result": result,
        "rows": rows,
        "page_number_ok": number_ok,
        "query": _query_without_page(request),
        "export_query": request.GET.urlencode() if filters else "",
    }
    return render(request, "portal/register.html", context)


def _month_points(
    per_month: list[dict[str, Any]], first: date, last: date, key: str
) -> list[charts.Point]:
    by_month = {row["month"]: row for row in per_month}
    points = []
    month = first
    while month <= last:
        row = by_month.get(month)
        value = (row or {}).get(key) or 0
        points.append(charts.Point(date_format(month, "M Y"), float(value)))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return points


@login_not_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    """Counts per unit, provision, level and month, time to decision, deadlines kept: charts."""
    form, filters = _filter_form(request)
    today = timezone.localdate()
    stats = statistics(filters, today)
    level_names = dict(Level.choices)
    # One register row per accused employee of a case: the figures count employees, not cases
    # (seed walk: one TikTok case of seven TKK showed as "7 kasus").
    cases_label = _("Accused employees")
    context = {
        "form": form,
        "totals": stats["totals"],
        "month_chart": charts.column_chart(
            _month_points(stats["per_month"], stats["first_month"], stats["last_month"], "count"),
            chart_id="per-month",
            title=_("Accused employees by month the case was opened"),
            value_label=cases_label,
        ),
        "unit_chart": charts.horizontal_bar_chart(
            [
                charts.Point(row["unit__name"] or _("Unit not recorded"), row["count"])
                for row in stats["per_unit"]
            ],
            chart_id="per-unit",
            title=_("Accused employees per unit"),
            value_label=cases_label,
        ),
        "provision_chart": charts.horizontal_bar_chart(
            [
                # Each with its own regulation (PP 53/2010, PP 94/2021, PP 49/2018 or the
                # instansi's rule); a row counted before the register kept it: the code's own.
                charts.Point(row["cited"] or provision_label(row["provision"]), row["count"])
                for row in stats["per_provision"]
            ],
            chart_id="per-provision",
            title=_("Accused employees per provision"),
            value_label=cases_label,
        ),
        "level_chart": charts.column_chart(
            [
                charts.Point(str(label), stats["per_level"].get(code, 0))
                for code, label in [*Level.choices, ("", _("Not yet set"))]
            ]
            if stats["totals"]["cases"]
            else [],
            chart_id="per-level",
            title=_("Accused employees per sanction level"),
            value_label=cases_label,
        ),
        "days_chart": charts.line_chart(
            _month_points(
                stats["per_month"], stats["first_month"], stats["last_month"], "average_days"
            ),
            chart_id="days-to-decision",
            title=_("Average days from opening to decision, by month opened"),
            value_label=_("Days"),
            decimals=1,
        ),
        "level_names": level_names,
    }
    return render(request, "portal/statistics.html", context)


def _export_error(form: RegisterFilterForm) -> JsonResponse:
    field, messages = next(iter(form.errors.items()))
    message = " ".join(str(text) for text in messages)
    return JsonResponse({"error": {"field": field, "message": message}}, status=400)


# A cell a spreadsheet would read as a formula (CSV injection): `=`, `+`, `-`, `@`, a tab or a
# carriage return first. Such a cell is written with a leading apostrophe, which spreadsheets
# show as text (OWASP's advice); the JSON export keeps the text as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


@login_not_required
def export(request: HttpRequest) -> HttpResponseBase:
    """Open data: the register as CSV or JSON (schema in docs/portal.md), streamed."""
    output = request.GET.get("format", "json")
    if output not in {"csv", "json"}:
        return JsonResponse(
            {"error": {"field": "format", "message": _("Choose the format csv or json.")}},
            status=400,
        )
    form, filters = _filter_form(request)
    if request.GET and form.errors:
        return _export_error(form)
    rows = export_rows(filters)
    stamp = timezone.localdate().isoformat()
    if output == "csv":
        writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_FIELDS)

        def csv_lines() -> Iterator[str]:
            yield writer.writeheader()
            for row in rows:
                cells = {**row, "provisions": " ".join(row["provisions"])}
                yield writer.writerow({name: _as_text_cell(value) for name, value in cells.items()})

        response = StreamingHttpResponse(csv_lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tegak-register-{stamp}.csv"'
        return response

    def json_chunks() -> Iterator[str]:
        head = {
            "schema": f"tegak-register/{EXPORT_SCHEMA_VERSION}",
            "generated_on": stamp,
            "fields": EXPORT_FIELDS,
        }
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "records": ['
        for index, row in enumerate(rows):
            yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(json_chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="tegak-register-{stamp}.json"'
    return response


@login_not_required
def integrity(request: HttpRequest) -> HttpResponse:
    """The installation's public signing key, so anyone can check what Tegak signed."""
    key = signing.public_key()
    context = {
        "algorithm": signing.SIGNATURE_ALGORITHM,
        "public_key": signing.public_key_text(key),
        "public_key_pem": signing.public_key_pem(key),
        "key_id": signing.key_id(key),
        "fingerprint": signing.key_fingerprint(key),
        "checkpoint": latest_checkpoint(),
    }
    return render(request, "portal/integrity.html", context)


@login_not_required
def integrity_checkpoint(request: HttpRequest) -> HttpResponse:
    """The latest signed checkpoint of the audit chain, as the JSON document to keep and check
    offline (`tegak audit check FILE --public-key KEY`). 404 before the first checkpoint."""
    checkpoint = latest_checkpoint()
    if checkpoint is None:
        raise Http404
    response = JsonResponse(checkpoint_document(checkpoint))
    response["Content-Disposition"] = (
        f'attachment; filename="tegak-audit-checkpoint-{checkpoint.sequence}.json"'
    )
    return response
