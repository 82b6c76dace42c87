"""`tegak rules` — placeholder until the rules engine lands."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    sys.stderr.write("tegak rules: not available yet\n")
    return 2
