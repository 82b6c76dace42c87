"""#13 done-when, the karaoke seed story end to end in Chromium, with its real dates and by the
roles the law names (the story: /work/shared/seeds, "Viral ASN dan TKK setwan ... karaoke").

On Friday 26 August 2022 around 15:00 WIB, staff of the council secretariat (Sekretariat DPRD)
were at a karaoke place, while the Friday working day ends at 16:00 (Perwal Kota Bekasi 06/2017,
the shipped Kota Bekasi pack). On 12 September 2022 the secretariat's clarification said it was
after working hours; a complaint with the karaoke bill followed on 22 September 2022.

- the reporter files anonymously on the public portal, with the bill as evidence;
- the intake officer links the employee and verifies; opens the case;
- the direct superior (Kepala Bagian Umum) summons, examines, records the BAP and the findings;
  the secretariat's clarification is recorded and flagged as contradicted by the evidence;
- the official the engine names for a moderate sanction (the superior of the direct superior,
  the Sekretaris DPRD) decides and delivers;
- the accused objects; the official replies to his superior within 6 working days
  (PP 79/2021 Pasal 8(3)); the superior of the official (the Sekretaris Daerah) decides the
  objection — the official himself is refused (PP 79/2021 Pasal 3, 8);
- the reporter reads the outcome on the tracking page in plain words (level, sanction, register
  number, day), inside the 14 days of UU 25/2009 Pasal 50(2), whose clock the case page shows;
- the public register shows no late mark for a case done on time.

Screenshots of the key pages are kept under test-results/karaoke/.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from PIL import Image

from tegak.cases.models import Case
from tegak.intake.models import Report
from tegak.jobs.runner import drain
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tests.browser_steps import (
    all_kept,
    assign,
    choose_provision,
    link_employee,
    logged_in,
    main_text,
    on,
    shot,
    step,
    submit,
    verify,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bekasi(instansi, administrator):
    """The test kota takes the shipped Kota Bekasi pack: Perwal 06/2017's working hours (Friday
    until 16:00) as its default schedule."""
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    return instansi


def test_the_karaoke_story_from_an_anonymous_report_to_the_reporter_reading_the_outcome(
    live_server,
    browser,
    browser_context_args,
    time_machine,
    org,
    staff,
    bekasi,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192

    def login(user):
        """A fresh staff session on the day (a session does not outlive the days between)."""
        page = logged_in(browser, browser_context_args, live_server, user)
        page.set_default_timeout(10000)
        return page

    bill = tmp_path / "nota-karaoke.jpg"
    Image.new("RGB", (320, 160), "white").save(bill)

    # 22 September 2022: the reporter files anonymously on the portal, with the bill.
    on(time_machine, "2022-09-22 10:00")
    reporter = browser.new_context(**browser_context_args).new_page()
    reporter.set_default_timeout(8000)
    reporter.goto(live_server.url + "/lapor/")
    # One instansi on this installation: the form carries it without asking.
    reporter.fill("[name=accused_text]", "Pegawai ASN dan TKK Sekretariat DPRD")
    reporter.fill(
        "[name=description]",
        "Pada hari Jumat 26 Agustus 2022 sekitar pukul 15.00 WIB pegawai Sekretariat DPRD "
        "berkaraoke merayakan ulang tahun seorang TKK, padahal jam pulang hari Jumat pukul "
        "16.00 WIB. Nota karaoke dan tiket parkir terlampir.",
    )
    reporter.fill("[name=summary]", "Karaoke pada jam kerja")
    reporter.fill("[name=occurred_on]", "2022-08-26")
    reporter.fill("[name=occurred_time]", "15:00")
    reporter.fill("[name=location]", "Tempat karaoke, kawasan pusat kota")
    reporter.set_input_files("[name=files]", str(bill))
    reporter.check("[name=reporter_mode][value=anonymous]")
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    shot(reporter, "karaoke/01-receipt")
    receipt = main_text(reporter)
    code = re.search(r"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", receipt)
    assert code, receipt
    report = Report.objects.get()
    assert report.evidence.count() == 1

    # 23 September 2022: the intake officer links the employee and verifies the report.
    on(time_machine, "2022-09-23 09:00")
    intake = login(staff.intake)
    intake.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    assert "Jumat, 26 Agustus 2022 15:00 WIB" in main_text(intake)
    link_employee(intake, org.staff.nip)
    verify(intake, "Nota karaoke bertanggal 26 Agustus 2022 terlampir.")

    # 26 September 2022: the case is opened from the report, and the handlers assigned: the
    # direct superior examines, the official the engine names decides, his superior is there
    # for an objection.
    on(time_machine, "2022-09-26 09:00")
    intake = login(staff.intake)
    intake.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    intake.locator("[data-testid=open-case]").click()
    intake.wait_for_load_state()
    # The employee linked in triage comes ticked.
    assert intake.locator(f"input[name=accused][value='{org.staff.pk}']").is_checked()
    # The provision is found in the catalog by its words, then chosen.
    choose_provision(intake, "integritas keteladanan", "pp-94-2021:3:f")
    submit(
        intake,
        {
            "impact": "instansi",
            "summary": "Karaoke pada jam kerja, Jumat 26 Agustus 2022",
            "known_to_superior_on": "2022-09-23",
        },
    )
    case = Case.objects.get()
    assign(
        intake,
        [
            (staff.examiner, "examiner"),
            (staff.official, "authorised_official"),
            (staff.sekda, "authorised_official"),
        ],
    )
    page = main_text(intake)
    shot(intake, "karaoke/02-case-opened")
    assert case.register_number in page and "/2022" in case.register_number
    # The engine's finding in words: moderate, decided by the superior of the direct superior.
    assert "Atasan dari atasan langsung" in page
    assert "penundaan_kgb_1_tahun" not in page and "atasan_dari_atasan_langsung" not in page

    # The secretariat's clarification of 12 September 2022: "after working hours".
    intake.locator("a[href$='/keterangan/']").first.click()
    submit(
        intake,
        {
            "source": "unit",
            "given_on": "2022-09-12",
            "claim": "after",
            "text": "Kegiatan dilakukan di luar jam kerja, setelah para pegawai pulang.",
        },
    )
    flagged = intake.locator("[data-testid=contradiction]")
    assert flagged.count() >= 1, main_text(intake)
    assert "15:00" in flagged.first.inner_text() and "16:00" in flagged.first.inner_text()
    shot(intake, "karaoke/03-contradiction")

    # The direct superior summons and examines (27 September - 4 October 2022).
    on(time_machine, "2022-09-27 09:00")
    examiner = login(staff.examiner)
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        examiner,
        "summons_issue_1",
        {"issued_on": "2022-09-27", "examination_on": "2022-10-04", "place": "Ruang Rapat"},
    )
    on(time_machine, "2022-10-04 14:00")
    examiner = login(staff.examiner)
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(examiner, "examination_hold", {"held_on": "2022-10-04", "place": "Ruang Rapat"})
    step(
        examiner,
        "question_record",
        {
            "question": "Di mana Saudara pada hari Jumat 26 Agustus 2022 pukul 15.00?",
            "answer": "Di tempat karaoke, merayakan ulang tahun rekan.",
        },
    )
    step(examiner, "bap_record", {"completed_on": "2022-10-04", "signed_by_accused": "on"})
    on(time_machine, "2022-10-06 10:00")
    examiner = login(staff.examiner)
    examiner.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        examiner,
        "findings_report",
        {
            "reported_on": "2022-10-06",
            "proven": "yes",
            "conclusion": "Terbukti berada di tempat karaoke pada jam kerja.",
        },
    )
    shot(examiner, "karaoke/04-findings")

    # The official the engine names decides (10 October 2022) and delivers (12 October).
    on(time_machine, "2022-10-10 10:00")
    official = login(staff.official)
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        official,
        "decision_take",
        {"sanction_code": "penundaan_kgb_1_tahun", "decided_on": "2022-10-10"},
    )
    on(time_machine, "2022-10-12 10:00")
    official = login(staff.official)
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(official, "decision_deliver", {"delivered_on": "2022-10-12", "received_on": "2022-10-12"})
    shot(official, "karaoke/05-delivered")

    # 20 October 2022: the accused objects, in the window; the objection is recorded.
    on(time_machine, "2022-10-20 10:00")
    official = login(staff.official)
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        official,
        "objection_file",
        {
            "kind": "objection",
            "filed_on": "2022-10-20",
            "grounds": "Saya sudah izin kepada atasan untuk pulang lebih awal.",
        },
    )
    # The official cannot decide the objection to his own decision: it goes to his superior.
    official.locator("a[data-step=objection_decide]").first.click()
    official.wait_for_load_state()
    submit(official, {"outcome": "confirmed", "decided_on": "2022-10-20"})
    refusal = main_text(official)
    assert "Sekda Uji" in refusal and "PP 79/2021" in refusal
    shot(official, "karaoke/06-objection-refused")
    # He replies to his superior within 6 working days (PP 79/2021 Pasal 8(3)).
    on(time_machine, "2022-10-25 10:00")
    official = login(staff.official)
    official.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(
        official,
        "objection_reply",
        {
            "replied_on": "2022-10-25",
            "text": "Tidak ada izin pulang lebih awal; keterangan itu tidak benar.",
        },
    )

    # 15 November 2022: the superior of the official decides the objection.
    on(time_machine, "2022-11-15 10:00")
    sekda = login(staff.sekda)
    sekda.goto(f"{live_server.url}/staf/kasus/{case.pk}/")
    step(sekda, "objection_decide", {"outcome": "confirmed", "decided_on": "2022-11-15"})
    page = main_text(sekda)
    shot(sekda, "karaoke/07-final")
    assert sekda.locator("[data-testid=case-status]").inner_text().strip() == "Selesai"
    for raw in ("penundaan_kgb_1_tahun", "atasan_pejabat", "atasan_langsung", "None"):
        assert raw not in page, raw
    # Every duty of the office was kept; the reporter's clock (14 days) is on the page.
    all_kept(sekda)
    informed = sekda.locator("tr[data-clock=complainant_informed_due]")
    assert informed.get_attribute("data-mark") == "kept"
    assert "2022-11-29" in informed.inner_text()

    # 16 November 2022: the reporter reads the outcome with the receipt code.
    on(time_machine, "2022-11-16 19:00")
    reporter.goto(live_server.url + "/lapor/lacak/")
    reporter.fill("[name=code]", code.group(0))
    reporter.locator("main form button[type=submit]").click()
    reporter.wait_for_load_state()
    shot(reporter, "karaoke/08-tracking")
    outcome = reporter.locator("[data-testid=outcome]").inner_text()
    assert "Hukuman disiplin sedang" in outcome
    assert "penundaan kenaikan gaji berkala selama 1 tahun" in outcome
    assert case.register_number in outcome and "15 November 2022" in outcome
    assert org.staff.name not in main_text(reporter)

    # The public register (refreshed by the worker's jobs): the case done on time shows no late
    # mark.
    drain()
    register = browser.new_context(**browser_context_args).new_page()
    register.goto(live_server.url + "/register/")
    shot(register, "karaoke/09-register")
    assert case.register_number in main_text(register)
    assert register.locator("li[data-mark=late], li[data-mark=overdue]").count() == 0
    assert date(2022, 11, 15) == case.__class__.objects.get().closed_on
