"""Every letter kind rendered from a case file for a PNS, a PPPK and a non-ASN employee, and the
text of each PDF read as the official who signs it would (#14, "done when"): numbers distinct,
the violation named in decrees, the right legal basis for the status, the signer's position, the
employee's number labelled for what it is, and nothing a person would have to correct by hand."""

from __future__ import annotations

import re

import pytest

from tegak.cases.authority import decided_for_ppk
from tegak.documents.context import CASE_KINDS, kind_fits
from tegak.documents.models import NumberAllocation
from tegak.documents.services import document_file

from . import every_kind
from .conftest import pdf_text

pytestmark = pytest.mark.django_db

DECREES = {
    "keputusan_hukuman_ringan",
    "keputusan_hukuman_sedang",
    "keputusan_hukuman_berat",
    "keputusan_pemberhentian",
    "keputusan_atas_keberatan",
}
# Who signs what in the case file built by `every_kind`: the head of the bidang examined, wrote
# the report and delivered the decision; the head of the dinas signed everything else but the
# decrees of the decisions the engine gives to the PPK (every level above ringan there): those
# are the Wali Kota's, in the Wali Kota's title, with the name left to write in at signing (the
# Wali Kota is not in the registry), numbered in the government's register (reading D12).
SIGNED_BY_EXAMINER = {
    "berita_acara_pemeriksaan",
    "laporan_hasil_pemeriksaan",
    "tanda_terima_keputusan",
}
# Every level above ringan is the PPK's in this case file (`every_kind._finding`).
PPK_DECREES: dict[str, set[str]] = {
    "PNS": {
        "keputusan_hukuman_sedang",
        "keputusan_hukuman_berat",
        "keputusan_pemberhentian",
        "keputusan_atas_keberatan",
    },
    "PPPK": {"keputusan_hukuman_sedang", "keputusan_hukuman_berat", "keputusan_atas_keberatan"},
    "NON_ASN": set(),
}
PP_94 = "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
PP_49 = "Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan"
PPPK_RULE = "Peraturan Wali Kota Sukamaju Nomor 12 Tahun 2024"
NON_ASN_RULE = "Peraturan Wali Kota Sukamaju Nomor 13 Tahun 2024"
# What a person would have to correct by hand: codes, doubled or stray punctuation, notes.
DEFECTS = {
    "a code": re.compile(r"\b[a-z]+_[a-z_]+\b|\blocal:|\bpp-\d|\bNone\b|\{\{|\{%"),
    "a doubled stop": re.compile(r"\.\s*\.(?!\.)"),
    # (not the stop of a degree: "S.E.,", "M.Si.,", "S.Sos.,")
    "a stop before a semicolon or comma": re.compile(
        r"(?<![.\s][A-Za-z])(?<![.][A-Za-z]{2})(?<![.][A-Za-z]{3})\.\s*[;,]"
    ),
    "a doubled comma or semicolon": re.compile(r",\s*,|;\s*;"),
    "a space before punctuation": re.compile(r"\w\s+[,;](?=\s)"),
    "a capital inside the regulation's words": re.compile(r"masuk Kerja"),
    "a note to the user": re.compile(r"belum dicatat|Tegak"),
    "an empty line of the form": re.compile(
        r"(?:Pangkat/Gol\. Ruang|Jabatan|Unit Kerja|NIP|NI PPPK|No\. Reg\. Non-ASN)\s*:\s*"
        r"(?=Pangkat|Jabatan|Unit Kerja|NIP\b|NI PPPK|No\. Reg|Status\b)"
    ),
}


def _spaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _has(text: str, fragment: str) -> bool:
    return _spaced(fragment) in _spaced(text)


@pytest.fixture(params=["PNS", "PPPK", "NON_ASN"])
def letters(request):
    case_file = every_kind.build(request.param)
    issued = every_kind.issue_all(case_file)
    texts = {kind: pdf_text(document_file(document, "pdf")[0]) for kind, document in issued.items()}
    return case_file, issued, texts


