"""#13/#15 done-when, in the product a new user gets: `make demo`'s data (the fictional Kota
Sukamaju), its administrator loads the shipped Kota Bekasi rule pack in the browser, and both seed
stories (/work/shared/seeds) are replayed in Chromium with their REAL dates by the demo accounts of
the officials the law names on those dates (the demo's council secretariat holds its posts since
2019; README, demo section):

- TikTok (September 2021): seven contract staff (TKK) of the Sekretariat DPRD, one case under the
  instansi's rule for TKK (Perwal Kota Bekasi 42/2017), summoned, examined and decided together by
  their direct superior (kabag-umum-setwan) and the head of the perangkat daerah (sekwan),
  "pernyataan tidak puas", ONE berita acara pembinaan;
- karaoke (August-November 2022): an anonymous public report with the bill, the secretariat's
  clarification flagged as contradicted by Perwal 06/2017's Friday hours, a moderate sanction by
  the superior of the direct superior (sekwan), the objection decided by HIS superior (sekda, PP
  79/2021), the reporter reading the outcome by the receipt code;
- the public register shows no late mark for either case, done on time;
- the issued letters (PDF, downloaded as a user would) carry distinct numbers, name the violation,
  cite the right basis (the agency's rule for the TKK, PP 94/2021 for the PNS) and the signer's
  post on the letter's date.

The same stories were once walked a second time in an organisation built by the tests; this
replay asserts everything those walks did (the TKK's objection window under the instansi's rule,
the reporter's 14-day clock kept, the case closed on its day), so it is the one walk kept.

Screenshots and PDFs under test-results/seed-replay/.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from tegak.accounts.models import User
from tegak.cases.models import Case
from tegak.documents.models import IssuedDocument
from tegak.intake.models import Report
from tegak.jobs.runner import drain
from tegak.people import selectors
from tegak.people.models import Employee
from tests.browser_steps import (
    all_kept,
    assign,
    choose_provision,
    group_step,
    joint_session,
    link_employee,
    logged_in,
    main_text,
    no_errors,
    on,
    pdf_text,
    report_anonymously,
    shot,
    step,
    submit,
    track,
    verify,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULTS = Path("test-results/seed-replay")
INSTANSI = "Pemerintah Kota Sukamaju"
TKK_POST = "Tenaga Pendukung Humas dan Protokol"


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo as `make demo` loads it (every app's loader), its accounts by username."""
    from tegak.core.demo import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    load_demo(io.StringIO())
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def walk(live_server, browser, browser_context_args, time_machine, demo):
    """Sign in as a demo account on a WIB moment: walk("sekwan", "2021-09-06 09:00")."""

    def login(username: str, when: str, path: str = ""):
        on(time_machine, when)
        page = logged_in(browser, browser_context_args, live_server, demo[username])
        page.set_default_timeout(30000)
        if path:
            page.goto(live_server.url + path)
        return page

    login.url = live_server.url
    login.clock = lambda when: on(time_machine, when)
    login.public = lambda: browser.new_context(**browser_context_args).new_page()
    return login


def load_bekasi_pack(walk) -> None:
    """The demo administrator loads the shipped Kota Bekasi pack, Perwal 06/2017's five-day
    schedule as the default, from the administrator's pages."""
    admin = walk("administrator", "2021-08-31 08:00", "/staf/admin-instansi/kota-sukamaju/")
    admin.get_by_role("link", name="Paket aturan").first.click()
    admin.wait_for_load_state()
    card = admin.locator(".card", has=admin.locator("input[name=name][value='kota-bekasi.json']"))
    card.locator("select[name=default_schedule]").select_option("kota-bekasi-5-hari")
    card.locator("button[type=submit]").click()
    admin.wait_for_load_state()
    no_errors(admin)
    shot(admin, "seed-replay/00-bekasi-pack")
    assert "kota-bekasi.json" in main_text(admin)


