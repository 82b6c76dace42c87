"""Past reports entered now (the 2021-2024 seed stories entered in 2026): a report taken from the
news counts as received the day the agency learned of it, so a case opened from it starts its
clocks then (PP 94/2021 Pasal 26(1)); its reporter-told duty has nobody to be kept towards and is
shown as not applicable, never as kept; a handler's assignment carries the day it was made."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.cases import selectors, services
from tegak.cases.clocks import ClockKind, Mark, clock_kind, clock_mark
from tegak.cases.models import CaseHandler, Clock
from tegak.core.errors import InputError
from tegak.intake.services import (
    report_create_from_media,
    report_link_employee,
    report_verify,
)
from tegak.portal.projection import project
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db

ALLEGATION = {"provision": "pp-94-2021:3:f", "impact": "instansi"}


@pytest.fixture
def media_report(org, staff, instansi, today, settings, tmp_path):
    """A news article published Saturday 3 October 2026, which the agency learned of on Monday
    5 October; entered, verified (on 6 October) and linked weeks later."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def make(seen_on=date(2026, 10, 5)):
        report = report_create_from_media(
            actor=staff.intake,
            instansi=instansi,
            source_url="https://berita.test/karaoke-setwan",
            outlet="Berita Uji",
            published_on=date(2026, 10, 3),
            seen_on=seen_on,
            text="Pegawai Sekretariat DPRD berkaraoke pada jam kerja, Jumat 2 Oktober 2026.",
            occurred_on=date(2026, 10, 2),
        )
        report_link_employee(actor=staff.intake, report=report, employee=org.staff)
        report_verify(actor=staff.intake, report=report, on=max(seen_on, date(2026, 10, 6)))
        report.refresh_from_db()
        return report

    return make


def _open(report, staff, org):
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[{"employee": org.staff, **ALLEGATION}],
        opened_on=date(2026, 10, 6),
    )
    for user, role in ((staff.examiner, "examiner"), (staff.official, "authorised_official")):
        services.handler_assign(
            actor=staff.admin, case=case, user=user, role=role, assigned_on=date(2026, 10, 6)
        )
    return case


def test_a_case_from_a_news_report_counts_from_the_day_the_agency_learned_of_it(
    media_report, staff, org, today
):
    case = _open(media_report(), staff, org)
    assert case.known_to_superior_on == date(2026, 10, 5)
    duty = Clock.objects.get(case=case, name="superior_must_summon")
    # 7 working days from Monday 5 October 2026, not from the day it was entered (25 November).
    assert duty.due == date(2026, 10, 14)
    assert duty.entered_after_due is True


def test_the_agency_learning_of_it_later_moves_the_clocks(media_report, staff, org, today):
    report = media_report(seen_on=date(2026, 10, 9))
    case = services.case_open_from_reports(
        actor=staff.intake, reports=[report], allegations=[{"employee": org.staff, **ALLEGATION}]
    )
    assert case.known_to_superior_on == date(2026, 10, 9)


def test_a_news_report_has_no_reporter_to_tell_so_that_duty_is_not_applicable(
    media_report, staff, org, verified_client
):
    case = _open(media_report(), staff, org)
    run_to_final(case, staff)
    rows = [r for r in selectors.deadline_rows(case) if r["name"] == "complainant_informed_due"]
    assert len(rows) == 1
    assert rows[0]["mark"] == Mark.NOT_APPLICABLE
    assert rows[0]["met_on"] is None
    clock = rows[0]["clock"]
    assert "no reporter to tell" in clock.not_applicable
    # Never counted as kept on the public register, and never running there either.
    accused = case.accused.get()
    projected = project(accused)
    kept = [
        d
        for d in projected["deadlines"]
        if clock_kind(d["name"]) == ClockKind.DUTY and d["met_on"] and d["met_on"] <= d["due"]
    ]
    assert projected["deadlines_kept"] == len(kept)
    assert "complainant_informed_due" not in {d["name"] for d in kept}
    reporter = [d for d in projected["deadlines"] if d["name"] == "complainant_informed_due"]
    assert reporter[0]["not_applicable"] and reporter[0]["met_on"] is None
    # Even long after its due day it is not overdue.
    assert (
        clock_mark(
            name=clock.name,
            due=clock.due,
            met_on=None,
            paused=False,
            today=date(2027, 6, 1),
            not_applicable=clock.not_applicable,
        )
        == Mark.NOT_APPLICABLE
    )
    # The case page says so, with the reason, in Indonesian.
    page = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    body = page.content.decode()
    row = body.split('data-clock="complainant_informed_due"', 1)[1].split("</tr>", 1)[0]
    assert 'data-mark="not_applicable"' in body
    assert "tidak berlaku" in row and "tidak ada pelapor yang dapat diberi tahu" in row
    assert "terpenuhi" not in row


