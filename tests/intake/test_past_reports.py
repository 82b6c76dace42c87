"""Reports entered after the fact (a 2021 report entered in 2026): each triage step carries the
day it happened (not in the future, not before the report was received, not before the step it
follows), the reporter's clocks are read from that day, and the audit log keeps when it was
entered. A report taken from the news carries its outlet, its publication day and the day the
agency learned of it, which is the day it counts as received."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.intake import services
from tegak.intake.models import Report

pytestmark = pytest.mark.django_db


def _day(moment):
    return timezone.localtime(moment).date()


@pytest.fixture
def letter_2021(intake_officer, instansi, report_input):
    """A letter received on Monday 6 September 2021, entered today."""
    report, _code = services.report_create_by_staff(
        actor=intake_officer,
        instansi=instansi,
        channel="letter",
        received_on=date(2021, 9, 6),
        data=report_input(occurred_on=date(2021, 9, 2)),
    )
    return report


@pytest.fixture
def phoned_duplicate(intake_officer, instansi, report_input):
    """The same matter telephoned in on Tuesday 7 September 2021, entered today."""
    report, _code = services.report_create_by_staff(
        actor=intake_officer,
        instansi=instansi,
        channel="phone",
        received_on=date(2021, 9, 7),
        data=report_input(occurred_on=date(2021, 9, 2)),
    )
    return report


def test_a_verification_entered_later_carries_the_day_it_happened(letter_2021, intake_officer):
    report = services.report_verify(actor=intake_officer, report=letter_2021, on=date(2021, 9, 7))
    report.refresh_from_db()
    assert _day(report.verified_at) == date(2021, 9, 7)
    # The report was taken up that day: the acknowledgment clock was kept, not missed in 2026.
    assert _day(report.acknowledged_at) == date(2021, 9, 7) <= report.acknowledge_due
    event = AuditEvent.objects.get(action="report.verified")
    assert event.data["on"] == "2021-09-07"
    assert _day(event.occurred_at) == timezone.localdate()  # entered today


@pytest.mark.parametrize(
    ("on", "why"),
    [
        (date(2099, 1, 1), "masa depan"),
        (date(2021, 9, 5), "tanggal laporan diterima (6 September 2021)"),
    ],
)
def test_a_step_day_in_the_future_or_before_receipt_is_refused(
    letter_2021, intake_officer, on, why
):
    with pytest.raises(InputError) as error:
        services.report_verify(actor=intake_officer, report=letter_2021, on=on)
    assert error.value.field == "on" and why in error.value.message
    letter_2021.refresh_from_db()
    assert letter_2021.status == "received" and letter_2021.verified_at is None


def test_a_rejection_cannot_come_before_the_verification(letter_2021, intake_officer):
    services.report_verify(actor=intake_officer, report=letter_2021, on=date(2021, 9, 10))
    with pytest.raises(InputError) as error:
        services.report_forward(
            actor=intake_officer,
            report=letter_2021,
            forwarded_to="Inspektorat Provinsi",
            letter_reference="800/1/2021",
            on=date(2021, 9, 8),
        )
    assert error.value.field == "on" and "verifikasi" in error.value.message
    report = services.report_forward(
        actor=intake_officer,
        report=letter_2021,
        forwarded_to="Inspektorat Provinsi",
        letter_reference="800/1/2021",
        on=date(2021, 9, 13),
    )
    report.refresh_from_db()
    assert _day(report.closed_at) == date(2021, 9, 13)
    # The reporter was told that day: the first answer (14 days, UU 25/2009 Pasal 44(3)) was kept.
    assert _day(report.first_answered_at) == date(2021, 9, 13) <= report.first_answer_due


def test_a_rejection_entered_later(letter_2021, intake_officer):
    report = services.report_reject(
        actor=intake_officer,
        report=letter_2021,
        reason="Perselisihan pribadi bukan pelanggaran disiplin pegawai.",
        on=date(2021, 9, 30),
    )
    report.refresh_from_db()
    assert _day(report.closed_at) == date(2021, 9, 30)
    assert _day(report.first_answered_at) == date(2021, 9, 30) > report.first_answer_due  # late
    assert AuditEvent.objects.get(action="report.rejected").data["on"] == "2021-09-30"


def test_without_a_day_the_step_is_today(letter_2021, intake_officer):
    report = services.report_verify(actor=intake_officer, report=letter_2021)
    assert _day(report.verified_at) == timezone.localdate()
    assert "on" not in AuditEvent.objects.get(action="report.verified").data


def test_the_triage_page_takes_the_day(verified_client, letter_2021, intake_officer):
    client = verified_client(intake_officer)
    page = client.get(reverse("intake:detail", args=[letter_2021.pk])).content.decode()
    for name in ("verify-on", "reject-on", "forward-on"):
        assert f'name="{name}"' in page
    url = reverse("intake:action", args=[letter_2021.pk, "verify"])
    refused = client.post(url, {"verify-note": "", "verify-on": "2021-09-01"})
    assert refused.status_code == 400
    assert "tanggal laporan diterima" in refused.content.decode()
    assert client.post(url, {"verify-note": "", "verify-on": "2021-09-07"}).status_code == 302
    page = client.get(reverse("intake:detail", args=[letter_2021.pk])).content.decode()
    assert 'data-testid="verified-on">7 September 2021<' in page


# --- reports from the news ---------------------------------------------------------------


def _media(intake_officer, instansi, **overrides):
    values = {
        "actor": intake_officer,
        "instansi": instansi,
        "source_url": "https://berita.test/tiktok-tkk",
        "outlet": "IndependensI.com",
        "published_on": date(2021, 9, 6),
        "text": "Tujuh TKK membuat video di luar kepatutan pada jam kerja.",
        "occurred_on": date(2021, 9, 2),
    }
    values.update(overrides)
    return services.report_create_from_media(**values)


def test_a_news_report_counts_as_received_the_day_the_agency_learned_of_it(
    intake_officer, instansi
):
    report = _media(intake_officer, instansi)
    assert report.source_outlet == "IndependensI.com"
    assert report.source_published_on == report.source_seen_on == date(2021, 9, 6)
    assert _day(report.received_at) == date(2021, 9, 6)  # default: the publication day
    assert report.acknowledge_due < date(2021, 10, 1)  # clocks from then, not from today
    later = _media(intake_officer, instansi, seen_on=date(2021, 9, 8))
    assert _day(later.received_at) == date(2021, 9, 8)
    event = AuditEvent.objects.filter(action="report.created_from_media").latest("sequence")
    assert event.data["published_on"] == "2021-09-06" and event.data["learned_on"] == "2021-09-08"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"published_on": date(2099, 1, 1)}, "published_on"),
        ({"published_on": None}, "published_on"),
        ({"seen_on": date(2021, 9, 5)}, "seen_on"),
        ({"seen_on": date(2099, 1, 1)}, "seen_on"),
    ],
)
def test_a_news_report_with_impossible_days_is_refused(intake_officer, instansi, overrides, field):
    with pytest.raises(InputError) as error:
        _media(intake_officer, instansi, **overrides)
    assert error.value.field == field
    assert Report.objects.count() == 0


def test_the_media_page_asks_for_the_outlet_and_the_publication_day(
    verified_client, intake_officer, instansi
):
    client = verified_client(intake_officer)
    form = client.get(reverse("intake:media_entry")).content.decode()
    assert "Tanggal terbit" in form and "Tanggal instansi mengetahuinya" in form
    assert 'name="outlet"' in form
    response = client.post(
        reverse("intake:media_entry"),
        {
            "source_url": "https://berita.test/tiktok-tkk",
            "outlet": "IndependensI.com",
            "published_on": "2021-09-06",
            "seen_on": "",
            "text": "Tujuh TKK membuat video di luar kepatutan.",
            "occurred_timezone": "WIB",
        },
    )
    assert response.status_code == 201
    report = Report.objects.get()
    assert _day(report.received_at) == date(2021, 9, 6)
    page = client.get(reverse("intake:detail", args=[report.pk])).content.decode()
    assert "IndependensI.com" in page and "terbit pada 6 September 2021" in page


def test_a_news_report_owes_nobody_a_first_answer(verified_client, intake_officer, instansi):
    from tegak.intake.selectors import overdue_condition

    report = _media(intake_officer, instansi)
    services.report_acknowledge(actor=intake_officer, report=report)
    assert report.no_reporter_reason
    # Its first-answer day (2021) is long past, yet it is not overdue: there is no reporter.
    assert report.first_answer_due < timezone.localdate()
    assert not Report.objects.filter(overdue_condition(timezone.localdate())).exists()
    page = verified_client(intake_officer).get(reverse("intake:detail", args=[report.pk]))
    answer = page.content.decode().split('data-testid="first-answer">', 1)[1].split("</dd>")[0]
    assert "tidak berlaku" in answer and "tidak ada pelapor" in answer


def _enter_by_form(client, **fields):
    from tests.intake.test_views import FORM

    data = {**FORM, "channel": "letter", "lapor_tracking_number": "", "letter_reference": ""}
    return client.post(reverse("intake:staff_entry"), {**data, **fields})


def test_a_letter_received_on_a_date_only_keeps_its_time_unknown(
    verified_client, intake_officer, time_machine
):
    """Walk: a letter stamped 'diterima 20 November 2026' was entered as received at 12:00.
    The time stays unknown (reading C26), on the page and the receipt, and the reporter's clocks
    count from the day, as for the same day with a known time."""
    from tegak.documents.receipts import receipt_context

    time_machine.move_to("2026-11-25 09:00:00+07:00", tick=False)
    client = verified_client(intake_officer)
    assert _enter_by_form(client, received_on="2026-11-20").status_code == 201
    assert (
        _enter_by_form(client, received_on="2026-11-20", received_time="16:30").status_code == 201
    )
    # Today's date without a time, entered before noon: not refused as a moment in the future.
    assert _enter_by_form(client, received_on="2026-11-25").status_code == 201
    day_only, timed, today = Report.objects.order_by("pk")
    assert day_only.received_time_unknown and today.received_time_unknown
    assert not timed.received_time_unknown
    assert _day(day_only.received_at) == _day(timed.received_at) == date(2026, 11, 20)
    assert _day(today.received_at) == date(2026, 11, 25)
    assert (day_only.acknowledge_due, day_only.first_answer_due) == (
        timed.acknowledge_due,
        timed.first_answer_due,
    )
    page = client.get(reverse("intake:detail", args=[day_only.pk])).content.decode()
    assert 'data-testid="received-day-only"' in page and "12:00" not in page
    timed_page = client.get(reverse("intake:detail", args=[timed.pk])).content.decode()
    assert "16:30" in timed_page
    board = client.get(reverse("dashboard:home")).content.decode()
    received = re.findall(r'data-testid="new-report-received">(.*?)</span>', board, re.S)
    assert len(received) == 3 and sum("16.30" in text for text in received) == 1, received
    assert not any("12.00" in text or "12:00" in text for text in received), received
    receipt = receipt_context(day_only, receipt_code="X")
    assert "12.00" not in receipt["report"]["received_at"]
    assert "tidak tercatat" in receipt["report"]["received_at"]
    # The receipt's cell reads as a sentence: no "pukul" before a missing time.
    assert receipt["report"]["received_when"] == "Jumat, 20 November 2026 (jam tidak tercatat)"
    assert "pukul" in receipt_context(timed, receipt_code="Y")["report"]["received_when"]


def test_a_merge_and_a_link_entered_later_carry_the_day_they_happened(
    letter_2021, phoned_duplicate, intake_officer, employee, verified_client
):
    """Walk: verification, rejection and forwarding took a past day, but merging a duplicate
    and linking an employee were always dated today, stopping the 2021 clocks in 2026."""
    client = verified_client(intake_officer)
    link_url = reverse("intake:action", args=[letter_2021.pk, "link"])
    # Not before the report was received, nor in the future: refused, on the page, nothing kept.
    for day, why in (("2021-09-05", "6 September 2021"), ("2099-01-01", "masa depan")):
        refused = client.post(link_url, {"employee": employee.pk, "link-on": day})
        assert refused.status_code == 400 and why in refused.content.decode()
    assert not letter_2021.accused.exists()
    linked = client.post(link_url, {"employee": employee.pk, "link-on": "2021-09-08"})
    assert linked.status_code == 302
    link = letter_2021.accused.get()
    assert _day(link.linked_at) == date(2021, 9, 8)
    letter_2021.refresh_from_db()
    assert _day(letter_2021.acknowledged_at) == date(2021, 9, 8)
    event = AuditEvent.objects.get(action="report.accused_linked")
    assert event.data["on"] == "2021-09-08"

    merge_url = reverse("intake:action", args=[phoned_duplicate.pk, "merge"])
    # Not before the report it joins was received (6 September: fine) nor before its own (7th).
    refused = client.post(merge_url, {"into": letter_2021.pk, "on": "2021-09-06"})
    assert refused.status_code == 400 and "7 September 2021" in refused.content.decode()
    assert client.post(merge_url, {"into": letter_2021.pk, "on": "2021-09-09"}).status_code == 302
    phoned_duplicate.refresh_from_db()
    assert phoned_duplicate.status == "merged" and _day(phoned_duplicate.closed_at) == date(
        2021, 9, 9
    )
    assert _day(phoned_duplicate.acknowledged_at) == date(2021, 9, 9)
    assert AuditEvent.objects.get(action="report.merged").data["on"] == "2021-09-09"


def test_a_duplicate_is_merged_by_the_number_staff_see_on_the_report(
    letter_2021, phoned_duplicate, intake_officer, verified_client
):
    """The seed walk: merging asked for the report's internal id in a number box, so the
    number printed on the report ("LAP-2021-000008") could not be typed."""
    client = verified_client(intake_officer)
    client.cookies["django_language"] = "id"
    merge_url = reverse("intake:action", args=[phoned_duplicate.pk, "merge"])
    wrong_year = letter_2021.reference.replace("LAP-2021-", "LAP-2020-")
    for typed, why in (
        ("laporan delapan", "misalnya LAP-2022-000008"),
        (wrong_year, "Tidak ada laporan"),
    ):
        refused = client.post(merge_url, {"into": typed, "on": "2021-09-09"})
        body = refused.content.decode()
        assert refused.status_code == 400 and why in body and typed in body
    phoned_duplicate.refresh_from_db()
    assert phoned_duplicate.status != "merged"
    typed = letter_2021.reference.lower()
    assert client.post(merge_url, {"into": typed, "on": "2021-09-09"}).status_code == 302
    phoned_duplicate.refresh_from_db()
    assert phoned_duplicate.status == "merged" and phoned_duplicate.merged_into_id == letter_2021.pk
