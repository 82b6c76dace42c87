"""What a user reads on the case page and the step forms: labels, not codes; the team's lawful
composition refused at its field."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tests.cases.test_flow import examine, run_to_final

pytestmark = pytest.mark.django_db


def test_the_history_and_the_decision_show_labels_in_indonesian_with_the_code_for_auditors(
    open_case, staff, verified_client
):
    case = open_case()
    _accused, _summons, decision, _delivery, _steps = run_to_final(case, staff)
    assert decision.sanction_code == "penundaan_kgb_1_tahun"
    page = verified_client(staff.official).get(reverse("cases:detail", args=[case.pk]))
    html = page.content.decode()
    assert '<span title="hearing.summons_issued">Surat panggilan diterbitkan</span>' in html
    assert '<span title="decision.taken">Keputusan ditetapkan</span>' in html
    assert '<span title="case.opened">Kasus dibuka</span>' in html
    assert (
        '<span data-testid="sanction">Penundaan kenaikan gaji berkala selama 1 tahun</span>' in html
    )
    assert (
        '<span title="penundaan_kgb_1_tahun">Penundaan kenaikan gaji berkala selama 1 tahun</span>'
        in html
    )
    # the code is there for auditors in the title only, never as text on the page (#13)
    assert "<code>hearing.summons_issued</code>" not in html
    assert '<code class="hint">hearing.summons_issued</code>' not in html
    assert '<code class="hint">penundaan_kgb_1_tahun</code>' not in html


def test_the_labels_follow_the_interface_language(open_case, staff, verified_client):
    case = open_case()
    run_to_final(case, staff)
    client = verified_client(staff.official)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("cases:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en").content
    html = html.decode()
    assert '<span title="hearing.summons_issued">Summons issued</span>' in html
    assert '<span data-testid="sanction">Periodic salary rise postponed 1 year</span>' in html
    assert "16 October 2026" in html  # the English page, in English words


def _team_case(open_case, staff):
    from tegak.hearings import services as hearings

    case = open_case(impact="negara")
    accused = case.accused.get()
    assert accused.examination_team == "required"
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    return case, accused


def test_a_team_without_the_direct_superior_is_refused_at_the_superior_field(
    open_case, org, staff, verified_client
):
    case, accused = _team_case(open_case, staff)
    client = verified_client(staff.official)
    url = reverse("hearings:step", args=[case.pk, accused.pk, "team_form"])
    before = AuditEvent.objects.count()
    # the Sekwan is the superior's superior, not the direct superior (the Kabag), who is not
    # involved: Pasal 29(3) puts the direct superior on the team
    response = client.post(
        url,
        {
            "formed_on": "2026-10-07",
            "superior": org.sekwan.pk,
            "supervision": org.inspector.pk,
            "personnel": org.personnel.pk,
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["superior"] == [
        "Anggota dari unsur atasan harus Kabag Uji: atasan langsung, atau atasan berikutnya bila "
        "atasan langsung terlibat (Pasal 29 ayat (3), (6))."
    ]
    assert not form.non_field_errors()
    accused.refresh_from_db()
    assert not hasattr(accused, "team") and AuditEvent.objects.count() == before
    # a member from the wrong unit is named at that member's field
    response = client.post(
        url,
        {
            "formed_on": "2026-10-07",
            "superior": org.kabag.pk,
            "supervision": org.staff2.pk,
            "personnel": org.personnel.pk,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["supervision"]
    # the lawful team is formed
    response = client.post(
        url,
        {
            "formed_on": "2026-10-07",
            "superior": org.kabag.pk,
            "supervision": org.inspector.pk,
            "personnel": org.personnel.pk,
        },
    )
    assert response.status_code == 302
    accused.refresh_from_db()
    assert accused.team.members.get(role="superior").employee == org.kabag


def test_the_api_names_the_team_field_that_was_sent(open_case, org, staff, verified_client):
    case, accused = _team_case(open_case, staff)
    answer = verified_client(staff.official).post(
        f"/api/v1/cases/{case.pk}/accused/{accused.pk}/steps/team_form",
        {
            "formed_on": "2026-10-07",
            "superior": org.sekwan.pk,
            "supervision": org.inspector.pk,
            "personnel": org.personnel.pk,
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "superior"


def test_the_finding_deadlines_allegations_and_handlers_read_as_words(
    open_case, org, staff, verified_client
):
    case = open_case()
    html = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    html = html.content.decode()
    assert (
        '<span title="pp-94-2021:3:f" data-testid="provision">PP 94/2021 Pasal 3 huruf f</span>'
        in html
    )
    assert "Dugaan: PP 94/2021 Pasal 3 huruf f" in html  # the timeline
    assert '<span title="atasan_dari_atasan_langsung">Atasan dari atasan langsung</span>' in html
    assert '<span title="superior_must_summon">Atasan wajib memanggil</span>' in html
    # a handler is named as the person on the employee record, not the account's first name
    staff.examiner.first_name = "Akun"
    staff.examiner.save()
    html = verified_client(staff.official).get(reverse("cases:detail", args=[case.pk]))
    assert f'<span data-testid="handler">{org.kabag.full_name}</span>' in html.content.decode()


def test_the_team_step_is_offered_only_when_the_law_calls_for_a_team_not_yet_formed(
    open_case, org, staff, verified_client
):
    from tegak.hearings import services as hearings

    client = verified_client(staff.official)
    light = open_case(impact="unit_kerja")
    assert light.accused.get().examination_team == "none"
    html = client.get(reverse("cases:detail", args=[light.pk])).content.decode()
    assert 'data-step="team_form"' not in html
    case, accused = _team_case(open_case, staff)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step="team_form"' in html
    hearings.team_form(
        actor=staff.official,
        accused=accused,
        formed_on=date(2026, 10, 7),
        members=[
            (org.kabag, "superior"),
            (org.inspector, "supervision"),
            (org.personnel, "personnel"),
        ],
    )
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step="team_form"' not in html
    body = client.get(f"/api/v1/cases/{case.pk}").json()
    assert "team_form" not in body["accused"][0]["next_steps"]


def _examined(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    examine(staff.examiner, accused, question="Di mana?", answer="Di kantor.")
    return case, accused


def test_the_recommended_sanction_is_chosen_from_labelled_sanctions_not_typed_as_a_code(
    open_case, staff, verified_client
):
    from tegak.core.errors import InputError
    from tegak.hearings import services as hearings

    case, accused = _examined(open_case, staff)
    client = verified_client(staff.examiner)
    url = reverse("hearings:step", args=[case.pk, accused.pk, "findings_report"])
    html = client.get(url).content.decode()
    assert '<option value="teguran_tertulis">Teguran tertulis</option>' in html
    response = client.post(
        url,
        {
            "reported_on": "2026-10-14",
            "proven": "yes",
            "conclusion": "Terbukti.",
            "recommended_sanction": "teguran keras",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["recommended_sanction"]
    with pytest.raises(InputError) as error:
        hearings.findings_report(
            actor=staff.examiner,
            accused=accused,
            reported_on=date(2026, 10, 14),
            conclusion="Terbukti.",
            recommended_sanction="teguran keras",
        )
    assert error.value.field == "recommended_sanction"
    response = client.post(
        url,
        {
            "reported_on": "2026-10-14",
            "proven": "yes",
            "conclusion": "Terbukti.",
            "recommended_sanction": "teguran_tertulis",
        },
    )
    assert response.status_code == 302
    accused.refresh_from_db()
    assert accused.findings_report.recommended_sanction == "teguran_tertulis"


def test_a_sanction_outside_the_allowed_set_names_the_allowed_ones_in_words(
    open_case, staff, verified_client
):
    from tegak.hearings import services as hearings

    case, accused = _examined(open_case, staff)
    hearings.findings_report(
        actor=staff.examiner, accused=accused, reported_on=date(2026, 10, 14), conclusion="Ya."
    )
    response = verified_client(staff.official).post(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_take"]),
        # A lighter type than the finding allows needs reasons (a heavier level than the
        # official may impose is refused on the type itself, reading C15).
        {"sanction_code": "teguran_lisan", "decided_on": "2026-10-16"},
    )
    assert response.status_code == 400
    message = response.context["form"].errors["justification"][0]
    assert "Penundaan kenaikan gaji berkala selama 1 tahun" in message
    assert "penundaan_kgb_1_tahun" not in message


def test_the_correction_form_starts_from_the_decision_and_the_team_from_the_superior(
    open_case, org, staff, verified_client
):
    from tegak.decisions import services as decisions
    from tegak.hearings import services as hearings

    client = verified_client(staff.official)
    team_case, team_accused = _team_case(open_case, staff)
    html = client.get(
        reverse("hearings:step", args=[team_case.pk, team_accused.pk, "team_form"])
    ).content.decode()
    assert f'<option value="{org.kabag.pk}" selected>' in html
    case, accused = _examined(open_case, staff)
    hearings.findings_report(
        actor=staff.examiner, accused=accused, reported_on=date(2026, 10, 14), conclusion="Ya."
    )
    decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code="penundaan_pangkat_1_tahun",
        decided_on=date(2026, 10, 16),
    )
    html = client.get(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"])
    ).content.decode()
    assert '<option value="penundaan_pangkat_1_tahun" selected>' in html
    assert '<option value="teguran_lisan" selected>' not in html
