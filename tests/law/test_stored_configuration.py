"""The instansi's stored configuration: schedules with Ramadan periods, calendar days, discipline
rules with roll-call thresholds, rule packs imported and exported — read by the engine with the
same meaning as its own formats; bad input refused on its field with nothing half-saved;
versions never edited under a finding an open case relied on."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tegak.audit.models import AuditEvent
from tegak.core.access import Right, SystemActor
from tegak.core.errors import InputError
from tegak.law import services, stored, usage
from tegak.law.models import (
    CalendarDay,
    RamadanPeriod,
    RuleVersion,
    Schedule,
    ScheduleVersion,
)
from tegak.law.services import BasisInput
from tegak.people import services as people
from tegak.rules import assess, working_time
from tegak.rules.packs import load_pack, shipped_pack_text

# A process given the right to write a registry (the command line's import).
REGISTRY = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE}))

pytestmark = pytest.mark.django_db

WEEK = {
    day: {"start": "07:30", "end": "16:00", "breaks": [["12:00", "13:00"]]}
    for day in ("mon", "tue", "wed", "thu")
}
WEEK["fri"] = {"start": "07:30", "end": "16:30", "breaks": [["11:30", "13:00"]]}
RAMADAN = {day: {"start": "08:00", "end": "15:00"} for day in ("mon", "tue", "wed", "thu")}
RAMADAN["fri"] = {"start": "08:00", "end": "15:30"}
SE = BasisInput(kind="Surat Edaran", number="800/12/BKPSDM", date=date(2026, 2, 16))

TKK_RULE = {
    "citation": "Perwal Uji 7/2025",
    "title": "Peraturan Wali Kota Uji tentang Pembinaan Tenaga Kontrak",
    "applies_to": ["NON_ASN"],
    "sanctions": {
        "ringan": [{"code": "teguran_lisan", "basis": "Pasal 9 huruf a"}],
        "berat": [
            {
                "code": "local:putus_kontrak",
                "rank": 10,
                "label_id": "pemutusan perjanjian kerja",
                "basis": "Pasal 9 huruf c",
            }
        ],
    },
    "attendance": [
        {
            "min": 3,
            "max": 11,
            "level": "ringan",
            "sanction": "teguran_lisan",
            "basis": "Pasal 10(1)",
        },
        {"min": 12, "level": "berat", "sanction": "local:putus_kontrak", "basis": "Pasal 10(2)"},
    ],
    "roll_call": [
        {
            "min": 4,
            "max": 15,
            "level": "ringan",
            "sanction": "teguran_lisan",
            "basis": "Pasal 11(1)",
        },
        {"min": 16, "level": "berat", "sanction": "local:putus_kontrak", "basis": "Pasal 11(2)"},
    ],
    "authority": {
        "ringan": {
            "role": "instansi_rule",
            "official": "kepala perangkat daerah",
            "basis": "Pasal 12",
        }
    },
}


@pytest.fixture
def schedule(administrator, instansi):
    return services.schedule_create(
        actor=administrator, instansi=instansi, code="lima-hari", name="Lima hari kerja"
    )


def moment(instansi, at: str, schedule_code: str = "lima-hari") -> dict:
    return working_time(
        {"at": at, "schedule": schedule_code}, calendars=stored.instansi_registry(instansi)
    )


def tkk_assess(instansi, *, days: int, roll_calls: int, day: str = "2026-11-30") -> dict:
    return assess(
        {
            "as_of": "2026-12-04",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": instansi.code,
            },
            "offences": [
                {
                    "provision": "pp-94-2021:4:f",
                    "committed_on": day,
                    "absence": {
                        "year": int(day[:4]),
                        "unexcused_days": days,
                        "missed_roll_calls": roll_calls,
                    },
                }
            ],
        },
        rules=stored.instansi_rules(instansi),
    )


def test_a_schedule_with_a_ramadan_period_is_read_by_the_engine(administrator, instansi, schedule):
    services.schedule_version_add(
        actor=administrator,
        schedule=schedule,
        valid_from=date(2025, 1, 1),
        days=WEEK,
        ramadan=RAMADAN,
        basis=BasisInput(kind="Perwal", number="3/2024", date=date(2024, 12, 1)),
    )
    services.ramadan_period_add(
        actor=administrator,
        schedule=schedule,
        start=date(2026, 2, 19),
        end=date(2026, 3, 19),
        days={**RAMADAN, "fri": {"start": "07:30", "end": "15:00"}},
        basis=SE,
    )
    friday = moment(instansi, "2026-02-20T15:10:00+07:00")
    assert friday["ramadan"] is True
    assert friday["within_working_hours"] is False  # the circular's Friday ends at 15:00
    assert any("800/12/BKPSDM" in line for line in friday["basis"])
    ordinary = moment(instansi, "2026-05-08T16:10:00+07:00")
    assert ordinary["within_working_hours"] is True and ordinary["day_end"] == "16:30"


def test_overlapping_breaks_are_refused_on_their_field_and_nothing_is_saved(
    administrator, schedule
):
    week = {
        **WEEK,
        "mon": {
            "start": "07:30",
            "end": "16:00",
            "breaks": [["12:00", "13:00"], ["12:30", "13:30"]],
        },
    }
    with pytest.raises(InputError) as caught:
        services.schedule_version_add(
            actor=administrator, schedule=schedule, valid_from=date(2025, 1, 1), days=week
        )
    assert caught.value.field == "days.mon.breaks[1]"
    assert "overlap" in caught.value.message or "tumpang" in caught.value.message
    assert not ScheduleVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="law.schedule_version_added").exists()


def test_a_basis_document_dated_after_the_effective_date_is_refused(administrator, schedule):
    with pytest.raises(InputError) as caught:
        services.schedule_version_add(
            actor=administrator,
            schedule=schedule,
            valid_from=date(2025, 1, 1),
            days=WEEK,
            basis=BasisInput(kind="Perwal", number="9/2025", date=date(2025, 3, 1)),
        )
    assert caught.value.field == "basis_date"
    assert not ScheduleVersion.objects.exists()


def test_an_item_as_reported_needs_its_source(administrator, schedule):
    with pytest.raises(InputError) as caught:
        services.schedule_version_add(
            actor=administrator,
            schedule=schedule,
            valid_from=date(2025, 1, 1),
            days=WEEK,
            basis=BasisInput(evidence_status="as_reported"),
        )
    assert caught.value.field == "sources"


def test_a_new_version_ends_the_previous_one_and_a_correction_keeps_the_old_row(
    administrator, instansi, schedule
):
    first = services.schedule_version_add(
        actor=administrator, schedule=schedule, valid_from=date(2020, 1, 1), days=WEEK
    )
    later = {**WEEK, "fri": {"start": "07:30", "end": "16:00"}}
    services.schedule_version_add(
        actor=administrator, schedule=schedule, valid_from=date(2024, 1, 1), days=later
    )
    assert moment(instansi, "2023-06-09T16:10:00+07:00")["within_working_hours"] is True
    assert moment(instansi, "2024-06-07T16:10:00+07:00")["within_working_hours"] is False
    corrected = services.schedule_version_correct(
        actor=administrator,
        version=first,
        days=later,
        ramadan=None,
        valid_until=None,
        basis=BasisInput(),
        reason="Jumat selesai 16.00 menurut Perwal",
    )
    first.refresh_from_db()
    assert first.superseded_by == corrected
    assert moment(instansi, "2023-06-09T16:10:00+07:00")["within_working_hours"] is False


def test_six_day_unit_follows_its_own_schedule_down_the_tree(administrator, instansi, schedule):
    services.schedule_version_add(
        actor=administrator, schedule=schedule, valid_from=date(2020, 1, 1), days=WEEK
    )
    six = services.schedule_create(
        actor=administrator, instansi=instansi, code="enam-hari", name="Enam hari kerja"
    )
    services.schedule_version_add(
        actor=administrator,
        schedule=six,
        valid_from=date(2020, 1, 1),
        days={**WEEK, "sat": {"start": "07:30", "end": "12:00"}},
    )
    top = people.unit_create(actor=REGISTRY, instansi=instansi, code="TOP", name="Pemkot")
    puskesmas = people.unit_create(
        actor=REGISTRY, instansi=instansi, code="PKM", name="Puskesmas", parent=top
    )
    ruang = people.unit_create(
        actor=REGISTRY, instansi=instansi, code="PKM-1", name="Ruang Rawat", parent=puskesmas
    )
    services.unit_schedule_set(
        actor=administrator, unit=puskesmas, schedule=six, valid_from=date(2021, 1, 1)
    )
    services.default_schedule_set(actor=administrator, instansi=instansi, schedule_code="lima-hari")
    assert stored.schedule_id_for(instansi, ruang, date(2022, 5, 7)) == "enam-hari"
    assert stored.schedule_id_for(instansi, ruang, date(2020, 5, 9)) == "lima-hari"
    assert stored.schedule_id_for(instansi, top, date(2022, 5, 7)) == "lima-hari"
    assert moment(instansi, "2022-05-07T09:00:00+07:00", "enam-hari")["working_day"] is True
    assert moment(instansi, "2022-05-07T09:00:00+07:00", "lima-hari")["working_day"] is False


def test_regional_day_off_and_cancelled_cuti_bersama(administrator, instansi, schedule):
    services.schedule_version_add(
        actor=administrator, schedule=schedule, valid_from=date(2020, 1, 1), days=WEEK
    )
    services.calendar_day_set(
        actor=administrator,
        instansi=instansi,
        day=date(2026, 7, 17),
        kind="regional_holiday",
        name="Hari Jadi Kota Uji",
    )
    # 24 Dec 2026 is cuti bersama nationally; the instansi cancelled it.
    services.calendar_day_set(
        actor=administrator,
        instansi=instansi,
        day=date(2026, 12, 24),
        kind="working_day_correction",
        name="Cuti bersama dibatalkan (SE Sekda)",
    )
    assert moment(instansi, "2026-07-17T09:00:00+07:00")["holiday_kind"] == "regional"
    assert moment(instansi, "2026-12-24T09:00:00+07:00")["working_day"] is True


def test_a_stored_rule_with_a_roll_call_threshold_is_used_by_the_engine(administrator, instansi):
    version = services.rule_version_add(
        actor=administrator,
        instansi=instansi,
        rule_id="tkk",
        content=TKK_RULE,
        in_force_from=date(2025, 1, 1),
    )
    assert version.rule_id == "local:kota-uji:tkk"
    answer = tkk_assess(instansi, days=0, roll_calls=16)
    assert answer["sanction"] == "local:putus_kontrak"
    assert answer["instansi_rule_version"] == version.version_label
    light = tkk_assess(instansi, days=0, roll_calls=4)
    assert light["sanction"] == "teguran_lisan"
    assert light["authority"]["official"] == "kepala perangkat daerah"


def test_a_gap_between_roll_call_bands_is_refused_on_its_field(administrator, instansi):
    content = json.loads(json.dumps(TKK_RULE))
    content["roll_call"][1]["min"] = 17
    with pytest.raises(InputError) as caught:
        services.rule_version_add(
            actor=administrator,
            instansi=instansi,
            rule_id="tkk",
            content=content,
            in_force_from=date(2025, 1, 1),
        )
    assert caught.value.field == "roll_call[1].min"
    assert not RuleVersion.objects.exists()


def test_a_version_an_open_case_relied_on_is_not_changed(administrator, instansi):
    version = services.rule_version_add(
        actor=administrator,
        instansi=instansi,
        rule_id="tkk",
        content=TKK_RULE,
        in_force_from=date(2025, 1, 1),
    )

    def checker(label: str) -> list[str]:
        return ["K-2026-0001"] if label == version.version_label else []

    usage.register_usage_checker(checker)
    try:
        with pytest.raises(InputError) as caught:
            services.rule_version_correct(
                actor=administrator,
                version=version,
                content={**TKK_RULE, "citation": "x"},
                in_force_until=None,
                basis=BasisInput(),
                reason="Salah ketik kutipan",
            )
        assert "K-2026-0001" in caught.value.message
        # The way forward: a new version from the day the change takes effect.
        later = services.rule_version_add(
            actor=administrator,
            instansi=instansi,
            rule_id="tkk",
            content={
                **TKK_RULE,
                "roll_call": [
                    {
                        "min": 4,
                        "max": 9,
                        "level": "ringan",
                        "sanction": "teguran_lisan",
                        "basis": "baru",
                    },
                    {
                        "min": 10,
                        "level": "berat",
                        "sanction": "local:putus_kontrak",
                        "basis": "baru",
                    },
                ],
            },
            in_force_from=date(2026, 12, 1),
        )
    finally:
        usage._CHECKERS.remove(checker)
    before = tkk_assess(instansi, days=0, roll_calls=12, day="2026-11-30")
    after = tkk_assess(instansi, days=0, roll_calls=12, day="2026-12-02")
    assert before["sanction"] == "teguran_lisan"
    assert before["instansi_rule_version"] == version.version_label
    assert after["sanction"] == "local:putus_kontrak"
    assert after["instansi_rule_version"] == later.version_label


def test_the_bekasi_pack_is_adopted_whole_and_a_second_import_adds_nothing(administrator, instansi):
    text = shipped_pack_text("kota-bekasi.json")
    record = services.pack_import(
        actor=administrator,
        instansi=instansi,
        text=text,
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    assert record.summary["adopted_from"] == "kota-bekasi"
    assert record.summary["rules"] == 1 and record.summary["ramadan_periods"] == 6
    instansi.refresh_from_db()
    assert instansi.schedule_id == "kota-bekasi-5-hari"
    seed = moment(instansi, "2022-08-26T15:00:00+07:00", "kota-bekasi-5-hari")
    assert seed["within_working_hours"] is True
    assert any("Perwal Kota Bekasi 06/2017" in line for line in seed["basis"])
    assert tkk_assess(instansi, days=0, roll_calls=16, day="2022-11-30")["sanction"] == (
        "local:pemutusan_kontrak_sepihak"
    )
    version = RuleVersion.objects.get()
    assert version.rule_id == "local:kota-uji:tkk-2017"
    assert version.evidence_status == "as_reported"
    assert version.evidence["sources"]
    counts = (
        ScheduleVersion.objects.count(),
        RamadanPeriod.objects.count(),
        RuleVersion.objects.count(),
    )
    again = services.pack_import(
        actor=administrator, instansi=instansi, text=text, file_name="kota-bekasi.json"
    )
    assert again.summary["versions"] == again.summary["rules"] == 0
    assert (
        ScheduleVersion.objects.count(),
        RamadanPeriod.objects.count(),
        RuleVersion.objects.count(),
    ) == counts


def test_a_bad_pack_changes_nothing(administrator, instansi):
    document = json.loads(shipped_pack_text("kota-bekasi.json"))
    document["rules"][0]["colour"] = "merah"
    with pytest.raises(InputError) as caught:
        services.pack_import(
            actor=administrator, instansi=instansi, text=json.dumps(document), file_name="x.json"
        )
    assert caught.value.field == "pack.rules[0].colour"
    assert not Schedule.objects.exists() and not RuleVersion.objects.exists()
    assert not CalendarDay.objects.exists()


def test_the_export_reads_back_with_the_same_answers(administrator, instansi, schedule):
    services.schedule_version_add(
        actor=administrator,
        schedule=schedule,
        valid_from=date(2025, 1, 1),
        days=WEEK,
        ramadan=RAMADAN,
    )
    services.ramadan_period_add(
        actor=administrator,
        schedule=schedule,
        start=date(2026, 2, 19),
        end=date(2026, 3, 19),
        days=RAMADAN,
        basis=SE,
    )
    services.rule_version_add(
        actor=administrator,
        instansi=instansi,
        rule_id="tkk",
        content=TKK_RULE,
        in_force_from=date(2025, 1, 1),
    )
    services.calendar_day_set(
        actor=administrator,
        instansi=instansi,
        day=date(2026, 7, 17),
        kind="regional_holiday",
        name="Hari Jadi",
    )
    pack = load_pack(json.dumps(stored.pack_document(instansi)))
    registry = pack.registry()
    for at in (
        "2026-02-20T15:10:00+07:00",
        "2026-07-17T09:00:00+07:00",
        "2026-05-08T16:10:00+07:00",
    ):
        exported = working_time({"at": at, "schedule": "lima-hari"}, calendars=registry)
        assert exported == moment(instansi, at)
    assert [rule.roll_call for rule in pack.rules] == [
        rule.roll_call for rule in stored.instansi_rules(instansi) or []
    ]


def test_verification_is_a_named_persons_mark(administrator, instansi, schedule):
    version = services.schedule_version_add(
        actor=administrator,
        schedule=schedule,
        valid_from=date(2025, 1, 1),
        days=WEEK,
        basis=BasisInput(kind="Perwal", number="3/2024"),
    )
    services.item_verify(actor=administrator, item=version, instansi=instansi)
    version.refresh_from_db()
    assert version.evidence_status == "text_read"
    assert version.verified_by == administrator and version.verified_at is not None
    assert stored.schedule_document(schedule)["verified"] is True


def test_other_instansi_administrators_cannot_write(outsider, instansi, schedule):
    with pytest.raises(Exception) as caught:
        services.schedule_version_add(
            actor=outsider, schedule=schedule, valid_from=date(2025, 1, 1), days=WEEK
        )
    assert caught.type.__name__ == "PermissionDenied"
    assert not ScheduleVersion.objects.exists()
