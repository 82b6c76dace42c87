"""Staff pages: list, case page, a step through its form, refusals shown on the form, 404s."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.models import Stage
from tegak.core import page_memo
from tegak.law import stored

pytestmark = pytest.mark.django_db


def test_the_case_list_shows_cases_of_the_instansi_filtered(open_case, staff, verified_client):
    case = open_case()
    client = verified_client(staff.intake)
    page = client.get(reverse("cases:list"))
    assert case.register_number in page.content.decode()
    page = client.get(reverse("cases:list"), {"status": "final"})
    assert case.register_number not in page.content.decode()
    table = client.get(reverse("cases:list"), {"status": "open"}, HTTP_HX_REQUEST="true")
    assert case.register_number in table.content.decode()
    assert "<html" not in table.content.decode()


def test_an_outsider_gets_404_for_a_case_and_sees_none_in_the_list(
    open_case, outsider, verified_client
):
    case = open_case()
    client = verified_client(outsider)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert case.register_number not in client.get(reverse("cases:list")).content.decode()


def test_an_examiner_sees_only_cases_assigned_to_them(
    open_case, org, staff, verified_client, instansi
):
    from tests.conftest import make_user

    case = open_case()
    other = make_user("pemeriksa-lain", instansi, "examiner")
    assert verified_client(other).get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_the_examiner_issues_the_summons_through_the_form(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    client = verified_client(staff.examiner)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    url = reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"])
    assert url in page.content.decode()
    response = client.post(
        url,
        {"issued_on": "2026-10-06", "examination_on": "2026-10-13", "place": "Ruang Rapat"},
    )
    assert response.status_code == 302
    accused.refresh_from_db()
    assert accused.stage == Stage.SUMMONED_1
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "13 Oktober 2026" in page and "15 Oktober 2026" in page


def test_a_refused_step_shows_the_reason_on_its_field_and_changes_nothing(
    open_case, staff, verified_client
):
    case = open_case()
    accused = case.accused.get()
    client = verified_client(staff.examiner)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"]),
        {"issued_on": "2026-10-06", "examination_on": "2026-10-20", "place": "Ruang Rapat"},
    )
    assert response.status_code == 400
    assert "15 Oktober 2026" in response.content.decode()
    assert response.context["form"].errors["examination_on"]
    accused.refresh_from_db()
    assert accused.stage == Stage.OPENED and AuditEvent.objects.count() == before


def test_a_step_by_the_wrong_role_is_refused_with_the_reason(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    client = verified_client(staff.official)
    response = client.post(
        reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"]),
        {"issued_on": "2026-10-06", "examination_on": "2026-10-13", "place": "Ruang Rapat"},
    )
    # Refused before any form, as showing the form is (tests/cases/test_step_forms_refused.py),
    # and the page says why.
    assert response.status_code == 403
    assert "Hanya Pemeriksa yang ditugaskan pada kasus ini" in response.content.decode()
    accused.refresh_from_db()
    assert accused.stage == Stage.OPENED


def test_a_step_under_the_wrong_app_is_not_found(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    client = verified_client(staff.examiner)
    url = reverse("decisions:step", args=[case.pk, accused.pk, "summons_issue_1"])
    assert client.get(url).status_code == 404


def test_the_case_page_flags_a_contradicted_statement(open_case, staff, verified_client):
    from tests.cases.conftest import moment

    case = open_case(committed_at=moment("2026-10-02 15:00"))
    client = verified_client(staff.intake)
    response = client.post(
        reverse("cases:statement_add", args=[case.pk]),
        {
            "source": "unit",
            "given_on": "2026-10-07",
            "claim": "after",
            "text": "Di luar jam kerja.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="contradiction"' in page


def test_opening_a_case_ex_officio_through_the_form(org, staff, verified_client, today):
    client = verified_client(staff.examiner)
    response = client.post(
        reverse("cases:open"),
        {
            "employee": org.staff.pk,
            "provision": "pp-94-2021:3:f",
            "committed_on": "2026-10-02",
            "committed_time": "15:00",
            "impact": "unit_kerja",
            "known_to_superior_on": "2026-10-05",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("cases:open"),
        {"employee": org.staff.pk, "provision": "pasal lima", "committed_on": "2026-10-02"},
    )
    assert bad.status_code == 400 and bad.context["form"].errors["provision"]


def test_case_page_query_count_does_not_grow_with_steps(
    open_case, staff, verified_client, django_assert_max_num_queries
):
    from tests.cases.test_flow import run_to_final_until_delivery

    case = open_case()
    run_to_final_until_delivery(case, staff)
    client = verified_client(staff.official)
    # The chain of superiors is read on two days (the offence, for the post and chain then; the
    # day the superior learned of it, for the examiner by law): about 16 registry queries each.
    with django_assert_max_num_queries(80):
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_case_page_asks_no_question_twice_and_the_next_page_sees_a_new_day_off(
    open_case, staff, verified_client
):
    from collections import Counter

    from django.db import connection

    from tegak.law.models import CalendarDay
    from tests.cases.test_flow import run_to_final_until_delivery

    case = open_case()
    run_to_final_until_delivery(case, staff)
    client = verified_client(staff.official)
    url = reverse("cases:detail", args=[case.pk])
    asked: Counter[tuple[str, str]] = Counter()

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        asked[(sql, repr(params))] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    # The deadlines, the timeline, the attendance days and the posts and superiors of the
    # accused on the offence's day and on the day the superior learned of it share their reads.
    assert [sql for (sql, _), times in asked.items() if times > 1] == []
    assert sum(times for (sql, _), times in asked.items() if '"law_calendarday"' in sql) == 1

    # Kept for one page only: a day off entered afterwards counts from the next page on.
    day = date(2026, 12, 28)  # a Monday
    registry, calendar_id = stored.deadline_calendar(case.instansi)
    assert registry.calendar(calendar_id).is_working_day(day)
    with page_memo.kept():
        kept = stored.instansi_registry(case.instansi)
        assert stored.instansi_registry(case.instansi) is kept
        CalendarDay.objects.create(
            instansi=case.instansi, day=day, kind="regional_holiday", name="Libur daerah"
        )
        assert kept.calendar(calendar_id).is_working_day(day)
    registry, calendar_id = stored.deadline_calendar(case.instansi)
    assert not registry.calendar(calendar_id).is_working_day(day)
    assert client.get(url).status_code == 200


def test_the_next_superior_sees_the_escalation_among_their_notices(
    open_case, staff, verified_client, time_machine
):
    from tegak.cases.reminders import clocks_sweep
    from tests.cases.conftest import moment

    time_machine.move_to(moment("2026-10-05 10:00"), tick=False)
    case = open_case(known_on=date(2026, 10, 5))
    clocks_sweep(today=date(2026, 10, 15))
    client = verified_client(staff.official)
    assert "pemberitahuan" in client.get(reverse("cases:list")).content.decode()
    page = client.get(reverse("cases:notices")).content.decode()
    assert case.register_number in page


def test_case_page_has_a_plain_title_and_links_to_its_documents(open_case, staff, verified_client):
    case = open_case()
    page = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    body = page.content.decode()
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert case.register_number in title and "<" not in title
    assert reverse("documents:case", args=[case.pk]) in body


def test_the_case_list_finds_a_case_by_the_accused_name(open_case, org, staff, verified_client):
    case = open_case()
    other = open_case(assign=True, provision="pp-94-2021:5:j")
    client = verified_client(staff.examiner)
    name_word = org.staff.name.split()[0]
    body = client.post(reverse("cases:list"), {"query": name_word}).content.decode()
    assert case.register_number in body
    assert other.register_number in body  # same accused in both
    body = client.post(
        reverse("cases:list"), {"query": "tidak-ada-nama-seperti-itu"}
    ).content.decode()
    assert case.register_number not in body
    # The search form posts: a name never lands in the URL.
    page = client.get(reverse("cases:list")).content.decode()
    assert 'method="post" action="' + reverse("cases:list") in page


def test_case_page_shows_the_accused_check_ins_beside_the_evidence(
    open_case, org, staff, verified_client
):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from tegak.attendance.models import DailyCheckIn

    wib = ZoneInfo("Asia/Jakarta")
    DailyCheckIn.objects.create(
        employee=org.staff,
        day=date(2026, 10, 2),
        first_at=datetime(2026, 10, 2, 7, 41, tzinfo=wib),
        last_at=datetime(2026, 10, 2, 14, 5, tzinfo=wib),
    )
    case = open_case(committed_at=datetime(2026, 10, 2, 15, 0, tzinfo=wib))
    body = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    html = body.content.decode()
    section = html.split('class="attendance-timeline"', 1)[1]
    assert 'data-day="2026-10-02"' in section
    assert "07:41" in section and "14:05" in section  # arrival and departure that day


def test_one_contradiction_note_names_every_allegation_of_the_moment(
    open_case, org, staff, verified_client
):
    """Walk: an event alleged under two provisions printed the same 'contradicts the evidence'
    note twice on the case page; it is one note, naming both allegations."""
    from tegak.cases import services
    from tests.cases.conftest import moment

    case = open_case(committed_at=moment("2026-10-02 15:00"))
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.staff,
            "provision": "pp-94-2021:5:j",
            "committed_on": date(2026, 10, 2),
            "committed_at": moment("2026-10-02 15:00"),
            "impact": "instansi",
        },
    )
    client = verified_client(staff.intake)
    response = client.post(
        reverse("cases:statement_add", args=[case.pk]),
        {"source": "unit", "given_on": "2026-10-07", "claim": "after", "text": "Di luar jam."},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    notes = re.findall(r'data-testid="contradiction">(.*?)</p>', page, re.S)
    assert len(notes) == 1, notes
    assert "Pasal 3" in notes[0] and "Pasal 5" in notes[0], notes[0]


def test_assigning_an_examiner_the_law_does_not_name_says_so_at_once(
    open_case, org, instansi, staff, verified_client
):
    """Seed walk: the demo's examiner, outside the TKK's chain, was assigned and listed as
    "Pemeriksa (atasan langsung)" without a word; her steps were then refused one by one."""
    from tests.conftest import make_user

    outside = make_user("analis-sdm", instansi, "examiner")
    outside.employee = org.personnel
    outside.save()
    case = open_case(assign=False)
    client = verified_client(staff.admin)
    url = reverse("cases:handler_assign", args=[case.pk])
    page = client.post(
        url, {"user": outside.pk, "role": "examiner", "assigned_on": ""}, follow=True
    ).content.decode()
    # The examination is the direct superior's alone: the Sekwan decides but does not examine
    # for being so (PP 94/2021 Pasal 27(4), reading C35).
    assert "kepada Kabag Uji, bukan kepada Analis SDM" in page
    assert "wajib disertai alasan tertulis" in page
    assert "Pemeriksa (atasan langsung)" not in page
    # The direct superior: no such word.
    page = client.post(
        url, {"user": staff.examiner.pk, "role": "examiner", "assigned_on": ""}, follow=True
    ).content.decode()
    assert "bukan kepada Kabag Uji" not in page and "Ditugaskan." in page
    # The decider: the Sekwan is the lawful one, the Sekda is not.
    page = client.post(
        url,
        {"user": staff.sekda.pk, "role": "authorised_official", "assigned_on": ""},
        follow=True,
    ).content.decode()
    assert "Sekwan Uji, bukan kepada Sekda Uji" in page


def test_an_assignment_made_by_mistake_is_ended_from_the_case_page(
    open_case, org, instansi, staff, verified_client
):
    """Seed walk: an official assigned by mistake stayed under "Penangan" beside the right one,
    with no way to end the assignment."""
    from tegak.audit.models import AuditEvent
    from tegak.cases.models import CaseHandler
    from tests.conftest import make_user

    outside = make_user("analis-sdm", instansi, "examiner")
    outside.employee = org.personnel
    outside.save()
    case = open_case(assign=False)
    client = verified_client(staff.admin)
    client.post(
        reverse("cases:handler_assign", args=[case.pk]),
        {"user": outside.pk, "role": "examiner", "assigned_on": ""},
    )
    mistaken = CaseHandler.objects.get(case=case, user=outside)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    end_url = reverse("cases:handler_end", args=[case.pk, mistaken.pk])
    assert f'action="{end_url}"' in page and "Akhiri penugasan" in page
    page = client.post(end_url, follow=True).content.decode()
    assert "Penugasan telah diakhiri." in page
    mistaken.refresh_from_db()
    assert not mistaken.active
    assert AuditEvent.objects.filter(action="case.handler_removed").count() == 1
    listed = page.split('id="handlers-heading"', 1)[1].split("</section>", 1)[0]
    assert "Analis SDM" not in listed
    # Ending it twice says so and changes nothing.
    page = client.post(end_url, follow=True).content.decode()
    assert "Penugasan ini sudah berakhir." in page
    assert AuditEvent.objects.filter(action="case.handler_removed").count() == 1
    # An examiner of the case may not end anyone's assignment.
    refused = verified_client(staff.examiner).post(end_url)
    assert refused.status_code in (403, 404)
