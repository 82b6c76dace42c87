"""`tegak rules`: every malformed input exits 2 naming the field (never a traceback), batches are
read and answered element by element, and --keep-going answers every good element (#16 item 5)."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tegak.rules.cli import main

RULE = json.loads(
    (Path(__file__).parents[2] / "src/tegak/rules/data/instansi/kota-sukamaju.json").read_text()
)["rules"][0]
EMPLOYEE = {
    "status": "PPPK",
    "position": "pelaksana",
    "instansi_level": "kabupaten_kota",
    "instansi": "kota-sukamaju",
}
OFFENCES = [
    {
        "provision": "pp-94-2021:4:f",
        "committed_on": "2025-06-30",
        "absence": {"year": 2025, "unexcused_days": 12, "longest_consecutive_days": 2},
    }
]
GOOD = {
    "assess": {"as_of": "2025-11-25", "employee": EMPLOYEE, "offences": OFFENCES},
    "working-time": {"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-2017"},
    "deadlines": {"step": "summons_issued", "on": "2025-11-04", "calendar": "national"},
}


def schedule(**changes: object) -> dict[str, object]:
    value: dict[str, object] = {
        "timezone": "WIB",
        "days": {"fri": {"start": "07:30", "end": "16:00", "breaks": [["12:00", "13:00"]]}},
    }
    value.update(changes)
    return {"at": "2022-08-26T09:00:00+07:00", "schedule": value}


def rule(**changes: object) -> dict[str, object]:
    inline = copy.deepcopy(RULE)
    inline.update(changes)
    return {**GOOD["assess"], "instansi_rule": inline}


# The malformed inputs of the issue, each with the field the answer must name.
MALFORMED = [
    ("nested array", "assess", "[" * 100_000 + "]" * 100_000, "[0]"),
    ("nested object", "assess", '{"a":' * 100_000 + "1" + "}" * 100_000, "$"),
    ("long integer", "assess", '{"as_of": ' + "9" * 4301 + "}", "$"),
    (
        "long integer in a batch",
        "deadlines",
        "[" + json.dumps(GOOD["deadlines"]) + ", " + "1" * 5000 + "]",
        "[1]",
    ),
    ("NaN", "deadlines", '{"step": NaN}', "$"),
    (
        "deadline on 9999-12-20",
        "deadlines",
        {"step": "decision_received", "on": "9999-12-20"},
        "on",
    ),
    (
        "working days past 9999-12-31",
        "deadlines",
        {"step": "summons_missed", "on": "9999-12-27"},
        "on",
    ),
    ("working time at the last hour", "working-time", {"at": "9999-12-31T23:00Z"}, "at"),
    ("working time before the first day", "working-time", {"at": "0001-01-01T00:00+14:00"}, "at"),
    (
        "timezone as a list",
        "working-time",
        {"at": "2022-08-26T15:00:00", "timezone": ["WIB"]},
        "timezone",
    ),
    (
        "offset-aware start",
        "working-time",
        schedule(days={"fri": {"start": "07:30+07:00", "end": "16:00"}}),
        "schedule.days.fri.start",
    ),
    (
        "offset-aware break",
        "working-time",
        schedule(days={"fri": {"start": "07:30", "end": "16:00", "breaks": [["12:00Z", "13:00"]]}}),
        "schedule.days.fri.breaks[0][0]",
    ),
    (
        "ramadan_periods a text",
        "working-time",
        schedule(ramadan_periods="2022-04-02"),
        "schedule.ramadan_periods",
    ),
    (
        "ramadan_periods an object",
        "working-time",
        schedule(ramadan_periods={"from": "2022-04-02"}),
        "schedule.ramadan_periods",
    ),
    ("delegation a number", "assess", rule(delegation=5), "instansi_rule.delegation"),
    ("delegation an object", "assess", rule(delegation={"a": 1}), "instansi_rule.delegation"),
    ("attendance an object", "assess", rule(attendance={"a": 1}), "instansi_rule.attendance"),
    ("provisions a number", "assess", rule(provisions=3), "instansi_rule.provisions"),
    ("provisions an object", "assess", rule(provisions={"a": 1}), "instansi_rule.provisions"),
    ("empty input", "assess", "", "$"),
    ("text after the array", "assess", "[] []", "$"),
    ("unclosed array", "deadlines", "[" + json.dumps(GOOD["deadlines"]), "[1]"),
]


def run(argv: list[str], text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("command", "document", "field"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_input_exits_2_naming_the_field(command, document, field):
    text = document if isinstance(document, str) else json.dumps(document)
    code, out, err = run([command], text)
    assert code == 2, err
    assert out == ""
    error = json.loads(err)["error"]
    assert error["field"] == field
    assert error["message"] and error["message_en"]


def test_not_utf8_input_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"step": "summons_issued", "on": "2025-11-04\xff"}')
    out, err = io.StringIO(), io.StringIO()
    assert main(["deadlines", "--input", str(bad)], stdout=out, stderr=err) == 2
    error = json.loads(err.getvalue())["error"]
    assert error["field"] == "--input"
    assert "UTF-8" in error["message_en"]


def test_real_command_never_prints_a_traceback(tmp_path):
    """The installed command, with bytes that are not UTF-8 on standard input and in a file."""
    tegak = Path(sys.executable).with_name("tegak")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[\xc3\x28]")
    env = {**os.environ, "TEGAK_LANGUAGE": "en"}
    for argv, stdin in (
        (["rules", "assess"], b'{"as_of": "\xff"}'),
        (["rules", "working-time", "--input", str(bad)], b""),
        (["rules", "deadlines"], b"[" * 200_000),
    ):
        done = subprocess.run(
            [str(tegak), *argv], input=stdin, capture_output=True, env=env, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert b"Traceback" not in done.stderr
        assert json.loads(done.stderr)["error"]["field"] in {"stdin", "--input", "[0]"}


def test_batch_error_prints_nothing_without_keep_going():
    text = json.dumps([GOOD["deadlines"], {"step": "nope"}, GOOD["deadlines"]])
    code, out, err = run(["deadlines"], text)
    assert code == 2
    assert out == ""
    assert json.loads(err)["error"]["field"] == "[1].step"


def test_keep_going_answers_every_good_element_and_names_each_bad_one():
    good = GOOD["deadlines"]
    text = json.dumps([good, {"step": "nope"}, good, "text", good, {"on": "2025-13-01"}])
    code, out, err = run(["deadlines", "--keep-going"], text)
    assert code == 2
    answers = json.loads(out)
    assert len(answers) == 6
    assert [index for index, answer in enumerate(answers) if "error" in answer] == [1, 3, 5]
    assert answers[0] == answers[2] == answers[4]
    assert answers[0]["deadlines"][0]["due"]
    assert answers[1]["error"]["field"] == "[1].step"
    assert answers[3]["error"]["field"] == "[3]"
    reported = [json.loads(line)["error"]["field"] for line in err.splitlines()]
    assert reported == ["[1].step", "[3]", "[5].step"]


def test_keep_going_all_good_exits_0_and_matches_the_batch_answer():
    text = json.dumps([GOOD["working-time"]] * 3)
    code, out, _ = run(["working-time", "--keep-going"], text)
    assert code == 0
    assert out == run(["working-time"], text)[1]
    assert (
        json.loads(out)
        == [json.loads(run(["working-time"], json.dumps(GOOD["working-time"]))[1])] * 3
    )


@pytest.mark.parametrize("pretty", [False, True])
def test_streamed_output_is_the_same_text_as_json_dumps(pretty):
    items = [GOOD["deadlines"], {**GOOD["deadlines"], "step": "decision_received"}]
    argv = ["deadlines", "--pretty"] if pretty else ["deadlines"]
    _, out, _ = run(argv, json.dumps(items))
    answers = [json.loads(run(["deadlines"], json.dumps(item))[1]) for item in items]
    expected = json.dumps(answers, ensure_ascii=False, indent=2 if pretty else None) + "\n"
    assert out == expected
    assert run(argv, "[]")[1] == "[]\n"


def test_keep_going_answers_before_the_batch_has_ended():
    """Streaming for real: the first answer comes out while the rest of the array has not
    been sent yet (so a batch needs the memory of one element, not of all)."""
    tegak = Path(sys.executable).with_name("tegak")
    process = subprocess.Popen(
        [str(tegak), "rules", "deadlines", "--keep-going"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"[" + json.dumps(GOOD["deadlines"]).encode() + b", ")
        process.stdin.write(b" " * 70_000)  # past one read chunk, so the reader moves on
        process.stdin.flush()
        first = process.stdout.read(1)  # blocks until the first answer is written
        assert first == b"["
        process.stdin.write(json.dumps(GOOD["deadlines"]).encode() + b"]")
        process.stdin.close()
        rest = process.stdout.read()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()
    assert len(json.loads(first + rest)) == 2


def test_batch_reads_elements_split_across_chunks():
    """Numbers and texts cut by a chunk boundary are read whole."""
    from tegak.rules.stream import CHUNK

    item = {**GOOD["deadlines"], "padding": "x" * (CHUNK - 40), "n": 123456789}
    items = [item] * 5
    code, out, err = run(["deadlines"], json.dumps(items))
    assert code == 0, err
    assert len(json.loads(out)) == 5


TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [json.dumps(value) for value in GOOD.values()]
        + ["[", "[{}", "[1,", "{}", "[]", "[{}]", "null", "1e999", "-Infinity", '"\\ud800"']
    ),
)


JSONISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
        st.sampled_from(["9999-12-31", "0001-01-01", "9999-12-31T23:59+14:00", "24:00", "WIB"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


def _assert_contract(command: str, text: str, extra: list[str]) -> None:
    code, out, err = run([command, *extra], text)
    if code == 0:
        json.loads(out)
        return
    assert code == 2, err
    for line in err.splitlines():
        assert json.loads(line)["error"]["field"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(sorted(GOOD)),
    text=st.one_of(TEXT, JSONISH.map(json.dumps)),
    keep_going=st.booleans(),
)
def test_fuzz_any_text_exits_0_or_2(command, text, keep_going):
    _assert_contract(command, text, ["--keep-going"] if keep_going else [])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(sorted(GOOD)),
    changes=st.dictionaries(
        st.sampled_from(
            [
                "at",
                "timezone",
                "schedule",
                "step",
                "on",
                "calendar",
                "counting",
                "as_of",
                "employee",
                "offences",
                "prior_sanctions",
                "instansi_rule",
            ]
        ),
        JSONISH,
        max_size=3,
    ),
)
def test_fuzz_mutated_requests_exit_0_or_2(command, changes):
    _assert_contract(command, json.dumps([{**GOOD[command], **changes}]), [])


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=40))
def test_fuzz_any_bytes_on_the_real_reader(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("bytes") / "input.json"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = main(["deadlines", "--input", str(path)], stdout=out, stderr=err)
    assert code in {0, 2}
    if code == 2:
        assert json.loads(err.getvalue().splitlines()[0])["error"]["field"]
