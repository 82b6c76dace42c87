"""The documents Tegak issues, and what each one's template may use.

A kind names one official document. Its schema lists the top-level context keys a template may
use and, for dicts (and the items of lists of dicts), the fields each offers. The same schema
checks an administrator's uploaded template: anything a case cannot supply is refused by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A context key either holds a plain value (None) or a dict / list of dicts with these fields.
Schema = dict[str, tuple[str, ...] | None]

PERSON_FIELDS = (
    "name",
    "nip",
    "id_label",
    "id_line",
    "rank",
    "position",
    "unit",
    "status",
    "status_label",
)
MEMBER_FIELDS = (*PERSON_FIELDS, "role")

COMMON_SCHEMA: Schema = {
    "instansi": ("name", "government", "unit", "address", "city", "ppk_title"),
    "document": (
        "number",
        "date",
        "date_with_day",
        "date_in_words",
        "place",
        "subject",
        "nature",
        "attachment",
        "title",
        "version",
        "year",
    ),
    "signatory": ("name", "nip", "id_label", "id_line", "rank", "position", "capacity"),
    "copies": None,
}
CASE_SCHEMA: Schema = {
    "case": ("register_number", "opened_on"),
    "employee": PERSON_FIELDS,
    "allegations": (
        "description",
        "provision",
        "provision_label",
        "committed_on",
        "committed_at",
        "place",
        "impact",
    ),
}
EXAMINATION_FIELDS = ("day_in_words", "date", "date_with_day", "time", "place", "virtual")
DECISION_FIELDS = (
    "document_title",
    "sanction_code",
    "sanction_label",
    "level",
    "level_label",
    "regulation",
    "decided_on",
    "decided_on_with_day",
    "violation",
    "effective_rule",
    "objection_route",
    "justification",
    "notified",
    # "hukuman disiplin" for ASN; "sanksi administratif" for non-ASN staff, whose sanction
    # rests on the instansi's own rule (a Perwal), never on PP 94/2021.
    "sanction_kind",
    # "penjatuhan hukuman disiplin" or "pemberian sanksi administratif".
    "imposition",
)

OBJECTION_FIELDS = (
    "kind_label",
    "filed_on",
    "grounds",
    "outcome",
    "outcome_text",
    "decided_on",
    "decided_on_with_day",
    "result_sanction_label",
)
RELEASE_FIELDS = (
    "decree_on",
    "starts_on",
    "starts_on_with_day",
    "until",
    "reason",
    "rights",
    "basis",
)


# The registers numbers are drawn from (one sequence per issuing unit, series and year), with
# the pattern used when the instansi has set none. Patterns differ so that two registers of one
# unit never print the same number.
SERIES: dict[str, tuple[str, str]] = {
    "surat": ("Surat keluar", "{classification}/{sequence}/{unit_code}/{year}"),
    "berita_acara": ("Berita acara", "{classification}/{sequence}/BA/{unit_code}/{year}"),
    "keputusan": ("Keputusan", "{classification}/Kep.{sequence}-{unit_code}/{year}"),
    "tanda_terima": ("Tanda terima pengaduan", "TT/{sequence}/{unit_code}/{year}"),
}


@dataclass(frozen=True)
class DocumentKind:
    """One kind of official document."""

    code: str
    title: str  # as printed on the document, in Bahasa Indonesia
    family: str  # layout: letter, minutes, decree, report, receipt
    subject: str  # default "Hal" / "Tentang"
    schema: Schema = field(default_factory=dict)
    # Where its number comes from: documents of a case, or a report's receipt.
    subject_type: str = "case"
    # Kinds that are never sent outside the agency (they identify a reporter).
    confidential: bool = False
    # The register its number is drawn from (see SERIES).
    series: str = "surat"
    # Its name in lists ("Keputusan Hukuman Disiplin Tingkat Ringan"); the title otherwise.
    name: str = ""

    @property
    def label(self) -> str:
        """The kind's name for lists and pages."""
        return self.name or self.title.capitalize()

    @property
    def full_schema(self) -> Schema:
        return {**COMMON_SCHEMA, **self.schema}


