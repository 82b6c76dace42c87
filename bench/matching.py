"""Fuzzy name matching (`tegak.extract.matching.match_name`) with RapidFuzz against the difflib
version it replaced, measured in the same process on the same synthetic registry.

Run: .venv/bin/python bench/matching.py [--registry N] [--queries Q] [--rounds R]
Prints queries per second for both (best of R interleaved passes) and the ratio new/old time.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tegak.extract import matching  # noqa: E402

FIRST = ["Reny", "Budi", "Siti", "Agus", "Dewi", "Joko", "Tri", "Sri", "Ahmad", "Nur", "Eko"]
LAST = ["Hendrawati", "Santoso", "Rahayu", "Wibowo", "Lestari", "Adhianto", "Susanto", "Hidayat"]


def difflib_score(query, candidate):
    """The scoring before RapidFuzz (difflib), kept here only to compare."""
    if not query or not candidate:
        return 0.0, "empty"
    if query == candidate:
        return 1.0, "same_name"
    if sorted(query) == sorted(candidate):
        return 0.95, "same_words_other_order"
    shorter, longer = sorted((query, candidate), key=len)
    if set(shorter) <= set(longer):
        share = sum(len(word) for word in shorter) / sum(len(word) for word in longer)
        return round(min(0.85, 0.45 + 0.4 * share), 2), "part_of_name"
    best = [
        max(difflib.SequenceMatcher(None, word, other).ratio() for other in candidate)
        for word in query
    ]
    if min(best) < 0.75:
        return 0.0, "different"
    coverage = len(query) / max(len(query), len(candidate))
    return round(0.9 * sum(best) / len(best) * (0.7 + 0.3 * coverage), 2), "similar_spelling"


def registry(count: int) -> list[tuple[int, str]]:
    chooser = random.Random(7)
    return [
        (index, f"{chooser.choice(FIRST)} {chooser.choice(FIRST)}a {chooser.choice(LAST)}")
        for index in range(count)
    ]


def best_time(function, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    people = registry(args.registry)
    queries = ["Reni Hendrawaty", "Djoko Santosa", "Sity Rahayu", "Agoes Wibowo"] * (
        args.queries // 4
    )
    new_score = matching._score

    def run_new():
        matching._score = new_score
        return [matching.match_name(query, people) for query in queries]

    def run_old():
        matching._score = difflib_score
        try:
            return [matching.match_name(query, people) for query in queries]
        finally:
            matching._score = new_score

    same = run_new() == run_old()
    new_time = old_time = float("inf")
    for _ in range(args.rounds):
        new_time = min(new_time, best_time(run_new, 1))
        old_time = min(old_time, best_time(run_old, 1))
    print(f"registry {args.registry}, {len(queries)} queries, same answers: {same}")
    print(f"difflib   {len(queries) / old_time:8.1f} queries/s")
    print(f"rapidfuzz {len(queries) / new_time:8.1f} queries/s")
    print(f"ratio (rapidfuzz time / difflib time): {new_time / old_time:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
