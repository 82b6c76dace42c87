"""`tegak rotate_identity_keys`: re-seal every reporter identity under the newest key."""

from __future__ import annotations

from typing import Any

from tegak.core.commands import TegakCommand
from tegak.intake.services import identity_keys_rotate


class Command(TegakCommand):
    help = (
        "Re-encrypt every sealed reporter identity with the first key of TEGAK_IDENTITY_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = identity_keys_rotate(actor=None)
        self.stdout.write(f"{count} identities re-sealed under the newest key.")
