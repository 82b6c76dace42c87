"""How fast `tegak extract` reads texts of about 3 KB, against merely tokenising the same texts.

Run: .venv/bin/python bench/extract.py [--texts N] [--seconds S]
Prints texts per second for both, and the ratio (extraction time / tokenising time), measured in
the same process on one core. The goal is 200 texts per second.
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


def rate(function, items: list[str], seconds: float) -> float:
    """Items per second over at least `seconds` of work."""
    done = 0
    started = time.perf_counter()
    while True:
        for item in items:
            function(item)
        done += len(items)
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=3.0)
    options = parser.parse_args()
    items = corpus(options.texts)
    reported_on = date(2024, 9, 18)
    average = sum(len(item.encode()) for item in items) / len(items)
    extract(items[0], reported_on=reported_on)  # warm the regular expression cache

    tokenising = rate(TOKEN.findall, items, options.seconds)
    extracting = rate(lambda text: extract(text, reported_on=reported_on), items, options.seconds)
    print(f"texts: {len(items)}, average {average / 1024:.1f} KB")
    print(f"tokenising: {tokenising:,.0f} texts/s")
    print(f"extracting: {extracting:,.0f} texts/s (goal 200)")
    print(f"ratio: extraction takes {tokenising / extracting:.1f}x the time of tokenising")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
