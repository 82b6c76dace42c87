"""Statistics: aggregated in the database, drawn as charts with their tables, in few queries."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tegak.portal.selectors import statistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_entry, units):
    make_entry(
        unit=units["health"],
        level="ringan",
        opened_on=date(2025, 1, 10),
        decided_on=date(2025, 1, 20),
        days_to_decision=10,
        deadlines_kept=2,
    )
    make_entry(
        unit=units["health"],
        level="berat",
        opened_on=date(2025, 2, 3),
        decided_on=date(2025, 3, 5),
        days_to_decision=30,
        deadlines_kept=1,
        deadlines_late=1,
        status="final",
    )
    make_entry(
        unit=units["roads"],
        provision="pp-94-2021:5:a",
        opened_on=date(2025, 2, 20),
        open_due=date(2025, 3, 1),
    )


@time_machine.travel(date(2025, 3, 15))
def test_counts_per_unit_provision_level_and_month(cases):
    stats = statistics({}, date(2025, 3, 15))
    assert stats["totals"]["cases"] == 3
    assert stats["totals"]["decided"] == 2
    assert stats["totals"]["final"] == 1
    assert stats["totals"]["average_days"] == pytest.approx(20)
    assert stats["totals"]["kept"] == 3 and stats["totals"]["late"] == 1
    assert stats["totals"]["overdue"] == 1
    assert [(row["unit__name"], row["count"]) for row in stats["per_unit"]] == [
        ("Dinas Kesehatan", 2),
        ("Dinas Pekerjaan Umum", 1),
    ]
    assert stats["per_provision"][0] == {"provision": "pp-94-2021:4:f", "cited": "", "count": 2}
    assert stats["per_level"] == {"ringan": 1, "sedang": 0, "berat": 1, "": 1}
    months = {row["month"]: row["count"] for row in stats["per_month"]}
    assert months == {date(2025, 1, 1): 1, date(2025, 2, 1): 2}


def test_statistics_follow_the_filters(cases, units):
    stats = statistics({"unit": units["roads"].pk}, date(2025, 3, 15))
    assert stats["totals"]["cases"] == 1


def test_the_statistics_page_takes_a_fixed_number_of_queries(client, make_entry, units):
    for day in range(1, 20):
        make_entry(unit=units["health"], opened_on=date(2025, 1, day), days_to_decision=day)
    client.get(reverse("portal:statistics"))  # warm up (session, translations)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:statistics"))
    for day in range(1, 20):
        make_entry(
            unit=units["roads"], opened_on=date(2025, 2, day), provision=f"pp-94-2021:5:{day}"
        )
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("portal:statistics"))
    assert len(more) == len(few) <= 12


@time_machine.travel(date(2025, 3, 15))
def test_the_page_draws_each_chart_with_its_data_table(client, cases):
    body = client.get(reverse("portal:statistics")).content.decode()
    for chart_id in ("per-month", "per-unit", "per-provision", "per-level", "days-to-decision"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in body
    assert body.count("<svg") == 5
    assert "Pegawai terlapor per unit kerja" in body
    # The register holds one row per accused employee: the total says so, never "kasus" (the
    # seed walk's one TikTok case of seven TKK read "7 kasus").
    assert "pegawai terlapor (setiap pegawai dalam kasus dihitung satu kali)" in body
    assert '<th scope="row">Dinas Kesehatan</th><td class="num">2</td>' in body
    assert '<th scope="row">Feb 2025</th><td class="num">2</td>' in body


@time_machine.travel(date(2026, 12, 7))
def test_the_monthly_charts_show_the_year_chosen_in_the_filter(client, make_entry, units):
    """Seed walk: the 2021 and 2022 seed cases were counted in the totals but the monthly chart
    always showed the last 24 months, also when the year 2021 was chosen."""
    make_entry(unit=units["health"], opened_on=date(2021, 9, 2), days_to_decision=2)
    make_entry(unit=units["health"], opened_on=date(2022, 9, 26), days_to_decision=10)
    stats = statistics({"year": 2021}, date(2026, 12, 7))
    assert (stats["first_month"], stats["last_month"]) == (date(2021, 1, 1), date(2021, 12, 1))
    assert [(row["month"], row["count"]) for row in stats["per_month"]] == [(date(2021, 9, 1), 1)]
    body = client.get(reverse("portal:statistics"), {"year": "2021"}).content.decode()
    assert '<th scope="row">Sep 2021</th><td class="num">1</td>' in body
    assert '<th scope="row">Jan 2021</th>' in body and "Des 2021" in body
    assert "2022</th>" not in body
    # Without a year: the last 24 months, up to this month.
    stats = statistics({}, date(2026, 12, 7))
    assert (stats["first_month"], stats["last_month"]) == (date(2025, 1, 1), date(2026, 12, 1))
    # The year running now: up to this month, not beyond.
    assert statistics({"year": 2026}, date(2026, 12, 7))["last_month"] == date(2026, 12, 1)


def test_an_empty_installation_has_charts_that_say_there_is_no_data(client):
    body = client.get(reverse("portal:statistics")).content.decode()
    assert body.count("Belum ada data.") >= 3


def test_malformed_statistics_filters_are_polite(client, cases):
    response = client.get(reverse("portal:statistics"), {"unit": "<b>x</b>", "year": "tahun"})
    assert response.status_code == 200
    assert "tidak dapat dipakai" in response.content.decode()
    assert "<b>x</b>" not in response.content.decode()