def issued_pdfs(walk, username: str, when: str, case: Case) -> dict[str, list[str]]:
    """Every issued document's PDF, downloaded from the documents page with the user's session,
    as text by kind (the PDF files kept under test-results/seed-replay/)."""
    from tegak.documents import rendering
    from tegak.jobs.models import Job

    drain()  # the worker renders the PDFs
    failed = [job.errors for job in Job.objects.exclude(errors=[])]
    assert not failed, failed
    url = walk.url
    page = walk(username, when, f"/staf/dokumen/kasus/{case.pk}/")
    texts: dict[str, list[str]] = {}
    for document in IssuedDocument.objects.filter(case_key=str(case.pk)).order_by("pk"):
        assert not rendering.pending(document), (document.kind, list(Job.objects.values()))
        response = page.context.request.get(f"{url}/staf/dokumen/{document.pk}/unduh/pdf/")
        assert response.ok, (document.kind, response.status)
        assert response.headers["content-type"] == "application/pdf", response.headers
        data = response.body()
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{case.pk}-{document.kind}-{document.pk}.pdf").write_bytes(data)
        texts.setdefault(document.kind, []).append(pdf_text(data))
    return texts


def issue(page, accused_pk: int, kind: str) -> None:
    """Issue one accused's document from the documents page."""
    form = page.locator(
        f"form:has(input[name=accused][value='{accused_pk}']):has(input[name=kind][value={kind}])"
    )
    form.locator("button").click()
    page.wait_for_load_state()
    no_errors(page)


def register_row(walk, case: Case):
    """The case's row on the public register (refreshed by the worker's jobs)."""
    drain()
    register = walk.public()
    register.goto(walk.url + "/register/")
    return register, register.locator(
        "tr", has=register.locator("td", has_text=case.register_number)
    )