def _summons(code: str, ordinal: str) -> DocumentKind:
    return DocumentKind(
        code=code,
        title=f"SURAT PANGGILAN {ordinal}",
        name=f"Surat Panggilan {ordinal}",
        family="letter",
        subject=f"Panggilan {ordinal}",
        schema={
            **CASE_SCHEMA,
            "summons": (
                "ordinal",
                "day",
                "date",
                "time",
                "place",
                "appear_before",
                "purpose",
                "previous_number",
                "previous_date",
                "absence_basis",
                "sanction_kind",
            ),
        },
    )


def _decision(code: str, level_title: str) -> DocumentKind:
    return DocumentKind(
        code=code,
        title="KEPUTUSAN",
        name=f"Keputusan Hukuman Disiplin {level_title.title()}",
        series="keputusan",
        family="decree",
        subject=f"PENJATUHAN HUKUMAN DISIPLIN {level_title}",
        schema={
            **CASE_SCHEMA,
            "decision": DECISION_FIELDS,
            "considerations": None,
            "legal_basis": None,
            "articles": None,
        },
    )


KINDS: dict[str, DocumentKind] = {
    kind.code: kind
    for kind in (
        _summons("surat_panggilan_1", "I"),
        _summons("surat_panggilan_2", "II"),
        DocumentKind(
            code="berita_acara_pemeriksaan",
            title="BERITA ACARA PEMERIKSAAN",
            name="Berita Acara Pemeriksaan",
            series="berita_acara",
            family="minutes",
            subject="Pemeriksaan dugaan pelanggaran disiplin",
            schema={
                **CASE_SCHEMA,
                "examination": EXAMINATION_FIELDS,
                "examiners": MEMBER_FIELDS,
                "questions": ("number", "question", "answer"),
            },
        ),
        DocumentKind(
            code="laporan_hasil_pemeriksaan",
            title="LAPORAN HASIL PEMERIKSAAN",
            name="Laporan Hasil Pemeriksaan",
            family="report",
            subject="Laporan hasil pemeriksaan dugaan pelanggaran disiplin",
            schema={
                **CASE_SCHEMA,
                "examination": EXAMINATION_FIELDS,
                "examiners": MEMBER_FIELDS,
                "findings": (
                    "facts",
                    "conclusion",
                    "proven",
                    "level_label",
                    "sanction_label",
                    "recommendation",
                    "sanction_heading",
                ),
                "articles": None,
            },
        ),
        _decision("keputusan_hukuman_ringan", "TINGKAT RINGAN"),
        _decision("keputusan_hukuman_sedang", "TINGKAT SEDANG"),
        _decision("keputusan_hukuman_berat", "TINGKAT BERAT"),
        _decision("keputusan_pemberhentian", "BERUPA PEMBERHENTIAN"),
        DocumentKind(
            code="keputusan_tim_pemeriksa",
            title="KEPUTUSAN",
            name="Keputusan Pembentukan Tim Pemeriksa",
            series="keputusan",
            family="decree",
            subject="PEMBENTUKAN TIM PEMERIKSA",
            schema={
                **CASE_SCHEMA,
                "team": MEMBER_FIELDS,
                "considerations": None,
                "legal_basis": None,
            },
        ),
        DocumentKind(
            code="berita_acara_pembinaan",
            title="BERITA ACARA PEMBINAAN",
            name="Berita Acara Pembinaan",
            series="berita_acara",
            family="minutes",
            subject="Pembinaan pegawai non-ASN",
            schema={
                **CASE_SCHEMA,
                "coaching": (
                    "day_in_words",
                    "date",
                    "date_with_day",
                    "place",
                    "facts",
                    "guidance",
                    "sanction_label",
                    "commitment",
                ),
                "coach": PERSON_FIELDS,
                # Everyone coached: one person, or the whole group in one minutes (ADR 0061).
                "coached": (*PERSON_FIELDS, "sanction_label", "facts", "statement"),
                "legal_basis": None,
            },
        ),
        DocumentKind(
            code="surat_pemberian_sanksi",
            title="SURAT PEMBERIAN SANKSI",
            name="Surat Pemberian Sanksi (pegawai non-ASN)",
            family="letter",
            subject="Pemberian sanksi",
            schema={
                **CASE_SCHEMA,
                "decision": DECISION_FIELDS,
                "legal_basis": None,
                "articles": None,
            },
        ),
        DocumentKind(
            code="surat_pembebasan_sementara",
            title="SURAT PEMBEBASAN SEMENTARA DARI TUGAS JABATAN",
            name="Surat Pembebasan Sementara dari Tugas Jabatan",
            family="letter",
            subject="Pembebasan sementara dari tugas jabatan",
            schema={
                **CASE_SCHEMA,
                "release": RELEASE_FIELDS,
                "acting": PERSON_FIELDS,
            },
        ),
        DocumentKind(
            code="tanggapan_keberatan",
            title="TANGGAPAN ATAS KEBERATAN",
            name="Tanggapan atas Keberatan",
            family="letter",
            subject="Tanggapan atas keberatan",
            schema={
                **CASE_SCHEMA,
                "decision": (*DECISION_FIELDS, "number"),
                "objection": OBJECTION_FIELDS,
                "reply": ("date", "text"),
                "addressee": PERSON_FIELDS,
            },
        ),
        DocumentKind(
            code="keputusan_atas_keberatan",
            title="KEPUTUSAN",
            name="Keputusan atas Keberatan",
            series="keputusan",
            family="decree",
            subject="KEPUTUSAN ATAS KEBERATAN",
            schema={
                **CASE_SCHEMA,
                "decision": (*DECISION_FIELDS, "number"),
                "objection": OBJECTION_FIELDS,
                "considerations": None,
                "legal_basis": None,
            },
        ),
        DocumentKind(
            code="pemberitahuan_hasil",
            title="PEMBERITAHUAN HASIL PENANGANAN PENGADUAN",
            name="Pemberitahuan Hasil kepada Pelapor",
            family="letter",
            subject="Pemberitahuan hasil penanganan pengaduan",
            schema={
                "case": ("register_number", "opened_on"),
                "complaint": ("reference", "received_on"),
                "outcome": ("result", "text", "decided_on", "final"),
            },
        ),
        DocumentKind(
            code="tanda_terima_laporan",
            title="TANDA TERIMA PENGADUAN",
            name="Tanda Terima Pengaduan",
            series="tanda_terima",
            family="receipt",
            subject="Tanda terima pengaduan",
            subject_type="report",
            confidential=True,
            schema={
                "report": (
                    "received_on",
                    "received_at",
                    "received_when",
                    "channel",
                    "receipt_code",
                    "summary",
                    "reporter_label",
                    "follow_up",
                ),
            },
        ),
        DocumentKind(
            code="tanda_terima_keputusan",
            title="BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN",
            name="Berita Acara Penyampaian Keputusan",
            series="berita_acara",
            family="minutes",
            subject="Penyampaian keputusan hukuman disiplin",
            schema={
                **CASE_SCHEMA,
                "decision": (*DECISION_FIELDS, "number"),
                "delivery": (
                    "day_in_words",
                    "date",
                    "date_with_day",
                    "place",
                    "method",
                    "received_by",
                    "objection_deadline",
                    "title",
                ),
            },
        ),
    )
}

# The decision template family for each sanction level (PP 94/2021 Pasal 8; dismissal apart).
DISMISSAL_SANCTIONS = {"pdh_taps", "ptdh"}
DECISION_KIND_BY_LEVEL = {
    "ringan": "keputusan_hukuman_ringan",
    "sedang": "keputusan_hukuman_sedang",
    "berat": "keputusan_hukuman_berat",
}


def decision_kind(level: str, sanction_code: str) -> str:
    """The decree kind for a sanction: dismissal has its own, otherwise by level."""
    if sanction_code in DISMISSAL_SANCTIONS:
        return "keputusan_pemberhentian"
    return DECISION_KIND_BY_LEVEL[level]


def get_kind(code: str) -> DocumentKind:
    """The kind with this code (KeyError when there is none)."""
    return KINDS[code]
