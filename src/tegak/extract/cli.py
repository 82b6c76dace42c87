"""`tegak extract` — facts from Indonesian text on standard input (or `--input FILE`) as JSON.

Exit 0 with the answer on standard output; exit 2 with
`{"error": {"field": ..., "message": ...}}` on standard error for bad input. No Django.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import NoReturn

from tegak.core.errors import InputError
from tegak.extract.core import decode_input, extract


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option the contract's way instead of printing usage."""

    def error(self, message: str) -> NoReturn:
        raise InputError("arguments", f"Opsi tidak dikenal atau tidak lengkap: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tegak extract",
        description="Facts from Indonesian text (a complaint, a news report, a post) as JSON.",
    )
    parser.add_argument("--reported-on", help="date of the text, YYYY-MM-DD, for 'kemarin' etc.")
    parser.add_argument("--schedule", help="working-time schedule id for the working_time check")
    parser.add_argument("--input", help="read the text from this file instead of standard input")
    return parser


def _report(error: InputError) -> int:
    sys.stderr.write(json.dumps(error.as_dict(), ensure_ascii=False) + "\n")
    return 2


def main(argv: list[str]) -> int:
    """Run `tegak extract`; returns the exit code."""
    try:
        options = _parser().parse_args(argv)
        reported_on = None
        if options.reported_on is not None:
            try:
                reported_on = date.fromisoformat(options.reported_on)
            except ValueError:
                raise InputError(
                    "reported_on", "Tanggal --reported-on harus berbentuk YYYY-MM-DD."
                ) from None
        if options.input:
            try:
                with open(options.input, "rb") as handle:
                    data = handle.read(2 * 1024 * 1024)
            except OSError as error:
                raise InputError("input", f"Berkas tidak dapat dibaca: {error.strerror}") from None
        else:
            data = sys.stdin.buffer.read(2 * 1024 * 1024)
        text = decode_input(data)
        answer = extract(text, reported_on=reported_on, schedule=options.schedule)
    except InputError as error:
        return _report(error)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n")
    return 0
