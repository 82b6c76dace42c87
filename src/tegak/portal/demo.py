"""Demo data of the portal: the register built from the demo cases (run after the cases loader)."""

from __future__ import annotations

from typing import Any

from tegak.portal.services import register_refresh


def load(out: Any) -> None:
    """Bring the public register up to date with the demo's case file (idempotent)."""
    written = register_refresh()
    out.write(f"Public register: {written} entries\n")
