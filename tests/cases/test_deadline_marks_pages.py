"""Deadline marks as the pages show them (#13 item 4): the case page (Indonesian) and the public
register (/register/) mark a duty kept ("tepat waktu") only when its step came within its time,
late ("terlambat") only when after, "berjalan" while a duty with no step is not yet due and
"lewat tenggat" after; the accused's rights (the objection window) and dates set by law (the
effective day) carry no mark; a past case entered with 2022 dates is marked against those dates,
not against today. The selector-level cases are in test_deadline_marks.py."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.hearings import services as hearings
from tegak.portal.services import register_refresh
from tests.cases.conftest import moment
from tests.cases.test_flow import run_to_final

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr data-testid="clock-row" data-clock="([a-z_]+)" data-mark="([a-z_]*)">(.*?)</tr>', re.S
)
MARK = re.compile(r'data-testid="mark">([^<]*)<')
REGISTER_ITEM = re.compile(r'<li data-mark="([a-z_]*)">(.*?)</li>', re.S)


def case_page(client, case):
    """{clock name: (mark, the words of the mark)} as the Indonesian case page shows them."""
    page = client.get(reverse("cases:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    rows = {}
    for name, mark, cells in ROW.findall(page.content.decode()):
        words = MARK.search(cells)
        rows[name] = (mark, words.group(1).strip() if words else "")
    return rows


def register(client):
    """[(mark, text)] of every deadline the public register (Indonesian) lists."""
    register_refresh()
    client.logout()
    page = client.get(reverse("portal:register"), HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    return [
        (mark, " ".join(re.sub(r"<[^>]+>", "", text).split()))
        for mark, text in REGISTER_ITEM.findall(page.content.decode())
    ]


def test_a_case_done_on_time_shows_kept_and_no_mark_on_rights_or_dates(
    open_case, staff, verified_client
):
    case = open_case()
    run_to_final(case, staff)
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"] == ("kept", "tepat waktu")
    assert rows["examination_latest"] == ("kept", "tepat waktu")
    # The objection window is the accused's right, the effective day a date of the law.
    assert rows["objection_due"] == ("", "hak terlapor (tanpa tanda)")
    assert rows["takes_effect"] == ("", "tanggal menurut hukum (tanpa tanda)")
    assert {mark for mark, _words in rows.values()} <= {"kept", ""}, rows

    items = register(verified_client(staff.official))
    assert items and {mark for mark, _text in items} <= {"kept", ""}, items
    kept = [text for mark, text in items if mark == "kept"]
    assert kept and all(text.startswith("tepat waktu:") for text in kept), kept
    rights = [text for mark, text in items if "Keberatan dapat diajukan" in text]
    assert rights and all(mark == "" for mark, text in items if text in rights)
    assert not any("terlambat" in text or "lewat tenggat" in text for _mark, text in items)


def test_a_summons_after_the_limit_is_late_on_the_page_and_the_register(
    open_case, staff, verified_client
):
    # Known on Monday 5 October 2026: the summons was due by 14 October; it came on the 21st.
    case = open_case()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=case.accused.get(),
        number=1,
        issued_on=date(2026, 10, 21),
        examination_on=date(2026, 10, 26),
        place="Ruang Rapat",
    )
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"][0] == "late"
    assert rows["superior_must_summon"][1] == "terlambat"
    items = register(verified_client(staff.official))
    late = [text for mark, text in items if mark == "late"]
    assert len(late) == 1 and late[0].startswith("terlambat:"), items


def test_a_duty_with_no_step_is_open_until_its_day_and_overdue_after(
    open_case, staff, verified_client, time_machine
):
    # Known on Friday 20 November 2026: the summons is due by 1 December (7 working days).
    case = open_case(committed_on=date(2026, 11, 19), known_on=date(2026, 11, 20))
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"] == ("open", "berjalan")
    assert [mark for mark, _text in register(verified_client(staff.official))] == ["open"]

    time_machine.move_to(moment("2026-12-02 09:00"), tick=False)
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"] == ("overdue", "lewat tenggat")
    items = register(verified_client(staff.official))
    assert [mark for mark, _text in items] == ["overdue"]
    assert items[0][1].startswith("lewat tenggat:")


def test_a_2022_case_entered_today_is_marked_against_its_own_dates(
    open_case, staff, verified_client
):
    """Entered on 25 November 2026 with 2022 dates: the summons and the examination, both in
    time in 2022, are kept; the findings not yet recorded leave no duty "berjalan" four years
    on."""
    case = open_case(committed_on=date(2022, 8, 26), known_on=date(2022, 9, 22))
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2022, 9, 26),
        examination_on=date(2022, 9, 29),
        place="Ruang Rapat",
    )
    hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2022, 9, 29), place="Ruang Rapat"
    )
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"] == ("kept", "tepat waktu")
    assert rows["examination_latest"] == ("kept", "tepat waktu")
    assert "open" not in {mark for mark, _words in rows.values()}, rows
    items = register(verified_client(staff.official))
    assert [mark for mark, _text in items if mark] == ["kept", "kept"], items


def test_a_2022_duty_never_met_is_overdue_not_running(open_case, staff, verified_client):
    case = open_case(committed_on=date(2022, 8, 26), known_on=date(2022, 9, 22))
    rows = case_page(verified_client(staff.official), case)
    assert rows["superior_must_summon"] == ("overdue", "lewat tenggat")
    assert [mark for mark, _text in register(verified_client(staff.official))] == ["overdue"]
