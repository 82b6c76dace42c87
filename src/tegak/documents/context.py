"""From the case file to a document's context: who, which post on the day, which articles.

One builder per kind reads the step the document records (a summons, the BAP, the decision…).
Names, NIP, rank, position and unit are those of the day of the step (the decision date for a
decree), through `tegak.people.selectors.assignment_on`. Asking for a document whose step does
not exist yet is refused with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.utils.translation import gettext as _

from tegak.cases.models import Accused, Case
from tegak.core.errors import InputError
from tegak.documents.formatting import (
    clock_time,
    date_in_words,
    format_nip,
    long_date,
    name_with_titles,
    number_with_words,
    rank_label,
)
from tegak.documents.kinds import DISMISSAL_SANCTIONS, KINDS, decision_kind
from tegak.documents.models import IssuedDocument
from tegak.people.models import ASN_STATUSES, Employee

REGULATION_NAMES = {
    "pp-94-2021": ("94", "2021", "Disiplin Pegawai Negeri Sipil"),
    "pp-53-2010": ("53", "2010", "Disiplin Pegawai Negeri Sipil"),
    "pp-49-2018": ("49", "2018", "Manajemen Pegawai Pemerintah dengan Perjanjian Kerja"),
    "pp-42-2004": ("42", "2004", "Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil"),
    "pp-79-2021": (
        "79",
        "2021",
        "Upaya Administratif dan Badan Pertimbangan Aparatur Sipil Negara",
    ),
    "pp-11-2017": ("11", "2017", "Manajemen Pegawai Negeri Sipil"),
}
STATUS_LABELS = {
    "PNS": "Pegawai Negeri Sipil",
    "CPNS": "Calon Pegawai Negeri Sipil",
    "PPPK": "Pegawai Pemerintah dengan Perjanjian Kerja",
    "PPPK_PARUH_WAKTU": "Pegawai Pemerintah dengan Perjanjian Kerja Paruh Waktu",
    "NON_ASN": "Pegawai Non-ASN",
}
LEVEL_LABELS = {"ringan": "ringan", "sedang": "sedang", "berat": "berat"}
# UU 20/2023 on the ASN was enacted on 31 October 2023 and replaced UU 5/2014.
UU_ASN_2023_FROM = date(2023, 10, 31)


def _months(count: int) -> str:
    return f"{number_with_words(count)} bulan"


def _years(count: int) -> str:
    return f"{number_with_words(count)} tahun"


# The sanction as a decree states it (PP 94/2021 Pasal 8; PP 53/2010 Pasal 7).
SANCTION_LABELS = {
    "teguran_lisan": "teguran lisan",
    "teguran_tertulis": "teguran tertulis",
    "pernyataan_tidak_puas": "pernyataan tidak puas secara tertulis",
    "potong_tukin_25_6_bulan": "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) "
    f"selama {_months(6)}",
    "potong_tukin_25_9_bulan": "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) "
    f"selama {_months(9)}",
    "potong_tukin_25_12_bulan": "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) "
    f"selama {_months(12)}",
    "penundaan_kgb_1_tahun": f"penundaan kenaikan gaji berkala selama {_years(1)}",
    "penundaan_pangkat_1_tahun": f"penundaan kenaikan pangkat selama {_years(1)}",
    "penurunan_pangkat_1_tahun": f"penurunan pangkat setingkat lebih rendah selama {_years(1)}",
    "penurunan_jabatan_12_bulan": f"penurunan jabatan setingkat lebih rendah selama {_months(12)}",
    "pembebasan_jabatan_12_bulan": "pembebasan dari jabatannya menjadi jabatan pelaksana selama "
    f"{_months(12)}",
    "penurunan_pangkat_3_tahun": f"penurunan pangkat setingkat lebih rendah selama {_years(3)}",
    "pemindahan_penurunan_jabatan": "pemindahan dalam rangka penurunan jabatan setingkat lebih "
    "rendah",
    "pembebasan_jabatan": "pembebasan dari jabatan",
    "pdh_taps": "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai Pegawai "
    "Negeri Sipil",
    "ptdh": "pemberhentian tidak dengan hormat sebagai Pegawai Negeri Sipil",
}


def sanction_label(code: str) -> str:
    """The sanction in the words of the regulation; an instansi's own code in plain words."""
    if code in SANCTION_LABELS:
        return SANCTION_LABELS[code]
    tail = code.rsplit(":", 1)[-1]
    return tail.replace("_", " ")


