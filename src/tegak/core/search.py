"""Free-text search for staff lists: PostgreSQL full-text search, a simpler match on SQLite.

The case list calls `case_search(queryset, text)` on the queryset its selector already limited
to what the actor may see; this only narrows it further.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

MAX_LENGTH = 100


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_LENGTH]


def case_search(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Cases whose register number starts with, or whose summary, accused names or provisions
    contain, the words of `text` (every word must match somewhere)."""
    words = _clean(text)
    if not words:
        return queryset
    number = Q(register_number__istartswith=words)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(
            "summary", "accused__employee__name", "allegations__provision", config="simple"
        )
        query = SearchQuery(words, search_type="websearch", config="simple")
        matches = queryset.model.objects.annotate(search=vector).filter(search=query)
        return queryset.filter(number | Q(pk__in=matches.values("pk"))).distinct()
    condition = Q()
    for word in words.split(" "):
        condition &= (
            Q(summary__icontains=word)
            | Q(accused__employee__name__icontains=word)
            | Q(allegations__provision__icontains=word)
        )
    return queryset.filter(number | condition).distinct()
