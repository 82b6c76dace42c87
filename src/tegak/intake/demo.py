"""Fictional reports for the demo agency (Kota Sukamaju), across channels. Idempotent.

One report is modelled on the karaoke seed case (names and places are invented). Reports are
made through the services, like real ones; the anonymous web report gets a fixed, printed
receipt code so that the tracking page can be tried.
"""

from __future__ import annotations

import io
from datetime import date, time
from typing import Any, TextIO

from django.db import transaction
from PIL import Image

from tegak.accounts.models import User
from tegak.core.access import Right, SystemActor
from tegak.intake import receipts, services
from tegak.intake.models import IntakeSettings, PartnerChannel, Report
from tegak.intake.services import ReportInput, Upload
from tegak.people.demo import DEMO_INSTANSI_CODE
from tegak.people.models import Employee, Instansi

# Demo only: a known code for the anonymous demo report (real codes are random and unknown).
DEMO_RECEIPT_CODE = "2022082615001600"

KARAOKE = "Karaoke pegawai Sekretariat DPRD pada jam kerja"


def _photo(label: str) -> bytes:
    image = Image.new("RGB", (320, 200), (245, 245, 235))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, comment=label.encode())
    return out.getvalue()


def _link_employee(officer: User | None, report: Report, name_part: str) -> None:
    if officer is None:
        return
    employee = Employee.objects.filter(
        instansi_id=report.instansi_id, name__icontains=name_part
    ).first()
    if employee is not None and not report.accused.filter(employee=employee).exists():
        services.report_link_employee(actor=officer, report=report, employee=employee)


def _karaoke(instansi: Instansi, officer: User | None) -> None:
    report, _code = services.report_submit(
        instansi=instansi,
        client_key=None,
        data=ReportInput(
            summary=KARAOKE,
            description=(
                "Pada hari Jumat, 26 Agustus 2022 sekitar pukul 15.00 WIB beberapa ASN dan "
                "tenaga kontrak Sekretariat DPRD Kota Sukamaju berkaraoke di sebuah tempat "
                "karaoke di Jalan Anggrek. Jam pulang hari Jumat adalah pukul 16.00 WIB. Kami "
                "memiliki nota karaoke dan tiket parkir. Klarifikasi pemerintah kota menyebut "
                "kejadian itu di luar jam kerja, tetapi bukti tidak pernah diperlihatkan."
            ),
            occurred_on=date(2022, 8, 26),
            occurred_time=time(15, 0),
            occurred_timezone="WIB",
            location="Tempat karaoke, Jalan Anggrek, Sukamaju",
            accused_text="Beberapa ASN dan tenaga kontrak Sekretariat DPRD; antara lain Sdr. Rudi",
            reporter_mode="open",
            identity={"name": "Perkumpulan Warga Peduli Sukamaju (fiktif)", "phone": "0800000000"},
            files=[
                Upload("nota-karaoke.jpg", io.BytesIO(_photo("nota"))),
                Upload("tiket-parkir.jpg", io.BytesIO(_photo("parkir"))),
            ],
            links=["https://video.example/karaoke-setwan"],
        ),
    )
    if officer is not None:
        _link_employee(officer, report, "Rudi")
        services.message_send(
            actor=officer,
            report=report,
            body="Terima kasih. Mohon kirimkan foto nota yang memperlihatkan jam transaksi.",
            internal=False,
        )
        services.report_verify(actor=officer, report=report, note="Bukti awal cukup.")


ABSENCE = "Petugas loket sering tidak ada pada jam layanan"


def _set_demo_code(report: Report) -> None:
    """Demo only: replace the random code with the printed one (kept right on every load)."""
    index = receipts.code_index(DEMO_RECEIPT_CODE)
    if report.receipt_index == index and receipts.verify_code(
        report.receipt_hash, DEMO_RECEIPT_CODE
    ):
        return
    report.receipt_index = index
    report.receipt_hash = receipts.hash_code(DEMO_RECEIPT_CODE)
    report.save(update_fields=["receipt_index", "receipt_hash"])


def _anonymous_absence(instansi: Instansi) -> None:
    report, _code = services.report_submit(
        instansi=instansi,
        client_key=None,
        data=ReportInput(
            summary=ABSENCE,
            description=(
                "Sudah tiga kali saya datang ke loket pelayanan pukul 10.00 dan petugasnya "
                "tidak ada. Kata satpam petugas sedang di luar kantor."
            ),
            occurred_on=date(2025, 10, 14),
            occurred_time=time(10, 0),
            location="Loket pelayanan Kecamatan Sukamaju Barat",
            accused_text="Petugas loket pelayanan kecamatan",
            reporter_mode="anonymous",
        ),
    )
    _set_demo_code(report)


