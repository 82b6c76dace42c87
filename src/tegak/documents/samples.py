"""A complete, fictional context for every kind.

Used to try an administrator's template before accepting it (a template that fails on a full
context is refused), for the benchmark, and in the documentation. Everyone here is invented.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tegak.documents.formatting import date_in_words, format_nip, long_date, rank_label
from tegak.documents.kinds import get_kind

SAMPLE_DAY = date(2022, 9, 6)


def _person(name: str, nip: str, golongan: str, position: str, unit: str) -> dict[str, str]:
    return {
        "name": name,
        "nip": format_nip(nip),
        "id_label": "NIP",
        "id_line": f"NIP {format_nip(nip)}",
        "rank": rank_label(golongan),
        "position": position,
        "unit": unit,
        "status": "PNS",
        "status_label": "Pegawai Negeri Sipil",
    }


def sample_context(kind: str, *, number: str = "800/17/BKPSDM/2022") -> dict[str, Any]:
    """A full context for the kind, as a case in Kota Sukamaju would give it."""
    employee = _person(
        "Rina Marlina, S.E.",
        "199001152015032004",
        "III/b",
        "Pengadministrasi Umum",
        "Sekretariat DPRD Kota Sukamaju",
    )
    superior = _person(
        "Drs. Hendra Wijaya, M.Si.",
        "197203101998031005",
        "IV/b",
        "Sekretaris DPRD",
        "Sekretariat DPRD Kota Sukamaju",
    )
    articles = [
        "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Pasal 8 ayat (2) huruf b Peraturan Pemerintah Nomor 94 Tahun 2021",
    ]
    context: dict[str, Any] = {
        "instansi": {
            "name": "Pemerintah Kota Sukamaju",
            "government": "PEMERINTAH KOTA SUKAMAJU",
            "unit": "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
            "address": "Jalan Merdeka No. 1, Sukamaju",
            "city": "Sukamaju",
            "ppk_title": "Wali Kota Sukamaju",
        },
        "document": {
            "number": number,
            "date": long_date(SAMPLE_DAY),
            "date_with_day": long_date(SAMPLE_DAY, with_day=True),
            "date_in_words": date_in_words(SAMPLE_DAY),
            "place": "Sukamaju",
            "subject": get_kind(kind).subject,
            "nature": "Rahasia",
            "attachment": "-",
            "title": get_kind(kind).title,
            "version": 1,
            "year": SAMPLE_DAY.year,
        },
        "signatory": {
            "name": superior["name"],
            "nip": superior["nip"],
            "id_label": "NIP",
            "id_line": superior["id_line"],
            "rank": superior["rank"],
            "position": "Sekretaris DPRD Kota Sukamaju",
            "capacity": "",
        },
        "copies": ["Wali Kota Sukamaju (sebagai laporan)", "Kepala BKPSDM Kota Sukamaju"],
        "case": {"register_number": "KSS-2022-0007", "opened_on": long_date(date(2022, 8, 29))},
        "employee": employee,
        "allegations": [
            {
                "description": "tidak menaati ketentuan jam kerja pada Jumat, 26 Agustus 2022 "
                "pukul 15.00 WIB",
                "provision": "pp-94-2021:4:f",
                "provision_label": "Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021",
                "committed_on": long_date(date(2022, 8, 26), with_day=True),
                "committed_at": "15.00 WIB",
                "place": "Sukamaju",
                "impact": "unit kerja",
            }
        ],
        "summons": {
            "ordinal": "I",
            "day": long_date(date(2022, 9, 13), with_day=True),
            "date": long_date(date(2022, 9, 13)),
            "time": "09.00 WIB",
            "place": "Ruang Rapat Sekretariat DPRD Kota Sukamaju",
            "appear_before": "Sekretaris DPRD Kota Sukamaju",
            "purpose": "berupa tidak menaati ketentuan jam kerja",
            "previous_number": "",
            "previous_date": "",
            "absence_basis": "Pasal 26 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021",
            "sanction_kind": "hukuman disiplin",
        },
        "examination": {
            "day_in_words": date_in_words(date(2022, 9, 13)),
            "date": long_date(date(2022, 9, 13)),
            "date_with_day": long_date(date(2022, 9, 13), with_day=True),
            "time": "09.00 WIB",
            "place": "Ruang Rapat Sekretariat DPRD Kota Sukamaju",
            "virtual": False,
        },
        "examiners": [{**superior, "role": "Atasan Langsung"}],
        "team": [
            {**superior, "role": "Ketua merangkap Anggota"},
            {
                **_person(
                    "Agus Salim, S.H.",
                    "198107222006041003",
                    "III/d",
                    "Auditor Ahli Muda",
                    "Inspektorat Kota Sukamaju",
                ),
                "role": "Anggota (unsur pengawasan)",
            },
        ],
        "questions": [
            {"number": 1, "question": "Apakah Saudara dalam keadaan sehat?", "answer": "Ya."},
            {
                "number": 2,
                "question": "Di mana Saudara pada Jumat, 26 Agustus 2022 pukul 15.00 WIB?",
                "answer": "Saya berada di luar kantor.",
            },
        ],
        "findings": {
            "facts": "Terperiksa mengakui berada di luar kantor pada jam kerja.",
            "conclusion": "Dugaan pelanggaran terbukti.",
            "proven": True,
            "level_label": "ringan",
            "sanction_label": "teguran tertulis",
            "recommendation": "Kami merekomendasikan penjatuhan hukuman disiplin.",
            "sanction_heading": "Hukuman disiplin tingkat ringan",
        },
        "decision": {
            "number": "800/21/BKPSDM/2022",
            "document_title": "Keputusan",
            "sanction_code": "teguran_tertulis",
            "sanction_label": "teguran tertulis",
            "level": "ringan",
            "level_label": "ringan",
            "regulation": "Peraturan Pemerintah Nomor 94 Tahun 2021",
            "decided_on": long_date(date(2022, 9, 20)),
            "decided_on_with_day": long_date(date(2022, 9, 20), with_day=True),
            "violation": "tidak menaati ketentuan jam kerja",
            "effective_rule": "pada hari kelima belas terhitung sejak tanggal diterima",
            "objection_route": "keberatan kepada atasan pejabat yang berwenang menghukum "
            "dalam jangka waktu 14 (empat belas) hari kerja sejak keputusan diterima",
            "justification": "",
            "notified": "yang bersangkutan",
            "sanction_kind": "hukuman disiplin",
            "imposition": "penjatuhan hukuman disiplin",
        },
        "considerations": [
            "bahwa Saudari Rina Marlina, S.E. terbukti tidak menaati ketentuan jam kerja;",
            "bahwa perbuatan tersebut melanggar kewajiban sebagaimana dimaksud dalam Pasal 4 "
            "huruf f Peraturan Pemerintah Nomor 94 Tahun 2021;",
        ],
        "legal_basis": [
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
            "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;",
        ],
        "articles": articles,
        "coaching": {
            "day_in_words": date_in_words(SAMPLE_DAY),
            "date": long_date(SAMPLE_DAY),
            "date_with_day": long_date(SAMPLE_DAY, with_day=True),
            "place": "Kantor BKPSDM Kota Sukamaju",
            "facts": "mengunggah video di media sosial pada jam kerja",
            "guidance": "diberikan arahan mengenai etika penggunaan media sosial",
            "sanction_label": "pernyataan tidak puas secara tertulis",
            "commitment": "tidak akan mengulangi perbuatan tersebut",
        },
        "coach": superior,
        "coached": [
            {
                **employee,
                "sanction_label": "pernyataan tidak puas secara tertulis",
                "facts": "mengunggah video di media sosial pada jam kerja",
                "statement": "tidak akan mengulangi perbuatan tersebut",
            }
        ],
        "report": {
            "received_on": long_date(date(2022, 8, 29), with_day=True),
            "received_at": "10.15 WIB",
            "received_when": long_date(date(2022, 8, 29), with_day=True) + ", pukul 10.15 WIB",
            "channel": "Formulir daring",
            "receipt_code": "CONTOH-0000",
            "summary": "Dugaan pegawai berada di luar kantor pada jam kerja.",
            "reporter_label": "Anonim",
            "follow_up": "Simpan kode penerimaan untuk mengikuti perkembangan pengaduan.",
        },
        "delivery": {
            "day_in_words": date_in_words(date(2022, 9, 22)),
            "date": long_date(date(2022, 9, 22)),
            "date_with_day": long_date(date(2022, 9, 22), with_day=True),
            "place": "Sekretariat DPRD Kota Sukamaju",
            "method": "diserahkan langsung",
            "received_by": employee["name"],
            "objection_deadline": long_date(date(2022, 10, 12), with_day=True),
            "title": "BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN",
        },
        "release": {
            "basis": "Pasal 31 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin "
            "Pegawai Negeri Sipil",
            "decree_on": long_date(SAMPLE_DAY),
            "starts_on": long_date(date(2022, 9, 13)),
            "starts_on_with_day": long_date(date(2022, 9, 13), with_day=True),
            "until": "sampai dengan ditetapkannya keputusan hukuman disiplin",
            "reason": "karena diduga melakukan pelanggaran disiplin yang dapat dijatuhi "
            "hukuman disiplin berat",
            "rights": "Selama dibebaskan sementara dari tugas jabatannya, Saudara tetap "
            "diberikan hak kepegawaian sesuai dengan ketentuan peraturan perundang-undangan.",
        },
        "acting": superior,
        "objection": {
            "kind_label": "keberatan",
            "filed_on": long_date(date(2022, 9, 28)),
            "grounds": "Terlambat karena mengantar anak berobat",
            "outcome": "reduced",
            "outcome_text": "memperingan",
            "decided_on": long_date(date(2022, 10, 20)),
            "decided_on_with_day": long_date(date(2022, 10, 20), with_day=True),
            "result_sanction_label": "teguran lisan",
        },
        "reply": {
            "date": long_date(date(2022, 10, 4)),
            "text": "Keputusan telah didasarkan pada hasil pemeriksaan.",
        },
        "addressee": superior,
        "complaint": {"reference": "LAP-2022-000012", "received_on": long_date(date(2022, 8, 29))},
        "outcome": {
            "result": "sanction",
            "text": "Dugaan pelanggaran disiplin yang Saudara laporkan terbukti.",
            "decided_on": long_date(date(2022, 9, 20)),
            "final": long_date(date(2022, 10, 20)),
        },
    }
    return context
