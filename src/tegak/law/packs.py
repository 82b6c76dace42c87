"""Rule packs for the pages above `law`: the shipped packs with their evidence, and writing a
pack as JSON or TOML (the engine's `tegak.rules.packs` does the reading and checking)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tegak.rules.packs import dump_pack, load_pack, shipped_pack_text, shipped_packs


def shipped_text(name: str) -> str:
    """The text of a pack shipped with Tegak; KeyError when there is none by that name."""
    return shipped_pack_text(name)


def shipped_summaries() -> list[dict[str, Any]]:
    """Each shipped pack: its title, instansi, schedules, rules and how its items are known."""
    summaries = []
    for name in shipped_packs():
        pack = load_pack(shipped_pack_text(name), name=name)
        statuses = Counter(item["status"] for item in pack.evidence())
        summaries.append(
            {
                "name": name,
                "title": pack.title,
                "description": str(pack.document.get("description") or ""),
                "instansi": pack.instansi.name,
                "instansi_code": pack.instansi.code,
                "schedules": sorted(pack.schedules),
                "rules": [rule.citation for rule in pack.rules],
                "statuses": dict(statuses),
                "evidence": pack.evidence(),
            }
        )
    return summaries


def dump(document: dict[str, Any], *, fmt: str) -> str:
    """The pack as JSON or TOML text."""
    return dump_pack(document, fmt=fmt)
