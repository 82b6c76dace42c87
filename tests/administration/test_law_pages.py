"""Working hours, rules, packs and settings from the administration pages: what the form posts is
stored in the engine's format and used; refusals land on the field; other instansi get 404."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.intake.models import IntakeSettings
from tegak.law.models import RuleVersion, Schedule, ScheduleVersion
from tegak.portal.models import PortalPolicy
from tegak.rules.packs import load_pack, shipped_pack_text

pytestmark = pytest.mark.django_db

WEEKDAYS = ("mon", "tue", "wed", "thu")


def week_post(prefix: str = "", **override: str) -> dict[str, str]:
    data: dict[str, str] = {}
    for day in WEEKDAYS:
        data.update(
            {
                f"{prefix}{day}_start": "07:30",
                f"{prefix}{day}_end": "16:00",
                f"{prefix}{day}_break1_start": "12:00",
                f"{prefix}{day}_break1_end": "13:00",
            }
        )
    data.update(
        {
            f"{prefix}fri_start": "07:30",
            f"{prefix}fri_end": "16:30",
            f"{prefix}fri_break1_start": "11:30",
            f"{prefix}fri_break1_end": "13:00",
        }
    )
    data.update(override)
    return data


@pytest.fixture
def schedule(admin_client, instansi):
    admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "create", "code": "lima-hari", "name": "Lima hari kerja", "timezone": "WIB"},
    )
    return Schedule.objects.get(code="lima-hari")


def test_hours_with_ramadan_are_entered_and_a_moment_is_checked(admin_client, instansi, schedule):
    url = reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk])
    response = admin_client.post(
        url,
        {
            "valid_from": "2025-01-01",
            "has_ramadan": "on",
            "evidence_status": "entered",
            "basis_kind": "Peraturan Wali Kota",
            "basis_number": "3/2024",
            "basis_date": "2024-12-01",
            **week_post(),
            **week_post("ramadan_", ramadan_fri_end="15:30"),
        },
    )
    assert response.status_code == 302
    version = ScheduleVersion.objects.get()
    assert version.days["fri"] == {"start": "07:30", "end": "16:30", "breaks": [["11:30", "13:00"]]}
    assert version.ramadan["fri"]["end"] == "15:30"
    admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "default", "schedule": "lima-hari"},
    )
    page = admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "moment", "schedule": "lima-hari", "at": "2025-08-29T16:15"},
    )
    answer = page.context["answer"]
    assert answer["within_working_hours"] is True and answer["day_end"] == "16:30"


def test_overlapping_breaks_come_back_on_the_break_field(admin_client, instansi, schedule):
    url = reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk])
    response = admin_client.post(
        url,
        {
            "valid_from": "2025-01-01",
            "evidence_status": "entered",
            **week_post(mon_break2_start="12:30", mon_break2_end="13:30"),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["mon_break2_start"]
    assert not ScheduleVersion.objects.exists()


def test_overlapping_ramadan_breaks_come_back_on_the_break_field(admin_client, instansi, schedule):
    admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {"valid_from": "2025-01-01", "evidence_status": "entered", **week_post()},
    )
    response = admin_client.post(
        reverse("administration:ramadan_period_new", args=[instansi.code, schedule.pk]),
        {
            "start": "2025-03-01",
            "end": "2025-03-30",
            "evidence_status": "entered",
            **week_post(mon_break2_start="12:30", mon_break2_end="13:30"),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "bertumpang tindih" in form.errors["mon_break2_start"][0]
    assert not form.non_field_errors()
    assert not schedule.ramadan_periods.exists()


def test_a_ramadan_period_of_a_circular_is_entered(admin_client, instansi, schedule):
    admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {"valid_from": "2025-01-01", "evidence_status": "entered", **week_post()},
    )
    response = admin_client.post(
        reverse("administration:ramadan_period_new", args=[instansi.code, schedule.pk]),
        {
            "start": "2026-02-19",
            "end": "2026-03-19",
            "basis_kind": "Surat Edaran",
            "basis_number": "800/99/BKPSDM",
            "basis_date": "2026-03-01",
            "evidence_status": "entered",
            **week_post(mon_end="14:30"),
        },
    )
    # The circular is dated after the first day of the period it sets: refused on its field.
    assert response.status_code == 400
    assert response.context["form"].errors["basis_date"]
    response = admin_client.post(
        reverse("administration:ramadan_period_new", args=[instansi.code, schedule.pk]),
        {
            "start": "2026-02-19",
            "end": "2026-03-19",
            "basis_kind": "Surat Edaran",
            "basis_number": "800/99/BKPSDM",
            "basis_date": "2026-02-16",
            "evidence_status": "entered",
            **week_post(mon_end="14:30"),
        },
    )
    assert response.status_code == 302
    assert schedule.ramadan_periods.get().days["mon"]["end"] == "14:30"


def rule_post(**override: str) -> dict[str, str]:
    data = {
        "rule": "tkk",
        "citation": "Perwal Uji 7/2025",
        "title": "Pembinaan Tenaga Kontrak",
        "applies_to": "NON_ASN",
        "in_force_from": "2025-01-01",
        "levels_from_pp94": "on",
        "team_ringan": "none",
        "team_sedang": "optional",
        "team_berat": "optional",
        "authority_ringan_role": "instansi_rule",
        "authority_ringan_official": "kepala perangkat daerah",
        "evidence_status": "entered",
        "sanctions-TOTAL_FORMS": "2",
        "sanctions-INITIAL_FORMS": "0",
        "sanctions-0-level": "ringan",
        "sanctions-0-code": "teguran_lisan",
        "sanctions-0-basis": "Pasal 9 huruf a",
        "sanctions-1-level": "berat",
        "sanctions-1-code": "local:putus_kontrak",
        "sanctions-1-label_id": "pemutusan perjanjian kerja",
        "sanctions-1-rank": "10",
        "sanctions-1-basis": "Pasal 9 huruf c",
        "attendance-TOTAL_FORMS": "2",
        "attendance-INITIAL_FORMS": "0",
        "attendance-0-min": "3",
        "attendance-0-max": "11",
        "attendance-0-level": "ringan",
        "attendance-0-sanction": "teguran_lisan",
        "attendance-0-basis": "Pasal 10(1)",
        "attendance-1-min": "12",
        "attendance-1-level": "berat",
        "attendance-1-sanction": "local:putus_kontrak",
        "attendance-1-basis": "Pasal 10(2)",
        "roll_call-TOTAL_FORMS": "2",
        "roll_call-INITIAL_FORMS": "0",
        "roll_call-0-min": "4",
        "roll_call-0-max": "15",
        "roll_call-0-level": "ringan",
        "roll_call-0-sanction": "teguran_lisan",
        "roll_call-0-basis": "Pasal 11(1)",
        "roll_call-1-min": "16",
        "roll_call-1-level": "berat",
        "roll_call-1-sanction": "local:putus_kontrak",
        "roll_call-1-basis": "Pasal 11(2)",
        "provisions-TOTAL_FORMS": "0",
        "provisions-INITIAL_FORMS": "0",
    }
    data.update(override)
    return data


def test_a_non_asn_rule_with_a_roll_call_threshold_is_entered_and_tried(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]), rule_post()
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    version = RuleVersion.objects.get()
    assert version.rule_id == "local:kota-uji:tkk"
    assert version.content["roll_call"][1]["min"] == 16
    page = admin_client.post(
        reverse("administration:rules", args=[instansi.code]),
        {
            "action": "try",
            "status": "NON_ASN",
            "committed_on": "2026-11-30",
            "unexcused_days": "0",
            "missed_roll_calls": "16",
            "late_minutes": "0",
        },
    )
    answer = page.context["answer"]
    assert answer["sanction"] == "local:putus_kontrak"
    assert answer["instansi_rule_version"] == version.version_label


def test_a_type_that_ends_the_contract_is_marked_from_the_form_and_kept(admin_client, instansi):
    """PP 79/2021 Pasal 10 huruf b (reading J6): the administrator marks the termination."""
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(**{"applies_to": "PPPK", "sanctions-1-ends_contract": "on"}),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    version = RuleVersion.objects.get()
    berat, ringan = (
        version.content["sanctions"]["berat"][0],
        version.content["sanctions"]["ringan"][0],
    )
    assert berat["ends_contract"] is True and "ends_contract" not in ringan
    # The correction form starts from the stored version, the box still ticked.
    page = admin_client.get(
        reverse("administration:rule_correct", args=[instansi.code, version.pk])
    ).content.decode()
    # Rows come back in the stored order, which PostgreSQL's jsonb may change: the ticked box
    # is found by its row's level, not by its position.
    boxes = re.findall(r'<input type="checkbox" name="sanctions-(\d+)-ends_contract"[^>]*>', page)
    ticked = [
        row
        for row in boxes
        if "checked"
        in re.search(
            rf'<input type="checkbox" name="sanctions-{row}-ends_contract"[^>]*>', page
        ).group(0)
    ]
    assert len(ticked) == 1
    level = re.search(rf'<select name="sanctions-{ticked[0]}-level".*?</select>', page, re.S)
    assert level is not None and re.search(r'value="berat"[^>]*selected', level.group(0))


def test_the_rules_objection_basis_is_entered_and_kept_for_the_case_file(admin_client, instansi):
    """Non-ASN staff object under the instansi's rule (reading J4): the administrator records
    where the rule sets it, the engine's rule carries it, and the correction form shows it."""
    from tegak.law.catalogue import rule_for_status

    basis = "Perwal Uji 7/2025 Pasal 14"
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(objection_basis=basis),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    version = RuleVersion.objects.get()
    assert version.content["objection_basis"] == basis
    rule = rule_for_status(instansi, "NON_ASN", date(2025, 6, 2))
    assert rule is not None and rule.objection_basis == basis
    page = admin_client.get(
        reverse("administration:rule_correct", args=[instansi.code, version.pk])
    ).content.decode()
    assert f'value="{basis}"' in page


