"""#15 "Bad input", through the administrator's pages: an overlap between attendance bands, a
basis document dated after the day a rule or hours take effect, a pack file with an unknown
field — each refused on its field with a plain Indonesian reason and nothing saved, the valid
input kept; a correction that would change a finding stored on an open case is refused, and the
change goes in only as a new version from its effective date while the case keeps its version."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.urls import reverse

from tegak.attendance.selectors import finding_for
from tegak.audit.models import AuditEvent
from tegak.cases.models import Accused
from tegak.cases.services import case_open_from_attendance
from tegak.law.models import RuleVersion, Schedule, ScheduleVersion
from tegak.people import services as people
from tegak.rules.packs import shipped_pack_text

from .conftest import SYSTEM
from .test_law_pages import rule_post, week_post

pytestmark = pytest.mark.django_db


def law_events() -> int:
    return AuditEvent.objects.filter(action__startswith="law.").count()


def test_overlapping_roll_call_bands_are_refused_on_the_row_in_indonesian(admin_client, instansi):
    before = law_events()
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(**{"roll_call-1-min": "15"}),  # 4–15 and 15 or more: 15 in both
    )
    assert response.status_code == 400
    errors = response.context["roll_call"].forms[1].errors["min"]
    assert "tumpang" in errors[0].lower(), errors
    page = response.content.decode()
    assert 'value="Perwal Uji 7/2025"' in page  # the valid input is kept
    assert not RuleVersion.objects.exists() and law_events() == before


def test_a_rule_whose_decree_is_dated_after_it_takes_effect_is_refused(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(
            basis_kind="Peraturan Wali Kota",
            basis_number="7/2025",
            basis_date="2025-02-01",  # in force from 1 January 2025
        ),
    )
    assert response.status_code == 400
    [reason] = response.context["form"].errors["basis_date"]
    assert "setelah" in reason or "sesudah" in reason, reason
    assert not RuleVersion.objects.exists()


def test_hours_whose_decree_is_dated_after_they_take_effect_are_refused(admin_client, instansi):
    admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "create", "code": "lima-hari", "name": "Lima hari kerja", "timezone": "WIB"},
    )
    schedule = Schedule.objects.get(code="lima-hari")
    response = admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {
            "valid_from": "2025-01-01",
            "evidence_status": "entered",
            "basis_kind": "Peraturan Wali Kota",
            "basis_number": "5/2025",
            "basis_date": "2025-03-01",
            **week_post(),
        },
    )
    assert response.status_code == 400
    [reason] = response.context["form"].errors["basis_date"]
    assert "setelah" in reason or "sesudah" in reason, reason
    assert response.context["form"]["mon_start"].value() == "07:30"  # kept
    assert not ScheduleVersion.objects.exists()


def test_a_pack_with_an_unknown_field_is_refused_naming_it_in_indonesian(admin_client, instansi):
    document = json.loads(shipped_pack_text("kota-bekasi.json"))
    document["rules"][0]["roll_call"][0]["ambang"] = 4
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "bekasi.json"
    before = law_events()
    response = admin_client.post(
        reverse("administration:packs", args=[instansi.code]), {"action": "upload", "file": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "roll_call[0].ambang" in page
    assert "bukan kolom yang dikenal" in page
    assert not Schedule.objects.exists() and not RuleVersion.objects.exists()
    assert law_events() == before


def test_a_finding_on_an_open_case_keeps_its_version_changes_come_as_a_new_one(
    admin_client, instansi, org, administrator
):
    people.assignment_start(
        actor=SYSTEM, employee=org.tkk, position=org.staff_post, start=date(2024, 1, 2)
    )
    admin_client.post(reverse("administration:rule_new", args=[instansi.code]), rule_post())
    version = RuleVersion.objects.get()
    counts = {
        "unexcused_days": 0,
        "late_minutes": 0,
        "early_leave_minutes": 0,
        "longest_consecutive_unexcused": 0,
        "missed_roll_calls": 5,
    }
    finding = finding_for(
        org.tkk, counts, year=2025, committed_on=date(2025, 6, 30), as_of=date(2025, 7, 1)
    )
    assert finding["instansi_rule_version"] == version.version_label
    case = case_open_from_attendance(
        actor=administrator, employee=org.tkk, year=2025, counts=counts, finding=finding
    )

    # Raising the first roll-call threshold by correcting the version is refused: it would
    # change what the open case's finding rests on.
    response = admin_client.post(
        reverse("administration:rule_correct", args=[instansi.code, version.pk]),
        rule_post(**{"roll_call-0-min": "6", "note": "Ambang apel diubah"}),
    )
    assert response.status_code == 400
    assert case.register_number in response.content.decode()
    version.refresh_from_db()
    assert version.content["roll_call"][0]["min"] == 4 and version.superseded_by_id is None

    # The change as a new version from the day it takes effect: stored findings keep theirs.
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(**{"in_force_from": "2025-08-01", "roll_call-0-min": "6"}),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    later = RuleVersion.objects.exclude(pk=version.pk).get()
    assert later.content["roll_call"][0]["min"] == 6
    stored = Accused.objects.get(case=case).finding
    assert stored["instansi_rule_version"] == version.version_label
    assert stored["sanction"] == "teguran_lisan"
    # A new assessment after the change's day uses the new version: 5 is below its threshold.
    after = finding_for(
        org.tkk, counts, year=2025, committed_on=date(2025, 9, 30), as_of=date(2025, 10, 1)
    )
    assert after["instansi_rule_version"] == later.version_label
    assert after["sanction"] is None