def regulation_title(regulation_id: str) -> str:
    """'pp-94-2021' -> 'Peraturan Pemerintah Nomor 94 Tahun 2021'."""
    if regulation_id in REGULATION_NAMES:
        number, year, _subject = REGULATION_NAMES[regulation_id]
        return f"Peraturan Pemerintah Nomor {number} Tahun {year}"
    return regulation_id


def provision_label(provision: str) -> str:
    """'pp-94-2021:4:f' -> 'Pasal 4 huruf f Peraturan Pemerintah Nomor 94 Tahun 2021'.

    PP 53/2010 numbers its items, so 'pp-53-2010:3:11' reads 'Pasal 3 angka 11'.
    """
    if provision.startswith("local:"):
        return provision
    parts = provision.split(":")
    regulation = regulation_title(parts[0])
    if len(parts) < 2:
        return regulation
    text = f"Pasal {parts[1]}"
    if len(parts) > 2 and parts[2]:
        text += f" angka {parts[2]}" if parts[2].isdigit() else f" huruf {parts[2]}"
    if len(parts) > 3 and parts[3]:
        text += f" angka {parts[3]}"
    return f"{text} {regulation}"


_SHORT_REGULATION = re.compile(r"\b(PP|UU|Perpres)\s+(\d+)/(\d{4})")
_SHORT_NAMES = {
    "PP": "Peraturan Pemerintah",
    "UU": "Undang-Undang",
    "Perpres": "Peraturan Presiden",
}


def article_text(article: str) -> str:
    """An article as the engine cites it, with the regulation written out for a letter.

    'PP 94/2021 Pasal 8 ayat (2) huruf b' -> 'Pasal 8 ayat (2) huruf b Peraturan Pemerintah
    Nomor 94 Tahun 2021'.
    """
    ordered = re.match(r"^\s*((?:PP|UU|Perpres)\s+\d+/\d{4})\s+(Pasal\b.*)$", article)
    if ordered:
        # As a letter cites it: the article first, then the regulation.
        article = f"{ordered.group(2)} {ordered.group(1)}"
    return _SHORT_REGULATION.sub(
        lambda match: (
            f"{_SHORT_NAMES[match.group(1)]} Nomor {match.group(2)} Tahun {match.group(3)}"
        ),
        article,
    )


# The number an employee is known by, and its label (PPPK: Nomor Induk PPPK; non-ASN staff have
# only the registration number the instansi gives them).
ID_LABELS = {"PNS": "NIP", "CPNS": "NIP", "PPPK": "NI PPPK", "PPPK_PARUH_WAKTU": "NI PPPK"}
NON_ASN_ID_LABEL = "No. Reg. Non-ASN"
EMPTY_PERSON = {
    "name": "",
    "nip": "",
    "id_label": "",
    "id_line": "",
    "rank": "",
    "position": "",
    "unit": "",
    "status": "",
    "status_label": "",
}


def person_on(employee: Employee | None, day: date, case: Any = None) -> dict[str, Any]:
    """Name with titles, number and its label, rank, position and unit as they were on the day.

    The post is the registry's on the day, else the one stated in the case (`cases.posts`).
    The rank is only printed when there is one (a PNS pangkat, a PPPK golongan); a non-ASN
    employee's number is labelled as the registration number it is, never as a NIP.
    """
    if employee is None:
        return dict(EMPTY_PERSON)
    from tegak.cases.posts import post_on

    post = post_on(employee, day, case)
    position = post.name if post else ""
    if post is not None and post.acting:
        position = f"{post.acting.capitalize()}. {position}"
    number = format_nip(employee.nip)
    id_label = ID_LABELS.get(employee.status, NON_ASN_ID_LABEL)
    return {
        "name": name_with_titles(employee.name, employee.front_title, employee.back_title),
        "nip": number,
        "id_label": id_label,
        "id_line": f"{id_label} {number}" if number else "",
        "rank": rank_label(employee.golongan) if employee.status in ASN_STATUSES else "",
        "position": position,
        "unit": post.unit.name if post is not None and post.unit is not None else "",
        "status": employee.status,
        "status_label": STATUS_LABELS.get(employee.status, employee.status),
    }


