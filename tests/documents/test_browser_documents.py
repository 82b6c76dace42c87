"""In a real Chromium: issue a summons from the case's documents page, upload the signed scan,
send a dossier, and check that the dossier verifies."""

from __future__ import annotations

import pytest

from tegak.documents.dossier import dossier_verify
from tegak.documents.models import DossierDispatch, IssuedDocument
from tests.browser_steps import logged_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_sign_and_send_in_the_browser(
    case_file, authorised_official, browser, browser_context_args, live_server, tmp_path
):
    case_file.summon()
    page = logged_in(browser, browser_context_args, live_server, authorised_official)
    page.goto(f"{live_server.url}/staf/dokumen/kasus/{case_file.case.pk}/")
    page.locator("form:has(input[value=surat_panggilan_1]) button").first.click()
    page.wait_for_load_state()
    assert "800/1/SETWAN/2022" in page.locator(".messages").inner_text()
    document = IssuedDocument.objects.get()
    scan = tmp_path / "ttd.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.locator(f"#signed-{document.pk}").set_input_files(str(scan))
    page.locator(f"form:has(#signed-{document.pk}) button").click()
    page.wait_for_load_state()
    assert "versi resmi" in page.locator(".messages").inner_text()
    page.locator("[name=recipient_kind]").select_option("inspektorat")
    page.locator("[name=recipient_name]").fill("Inspektorat Kota Uji")
    page.locator("form:has([name=recipient_name]) button").click()
    page.wait_for_load_state()
    assert "Inspektorat Kota Uji" in page.locator(".messages").inner_text()
    dispatch = DossierDispatch.objects.get()
    with dispatch.file.open("rb") as handle:
        assert dossier_verify(handle.read()).ok
    document.refresh_from_db()
    assert document.locked
