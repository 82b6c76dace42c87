"""`tegak rules assess | working-time | deadlines` — JSON in, JSON out, no database.

Reads a JSON object (or an array of them: batch mode) from standard input or `--input FILE`,
writes the answer to standard output and exits 0. Bad input exits 2 with
`{"error": {"field": "<json path>", "message": "..."}}` on standard error, never a traceback.
Settings the law leaves open come from the environment (docs/rules.md).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from typing import Any, TextIO

from tegak.rules.config import (
    COUNTINGS,
    DISMISSALS,
    EFFECT_COUNTINGS,
    SUMMONS_READINGS,
    RulesConfig,
    RulesInputError,
)
from tegak.rules.deadlines import deadlines
from tegak.rules.engine import assess
from tegak.rules.messages import LANGUAGES, language_code, say
from tegak.rules.packs import RulePack, load_pack_file
from tegak.rules.stream import Document, located, text_chunks
from tegak.rules.working_time import working_time

USAGE = """usage: tegak rules COMMAND [--input FILE] [--pack FILE] [--pretty] [--keep-going]
                   [--lang id|en]

  assess         which regulation, level, sanction, authority and examination team
  working-time   was this moment inside working hours?
  deadlines      legal clocks in working days
  catalog        what the engine knows: regulations, provisions, sanctions, schedules,
                 calendars and instansi rules (no input)
  check-pack     check a rule pack file (JSON or TOML) and list its items with their evidence:
                 tegak rules check-pack FILE

