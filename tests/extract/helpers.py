"""Project an extraction answer onto the facts a reader checks (no offsets)."""

from __future__ import annotations

from typing import Any

FIELDS = {
    "events": (
        "date",
        "date_end",
        "time",
        "time_end",
        "timezone",
        "kind",
        "relative",
        "year_inferred",
        "text",
    ),
    "people": ("name", "role", "organisation"),
    "organisations": ("name", "kind"),
    "employee_groups": ("status", "term", "count"),
    "regulations": ("kind", "number", "year", "region", "region_from_context", "date"),
    "allegations": ("category", "provision"),
}


def facts(answer: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each list of the answer, each item reduced to the fields a reader checks."""
    return {
        key: [{name: item[name] for name in names if name in item} for item in answer[key]]
        for key, names in FIELDS.items()
    }
