"""In the real browser: an officer pastes the karaoke article and saves a draft media report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.extract.test_seeds import KARAOKE, SEEDS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("intake_settings"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found: {SEEDS}"),
]


def test_officer_turns_a_pasted_article_into_a_draft_report(
    live_server, page, intake_officer, registry, verified_client
):
    from tegak.intake.models import Report

    client = verified_client(intake_officer)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("intake:queue"))
    page.locator(f"a[href='{reverse('intake:draft_entry')}']").click()
    page.fill("#id_source_url", "https://infobaru.test/karaoke-setwan")
    page.fill("#id_published_on", "2022-09-22")
    page.fill("#id_text", KARAOKE.read_text(encoding="utf-8"))
    page.locator("form:has(input[name=step][value=read]) button[type=submit]").click()

    events = page.get_by_test_id("facts-events")
    assert "26 Agustus 2022" in events.inner_text()  # as people read it; the field keeps ISO
    assert "15:00 WIB" in events.inner_text()
    assert "kota-bekasi-2017" in page.get_by_test_id("working-time").inner_text()
    assert page.locator("mark[data-kind=regulations]").first.inner_text() == (
        "perwal No 06 tahun 2017"
    )
    assert page.input_value("#id_occurred_on") == "2022-08-26"
    assert page.input_value("#id_occurred_time") == "15:00"
    boxes = page.locator("input[name=employees]")
    assert boxes.count() == 2
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))

    page.get_by_label("Hanan Tarya", exact=False).check()
    page.locator("form:has(input[name=step][value=save]) button[type=submit]").click()
    page.wait_for_url("**" + reverse("intake:detail", args=[Report.objects.get().pk]))
    report = Report.objects.get()
    assert report.channel == "media"
    assert list(report.accused.values_list("employee__name", flat=True)) == ["Hanan Tarya"]
