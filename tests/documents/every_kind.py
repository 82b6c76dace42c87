"""A case file that reaches every letter of the procedure, for a PNS, a PPPK or a non-ASN employee.

Used by `test_every_kind.py` and by `scripts/document_images.py` (the pictures in
docs/documents.md). The rows are written directly, as the steps' services would leave them (the
finding as the engine answers it, with the instansi rule's own sanction words), so that what is
checked is the documents, not the engine. The agency is Kota Sukamaju, whose built-in rules
cover PPPK (Perwal Sukamaju 12/2024) and contract staff (Perwal Sukamaju 13/2024) from 2024.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Jakarta")

# The employee under examination, per status: number, golongan, and how the letters label them.
EMPLOYEES: dict[str, dict[str, str]] = {
    "PNS": {
        "nip": "199203142019031007",
        "name": "Andi Saputra",
        "back_title": "S.E.",
        "golongan": "III/a",
        "id_label": "NIP",
        "printed_number": "19920314 201903 1 007",
        "rank": "Penata Muda, III/a",
    },
    "PPPK": {
        "nip": "198805122022212003",
        "name": "Sri Wahyuni",
        "back_title": "A.Md.",
        "golongan": "VII",
        "id_label": "NI PPPK",
        "printed_number": "19880512 202221 2 003",
        "rank": "Golongan VII",
    },
    "NON_ASN": {
        "nip": "TKK-2024-0042",
        "name": "Dedi Kurniawan",
        "back_title": "",
        "golongan": "",
        "id_label": "No. Reg. Non-ASN",
        "printed_number": "TKK-2024-0042",
        "rank": "",
    },
}
# Each decree family for each status: (level, sanction, the articles the decision rests on).
DECREES: dict[str, list[tuple[str, str, list[str]]]] = {
    "PNS": [
        ("ringan", "teguran_tertulis", ["PP 94/2021 Pasal 8 ayat (2) huruf b"]),
        ("sedang", "potong_tukin_25_6_bulan", ["PP 94/2021 Pasal 8 ayat (3) huruf a"]),
        ("berat", "penurunan_jabatan_12_bulan", ["PP 94/2021 Pasal 8 ayat (4) huruf a"]),
        ("berat", "pdh_taps", ["PP 94/2021 Pasal 8 ayat (4) huruf c"]),
    ],
    "PPPK": [
        ("ringan", "teguran_tertulis", ["Perwal Sukamaju 12/2024 Pasal 6 ayat (2) huruf b"]),
        (
            "sedang",
            "local:penundaan_kgb_1_tahun",
            ["Perwal Sukamaju 12/2024 Pasal 6 ayat (3) huruf a"],
        ),
        (
            "berat",
            "local:pemutusan_perjanjian_kerja_dengan_hormat",
            ["PP 49/2018 Pasal 53 ayat (2) huruf b dan Pasal 59"],
        ),
    ],
    "NON_ASN": [
        ("ringan", "teguran_tertulis", ["Perwal Sukamaju 13/2024 Pasal 7 huruf b"]),
    ],
}
# The instansi rule's words for its own sanctions, as the engine's finding carries them.
SANCTION_WORDS = {
    "local:penundaan_kgb_1_tahun": "penundaan kenaikan gaji berkala PPPK selama 1 tahun",
    "local:pemutusan_perjanjian_kerja_dengan_hormat": "pemutusan hubungan perjanjian kerja "
    "dengan hormat tidak atas permintaan sendiri",
}
PROVISIONS = {
    "PNS": "pp-94-2021:4:f",
    "PPPK": "pp-94-2021:4:f",
    "NON_ASN": "local:kota-sukamaju:non-asn-2024:6:a",
}
DESCRIPTIONS = {
    "PNS": "Meninggalkan kantor pada jam kerja tanpa izin atasan dan berkaraoke.",
    "PPPK": "Meninggalkan kantor pada jam kerja tanpa izin atasan dan berkaraoke.",
    "NON_ASN": "Tidak mengikuti apel pagi dan baru datang di kantor pukul 09.30 WIB.",
}
PLACES = {
    "PNS": "Tempat karaoke di Jalan Asia Afrika,",
    "PPPK": "Tempat karaoke di Jalan Asia Afrika,",
    "NON_ASN": "Halaman Kantor Disdukcapil",
}
MOMENTS = {"PNS": (14, 0), "PPPK": (14, 0), "NON_ASN": (7, 30)}
OFFICIAL_POST = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
# The PPK (not in the registry), as the instansi's settings name the title.
PPK_TITLE = "Wali Kota Sukamaju"
EXAMINER_POST = "Kepala Bidang Pelayanan Pendaftaran Penduduk"


@dataclass
class CaseFile:
    """The case, its main accused (every step) and one accused per further decree family."""

    status: str
    case: Any
    accused: Any
    official: Any
    examiner: Any
    others: list[Any] = field(default_factory=list)
    # Which accused each issued kind is for: 0 the main one, n the n-th further one.
    owners: dict[str, int] = field(default_factory=dict)

    def accused_of(self, kind: str) -> Any:
        """The accused an issued kind is for."""
        return [self.accused, *self.others][self.owners[kind]]


def printed_number(status: str, index: int) -> str:
    """The number of the accused as the letters print it (`index` as in `CaseFile.owners`)."""
    printed = EMPLOYEES[status]["printed_number"]
    return printed[:-1] + str(index) if index else printed


def _person(instansi, unit, post, kind, *, nip, name, status, golongan="", head=False, **titles):
    from tegak.people.models import Employee, Position, PositionAssignment

    position = Position.objects.create(
        instansi=instansi, unit=unit, name=post, kind=kind, is_head=head
    )
    employee = Employee.objects.create(
        instansi=instansi, nip=nip, name=name, status=status, golongan=golongan, **titles
    )
    PositionAssignment.objects.create(employee=employee, position=position, start=date(2020, 1, 1))
    return employee


def agency():
    """Kota Sukamaju with its Disdukcapil, the head of the dinas and the head of a bidang, each a
    user who may act: the authorised official and the examiner."""
    from tegak.accounts.models import RoleAssignment, User
    from tegak.people.models import Instansi, OrgUnit

    instansi = Instansi.objects.create(
        code="kota-sukamaju",
        name="Pemerintah Kota Sukamaju",
        level="kabupaten_kota",
        time_zone="WIB",
        city="Sukamaju",
        address="Jalan Merdeka No. 1, Sukamaju 40111",
        ppk_title=PPK_TITLE,
    )
    top = OrgUnit.objects.create(
        instansi=instansi, code="PEMKOT", name="Pemerintah Kota Sukamaju", kind="pemerintah"
    )
    dinas = OrgUnit.objects.create(
        instansi=instansi,
        code="DISDUKCAPIL",
        name="Dinas Kependudukan dan Pencatatan Sipil",
        kind="dinas",
        parent=top,
    )
    bidang = OrgUnit.objects.create(
        instansi=instansi,
        code="PDP",
        name="Bidang Pelayanan Pendaftaran Penduduk",
        kind="bidang",
        parent=dinas,
    )
    kadis = _person(
        instansi,
        dinas,
        OFFICIAL_POST,
        "jpt_pratama",
        head=True,
        nip="197005121995031002",
        name="Bambang Hartono",
        status="PNS",
        golongan="IV/c",
        front_title="Dr.",
        back_title="S.H., M.H.",
    )
    kabid = _person(
        instansi,
        bidang,
        EXAMINER_POST,
        "administrator",
        head=True,
        nip="197811232003122001",
        name="Lestari Handayani",
        status="PNS",
        golongan="IV/a",
        back_title="S.Sos., M.Si.",
    )
    official = User.objects.create_user(username="kadis", password="kata-sandi-uji-123")
    official.employee = kadis
    official.save()
    examiner = User.objects.create_user(username="kabid", password="kata-sandi-uji-123")
    examiner.employee = kabid
    examiner.save()
    RoleAssignment.objects.create(user=official, role="authorised_official", instansi=instansi)
    RoleAssignment.objects.create(user=examiner, role="examiner", instansi=instansi)
    return instansi, bidang, official, examiner, kadis, kabid


def _finding(status: str, level: str, sanction: str, articles: list[str]) -> dict[str, Any]:
    regulation = {"PNS": "PP 94/2021", "PPPK": "Perwal Sukamaju 12/2024"}.get(
        status, "Perwal Sukamaju 13/2024"
    )
    return {
        "regulation": regulation,
        "level": level,
        "sanction": sanction,
        "basis": articles,
        "authority": {"role": "atasan_langsung" if level == "ringan" else "ppk"},
        "sanction_labels": {
            code: {"id": words, "en": words}
            for code, words in SANCTION_WORDS.items()
            if code == sanction
        },
    }


def _accused(case, instansi, unit, status, index, level, sanction, articles):
    from tegak.cases.models import Accused, Allegation

    person = EMPLOYEES[status]
    suffix = f"{index}" if index else ""
    nip = person["nip"] if not index else person["nip"][:-1] + str(index)
    post = "Pengadministrasi Registrasi Kependudukan" if status != "NON_ASN" else "Tenaga Pendukung"
    employee = _person(
        instansi,
        unit,
        post + (f" {['', 'I', 'II', 'III'][index]}" if index else ""),
        "pelaksana",
        nip=nip,
        name=person["name"] + (f" {['', 'Dua', 'Tiga', 'Empat'][index]}" if index else suffix),
        status=status,
        golongan=person["golongan"],
        back_title=person["back_title"],
    )
    accused = Accused.objects.create(
        case=case, employee=employee, finding=_finding(status, level, sanction, articles)
    )
    Allegation.objects.create(
        case=case,
        accused=accused,
        provision=PROVISIONS[status],
        committed_on=date(2024, 8, 2),
        committed_at=datetime(2024, 8, 2, *MOMENTS[status], tzinfo=ZONE),
        place=PLACES[status],
        impact="unit_kerja",
        description=DESCRIPTIONS[status],
    )
    return accused


def _decide(case, accused, official, level, sanction, articles, status):
    from tegak.decisions.models import Decision

    regulation = {"PNS": "PP 94/2021", "PPPK": "PP 49/2018"}.get(status, "")
    basis = (["PP 94/2021 Pasal 4 huruf f"] if status == "PNS" else []) + articles
    return Decision.objects.create(
        case=case,
        accused=accused,
        sanction_code=sanction,
        level=level,
        regulation=regulation,
        basis_articles=basis,
        decided_on=date(2024, 9, 9),
        authorised_official=official,
    )


def build(status: str) -> CaseFile:
    """A case of Kota Sukamaju in which every letter for an employee of this status can be
    issued: team, summonses I and II, temporary release, BAP, LHP, each decree family, delivery,
    objection with the official's reply and the decision on it, and the notice to the reporter."""
    from django.utils import timezone

    from tegak.cases.models import Case, CaseHandler, CaseReport, StepAuthority
    from tegak.decisions.models import Delivery, Objection, ObjectionReply
    from tegak.hearings.models import (
        BeritaAcara,
        Examination,
        ExaminationTeam,
        ExaminationTeamMember,
        FindingsReport,
        QuestionAnswer,
        Summons,
        TemporaryRelease,
    )
    from tegak.intake.models import Report

    instansi, bidang, official, examiner, kadis, kabid = agency()
    case = Case.objects.create(
        instansi=instansi,
        register_number="KS-2024-0031",
        origin="report",
        opened_on=date(2024, 8, 5),
        known_to_superior_on=date(2024, 8, 5),
    )
    for user, role in ((examiner, "examiner"), (official, "authorised_official")):
        CaseHandler.objects.create(case=case, user=user, role=role, assigned_on=date(2024, 8, 5))
    decrees = DECREES[status]
    level, sanction, articles = decrees[0]
    accused = _accused(case, instansi, bidang, status, 0, level, sanction, articles)
    others = [
        _accused(case, instansi, bidang, status, index, *decree)
        for index, decree in enumerate(decrees[1:], start=1)
    ]
    team = ExaminationTeam.objects.create(
        case=case, accused=accused, formed_on=date(2024, 8, 8), formed_by=official
    )
    ExaminationTeamMember.objects.create(team=team, employee=kabid, role="superior")
    ExaminationTeamMember.objects.create(team=team, employee=kadis, role="other")
    if status == "PPPK":
        # A PPPK analyst of the personnel unit sits on the team: numbered as a PPPK.
        analyst = _person(
            instansi,
            bidang,
            "Analis Sumber Daya Manusia Aparatur",
            "fungsional_ahli_pertama",
            nip="199102022023212001",
            name="Maya Lestari",
            status="PPPK",
            golongan="IX",
            back_title="S.Psi.",
        )
        ExaminationTeamMember.objects.create(team=team, employee=analyst, role="personnel")
    first = Summons.objects.create(
        case=case,
        accused=accused,
        number=1,
        issued_on=date(2024, 8, 12),
        examination_on=date(2024, 8, 19),
        examination_time=time(9, 0),
        place="Ruang Rapat Disdukcapil",
        issued_by=official,
        missed=True,
        missed_recorded_on=date(2024, 8, 19),
    )
    second = Summons.objects.create(
        case=case,
        accused=accused,
        number=2,
        issued_on=date(2024, 8, 20),
        examination_on=date(2024, 8, 27),
        examination_time=time(9, 0),
        place="Ruang Rapat Disdukcapil",
        issued_by=official,
    )
    assert first.pk and second.pk
    TemporaryRelease.objects.create(
        case=case,
        accused=accused,
        decree_number="-",
        decree_on=date(2024, 8, 20),
        starts_on=date(2024, 8, 21),
        acting_official=kabid,
        recorded_by=official,
    )
    examination = Examination.objects.create(
        case=case,
        accused=accused,
        summons=second,
        held_on=date(2024, 8, 27),
        place="Ruang Rapat Disdukcapil",
        examiner=examiner,
    )
    for order, (question, answer) in enumerate(
        (
            ("Apakah Saudara dalam keadaan sehat dan bersedia diperiksa?", "Ya, bersedia."),
            (
                "Di mana Saudara pada Jumat, 2 Agustus 2024 pukul 14.00 WIB?",
                "Saya berada di tempat karaoke bersama teman.",
            ),
        ),
        start=1,
    ):
        QuestionAnswer.objects.create(
            examination=examination, order=order, question=question, answer=answer
        )
    BeritaAcara.objects.create(
        case=case,
        accused=accused,
        examination=examination,
        completed_on=date(2024, 8, 27),
        summary="Terperiksa mengakui meninggalkan kantor pada jam kerja.",
        recorded_by=examiner,
    )
    FindingsReport.objects.create(
        case=case,
        accused=accused,
        reported_on=date(2024, 9, 2),
        proven=True,
        conclusion="Terperiksa terbukti meninggalkan kantor pada jam kerja tanpa izin.",
        recommended_sanction=sanction,
        recorded_by=examiner,
    )
    decision = _decide(case, accused, official, level, sanction, articles, status)
    for other, (o_level, o_sanction, o_articles) in zip(others, decrees[1:], strict=True):
        _decide(case, other, official, o_level, o_sanction, o_articles, status)
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2024, 9, 11),
        received_on=date(2024, 9, 11),
        delivered_by=examiner,
        window_closes_on=date(2024, 10, 1),
    )
    if status != "NON_ASN":
        objection = Objection.objects.create(
            decision=decision,
            kind="objection",
            filed_on=date(2024, 9, 20),
            grounds="Saya keluar kantor untuk mengurus keperluan keluarga yang mendesak.",
            recorded_by=official,
        )
        ObjectionReply.objects.create(
            objection=objection,
            replied_on=date(2024, 9, 27),
            text="Keputusan didasarkan pada pengakuan yang bersangkutan dalam pemeriksaan.",
            recorded_by=official,
        )
        objection.outcome, objection.decided_on = "confirmed", date(2024, 10, 14)
        objection.save()
        StepAuthority.objects.create(
            case=case,
            accused=accused,
            step="objection_decide",
            day=date(2024, 10, 14),
            user=official,
            capacity="ppk",
        )
    report = Report.objects.create(
        instansi=instansi,
        channel="web",
        status="in_case",
        summary="Pegawai Disdukcapil berkaraoke pada jam kerja",
        reporter_mode="anonymous",
        receipt_index="k" * 16,
        receipt_hash="h",
        received_at=timezone.make_aware(datetime(2024, 8, 3, 10, 0), ZONE),
        acknowledge_due=date(2024, 8, 6),
        first_answer_due=date(2024, 8, 17),
    )
    CaseReport.objects.create(case=case, report=report)
    accused.stage, accused.final_on = "final", date(2024, 10, 21)
    accused.save()
    return CaseFile(status, case, accused, official, examiner, others)


def issue_all(case_file: CaseFile) -> dict[str, Any]:
    """Every kind that fits, for the main accused and the further decree families, in the order
    of the procedure: {kind: IssuedDocument}."""
    from tegak.documents.context import CASE_KINDS, DECISION_DOCUMENT_KINDS, kind_fits
    from tegak.documents.kinds import DECISION_KIND_BY_LEVEL, decision_kind
    from tegak.documents.services import document_issue_for_case

    decrees = {*DECISION_KIND_BY_LEVEL.values(), "keputusan_pemberhentian"}
    everyone = [case_file.accused, *case_file.others]
    issued = {}
    case_file.owners = {}
    for kind in CASE_KINDS:
        if not kind_fits(kind, case_file.status):
            continue
        for index, accused in enumerate(everyone):
            if index and kind not in DECISION_DOCUMENT_KINDS:
                continue
            decision = accused.decision
            if kind in decrees and decision_kind(decision.level, decision.sanction_code) != kind:
                continue
            issued[kind] = document_issue_for_case(
                actor=case_file.official, accused=accused, kind=kind
            )
            case_file.owners[kind] = index
    return issued
