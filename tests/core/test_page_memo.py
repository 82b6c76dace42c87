"""A page's repeated reads are made once inside `page_memo.kept()` and never kept beyond it."""

from __future__ import annotations

import threading

from tegak.core import page_memo


def test_answers_are_kept_for_the_block_only_and_per_key() -> None:
    calls: list[str] = []

    def read(key: str) -> str:
        return page_memo.remember(("test", key), lambda: calls.append(key) or key.upper())

    assert read("a") == "A" and read("a") == "A"
    assert calls == ["a", "a"]  # outside a block: asked every time
    with page_memo.kept():
        assert [read("a"), read("b"), read("a"), read("b")] == ["A", "B", "A", "B"]
        with page_memo.kept():  # a nested block shares the page's answers
            assert read("a") == "A"
        assert read("a") == "A"
    assert calls == ["a", "a", "a", "b"]
    assert read("a") == "A"  # the block's answers are gone with it
    assert calls == ["a", "a", "a", "b", "a"]


def test_no_key_means_no_keeping_and_other_threads_keep_nothing() -> None:
    calls: list[int] = []
    with page_memo.kept():
        for _ in range(2):
            page_memo.remember(None, lambda: calls.append(1))
        seen: list[int] = []

        def elsewhere() -> None:  # another request's thread has no page block of its own
            page_memo.remember(("test", "x"), lambda: seen.append(1))
            page_memo.remember(("test", "x"), lambda: seen.append(1))

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
    assert calls == [1, 1]
    assert seen == [1, 1]
