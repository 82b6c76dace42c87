"""Rule packs: the shipped Kota Bekasi pack answers the seed questions; bad packs are refused
with the field and a plain reason; JSON and TOML read the same; `tegak rules --pack`."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest

from tegak.rules import RulesInputError, assess, working_time
from tegak.rules.cli import main
from tegak.rules.packs import (
    EVIDENCE_STATUSES,
    dump_pack,
    load_pack,
    pack_from_dict,
    shipped_pack_text,
    shipped_packs,
)

BEKASI_TEXT = shipped_pack_text("kota-bekasi.json")
BEKASI = load_pack(BEKASI_TEXT)
REGISTRY = BEKASI.registry()


def bekasi_document() -> dict[str, Any]:
    return copy.deepcopy(json.loads(BEKASI_TEXT))


def at(moment: str, schedule: str = "kota-bekasi-5-hari") -> dict[str, Any]:
    return working_time({"at": moment, "schedule": schedule}, calendars=REGISTRY)


# ---------------------------------------------------------------------------------------------
# Working hours of Kota Bekasi, as reported


@pytest.mark.parametrize(
    ("moment", "within", "day_end", "ramadan"),
    [
        # The seed: Friday 26 Aug 2022 15:00 WIB, while Friday work ends 16:00 (Perwal 06/2017).
        pytest.param("2022-08-26T15:00:00+07:00", True, "16:00", False, id="seed-friday-15-00"),
        pytest.param("2022-08-26T16:00:00+07:00", False, "16:00", False, id="friday-16-00-home"),
        pytest.param("2022-08-26T07:45:00+07:00", False, "16:00", False, id="before-08-00"),
        # SE 800/1584/BKPSDM.PKA (2023): Friday 07:30-15:30 in Ramadan.
        pytest.param("2023-03-24T15:00:00+07:00", True, "15:30", True, id="ramadan-2023-friday"),
        pytest.param("2023-03-27T14:45:00+07:00", False, "14:30", True, id="ramadan-2023-mon"),
        # SE 800.1.6/1173/BKPSDM.PKA (2025): Mon-Thu until 14:00 (the 32.5 h reading).
        pytest.param("2025-03-06T13:59:00+07:00", True, "14:00", True, id="ramadan-2025-thu"),
        pytest.param("2025-03-06T14:15:00+07:00", False, "14:00", True, id="ramadan-2025-after"),
        pytest.param("2025-03-06T06:45:00+07:00", True, "14:00", True, id="ramadan-2025-0630"),
    ],
)
def test_bekasi_five_day_units_hours_as_reported(
    moment: str, within: bool, day_end: str, ramadan: bool
) -> None:
    answer = at(moment)
    assert answer["within_working_hours"] is within
    assert answer["day_end"] == day_end
    assert answer["ramadan"] is ramadan
    assert answer["verified"] is False


def test_seed_friday_answer_cites_perwal_06_2017() -> None:
    answer = at("2022-08-26T15:00:00+07:00")
    assert answer["minutes_to_end"] == 60
    assert any("Perwal Kota Bekasi 06/2017" in item for item in answer["basis"])


def test_ramadan_answer_cites_that_years_circular() -> None:
    assert any("800/1584/BKPSDM.PKA" in item for item in at("2023-03-24T09:00:00+07:00")["basis"])
    assert any("800.1.6/1173" in item for item in at("2025-03-07T09:00:00+07:00")["basis"])


def test_ramadan_break_of_the_circular_is_a_break() -> None:
    answer = at("2023-03-24T12:00:00+07:00")
    assert answer["within_working_hours"] is True
    assert answer["on_break"] is True


def test_six_day_units_work_on_saturday_in_ramadan_2023() -> None:
    saturday = at("2023-03-25T10:00:00+07:00", "kota-bekasi-6-hari")
    assert saturday["working_day"] is True
    assert saturday["within_working_hours"] is True
    assert saturday["day_end"] == "13:30"
    five_day_saturday = at("2023-03-25T10:00:00+07:00")
    assert five_day_saturday["working_day"] is False


def test_six_day_units_hours_outside_reported_months_are_unknown_not_guessed() -> None:
    with pytest.raises(RulesInputError, match="no hours in force"):
        at("2023-06-10T10:00:00+07:00", "kota-bekasi-6-hari")


def test_holidays_still_come_from_the_calendar_for_six_day_units() -> None:
    # 22 Apr 2023 is Idul Fitri, a Saturday: not a working day even for a 6-day unit.
    answer = at("2023-04-21T10:00:00+07:00", "kota-bekasi-6-hari")
    assert answer["working_day"] is False
    assert answer["holiday_kind"] in {"holiday", "cuti_bersama"}


# ---------------------------------------------------------------------------------------------
# The TKK rule (Perwal 42/2017 as reported)


def tkk_assess(*, days: int, roll_calls: int | None) -> dict[str, Any]:
    absence: dict[str, Any] = {"year": 2022, "unexcused_days": days}
    if roll_calls is not None:
        absence["missed_roll_calls"] = roll_calls
    return assess(
        {
            "as_of": "2022-12-31",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": "kota-bekasi",
            },
            "offences": [
                {"provision": "pp-94-2021:4:f", "committed_on": "2022-11-30", "absence": absence}
            ],
        },
        rules=BEKASI.rules,
    )


@pytest.mark.parametrize(
    ("days", "roll_calls", "level", "sanction"),
    [
        pytest.param(0, 3, None, None, id="3-roll-calls-nothing"),
        pytest.param(0, 4, "ringan", "teguran_lisan", id="4-roll-calls-oral-reprimand-dwipanews"),
        pytest.param(0, 15, "ringan", "teguran_lisan", id="15-roll-calls-still-reprimand"),
        pytest.param(
            0, 16, "berat", "local:pemutusan_kontrak_sepihak", id="16-roll-calls-contract-kompas"
        ),
        pytest.param(3, None, "ringan", "teguran_lisan", id="3-days-oral-reprimand-dwipanews"),
        pytest.param(11, 0, "ringan", "teguran_lisan", id="11-days-reprimand"),
        pytest.param(12, None, "berat", "local:pemutusan_kontrak_sepihak", id="12-days-kompas"),
        pytest.param(3, 16, "berat", "local:pemutusan_kontrak_sepihak", id="heavier-count-wins"),
    ],
)
def test_tkk_consequences_as_reported(
    days: int, roll_calls: int | None, level: str | None, sanction: str | None
) -> None:
    answer = tkk_assess(days=days, roll_calls=roll_calls)
    assert answer["level"] == level
    assert answer["sanction"] == sanction
    assert answer["regulation_id"] == "local:kota-bekasi:tkk-2017"


def test_tkk_reprimand_allows_the_statement_of_dissatisfaction() -> None:
    answer = tkk_assess(days=0, roll_calls=4)
    assert answer["allowed_sanctions"] == ["teguran_lisan", "pernyataan_tidak_puas"]
    assert any("apel" in item for item in answer["basis"])


def test_tkk_conduct_provision_offers_pernyataan_tidak_puas() -> None:
    answer = assess(
        {
            "as_of": "2021-09-06",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": "kota-bekasi",
            },
            "offences": [
                {"provision": "local:kota-bekasi:tkk-2017:kepatutan", "committed_on": "2021-09-01"}
            ],
        },
        rules=BEKASI.rules,
    )
    assert answer["level"] == "ringan"
    assert "pernyataan_tidak_puas" in answer["allowed_sanctions"]


def test_roll_calls_without_a_roll_call_rule_are_noted_not_counted() -> None:
    answer = assess(
        {
            "as_of": "2024-12-31",
            "employee": {
                "status": "PNS",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
            },
            "offences": [
                {
                    "provision": "pp-94-2021:4:f",
                    "committed_on": "2024-12-30",
                    "absence": {"year": 2024, "unexcused_days": 0, "missed_roll_calls": 40},
                }
            ],
        }
    )
    assert answer["level"] is None
    assert any("roll call" in note for note in answer["notes"])


# ---------------------------------------------------------------------------------------------
# Evidence labels


def test_every_bekasi_item_is_labelled_and_reported_items_name_sources() -> None:
    items = BEKASI.evidence()
    assert len(items) >= 8
    for item in items:
        assert item["status"] in EVIDENCE_STATUSES
        if item["status"] == "as_reported":
            assert item["sources"], item["path"]
            assert all(source.get("title") for source in item["sources"])
    rule = next(item for item in items if item["path"] == "rules[0]")
    assert any("kumulatif" in doubt.lower() for doubt in rule["uncertain"])


def test_shipped_packs_all_load() -> None:
    assert "kota-bekasi.json" in shipped_packs()
    for name in shipped_packs():
        load_pack(shipped_pack_text(name), name=name)


# ---------------------------------------------------------------------------------------------
# Formats


def test_toml_export_reads_back_with_the_same_answers() -> None:
    text = dump_pack(bekasi_document(), fmt="toml")
    again = load_pack(text, name="kota-bekasi.toml")
    registry = again.registry()
    for moment in ("2022-08-26T15:00:00+07:00", "2025-03-06T14:15:00+07:00"):
        answer = working_time({"at": moment, "schedule": "kota-bekasi-5-hari"}, calendars=registry)
        assert answer == at(moment)
    assert [rule.roll_call for rule in again.rules] == [rule.roll_call for rule in BEKASI.rules]


def test_json_export_round_trips() -> None:
    document = bekasi_document()
    assert json.loads(dump_pack(document)) == document


# ---------------------------------------------------------------------------------------------
# Bad packs: the field and a plain reason


def refused(document: dict[str, Any]) -> RulesInputError:
    with pytest.raises(RulesInputError) as caught:
        pack_from_dict(document)
    return caught.value


def test_unknown_field_is_refused_with_its_path() -> None:
    document = bekasi_document()
    document["schedules"]["kota-bekasi-5-hari"]["versions"][0]["days"]["fri"]["finish"] = "16:00"
    error = refused(document)
    assert error.field == "pack.schedules.kota-bekasi-5-hari.versions[0].days.fri.finish"
    assert "known fields" in error.message


def test_unknown_top_level_field_is_refused() -> None:
    document = bekasi_document()
    document["holidays"] = {}
    assert refused(document).field == "pack.holidays"


def test_overlapping_breaks_are_refused() -> None:
    document = bekasi_document()
    version = document["schedules"]["kota-bekasi-5-hari"]["versions"][0]
    version["days"]["mon"]["breaks"] = [["12:00", "13:00"], ["12:30", "13:30"]]
    error = refused(document)
    assert error.field == "pack.schedules.kota-bekasi-5-hari.versions[0].days.mon.breaks[1]"
    assert "overlaps" in error.message


def test_gap_between_attendance_bands_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["attendance"][1]["min"] = 13
    error = refused(document)
    assert error.field == "pack.rules[0].attendance[1].min"
    assert "gap" in error.message


def test_overlap_between_roll_call_bands_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["roll_call"][1]["min"] = 15
    error = refused(document)
    assert error.field == "pack.rules[0].roll_call[1].min"
    assert "overlaps" in error.message


def test_basis_document_dated_after_the_effective_date_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["basis_document"]["date"] = "2018-03-01"
    error = refused(document)
    assert error.field == "pack.rules[0].basis_document.date"
    assert "1 January 2018" in error.message


def test_circular_dated_after_the_ramadan_period_it_sets_is_refused() -> None:
    document = bekasi_document()
    document["schedules"]["kota-bekasi-5-hari"]["ramadan_periods"][1]["basis_document"]["date"] = (
        "2023-04-01"
    )
    assert refused(document).field.endswith("ramadan_periods[1].basis_document.date")


def test_reported_item_without_sources_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["evidence"]["sources"] = []
    assert refused(document).field == "pack.rules[0].evidence.sources"


def test_verified_mark_only_for_a_text_that_was_read() -> None:
    document = bekasi_document()
    document["rules"][0]["evidence"]["verified_by"] = "Kepala Bagian Hukum"
    assert refused(document).field == "pack.rules[0].evidence.verified_by"


def test_two_versions_of_a_rule_for_the_same_staff_may_not_overlap() -> None:
    document = bekasi_document()
    second = copy.deepcopy(document["rules"][0])
    second["in_force_from"] = "2020-01-01"
    document["rules"].append(second)
    error = refused(document)
    assert error.field == "pack.rules[1].in_force_from"


def test_overlapping_ramadan_periods_are_refused() -> None:
    document = bekasi_document()
    periods = document["schedules"]["kota-bekasi-5-hari"]["ramadan_periods"]
    periods[2]["from"] = "2023-04-20"
    periods[2]["until"] = "2023-05-10"
    assert "ramadan_periods" in refused(document).field


def test_wrong_format_marker_is_refused() -> None:
    document = bekasi_document()
    document["format"] = "tegak-rule-pack/9"
    assert refused(document).field == "pack.format"


# ---------------------------------------------------------------------------------------------
# The command line without a database


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_working_time_with_a_pack_file(tmp_path: Any) -> None:
    path = tmp_path / "kota-bekasi.toml"
    path.write_text(dump_pack(bekasi_document(), fmt="toml"), encoding="utf-8")
    code, out, _ = run(
        ["working-time", "--pack", str(path)],
        json.dumps({"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-5-hari"}),
    )
    assert code == 0
    assert json.loads(out)["within_working_hours"] is True


def test_cli_assess_with_a_pack_file_finds_the_tkk_rule(tmp_path: Any) -> None:
    path = tmp_path / "kota-bekasi.json"
    path.write_text(BEKASI_TEXT, encoding="utf-8")
    payload = {
        "as_of": "2022-12-31",
        "employee": {
            "status": "NON_ASN",
            "position": "pelaksana",
            "instansi_level": "kabupaten_kota",
            "instansi": "kota-bekasi",
        },
        "offences": [
            {
                "provision": "pp-94-2021:4:f",
                "committed_on": "2022-12-30",
                "absence": {"year": 2022, "unexcused_days": 0, "missed_roll_calls": 16},
            }
        ],
    }
    code, out, _ = run(["assess", f"--pack={path}"], json.dumps(payload))
    assert code == 0
    assert json.loads(out)["sanction"] == "local:pemutusan_kontrak_sepihak"


def test_cli_bad_pack_exits_2_naming_the_field(tmp_path: Any) -> None:
    document = bekasi_document()
    document["rules"][0]["colour"] = "red"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(
        ["working-time", "--pack", str(path)],
        json.dumps({"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-5-hari"}),
    )
    assert code == 2
    assert out == ""
    error = json.loads(err)["error"]
    assert error["field"] == "pack.rules[0].colour"
    assert "Traceback" not in err


def test_cli_missing_pack_file_exits_2(tmp_path: Any) -> None:
    code, _, err = run(["working-time", "--pack", str(tmp_path / "none.json")], "{}")
    assert code == 2
    assert json.loads(err)["error"]["field"] == "--pack"


def test_cli_check_pack_lists_items_with_evidence(tmp_path: Any) -> None:
    path = tmp_path / "kota-bekasi.json"
    path.write_text(BEKASI_TEXT, encoding="utf-8")
    code, out, _ = run(["check-pack", str(path)])
    assert code == 0
    summary = json.loads(out)
    assert summary["instansi"]["code"] == "kota-bekasi"
    assert {item["id"] for item in summary["schedules"]} == {
        "kota-bekasi-5-hari",
        "kota-bekasi-6-hari",
    }
    assert all(item["status"] for item in summary["evidence"])


def test_who_imposes_comes_with_the_office_the_registry_can_find() -> None:
    light = tkk_assess(days=0, roll_calls=4)
    assert light["authority"]["role"] == "instansi_rule"
    assert light["authority"]["holder"] == "kepala_perangkat_daerah"
    assert "kepala perangkat daerah" in light["authority"]["official"]
    heavy = tkk_assess(days=12, roll_calls=None)
    assert heavy["authority"]["holder"] == "ppk"


def test_an_unknown_holder_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["authority"]["ringan"]["holder"] = "lurah"
    assert refused(document).field == "pack.rules[0].authority.ringan.holder"


def test_a_sanction_that_ends_the_contract_is_marked_and_the_mark_must_be_true_or_false() -> None:
    """`ends_contract` (docs/rules.md): PP 79/2021 Pasal 10 huruf b sends a PPPK's termination to
    BPASN; the case file reads the mark, never the rank."""
    document = bekasi_document()
    termination = document["rules"][0]["sanctions"]["berat"][0]
    termination["ends_contract"] = True
    rule = pack_from_dict(document).rules[0]
    assert rule.sanction(termination["code"]).ends_contract
    assert not rule.sanction("teguran_lisan").ends_contract
    termination["ends_contract"] = "ya"
    assert refused(document).field == "pack.rules[0].sanctions.berat[0].ends_contract"


def _conduct(provision: str, committed_on: str) -> dict[str, Any]:
    return assess(
        {
            "as_of": "2021-09-30",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": "kota-bekasi",
            },
            "offences": [{"provision": provision, "committed_on": committed_on}],
        },
        rules=BEKASI.rules,
    )


def test_the_circular_reaches_only_acts_from_its_date() -> None:
    """SE Sekda 800/6519/BKPPD-PKA is dated 2 September 2021 (seed story 001): its provision
    reaches acts from that day; the video that prompted it is judged under Perwal 42/2017."""
    circular = "local:kota-bekasi:tkk-2017:kepatutan-se-2021"
    after = _conduct(circular, "2021-09-03")
    assert after["level"] == "ringan"
    assert "pernyataan_tidak_puas" in after["allowed_sanctions"]
    before = _conduct(circular, "2021-08-30")
    assert before["level"] is None
    assert any(
        "2 September 2021" in item and "not in force" in item for item in before["human_review"]
    )
    perwal = _conduct("local:kota-bekasi:tkk-2017:kepatutan", "2021-08-30")
    assert perwal["level"] == "ringan"


def test_the_pack_rules_cite_rules_not_news() -> None:
    """Letters print these citations and bases: they cite the rule, never 'as reported'."""
    rule = json.loads(BEKASI_TEXT)["rules"][0]
    printed = [item["citation"] for item in rule["provisions"]]
    printed += [item["rule"]["basis"] for item in rule["provisions"]]
    printed += [item["basis"] for items in rule["sanctions"].values() for item in items]
    printed += [item["basis"] for item in rule["attendance"] + rule["roll_call"]]
    assert printed and not [text for text in printed if "diberitakan" in text]
    circular = next(item for item in rule["provisions"] if item.get("in_force_from"))
    assert circular["in_force_from"] == "2021-09-02"
    assert "tanggal 2 September 2021" in circular["citation"]


def test_a_provision_cannot_come_into_force_before_its_rule() -> None:
    document = bekasi_document()
    document["rules"][0]["provisions"][1]["in_force_from"] = "2017-12-31"
    with pytest.raises(RulesInputError) as error:
        load_pack(json.dumps(document))
    assert "in_force_from" in str(error.value)


# ---------------------------------------------------------------------------------------------
# Who imposes a sanction on a TKK rests on the rule, never on a news report


def test_tkk_authority_names_the_official_and_rests_on_the_rule() -> None:
    """Seed walk: the TKK's finding named the head of the perangkat daerah on the word of
    IndependensI (6 September 2021) and the contract's end on Liputan6's; the pack's rule is the
    basis, the reports stay in its evidence."""
    conduct = assess(
        {
            "as_of": "2021-09-06",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": "kota-bekasi",
            },
            "offences": [
                {"provision": "local:kota-bekasi:tkk-2017:kepatutan", "committed_on": "2021-09-01"}
            ],
        },
        rules=BEKASI.rules,
    )
    authority = conduct["authority"]
    assert authority["official"] == "kepala perangkat daerah tempat TKK bertugas"
    assert authority["basis"] == ["Perwal Kota Bekasi 42/2017"]
    contract = tkk_assess(days=12, roll_calls=None)["authority"]
    assert contract["official"].startswith("Wali Kota")
    assert all(item.startswith("Perwal Kota Bekasi 42/2017") for item in contract["basis"])
    for found in (authority, contract):
        assert not any("diberitakan" in item for item in found["basis"])


def test_every_shipped_rule_rests_who_imposes_on_itself_and_names_the_official() -> None:
    from tegak.rules.instansi import BUILTIN_RULES

    rules = [rule for name in shipped_packs() for rule in load_pack(shipped_pack_text(name)).rules]
    rules += list(BUILTIN_RULES.values())
    assert rules
    for rule in rules:
        for level, (role, basis) in rule.authority.items():
            assert basis.startswith(rule.citation), (rule.id, level, basis)
            if role == "instansi_rule":
                assert rule.officials.get(level), (rule.id, level)


def test_a_pack_resting_who_imposes_on_a_news_report_is_refused() -> None:
    document = bekasi_document()
    document["rules"][0]["authority"]["ringan"]["basis"] = (
        "Pernyataan tidak puas 'dari perangkat daerah' (sebagaimana diberitakan IndependensI)"
    )
    with pytest.raises(RulesInputError) as refused:
        pack_from_dict(document)
    assert refused.value.field == "pack.rules[0].authority.ringan.basis"
    assert "Perwal Kota Bekasi 42/2017" in str(refused.value.message)
    # An article of the rule, as the administrator's form records it, is the rule itself.
    document["rules"][0]["authority"]["ringan"]["basis"] = "Pasal 12"
    assert pack_from_dict(document).rules[0].authority["ringan"][1] == "Pasal 12"


# ---------------------------------------------------------------------------------------------
# The demo's fictional Kota Sukamaju judges its own contract staff by its own fictional rule


@pytest.mark.parametrize(
    ("committed_on", "rule", "citation"),
    [
        pytest.param("2021-09-01", "non-asn-2018", "Perwal Sukamaju 8/2018", id="tiktok-2021"),
        pytest.param("2024-05-02", "non-asn-2024", "Perwal Sukamaju 13/2024", id="after-2024"),
    ],
)
def test_a_sukamaju_tkks_video_is_judged_by_sukamajus_own_rule(
    committed_on: str, rule: str, citation: str
) -> None:
    """Walking the demo: to enter the TikTok story (2021) a demo user needed the Kota Bekasi
    pack, and Sukamaju's letters then cited Perwal Kota Bekasi 42/2017. Sukamaju's fictional
    contract-staff rules carry their own duty on good name and social media."""
    answer = assess(
        {
            "as_of": "2024-12-31",
            "employee": {
                "status": "NON_ASN",
                "position": "pelaksana",
                "instansi_level": "kabupaten_kota",
                "instansi": "kota-sukamaju",
            },
            "offences": [
                {
                    "provision": f"local:kota-sukamaju:{rule}:6:b",
                    "committed_on": committed_on,
                }
            ],
        }
    )
    assert answer["regulation"] == citation
    assert answer["level"] == "ringan"
    assert "pernyataan_tidak_puas" in answer["allowed_sanctions"]
    assert not any("Bekasi" in item for item in answer["basis"] + answer["notes_id"])