def test_rows_left_untouched_in_the_browser_are_skipped(admin_client, instansi):
    # A browser posts the extra rows too, their level select showing the first level.
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(
            **{
                "provisions-TOTAL_FORMS": "1",
                "provisions-0-level": "ringan",
                "sanctions-TOTAL_FORMS": "3",
                "sanctions-2-level": "ringan",
            }
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert RuleVersion.objects.get().content["roll_call"][0]["min"] == 4


def test_a_gap_between_bands_comes_back_on_its_row(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:rule_new", args=[instansi.code]),
        rule_post(**{"roll_call-1-min": "18"}),
    )
    assert response.status_code == 400
    assert response.context["roll_call"].forms[1].errors["min"]
    assert not RuleVersion.objects.exists()


def test_the_bekasi_pack_is_loaded_from_the_page(admin_client, instansi):
    response = admin_client.post(
        reverse("administration:packs", args=[instansi.code]),
        {"action": "shipped", "name": "kota-bekasi.json", "default_schedule": "kota-bekasi-5-hari"},
    )
    assert response.status_code == 302
    instansi.refresh_from_db()
    assert instansi.schedule_id == "kota-bekasi-5-hari"
    page = admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "moment", "schedule": "kota-bekasi-5-hari", "at": "2022-08-26T15:00"},
    )
    answer = page.context["answer"]
    assert answer["within_working_hours"] is True
    assert "Perwal Kota Bekasi 06/2017" in page.content.decode()


