"""Done when: in a real Chromium, as the personas click, a verified report becomes a case and
runs to final; the audit chain then verifies, and fails after one event is altered."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.management import call_command

from tegak.audit.models import AuditEvent
from tegak.cases.models import Case
from tests.browser_steps import logged_in, step, submit
from tests.cases.conftest import moment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today(time_machine):
    """Wednesday 25 November 2026, with the clock running (the browser waits on real time)."""
    time_machine.move_to(moment("2026-11-25 10:00"), tick=True)
    return date(2026, 11, 25)


def test_a_verified_report_runs_to_a_final_case_in_the_browser(
    live_server, browser, browser_context_args, verified_report, org, staff, capsys
):
    report = verified_report()

    # The intake officer opens the case from the verified report and assigns the handlers.
    intake = logged_in(browser, browser_context_args, live_server, staff.intake)
    # From the verified report's page, in one form: the employee linked in triage comes ticked.
    intake.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    intake.locator("[data-testid=open-case]").click()
    assert intake.locator(f"input[name=accused][value='{org.staff.pk}']").is_checked()
    # The provision is found in the catalog by its words, then chosen.
    intake.locator("[name=provision_find]").fill("integritas keteladanan")
    intake.locator("[data-testid=find-provision]").click()
    intake.wait_for_load_state()
    intake.locator("input[name=provision][value='pp-94-2021:3:f']").check()
    submit(intake, {"impact": "instansi"})
    case = Case.objects.get()
    assert case.register_number in intake.locator("h1").inner_text()
    for user, role in ((staff.examiner, "examiner"), (staff.official, "authorised_official")):
        intake.locator("a[href$='/penanganan/']").click()
        submit(intake, {"user": str(user.pk), "role": role})
    report.refresh_from_db()
    assert report.status == "in_case"

    # The direct superior summons, examines, records the BAP and reports the findings.
    examiner = logged_in(browser, browser_context_args, live_server, staff.examiner)
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        examiner,
        "summons_issue_1",
        {"issued_on": "2026-10-06", "examination_on": "2026-10-13", "place": "Ruang Rapat"},
    )
    # 7 working days after the letter of 6 October 2026: 15 October (PP 94/2021 Pasal 26(2)).
    summons_row = examiner.locator("table", has=examiner.locator("[data-testid=examination-day]"))
    shown = summons_row.inner_text()
    assert re.search(r"13 (Oktober|October) 2026", shown) and re.search(
        r"15 (Oktober|October) 2026", shown
    )
    step(examiner, "examination_hold", {"held_on": "2026-10-13", "place": "Ruang Rapat"})
    step(
        examiner,
        "question_record",
        {"question": "Di mana Saudara pukul 15.00?", "answer": "Di tempat karaoke."},
    )
    step(examiner, "bap_record", {"completed_on": "2026-10-13", "signed_by_accused": "on"})
    step(
        examiner,
        "findings_report",
        {"reported_on": "2026-10-14", "proven": "yes", "conclusion": "Terbukti."},
    )

    # The authorised official decides, records delivery, and closes after the window.
    official = logged_in(browser, browser_context_args, live_server, staff.official)
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        official,
        "decision_take",
        {"sanction_code": "penundaan_kgb_1_tahun", "decided_on": "2026-10-16"},
    )
    step(official, "decision_deliver", {"delivered_on": "2026-10-19", "received_on": "2026-10-19"})
    window = official.locator("[data-testid=window]").inner_text()
    assert window == "6 November 2026"  # 14 working days after receipt (PP 79/2021 Pasal 4(2))
    step(official, "accused_finalise", {"on": "2026-11-25"})
    assert official.locator("[data-testid=case-status]").inner_text().strip() in {
        "Final",
        "Selesai",
    }

    # The audit chain is intact, and a single altered event breaks it.
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    event = AuditEvent.objects.get(action="decision.taken")
    AuditEvent.objects.filter(pk=event.pk).update(data={**event.data, "sanction_code": "ptdh"})
    with pytest.raises(SystemExit) as failed:
        call_command("audit", "verify")
    assert failed.value.code == 1
    assert f"#{event.sequence}" in capsys.readouterr().err
