"""Who sees the checks of the audit chain: those whose work is oversight of the process."""

from __future__ import annotations

from typing import Any

from tegak.core.access import Role, instansi_ids_with

CHAIN_READERS = frozenset({Role.AUDITOR, Role.OVERSIGHT, Role.ADMINISTRATOR})


def can_see_chain_checks(user: Any) -> bool:
    """Auditors, oversight and administrators of any instansi, and the installation's superuser
    (the chain is the installation's; a check names an event's number and what is wrong with
    it, never its content)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or instansi_ids_with(user, CHAIN_READERS))