def test_tiktok_seven_tkk_in_the_demo_with_the_real_2021_dates(walk, demo):
    load_bekasi_pack(walk)
    kabag, sekwan = demo["kabag-umum-setwan"].employee, demo["sekwan"].employee
    seven = list(
        Employee.objects.filter(assignments__position__name=TKK_POST).distinct().order_by("name")
    )
    assert len(seven) == 7
    assert selectors.direct_superior(seven[0], date(2021, 9, 2)) == kabag

    # 1 September 2021, evening: a citizen reports the viral video, anonymously.
    walk.clock("2021-09-01 19:30")
    reporter = walk.public()
    code = report_anonymously(
        reporter,
        walk.url,
        {
            "accused_text": "Tujuh tenaga kerja kontrak Sekretariat DPRD",
            "description": "Beredar video TikTok tujuh pegawai TKK Sekretariat DPRD dengan konten "
            "di luar kepatutan, dibuat pada jam kerja di kantor.",
            "summary": "Video TikTok di luar kepatutan pada jam kerja",
            "occurred_on": "2021-08-30",
            "location": "Kantor Sekretariat DPRD",
        },
        instansi=INSTANSI,
    )
    report = Report.objects.order_by("-pk").first()

    # 2 September 2021: the intake officer verifies and opens ONE case for the seven, found by
    # their post and ticked at once.
    intake = walk("intake-officer", "2021-09-02 08:00", f"/staf/laporan/{report.pk}/")
    verify(intake, "Video TikTok yang beredar sudah diperiksa.")
    intake.locator("[data-testid=open-case]").click()
    intake.wait_for_load_state()
    intake.fill("[name=find]", "Humas dan Protokol")
    intake.get_by_role("button", name="Cari dan centang semua hasil").click()
    intake.wait_for_load_state()
    for employee in seven:
        assert intake.locator(f"input[name=accused][value='{employee.pk}']").is_checked()
    # The provision of the instansi's rule the pack brought (Perwal 42/2017 jo. the Sekda's
    # circular on conduct in social media), found by its words.
    choose_provision(intake, "nama baik media sosial", "local:kota-sukamaju:tkk-2017:kepatutan")
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
    case = Case.objects.get(source_reports__report=report)
    assert case.accused.count() == 7
    assign(
        intake, [(demo["kabag-umum-setwan"], "examiner"), (demo["sekwan"], "authorised_official")]
    )
    page = main_text(intake)
    shot(intake, "seed-replay/tiktok-01-case-opened")
    assert "Perwal Kota Bekasi 42/2017" in page
    assert kabag.name in page and sekwan.name in page

    # The direct superior summons the seven in one run, examines them in one session.
    examiner = walk("kabag-umum-setwan", "2021-09-02 10:00", f"/staf/kasus/{case.pk}/")
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
    examiner = walk("kabag-umum-setwan", "2021-09-03 11:00", f"/staf/kasus/{case.pk}/")
    joint_session(
        examiner,
        case.accused.order_by("id"),
        held_on="2021-09-03",
        place="Ruang Rapat Sekretariat DPRD",
        question="Apakah Saudara ikut membuat dan mengunggah video TikTok itu pada jam kerja?",
        answer="Ya, saya ikut dan menyesal.",
    )
    group_step(
        examiner,
        "findings_report",
        {
            "reported_on": "2021-09-03",
            "proven": "yes",
            "conclusion": "Terbukti membuat video di luar kepatutan pada jam kerja.",
        },
    )
    shot(examiner, "seed-replay/tiktok-02-examined")

    # 6 September 2021: the Sekretaris DPRD decides the seven in one form, issues ONE berita
    # acara pembinaan and a letter for each, delivers and closes.
    official = walk("sekwan", "2021-09-06 09:00", f"/staf/kasus/{case.pk}/")
    group_step(
        official,
        "decision_take",
        {"sanction_code": "pernyataan_tidak_puas", "decided_on": "2021-09-06"},
    )
    for item in case.accused.all():
        assert item.decision.sanction_code == "pernyataan_tidak_puas"
    official.goto(f"{walk.url}/staf/dokumen/kasus/{case.pk}/")
    group = official.locator("[data-testid=group-issue]")
    group.locator("[name=kind]").select_option("berita_acara_pembinaan")
    group.locator("button[type=submit]").click()
    official.wait_for_load_state()
    assert "Berita Acara Pembinaan diterbitkan" in main_text(official), main_text(official)
    first = case.accused.order_by("id").first()
    issue(official, first.pk, "surat_pemberian_sanksi")
    official.goto(f"{walk.url}/staf/kasus/{case.pk}/")
    group_step(
        official, "decision_deliver", {"delivered_on": "2021-09-06", "received_on": "2021-09-06"}
    )
    # PP 79/2021 is for ASN: the TKK's objection follows the instansi's rule, which sets no
    # window (not PP 79's 14 working days, to 24 September 2021).
    window = official.locator("[data-testid=window]").first.inner_text()
    assert "Perwal Kota Bekasi 42/2017" in window and "24 September 2021" not in window, window
    group_step(official, "accused_finalise", {"on": "2021-09-06"})
    shot(official, "seed-replay/tiktok-03-final")
    assert official.locator("[data-testid=case-status]").inner_text().strip() == "Selesai"
    page = main_text(official)
    for raw in ("pernyataan_tidak_puas", "atasan_langsung", "instansi_rule", "local:", "None"):
        assert raw not in page, raw
    all_kept(official)
    # The reporter's clock (UU 25/2009 Pasal 50(2)) is kept for each of the seven.
    informed = official.locator("tr[data-clock=complainant_informed_due]")
    assert informed.count() == 7
    assert informed.first.get_attribute("data-mark") == "kept"

    # 7 September 2021: the reporter reads the outcome.
    walk.clock("2021-09-07 20:00")
    outcome = track(reporter, walk.url, code)
    shot(reporter, "seed-replay/tiktok-04-tracking")
    assert (
        "Sanksi administratif ringan" in outcome
        and "Hukuman disiplin" not in outcome
        and "pernyataan tidak puas" in outcome.lower()
    )
    assert case.register_number in outcome and "6 September 2021" in outcome
    for employee in seven:
        assert employee.name not in main_text(reporter)

    # The public register: final, no name, no late mark.
    register, row = register_row(walk, case)
    shot(register, "seed-replay/tiktok-05-register")
    assert row.count() == 7  # one entry per reported employee
    assert row.locator("li[data-mark=kept]").count() >= 7
    assert row.locator("li[data-mark=late], li[data-mark=overdue]").count() == 0
    # The TKK's summons and delivery limits are the office's (reading C36): listed apart, never
    # marked, so the kept marks are the law's (UU 25/2009 Pasal 50(2), one per employee).
    office = row.locator("[data-testid=office-targets] li")
    assert office.count() >= 7
    assert row.locator("[data-testid=office-targets] li[data-mark='']").count() == office.count()
    assert row.locator("[data-testid=legal-deadlines] li[data-mark=kept]").count() == 7
    listed = main_text(register)
    for employee in seven:
        assert employee.name not in listed

    # The letters, as downloaded: distinct numbers, the violation, the agency's rule, the signer.
    texts = issued_pdfs(walk, "sekwan", "2021-09-08 09:00", case)
    numbers = list(
        IssuedDocument.objects.filter(case_key=str(case.pk)).values_list("number", flat=True)
    )
    assert len(numbers) == len(set(numbers)) >= 2, numbers
    (minutes_text,) = texts["berita_acara_pembinaan"]
    for employee in seven:
        assert employee.name in minutes_text
    for text in (minutes_text, *texts["surat_pemberian_sanksi"]):
        assert "Perwal Kota Bekasi 42/2017" in text or "42 Tahun 2017" in text, text
        assert "Nomor 49 Tahun 2018" not in text and "Disiplin Pegawai Negeri Sipil" not in text
        assert "pernyataan tidak puas" in text.lower(), text
        assert "Sekretaris DPRD" in text and sekwan.name in text, text
        # The video (30 Aug 2021) came before the Sekda's circular of 2 Sep 2021: the act is
        # judged by the Perwal alone, the circular is not applied backwards (legal-questions B10).
        assert "melanggar ketentuan Peraturan Wali Kota Bekasi Nomor 42 Tahun 2017" in text, text
        assert "800/6519" not in text, text
        assert "pada hari Senin, 30 Agustus 2021" in text, text


