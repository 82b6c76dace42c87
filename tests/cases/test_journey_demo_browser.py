"""The karaoke seed story walked in the DEMO agency (Kota Sukamaju, fictional) in Chromium, by the
demo accounts as an agency would use them: a citizen reports anonymously on the portal with the
bill, the intake officer links and verifies and opens the case, the examiner (Kepala Bidang Bina
Marga, the accused's direct superior) summons and examines, the authorised official (Kepala Dinas
PUPR, the superior of the direct superior, whom the engine names for a moderate sanction) decides
and delivers and closes it after the objection window, and the reporter reads the outcome by the
receipt code; the public register shows it without a name and without a late mark.

The demo's accounts hold their posts only from 2021 (the Kepala Dinas) and 2025 (the Kepala
Bidang), so the story is set in the demo's present (a Friday in November 2026) rather than in
2022: with 2022 dates the demo examiner would not be the accused's superior on the step's day.

Screenshots under test-results/demo-journey/.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from tegak.accounts.models import User
from tegak.cases.models import Case
from tegak.intake.models import Report
from tegak.jobs.runner import drain
from tegak.people.models import Employee
from tests.cases.conftest import moment
from tests.cases.test_browser_case import logged_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("test-results/demo-journey")
ACCUSED_NAME = "Indah Manurung"  # PNS, Penata Layanan Operasional, Bidang Bina Marga, since 2021


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def main_text(page) -> str:
    return page.locator("main").inner_text()


def no_errors(page) -> None:
    errors = page.locator(".errorlist, .error-summary")
    assert errors.count() == 0, errors.first.inner_text()


def step(page, name: str, fields: dict[str, str]) -> None:
    page.locator(f"a[data-step={name}]").first.click()
    page.wait_for_load_state()
    submit(page, fields)
    no_errors(page)


@pytest.fixture
def demo_agency(db):
    """The demo registry and accounts, as `tegak demo` loads them."""
    from tegak.accounts import demo as accounts_demo
    from tegak.people import demo as people_demo

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    return {user.username: user for user in User.objects.all()}


def test_the_karaoke_story_in_the_demo_agency_by_its_accounts_in_chromium(
    live_server, browser, browser_context_args, time_machine, demo_agency, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    users = demo_agency
    accused = Employee.objects.get(name=ACCUSED_NAME)
    assert accused.status == "PNS"

    def login(username: str, when: str):
        time_machine.move_to(moment(when), tick=True)
        page = logged_in(browser, browser_context_args, live_server, users[username])
        page.set_default_timeout(30000)
        return page

    bill = tmp_path / "nota-karaoke.jpg"
    Image.new("RGB", (320, 160), "white").save(bill)

    # Monday 23 November 2026: the reporter files anonymously, with the bill.
    time_machine.move_to(moment("2026-11-23 19:00"), tick=True)
    reporter = browser.new_context(**browser_context_args).new_page()
    reporter.set_default_timeout(30000)
    reporter.goto(live_server.url + "/lapor/")
    chooser = reporter.locator("select[name=instansi]")
    if chooser.count():
        chooser.select_option(label="Pemerintah Kota Sukamaju")
    reporter.fill("[name=accused_text]", "Pegawai Bidang Bina Marga Dinas PUPR")
    reporter.fill(
        "[name=description]",
        "Pada hari Jumat 20 November 2026 sekitar pukul 15.00 WIB pegawai Bidang Bina Marga "
        "berkaraoke, padahal jam pulang hari Jumat pukul 16.00 WIB. Nota karaoke terlampir.",
    )
    reporter.fill("[name=summary]", "Karaoke pada jam kerja")
    reporter.fill("[name=occurred_on]", "2026-11-20")
    reporter.fill("[name=occurred_time]", "15:00")
    reporter.fill("[name=location]", "Tempat karaoke, pusat kota Sukamaju")
    reporter.set_input_files("[name=files]", str(bill))
    reporter.check("[name=reporter_mode][value=anonymous]")
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    shot(reporter, "01-receipt")
    code = re.search(r"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", main_text(reporter))
    assert code, main_text(reporter)
    report = Report.objects.get()

    # Tuesday 24 November: the intake officer links the employee, verifies, opens the case and
    # assigns the examiner and the authorised official.
    intake = login("intake-officer", "2026-11-24 09:00")
    intake.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    intake.fill("[name=q]", accused.nip)
    intake.locator("form:has([name=q]) button").click()
    intake.get_by_role("button", name="Kaitkan ke laporan").click()
    intake.wait_for_load_state()
    intake.fill("[name=verify-note]", "Nota karaoke bertanggal 20 November 2026 terlampir.")
    intake.get_by_role("button", name="Verifikasi").click()
    intake.wait_for_load_state()
    assert "Laporan sudah diverifikasi" in main_text(intake)
    intake.locator("[data-testid=open-case]").click()
    intake.wait_for_load_state()
    assert intake.locator(f"input[name=accused][value='{accused.pk}']").is_checked()
    intake.locator("[name=provision_find]").fill("integritas keteladanan")
    intake.locator("[data-testid=find-provision]").click()
    intake.wait_for_load_state()
    intake.locator("input[name=provision][value='pp-94-2021:3:f']").check()
    submit(
        intake,
        {
            "impact": "instansi",
            "summary": "Karaoke pada jam kerja, Jumat 20 November 2026",
            "known_to_superior_on": "2026-11-24",
        },
    )
    no_errors(intake)
    case = Case.objects.get()
    for username, role in (
        ("examiner", "examiner"),
        ("authorised-official", "authorised_official"),
    ):
        intake.locator("a[href$='/penanganan/']").click()
        submit(intake, {"user": str(users[username].pk), "role": role})
        no_errors(intake)
    page = main_text(intake)
    shot(intake, "02-case-opened")
    assert "Atasan dari atasan langsung" in page
    assert "Tari Laras Saragih" in page and "Candra Mokodompit" in page

    # The examiner (the direct superior) summons on 24 November, examines on 26 November.
    examiner = login("examiner", "2026-11-24 10:00")
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        examiner,
        "summons_issue_1",
        {"issued_on": "2026-11-24", "examination_on": "2026-11-26", "place": "Ruang Rapat"},
    )
    examiner = login("examiner", "2026-11-26 10:00")
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(examiner, "examination_hold", {"held_on": "2026-11-26", "place": "Ruang Rapat"})
    step(
        examiner,
        "question_record",
        {
            "question": "Di mana Saudara pada hari Jumat 20 November 2026 pukul 15.00?",
            "answer": "Di tempat karaoke, merayakan ulang tahun rekan.",
        },
    )
    step(examiner, "bap_record", {"completed_on": "2026-11-26", "signed_by_accused": "on"})
    step(
        examiner,
        "findings_report",
        {
            "reported_on": "2026-11-26",
            "proven": "yes",
            "conclusion": "Terbukti berada di tempat karaoke pada jam kerja.",
        },
    )
    shot(examiner, "03-findings")

    # Friday 27 November: the authorised official decides and delivers.
    official = login("authorised-official", "2026-11-27 10:00")
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        official,
        "decision_take",
        {"sanction_code": "penundaan_kgb_1_tahun", "decided_on": "2026-11-27"},
    )
    step(official, "decision_deliver", {"delivered_on": "2026-11-27", "received_on": "2026-11-27"})
    shot(official, "04-delivered")
    window = official.locator("[data-testid=window]").inner_text().strip()
    assert re.fullmatch(r"2026-12-\d\d", window), window

    # After the objection window (no objection), he closes the matter as final.
    official = login("authorised-official", "2026-12-21 10:00")
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(official, "accused_finalise", {"on": "2026-12-21"})
    page = main_text(official)
    shot(official, "05-final")
    assert official.locator("[data-testid=case-status]").inner_text().strip() == "Selesai"
    for raw in ("penundaan_kgb_1_tahun", "atasan_dari_atasan_langsung", "None", "Traceback"):
        assert raw not in page, raw
    marks = [
        row.get_attribute("data-mark")
        for row in official.locator("tr[data-testid=clock-row]").all()
    ]
    assert "kept" in marks and not {"late", "overdue", "open"} & set(marks), marks

    # That evening the reporter reads the outcome with the receipt code.
    time_machine.move_to(moment("2026-12-21 19:00"), tick=True)
    reporter.goto(live_server.url + "/lapor/lacak/")
    reporter.fill("[name=code]", code.group(0))
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    shot(reporter, "06-tracking")
    outcome = reporter.locator("[data-testid=outcome]").inner_text()
    assert "Hukuman disiplin sedang" in outcome
    assert "penundaan kenaikan gaji berkala selama 1 tahun" in outcome
    assert case.register_number in outcome and "27 November 2026" in outcome
    assert ACCUSED_NAME not in main_text(reporter)

    # The public register: the case, without the name, no late mark.
    drain()
    register = browser.new_context(**browser_context_args).new_page()
    register.goto(live_server.url + "/register/")
    shot(register, "07-register")
    listed = main_text(register)
    assert case.register_number in listed and ACCUSED_NAME not in listed
    assert register.locator("li[data-mark=late], li[data-mark=overdue]").count() == 0