Reads one JSON object, or an array of objects (batch), from standard input or --input FILE.
A batch is read and answered element by element (memory of one element, not of the array).
--keep-going answers every good element of a batch and puts {"error": ...} in the place of each
bad one (also reported on standard error by its index); the exit code is then 2 if any was bad.
--pack FILE adds an instansi's rule pack (its calendars, schedules and rules; JSON or TOML)
to what the engine knows, without a database.
--lang id|en: the language of error messages (default TEGAK_LANGUAGE, else id; with id the
English text stays in "message_en"). Answers carry both: "notes"/"human_review" in English,
"notes_id"/"human_review_id" in Bahasa Indonesia.
Settings: TEGAK_SEDANG_TUKIN_FROM (YYYY-MM-DD), TEGAK_BERAT_DISMISSAL (pdh_taps|ptdh),
TEGAK_DEADLINE_COUNTING (exclusive|inclusive), TEGAK_MINUTES_PER_ABSENCE_DAY (450),
TEGAK_SUMMONS_READING (at_most|at_least), TEGAK_EFFECT_COUNTING (calendar_days|working_days),
TEGAK_PENGAWAS_SEDANG_TWO_LEVELS (1|0). See docs/rules.md.
"""


def _env_choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in allowed:
        raise RulesInputError(
            f"env.{name}",
            say("must be one of {allowed}, not {value!r}", allowed=", ".join(allowed), value=value),
        )
    return value


def config_from_environment() -> RulesConfig:
    """The engine settings from TEGAK_* environment variables (fail closed on bad values)."""
    raw_from = os.environ.get("TEGAK_SEDANG_TUKIN_FROM", "").strip()
    sedang_from = None
    if raw_from:
        try:
            sedang_from = date.fromisoformat(raw_from)
        except ValueError:
            raise RulesInputError(
                "env.TEGAK_SEDANG_TUKIN_FROM",
                say("{raw_from!r} is not a date (YYYY-MM-DD)", raw_from=raw_from),
            ) from None
    raw_minutes = os.environ.get("TEGAK_MINUTES_PER_ABSENCE_DAY", "").strip() or "450"
    if not raw_minutes.isdigit() or int(raw_minutes) <= 0:
        raise RulesInputError(
            "env.TEGAK_MINUTES_PER_ABSENCE_DAY", "must be a positive whole number of minutes"
        )
    two_levels = _env_choice("TEGAK_PENGAWAS_SEDANG_TWO_LEVELS", "1", ("1", "0"))
    return RulesConfig(
        sedang_tukin_from=sedang_from,
        berat_dismissal=_env_choice("TEGAK_BERAT_DISMISSAL", "pdh_taps", DISMISSALS),
        counting=_env_choice("TEGAK_DEADLINE_COUNTING", "exclusive", COUNTINGS),
        minutes_per_absence_day=int(raw_minutes),
        summons_reading=_env_choice("TEGAK_SUMMONS_READING", "at_most", SUMMONS_READINGS),
        effect_counting=_env_choice("TEGAK_EFFECT_COUNTING", "calendar_days", EFFECT_COUNTINGS),
        pengawas_sedang_two_levels=two_levels == "1",
    )


def catalog() -> dict[str, Any]:
    """Everything the engine knows, for people and scripts (`tegak rules catalog`)."""
    from tegak.rules.calendar import default_registry
    from tegak.rules.catalog import provisions, regulations
    from tegak.rules.config import ENGINE_VERSION
    from tegak.rules.instansi import instansi_rules
    from tegak.rules.sanctions import SANCTIONS

    registry = default_registry()

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "engine_version": ENGINE_VERSION,
        "regulations": [
            {
                "id": item.id,
                "citation": item.citation,
                "title": item.title,
                "in_force_from": day(item.in_force_from),
                "in_force_until": day(item.in_force_until),
                "replaced_by": item.replaced_by,
                "verified": item.verified,
            }
            for item in regulations()
        ],
        "provisions": [
            {
                "id": item.id,
                "citation": item.citation,
                "text": item.text,
                "category": item.category,
                "level_rule": item.rule.kind,
                "counterpart": item.counterpart,
            }
            for item in provisions()
        ],
        "sanctions": [
            {
                "code": item.code,
                "level": item.level,
                "rank": item.rank,
                "basis": item.basis,
                "label_id": item.label_id,
                "label_en": item.label_en,
            }
            for item in SANCTIONS.values()
        ],
        "schedules": [
            {
                "id": schedule_id,
                "name": registry.schedule(schedule_id).name,
                "timezone": registry.schedule(schedule_id).timezone,
                "calendar": registry.schedule(schedule_id).calendar_id,
                "verified": registry.schedule(schedule_id).verified,
                "versions": [
                    {
                        "valid_from": day(version.valid_from),
                        "valid_until": day(version.valid_until),
                        "basis": list(version.basis),
                    }
                    for version in registry.schedule(schedule_id).versions
                ],
            }
            for schedule_id in registry.schedule_ids
        ],
        "calendars": list(registry.calendar_ids),
        "instansi_rules": [
            {
                "id": rule.id,
                "instansi": rule.instansi,
                "citation": rule.citation,
                "applies_to": list(rule.applies_to),
                "in_force_from": day(rule.in_force_from),
                "in_force_until": day(rule.in_force_until),
            }
            for rule in instansi_rules()
        ],
    }


def _operation(
    command: str, config: RulesConfig, pack: RulePack | None = None
) -> Callable[[Any], dict[str, Any]]:
    registry = pack.registry() if pack is not None else None
    rules = list(pack.rules) if pack is not None else None
    if command == "assess":
        return lambda payload: dict(assess(payload, config=config, rules=rules))
    if command == "working-time":
        return lambda payload: working_time(payload, calendars=registry)
    return lambda payload: deadlines(payload, config=config, calendars=registry)


def pack_summary(pack: RulePack) -> dict[str, Any]:
    """What a pack holds, for people to review (`tegak rules check-pack`)."""
    return {
        "instansi": {"code": pack.instansi.code, "name": pack.instansi.name},
        "title": pack.title,
        "calendars": sorted(pack.calendars),
        "schedules": [
            {
                "id": schedule.id,
                "name": schedule.name,
                "verified": schedule.verified,
                "versions": [
                    {
                        "valid_from": version.valid_from.isoformat(),
                        "valid_until": version.valid_until.isoformat()
                        if version.valid_until
                        else None,
                    }
                    for version in schedule.versions
                ],
                "ramadan_periods": [
                    [period.start.isoformat(), period.end.isoformat()]
                    for period in schedule.ramadan_hours
                ],
            }
            for schedule in pack.schedules.values()
        ],
        "rules": [
            {
                "id": rule.id,
                "citation": rule.citation,
                "applies_to": list(rule.applies_to),
                "in_force_from": rule.in_force_from.isoformat(),
                "in_force_until": rule.in_force_until.isoformat() if rule.in_force_until else None,
            }
            for rule in pack.rules
        ],
        "evidence": pack.evidence(),
    }


def answer_one(
    operation: Callable[[Any], dict[str, Any]], item: Any, prefix: str = ""
) -> dict[str, Any]:
    """One element's answer; every failure a `RulesInputError` under `prefix` (its index)."""
    try:
        if not isinstance(item, dict):
            raise RulesInputError("$", "must be a JSON object")
        return operation(item)
    except RulesInputError as error:
        raise located(error, prefix) from None
    except RecursionError:
        raise RulesInputError(prefix or "$", "is nested too deeply") from None
    except OverflowError:
        raise RulesInputError(
            prefix or "$", "a date lies outside the years the engine can count (0001-9999)"
        ) from None


