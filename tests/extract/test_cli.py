"""`tegak extract`: JSON out for text in, and a plain error with exit 2 for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tegak.extract.cli import main
from tegak.extract.core import MAX_BYTES
from tests.extract import texts


def _run(monkeypatch, capsys, data: bytes, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_on_standard_input_gives_the_contract_shape(monkeypatch, capsys):
    code, out, err = _run(monkeypatch, capsys, texts.LEVY.encode())
    assert code == 0, err
    answer = json.loads(out)
    for key in (
        "events",
        "people",
        "organisations",
        "employee_groups",
        "regulations",
        "allegations",
        "working_time",
    ):
        assert isinstance(answer[key], list)
    assert answer["events"][0]["date"] == "2024-11-07"
    assert answer["events"][0]["span"] == [
        texts.LEVY.index("Kamis (7/11/2024)"),
        texts.LEVY.index("Kamis (7/11/2024)") + len("Kamis (7/11/2024)"),
    ]


def test_reported_on_places_kemarin(monkeypatch, capsys):
    code, out, _ = _run(
        monkeypatch, capsys, texts.RELATIVE_ABSENCE.encode(), "--reported-on", "2024-03-01"
    )
    assert code == 0
    dates = [event["date"] for event in json.loads(out)["events"]]
    assert dates == ["2024-02-29", "2024-02-26"]


def test_without_reported_on_relative_dates_are_noted_not_guessed(monkeypatch, capsys):
    code, out, _ = _run(monkeypatch, capsys, texts.RELATIVE_ABSENCE.encode())
    answer = json.loads(out)
    assert code == 0
    assert answer["events"] == []
    assert [note["text"] for note in answer["notes"] if note["code"] == "needs_reported_on"] == [
        "kemarin",
        "Senin lalu",
    ]


def test_input_file_is_read(tmp_path, monkeypatch, capsys):
    source = tmp_path / "laporan.txt"
    source.write_text(texts.CAMAT_ABUSE, encoding="utf-8")
    code, out, _ = _run(monkeypatch, capsys, b"", "--input", str(source))
    assert code == 0
    assert json.loads(out)["people"][0]["name"] == "Agus Salim"


BAD_INPUT = [
    pytest.param(b"", "text", "kosong", id="empty"),
    pytest.param(b"   \n\t ", "text", "kosong", id="only-white-space"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "text", "biner", id="binary-nul-bytes"),
    pytest.param(b"Bupati \xff\xfe datang", "text", "UTF-8", id="not-utf-8"),
    pytest.param(b"a" * (5 * 1024 * 1024), "text", "terlalu panjang", id="five-megabytes"),
]


@pytest.mark.parametrize(("data", "field", "words"), BAD_INPUT)
def test_bad_text_exits_2_with_a_plain_error(monkeypatch, capsys, data, field, words):
    code, out, err = _run(monkeypatch, capsys, data)
    assert code == 2
    assert out == ""
    error = json.loads(err)["error"]
    assert error["field"] == field
    assert words in error["message"]
    assert "Traceback" not in err


def test_limit_is_one_mebibyte(monkeypatch, capsys):
    ok_code, _, _ = _run(monkeypatch, capsys, b"a " * (MAX_BYTES // 2))
    too_long, _, _ = _run(monkeypatch, capsys, b"a" * (MAX_BYTES + 1))
    assert (ok_code, too_long) == (0, 2)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        pytest.param(["--reported-on", "26-08-2022"], "reported_on", id="reported-on-not-iso"),
        pytest.param(["--bogus"], "arguments", id="unknown-option"),
        pytest.param(["--input", "/nonexistent/laporan.txt"], "input", id="missing-file"),
    ],
)
def test_bad_options_exit_2_naming_the_field(monkeypatch, capsys, args, field):
    code, _, err = _run(monkeypatch, capsys, b"teks", *args)
    assert code == 2
    assert json.loads(err)["error"]["field"] == field


def test_another_language_gives_an_empty_result_and_a_note(monkeypatch, capsys):
    code, out, _ = _run(monkeypatch, capsys, texts.ENGLISH.encode())
    answer = json.loads(out)
    assert code == 0
    assert answer["language"] is None
    assert answer["events"] == answer["people"] == answer["organisations"] == []
    assert [note["code"] for note in answer["notes"]] == ["not_indonesian"]


def test_tegak_command_runs_extract_without_django():
    """The installed entry point, end to end, in a fresh interpreter."""
    code = (
        "import sys; from tegak.cli import main; rc = main(['extract']); "
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))); "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=texts.JAYAPURA_GRATIFICATION,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["events"][0]["timezone"] == "WIT"
    assert result.stderr.endswith("[]")
