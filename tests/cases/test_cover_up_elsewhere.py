"""A superior accused of not acting on a subordinate's offence whose subordinate is handled in
ANOTHER case (or was decided on before Tegak): the karaoke cover-up opened as a case against the
Kabag alone, while the staff member's own case runs apart. The superior's level follows the
sanction the subordinate's offence called for (PP 94/2021 Pasal 24 ayat (3), Pasal 28 ayat (2));
the case file takes it from the other case, kept in step with it, or as stated with its source
(reading C37). Before this, such a case could only ask to add the subordinate as an accused."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.models import FindingChange, SubordinateElsewhere
from tegak.cases.rules_bridge import sanction_rank
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tests.cases.test_cover_up import COVER_UP, KARAOKE, _examined, open_case
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _superior_case(staff, org, instansi):
    case = open_case(
        staff, instansi, "Atasan tidak menindak bawahan", {"employee": org.kabag, **COVER_UP}
    )
    # The Kabag is accused: the Sekwan above him examines (Pasal 29(6)).
    services.handler_assign(actor=staff.admin, case=case, user=staff.official, role="examiner")
    return case, case.accused.get()


def _subordinate_case(staff, org, instansi):
    case = open_case(staff, instansi, "Karaoke pada jam kerja", {"employee": org.staff, **KARAOKE})
    # The direct superior examines his staff member in her own case (whether his being accused
    # elsewhere of not acting makes him "involved" under Pasal 29 ayat (6) is an open question,
    # docs/legal-questions.md C37).
    services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.official, role="authorised_official"
    )
    return case, case.accused.get()


def test_a_sanction_decided_before_is_stated_with_its_source_and_sets_the_level(
    org, staff, instansi, today
):
    _case, superior = _superior_case(staff, org, instansi)
    assert superior.finding["level"] is None  # nothing to be heavier than yet

    entry = services.subordinate_elsewhere_record(
        actor=staff.intake,
        accused=superior,
        employee=org.staff,
        sanction_code="penurunan_pangkat_1_tahun",
        source="Keputusan Sekwan 800/12/2022 tanggal 5 Oktober 2022",
    )
    superior.refresh_from_db()
    floor = sanction_rank("penurunan_pangkat_1_tahun")
    assert superior.finding["level"] in {"sedang", "berat"}
    assert superior.finding["allowed_sanctions"]
    assert all(sanction_rank(code) > floor for code in superior.finding["allowed_sanctions"])
    assert FindingChange.objects.filter(accused=superior, reason="subordinate stated").exists()
    event = AuditEvent.objects.get(action="case.subordinate_elsewhere_recorded")
    assert event.data["employee_id"] == org.staff.pk and event.data["finding_changed"] is True
    assert entry.linked is None

    # Taken back by mistake, with a reason: the level is again left to a person.
    services.subordinate_elsewhere_remove(
        actor=staff.intake, entry=entry, reason="Salah pilih pegawai bawahan"
    )
    superior.refresh_from_db()
    assert superior.finding["level"] is None
    assert AuditEvent.objects.filter(action="case.subordinate_elsewhere_removed").exists()


def test_a_subordinate_in_another_case_is_read_there_and_the_superior_follows_its_decision(
    org, staff, instansi, today
):
    sub_case, subordinate = _subordinate_case(staff, org, instansi)
    case, superior = _superior_case(staff, org, instansi)
    services.subordinate_elsewhere_record(
        actor=staff.intake,
        accused=superior,
        employee=org.staff,
        other_case=f"  {sub_case.register_number} ",
    )
    superior.refresh_from_db()
    recommended = subordinate.finding["sanction"]
    assert superior.finding["allowed_sanctions"]
    assert all(
        sanction_rank(code) > sanction_rank(recommended)
        for code in superior.finding["allowed_sanctions"]
    )
    # The superior's decision waits for the subordinate's, in the other case.
    superior = _examined(superior, staff)
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.sekda,
            accused=superior,
            sanction_code=superior.finding["allowed_sanctions"][0],
            decided_on=date(2022, 10, 6),
        )
    assert refused.value.field == "sanction_code" and "Staf Uji" in refused.value.message

    # The subordinate is decided on, heavier than recommended: the superior is weighed again.
    subordinate = _examined(subordinate, staff, by=staff.examiner)
    decisions.decision_take(
        actor=staff.official,
        accused=subordinate,
        sanction_code="penurunan_pangkat_1_tahun",
        decided_on=date(2022, 10, 5),
    )
    superior.refresh_from_db()
    floor = sanction_rank("penurunan_pangkat_1_tahun")
    assert all(sanction_rank(code) > floor for code in superior.finding["allowed_sanctions"])
    assert FindingChange.objects.filter(accused=superior, reason="subordinate decided").exists()
    taken = AuditEvent.objects.filter(action="decision.taken").latest("sequence")
    assert taken.data["superiors_reweighed"] == [superior.pk]
    assert SubordinateElsewhere.objects.get().sanction_code == "penurunan_pangkat_1_tahun"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sanction_code": ""}, "sanction_code"),
        ({"source": ""}, "source"),
        ({"sanction_code": "dipecat_saja"}, "sanction_code"),
        ({"employee": "sekda"}, "employee"),  # not below the Kabag
        ({"employee": None}, "employee"),
        ({"other_case": "99999/KD/2022"}, "other_case"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_written(
    org, staff, instansi, today, change, field
):
    _case, superior = _superior_case(staff, org, instansi)
    given = {
        "employee": org.staff,
        "sanction_code": "teguran_tertulis",
        "source": "Keputusan 800/1/2022",
        "other_case": "",
        **change,
    }
    if given["employee"] == "sekda":
        given["employee"] = org.sekda
    before = superior.finding
    with pytest.raises(InputError) as refused:
        services.subordinate_elsewhere_record(actor=staff.intake, accused=superior, **given)
    assert refused.value.field == field, refused.value.message
    assert not SubordinateElsewhere.objects.exists()
    superior.refresh_from_db()
    assert superior.finding == before


def test_only_for_a_failure_to_act_and_not_for_someone_accused_in_the_same_case(
    org, staff, instansi, today
):
    plain = open_case(staff, instansi, "Karaoke", {"employee": org.kabag, **KARAOKE})
    with pytest.raises(InputError) as refused:
        services.subordinate_elsewhere_record(
            actor=staff.intake,
            accused=plain.accused.get(),
            employee=org.staff,
            sanction_code="teguran_tertulis",
            source="Keputusan 800/1/2022",
        )
    assert refused.value.field == "accused"
    both = open_case(
        staff,
        instansi,
        "Karaoke dan pembiaran",
        {"employee": org.staff, **KARAOKE},
        {"employee": org.kabag, **COVER_UP},
    )
    with pytest.raises(InputError) as refused:
        services.subordinate_elsewhere_record(
            actor=staff.intake,
            accused=both.accused.get(employee=org.kabag),
            employee=org.staff,
            sanction_code="teguran_tertulis",
            source="Keputusan 800/1/2022",
        )
    assert refused.value.field == "employee"
    assert not SubordinateElsewhere.objects.exists()


def test_a_case_the_user_may_not_see_is_not_found_and_its_sanction_not_shown(
    org, staff, instansi, today
):
    """An examiner assigned only to the superior's case cannot read the subordinate's case by
    typing its number: the answer is the same as for a number that does not exist."""
    sub_case, _subordinate = _subordinate_case(staff, org, instansi)
    case, superior = _superior_case(staff, org, instansi)
    outsider = make_user("pemeriksa-lain", instansi, "examiner")
    services.handler_assign(actor=staff.admin, case=case, user=outsider, role="examiner")
    with pytest.raises(InputError) as refused:
        services.subordinate_elsewhere_record(
            actor=outsider,
            accused=superior,
            employee=org.staff,
            other_case=sub_case.register_number,
        )
    assert refused.value.field == "other_case"
    assert "Tidak ada kasus" in refused.value.message or "No case" in refused.value.message
    assert not SubordinateElsewhere.objects.exists()


def test_the_case_page_offers_it_and_shows_errors_at_their_field(
    org, staff, instansi, today, verified_client
):
    sub_case, _subordinate = _subordinate_case(staff, org, instansi)
    case, superior = _superior_case(staff, org, instansi)
    client = verified_client(staff.intake)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="subordinate-elsewhere-add"' in page
    target = reverse("cases:subordinate_elsewhere_add", args=[case.pk, superior.pk])

    choices = client.get(target).context["form"].fields["employee"].queryset
    # Only those the superior was above are offered, not the whole agency.
    assert org.staff in choices and org.sekda not in choices and org.kabag not in choices

    typed = {"employee": org.staff.pk, "other_case": "", "sanction_code": "", "source": "SK 1"}
    response = client.post(target, typed)
    assert response.status_code == 400
    form = response.context["form"]
    assert "sanction_code" in form.errors
    assert 'value="SK 1"' in response.content.decode()  # what was typed is kept
    assert not SubordinateElsewhere.objects.exists()

    response = client.post(target, {**typed, "other_case": sub_case.register_number})
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert sub_case.register_number in page and "Staf Uji" in page
    entry = SubordinateElsewhere.objects.get()
    assert entry.linked.case_id == sub_case.pk

    removed = client.post(
        reverse("cases:subordinate_elsewhere_remove", args=[case.pk, entry.pk]),
        {"reason": "Dicatat pada terlapor yang salah"},
    )
    assert removed.status_code == 302
    assert not SubordinateElsewhere.objects.exists()