def test_a_pack_written_for_another_government_says_whose_rules_its_letters_would_cite(
    admin_client, instansi
):
    """Walking the demo: Kota Sukamaju's letters to its contract staff cited Perwal Kota Bekasi
    42/2017 once the Bekasi pack was loaded into it; the page says so before loading."""
    page = admin_client.get(reverse("administration:packs", args=[instansi.code]))
    text = page.content.decode()
    warning = text.split('data-testid="pack-of-another-instansi"', 1)[1].split("</p>", 1)[0]
    assert "Pemerintah Kota Bekasi" in warning and "Perwal Kota Bekasi 42/2017" in warning
    assert instansi.name in warning


def test_a_bad_pack_file_is_refused_with_its_field_and_nothing_changes(admin_client, instansi):
    document = json.loads(shipped_pack_text("kota-bekasi.json"))
    document["schedules"]["kota-bekasi-5-hari"]["versions"][0]["days"]["fri"]["finish"] = "16:00"
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "bekasi.json"
    response = admin_client.post(
        reverse("administration:packs", args=[instansi.code]), {"action": "upload", "file": upload}
    )
    assert response.status_code == 400
    assert "days.fri.finish" in response.content.decode()
    assert not Schedule.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="law.").exists()


def test_the_export_is_a_pack_that_reads_back(admin_client, instansi, schedule):
    admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {"valid_from": "2025-01-01", "evidence_status": "entered", **week_post()},
    )
    for fmt in ("json", "toml"):
        response = admin_client.get(
            reverse("administration:pack_export", args=[instansi.code, fmt])
        )
        assert response.status_code == 200
        pack = load_pack(response.content.decode(), name=f"x.{fmt}")
        assert "lima-hari" in pack.schedules


