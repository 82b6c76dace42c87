"""`tegak extract` — placeholder until the extractor lands."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    sys.stderr.write("tegak extract: not available yet\n")
    return 2