def _staff_channels(instansi: Instansi, officer: User) -> None:
    services.report_create_by_staff(
        actor=officer,
        instansi=instansi,
        channel="phone",
        data=ReportInput(
            summary="Pungutan tidak resmi pada pengurusan izin",
            description="Penelepon menyatakan diminta uang tunai di luar tarif resmi.",
            occurred_on=date(2025, 9, 3),
            accused_text="Staf bidang perizinan Dinas Penanaman Modal",
            reporter_mode="confidential",
            identity={"name": "Warga (nama fiktif)", "phone": "0800000001"},
        ),
    )
    forwarded, _ = services.report_create_by_staff(
        actor=officer,
        instansi=instansi,
        channel="lapor",
        lapor_tracking_number="LPR-DEMO-0001",
        data=ReportInput(
            summary="Jalan provinsi rusak tidak diperbaiki",
            description="Keluhan tentang jalan provinsi yang rusak, diteruskan dari LAPOR!.",
            reporter_mode="anonymous",
        ),
    )
    services.report_forward(
        actor=officer,
        report=forwarded,
        forwarded_to="Dinas Pekerjaan Umum Provinsi (fiktif)",
        letter_reference="800/17/BKPSDM/2025",
        note="Jalan ini kewenangan provinsi; laporan sudah kami teruskan.",
    )
    rejected, _ = services.report_create_by_staff(
        actor=officer,
        instansi=instansi,
        channel="letter",
        letter_reference="Surat warga tanggal 2 Oktober 2025",
        data=ReportInput(
            summary="Keluhan tentang tetangga",
            description="Surat berisi keluhan atas perselisihan antartetangga.",
            reporter_mode="open",
            identity={"name": "Penulis surat (fiktif)"},
        ),
    )
    services.report_reject(
        actor=officer,
        report=rejected,
        reason=(
            "Perselisihan antartetangga bukan pelanggaran disiplin pegawai; silakan hubungi "
            "kelurahan setempat."
        ),
    )
    services.report_create_from_media(
        actor=officer,
        instansi=instansi,
        source_url="https://berita.example/tenaga-kontrak-video-viral",
        text=(
            "Tujuh tenaga kerja kontrak Pemkot Sukamaju membuat video joget di media sosial "
            "pada jam kerja. Video itu viral dan dinilai melanggar kepatutan."
        ),
        outlet="Berita Contoh (fiktif)",
        published_on=date(2021, 9, 6),
        seen_on=date(2021, 9, 6),
        summary="Video viral tenaga kontrak pada jam kerja",
        accused_text="Tujuh tenaga kerja kontrak (TKK)",
        occurred_on=date(2021, 9, 2),
    )


def load(out: TextIO) -> None:
    """Create the demo reports once (running it again changes nothing)."""
    instansi = Instansi.objects.get(code=DEMO_INSTANSI_CODE)
    IntakeSettings.objects.get_or_create(instansi=instansi)
    officer = User.objects.filter(username="intake-officer").first()
    loaded: list[str] = []
    if not Report.objects.filter(instansi=instansi, summary=KARAOKE).exists():
        _karaoke(instansi, officer)
        _anonymous_absence(instansi)
        loaded.append("web")
    if (
        officer is not None
        and not Report.objects.filter(instansi=instansi, channel="media").exists()
    ):
        _staff_channels(instansi, officer)
        loaded.append("staff")
    absence = Report.objects.filter(instansi=instansi, summary=ABSENCE).first()
    if absence is not None:
        _set_demo_code(absence)
    partner_token: Any = None
    if not PartnerChannel.objects.filter(instansi=instansi).exists():
        with transaction.atomic():
            _partner, partner_token = services.partner_channel_create(
                actor=SystemActor("demo", rights=frozenset({Right.PARTNER_CHANNELS})),
                instansi=instansi,
                name="Gerbang SMS (demo)",
            )
    count = Report.objects.filter(instansi=instansi).count()
    code = receipts.format_code(DEMO_RECEIPT_CODE)
    out.write(f"Demo reports: {count} (receipt code of the anonymous one: {code})\n")
    if partner_token:
        out.write(f"Demo partner-channel API token (shown once): {partner_token}\n")
