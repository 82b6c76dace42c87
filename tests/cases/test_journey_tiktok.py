"""#13 done-when, the TikTok seed story in Chromium with its real 2021 dates, by the roles the law
names (/work/shared/seeds, "Pegawai TKK Pemkot Bekasi 'Tiktokan' di Medsos").

Seven contract staff (TKK) of the council secretariat made a video judged improper at work; on
2 September 2021 they were summoned, examined together, coached with one berita acara and given a
"pernyataan tidak puas" from their perangkat daerah (reported Monday 6 September 2021), under the
instansi's rule for TKK (Perwal Kota Bekasi 42/2017, the shipped Kota Bekasi pack, in force from
2018) — not under the demo's 2024 rule.

- the intake officer opens ONE case for the seven, ticked at once from the unit search;
- the direct superior (Kepala Bagian Umum) summons all seven in one run, holds one joint session
  (one question, each their own answer and own BAP), reports the findings for all;
- the head of the perangkat daerah (Sekretaris DPRD, the official the rule names) decides all
  seven in one form, "pernyataan tidak puas", each their own decision;
- ONE berita acara pembinaan lists the seven names.

Screenshots under test-results/tiktok/.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tegak.cases.models import Case
from tegak.documents.models import IssuedDocument
from tegak.intake.models import Report
from tegak.jobs.runner import drain
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tegak.people.models import Employee, PositionAssignment
from tests.browser_steps import (
    all_kept,
    assign,
    choose_provision,
    joint_session,
    logged_in,
    main_text,
    no_errors,
    shot,
    submit,
    verify,
)
from tests.cases.conftest import moment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [
    "Ayu Lestari",
    "Budi Santoso",
    "Citra Dewi",
    "Dedi Kurniawan",
    "Eka Putri",
    "Fajar Nugraha",
    "Gita Permata",
]


def test_the_tiktok_story_seven_tkk_one_case_one_berita_acara_pembinaan(
    live_server,
    browser,
    browser_context_args,
    time_machine,
    org,
    staff,
    instansi,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    pack_import(
        actor=staff.admin,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    position = org.staff.assignments.get().position
    seven = []
    for number, name in enumerate(NAMES, start=1):
        employee = Employee.objects.create(
            instansi=instansi, nip=f"TKK-2019.{number:04d}", name=name, status="NON_ASN"
        )
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2019, 1, 2)
        )
        seven.append(employee)

    def login(user, when: str):
        time_machine.move_to(moment(when), tick=True)
        page = logged_in(browser, browser_context_args, live_server, user)
        page.set_default_timeout(30000)
        return page

    # 1 September 2021, evening: a citizen reports the viral video on the portal, anonymously.
    time_machine.move_to(moment("2021-09-01 19:30"), tick=True)
    reporter = browser.new_context(**browser_context_args).new_page()
    reporter.set_default_timeout(15000)
    reporter.goto(live_server.url + "/lapor/")
    reporter.fill("[name=accused_text]", "Tujuh tenaga kerja kontrak Sekretariat DPRD")
    reporter.fill(
        "[name=description]",
        "Beredar video TikTok tujuh pegawai TKK Sekretariat DPRD dengan konten di luar "
        "kepatutan, dibuat pada jam kerja di kantor.",
    )
    reporter.fill("[name=summary]", "Video TikTok di luar kepatutan pada jam kerja")
    reporter.fill("[name=occurred_on]", "2021-08-30")
    reporter.fill("[name=location]", "Kantor Sekretariat DPRD")
    reporter.check("[name=reporter_mode][value=anonymous]")
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    code = re.search(r"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", main_text(reporter))
    assert code, main_text(reporter)
    report = Report.objects.get()

    # 2 September 2021: the intake officer verifies the report and opens ONE case for the
    # seven from it, ticked at once from the search.
    intake = login(staff.intake, "2021-09-02 08:00")
    intake.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    verify(intake, "Video TikTok yang beredar sudah diperiksa.")
    intake.locator("[data-testid=open-case]").click()
    intake.wait_for_load_state()
    intake.fill("[name=find]", "TKK-2019")
    intake.get_by_role("button", name="Cari dan centang semua hasil").click()
    intake.wait_for_load_state()
    for employee in seven:
        assert intake.locator(f"input[name=accused][value='{employee.pk}']").is_checked()
    choose_provision(intake, "integritas keteladanan", "pp-94-2021:3:f")
    submit(
        intake,
        {
            "committed_on": "2021-08-30",
            "impact": "unit_kerja",
            "summary": "Video TikTok tujuh TKK di luar kepatutan pada jam kerja",
            "known_to_superior_on": "2021-09-02",
        },
    )
    no_errors(intake)
    case = Case.objects.get()
    assert case.accused.count() == 7
    assign(intake, [(staff.examiner, "examiner"), (staff.official, "authorised_official")])
    page = main_text(intake)
    assert "Perwal Kota Bekasi 42/2017" in page
    shot(intake, "tiktok/01-case-opened")

    # The direct superior summons the seven in one run (own letter and clock each).
    examiner = login(staff.examiner, "2021-09-02 10:00")
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    examiner.locator("a[data-group-step=summons_issue_1]").click()
    examiner.wait_for_load_state()
    assert examiner.locator("input[name=accused]:checked").count() == 7
    submit(
        examiner,
        {
            "issued_on": "2021-09-02",
            "examination_on": "2021-09-03",
            "examination_time": "09:00",
            "place": "Ruang Rapat Sekretariat DPRD",
        },
    )
    no_errors(examiner)
    shot(examiner, "tiktok/02-summoned")

    # 3 September 2021: one joint session, one question, each their own answer and BAP.
    examiner = login(staff.examiner, "2021-09-03 11:00")
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    joint_session(
        examiner,
        case.accused.order_by("id"),
        held_on="2021-09-03",
        place="Ruang Rapat Sekretariat DPRD",
        question="Apakah Saudara ikut membuat dan mengunggah video TikTok itu pada jam kerja?",
        answer="Ya, saya ikut dan menyesal.",
    )
    examiner.locator("a[data-group-step=findings_report]").click()
    examiner.wait_for_load_state()
    submit(
        examiner,
        {
            "reported_on": "2021-09-03",
            "proven": "yes",
            "conclusion": "Terbukti membuat video di luar kepatutan pada jam kerja.",
        },
    )
    no_errors(examiner)

    # 6 September 2021: the head of the perangkat daerah decides the seven in one form.
    official = login(staff.official, "2021-09-06 09:00")
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    official.locator("a[data-group-step=decision_take]").click()
    official.wait_for_load_state()
    submit(official, {"sanction_code": "pernyataan_tidak_puas", "decided_on": "2021-09-06"})
    no_errors(official)
    page = main_text(official)
    shot(official, "tiktok/03-decided")
    assert page.count("pernyataan tidak puas") >= 7 or page.count("Pernyataan tidak puas") >= 7

    # ONE berita acara pembinaan for the seven.
    official.goto(f"{live_server.url}/staf/dokumen/kasus/{case.pk}/")
    group = official.locator("[data-testid=group-issue]")
    group.locator("[name=kind]").select_option("berita_acara_pembinaan")
    group.locator("button[type=submit]").click()
    official.wait_for_load_state()
    shot(official, "tiktok/04-berita-acara")
    assert "Berita Acara Pembinaan diterbitkan" in main_text(official), main_text(official)
    minutes_doc = IssuedDocument.objects.get(kind="berita_acara_pembinaan")
    from docx import Document

    with minutes_doc.file_docx.open("rb") as handle:
        text = "\n".join(
            cell.text
            for table in Document(handle).tables
            for row in table.rows
            for cell in row.cells
        )
    for name in NAMES:
        assert name in text
    for item in case.accused.all():
        assert item.decision.sanction_code == "pernyataan_tidak_puas"

    # The same day, the decisions are handed to the seven in one run.
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    official.locator("a[data-group-step=decision_deliver]").click()
    official.wait_for_load_state()
    assert official.locator("input[name=accused]:checked").count() == 7
    submit(official, {"delivered_on": "2021-09-06", "received_on": "2021-09-06"})
    no_errors(official)
    shot(official, "tiktok/05-delivered")
    # PP 79/2021 is for ASN: the TKK's objection follows the instansi's rule, which sets no
    # window (not PP 79's 14 working days, to 24 September 2021).
    window = official.locator("[data-testid=window]").first.inner_text()
    assert "Perwal Kota Bekasi 42/2017" in window and "2021-09-24" not in window, window

    # The official closes the seven matters as final in one run.
    official.locator("a[data-group-step=accused_finalise]").click()
    official.wait_for_load_state()
    submit(official, {"on": "2021-09-06"})
    no_errors(official)
    shot(official, "tiktok/06-final")
    assert official.locator("[data-testid=case-status]").inner_text().strip() == "Selesai"
    page = main_text(official)
    for raw in ("pernyataan_tidak_puas", "atasan_langsung", "instansi_rule", "None"):
        assert raw not in page, raw
    # Every duty of the office was kept, each accused's: none late, overdue or open.
    all_kept(official)
    informed = official.locator("tr[data-clock=complainant_informed_due]")
    assert informed.count() == 7
    assert informed.first.get_attribute("data-mark") == "kept"

    # 7 September 2021: the reporter reads the outcome with the receipt code.
    time_machine.move_to(moment("2021-09-07 20:00"), tick=True)
    reporter.goto(live_server.url + "/lapor/lacak/")
    reporter.fill("[name=code]", code.group(0))
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    shot(reporter, "tiktok/07-tracking")
    outcome = reporter.locator("[data-testid=outcome]").inner_text()
    assert "Hukuman disiplin ringan" in outcome
    assert "pernyataan tidak puas" in outcome.lower()
    assert case.register_number in outcome and "6 September 2021" in outcome
    tracking = main_text(reporter)
    for name in NAMES:
        assert name not in tracking

    # The public register: the case, final, no name, no late mark.
    drain()
    register = browser.new_context(**browser_context_args).new_page()
    register.goto(live_server.url + "/register/")
    shot(register, "tiktok/08-register")
    listed = main_text(register)
    assert case.register_number in listed
    for name in NAMES:
        assert name not in listed
    assert register.locator("li[data-mark=kept]").count() >= 1
    assert register.locator("li[data-mark=late], li[data-mark=overdue]").count() == 0
