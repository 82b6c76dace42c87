"""From the case file to a document's context: who, which post on the day, which articles.

One builder per kind reads the step the document records (a summons, the BAP, the decision…).
Names, NIP, rank, position and unit are those of the day of the step (the decision date for a
decree), through `tegak.people.selectors.assignment_on`. Asking for a document whose step does
not exist yet is refused with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.utils.translation import gettext as _

from tegak.cases import rules_bridge
from tegak.cases.models import Accused, Case, HandlerRole
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
from tegak.law.catalogue import own_rule_citation
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
        # An instansi rule's own provision: its citation, written out as a letter cites it.
        from tegak.rules.catalog import provision as find_provision

        try:
            return article_text(find_provision(provision).citation)
        except KeyError:
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
# A regional head's or region's rule as instansi rules cite it: 'Perwal Sukamaju 13/2024'.
_LOCAL_REGULATION = re.compile(
    r"\b(Perwal|Perbup|Pergub|Perda)\s+((?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*)\s+(\d+)/(\d{4})"
)
_LOCAL_NAMES = {
    "Perwal": ("Peraturan Wali Kota", "Kota "),
    "Perbup": ("Peraturan Bupati", "Kabupaten "),
    "Pergub": ("Peraturan Gubernur", "Provinsi "),
    "Perda": ("Peraturan Daerah", ""),
}


def _local_regulation(match: re.Match[str]) -> str:
    title, region_word = _LOCAL_NAMES[match.group(1)]
    region = match.group(2)
    if region_word and region.startswith(region_word):
        region = region[len(region_word) :]  # 'Perwal Kota Bekasi': Peraturan Wali Kota Bekasi
    return f"{title} {region} Nomor {match.group(3)} Tahun {match.group(4)}"


def article_text(article: str) -> str:
    """An article as the engine cites it, with the regulation written out for a letter.

    'PP 94/2021 Pasal 8 ayat (2) huruf b' -> 'Pasal 8 ayat (2) huruf b Peraturan Pemerintah
    Nomor 94 Tahun 2021'.
    """
    ordered = re.match(
        r"^\s*((?:PP|UU|Perpres)\s+\d+/\d{4}|(?:Perwal|Perbup|Pergub|Perda)\s+.+?\s+\d+/\d{4})"
        r"\s+(Pasal\b.*)$",
        article,
    )
    # A citation with a remark in brackets ('Pasal 4 (tingkat … mengikuti …)') stays as written.
    if ordered and not re.search(r"\([a-z]{3,}", ordered.group(2)):
        # As a letter cites it: the article first, then the regulation.
        article = f"{ordered.group(2)} {ordered.group(1)}"
    article = _LOCAL_REGULATION.sub(_local_regulation, article)
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


def _outcome_signer(case: Any, day: date) -> Any:
    """Who signs the letter telling the reporter the outcome: the case's authorised official
    still assigned and free of conflict on the day (never an official whose assignment ended,
    nor one who became an accused or a subordinate of one: the karaoke walk printed the accused
    Sekretaris DPRD). None leaves the signature block to be filled in by hand."""
    from tegak.cases.services import conflict_reason

    handlers = (
        case.handlers.filter(role=HandlerRole.AUTHORISED_OFFICIAL, active=True)
        .select_related("user__employee")
        .order_by("assigned_on", "pk")
    )
    for handler in handlers:
        if not conflict_reason(case, getattr(handler.user, "employee", None), day):
            return handler.user
    return None


def _signer(user: Any, day: date, case: Any = None) -> dict[str, Any]:
    """The signer as of the day; "_unit" holds their unit (taken out again by `_base`)."""
    from tegak.cases.posts import post_on

    employee = getattr(user, "employee", None) if user is not None else None
    post = post_on(employee, day, case) if employee is not None else None
    return {
        **_user_person(user, day, case),
        "_unit": post.unit if post is not None else None,
        "_employee": employee.pk if employee is not None else None,
    }


@dataclass(frozen=True)
class Built:
    """A context ready for `document_issue`, the step it records and the signer's unit."""

    context: dict[str, Any]
    step: Model
    dated: date
    unit: Any = None
    # The signer's employee id: their certificate signs the PDF (tegak.documents.signatures).
    signer_id: int | None = None


SIGNATORY_FIELDS = ("name", "nip", "id_label", "id_line", "rank", "position", "capacity")


def letterhead(instansi: Any, unit: Any) -> dict[str, Any]:
    """The kop of a letter: the government, then the issuing perangkat daerah, then the address.

    The unit line is the perangkat daerah above the signer's unit on the date; it is left out
    when that is the top of the tree (the government itself), so the government's name is
    never printed twice.
    """
    from tegak.documents.models import Letterhead
    from tegak.documents.numbering import issuing_unit

    government = (instansi.name or "").upper()
    head = issuing_unit(unit)
    unit_line = ""
    if head is not None and head.parent_id is not None:
        unit_line = head.name.upper()
        if unit_line == government or unit_line in government:
            unit_line = ""
    address = instansi.address
    # The kop the administrator set: the issuing unit's own, else the instansi's.
    own = None
    if head is not None:
        own = Letterhead.objects.filter(instansi_id=instansi.pk, unit=head).first()
    if own is None:
        own = Letterhead.objects.filter(instansi_id=instansi.pk, unit=None).first()
        if own is not None:
            # The instansi's kop names the government; the unit line stays the issuing unit's.
            government = own.government
            unit_line = unit_line or own.unit_line
            address = own.address or address
            if own.contact:
                address = f"{address} {own.contact}".strip()
            own = None
    if own is not None:
        government = own.government
        unit_line = own.unit_line
        address = " ".join(part for part in (own.address, own.contact) if part)
    return {
        "name": instansi.name,
        "government": government,
        "unit": unit_line,
        "address": address,
        "city": instansi.city,
        "ppk_title": instansi.ppk_title,
    }


# Where `_base` leaves the signer's unit for `build_context` (never rendered).
ISSUING_UNIT = "_issuing_unit"
# Where `_base` leaves the signer's employee id for `build_context` (never rendered).
SIGNER_ID = "_signer_id"


# The regulations that discipline PNS; a PPPK is never under them (PP 94/2021 Pasal 7).
PNS_REGULATIONS = ("pp-94-2021:", "pp-53-2010:")