def run_batch(
    operation: Callable[[Any], dict[str, Any]], document: Any
) -> dict[str, Any] | list[dict[str, Any]]:
    """One answer for an object; an array of answers, element by element, for an array."""
    if isinstance(document, list):
        return [answer_one(operation, item, f"[{index}]") for index, item in enumerate(document)]
    if not isinstance(document, dict):
        raise RulesInputError("$", "must be a JSON object or an array of objects")
    return answer_one(operation, document)


class _ArrayWriter:
    """Writes a JSON array element by element, the same text `json.dumps` gives for a list."""

    def __init__(self, out: TextIO, pretty: bool) -> None:
        self.out = out
        self.pretty = pretty
        self.count = 0

    def add(self, value: Any) -> None:
        if self.pretty:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.out.write(("[\n  " if self.count == 0 else ",\n  ") + text)
        else:
            text = json.dumps(value, ensure_ascii=False)
            self.out.write(("[" if self.count == 0 else ", ") + text)
        self.count += 1

    def close(self) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        else:
            self.out.write("\n]\n" if self.pretty else "]\n")


def _stream_batch(
    operation: Callable[[Any], dict[str, Any]],
    document: Document,
    *,
    stdout: TextIO,
    stderr: TextIO,
    pretty: bool,
    keep_going: bool,
) -> int:
    """Answer an array element by element with bounded memory.

    Without --keep-going the answers are held in a spooled temporary file (memory up to 4 MB,
    then disk) and printed only when every element was good: a bad one prints nothing on
    standard output and exits 2. With --keep-going each answer is printed as it is made; a bad
    element gets `{"error": ...}` in its place and a line on standard error, and the command
    exits 2 when any element was bad."""
    if keep_going:
        writer = _ArrayWriter(stdout, pretty)
        failed = False
        try:
            for index, item in document.elements():
                try:
                    writer.add(answer_one(operation, item, f"[{index}]"))
                except RulesInputError as error:
                    failed = True
                    _fail(error, stderr)
                    writer.add(error.as_dict(_language()))
        except RulesInputError as error:
            failed = True
            _fail(error, stderr)
        writer.close()
        return 2 if failed else 0
    with tempfile.SpooledTemporaryFile(
        max_size=4 * 1024 * 1024, mode="w+", encoding="utf-8"
    ) as spool:
        writer = _ArrayWriter(spool, pretty)  # type: ignore[arg-type]
        try:
            for index, item in document.elements():
                writer.add(answer_one(operation, item, f"[{index}]"))
        except RulesInputError as error:
            return _fail(error, stderr)
        writer.close()
        spool.seek(0)
        shutil.copyfileobj(spool, stdout)
    return 0


# The language chosen with --lang for this run (None: TEGAK_LANGUAGE, else Indonesian).
_LANGUAGE: ContextVar[str | None] = ContextVar("tegak_rules_language", default=None)