def _user_person(user: Any, day: date, case: Any = None) -> dict[str, Any]:
    employee = getattr(user, "employee", None) if user is not None else None
    if employee is not None:
        return person_on(employee, day, case)
    name = (user.get_full_name() or user.get_username()) if user is not None else ""
    return {**EMPTY_PERSON, "name": name}


def _signer(user: Any, day: date, case: Any = None) -> dict[str, Any]:
    """The signer as of the day; "_unit" holds their unit (taken out again by `_base`)."""
    from tegak.cases.posts import post_on

    employee = getattr(user, "employee", None) if user is not None else None
    post = post_on(employee, day, case) if employee is not None else None
    return {**_user_person(user, day, case), "_unit": post.unit if post is not None else None}


@dataclass(frozen=True)
class Built:
    """A context ready for `document_issue`, the step it records and the signer's unit."""

    context: dict[str, Any]
    step: Model
    dated: date
    unit: Any = None


SIGNATORY_FIELDS = ("name", "nip", "id_label", "id_line", "rank", "position")


def letterhead(instansi: Any, unit: Any) -> dict[str, Any]:
    """The kop of a letter: the government, then the issuing perangkat daerah, then the address.

    The unit line is the perangkat daerah above the signer's unit on the date; it is left out
    when that is the top of the tree (the government itself), so the government's name is
    never printed twice.
    """
    from tegak.documents.numbering import issuing_unit

    government = (instansi.name or "").upper()
    head = issuing_unit(unit)
    unit_line = ""
    if head is not None and head.parent_id is not None:
        unit_line = head.name.upper()
        if unit_line == government or unit_line in government:
            unit_line = ""
    return {
        "name": instansi.name,
        "government": government,
        "unit": unit_line,
        "address": instansi.address,
        "city": instansi.city,
        "ppk_title": instansi.ppk_title,
    }


# Where `_base` leaves the signer's unit for `build_context` (never rendered).
ISSUING_UNIT = "_issuing_unit"


class StepMissing(InputError):
    """The document's step does not exist yet (or does not fit this accused)."""


def _require(value: Any, reason: str) -> Any:
    if value is None:
        raise StepMissing("kind", reason)
    return value


def _related(owner: Any, name: str) -> Any:
    try:
        return getattr(owner, name)
    except Exception:  # RelatedObjectDoesNotExist of whichever model it is
        return None


def _base(accused: Accused, signer: dict[str, Any], day: date) -> dict[str, Any]:
    issuing_unit = signer.pop("_unit", None)
    case: Case = accused.case
    instansi = case.instansi
    allegations = [
        {
            "description": allegation.description,
            "provision": allegation.provision,
            "provision_label": provision_label(allegation.provision),
            "committed_on": long_date(allegation.committed_on, with_day=True),
            "committed_at": clock_time(
                allegation.committed_at.astimezone(ZoneInfo(instansi.zoneinfo_name)),
                instansi.time_zone,
            )
            if allegation.committed_at
            else "",
            "place": allegation.place,
            "impact": allegation.get_impact_display() if allegation.impact else "",
        }
        for allegation in accused.allegations.order_by("committed_on", "id")
    ]
    return {
        "instansi": letterhead(instansi, issuing_unit),
        "document": {"place": instansi.city or instansi.name, "nature": "Rahasia"},
        "signatory": {key: signer.get(key, "") for key in SIGNATORY_FIELDS},
        "case": {"register_number": case.register_number, "opened_on": long_date(case.opened_on)},
        "employee": person_on(accused.employee, day, case),
        "allegations": allegations,
        "copies": [],
        ISSUING_UNIT: issuing_unit,
    }


def _clause(text: str, *, lower: bool = True) -> str:
    """A description as a clause inside a sentence: no closing stop, comma or semicolon, and a
    small first letter unless it starts a name or an abbreviation."""
    text = re.sub(r"\s+", " ", text or "").strip().rstrip(".;,: ").strip()
    if lower and len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def join_clauses(items: list[str], *, lower: bool = True) -> str:
    """'a', 'a dan b', 'a; b; dan c' — as a letter lists things."""
    items = [
        item
        for item in (_clause(text) if lower else _clause(text, lower=False) for text in items)
        if item
    ]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return "; ".join(items[:-1]) + "; dan " + items[-1]