def provision_label_for(accused: Accused, allegation: Any) -> str:
    """The provision an allegation breaks, as a letter to this employee cites it.

    A PPPK's offence may be classified with a PP 94/2021 provision when the instansi's PPPK rule
    takes its levels from PP 94/2021 (rules engine, `levels_from`). PP 94/2021 does not bind a
    PPPK (Pasal 7): the duty broken is the PPPK discipline of PP 49/2018 Pasal 51 ayat (1), as
    the instansi's rule sets it (Pasal 52 ayat (1)). The letter cites those
    (legal-questions.md, D8); the provision's words still say what the duty is.
    """
    provision = allegation.provision
    if provision.startswith("local:"):
        # A provision of the instansi's stored rules (its administrator's or a rule pack's).
        from tegak.law.stored import instansi_rules as stored_rules

        for rule in stored_rules(accused.case.instansi) or []:
            if provision in rule.provisions:
                return article_text(rule.provisions[provision].citation)
    status = accused.employee.status if accused.employee_id else ""
    # A PPPK's letters keep reading D8 below (PP 49/2018 Pasal 51 ayat (1) juncto the rule).
    own = (
        own_rule_citation(
            provision,
            accused.case.instansi,
            str(status),
            allegation.committed_on or accused.case.opened_on,
        )
        if status == "NON_ASN"
        else None
    )
    if own is not None:
        # Non-ASN staff: the instansi's rule, never PP 94/2021 (D3, reading C18); the PNS
        # provision only as the rule itself refers to it.
        cited = article_text(own.rule)
        return f"{cited} (mengacu {article_text(own.refers_to)})" if own.refers_to else cited
    if status not in PPPK_STATUSES or not provision.startswith(PNS_REGULATIONS):
        return provision_label(provision)
    label = "Pasal 51 ayat (1) Peraturan Pemerintah Nomor 49 Tahun 2018"
    rules = pppk_rule_citations(accused, allegation.committed_on or accused.case.opened_on)
    return f"{label} juncto {join_clauses(rules, lower=False)}" if rules else label


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
    signer_id = signer.pop("_employee", None)
    case: Case = accused.case
    instansi = case.instansi
    allegations = [
        {
            "description": allegation.description,
            "provision": allegation.provision,
            "provision_label": provision_label_for(accused, allegation),
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
        SIGNER_ID: signer_id,
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
    """'meninggalkan kantor … pada hari Jumat, 26 Agustus 2022 pukul 15.00 WIB di tempat
    karaoke': the act (its description, else the act a decision letter found elsewhere, see
    `with_act`), then when and where it was done."""
    when = f"pada hari {item['committed_on']}" if item.get("committed_on") else ""
    if item.get("committed_at"):
        when += f" pukul {item['committed_at']}"
    where = f"di {_clause(item['place'])}" if item.get("place") else ""
    act = _clause(item.get("description", "") or item.get("act", ""))
    return " ".join(part for part in (act, when, where) if part)


# A conclusion that only says the allegation was proven names no act ("Dugaan pelanggaran
# terbukti."); the words before the act in one that does ("Terbukti bahwa yang bersangkutan …").
_BARE_CONCLUSION = re.compile(r"^(?:dugaan\s+)?pelanggaran\b.*\bterbukti$", re.IGNORECASE)
_PROVEN_LEAD = re.compile(
    r"^(?:(?:pegawai\s+)?yang\s+bersangkutan\s+)?(?:telah\s+)?terbukti\s+"
    r"(?:bahwa\s+)?(?:(?:pegawai\s+)?yang\s+bersangkutan\s+)?(?:telah\s+)?",
    re.IGNORECASE,
)


def _first_sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return re.split(r"(?<=[.!?;])\s+(?=[A-Z0-9])", text, maxsplit=1)[0] if text else ""


def act_of(accused: Accused) -> str:
    """What the employee did, for an allegation entered without a description (a case opened
    from a report): the findings report's conclusion about this accused, else the case summary;
    one clause, so that a decision letter can say it in its own sentence (PP 94/2021 Pasal 33
    ayat (2) and (3): the decree states the violation, not only its day and place)."""
    report = _related(accused, "findings_report")
    if report is not None and report.proven:
        conclusion = _clause(_PROVEN_LEAD.sub("", _first_sentence(report.conclusion)))
        if conclusion and not _BARE_CONCLUSION.match(conclusion):
            return conclusion
    return _clause(_first_sentence(accused.case.summary))


def with_act(accused: Accused, context: dict[str, Any]) -> None:
    """Give the first allegation without a description the act found by `act_of` (once: it
    describes the whole matter, and a letter says it once)."""
    undescribed = [item for item in context["allegations"] if not item["description"]]
    if undescribed and (act := act_of(accused)):
        undescribed[0]["act"] = act


def _non_asn_fact(item: dict[str, Any]) -> str:
    """What a non-ASN employee was coached or sanctioned for: the act as described, else the
    provision broken ('melanggar ketentuan Perwal … angka 3'; a PP's or UU's obligation only in
    its words, since it does not bind contract staff), then when and where — never a bare day
    and place (a group case opened from a report has allegations without a description)."""
    if item.get("description"):
        return _fact(item)
    kind, words = _provision_words(item["provision"])
    if item["provision"].startswith(("pp-", "uu-")) and words:
        broken = f"melanggar {kind} untuk {_clause(words)}"
    else:
        broken = f"melanggar ketentuan {item['provision_label']}"
    if item.get("act"):
        return f"{broken}, berupa perbuatan {_fact(item)}"
    return " ".join(part for part in (broken, _fact(item)) if part)


def provision_words_for(accused: Accused, provision_id: str) -> tuple[str, str]:
    """('kewajiban' or 'larangan', the provision's words) of a national provision or of one of
    the instansi's stored rules (a rule pack's), or ('', '') when unknown."""
    if provision_id.startswith("local:"):
        from tegak.law.stored import instansi_rules as stored_rules

        for rule in stored_rules(accused.case.instansi) or []:
            if provision_id in rule.provisions:
                found = rule.provisions[provision_id]
                kind = {"obligation": "kewajiban", "prohibition": "larangan"}.get(
                    found.category, ""
                )
                return kind, found.text
    return _provision_words(provision_id)


def _described(accused: Accused, item: dict[str, Any]) -> str:
    """An allegation without a description as a sentence: 'Melanggar kewajiban untuk … pada
    hari Senin, 30 Agustus 2021 di kantor …'."""
    kind, words = provision_words_for(accused, item["provision"])
    broken = (
        f"melanggar {kind} untuk {_clause(words)}"
        if kind and words
        else f"melanggar ketentuan {item['provision_label']}"
    )
    text = " ".join(part for part in (broken, _fact(item)) if part)
    return text[:1].upper() + text[1:]


def _violation(context: dict[str, Any]) -> str:
    descriptions = [
        item["description"] or item.get("act", "")
        for item in context["allegations"]
        if item["description"] or item.get("act")
    ]
    if descriptions:
        return join_clauses(descriptions)
    labels = [item["provision_label"] for item in context["allegations"]]
    # Citations keep their capital: 'Pasal 3 huruf f', never 'pasal 3 huruf f'.
    return "melanggar ketentuan " + join_clauses(labels, lower=False)


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
        "absence_basis": _absence_basis(accused, summons.issued_on) if number == 2 else "",
        # What the official does without examination: a non-ASN employee is given a sanksi
        # administratif under the instansi's rule, not a hukuman disiplin.
        "sanction_kind": "hukuman disiplin"
        if accused.employee.status in ASN_STATUSES
        else "sanksi administratif",
    }
    context["document"]["subject"] = f"Panggilan {'I' if number == 1 else 'II'}"
    return Built(context, summons, summons.issued_on)


def _absence_basis(accused: Accused, day: date) -> str:
    """What a second summons (and a decree on the evidence) cites for a decision without
    examination: PP 94/2021 Pasal 26(4) for a PNS; the instansi's own rule for PPPK (when it has
    none, PP 49/2018 Pasal 52 ayat (3), never PP 94/2021: it disciplines PNS, Pasal 7) and for
    non-ASN staff."""
    status = accused.employee.status
    pns = "Pasal 26 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"
    if status in PPPK_STATUSES:
        return join_clauses(instansi_rules(accused, day, "PPPK"), lower=False) or PPPK_PROCEDURE
    if status not in ASN_STATUSES:
        return join_clauses(non_asn_rules(accused, day), lower=False)
    return pns


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
    # An allegation entered without a description (a group case opened from a report) is
    # described by the duty broken and the facts, in the rule's own words for a provision of
    # the instansi's rule, as a PNS's is by PP 94/2021's: never the rule's name alone.
    for item in context["allegations"]:
        if not item["description"]:
            item["description"] = _described(accused, item)
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
    facts = (minutes.summary if minutes is not None else "") or _violation(context)
    # An allegation entered without a description (a case opened from a report) is described
    # as the BAP describes it, never a bare "1. (Pasal …)".
    for item in context["allegations"]:
        if not item["description"]:
            item["description"] = _described(accused, item)
    finding = accused.finding or {}
    level = str(finding.get("level") or "")
    # A non-ASN employee is given a sanksi administratif under the instansi's own rule (a
    # Perwal), not a hukuman disiplin of PP 94/2021 and its levels.
    non_asn = accused.employee.status not in ASN_STATUSES
    context["findings"] = {
        "facts": facts,
        "conclusion": report.conclusion,
        "proven": report.proven,
        "level_label": LEVEL_LABELS.get(level, level or "-"),
        "sanction_label": sanction_words(accused, report.recommended_sanction)
        if report.recommended_sanction
        else "-",
        "recommendation": (
            "Pelanggaran terbukti; kami merekomendasikan pemberian sanksi administratif."
            if non_asn
            else "Pelanggaran terbukti; kami merekomendasikan penjatuhan hukuman disiplin."
        )
        if report.proven
        else (
            "Pelanggaran tidak terbukti; kami merekomendasikan agar tidak diberikan sanksi "
            "administratif."
            if non_asn
            else "Pelanggaran tidak terbukti; kami merekomendasikan agar tidak dijatuhkan "
            "hukuman disiplin."
        ),
        "sanction_heading": "Sanksi administratif"
        if non_asn
        else f"Hukuman disiplin tingkat {LEVEL_LABELS.get(level, level or '-')}",
    }
    context["articles"] = _finding_articles(accused)
    return Built(context, report, report.reported_on)


PPPK_STATUSES = ("PPPK", "PPPK_PARUH_WAKTU")
# PP 49/2018 Pasal 52 ayat (3): the procedure of PPPK discipline (docs/legal-questions.md C11).
PPPK_PROCEDURE = "Pasal 52 ayat (3) Peraturan Pemerintah Nomor 49 Tahun 2018"
PP_79 = (
    "Peraturan Pemerintah Nomor 79 Tahun 2021 tentang Upaya Administratif dan Badan "
    "Pertimbangan Aparatur Sipil Negara;"
)


def _uu_asn(day: date) -> str:
    return (
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;"
        if day >= UU_ASN_2023_FROM
        else "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;"
    )


def _legal_basis(
    decided_on: date,
    regulation: str,
    dismissal: bool,
    status: str = "PNS",
    accused: Accused | None = None,
    cites: list[str] | tuple[str, ...] = (),
) -> list[str]:
    """Mengingat of a decree, by the employee's status: PNS/CPNS under PP 94/2021 (or PP 53/2010,
    or both when `cites` — the articles the decree applies — name both);
    PPPK under PP 49/2018 and the instansi's PPPK rule in force on the day (PP 49/2018 Pasal 52);
    PP 79/2021 for the objection route of both."""
    basis = [_uu_asn(decided_on)]
    if status in PPPK_STATUSES:
        number, year, subject = REGULATION_NAMES["pp-49-2018"]
        basis.append(f"Peraturan Pemerintah Nomor {number} Tahun {year} tentang {subject};")
        if accused is not None:
            basis += [f"{item};" for item in instansi_rules(accused, decided_on, "PPPK")]
        basis.append(PP_79)
        return basis
    if dismissal:
        basis.append(
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
            "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;"
        )
    regulation_id = {"PP 94/2021": "pp-94-2021", "PP 53/2010": "pp-53-2010"}.get(
        regulation, regulation.lower().replace(" ", "-").replace("/", "-")
    )
    if regulation_id not in REGULATION_NAMES:
        regulation_id = "pp-94-2021" if decided_on >= date(2021, 8, 31) else "pp-53-2010"
    # Every discipline regulation the decree applies, oldest first: a sedang type of PP 53/2010
    # given under PP 94/2021 Pasal 42, or a transition case (Pasal 40), cites both.
    applied = {regulation_id} | {
        key for key, marks in DISCIPLINE_MARKS.items() if any(m in " ".join(cites) for m in marks)
    }
    for key in ("pp-53-2010", "pp-94-2021"):
        if key in applied:
            number, year, subject = REGULATION_NAMES[key]
            basis.append(f"Peraturan Pemerintah Nomor {number} Tahun {year} tentang {subject};")
    basis.append(PP_79)
    return basis


# How a citation names each discipline regulation (rules engine, provision id, document text).
DISCIPLINE_MARKS = {
    "pp-53-2010": ("PP 53/2010", "pp-53-2010", "Nomor 53 Tahun 2010"),
    "pp-94-2021": ("PP 94/2021", "pp-94-2021", "Nomor 94 Tahun 2021"),
}


def _decision_cites(decision: Any, accused: Accused) -> list[str]:
    """What a decree applies: the decision's articles, its sanction type's article and the
    provisions of the allegations (for the Mengingat, `_legal_basis`)."""
    from tegak.rules.sanctions import SANCTIONS

    sanction = SANCTIONS.get(decision.sanction_code)
    return [
        *(str(item) for item in decision.basis_articles or []),
        sanction.basis if sanction is not None else "",
        *(str(item.provision) for item in accused.allegations.all()),
    ]


def _objection_route(accused: Accused, sanction: str) -> str:
    """KETIGA of a decree: banding administratif to BPASN against dismissal as a PNS or, for a
    PPPK, a sanction of the instansi's rule that ends the contract (PP 79/2021 Pasal 10);
    keberatan otherwise (Pasal 3)."""
    window = "dalam jangka waktu 14 (empat belas) hari kerja terhitung sejak keputusan diterima"
    if rules_bridge.sanction_types(accused).dismissal(sanction):
        return "banding administratif kepada Badan Pertimbangan Aparatur Sipil Negara " + window
    authority = str(((accused.finding or {}).get("authority") or {}).get("role") or "")
    if authority == "ppk":
        # Named by the PPK's title (a Wali Kota's decree sends the objection to the Wali Kota,
        # PP 79/2021 Pasal 3(2), 5), as the decree is headed and signed (reading D12).
        return f"keberatan kepada {ppk_title(accused)} {window}"
    return f"keberatan secara tertulis kepada atasan pejabat yang berwenang menghukum {window}"


def decision_level(accused: Accused, decision: Any) -> str:
    """The level the decree prints: the chosen type's level under the regulation or rule it comes
    from (a type outside the finding's level, PP 94/2021 Pasal 24(3), prints its own level;
    reading C15), else the level kept with the decision."""
    return rules_bridge.sanction_types(accused).level(decision.sanction_code) or decision.level


def violation_level_of(accused: Accused, decision: Any) -> str:
    """The level of the violation: the level of sanction the law attaches to the act (PP
    94/2021 Pasal 8-14), as the finding for the decision day says; the decision's own level
    when the finding has none (left to a person). Never the level of a type chosen outside the
    allowed set with reasons (Pasal 24(3); reading D15)."""
    found = str((accused.finding or {}).get("level") or "")
    return found if found in LEVEL_LABELS else decision.level


def _decision_context(accused: Accused, decision: Any) -> dict[str, Any]:
    signer = _signer(decision.authorised_official, decision.decided_on, accused.case)
    context = _base(accused, signer, decision.decided_on)
    with_act(accused, context)
    dismissal = decision.sanction_code in DISMISSAL_SANCTIONS
    level = decision_level(accused, decision) or ("berat" if dismissal else "")
    articles = [article_text(str(item)) for item in decision.basis_articles or []]
    if not articles:
        articles = [item["provision_label"] for item in context["allegations"]]
    # The number of the document that records the decision, only once it has been issued.
    issued = (
        IssuedDocument.objects.filter(
            subject_type="decisions.decision",
            subject_id=str(decision.pk),
            kind__in=DECISION_DOCUMENT_KINDS,
        )
        .exclude(number="")
        .order_by("issued_at")
        .first()
    )
    non_asn = accused.employee.status not in ASN_STATUSES
    context["decision"] = {
        "sanction_kind": "sanksi administratif" if non_asn else "hukuman disiplin",
        "imposition": "pemberian sanksi administratif"
        if non_asn
        else "penjatuhan hukuman disiplin",
        "number": issued.number if issued else "",
        "document_title": DECISION_DOCUMENT_TITLES.get(issued.kind, "Keputusan")
        if issued is not None
        else "Keputusan",
        "sanction_code": decision.sanction_code,
        "sanction_label": sanction_words(accused, decision.sanction_code),
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
        # Whom the decree is sent to (its last diktum).
        "notified": "yang bersangkutan",
    }
    context["articles"] = articles
    from tegak.cases import authority

    _state_capacity(context, accused, ("decision_take", "decision_amend"))
    if authority.decided_for_ppk(accused):
        _as_ppk(accused, context, decision.decided_on)
    return context


def _state_capacity(context: dict[str, Any], accused: Accused, steps: tuple[str, ...]) -> None:
    """An official who takes the step in place of an official involved in the case (PP 94/2021
    Pasal 29(6) by analogy; readings C7, C16) signs in that capacity, and the letter says so
    under their post: "Sekretaris Daerah selaku Atasan dari Pejabat yang Terlibat dalam
    Perkara" (reading D13). Only when the signer is the one whose capacity was recorded."""
    from tegak.cases.authority import Capacity, document_label
    from tegak.cases.models import StepAuthority

    row = StepAuthority.objects.filter(accused=accused, step__in=steps).order_by("-id").first()
    if (
        row is not None
        and row.capacity == Capacity.ABOVE_INVOLVED
        and row.employee_id is not None
        and row.employee_id == context.get(SIGNER_ID)
    ):
        context["signatory"]["capacity"] = document_label(row.capacity)


# The PPK's capacity as a decree prints it when the instansi has set no title.
PPK_CAPACITY = "Pejabat Pembina Kepegawaian"


def ppk_title(accused: Accused) -> str:
    """The PPK as a letter names them: the instansi's title ("Wali Kota Bekasi"), else the
    capacity (reading D12)."""
    return (accused.case.instansi.ppk_title or "").strip() or PPK_CAPACITY


def _top_unit(accused: Accused, day: date) -> Any:
    """The top of the instansi's tree (the government itself): above the accused's unit that
    day, else the instansi's first unit without a parent; None when it has no units."""
    from tegak.cases.posts import post_on
    from tegak.people.models import OrgUnit

    post = post_on(accused.employee, day, accused.case) if accused.employee_id else None
    unit = post.unit if post is not None else None
    seen: set[int] = set()
    while unit is not None and unit.parent_id is not None and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.parent
    if unit is not None:
        return unit
    return (
        OrgUnit.objects.filter(instansi_id=accused.case.instansi_id, parent__isnull=True)
        .order_by("id")
        .first()
    )


def _as_ppk(accused: Accused, context: dict[str, Any], day: date) -> None:
    """A sanction the engine gives to the PPK (PP 94/2021 Pasal 18; a PPPK rule that gives
    contract terminations to the PPK) is imposed by the PPK's own decree (Pasal 37(1)); so is
    the PPK's decision on an objection to it (PP 79/2021 Pasal 6). The decree is headed and
    signed in the PPK's title (the instansi's setting), on the government's letterhead,
    numbered in the government's register (the top unit's, ADR 0050), never in the name of the
    official who recorded it in Tegak (reading D12).

    The PPK's name, NIP and rank are printed only when the registry has them: the holder of the
    top unit's head post that day (an agency whose head is its PPK). A Wali Kota, Bupati or
    Gubernur is not in the registry: the name line stays blank, to be written in at signing,
    and nobody's electronic signature can be applied for them (no signer id; ADR 0133)."""
    from tegak.cases.posts import head_of, post_on

    instansi = accused.case.instansi
    title = (instansi.ppk_title or "").strip()
    top = _top_unit(accused, day)
    head = head_of(top, day, accused.case) if top is not None else None
    signatory = dict.fromkeys(SIGNATORY_FIELDS, "")
    if head is not None:
        person = person_on(head, day, accused.case)
        signatory = {key: person.get(key, "") for key in SIGNATORY_FIELDS}
        post = post_on(head, day, accused.case)
        acting = post.acting if post is not None else ""
        if title:
            signatory["position"] = f"{acting.capitalize()}. {title}" if acting else title
    else:
        signatory["position"] = title or PPK_CAPACITY
    context["signatory"] = signatory
    context["instansi"] = letterhead(instansi, top)
    context[ISSUING_UNIT] = top
    context[SIGNER_ID] = head.pk if head is not None else None


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
    level = decision_level(accused, decision) or ("berat" if dismissal else "")
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
        # A PPPK's decree cites the PPPK rule, never PP 94/2021 Pasal 26(4) (C11).
        ground = (
            "berdasarkan alat bukti dan keterangan yang ada, tanpa pemeriksaan karena yang "
            "bersangkutan tidak memenuhi panggilan kedua "
            f"({_absence_basis(accused, decision.decided_on)})"
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
    # The violation's level is the level of sanction the law attaches to the act (PP 94/2021
    # Pasal 8-14: "dijatuhi Hukuman Disiplin sedang …"), as the finding for the decision day
    # has it; a type of another level chosen with reasons (Pasal 24(3), reading C15) does not
    # change what the violation is: the decree says both (reading D15).
    violation_level = violation_level_of(accused, decision)
    sanction_label = context["decision"]["sanction_label"]
    if dismissal:
        level_text = "tingkat berat berupa pemberhentian"
        imposed = f"hukuman disiplin berupa {sanction_label}"
    elif violation_level and violation_level != level:
        level_text = f"tingkat {LEVEL_LABELS.get(violation_level, violation_level)}"
        reasons = _clause(decision.justification or "")
        imposed = (
            f"hukuman disiplin tingkat {context['decision']['level_label']} berupa "
            f"{sanction_label}" + (f" dengan pertimbangan {reasons}" if reasons else "")
        )
    else:
        level_text = f"tingkat {context['decision']['level_label']}"
        imposed = f"hukuman disiplin berupa {sanction_label}"
    context["considerations"] = [
        f"bahwa Saudara {identity}, {ground}, terbukti {join_clauses(named)};",
        "bahwa perbuatan tersebut merupakan pelanggaran disiplin "
        f"{level_text} sebagaimana dimaksud dalam {join_clauses(rests_on, lower=False)}, sehingga "
        f"perlu dijatuhi {imposed};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        "menetapkan Keputusan tentang Penjatuhan Hukuman Disiplin;",
    ]
    context["legal_basis"] = _legal_basis(
        decision.decided_on,
        decision.regulation,
        dismissal,
        accused.employee.status,
        accused,
        cites=_decision_cites(decision, accused),
    )
    family = "Berupa Pemberhentian" if dismissal else f"Tingkat {level.capitalize()}"
    context["document"]["subject"] = (
        f"Penjatuhan Hukuman Disiplin {family} atas nama {_subject_name(accused)}"
    )
    context["copies"] = [
        "Kepala Badan Kepegawaian Negara",
        "Kepala BKPSDM",
        "Atasan langsung yang bersangkutan",
        "Yang bersangkutan",
    ]
    return Built(context, decision, decision.decided_on)


def _subject_name(accused: Accused) -> str:
    """The name in a decree's title (TENTANG …, printed in capitals): without academic titles,
    which capitals would garble ("S.KOM.") and whose closing stop would double the sentence's."""
    return re.sub(r"\s+", " ", accused.employee.name).strip().rstrip(".")


def _team_decree(accused: Accused) -> Built:
    team = _require(
        _related(accused, "team"),
        _("No examination team has been formed in the case file yet."),
    )
    signer = _signer(team.formed_by, team.formed_on, accused.case)
    context = _base(accused, signer, team.formed_on)
    _state_capacity(context, accused, ("team_form",))
    context["team"] = [
        {
            **person_on(member.employee, team.formed_on, accused.case),
            "role": member.get_role_display(),
        }
        for member in team.members.select_related("employee")
    ]
    status = accused.employee.status
    if status in PPPK_STATUSES:
        rules = instansi_rules(accused, team.formed_on, "PPPK")
        team_basis = (
            f"sesuai dengan {join_clauses(rules, lower=False)}"
            if rules
            else "sesuai dengan ketentuan disiplin PPPK (Pasal 52 Peraturan Pemerintah Nomor 49 "
            "Tahun 2018)"
        )
        legal_basis = _legal_basis(team.formed_on, "", False, status, accused)
    elif status not in ASN_STATUSES:
        rules = non_asn_rules(accused, team.formed_on)
        team_basis = f"sesuai dengan {join_clauses(rules, lower=False)}"
        legal_basis = [f"{rule};" for rule in rules]
    else:
        team_basis = "sebagaimana dimaksud dalam Pasal 29 Peraturan Pemerintah Nomor 94 Tahun 2021"
        legal_basis = _legal_basis(team.formed_on, "PP 94/2021", False)
    context["considerations"] = [
        f"bahwa terdapat dugaan pelanggaran disiplin oleh Saudara {context['employee']['name']} "
        f"berupa {_violation(context)};",
        f"bahwa untuk memeriksa dugaan pelanggaran disiplin tersebut perlu dibentuk Tim "
        f"Pemeriksa {team_basis};",
    ]
    context["legal_basis"] = legal_basis
    context["document"]["subject"] = f"Pembentukan Tim Pemeriksa atas nama {_subject_name(accused)}"
    return Built(context, team, team.formed_on)


# What the coaching minutes print where the official entered nothing: a line to fill in by hand,
# never words nobody recorded (seed walk 2026-12-07).
BLANK_LINE = "_" * 60


@dataclass(frozen=True)
class CoachingEntries:
    """What the official entered for the coaching minutes when issuing them: the coaching given
    and each coached person's own statement (by accused id). Printed only as entered."""

    guidance: str = ""
    statements: dict[int, str] = field(default_factory=dict)

    def statement_of(self, accused: Accused) -> str:
        return _entered(self.statements.get(accused.pk, ""))


def _entered(text: str) -> str:
    """Text the official entered, its spacing tidied; a blank line to fill in when empty."""
    return " ".join((text or "").split()) or BLANK_LINE


def _coaching(accused: Accused, entries: CoachingEntries | None = None) -> Built:
    if accused.employee.status in ASN_STATUSES:
        raise StepMissing(
            "kind",
            _("Coaching minutes are for non-ASN staff; this employee is ASN."),
        )
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    entries = entries or CoachingEntries()
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
        # Only what the official entered when issuing (never the decision's justification,
        # which may be an amended decision's, nor a statement put in the person's mouth).
        "guidance": _entered(entries.guidance),
        "sanction_label": sanction_words(accused, decision.sanction_code),
        "commitment": entries.statement_of(accused),
    }
    context["coaching"]["facts"] = join_clauses(
        [_non_asn_fact(item) for item in context["allegations"]]
    ) or _violation(context)
    context["legal_basis"] = non_asn_basis(accused, decision)
    context["coached"] = [_coached(accused, decision, context)]
    return Built(context, decision, decision.decided_on)


def _coached(accused: Accused, decision: Any, context: dict[str, Any]) -> dict[str, Any]:
    """One line of the list of people coached: who, for what, and the sanction."""
    return {
        **context["employee"],
        "sanction_label": sanction_words(accused, decision.sanction_code),
        "facts": context["coaching"]["facts"],
        "statement": context["coaching"]["commitment"],
    }


def _named(accused: Accused, error: InputError) -> StepMissing:
    return StepMissing(
        "kind",
        _("%(name)s: %(reason)s") % {"name": accused.employee.full_name, "reason": error.message},
    )


def group_coaching(accused: list[Accused], entries: CoachingEntries | None = None) -> Built:
    """ONE berita acara pembinaan for several non-ASN accused of a case coached together: every
    name in its list, each with their own sanction; one coach (the official who decided them
    all), dated the last of their decisions. Refused, naming the accused, when one cannot be in
    it (ASN, not decided yet, decided by another official)."""
    if len(accused) < 2:
        raise StepMissing("accused", _("Tick at least two accused for joint minutes."))
    built = []
    for item in accused:
        try:
            built.append(_coaching(item, entries))
        except StepMissing as error:
            raise _named(item, error) from error
    decisions: list[Any] = [one.step for one in built]
    official = decisions[0].authorised_official_id
    for item, decision in zip(accused, decisions, strict=True):
        if decision.authorised_official_id != official:
            raise _named(
                item,
                InputError(
                    "kind",
                    _(
                        "was decided by another official; one berita acara has one coach, "
                        "issue it apart."
                    ),
                ),
            )
    day = max(decision.decided_on for decision in decisions)
    first = max(zip(decisions, built, strict=True), key=lambda pair: pair[0].decided_on)[1]
    context = dict(first.context)
    unit = context.pop(ISSUING_UNIT, None)
    signer_id = context.pop(SIGNER_ID, None)
    coached = [one.context["coached"][0] for one in built]
    context["coached"] = coached
    sanctions = {row["sanction_label"] for row in coached}
    facts = {row["facts"] for row in coached}
    context["coaching"] = {
        **context["coaching"],
        "sanction_label": sanctions.pop()
        if len(sanctions) == 1
        else "sebagaimana tercantum pada daftar yang dibina",
        "facts": facts.pop()
        if len(facts) == 1
        else "sebagaimana tercantum pada daftar yang dibina",
        # Each person's own statement is in the list; none entered leaves the line blank.
        "commitment": "sebagaimana tercantum pada daftar yang dibina"
        if any(row["statement"] != BLANK_LINE for row in coached)
        else BLANK_LINE,
    }
    context["document"] = {
        **context["document"],
        "subject": f"Pembinaan {len(coached)} pegawai non-ASN",
    }
    return Built(context, accused[0].case, day, unit, signer_id)


# Regulations that govern ASN only: never the basis of coaching a non-ASN employee (PP 49/2018
# is the PPPK regulation; PP 94/2021 and PP 53/2010 discipline PNS).
ASN_ONLY = ("PP 49/2018", "PP 94/2021", "PP 53/2010", "pp-49-2018", "pp-94-2021", "pp-53-2010")


def instansi_rules(accused: Accused, day: date, status: str) -> list[str]:
    """The instansi's own rules for staff of this status ("PPPK", "NON_ASN") in force on the day:
    stored rule versions, else its built-in rule, each as "citation (title)"."""
    instansi = accused.case.instansi
    found: list[str] = []
    from tegak.law.stored import live_rule_versions

    for version in live_rule_versions(instansi):
        applies = version.applies_to or []
        until = version.in_force_until
        if status in applies and version.in_force_from <= day and (until is None or day <= until):
            text = version.basis_title or version.citation
            if version.basis_title and version.citation not in text:
                text = f"{version.citation} ({version.basis_title})"
            found.append(text)
    if not found:
        from tegak.rules.instansi import BUILTIN_RULES

        for rule in BUILTIN_RULES.values():
            if not rule.id.startswith(f"local:{instansi.code.lower()}:") and (
                rule.id != instansi.local_rule_id
            ):
                continue
            # Only the rule in force on the day: a repealed one is never a letter's basis.
            if status in rule.applies_to and rule.in_force_on(day):
                found.append(rule.title or rule.citation)
    return _dedupe(found)


def pppk_rule_citations(accused: Accused, day: date) -> list[str]:
    """The instansi's PPPK rules in force on the day, each as a letter cites it inline
    ('Peraturan Wali Kota Sukamaju Nomor 12 Tahun 2024')."""
    instansi = accused.case.instansi
    from tegak.law.stored import live_rule_versions

    found = [
        article_text(version.citation)
        for version in live_rule_versions(instansi)
        if any(status in (version.applies_to or []) for status in PPPK_STATUSES)
        and version.in_force_from <= day
        and (version.in_force_until is None or day <= version.in_force_until)
    ]
    if not found:
        from tegak.rules.instansi import BUILTIN_RULES

        found = [
            article_text(rule.citation)
            for rule in BUILTIN_RULES.values()
            if (
                rule.id.startswith(f"local:{instansi.code.lower()}:")
                or rule.id == instansi.local_rule_id
            )
            and any(status in rule.applies_to for status in PPPK_STATUSES)
            and rule.in_force_on(day)
        ]
    return _dedupe(found)


def non_asn_rules(accused: Accused, day: date, cited: list[str] | None = None) -> list[str]:
    """The instansi's rules for non-ASN staff in force on the day (and the articles cited from
    them); refused when there is none: a letter to a non-ASN employee rests on the instansi's
    rule, never on an ASN regulation, and no letter says its basis is missing."""
    found = _dedupe(instansi_rules(accused, day, "NON_ASN") + (cited or []))
    if not found:
        raise StepMissing(
            "kind",
            _(
                "No rule of the instansi for non-ASN staff in force on %(day)s is recorded: "
                "letters to non-ASN staff rest on it (never on PP 49/2018 or PP 94/2021). "
                "An administrator records it with the instansi's rules first."
            )
            % {"day": long_date(day)},
        )
    return found


def _rule_heads(rules: list[str]) -> list[str]:
    """Each rule as a letter cites it inline ("Peraturan Wali Kota Bekasi Nomor 42 Tahun 2017"),
    from "Perwal Kota Bekasi 42/2017 (its title)"."""
    return [article_text(rule.split(" (")[0]) for rule in rules]


def names_no_article_of(item: str, rules: list[str]) -> bool:
    """Whether a citation is only one of these rules, without an article of it ("Peraturan Wali
    Kota Bekasi Nomor 42 Tahun 2017: perbuatan tercela …" beside the rule itself): a rule pack
    without article numbers (the Kota Bekasi pack, read from the news) cites its rule so."""
    head = article_text(item).split(":")[0].strip()
    return "Pasal" not in head and any(
        rule == head or rule.startswith(f"{head} ") for rule in _rule_heads(rules)
    )


def non_asn_basis(accused: Accused, decision: Any) -> list[str]:
    """What coaching or sanctioning a non-ASN employee rests on: the instansi's own rule for
    non-ASN staff in force on the decision date (stored version, else its built-in rule), with
    the articles the decision cites from it; never an ASN regulation. A citation that names the
    rule again without an article is not listed twice."""
    rules = instansi_rules(accused, decision.decided_on, "NON_ASN")
    cited = [
        article_text(str(item))
        for item in decision.basis_articles or []
        if not str(item).startswith(ASN_ONLY) and not names_no_article_of(str(item), rules)
    ]
    return non_asn_rules(accused, decision.decided_on, cited)


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
    context[ISSUING_UNIT], context[SIGNER_ID] = own[ISSUING_UNIT], own[SIGNER_ID]
    context["delivery"] = {
        "day_in_words": date_in_words(delivery.delivered_on),
        "date": long_date(delivery.delivered_on),
        "date_with_day": long_date(delivery.delivered_on, with_day=True),
        "place": _delivery_place(delivery, context[ISSUING_UNIT], context["instansi"]),
        "method": "dikirimkan kepada yang bersangkutan karena tidak hadir pada saat penyampaian"
        if delivery.absent
        else "diserahkan langsung kepada yang bersangkutan",
        "received_by": context["employee"]["name"],
        "title": "BERITA ACARA PENYAMPAIAN SANKSI ADMINISTRATIF"
        if accused.employee.status not in ASN_STATUSES
        else "BERITA ACARA PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN",
        "objection_deadline": long_date(delivery.window_closes_on, with_day=True)
        if delivery.window_closes_on
        else "",
    }
    return Built(context, delivery, delivery.delivered_on)


def _delivery_place(delivery: Any, unit: Any, kop: dict[str, Any]) -> str:
    """Where the decision was handed over, as entered. A delivery recorded without it was made
    at the office that issues the minutes: the perangkat daerah's office, or the address of the
    kop at the top (never the government's name: 'bertempat di Pemerintah Kota …' is no place)."""
    from tegak.documents.numbering import issuing_unit

    if delivery.place:
        return _clause(delivery.place, lower=False)
    head = issuing_unit(unit)
    if head is not None and head.parent_id is not None:
        return f"Kantor {head.name}"
    return str(kop.get("address") or kop.get("name") or "")


def sanction_words(accused: Accused, code: str) -> str:
    """The sanction in words: the instansi rule's own label when the finding carries one, or the
    rule behind the finding has one (a type outside the allowed set, an objection's outcome), else
    the words of the regulation."""
    local = ((accused.finding or {}).get("sanction_labels") or {}).get(code) or {}
    if not local.get("id") and code.startswith("local:"):
        local = rules_bridge.sanction_types(accused).words.get(code) or {}
    return str(local.get("id") or "") or sanction_label(code)


def _step_user(accused: Accused, step: str, fallback: Any) -> Any:
    """Who took a step, as the authority check kept it (the recorder otherwise)."""
    from tegak.cases.models import StepAuthority

    row = StepAuthority.objects.filter(accused=accused, step=step).order_by("-id").first()
    return row.user if row is not None else fallback


def _identity(person: dict[str, Any]) -> str:
    return ", ".join(
        part for part in (person["name"], person["id_line"], person["position"]) if part
    )


def _sanction_letter(accused: Accused) -> Built:
    """Surat pemberian sanksi: the sanction of a non-ASN employee under the instansi's own rule."""
    if accused.employee.status in ASN_STATUSES:
        raise StepMissing(
            "kind",
            _(
                "The sanction letter is for non-ASN staff; an ASN employee's sanction is "
                "imposed by a discipline decree."
            ),
        )
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    context = _decision_context(accused, decision)
    basis = non_asn_basis(accused, decision)
    context["legal_basis"] = basis
    named = violations(context)
    context["decision"]["violation"] = join_clauses(
        [_non_asn_fact(item) for item in context["allegations"]]
    ) or join_clauses(named)
    context["decision"]["regulation"] = basis[0]
    # A non-ASN employee has no upaya administratif under PP 79/2021 (it is for ASN): the letter
    # says where to raise an objection only as the instansi's rule provides.
    context["decision"]["objection_route"] = (
        "keberatan secara tertulis kepada pejabat yang menandatangani surat ini sesuai dengan "
        "ketentuan instansi"
    )
    context["decision"]["effective_rule"] = "sejak tanggal surat ini diterima"
    # The provisions broken (the allegations'), else the articles the decision cites.
    broken = [
        item["provision_label"]
        for item in context["allegations"]
        if not item["provision"].startswith(("pp-", "uu-"))
    ]
    # A provision that is only the rule already listed as the basis (no article) is not
    # printed a second time.
    context["articles"] = [
        item
        for item in _dedupe(
            broken
            or [
                article_text(str(item))
                for item in decision.basis_articles or []
                if not str(item).startswith(ASN_ONLY)
            ]
        )
        if not names_no_article_of(item, basis)
    ]
    context["document"]["subject"] = "Pemberian sanksi"
    context["copies"] = ["Kepala BKPSDM", "Atasan langsung yang bersangkutan"]
    return Built(context, decision, decision.decided_on)


def _release(accused: Accused) -> Built:
    """Surat pembebasan sementara dari tugas jabatan (PP 94/2021 Pasal 31)."""
    release = _require(
        _related(accused, "temporary_release"),
        _("No temporary release from duty has been recorded in the case file yet."),
    )
    user = _step_user(accused, "temporary_release", release.recorded_by)
    signer = _signer(user, release.decree_on, accused.case)
    context = _base(accused, signer, release.decree_on)
    acting = person_on(release.acting_official, release.starts_on, accused.case)
    context["acting"] = acting
    status = accused.employee.status
    if status in ("PNS", "CPNS"):
        basis = (
            "Pasal 31 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri "
            "Sipil"
        )
    else:
        rules = (
            instansi_rules(accused, release.decree_on, "PPPK")
            if status in PPPK_STATUSES
            else non_asn_rules(accused, release.decree_on)
        )
        basis = join_clauses(rules, lower=False) or (
            "Pasal 52 Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai "
            "Pemerintah dengan Perjanjian Kerja"
        )
    context["release"] = {
        "basis": basis,
        "decree_on": long_date(release.decree_on),
        "starts_on": long_date(release.starts_on),
        "starts_on_with_day": long_date(release.starts_on, with_day=True),
        "until": "sampai dengan ditetapkannya keputusan hukuman disiplin"
        if status in ASN_STATUSES
        else "sampai dengan ditetapkannya sanksi administratif atas pelanggaran tersebut",
        "reason": "karena diduga melakukan pelanggaran disiplin yang dapat dijatuhi "
        + ("hukuman disiplin berat" if status in ASN_STATUSES else "sanksi administratif")
        + f", yaitu {_violation(context)}",
        "rights": "Selama dibebaskan sementara dari tugas jabatannya, Saudara tetap diberikan hak "
        "kepegawaian sesuai dengan ketentuan peraturan perundang-undangan"
        + (
            " (Pasal 31 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021)."
            if status in ("PNS", "CPNS")
            else "."
        ),
    }
    context["document"]["subject"] = "Pembebasan sementara dari tugas jabatan"
    context["copies"] = [
        ppk_title(accused),
        "Kepala BKPSDM",
        *([f"Sdr. {acting['name']} (pelaksana harian)"] if acting["name"] else []),
    ]
    return Built(context, release, release.decree_on)


OUTCOME_VERBS = {
    "confirmed": ("memperkuat", "Memperkuat"),
    "reduced": ("memperingan", "Memperingan"),
    "increased": ("memperberat", "Memperberat"),
    "changed": ("mengubah", "Mengubah"),
    "revoked": ("mencabut", "Mencabut"),
    "annulled": ("membatalkan", "Membatalkan"),
}


def _objection_fields(accused: Accused, decision: Any, objection: Any) -> dict[str, Any]:
    outcome = objection.outcome or ""
    verb = OUTCOME_VERBS.get(outcome, ("", ""))[0]
    result = (
        sanction_words(accused, objection.outcome_sanction_code)
        if objection.outcome_sanction_code
        else ""
    )
    return {
        "kind_label": "banding administratif" if objection.kind == "appeal" else "keberatan",
        "filed_on": long_date(objection.filed_on),
        "grounds": _clause(objection.grounds, lower=False),
        "outcome": outcome,
        "outcome_text": verb,
        "decided_on": long_date(objection.decided_on) if objection.decided_on else "",
        "decided_on_with_day": long_date(objection.decided_on, with_day=True)
        if objection.decided_on
        else "",
        "result_sanction_label": result,
    }


def _objection_of(accused: Accused) -> tuple[Any, Any]:
    decision = _require(
        _related(accused, "decision"),
        _("No decision has been taken in the case file yet."),
    )
    objection = _require(
        _related(decision, "objection"),
        _("No objection has been filed against the decision."),
    )
    if objection.kind != "objection":
        raise StepMissing(
            "kind",
            _(
                "This is an administrative appeal: BPASN decides it and issues its own decision "
                "(PP 79/2021 Pasal 16); it is only recorded here."
            ),
        )
    return decision, objection


def _decree_number_required(context: dict[str, Any]) -> None:
    if not context["decision"]["number"]:
        raise StepMissing(
            "kind",
            _(
                "The decree objected to has not been issued in Tegak yet: issue it first, so "
                "that this document cites its number."
            ),
        )


def _objection_reply(accused: Accused) -> Built:
    """Tanggapan atas keberatan: the official's reply to their superior (PP 79/2021 Pasal 8)."""
    decision, objection = _objection_of(accused)
    reply = _require(
        _related(objection, "reply"),
        _("The official's reply to the objection has not been recorded yet."),
    )
    context = _decision_context(accused, decision)
    _decree_number_required(context)
    signer = _signer(decision.authorised_official, reply.replied_on, accused.case)
    own = _base(accused, signer, reply.replied_on)
    context["signatory"], context["instansi"] = own["signatory"], own["instansi"]
    context[ISSUING_UNIT], context[SIGNER_ID] = own[ISSUING_UNIT], own[SIGNER_ID]
    context["employee"] = person_on(accused.employee, decision.decided_on, accused.case)
    from tegak.cases import authority

    lawful = authority.lawful_objection_decider(accused, objection.filed_on)
    superior_id = next(iter(lawful.holders), None)
    superior = Employee.objects.filter(pk=superior_id).first() if superior_id else None
    addressee = (
        person_on(superior, reply.replied_on, accused.case)
        if superior is not None
        else dict(EMPTY_PERSON)
    )
    if not addressee["position"]:
        addressee["position"] = "Atasan Pejabat yang Berwenang Menghukum"
    context["addressee"] = addressee
    context["objection"] = _objection_fields(accused, decision, objection)
    context["reply"] = {"date": long_date(reply.replied_on), "text": reply.text.strip()}
    context["document"]["subject"] = f"Tanggapan atas keberatan Sdr. {context['employee']['name']}"
    context["copies"] = ["Yang bersangkutan", "Kepala BKPSDM"]
    return Built(context, reply, reply.replied_on)


def _objection_decree(accused: Accused) -> Built:
    """Keputusan atas keberatan (PP 79/2021 Pasal 6 for the PPK, Pasal 9 for the superior)."""
    decision, objection = _objection_of(accused)
    if not objection.outcome or objection.decided_on is None:
        raise StepMissing("kind", _("The objection has not been decided yet."))
    context = _decision_context(accused, decision)
    _decree_number_required(context)
    original = dict(context["signatory"])
    user = _step_user(accused, "objection_decide", objection.recorded_by)
    signer = _signer(user, objection.decided_on, accused.case)
    own = _base(accused, signer, objection.decided_on)
    context["signatory"], context["instansi"] = own["signatory"], own["instansi"]
    context[ISSUING_UNIT], context[SIGNER_ID] = own[ISSUING_UNIT], own[SIGNER_ID]
    _state_capacity(context, accused, ("objection_decide",))
    context["employee"] = person_on(accused.employee, decision.decided_on, accused.case)
    fields = _objection_fields(accused, decision, objection)
    context["objection"] = fields
    from tegak.cases import authority

    to_superior = authority.objection_goes_to_superior(accused)
    superior_outside = (
        to_superior and authority.lawful_objection_decider(accused, objection.decided_on).unresolved
    )
    if authority.decided_for_ppk(accused) or superior_outside:
        # The PPK decides the objection to the PPK's own decree (PP 79/2021 Pasal 6): again
        # the PPK's decree, whoever recorded it (reading D12). So does the superior of an
        # official with no superior in the registry (a Sekda, a Sekretaris DPRD: the head of
        # the region, the PPK; reading C6): the administrator records that decision, and the
        # karaoke walk printed it as "KEPUTUSAN PRANATA KOMPUTER AHLI PERTAMA".
        _as_ppk(accused, context, objection.decided_on)
    article = "Pasal 9" if to_superior else "Pasal 6"
    reply = _related(objection, "reply")
    employee = context["employee"]
    original_title = f"Keputusan {original['position']}" if original["position"] else "Keputusan"
    cited = (
        f"{original_title} Nomor {context['decision']['number']} tanggal "
        f"{context['decision']['decided_on']}"
    )
    considerations = [
        f"bahwa dengan {cited}, Saudara {_identity(employee)}, dijatuhi hukuman disiplin berupa "
        f"{context['decision']['sanction_label']} karena {join_clauses(violations(context))};",
        f"bahwa atas keputusan tersebut, yang bersangkutan mengajukan keberatan secara tertulis "
        f"pada tanggal {fields['filed_on']} dengan alasan “{fields['grounds']}”;",
    ]
    # The official who imposed the sanction, by their title (the decree cited above is theirs);
    # not named again when they decide the objection themselves: the PPK on an objection to
    # the PPK's own decree (PP 79/2021 Pasal 6; reading D14).
    imposed_by = original["position"] or "pejabat yang menetapkan keputusan"
    same_official = authority.decided_for_ppk(accused) or (
        original["position"] == context["signatory"]["position"]
        and original["name"] == context["signatory"]["name"]
    )
    if reply is not None:
        considerations.append(
            f"bahwa {imposed_by} telah menyampaikan tanggapan atas keberatan "
            f"tersebut pada tanggal {long_date(reply.replied_on)} (Pasal 8 ayat (3) Peraturan "
            "Pemerintah Nomor 79 Tahun 2021);"
        )
    considerations.append(
        f"bahwa berdasarkan pertimbangan tersebut, perlu menetapkan Keputusan tentang "
        f"{fields['outcome_text'].capitalize()} {cited} sebagaimana dimaksud dalam {article} "
        "Peraturan Pemerintah Nomor 79 Tahun 2021;"
    )
    context["considerations"] = considerations
    dismissal = decision.sanction_code in DISMISSAL_SANCTIONS
    context["legal_basis"] = _legal_basis(
        objection.decided_on,
        decision.regulation,
        dismissal,
        accused.employee.status,
        accused,
        cites=_decision_cites(decision, accused),
    )
    verb = OUTCOME_VERBS[objection.outcome][1]
    decided = f"{verb} {cited} tentang penjatuhan hukuman disiplin berupa " + str(
        context["decision"]["sanction_label"]
    )
    if fields["result_sanction_label"] and objection.outcome in {"reduced", "increased", "changed"}:
        decided += f" menjadi hukuman disiplin berupa {fields['result_sanction_label']}"
    context["decision"]["violation"] = join_clauses(violations(context))
    context["decision"]["justification"] = decided
    context["decision"]["effective_rule"] = (
        "pada tanggal ditetapkan"
        if objection.outcome not in {"revoked", "annulled"}
        else "pada tanggal ditetapkan, dan hukuman disiplin tersebut dianggap tidak pernah "
        "dijatuhkan"
    )
    context["decision"]["objection_route"] = (
        "Apabila yang bersangkutan tidak puas terhadap keputusan ini, dapat mengajukan upaya "
        f"hukum kepada Pengadilan Tata Usaha Negara ({article} ayat (3) Peraturan Pemerintah "
        "Nomor 79 Tahun 2021)."
    )
    context["document"]["subject"] = (
        f"{fields['outcome_text'].capitalize()} Keputusan Penjatuhan Hukuman Disiplin atas "
        f"nama {_subject_name(accused)}"
    )
    imposer = (
        f"{imposed_by} selaku pejabat yang menetapkan keputusan yang diajukan keberatan"
        if original["position"]
        else imposed_by
    )
    context["decision"]["notified"] = (
        "yang bersangkutan" if same_official else f"yang bersangkutan dan kepada {imposer}"
    )
    context["copies"] = [
        "Kepala Badan Kepegawaian Negara",
        "Kepala BKPSDM",
        *([] if same_official else [imposed_by]),
        "Yang bersangkutan",
    ]
    return Built(context, objection, objection.decided_on)


def _sanction_phrase(text: str) -> str:
    """'Hukuman disiplin ringan: Teguran tertulis' -> 'hukuman disiplin ringan berupa teguran
    tertulis' (the tracking page's words inside a sentence)."""
    head, _sep, tail = _clause(text).partition(": ")
    return f"{head} berupa {_clause(tail)}" if tail else head


def outcome_notice_reports(accused: Accused) -> list[Any]:
    """The reports whose complainant gets a pemberitahuan hasil about this accused, one letter
    each (reading C28): every report that fed the case (its source reports and those merged
    into them) with a reporter to tell, never a news report or an anonymous letter without a
    contact."""
    from tegak.cases.outcome import fed_reports

    return [report for report in fed_reports(accused.case) if not report.no_reporter_reason]


def _outcome_notice(accused: Accused, report: Any = None) -> Built:
    """Pemberitahuan hasil to the reporter (UU 25/2009 Pasal 50(2)): what the case decided, in
    the public words of the tracking page, without the accused's name, number or post (reading
    D5 in docs/legal-questions.md). Addressed to one complainant by their own report's number
    (`report`, else the first of `outcome_notice_reports`)."""
    from tegak.cases.models import CaseReport
    from tegak.cases.outcome import outcome_for

    case = accused.case
    links = list(CaseReport.objects.filter(case=case).select_related("report"))
    if not links:
        raise StepMissing(
            "kind",
            _("The case was not opened from a report: there is no reporter to tell."),
        )
    if accused.stage != "final" or accused.final_on is None:
        raise StepMissing(
            "kind",
            _(
                "The matter of this employee has not ended yet: the outcome is told once it is "
                "final."
            ),
        )
    complainants = outcome_notice_reports(accused)
    if not complainants:
        raise StepMissing(
            "kind",
            _(
                "No report that fed the case has a reporter to tell (a news or social-media "
                "report, or an anonymous letter without a contact)."
            ),
        )
    if report is not None and report.pk not in {item.pk for item in complainants}:
        raise StepMissing("kind", _("That report has no complainant in this case to tell."))
    from django.utils import translation

    with translation.override("id"):
        rows = outcome_for(case)["accused"]
    accused_ids = list(case.accused.order_by("id").values_list("id", flat=True))
    row = rows[accused_ids.index(accused.pk)]
    user = _outcome_signer(case, accused.final_on)
    signer = _signer(user, accused.final_on, case)
    context = _base(accused, signer, accused.final_on)
    # The reporter reads neither the employee's identity nor the facts as the case file has them.
    context.pop("employee")
    context.pop("allegations")
    report = report or complainants[0]
    zone = ZoneInfo(case.instansi.zoneinfo_name)
    context["complaint"] = {
        "reference": report.reference,
        "received_on": long_date(report.received_at.astimezone(zone).date()),
    }
    result = row["result"]
    text = str(row["label"]["id"])
    sentences = {
        "not_proven": "Berdasarkan hasil pemeriksaan, dugaan pelanggaran disiplin yang "
        "Saudara laporkan tidak terbukti, sehingga tidak dijatuhkan "
        + ("hukuman disiplin." if accused.employee.status in ASN_STATUSES else "sanksi."),
        "revoked": "Berdasarkan hasil pemeriksaan, pegawai yang Saudara laporkan telah dijatuhi "
        "hukuman disiplin; atas keberatan yang bersangkutan, hukuman disiplin tersebut "
        "dicabut atau dibatalkan.",
        "sanction": "Berdasarkan hasil pemeriksaan, dugaan pelanggaran disiplin yang Saudara "
        f"laporkan terbukti, dan pegawai yang bersangkutan telah dijatuhi "
        f"{_sanction_phrase(text)}.",
    }
    context["outcome"] = {
        "result": result,
        "text": sentences.get(result, text),
        "decided_on": long_date(date.fromisoformat(row["on"])) if row["on"] else "",
        "final": long_date(accused.final_on),
    }
    context["document"]["subject"] = "Pemberitahuan hasil penanganan pengaduan"
    context["document"]["nature"] = "Biasa"
    context["copies"] = []
    return Built(context, accused, accused.final_on)


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
    "surat_pemberian_sanksi": _sanction_letter,
    "surat_pembebasan_sementara": _release,
    "tanggapan_keberatan": _objection_reply,
    "keputusan_atas_keberatan": _objection_decree,
    "pemberitahuan_hasil": _outcome_notice,
}
# The documents that record a decision itself (the delivery minutes cite their number).
DECISION_DOCUMENT_KINDS = (
    "keputusan_hukuman_ringan",
    "keputusan_hukuman_sedang",
    "keputusan_hukuman_berat",
    "keputusan_pemberhentian",
    "surat_pemberian_sanksi",
    "berita_acara_pembinaan",
)
DECISION_DOCUMENT_TITLES = {
    "surat_pemberian_sanksi": "Surat Pemberian Sanksi",
    "berita_acara_pembinaan": "Berita Acara Pembinaan",
}
# In the order of the procedure, as the case page offers them.
CASE_KINDS = [
    "keputusan_tim_pemeriksa",
    "surat_panggilan_1",
    "surat_panggilan_2",
    "surat_pembebasan_sementara",
    "berita_acara_pemeriksaan",
    "laporan_hasil_pemeriksaan",
    "keputusan_hukuman_ringan",
    "keputusan_hukuman_sedang",
    "keputusan_hukuman_berat",
    "keputusan_pemberhentian",
    "surat_pemberian_sanksi",
    "berita_acara_pembinaan",
    "tanda_terima_keputusan",
    "tanggapan_keberatan",
    "keputusan_atas_keberatan",
    "pemberitahuan_hasil",
]
assert set(CASE_KINDS) == set(BUILDERS)
# Kinds for ASN only (discipline decrees, PP 79/2021 objections) and for non-ASN staff only.
ASN_ONLY_KINDS = {
    "keputusan_hukuman_ringan",
    "keputusan_hukuman_sedang",
    "keputusan_hukuman_berat",
    "keputusan_pemberhentian",
    "tanggapan_keberatan",
    "keputusan_atas_keberatan",
}
NON_ASN_ONLY_KINDS = {"surat_pemberian_sanksi", "berita_acara_pembinaan"}


def kind_fits(kind: str, status: str) -> bool:
    """Whether a kind can ever be issued for an employee of this status."""
    if status in ASN_STATUSES:
        return kind not in NON_ASN_ONLY_KINDS
    return kind not in ASN_ONLY_KINDS


def build_context(
    accused: Accused,
    kind: str,
    coaching: CoachingEntries | None = None,
    report: Any = None,
) -> Built:
    """The context of a kind for one accused; StepMissing (an InputError) when it cannot exist.
    `coaching`: what the official entered for the coaching minutes; `report`: the complainant's
    report a pemberitahuan hasil is addressed to."""
    if kind not in BUILDERS:
        raise StepMissing(
            "kind",
            _("The document “%(kind)s” is not issued from a case file.") % {"kind": kind},
        )
    built = _coaching(accused, coaching) if kind == "berita_acara_pembinaan" else None
    if kind == "pemberitahuan_hasil" and report is not None:
        built = _outcome_notice(accused, report)
    built = built or BUILDERS[kind](accused)
    unit = built.context.pop(ISSUING_UNIT, None)
    signer_id = built.context.pop(SIGNER_ID, None)
    return replace(built, unit=built.unit or unit, signer_id=built.signer_id or signer_id)


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
