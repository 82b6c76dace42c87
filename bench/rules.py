"""Rules engine throughput: assessments and deadline computations per second, one core.

Each measurement runs the batch path of `tegak rules` (a JSON array in, answers out) and a
trivial baseline in the same process: parsing the same JSON text without assessing. The ratio
says how much the law costs on top of reading the request.

Times are CPU time of this process (time.process_time), best of 5, so other load on the
machine disturbs them less. Run: .venv/bin/python bench/rules.py [--count N]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from typing import Any

from tegak.rules import RulesConfig, assess, deadlines
from tegak.rules.cli import run_batch

PROVISIONS_BY_IMPACT = [
    "pp-94-2021:3:c",
    "pp-94-2021:3:d",
    "pp-94-2021:3:f",
    "pp-94-2021:5:f",
    "pp-94-2021:5:j",
    "pp-94-2021:4:c",
]
ALWAYS = ["pp-94-2021:5:a", "pp-94-2021:5:k", "pp-94-2021:4:i", "pp-94-2021:5:n:2"]
POSITIONS = ["pelaksana", "pengawas", "administrator", "fungsional_ahli_muda", "jpt_pratama"]
LEVELS = ["pusat", "provinsi", "kabupaten_kota"]
STEPS = [
    "summons_issued",
    "summons_missed",
    "decision_set",
    "decision_received",
    "objection_received",
    "appeal_received",
]


def assessment_requests(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """A realistic mix: most are attendance findings, the rest conduct offences."""
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        employee = {
            "status": rng.choice(["PNS", "PNS", "PNS", "CPNS", "PPPK"]),
            "position": rng.choice(POSITIONS),
            "instansi_level": rng.choice(LEVELS),
            "instansi": "kota-sukamaju",
        }
        kind = rng.random()
        if kind < 0.6:
            unexcused = rng.randint(0, 35)
            offence = {
                "provision": "pp-94-2021:4:f",
                "committed_on": "2025-06-30",
                "absence": {
                    "year": 2025,
                    "unexcused_days": unexcused,
                    "late_minutes": rng.randint(0, 900),
                    "longest_consecutive_days": rng.randint(0, unexcused),
                },
            }
        elif kind < 0.9:
            offence = {
                "provision": rng.choice(PROVISIONS_BY_IMPACT),
                "committed_on": "2024-03-04",
                "impact": rng.choice(["unit_kerja", "instansi", "negara"]),
            }
        else:
            offence = {"provision": rng.choice(ALWAYS), "committed_on": "2021-05-04"}
        requests.append(
            {
                "as_of": "2025-11-25",
                "employee": employee,
                "offences": [offence],
                "prior_sanctions": [
                    {
                        "sanction": "teguran_lisan",
                        "provision": offence["provision"],
                        "decided_on": "2020-01-06",
                    }
                ]
                if kind > 0.8
                else [],
            }
        )
    return requests


def deadline_requests(count: int, seed: int = 11) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "step": rng.choice(STEPS),
            "on": f"20{rng.randint(22, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "calendar": rng.choice(["national", "kota-sukamaju"]),
        }
        for _ in range(count)
    ]


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return min(times)


def measure(name: str, text: str, count: int, operation: Callable[[Any], dict[str, Any]]) -> None:
    run_batch(operation, json.loads(text))  # warm the holiday cache and the code paths
    baseline = best_of(5, lambda: json.loads(text))
    engine = best_of(5, lambda: run_batch(operation, json.loads(text)))
    print(
        f"{name}: {count / engine:,.0f} per second ({engine * 1e6 / count:.1f} µs each); "
        f"baseline JSON parse {count / baseline:,.0f} per second; "
        f"ratio engine/baseline {engine / baseline:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    count = parser.parse_args().count
    config = RulesConfig()
    measure(
        "assess (batch)",
        json.dumps(assessment_requests(count)),
        count,
        lambda payload: assess(payload, config=config),
    )
    measure(
        "deadlines (batch)",
        json.dumps(deadline_requests(count)),
        count,
        lambda payload: deadlines(payload, config=config),
    )


if __name__ == "__main__":
    main()