def _language() -> str:
    # Bahasa Indonesia by default, like the rest of Tegak (TEGAK_LANGUAGE=en for English).
    chosen = _LANGUAGE.get()
    if chosen is not None:
        return chosen
    return language_code(os.environ.get("TEGAK_LANGUAGE", "").strip() or "id")


def _take_language(args: list[str]) -> str | None:
    """Remove `--lang X` / `--lang=X` from `args`; the language code, or None when not given."""
    for index, option in enumerate(args):
        if option == "--lang" or option.startswith("--lang="):
            if option == "--lang":
                value = args[index + 1] if index + 1 < len(args) else ""
                del args[index : index + 2]
            else:
                value = option.split("=", 1)[1]
                del args[index]
            if value not in LANGUAGES:
                raise RulesInputError(
                    "--lang",
                    say("must be one of {allowed}, not {value!r}", allowed="id, en", value=value),
                )
            return value
    return None


def _fail(error: RulesInputError, stderr: TextIO) -> int:
    stderr.write(json.dumps(error.as_dict(_language()), ensure_ascii=False) + "\n")
    return 2


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `tegak rules ...`; returns the exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = list(argv)
    try:
        chosen = _take_language(args)
    except RulesInputError as error:
        return _fail(error, stderr)
    token = _LANGUAGE.set(chosen)
    try:
        return _main(args, stdin, stdout, stderr)
    finally:
        _LANGUAGE.reset(token)


def _main(args: list[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if not args or args[0] in {"-h", "--help", "help"}:
        stdout.write(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "catalog":
        stdout.write(json.dumps(catalog(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if command == "check-pack":
        if len(rest) != 1 or rest[0].startswith("-"):
            return _fail(RulesInputError("arguments", "give one pack file"), stderr)
        try:
            summary = pack_summary(load_pack_file(rest[0]))
        except RulesInputError as error:
            return _fail(error, stderr)
        stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return 0
    if command not in {"assess", "working-time", "deadlines"}:
        stderr.write(USAGE)
        return _fail(
            RulesInputError("command", say("unknown rules command {command!r}", command=command)),
            stderr,
        )
    source: str | None = None
    pack_path: str | None = None
    pretty = False
    keep_going = False
    while rest:
        option = rest.pop(0)
        if option in {"-h", "--help"}:
            stdout.write(USAGE)
            return 0
        if option == "--pretty":
            pretty = True
        elif option == "--keep-going":
            keep_going = True
        elif option == "--input" and rest:
            source = rest.pop(0)
        elif option.startswith("--input="):
            source = option.split("=", 1)[1]
        elif option == "--pack" and rest:
            pack_path = rest.pop(0)
        elif option.startswith("--pack="):
            pack_path = option.split("=", 1)[1]
        else:
            return _fail(
                RulesInputError("arguments", say("unknown option {option!r}", option=option)),
                stderr,
            )
    try:
        config = config_from_environment()
        pack = load_pack_file(pack_path) if pack_path is not None else None
        operation = _operation(command, config, pack)
        if source is None or source == "-":
            document = Document(text_chunks(getattr(stdin, "buffer", stdin), "stdin"))
            return _answer(operation, document, stdout, stderr, pretty, keep_going)
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise RulesInputError(
                "--input",
                say("cannot read {source}: {strerror}", source=source, strerror=error.strerror),
            ) from None
        with handle:
            document = Document(text_chunks(handle, "--input"))
            return _answer(operation, document, stdout, stderr, pretty, keep_going)
    except RulesInputError as error:
        return _fail(error, stderr)


def _answer(
    operation: Callable[[Any], dict[str, Any]],
    document: Document,
    stdout: TextIO,
    stderr: TextIO,
    pretty: bool,
    keep_going: bool,
) -> int:
    if document.is_array:
        return _stream_batch(
            operation, document, stdout=stdout, stderr=stderr, pretty=pretty, keep_going=keep_going
        )
    if not isinstance(document.single, dict):
        raise RulesInputError("$", "must be a JSON object or an array of objects")
    answer = answer_one(operation, document.single)
    stdout.write(json.dumps(answer, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    return 0
