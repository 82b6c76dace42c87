"""How fast `tegak extract` reads texts of about 3 KB, against merely tokenising the same texts.

Run: .venv/bin/python bench/extract.py [--texts N] [--rounds R]
Prints texts per second for both (the best of R interleaved passes, so that other work on the
machine disturbs both alike), and the ratio (extraction time / tokenising time), measured in the
same process on one core. The goal is 200 texts per second.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.extract import texts  # noqa: E402

from tegak.extract import extract  # noqa: E402

TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|[^\w\s]")


def corpus(count: int, size: int = 3000) -> list[str]:
    """`count` texts of about `size` characters, shuffled from the seeds and our written texts."""
    pieces = [getattr(texts, name) for name in dir(texts) if name.isupper()]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        pieces += [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    paragraphs = [p for piece in pieces for p in piece.split("\n") if p.strip()]
    chooser = random.Random(20240826)
    built = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(chooser.choice(paragraphs))
        built.append("\n".join(parts)[: size + 400])
    return built


def best_rate(function, items: list[str], rounds: int) -> float:
    """Items per second of the fastest of `rounds` passes (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    items = corpus(options.texts)
    reported_on = date(2024, 9, 18)
    average = sum(len(item.encode()) for item in items) / len(items)
    extract(items[0], reported_on=reported_on)  # warm the regular expression cache

    tokenising = extracting = 0.0
    for _ in range(options.rounds):  # interleaved, so both see the same machine load
        tokenising = max(tokenising, best_rate(TOKEN.findall, items, 1))
        extracting = max(
            extracting, best_rate(lambda text: extract(text, reported_on=reported_on), items, 1)
        )
    print(f"texts: {len(items)}, average {average / 1024:.1f} KB")
    print(f"tokenising: {tokenising:,.0f} texts/s")
    print(f"extracting: {extracting:,.0f} texts/s (goal 200)")
    print(f"ratio: extraction takes {tokenising / extracting:.1f}x the time of tokenising")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