def test_every_kind_renders_and_reads_as_a_letter_the_official_can_sign(letters):
    case_file, issued, texts = letters
    status = case_file.status
    person = every_kind.EMPLOYEES[status]
    expected = {kind for kind in CASE_KINDS if kind_fits(kind, status)}
    if status == "PPPK":
        expected.discard("keputusan_pemberhentian")  # PNS only (pdh_taps / ptdh)
    assert set(issued) == expected
    # Numbers: each drawn once, each printed on its own document.
    numbers = [document.number for document in issued.values()]
    assert len(set(numbers)) == len(numbers), numbers
    ppk_decrees: set[str] = set()
    for kind, text in texts.items():
        document = issued[kind]
        assert _has(text, document.number), kind
        # Dated in 2022 and issued now: a record copy, stamped so above the letterhead (ADR 0133);
        # the stamp is the system's, the letter under it must not speak of the system.
        assert text.startswith("Salinan catatan — dibuat dalam Tegak pada"), kind
        text = text.split("secara elektronik.", 1)[1]
        for defect, pattern in DEFECTS.items():
            found = pattern.search(text)
            assert found is None, (
                f"{kind}: {defect}: …{text[max(found.start() - 60, 0) : found.end() + 40]}…"
            )
        # The signer: position with its comma above the name, the NIP under it.
        post = every_kind.EXAMINER_POST if kind in SIGNED_BY_EXAMINER else every_kind.OFFICIAL_POST
        if kind in DECREES and decided_for_ppk(case_file.accused_of(kind)):
            ppk_decrees.add(kind)
            # The PPK's decree: the Wali Kota's, never the head of the dinas who recorded it.
            title = every_kind.PPK_TITLE
            assert _has(text, f"KEPUTUSAN {title.upper()} NOMOR {document.number}"), kind
            assert _has(text, f"Ditetapkan di Sukamaju pada tanggal 9 September 2024 {title},")
            assert "Kepala Dinas" not in text and "Bambang Hartono" not in text, kind
            assert "DINAS KEPENDUDUKAN" not in text, kind  # the government's letterhead
            assert document.number.endswith("-PEMKOT/2024"), document.number
            post = title
        elif kind == "keputusan_atas_keberatan" and _objection_above_registry(case_file, kind):
            # The Kepala Dinas has no superior in the registry: the head of the region decides
            # the objection (reading C6), so the decree is the PPK's (c8df054). The decree it
            # decides on is still cited as the Kepala Dinas's.
            ppk_decrees.add(kind)
            title = every_kind.PPK_TITLE
            assert _has(text, f"KEPUTUSAN {title.upper()} NOMOR {document.number}"), kind
            assert "Bambang Hartono" not in text, kind
            post = title
        assert _has(text, f"{post},"), kind
        if kind == "pemberitahuan_hasil":
            # The reporter is told the outcome, never who the employee is.
            assert person["name"] not in text and person["printed_number"] not in text
            continue
        # The employee's number, labelled for what it is; a rank only when there is one.
        number = re.escape(every_kind.printed_number(status, case_file.owners[kind]))
        assert re.search(re.escape(person["id_label"]) + rf"\s*:?\s*{number}", text), kind
        if status != "PNS":
            assert not re.search(rf"\bNIP\s*:?\s*{number}", text), kind
        if status == "NON_ASN":
            assert not re.search(rf"{number}\s*Pangkat", text), kind
        elif kind == "surat_panggilan_1" or re.search(rf"{number}\s*Pangkat", text):
            rank = re.escape(person["rank"])
            assert re.search(rf"{number}\s*Pangkat/Gol\. Ruang\s*:\s*{rank}", text), kind
        # The legal basis of the status.
        assert "Nomor 49 Tahun 2018" not in text or status == "PPPK", kind
        if status != "PNS":
            # PP 94/2021 disciplines PNS only (Pasal 7): no letter to a PPPK or a non-ASN
            # employee cites it, not even for the duty broken.
            assert "Nomor 94 Tahun 2021" not in text, kind
        if status == "NON_ASN":
            # Non-ASN staff are given a sanksi administratif under the instansi's rule, never
            # the hukuman disiplin of PP 94/2021 (seed walk F6).
            assert "hukuman disiplin" not in text.lower(), kind
    assert ppk_decrees == PPK_DECREES[status]
    _check_basis(status, texts)
    _check_violation_named(status, texts)
    _check_number_columns(status, texts)
    if status != "NON_ASN":
        # The employee's own words are quoted, not run into the sentence ("alasan Saya …").
        for kind in ("tanggapan_keberatan", "keputusan_atas_keberatan"):
            assert _has(texts[kind], "dengan alasan “Saya keluar kantor"), kind


def _check_number_columns(status: str, texts: dict[str, str]) -> None:
    """Tables of people do not head their number column "NIP" (or "NIK"): each number carries
    its own label, as the member's status has it."""
    for kind in ("keputusan_tim_pemeriksa", "berita_acara_pembinaan"):
        if kind in texts:
            assert "Nama / NIP" not in texts[kind] and "NIK" not in texts[kind], kind
            assert _has(texts[kind], "Nama dan Nomor Pegawai"), kind
    team = texts["keputusan_tim_pemeriksa"]
    assert _has(team, "Lestari Handayani, S.Sos., M.Si. NIP 19781123 200312 2 001")
    if status == "PPPK":
        assert _has(team, "Maya Lestari, S.Psi. NI PPPK 19910202 202321 2 001")
    if status == "NON_ASN":
        coached = every_kind.printed_number(status, 0)
        assert _has(texts["berita_acara_pembinaan"], f"No. Reg. Non-ASN {coached}")


