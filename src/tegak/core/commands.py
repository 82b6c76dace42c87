"""Base for every `tegak` management command: bad input exits 2 with the contract's JSON."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tegak.core.errors import InputError, exit_with_input_error


class TegakCommand(BaseCommand):
    """A command whose `run` raises InputError for bad input instead of printing a traceback."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.prog = f"tegak {subcommand}"
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except InputError as error:
            exit_with_input_error(error)
        except CommandError as error:
            exit_with_input_error(InputError("", str(error)))
        return None
