"""Every built-in template renders to DOCX and PDF with the right names, dates, number and law."""

from __future__ import annotations

import pytest

from tegak.documents.kinds import KINDS, decision_kind
from tegak.documents.render import document_render
from tegak.documents.samples import sample_context

from .conftest import docx_text, pdf_text

NUMBER = "800/123/BKPSDM/2022"

# What each kind must show, beyond the number and the letterhead.
EXPECTED = {
    "surat_panggilan_1": ["SURAT PANGGILAN I", "Rina Marlina, S.E.", "Selasa, 13 September 2022"],
    "surat_panggilan_2": ["SURAT PANGGILAN II", "Pasal 26 ayat (4)", "Rina Marlina, S.E."],
    "berita_acara_pemeriksaan": [
        "BERITA ACARA PEMERIKSAAN",
        "hari Selasa tanggal tiga belas bulan September tahun dua ribu dua puluh dua",
        "Di mana Saudara pada Jumat, 26 Agustus 2022 pukul 15.00 WIB?",
        "Pasal 4 huruf f",
    ],
    "laporan_hasil_pemeriksaan": [
        "LAPORAN HASIL PEMERIKSAAN",
        "teguran tertulis",
        "Pasal 8 ayat (2) huruf b Peraturan Pemerintah Nomor 94 Tahun 2021",
    ],
    "keputusan_hukuman_ringan": [
        "PENJATUHAN HUKUMAN DISIPLIN TINGKAT RINGAN",
        "berupa teguran tertulis",
        "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021",
        "14 (empat belas) hari kerja",
        "KESATU",
    ],
    "keputusan_hukuman_sedang": ["TINGKAT SEDANG", "MEMUTUSKAN"],
    "keputusan_hukuman_berat": ["TINGKAT BERAT", "MEMUTUSKAN"],
    "keputusan_pemberhentian": ["BERUPA PEMBERHENTIAN", "tingkat berat berupa"],
    "keputusan_tim_pemeriksa": [
        "PEMBENTUKAN TIM PEMERIKSA",
        "Agus Salim, S.H.",
        "Anggota (unsur pengawasan)",
    ],
    "berita_acara_pembinaan": [
        "BERITA ACARA PEMBINAAN",
        "pernyataan tidak puas secara tertulis",
        "mengunggah video di media sosial pada jam kerja",
    ],
    "tanda_terima_laporan": ["TANDA TERIMA PENGADUAN", "CONTOH-0000", "Formulir daring"],
    "tanda_terima_keputusan": [
        "BERITA ACARA PENYAMPAIAN",
        "800/21/BKPSDM/2022",
        "Rabu, 12 Oktober 2022",
    ],
    "surat_pemberian_sanksi": ["Pemberian sanksi", "dijatuhkan sanksi berupa teguran tertulis"],
    "surat_pembebasan_sementara": [
        "dibebaskan sementara dari tugas jabatan",
        "Selasa, 13 September 2022",
        "pelaksana harian",
    ],
    "tanggapan_keberatan": ["Pasal 8 ayat (1)", "Keputusan telah didasarkan pada hasil"],
    "keputusan_atas_keberatan": ["MEMUTUSKAN", "KESATU", "Rina Marlina, S.E."],
    "pemberitahuan_hasil": ["Yth. Pelapor", "LAP-2022-000012", "identitas pegawai"],
}


def _context(kind):
    context = sample_context(kind, number=NUMBER)
    return context


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders_to_docx_and_pdf_with_its_facts(kind):
    context = _context(kind)
    docx = document_render(kind=kind, context=context, fmt="docx")
    pdf = document_render(kind=kind, context=context, fmt="pdf")
    assert docx[:2] == b"PK" and pdf[:5] == b"%PDF-"
    expected = [NUMBER, "PEMERINTAH KOTA SUKAMAJU", "Drs. Hendra Wijaya, M.Si.", *EXPECTED[kind]]
    # The reporter's papers never name the accused.
    for_reporter = kind in {"tanda_terima_laporan", "pemberitahuan_hasil"}
    if not for_reporter:
        expected += ["Rina Marlina, S.E."]
    if not for_reporter and kind != "berita_acara_pembinaan":
        expected += ["19900115 201503 2 004"]
    for text in (docx_text(docx), pdf_text(pdf)):
        for fragment in expected:
            assert fragment in text, f"{kind}: {fragment!r} missing"
        if for_reporter:
            assert "Rina Marlina" not in text and "19900115" not in text
        assert "{{" not in text and "{%" not in text


def test_letter_date_and_place_are_printed():
    context = _context("surat_panggilan_1")
    text = pdf_text(document_render(kind="surat_panggilan_1", context=context, fmt="pdf"))
    assert "Sukamaju, 6 September 2022" in text
    assert "Tembusan:" in text and "Wali Kota Sukamaju (sebagai laporan)" in text


def test_no_copies_no_tembusan_heading():
    context = _context("surat_panggilan_1") | {"copies": []}
    text = docx_text(document_render(kind="surat_panggilan_1", context=context, fmt="docx"))
    assert "Tembusan" not in text


def test_markup_in_the_case_is_printed_as_text_not_interpreted():
    context = _context("surat_panggilan_1")
    context["employee"]["name"] = "Budi <b>&</b> {{ document.number }}"
    docx = document_render(kind="surat_panggilan_1", context=context, fmt="docx")
    assert "Budi <b>&</b> {{ document.number }}" in docx_text(docx)
    assert "Budi <b>&</b>" in pdf_text(
        document_render(kind="surat_panggilan_1", context=context, fmt="pdf")
    )


@pytest.mark.parametrize(
    ("level", "sanction", "kind"),
    [
        pytest.param("ringan", "teguran_tertulis", "keputusan_hukuman_ringan", id="ringan"),
        pytest.param("sedang", "potong_tukin_25_6_bulan", "keputusan_hukuman_sedang", id="sedang"),
        pytest.param("berat", "pembebasan_jabatan_12_bulan", "keputusan_hukuman_berat", id="berat"),
        pytest.param("berat", "pdh_taps", "keputusan_pemberhentian", id="pdh-taps-dismissal"),
        pytest.param("berat", "ptdh", "keputusan_pemberhentian", id="ptdh-dismissal"),
    ],
)
def test_decision_template_family_follows_the_sanction(level, sanction, kind):
    assert decision_kind(level, sanction) == kind
