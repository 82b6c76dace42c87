"""`tegak retention policy|dry-run|run`: the retention periods of an instansi, what would be
deleted, and the deletion itself (only where an administrator switched it on after a dry run)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tegak.core.errors import InputError
from tegak.people.models import Instansi


class Command(BaseCommand):
    help = "Retention of records: policy, dry-run, run (see docs/retention.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["policy", "dry-run", "run"])
        parser.add_argument("--instansi", help="instansi code (run: every instansi if omitted)")
        parser.add_argument("--as-of", help="YYYY-MM-DD (default today)")
        parser.add_argument("--json", action="store_true", help="answer as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from tegak.retention import engine, services
        from tegak.retention.models import RetentionSettings
        from tegak.retention.policy import RULES
        from tegak.retention.tasks import retention_actor

        as_of = None
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("--as-of must be YYYY-MM-DD") from None
        code = options["instansi"]
        instansi = None
        if code:
            instansi = Instansi.objects.filter(code=code).first()
            if instansi is None:
                raise CommandError(f"no instansi with code {code!r}")
        action = options["action"]
        if action in ("policy", "dry-run") and instansi is None:
            raise CommandError(f"{action} needs --instansi CODE")
        actor = retention_actor()
        if action == "policy":
            assert instansi is not None
            months = engine.periods(instansi)
            answer: Any = [
                {
                    "record_class": name,
                    "months": months[name],
                    "default_months": rule.months,
                    "deletes": rule.deletes,
                    "basis": rule.basis,
                }
                for name, rule in RULES.items()
            ]
        elif action == "dry-run":
            assert instansi is not None
            run = services.dry_run(actor=actor, instansi=instansi, as_of=as_of)
            answer = {"as_of": run.as_of.isoformat(), "counts": run.counts, "items": run.items}
        else:
            targets = (
                [instansi]
                if instansi
                else [
                    row.instansi
                    for row in RetentionSettings.objects.filter(
                        deletion_enabled=True
                    ).select_related("instansi")
                ]
            )
            answer = {}
            # Progress per committed batch (stderr with --json, so stdout stays JSON).
            report_to = self.stderr if options["json"] else self.stdout
            for target in targets:

                def progress(batch: int, counts: dict[str, int], total: dict[str, int]) -> None:
                    done = sum(total.values())
                    report_to.write(
                        f"{target.code}: batch {batch}: {counts or 'nothing due'} "  # noqa: B023
                        f"({done} records so far)"
                    )

                try:
                    run = services.delete_due(
                        actor=actor, instansi=target, as_of=as_of, progress=progress
                    )
                except InputError as error:
                    raise CommandError(f"{target.code}: {error.message}") from None
                answer[target.code] = run.counts
        if options["json"]:
            self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
            return
        if action == "policy":
            for line in answer:
                kept = "kept" if line["months"] is None else f"{line['months']} months"
                what = "deleted" if line["deletes"] else "listed only"
                self.stdout.write(f"{line['record_class']:22} {kept:12} {what:12} {line['basis']}")
        elif action == "dry-run":
            for item in answer["items"]:
                self.stdout.write(
                    f"{item['record_class']:22} {item['reference']:28} from {item['from']} "
                    f"due {item['due_on']} ({item['items']} items)"
                )
            self.stdout.write(f"would delete: {answer['counts']}")
        else:
            for target_code, counts in answer.items():
                self.stdout.write(f"{target_code}: deleted {counts}")