def _fact(item: dict[str, Any]) -> str:
    """'pada hari Jumat, 26 Agustus 2022 pukul 15.00 WIB di tempat karaoke meninggalkan …'."""
    when = f"pada hari {item['committed_on']}" if item.get("committed_on") else ""
    if item.get("committed_at"):
        when += f" pukul {item['committed_at']}"
    where = f"di {_clause(item['place'])}" if item.get("place") else ""
    return " ".join(part for part in (when, where, _clause(item.get("description", ""))) if part)


def _violation(context: dict[str, Any]) -> str:
    descriptions = [item["description"] for item in context["allegations"] if item["description"]]
    if descriptions:
        return join_clauses(descriptions)
    labels = [item["provision_label"] for item in context["allegations"]]
    return "melanggar ketentuan " + join_clauses(labels)


def _provision_words(provision_id: str) -> tuple[str, str]:
    """('kewajiban' or 'larangan', the provision's own words), or ('', '') when unknown."""
    from tegak.rules.catalog import provision

    try:
        found = provision(provision_id)
    except KeyError:
        return "", ""
    kind = {"obligation": "kewajiban", "prohibition": "larangan"}.get(found.category, "")
    return kind, found.text


def violations(context: dict[str, Any]) -> list[str]:
    """Each violation as a decree names it (PP 94/2021 Pasal 33 ayat (2)): the provision, its
    words and the facts: 'melanggar kewajiban sebagaimana dimaksud dalam Pasal 4 huruf f …,
    yaitu "masuk kerja dan menaati ketentuan jam kerja", dengan pada hari …'."""
    named = []
    for item in context["allegations"]:
        kind, words = _provision_words(item["provision"])
        text = (
            f"melanggar {kind or 'ketentuan'} sebagaimana dimaksud dalam {item['provision_label']}"
        )
        if words:
            text += f", yaitu “{_clause(words)}”"
        fact = _fact(item)
        if fact:
            text += f", berupa perbuatan {fact}"
        named.append(text)
    return named


def _summons(accused: Accused, number: int) -> Built:
    summons: Any = _require(
        accused.summonses.filter(number=number).first(),
        _("Summons %(number)s has not been issued in the case file yet.")
        % {"number": "I" if number == 1 else "II"},
    )
    signer = _signer(summons.issued_by, summons.issued_on, accused.case)
    context = _base(accused, signer, summons.issued_on)
    zone = accused.case.instansi.time_zone
    previous_number = previous_date = ""
    if number == 2:
        first = accused.summonses.filter(number=1).first()
        if first is not None:
            previous_date = long_date(first.issued_on)
            issued = IssuedDocument.objects.filter(
                kind="surat_panggilan_1", subject_type="hearings.summons", subject_id=str(first.pk)
            ).first()
            previous_number = issued.number if issued else "-"
    purpose = _violation(context)
    context["summons"] = {
        "ordinal": "I" if number == 1 else "II",
        "day": long_date(summons.examination_on, with_day=True),
        "date": long_date(summons.examination_on),
        "time": clock_time(summons.examination_time, zone) if summons.examination_time else "",
        "place": summons.place,
        "appear_before": signer["position"] or signer["name"],
        "purpose": f"berupa {purpose}" if not purpose.startswith("melanggar") else purpose,
        "previous_number": previous_number,
        "previous_date": previous_date,
    }
    context["document"]["subject"] = f"Panggilan {'I' if number == 1 else 'II'}"
    return Built(context, summons, summons.issued_on)


def _examiners(accused: Accused, day: date, examination: Any) -> list[dict[str, Any]]:
    team = _related(accused, "team")
    if examination is not None and examination.by_team and team is not None:
        return [
            {**person_on(member.employee, day, accused.case), "role": member.get_role_display()}
            for member in team.members.select_related("employee")
        ]
    examiner = examination.examiner if examination is not None else None
    # The capacity checked and kept when the examination was held (tegak.cases.authority).
    from tegak.cases.authority import document_label, examiner_capacity

    role = document_label(examiner_capacity(accused)) or "Pemeriksa"
    return [{**_user_person(examiner, day, accused.case), "role": role}]


