"""What one page reads more than once, read once for that page.

A page built from several panels (the case page: the deadlines, the timeline, the attendance
days, the posts and superiors of each accused) asks the same question of the registry and the
stored calendars many times. Inside `kept()` the answers of the functions that use `remember`
are kept until the block ends, and nowhere else: no process keeps copies between requests, so
a change saved by one request is seen by the next.

Only for pages that read: a change made inside the block is not seen by an answer kept before
it. The values are shared by the callers within the block, so they are treated as read-only
(the kept functions return immutable values or copies).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_KEPT: ContextVar[dict[Hashable, object] | None] = ContextVar("tegak_page_memo", default=None)


@contextmanager
def kept() -> Iterator[None]:
    """Keep what `remember` computes until the block ends (nested blocks share the outer one)."""
    if _KEPT.get() is not None:
        yield
        return
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def remember(key: Hashable | None, compute: Callable[[], T]) -> T:
    """`compute()`, once per `key` inside `kept()`; every time outside it, or when `key` is None
    (an object not saved yet has no key of its own)."""
    store = _KEPT.get()
    if store is None or key is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]  # type: ignore[return-value]
