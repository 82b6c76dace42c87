"""A staff member logs in with password and TOTP code, opens the org chart and an employee."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import make_user


@pytest.mark.browser
def test_staff_logs_in_with_totp_and_browses_org_chart_and_employee(
    live_server, page, instansi, tree, person
):
    kabid = person("Laras Penjelajah", tree["kabid"])
    staf = person("Bagas Diperiksa", tree["staf"])
    user = make_user("penjelajah", instansi, "examiner")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("penjelajah")
    page.locator("#id_password").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()

    expect(page.get_by_role("heading", name="Pastikan bahwa ini Anda")).to_be_visible()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("Kode dari aplikasi autentikator Anda").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Konfirmasi").click()

    page.get_by_role("link", name="Organisasi").click()
    expect(page.get_by_role("heading", name="Bagan organisasi")).to_be_visible()
    chart = page.locator("#org-chart")
    expect(chart).to_contain_text("Seksi Uji")
    expect(chart).to_contain_text("jabatan kepala kosong")  # nobody heads the seksi
    chart.get_by_role("link", name="Laras Penjelajah").click()
    expect(page.get_by_role("heading", name="Laras Penjelajah")).to_be_visible()

    page.get_by_role("link", name="Pegawai").first.click()
    page.get_by_label("Nama atau NIP").fill("Bagas")
    expect(page.locator("#employee-table")).not_to_contain_text("Laras Penjelajah")
    page.locator("#employee-table").get_by_role("link", name="Bagas Diperiksa").click()
    expect(page.get_by_role("heading", name="Bagas Diperiksa")).to_be_visible()
    chain = page.locator("#supervisor-chain")
    expect(chain).to_contain_text(kabid.full_name)  # the seksi head post is vacant
    expect(page.locator("#position-history")).to_contain_text("Pengadministrasi Umum")
    assert staf.nip in page.content()