def test_a_handler_assignment_carries_the_day_it_was_made(open_case, staff, today):
    case = open_case(assign=False)
    case.opened_on = date(2026, 10, 5)
    case.save(update_fields=["opened_on"])
    with pytest.raises(InputError) as future:
        services.handler_assign(
            actor=staff.admin,
            case=case,
            user=staff.examiner,
            role="examiner",
            assigned_on=date(2026, 12, 1),
        )
    assert future.value.field == "assigned_on"
    with pytest.raises(InputError) as before:
        services.handler_assign(
            actor=staff.admin,
            case=case,
            user=staff.examiner,
            role="examiner",
            assigned_on=date(2026, 10, 1),
        )
    assert before.value.field == "assigned_on"
    handler = services.handler_assign(
        actor=staff.admin,
        case=case,
        user=staff.examiner,
        role="examiner",
        assigned_on=date(2026, 10, 6),
    )
    assert CaseHandler.objects.get(pk=handler.pk).assigned_on == date(2026, 10, 6)
    event = AuditEvent.objects.filter(action="case.handler_assigned").latest("pk")
    assert event.data["assigned_on"] == "2026-10-06"
    # The log keeps when it was entered (today), the record the day it was made.
    assert timezone.localtime(event.occurred_at).date() == today


def test_the_assignment_page_takes_the_day(open_case, staff, verified_client, today):
    case = open_case(assign=False)
    client = verified_client(staff.admin)
    url = reverse("cases:handler_assign", args=[case.pk])
    assert 'name="assigned_on"' in client.get(url).content.decode()
    # The case was opened today: an assignment cannot be dated before it.
    refused = client.post(
        url, {"user": staff.examiner.pk, "role": "examiner", "assigned_on": "2026-10-06"}
    )
    assert refused.status_code == 400
    assert "tanggal kasus dibuka" in refused.content.decode()
    case.opened_on = date(2026, 10, 5)
    case.save(update_fields=["opened_on"])
    response = client.post(
        url, {"user": staff.examiner.pk, "role": "examiner", "assigned_on": "2026-10-06"}
    )
    assert response.status_code == 302
    assert case.handlers.get().assigned_on == date(2026, 10, 6)


def test_an_anonymous_letter_without_a_contact_has_nobody_to_tell(
    verified_report, staff, org, open_case
):
    from tegak.cases.models import CaseReport
    from tegak.intake.models import Report

    report = verified_report(org.staff)
    assert report.reporter_mode == "anonymous" and report.channel == "letter"
    assert "anonymous letter" in report.no_reporter_reason
    report.notice_contact_sealed = "tk2.sealed"
    assert report.no_reporter_reason == ""  # a contact given: the reporter can be told
    web = Report(channel="web", reporter_mode="anonymous")
    assert web.no_reporter_reason == ""  # holds the receipt code: reads the tracking page
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[Report.objects.get(pk=report.pk)],
        allegations=[{"employee": org.staff, **ALLEGATION}],
    )
    assert CaseReport.objects.filter(case=case).count() == 1
    for user, role in ((staff.examiner, "examiner"), (staff.official, "authorised_official")):
        services.handler_assign(actor=staff.admin, case=case, user=user, role=role)
    run_to_final(case, staff)
    rows = [r for r in selectors.deadline_rows(case) if r["name"] == "complainant_informed_due"]
    assert [r["mark"] for r in rows] == [Mark.NOT_APPLICABLE]
