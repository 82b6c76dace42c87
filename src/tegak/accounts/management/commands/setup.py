"""`tegak setup`: the first run of a real installation (not the demo).

Brings the database schema up to date, then creates the installation's administrator, asked
for interactively or given by options. Everything else an agency sets up (the instansi, its
units, posts, employees, schedules, calendar, rules, numbering, letterhead, users and roles) is
done afterwards in the browser, on the Administration pages (docs/administration.md).

The password is never an option (it would show in the process list and the shell history): it is
typed twice at the prompt, or read from standard input with `--password-stdin`.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from tegak.accounts import services
from tegak.core.access import SystemActor
from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError

ACTOR = SystemActor("tegak setup")


class Command(TegakCommand):
    help = (
        "Prepare a new installation: create or upgrade the database, then create the "
        "installation administrator (asked for, or given by options)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", help="the administrator's user name")
        parser.add_argument("--full-name", dest="full_name", help="the administrator's full name")
        parser.add_argument("--email", default=None, help="the administrator's e-mail (optional)")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="ask nothing: every value must be given by options",
        )
        parser.add_argument(
            "--skip-migrate",
            action="store_true",
            help="do not create or upgrade the database schema first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = (
            options["interactive"] and sys.stdin.isatty() and not options["password_stdin"]
        )
        if not options["skip_migrate"]:
            self.stdout.write(_("Creating or upgrading the database schema…"))
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        if services.installation_admin_exists():
            raise InputError(
                "username",
                _(
                    "This installation already has an administrator. Further accounts are "
                    "invited on the Administration pages; a forgotten password is reset with "
                    "`tegak changepassword USERNAME`."
                ),
            )
        if interactive:
            user = self._ask(options)
        else:
            user = services.installation_admin_create(
                actor=ACTOR,
                username=self._required(options, "username"),
                full_name=self._required(options, "full_name"),
                email=options["email"] or "",
                password=self._password_from_stdin(options),
            )
        self._next_steps(user.get_username())

    def _required(self, options: dict[str, Any], name: str) -> str:
        value = options.get(name)
        if not value:
            option = "--" + name.replace("_", "-")
            raise InputError(
                name,
                _("Give %(option)s (or run the command in a terminal to be asked).")
                % {"option": option},
            )
        return str(value)

    def _password_from_stdin(self, options: dict[str, Any]) -> str:
        if not options["password_stdin"]:
            raise InputError(
                "password",
                _(
                    "Give the password on standard input with --password-stdin (never as an "
                    "option), or run the command in a terminal to be asked."
                ),
            )
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError("password", _("Standard input holds no password."))
        return line

    def _ask(self, options: dict[str, Any]) -> Any:
        """Ask for each value until the service accepts them all; errors are shown by field."""
        self.stdout.write(
            _(
                "Create the installation administrator. This account creates the instansi and "
                "invites its administrators; it needs a second factor (TOTP) at its first login."
            )
        )
        values = {
            "username": options.get("username") or "",
            "full_name": options.get("full_name") or "",
            "email": options.get("email") or "",
        }
        prompts = {
            "username": _("User name"),
            "full_name": _("Full name"),
            "email": _("E-mail (optional)"),
        }
        ask = [name for name in values if not values[name]]
        while True:
            for name in ask:
                values[name] = input(f"{prompts[name]}: ").strip()
            password = getpass.getpass(_("Password (at least 12 characters): "))
            again = getpass.getpass(_("Password again: "))
            if password != again:
                self.stderr.write(_("The two passwords differ. Try again."))
                ask = []
                continue
            try:
                return services.installation_admin_create(actor=ACTOR, password=password, **values)
            except InputError as error:
                self.stderr.write(f"{prompts.get(error.field, _('Password'))}: {error.message}")
                ask = [error.field] if error.field in values else []

    def _next_steps(self, username: str) -> None:
        self.stdout.write(
            _("The installation administrator %(username)s is created.") % {"username": username}
        )
        self.stdout.write(_("Next steps:"))
        for line in (
            _("1. Start the server: tegak serve (behind HTTPS, see the README)."),
            _(
                "2. Open /akun/masuk/ in the browser, sign in, and set up the second factor "
                "with an authenticator app."
            ),
            _(
                "3. Administration → New instansi: create the instansi; then its units, posts, "
                "employees, working hours, calendar, rules, numbering, letterhead and users, "
                "each on its page (docs/administration.md)."
            ),
        ):
            self.stdout.write(f"  {line}")
