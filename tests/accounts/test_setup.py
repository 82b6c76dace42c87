"""`tegak setup`: the first administrator of a fresh installation, by options or by prompts."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from tegak.accounts.models import User
from tegak.audit.models import AuditEvent

GOOD_PASSWORD = "tiga kata panjang sekali"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_setup(monkeypatch, *args: str, stdin: str = "") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with translation.override("id"):
        call_command("setup", "--skip-migrate", *args)


def error_of(capsys) -> dict:
    return json.loads(capsys.readouterr().err)["error"]


@pytest.mark.django_db
def test_setup_by_options_creates_the_installation_administrator(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_PASSWORD + "\n"))
    with translation.override("id"):
        call_command(
            "setup",
            "--username",
            "admin.bkpsdm",
            "--full-name",
            "Siti  Rahmawati",
            "--email",
            "admin@bkpsdm.example.go.id",
            "--password-stdin",
        )
    user = User.objects.get(username="admin.bkpsdm")
    assert user.is_superuser and user.is_active
    assert (user.first_name, user.last_name) == ("Siti", "Rahmawati")
    assert user.check_password(GOOD_PASSWORD)
    event = AuditEvent.objects.get(action="account.installation_admin_created")
    assert event.actor_label == "tegak setup"
    assert event.data == {"has_email": True}
    output = capsys.readouterr().out
    assert "Administrator instalasi admin.bkpsdm dibuat" in output
    assert "Instansi baru" in output


@pytest.mark.django_db
def test_a_second_setup_is_refused_and_changes_nothing(monkeypatch, capsys):
    run_setup(
        monkeypatch,
        "--username",
        "pertama",
        "--full-name",
        "A B",
        "--password-stdin",
        stdin=GOOD_PASSWORD,
    )
    events = AuditEvent.objects.count()
    with pytest.raises(SystemExit) as exit_:
        run_setup(
            monkeypatch,
            "--username",
            "kedua",
            "--full-name",
            "C D",
            "--password-stdin",
            stdin=GOOD_PASSWORD,
        )
    assert exit_.value.code == 2
    error = error_of(capsys)
    assert error["field"] == "username"
    assert "sudah memiliki administrator" in error["message"]
    assert not User.objects.filter(username="kedua").exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "stdin", "field", "words"),
    [
        pytest.param(
            ["--username", "admin", "--full-name", "Siti", "--password-stdin"],
            "pendek",
            "password",
            "terlalu pendek",
            id="short-password",
        ),
        pytest.param(
            ["--username", "admin", "--full-name", "Siti", "--password-stdin"],
            "sukamaju2026",
            "password",
            "mudah ditebak",
            id="word-and-year-password",
        ),
        pytest.param(
            ["--username", "admin baru", "--full-name", "Siti", "--password-stdin"],
            GOOD_PASSWORD,
            "username",
            "huruf, angka",
            id="space-in-user-name",
        ),
        pytest.param(
            [
                "--username",
                "admin",
                "--full-name",
                "Siti",
                "--email",
                "bukan-surel",
                "--password-stdin",
            ],
            GOOD_PASSWORD,
            "email",
            "bukan alamat surel",
            id="bad-email",
        ),
        pytest.param(
            ["--username", "admin", "--password-stdin", "--no-input"],
            GOOD_PASSWORD,
            "full_name",
            "--full-name",
            id="missing-full-name",
        ),
        pytest.param(
            ["--username", "admin", "--full-name", "Siti", "--no-input"],
            "",
            "password",
            "--password-stdin",
            id="password-never-an-option",
        ),
    ],
)
def test_bad_input_is_refused_on_its_field_in_indonesian(
    monkeypatch, capsys, args, stdin, field, words
):
    with pytest.raises(SystemExit) as exit_:
        run_setup(monkeypatch, *args, stdin=stdin)
    assert exit_.value.code == 2
    error = error_of(capsys)
    assert error["field"] == field
    assert words in error["message"]
    assert not User.objects.exists()
    assert not AuditEvent.objects.filter(action="account.installation_admin_created").exists()


@pytest.mark.django_db
def test_in_a_terminal_the_command_asks_again_until_the_answers_are_acceptable(monkeypatch, capsys):
    answers = iter(["admin", "Budi Santoso", ""])
    passwords = iter(["pendek", "pendek", GOOD_PASSWORD, "lain", GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))
    monkeypatch.setattr("sys.stdin", FakeTerminal())
    with translation.override("id"):
        call_command("setup", "--skip-migrate")
    errors = capsys.readouterr().err
    assert "terlalu pendek" in errors
    assert "Kedua kata sandi berbeda" in errors
    user = User.objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(GOOD_PASSWORD)
