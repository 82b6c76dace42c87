"""`tegak rules ...`: every CONTRACTS.md example from the command line, batch mode, exit 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tegak.rules.cli import main

ASSESS_EXAMPLE = {
    "as_of": "2025-11-25",
    "employee": {"status": "PNS", "position": "pelaksana", "instansi_level": "kabupaten_kota"},
    "offences": [
        {
            "provision": "pp-94-2021:4:f",
            "committed_on": "2023-12-31",
            "examined_on": None,
            "impact": None,
            "absence": {
                "year": 2023,
                "unexcused_days": 12,
                "late_minutes": 0,
                "longest_consecutive_days": 2,
            },
        }
    ],
    "prior_sanctions": [
        {"sanction": "teguran_tertulis", "provision": "pp-94-2021:5:j", "decided_on": "2022-03-01"}
    ],
}
WORKING_TIME_EXAMPLE = {"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-2017"}
DEADLINES_EXAMPLE = {"step": "summons_issued", "on": "2025-11-04", "calendar": "national"}


def run(argv: list[str], document: object | str, monkeypatch=None) -> tuple[int, object, str]:
    text = document if isinstance(document, str) else json.dumps(document)
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in (
        "TEGAK_SEDANG_TUKIN_FROM",
        "TEGAK_BERAT_DISMISSAL",
        "TEGAK_DEADLINE_COUNTING",
        "TEGAK_MINUTES_PER_ABSENCE_DAY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_assess_contract_example():
    code, answer, _ = run(["assess"], ASSESS_EXAMPLE)
    assert code == 0
    assert answer["regulation"] == "PP 94/2021"
    assert answer["level"] == "sedang"
    assert answer["sanction"] == "penundaan_kgb_1_tahun"
    assert answer["allowed_sanctions"] == [
        "penundaan_kgb_1_tahun",
        "penundaan_pangkat_1_tahun",
        "penurunan_pangkat_1_tahun",
    ]
    assert answer["basis"][0] == "PP 94/2021 Pasal 10 ayat (2) huruf f angka 1"
    assert {"PP 94/2021 Pasal 42 ayat (2)", "PP 53/2010 Pasal 7 ayat (3)"} <= set(answer["basis"])
    assert answer["examination_team"] == "optional"
    assert answer["authority"]["role"] == "atasan_dari_atasan_langsung"
    assert answer["human_review"] == []


def test_working_time_contract_example():
    code, answer, _ = run(["working-time"], WORKING_TIME_EXAMPLE)
    assert code == 0
    assert answer["within_working_hours"] is True
    assert (answer["day_start"], answer["day_end"], answer["minutes_to_end"]) == (
        "07:30",
        "16:00",
        60,
    )


def test_deadlines_contract_example():
    code, answer, _ = run(["deadlines"], DEADLINES_EXAMPLE)
    assert code == 0
    assert answer["deadlines"][0] == {
        **answer["deadlines"][0],
        "name": "examination_latest",
        "due": "2025-11-13",
    }


def test_batch_mode_array_in_array_out():
    code, answers, _ = run(["assess"], [ASSESS_EXAMPLE, ASSESS_EXAMPLE])
    assert code == 0
    assert isinstance(answers, list) and len(answers) == 2
    single = run(["assess"], ASSESS_EXAMPLE)[1]
    assert answers[0] == single


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("TEGAK_SEDANG_TUKIN_FROM", "2025-01-01")
    assert run(["assess"], ASSESS_EXAMPLE)[1]["sanction"] == "potong_tukin_25_6_bulan"
    monkeypatch.setenv("TEGAK_DEADLINE_COUNTING", "inclusive")
    assert run(["deadlines"], DEADLINES_EXAMPLE)[1]["deadlines"][0]["due"] == "2025-11-12"


@pytest.mark.parametrize(
    ("argv", "document", "field"),
    [
        pytest.param(["assess"], "{not json", "$", id="invalid-json"),
        pytest.param(
            ["assess"],
            [
                ASSESS_EXAMPLE,
                {**ASSESS_EXAMPLE, "offences": [{"provision": "x", "committed_on": "2020-01-01"}]},
            ],
            "[1].offences[0].provision",
            id="batch-element-path",
        ),
        pytest.param(
            ["deadlines"],
            {"step": "summons_issued", "on": "2025-02-29"},
            "on",
            id="impossible-date",
        ),
        pytest.param(
            ["working-time"],
            {"at": "2022-08-26T15:00:00+07:00", "schedule": "nowhere"},
            "schedule",
            id="unknown-schedule",
        ),
        pytest.param(["assess"], "42", "$", id="not-an-object"),
        pytest.param(["frobnicate"], "{}", "command", id="unknown-command"),
    ],
)
def test_bad_input_exits_2_with_the_field(argv, document, field):
    code, answer, error = run(argv, document)
    assert code == 2
    assert answer is None
    body = json.loads(error.strip().splitlines()[-1])
    assert body["error"]["field"] == field
    assert body["error"]["message"]
    assert "Traceback" not in error


def test_bad_setting_exits_2(monkeypatch):
    monkeypatch.setenv("TEGAK_BERAT_DISMISSAL", "pecat")
    code, _, error = run(["assess"], ASSESS_EXAMPLE)
    assert code == 2
    assert json.loads(error)["error"]["field"] == "env.TEGAK_BERAT_DISMISSAL"


def test_input_file(tmp_path: Path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(DEADLINES_EXAMPLE))
    code, answer, _ = run(["deadlines", "--input", str(path)], "")
    assert code == 0 and answer["deadlines"][0]["due"] == "2025-11-13"
    code, _, error = run(["deadlines", "--input", str(tmp_path / "missing.json")], "")
    assert code == 2 and json.loads(error)["error"]["field"] == "--input"


def test_the_installed_command_runs_without_django():
    tegak = Path(sys.executable).with_name("tegak")
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    result = subprocess.run(
        [str(tegak), "rules", "working-time"],
        input=json.dumps(WORKING_TIME_EXAMPLE),
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["within_working_hours"] is True
    bad = subprocess.run(
        [str(tegak), "rules", "assess"],
        input="{}",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert json.loads(bad.stderr)["error"]["field"] == "employee"


def test_errors_are_in_indonesian_by_default_and_english_on_request(monkeypatch):
    monkeypatch.delenv("TEGAK_LANGUAGE", raising=False)
    payload = {**ASSESS_EXAMPLE, "employee": {**ASSESS_EXAMPLE["employee"], "position": "raja"}}
    _, _, error = run(["assess"], payload)
    body = json.loads(error)["error"]
    assert body["message"] == "jenis jabatan 'raja' tidak dikenal"
    assert body["message_en"] == "unknown position 'raja'"
    monkeypatch.setenv("TEGAK_LANGUAGE", "en")
    _, _, error = run(["assess"], payload)
    assert json.loads(error)["error"]["message"] == "unknown position 'raja'"


def test_lang_option_chooses_the_language_of_errors(monkeypatch):
    monkeypatch.setenv("TEGAK_LANGUAGE", "en")
    payload = {**ASSESS_EXAMPLE, "employee": {**ASSESS_EXAMPLE["employee"], "position": "raja"}}
    _, _, error = run(["assess", "--lang", "id"], payload)
    body = json.loads(error)["error"]
    assert body == {
        "field": "employee.position",
        "message": "jenis jabatan 'raja' tidak dikenal",
        "message_en": "unknown position 'raja'",
    }
    monkeypatch.delenv("TEGAK_LANGUAGE")
    _, _, error = run(["--lang=en", "assess"], payload)
    assert json.loads(error) == {
        "error": {"field": "employee.position", "message": "unknown position 'raja'"}
    }
    code, _, error = run(["assess", "--lang", "fr"], ASSESS_EXAMPLE)
    assert code == 2
    assert json.loads(error)["error"]["field"] == "--lang"


def test_answers_carry_notes_in_both_languages_whatever_the_lang():
    offence = ASSESS_EXAMPLE["offences"][0]
    absence = {**offence["absence"], "late_minutes": 900}
    payload = {**ASSESS_EXAMPLE, "offences": [{**offence, "absence": absence}]}
    _, english_answer, _ = run(["assess", "--lang", "en"], payload)
    _, answer, _ = run(["assess", "--lang", "id"], payload)
    assert answer == english_answer
    assert any(note.startswith("900 minutes of lateness") for note in answer["notes"])
    assert any(note.startswith("900 menit terlambat") for note in answer["notes_id"])


def test_catalog_lists_what_the_engine_knows():
    out, err = io.StringIO(), io.StringIO()
    assert main(["catalog"], stdin=io.StringIO(""), stdout=out, stderr=err) == 0
    catalog = json.loads(out.getvalue())
    assert {"pp-94-2021", "pp-53-2010", "uu-20-2023"} <= {
        item["id"] for item in catalog["regulations"]
    }
    assert "pp-94-2021:4:f" in {item["id"] for item in catalog["provisions"]}
    assert {"national-perpres-21-2023", "kota-bekasi-2017", "kota-sukamaju"} <= {
        item["id"] for item in catalog["schedules"]
    }
    assert "local:kota-sukamaju:pppk-2024" in {item["id"] for item in catalog["instansi_rules"]}


def test_a_batch_error_keeps_its_indonesian_message():
    code, _, err = run(["deadlines"], [{"step": "x", "on": "2025-01-02"}])
    assert code == 2
    answer = json.loads(err)
    assert answer["error"]["field"] == "[0].step"
    assert answer["error"]["message"].startswith("tahap 'x' tidak dikenal")
    assert answer["error"]["message_en"].startswith("unknown step 'x'")
