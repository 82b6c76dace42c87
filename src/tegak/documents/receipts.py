"""The reporter's receipt (tanda terima pengaduan), rendered on the spot and never stored.

The receipt code exists in clear text only at the moment a report is received (intake keeps only
its hash), so the receipt is rendered for the reporter there and then, numbered with the report's
own reference, and not kept: a stored copy would hold the code that opens the report.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation

from tegak.documents.context import letterhead
from tegak.documents.formatting import clock_time, long_date
from tegak.documents.render import document_render

REPORTER_LABELS = {
    "anonymous": "Anonim (identitas tidak diberikan)",
    "confidential": "Dirahasiakan (identitas tersegel)",
    "open": "Terbuka bagi petugas yang menangani",
}


def receipt_context(report: Any, *, receipt_code: str) -> dict[str, Any]:
    """The context of a report's receipt; never the reporter's name, only how they reported."""
    instansi = report.instansi
    received = report.received_at.astimezone(ZoneInfo(instansi.zoneinfo_name))
    with translation.override("id"):
        channel = str(report.get_channel_display())
    return {
        # The instansi's kop: the government once (it used to be printed twice, as the unit).
        "instansi": letterhead(instansi, None),
        "document": {
            "number": report.reference,
            "place": instansi.city or instansi.name,
            "date": long_date(received.date()),
            "date_with_day": long_date(received.date(), with_day=True),
        },
        "signatory": {"name": "", "nip": "", "rank": "", "position": "Petugas Penerima Pengaduan"},
        "report": {
            "received_on": long_date(received.date(), with_day=True),
            # Only the day was given (reading C26): no time is invented on the receipt.
            "received_at": (
                "— (jam tidak tercatat)"
                if report.received_time_unknown
                else clock_time(received, instansi.time_zone)
            ),
            # The whole cell: "Senin, 5 September 2022, pukul 09.30 WIB", or the day alone.
            "received_when": (
                f"{long_date(received.date(), with_day=True)} (jam tidak tercatat)"
                if report.received_time_unknown
                else f"{long_date(received.date(), with_day=True)}, pukul "
                f"{clock_time(received, instansi.time_zone)}"
            ),
            "channel": channel,
            "receipt_code": receipt_code,
            "summary": report.summary,
            "reporter_label": REPORTER_LABELS.get(report.reporter_mode, ""),
            "follow_up": "Simpan kode penerimaan ini. Dengan kode ini Anda dapat mengikuti "
            "perkembangan pengaduan dan menjawab pertanyaan petugas tanpa membuka identitas "
            "Anda. Kode ini tidak dapat dipulihkan jika hilang.",
        },
    }


def receipt_pdf(report: Any, *, receipt_code: str) -> bytes:
    """The receipt as a PDF for the reporter to download or print (not stored)."""
    context = receipt_context(report, receipt_code=receipt_code)
    return document_render(kind="tanda_terima_laporan", context=context, fmt="pdf")