def _examination_fields(examination: Any, summons_time: Any, zone: str) -> dict[str, Any]:
    return {
        "day_in_words": date_in_words(examination.held_on),
        "date": long_date(examination.held_on),
        "date_with_day": long_date(examination.held_on, with_day=True),
        "time": clock_time(summons_time, zone) if summons_time else "",
        "place": examination.place,
        "virtual": examination.virtual,
    }


def _bap(accused: Accused) -> Built:
    minutes = _require(
        _related(accused, "berita_acara"),
        _("The examination minutes (BAP) have not been recorded in the case file yet."),
    )
    examination = minutes.examination
    signer = _signer(examination.examiner, minutes.completed_on, accused.case)
    context = _base(accused, signer, minutes.completed_on)
    zone = accused.case.instansi.time_zone
    context["examination"] = _examination_fields(
        examination, examination.summons.examination_time, zone
    )
    context["examiners"] = _examiners(accused, examination.held_on, examination)
    context["questions"] = [
        {"number": qa.order, "question": qa.question, "answer": qa.answer}
        for qa in examination.questions.order_by("order")
    ]
    return Built(context, minutes, minutes.completed_on)


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        key = re.sub(r"\s+", " ", item).strip()
        if key and key not in seen:
            seen.append(key)
    return seen


def _finding_articles(accused: Accused) -> list[str]:
    return [article_text(str(item)) for item in (accused.finding or {}).get("basis") or []]


def _lhp(accused: Accused) -> Built:
    report = _require(
        _related(accused, "findings_report"),
        _("The report of findings has not been made in the case file yet."),
    )
    signer = _signer(report.recorded_by, report.reported_on, accused.case)
    context = _base(accused, signer, report.reported_on)
    examination = _related(accused, "examination")
    minutes = _related(accused, "berita_acara")
    if examination is not None:
        context["examination"] = _examination_fields(
            examination, examination.summons.examination_time, accused.case.instansi.time_zone
        )
    context["examiners"] = _examiners(accused, report.reported_on, examination)
    finding = accused.finding or {}
    level = str(finding.get("level") or "")
    context["findings"] = {
        "facts": (minutes.summary if minutes is not None else "") or _violation(context),
        "conclusion": report.conclusion,
        "proven": report.proven,
        "level_label": LEVEL_LABELS.get(level, level or "-"),
        "sanction_label": sanction_label(report.recommended_sanction)
        if report.recommended_sanction
        else "-",
        "recommendation": "Pelanggaran terbukti; kami merekomendasikan penjatuhan hukuman disiplin."
        if report.proven
        else "Pelanggaran tidak terbukti; kami merekomendasikan agar tidak dijatuhkan hukuman "
        "disiplin.",
    }
    context["articles"] = _finding_articles(accused)
    return Built(context, report, report.reported_on)


def _legal_basis(decided_on: date, regulation: str, dismissal: bool) -> list[str]:
    basis = [
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;"
        if decided_on >= UU_ASN_2023_FROM
        else "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;"
    ]
    if dismissal:
        basis.append(
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;"
        )
    regulation_id = {"PP 94/2021": "pp-94-2021", "PP 53/2010": "pp-53-2010"}.get(
        regulation, regulation.lower().replace(" ", "-").replace("/", "-")
    )
    if regulation_id in REGULATION_NAMES:
        number, year, subject = REGULATION_NAMES[regulation_id]
        basis.append(f"Peraturan Pemerintah Nomor {number} Tahun {year} tentang {subject};")
    basis.append(
        "Peraturan Pemerintah Nomor 79 Tahun 2021 tentang Upaya Administratif dan Badan "
        "Pertimbangan Aparatur Sipil Negara;"
    )
    return basis


def _objection_route(accused: Accused, sanction: str) -> str:
    window = "dalam jangka waktu 14 (empat belas) hari kerja terhitung sejak keputusan diterima"
    if sanction in DISMISSAL_SANCTIONS:
        return "banding administratif kepada Badan Pertimbangan Aparatur Sipil Negara " + window
    authority = str(((accused.finding or {}).get("authority") or {}).get("role") or "")
    if authority == "ppk":
        return f"keberatan kepada Pejabat Pembina Kepegawaian {window}"
    return f"keberatan secara tertulis kepada atasan pejabat yang berwenang menghukum {window}"