def test_portal_and_intake_settings_are_saved(admin_client, instansi):
    url = reverse("administration:settings", args=[instansi.code])
    admin_client.post(url, {"action": "portal", "show_accused_name_when_final": "on"})
    admin_client.post(
        url,
        {
            "action": "intake",
            "acknowledge_working_days": "2",
            "first_answer_days": "10",
            "first_answer_counting": "working",
        },
    )
    assert PortalPolicy.objects.get(instansi=instansi).show_accused_name_when_final
    assert IntakeSettings.objects.get(instansi=instansi).first_answer_counting == "working"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"portal.policy_set", "intake.settings_set"} <= actions


@pytest.mark.parametrize(
    "name",
    [
        "administration:schedules",
        "administration:rules",
        "administration:packs",
        "administration:settings",
    ],
)
def test_other_instansi_get_404_and_change_nothing(verified_client, instansi, outsider, name):
    client = verified_client(outsider)
    url = reverse(name, args=[instansi.code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "shipped", "name": "kota-bekasi.json"}).status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_version_is_reached_only_through_its_own_schedule(admin_client, instansi, schedule):
    admin_client.post(
        reverse("administration:schedule_version_new", args=[instansi.code, schedule.pk]),
        {
            "valid_from": "2025-01-01",
            "evidence_status": "entered",
            "basis_kind": "Peraturan Wali Kota",
            "basis_number": "3/2024",
            "basis_date": "2024-12-01",
            **week_post(),
        },
    )
    version = schedule.versions.get()
    admin_client.post(
        reverse("administration:schedules", args=[instansi.code]),
        {"action": "create", "code": "enam-hari", "name": "Enam hari kerja", "timezone": "WIB"},
    )
    other = Schedule.objects.get(code="enam-hari")
    wrong = reverse(
        "administration:schedule_version_correct", args=[instansi.code, other.pk, version.pk]
    )
    assert admin_client.get(wrong).status_code == 404
    other_page = reverse("administration:schedule", args=[instansi.code, other.pk])
    for item in (str(version.pk), "bukan-angka", ""):
        answer = admin_client.post(other_page, {"action": "verify_version", "item": item})
        assert answer.status_code == 404
    version.refresh_from_db()
    assert version.verified_by is None
    own_page = reverse("administration:schedule", args=[instansi.code, schedule.pk])
    answer = admin_client.post(own_page, {"action": "verify_version", "item": version.pk})
    assert answer.status_code == 302
    version.refresh_from_db()
    assert version.verified_by is not None


def test_the_shipped_pack_says_how_each_item_is_known_in_the_users_language(admin_client, instansi):
    """Seed walk: the Bekasi pack's card showed the raw status word ("1 entered")."""
    from django.utils import translation

    from tegak.law.packs import shipped_summaries

    bekasi = next(pack for pack in shipped_summaries() if pack["name"] == "kota-bekasi.json")
    entered = bekasi["statuses"].get("entered")
    assert entered, bekasi["statuses"]
    with translation.override("id"):
        page = admin_client.get(
            reverse("administration:packs", args=[instansi.code]), HTTP_ACCEPT_LANGUAGE="id"
        )
    text = page.content.decode()
    assert f"{entered} butir dimasukkan, belum diperiksa" in text
    assert f"{entered} entered<" not in text
