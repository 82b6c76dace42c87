"""The case page tells the whole record truly (#13 walk-through): the timeline carries the
objection, the official's reply and the decision on it; the effective date is not shown while an
objection suspends it; the post and chain of superiors are those of the offence day, not today's;
and the basis of each deadline is in the reader's language."""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from tegak.cases import services
from tegak.cases.models import Clock
from tegak.core.words import long_date
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment
from tests.cases.test_flow import object_to_the_superior, run_to_final_until_delivery

pytestmark = pytest.mark.django_db


def page(client, case, language="id"):
    client.cookies["django_language"] = language
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def text_of(body, testid):
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(dd|span|td)>', body, re.S)
    assert match, testid
    return re.sub(r"<[^>]+>", "", match.group(1))


def timeline(body):
    section = body.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def test_objection_reply_and_decision_on_it_are_in_the_timeline_and_effect_waits(
    open_case, staff, verified_client
):
    case = open_case()
    _accused, decision, delivery = run_to_final_until_delivery(case, staff)
    client = verified_client(staff.official)
    body = page(client, case)
    # Before any objection: the day it takes effect unless an objection comes in time.
    effect = text_of(body, "takes-effect")
    assert long_date(delivery.effective_on) in effect and "kecuali diajukan keberatan" in effect

    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    body = page(client, case)
    effect = text_of(body, "takes-effect")
    assert "Belum: keberatan menangguhkannya" in effect
    assert delivery.effective_on.isoformat() not in effect
    assert "23 Oktober 2026" in timeline(body) and "Keberatan diajukan" in timeline(body)

    decisions.objection_reply(
        actor=staff.official,
        objection=objection,
        replied_on=date(2026, 10, 26),
        text="Hukuman telah sesuai dengan tingkat pelanggaran.",
    )
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    decisions.objection_decide(
        actor=staff.sekda,
        objection=objection,
        outcome="reduced",
        decided_on=date(2026, 11, 10),
        outcome_sanction_code="teguran_lisan",
    )
    body = page(client, case)
    line = timeline(body)
    assert "Tanggapan pejabat atas keberatan" in line
    assert "Hukuman telah sesuai dengan tingkat pelanggaran." in line
    assert "Keputusan atas keberatan: Diperingan → Teguran lisan" in line
    # In order: filed, replied, decided.
    assert (
        line.index("Keberatan diajukan")
        < line.index("Tanggapan pejabat")
        < line.index("Keputusan atas keberatan")
    )
    effect = text_of(body, "takes-effect")
    assert "10 November 2026" in effect and "sesuai keputusan atas keberatan" in effect
    # The deadlines table and the public register date the effect to the objection's decision,
    # not to the 15th day after receipt (seed walk, karaoke: "jatuh tempo 27-10-2022").
    clock = Clock.objects.get(accused=_accused, name="takes_effect")
    assert clock.due == clock.met_on == date(2026, 11, 10)
    from tegak.portal.models import RegisterEntry
    from tegak.portal.services import register_refresh

    register_refresh(accused_ids=[_accused.pk])
    row = RegisterEntry.objects.get(accused_id_ref=_accused.pk)
    effect_rows = [item for item in row.deadlines if item["name"] == "takes_effect"]
    assert [item["due"] for item in effect_rows] == ["2026-11-10"]
    english = timeline(page(client, case, "en"))
    assert "Objection filed" in english and "Decision on the objection: Reduced" in english


def test_post_and_chain_are_those_of_the_offence_day_not_todays(
    open_case, org, staff, instansi, verified_client
):
    # The accused moved on 1 November 2026 to Bagian Keuangan, under another head.
    keuangan = OrgUnit.objects.create(
        instansi=instansi, code="KEU", name="Bagian Keuangan", parent=org.units.setwan
    )
    head = Employee.objects.create(instansi=instansi, nip="198001012000011999", name="Kabag Keu")
    PositionAssignment.objects.create(
        employee=head,
        position=Position.objects.create(
            instansi=instansi,
            unit=keuangan,
            name="Kepala Bagian Keuangan",
            kind="administrator",
            is_head=True,
        ),
        start=date(2020, 1, 1),
    )
    old = PositionAssignment.objects.get(employee=org.staff)
    old.end = date(2026, 10, 31)
    old.save()
    PositionAssignment.objects.create(
        employee=org.staff,
        position=Position.objects.create(
            instansi=instansi, unit=keuangan, name="Bendahara", kind="pelaksana"
        ),
        start=date(2026, 11, 1),
    )
    # The offence was on 2 October; the superior learned of it on 20 November.
    case = open_case(committed_on=date(2026, 10, 2), known_on=date(2026, 11, 20))
    body = page(verified_client(staff.official), case)
    assert "Rantai atasan pada 2 Oktober 2026 (saat pelanggaran)" in body
    chain = text_of(body, "chain-then")
    assert chain.startswith("Kabag Uji") and "Sekwan Uji" in chain and "Kabag Keu" not in chain
    assert "Pengadministrasi" in text_of(body, "post-then")
    # The examiner is the superior when the matter is dealt with (the day it became known).
    assert "Kabag Keu" in text_of(body, "lawful-examiner")


def test_the_basis_of_a_deadline_is_in_the_readers_language(open_case, staff, verified_client):
    case = open_case()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=case.accused.get(),
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    client = verified_client(staff.examiner)
    indonesian = page(client, case)
    assert "pemeriksaan paling lambat 7 hari kerja sejak tanggal surat panggilan" in indonesian
    english = page(client, case, "en")
    assert "the examination at the latest 7 working days after the date" in english
    bases = re.findall(r'data-testid="clock-basis">(.*?)</td>', english)
    assert bases and not [basis for basis in bases if "hari kerja" in basis or "paling" in basis]


def test_bases_stored_before_are_rewritten_to_the_engines_english(open_case):
    case = open_case()
    clock = Clock.objects.filter(case=case).first()
    clock.basis = (
        "PP 94/2021 Pasal 26 ayat (2): paling lambat 7 hari kerja between the date of the "
        "summons letter and the examination"
    )
    clock.save()
    migration = importlib.import_module("tegak.cases.migrations.0006_clock_basis_english")
    migration.forward(django_apps, None)
    clock.refresh_from_db()
    assert clock.basis == (
        "PP 94/2021 Pasal 26 ayat (2): the examination at the latest 7 working days after the "
        "date of the summons letter"
    )
    migration.backward(django_apps, None)
    clock.refresh_from_db()
    assert "paling lambat" in clock.basis


def test_a_summons_answered_by_the_examination_says_the_employee_attended(
    open_case, staff, verified_client
):
    """The seed walk: the "Attended" column showed "—" after the examination was held."""
    from tests.cases.test_flow import run_to_findings

    case = open_case()
    run_to_findings(case, staff)
    body = page(verified_client(staff.examiner), case)
    assert text_of(body, "summons-attended").strip() == "Ya"


def test_a_sanction_revoked_on_objection_never_takes_effect_on_the_deadlines(
    open_case, staff, verified_client
):
    case = open_case()
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = object_to_the_superior(case, staff, decision)
    decisions.objection_reply(
        actor=staff.official, objection=objection, replied_on=date(2026, 10, 26), text="Tetap."
    )
    decisions.objection_decide(
        actor=staff.sekda, objection=objection, outcome="revoked", decided_on=date(2026, 11, 10)
    )
    clock = Clock.objects.get(accused=accused, name="takes_effect")
    assert clock.not_applicable
    body = page(verified_client(staff.official), case)
    assert "hukuman dicabut atau dibatalkan atas keberatan" in body
