"""The reporter's receipt: the code and the report's reference, never the reporter's name."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.documents.models import IssuedDocument
from tegak.documents.receipts import receipt_pdf

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_receipt_shows_code_reference_and_channel_but_not_the_name(instansi):
    from tegak.intake.services import ReportInput, report_submit

    report, code = report_submit(
        instansi=instansi,
        data=ReportInput(
            summary="Pegawai meninggalkan kantor pada jam kerja",
            description="Pada Jumat sore.",
            occurred_on=date(2022, 8, 26),
            reporter_mode="confidential",
            identity={"name": "Sutrisno Pelapor", "phone": "081298765432"},
        ),
        client_key=None,
    )
    text = pdf_text(receipt_pdf(report, receipt_code=code))
    assert code in text
    assert report.reference in text
    from django.utils import translation

    with translation.override("id"):
        assert str(report.get_channel_display()) in text
    assert "Dirahasiakan" in text
    assert "Sutrisno" not in text and "081298765432" not in text
    assert not IssuedDocument.objects.exists()
    # The kop names the government once (it was printed twice, as the unit too).
    assert text.count("PEMERINTAH KOTA UJI") == 1, text[:120]