def _decision_context(accused: Accused, decision: Any) -> dict[str, Any]:
    signer = _signer(decision.authorised_official, decision.decided_on, accused.case)
    context = _base(accused, signer, decision.decided_on)
    dismissal = decision.sanction_code in DISMISSAL_SANCTIONS
    level = decision.level or ("berat" if dismissal else "")
    articles = [article_text(str(item)) for item in decision.basis_articles or []]
    if not articles:
        articles = [item["provision_label"] for item in context["allegations"]]
    # The number of the document that records the decision, only once it has been issued.
    issued = (
        IssuedDocument.objects.filter(
            subject_type="decisions.decision", subject_id=str(decision.pk)
        )
        .exclude(number="")
        .order_by("issued_at")
        .first()
    )
    context["decision"] = {
        "number": issued.number if issued else "",
        "document_title": "Berita Acara Pembinaan"
        if issued is not None and issued.kind == "berita_acara_pembinaan"
        else "Keputusan",
        "sanction_code": decision.sanction_code,
        "sanction_label": sanction_label(decision.sanction_code),
        "level": level,
        "level_label": LEVEL_LABELS.get(level, level),
        "regulation": article_text(decision.regulation) if decision.regulation else "",
        "decided_on": long_date(decision.decided_on),
        "decided_on_with_day": long_date(decision.decided_on, with_day=True),
        "violation": _violation(context),
        # PP 94/2021 Pasal 38: effective on the fifteenth day after it is received.
        "effective_rule": "pada hari ke-15 (lima belas) sejak diterima oleh yang bersangkutan; "
        "apabila diajukan upaya administratif, berlaku sesuai dengan keputusan upaya "
        "administratifnya",
        "objection_route": _objection_route(accused, decision.sanction_code),
        "justification": decision.justification,
    }
    context["articles"] = articles
    return context


def _decree(accused: Accused, kind: str) -> Built:
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    if accused.employee.status not in ASN_STATUSES:
        raise StepMissing(
            "kind",
            _(
                "The accused is non-ASN staff: their sanction is recorded in the coaching "
                "minutes (berita acara pembinaan), not in a discipline decree."
            ),
        )
    dismissal = decision.sanction_code in DISMISSAL_SANCTIONS
    level = decision.level or ("berat" if dismissal else "")
    expected = decision_kind(level, decision.sanction_code) if level else ""
    if expected != kind:
        raise StepMissing(
            "kind",
            _("The decision is a %(level)s sanction: its decree is the document “%(kind)s”.")
            % {"level": level or "-", "kind": KINDS[expected].label if expected else "-"},
        )
    context = _decision_context(accused, decision)
    employee = context["employee"]
    minutes = _related(accused, "berita_acara")
    if decision.on_evidence_without_examination:
        ground = (
            "berdasarkan alat bukti dan keterangan yang ada, tanpa pemeriksaan karena yang "
            "bersangkutan tidak memenuhi panggilan kedua (Pasal 26 ayat (4) Peraturan "
            "Pemerintah Nomor 94 Tahun 2021)"
        )
    elif minutes is not None:
        ground = (
            "berdasarkan hasil pemeriksaan sebagaimana tertuang dalam Berita Acara Pemeriksaan "
            f"tanggal {long_date(minutes.completed_on)}"
        )
    else:
        ground = "berdasarkan hasil pemeriksaan"
    named = violations(context)
    rests_on = _dedupe(
        [item["provision_label"] for item in context["allegations"]]
        + context["articles"]
        + _finding_articles(accused)
    )
    context["articles"] = rests_on
    context["decision"]["violation"] = join_clauses(named) or context["decision"]["violation"]
    identity = ", ".join(
        part for part in (employee["name"], employee["id_line"], employee["position"]) if part
    )
    level_text = (
        "tingkat berat berupa pemberhentian"
        if dismissal
        else f"tingkat {context['decision']['level_label']}"
    )
    context["considerations"] = [
        f"bahwa Saudara {identity}, {ground}, terbukti {join_clauses(named)};",
        "bahwa perbuatan tersebut merupakan pelanggaran disiplin "
        f"{level_text} sebagaimana dimaksud dalam {join_clauses(rests_on, lower=False)}, sehingga "
        "perlu "
        f"dijatuhi hukuman disiplin berupa {context['decision']['sanction_label']};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        "menetapkan Keputusan tentang Penjatuhan Hukuman Disiplin;",
    ]
    context["legal_basis"] = _legal_basis(decision.decided_on, decision.regulation, dismissal)
    family = "Berupa Pemberhentian" if dismissal else f"Tingkat {level.capitalize()}"
    context["document"]["subject"] = (
        f"Penjatuhan Hukuman Disiplin {family} atas nama {employee['name']}"
    )
    context["copies"] = [
        "Kepala Badan Kepegawaian Negara",
        "Kepala BKPSDM",
        "Atasan langsung yang bersangkutan",
        "Yang bersangkutan",
    ]
    return Built(context, decision, decision.decided_on)