def test_karaoke_from_a_public_report_to_the_objection_in_the_demo_with_the_real_2022_dates(
    walk, demo, tmp_path
):
    load_bekasi_pack(walk)
    kabag, sekwan, sekda = (
        demo[name].employee for name in ("kabag-umum-setwan", "sekwan", "sekda")
    )
    accused = Employee.objects.get(
        status="PNS",
        assignments__position__unit__code="SETWAN-UMUM",
        assignments__position__name="Pengadministrasi Perkantoran",
        assignments__start__lt=date(2021, 1, 1),
    )
    assert selectors.supervisor_chain(accused, date(2022, 8, 26))[:3] == [kabag, sekwan, sekda]
    bill = tmp_path / "nota-karaoke.jpg"
    Image.new("RGB", (320, 160), "white").save(bill)

    # 22 September 2022: the reporter files anonymously on the portal, with the bill.
    walk.clock("2022-09-22 10:00")
    reporter = walk.public()
    code = report_anonymously(
        reporter,
        walk.url,
        {
            "accused_text": "Pegawai ASN dan TKK Sekretariat DPRD",
            "description": "Pada hari Jumat 26 Agustus 2022 sekitar pukul 15.00 WIB pegawai "
            "Sekretariat DPRD berkaraoke merayakan ulang tahun seorang TKK, padahal jam pulang "
            "hari Jumat pukul 16.00 WIB. Nota karaoke dan tiket parkir terlampir.",
            "summary": "Karaoke pada jam kerja",
            "occurred_on": "2022-08-26",
            "occurred_time": "15:00",
            "location": "Tempat karaoke, pusat kota",
        },
        files=[bill],
        instansi=INSTANSI,
    )
    shot(reporter, "seed-replay/karaoke-01-receipt")
    report = Report.objects.order_by("-pk").first()
    assert report.evidence.count() == 1

    # 23 September 2022: the intake officer links the employee and verifies.
    intake = walk("intake-officer", "2022-09-23 09:00", f"/staf/laporan/{report.pk}/")
    assert "Jumat, 26 Agustus 2022 15:00 WIB" in main_text(intake)
    link_employee(intake, accused.nip)
    verify(intake, "Nota karaoke bertanggal 26 Agustus 2022 terlampir.")

    # 26 September 2022: the case is opened from the report and its handlers assigned.
    intake = walk("intake-officer", "2022-09-26 09:00", f"/staf/laporan/{report.pk}/")
    intake.locator("[data-testid=open-case]").click()
    intake.wait_for_load_state()
    assert intake.locator(f"input[name=accused][value='{accused.pk}']").is_checked()
    choose_provision(intake, "integritas keteladanan", "pp-94-2021:3:f")
    submit(
        intake,
        {
            "impact": "instansi",
            "summary": "Karaoke pada jam kerja, Jumat 26 Agustus 2022",
            "known_to_superior_on": "2022-09-23",
        },
    )
    no_errors(intake)
    case = Case.objects.get(source_reports__report=report)
    assign(
        intake,
        [
            (demo["kabag-umum-setwan"], "examiner"),
            (demo["sekwan"], "authorised_official"),
            (demo["sekda"], "authorised_official"),
        ],
    )
    page = main_text(intake)
    shot(intake, "seed-replay/karaoke-02-case-opened")
    assert "/2022" in case.register_number and "Atasan dari atasan langsung" in page

    # The secretariat's clarification of 12 September 2022 ("after working hours") is flagged.
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
    shot(intake, "seed-replay/karaoke-03-contradiction")

    # The direct superior summons (27 September) and examines (4 October 2022).
    examiner = walk("kabag-umum-setwan", "2022-09-27 09:00", f"/staf/kasus/{case.pk}/")
    step(
        examiner,
        "summons_issue_1",
        {"issued_on": "2022-09-27", "examination_on": "2022-10-04", "place": "Ruang Rapat"},
    )
    examiner = walk("kabag-umum-setwan", "2022-10-04 14:00", f"/staf/kasus/{case.pk}/")
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
    examiner = walk("kabag-umum-setwan", "2022-10-06 10:00", f"/staf/kasus/{case.pk}/")
    step(
        examiner,
        "findings_report",
        {
            "reported_on": "2022-10-06",
            "proven": "yes",
            "conclusion": "Terbukti berada di tempat karaoke pada jam kerja.",
        },
    )
    item = case.accused.get()

    # The Sekretaris DPRD decides (10 October), issues the decree, delivers (12 October).
    official = walk("sekwan", "2022-10-10 10:00", f"/staf/kasus/{case.pk}/")
    step(
        official,
        "decision_take",
        {"sanction_code": "penundaan_kgb_1_tahun", "decided_on": "2022-10-10"},
    )
    official.goto(f"{walk.url}/staf/dokumen/kasus/{case.pk}/")
    issue(official, item.pk, "keputusan_hukuman_sedang")
    official = walk("sekwan", "2022-10-12 10:00", f"/staf/kasus/{case.pk}/")
    step(official, "decision_deliver", {"delivered_on": "2022-10-12", "received_on": "2022-10-12"})

    # 20 October: the accused objects; the Sekwan may not decide it (his superior does), he
    # replies on 25 October (PP 79/2021 Pasal 8(3)).
    official = walk("sekwan", "2022-10-20 10:00", f"/staf/kasus/{case.pk}/")
    step(
        official,
        "objection_file",
        {
            "kind": "objection",
            "filed_on": "2022-10-20",
            "grounds": "Saya sudah izin kepada atasan untuk pulang lebih awal.",
        },
    )
    official.locator("a[data-step=objection_decide]").first.click()
    official.wait_for_load_state()
    submit(official, {"outcome": "confirmed", "decided_on": "2022-10-20"})
    refusal = main_text(official)
    assert sekda.name in refusal and "PP 79/2021" in refusal, refusal
    shot(official, "seed-replay/karaoke-04-objection-refused")
    official = walk("sekwan", "2022-10-25 10:00", f"/staf/kasus/{case.pk}/")
    step(
        official,
        "objection_reply",
        {
            "replied_on": "2022-10-25",
            "text": "Tidak ada izin pulang lebih awal; keterangan itu tidak benar.",
        },
    )

    # 15 November 2022: the Sekretaris Daerah decides the objection and issues the decree.
    superior = walk("sekda", "2022-11-15 10:00", f"/staf/kasus/{case.pk}/")
    step(superior, "objection_decide", {"outcome": "confirmed", "decided_on": "2022-11-15"})
    shot(superior, "seed-replay/karaoke-05-final")
    assert superior.locator("[data-testid=case-status]").inner_text().strip() == "Selesai"
    page = main_text(superior)
    for raw in ("penundaan_kgb_1_tahun", "atasan_pejabat", "atasan_langsung", "None"):
        assert raw not in page, raw
    all_kept(superior)
    # The reporter's clock (14 days from the final decision) is on the page, kept.
    informed = superior.locator("tr[data-clock=complainant_informed_due]")
    assert informed.get_attribute("data-mark") == "kept"
    assert "29 November 2022" in informed.inner_text()
    case.refresh_from_db()
    assert case.closed_on == date(2022, 11, 15)
    superior.goto(f"{walk.url}/staf/dokumen/kasus/{case.pk}/")
    issue(superior, item.pk, "keputusan_atas_keberatan")

    # 16 November 2022: the reporter reads the outcome with the receipt code.
    walk.clock("2022-11-16 19:00")
    outcome = track(reporter, walk.url, code)
    shot(reporter, "seed-replay/karaoke-06-tracking")
    assert "Hukuman disiplin sedang" in outcome
    assert "penundaan kenaikan gaji berkala selama 1 tahun" in outcome
    assert case.register_number in outcome and "15 November 2022" in outcome
    assert accused.name not in main_text(reporter)

    register, row = register_row(walk, case)
    shot(register, "seed-replay/karaoke-07-register")
    assert row.count() == 1
    assert row.locator("li[data-mark=late], li[data-mark=overdue]").count() == 0

    # The letters, as downloaded.
    texts = issued_pdfs(walk, "sekda", "2022-11-17 09:00", case)
    numbers = list(
        IssuedDocument.objects.filter(case_key=str(case.pk)).values_list("number", flat=True)
    )
    assert len(numbers) == len(set(numbers)) >= 2, numbers
    (decree,) = texts["keputusan_hukuman_sedang"]
    assert "PP 94/2021" in decree or "Peraturan Pemerintah Nomor 94 Tahun 2021" in decree, decree
    assert "Perwal Kota Bekasi 42/2017" not in decree
    assert "penundaan kenaikan gaji berkala" in decree.lower(), decree
    assert "26 Agustus 2022" in decree and accused.name in decree, decree
    assert "Sekretaris DPRD" in decree and sekwan.name in decree, decree
    (objection,) = texts["keputusan_atas_keberatan"]
    assert "Sekretaris Daerah" in objection and sekda.name in objection, objection
    assert "PP 79/2021" in objection or "Nomor 79 Tahun 2021" in objection, objection
