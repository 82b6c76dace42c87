"""`tegak remake_evidence_copies`: have the worker make again the cleaned copies of evidence
that an older cleaner made (they may hold what the cleaner now leaves out)."""

from __future__ import annotations

from typing import Any

from tegak.core.commands import TegakCommand
from tegak.intake.services import copies_remake


class Command(TegakCommand):
    help = (
        "Remove the cleaned copies of JPEG and PNG evidence made before 2026-12-07 (they could "
        "keep a phone's further images, text after the image and private PNG chunks) and queue "
        "their making again for the worker. Prints the counts; the originals are not touched."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = copies_remake(actor=None)
        self.stdout.write(
            f"{counts['copies']} copies of {counts['reports']} reports queued to be made again."
        )