def _team_decree(accused: Accused) -> Built:
    team = _require(
        _related(accused, "team"),
        _("No examination team has been formed in the case file yet."),
    )
    signer = _signer(team.formed_by, team.formed_on, accused.case)
    context = _base(accused, signer, team.formed_on)
    context["team"] = [
        {
            **person_on(member.employee, team.formed_on, accused.case),
            "role": member.get_role_display(),
        }
        for member in team.members.select_related("employee")
    ]
    context["considerations"] = [
        f"bahwa terdapat dugaan pelanggaran disiplin oleh Saudara {context['employee']['name']} "
        f"berupa {_violation(context)};",
        "bahwa untuk memeriksa dugaan pelanggaran disiplin tersebut perlu dibentuk Tim "
        "Pemeriksa sebagaimana dimaksud dalam Pasal 29 Peraturan Pemerintah Nomor 94 Tahun 2021;",
    ]
    context["legal_basis"] = _legal_basis(team.formed_on, "PP 94/2021", False)
    context["document"]["subject"] = (
        f"Pembentukan Tim Pemeriksa atas nama {context['employee']['name']}"
    )
    return Built(context, team, team.formed_on)


def _coaching(accused: Accused) -> Built:
    if accused.employee.status in ASN_STATUSES:
        raise StepMissing(
            "kind",
            _("Coaching minutes are for non-ASN staff; this employee is ASN."),
        )
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    signer = _signer(decision.authorised_official, decision.decided_on, accused.case)
    context = _base(accused, signer, decision.decided_on)
    examination = _related(accused, "examination")
    context["coach"] = signer
    context["coaching"] = {
        "day_in_words": date_in_words(decision.decided_on),
        "date": long_date(decision.decided_on),
        "date_with_day": long_date(decision.decided_on, with_day=True),
        "place": examination.place if examination is not None else context["instansi"]["name"],
        "facts": _violation(context),
        "guidance": decision.justification
        or "diberikan pembinaan mengenai kewajiban dan larangan bagi pegawai",
        "sanction_label": sanction_label(decision.sanction_code),
        "commitment": "yang bersangkutan menyatakan tidak akan mengulangi perbuatannya",
    }
    context["coaching"]["facts"] = join_clauses(
        [_fact(item) for item in context["allegations"]]
    ) or _violation(context)
    context["legal_basis"] = non_asn_basis(accused, decision)
    return Built(context, decision, decision.decided_on)


# Regulations that govern ASN only: never the basis of coaching a non-ASN employee (PP 49/2018
# is the PPPK regulation; PP 94/2021 and PP 53/2010 discipline PNS).
ASN_ONLY = ("PP 49/2018", "PP 94/2021", "PP 53/2010", "pp-49-2018", "pp-94-2021", "pp-53-2010")