def _check_basis(status: str, texts: dict[str, str]) -> None:
    if status == "PNS":
        for kind in DECREES | {"keputusan_tim_pemeriksa"}:
            assert _has(texts[kind], PP_94), kind
        assert _has(texts["keputusan_pemberhentian"], "Peraturan Pemerintah Nomor 11 Tahun 2017")
        assert _has(texts["surat_panggilan_2"], "Pasal 26 ayat (4) Peraturan Pemerintah Nomor 94")
        assert _has(texts["surat_pembebasan_sementara"], "Pasal 31 Peraturan Pemerintah Nomor 94")
    elif status == "PPPK":
        for kind in (DECREES - {"keputusan_pemberhentian"}) | {"keputusan_tim_pemeriksa"}:
            assert _has(texts[kind], PP_49) and _has(texts[kind], PPPK_RULE), kind
            assert not _has(texts[kind], PP_94), kind
        for kind in ("surat_panggilan_2", "surat_pembebasan_sementara"):
            assert _has(texts[kind], PPPK_RULE), kind
    else:
        for kind in (
            "berita_acara_pembinaan",
            "surat_pemberian_sanksi",
            "keputusan_tim_pemeriksa",
            "surat_pembebasan_sementara",
            "surat_panggilan_2",
        ):
            assert _has(texts[kind], NON_ASN_RULE), kind
        # The sanction letter names the provision broken and the article of the sanction.
        letter = texts["surat_pemberian_sanksi"]
        assert _has(letter, f"Pasal 6 huruf a {NON_ASN_RULE}")
        assert _has(letter, f"Pasal 7 huruf b {NON_ASN_RULE}")


def _check_violation_named(status: str, texts: dict[str, str]) -> None:
    """PP 94/2021 Pasal 33 ayat (2): the decree names the violation: the provision, its words
    and the facts, when and where."""
    if status == "NON_ASN":
        for kind in ("surat_pemberian_sanksi", "berita_acara_pembinaan"):
            assert _has(
                texts[kind],
                "tidak mengikuti apel pagi dan baru datang di kantor pukul 09.30 WIB pada hari "
                "Jumat, 2 Agustus 2024 pukul 07.30 WIB di halaman Kantor Disdukcapil",
            ), kind
        return
    # A PPPK breaks the PPPK discipline of PP 49/2018 Pasal 51 ayat (1) as the instansi's rule
    # sets it (Pasal 52 ayat (1)), although the engine classified the act with PP 94/2021's words.
    provision = (
        "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021"
        if status == "PNS"
        else f"Pasal 51 ayat (1) Peraturan Pemerintah Nomor 49 Tahun 2018 juncto {PPPK_RULE}"
    )
    for kind in DECREES:
        if kind not in texts:
            continue
        assert _has(
            texts[kind],
            f"melanggar kewajiban sebagaimana dimaksud dalam {provision}, yaitu “masuk kerja dan "
            "menaati ketentuan jam kerja”, berupa perbuatan meninggalkan kantor pada jam kerja "
            "tanpa izin atasan dan berkaraoke pada hari Jumat, 2 Agustus 2024 pukul 14.00 WIB di "
            "tempat karaoke di Jalan Asia Afrika",
        ), kind
    # The decree's title carries the name without degrees (capitals would garble them).
    name = every_kind.EMPLOYEES[status]["name"].upper()
    assert _has(texts["keputusan_hukuman_ringan"], f"ATAS NAMA {name}.")


def test_no_letter_for_a_non_asn_employee_without_the_instansi_rule(case_file, authorised_official):
    """Kota Uji has recorded no rule for its contract staff: the letters that rest on it are
    refused with the reason, and no number is taken."""
    from django.utils import translation

    from tegak.core.errors import InputError
    from tegak.documents.context import available_kinds
    from tegak.documents.services import document_issue_for_case

    tkk = case_file.accused_tkk
    case_file.decide(who=tkk, sanction="teguran_tertulis")  # cites PP 94/2021 articles only
    before = NumberAllocation.objects.count()
    for kind in ("berita_acara_pembinaan", "surat_pemberian_sanksi"):
        with pytest.raises(InputError):
            document_issue_for_case(actor=authorised_official, accused=tkk, kind=kind)
        with translation.override("en"):
            assert "No rule of the instansi for non-ASN staff" in dict(available_kinds(tkk))[kind]
    assert NumberAllocation.objects.count() == before


def _objection_above_registry(case_file, kind: str) -> bool:
    """Whether the objection of this kind's accused is decided by a superior outside the
    registry (the head of the region)."""
    from tegak.cases import authority

    accused = case_file.accused_of(kind)
    objection = accused.decision.objection
    return authority.objection_goes_to_superior(accused) and (
        authority.lawful_objection_decider(accused, objection.decided_on).unresolved
    )