def non_asn_basis(accused: Accused, decision: Any) -> list[str]:
    """What coaching or sanctioning a non-ASN employee rests on: the instansi's own rule for
    non-ASN staff in force on the decision date (stored version, else its built-in rule), with
    the articles the decision cites from it; never an ASN regulation."""
    instansi = accused.case.instansi
    day = decision.decided_on
    basis: list[str] = []
    from tegak.law.stored import live_rule_versions

    for version in live_rule_versions(instansi):
        applies = version.applies_to or []
        until = version.in_force_until
        if (
            "NON_ASN" in applies
            and version.in_force_from <= day
            and (until is None or day <= until)
        ):
            basis.append(version.basis_title or version.citation)
            if version.basis_title and version.citation not in basis[-1]:
                basis[-1] = f"{version.citation} ({version.basis_title})"
    if not basis and instansi.local_rule_id:
        from tegak.rules.instansi import BUILTIN_RULES

        rule = BUILTIN_RULES.get(instansi.local_rule_id)
        if rule is not None and "NON_ASN" in rule.applies_to:
            basis.append(f"{rule.citation} tentang {rule.title}" if rule.title else rule.citation)
    cited = [
        article_text(str(item))
        for item in decision.basis_articles or []
        if not str(item).startswith(ASN_ONLY)
    ]
    return _dedupe(basis + cited) or [
        "ketentuan instansi mengenai disiplin pegawai non-ASN (belum dicatat dalam Tegak)"
    ]


def _delivery(accused: Accused) -> Built:
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    delivery = _require(
        _related(decision, "delivery"),
        _("The decision has not been delivered in the case file yet."),
    )
    signer = _signer(delivery.delivered_by, delivery.delivered_on, accused.case)
    context = _decision_context(accused, decision)
    if not context["decision"]["number"]:
        raise StepMissing(
            "kind",
            _(
                "The decision's own document (the decree, or the coaching minutes for non-ASN "
                "staff) has not been issued yet: issue it first, so that these minutes cite "
                "its number."
            ),
        )
    own = _base(accused, signer, delivery.delivered_on)
    context["signatory"], context["instansi"] = own["signatory"], own["instansi"]
    context[ISSUING_UNIT] = own[ISSUING_UNIT]
    context["delivery"] = {
        "day_in_words": date_in_words(delivery.delivered_on),
        "date": long_date(delivery.delivered_on),
        "date_with_day": long_date(delivery.delivered_on, with_day=True),
        "place": context["instansi"]["name"],
        "method": "dikirimkan kepada yang bersangkutan karena tidak hadir pada saat penyampaian"
        if delivery.absent
        else "diserahkan langsung kepada yang bersangkutan",
        "received_by": context["employee"]["name"],
        "objection_deadline": long_date(delivery.window_closes_on, with_day=True)
        if delivery.window_closes_on
        else "-",
    }
    return Built(context, delivery, delivery.delivered_on)


BUILDERS: dict[str, Callable[[Accused], Built]] = {
    "surat_panggilan_1": lambda accused: _summons(accused, 1),
    "surat_panggilan_2": lambda accused: _summons(accused, 2),
    "berita_acara_pemeriksaan": _bap,
    "laporan_hasil_pemeriksaan": _lhp,
    "keputusan_hukuman_ringan": lambda accused: _decree(accused, "keputusan_hukuman_ringan"),
    "keputusan_hukuman_sedang": lambda accused: _decree(accused, "keputusan_hukuman_sedang"),
    "keputusan_hukuman_berat": lambda accused: _decree(accused, "keputusan_hukuman_berat"),
    "keputusan_pemberhentian": lambda accused: _decree(accused, "keputusan_pemberhentian"),
    "keputusan_tim_pemeriksa": _team_decree,
    "berita_acara_pembinaan": _coaching,
    "tanda_terima_keputusan": _delivery,
}
CASE_KINDS = list(BUILDERS)


def build_context(accused: Accused, kind: str) -> Built:
    """The context of a kind for one accused; StepMissing (an InputError) when it cannot exist."""
    if kind not in BUILDERS:
        raise StepMissing(
            "kind",
            _("The document “%(kind)s” is not issued from a case file.") % {"kind": kind},
        )
    built = BUILDERS[kind](accused)
    unit = built.context.pop(ISSUING_UNIT, None)
    return replace(built, unit=built.unit or unit)


def available_kinds(accused: Accused) -> list[tuple[str, str]]:
    """Each case kind with '' when it can be issued now, or the reason it cannot."""
    answer = []
    for kind in CASE_KINDS:
        try:
            build_context(accused, kind)
        except StepMissing as error:
            answer.append((kind, error.message))
        else:
            answer.append((kind, ""))
    return answer
