"""Rules engine throughput: assessments and deadline computations per second, one core.

Each measurement runs the batch path of `tegak rules` (a JSON array in, answers out) and a
trivial baseline in the same process: parsing the same JSON text without assessing. The ratio
says how much the law costs on top of reading the request.

Times are CPU time of this process (time.process_time), best of 5, so other load on the
machine disturbs them less.

Memory: the real `tegak rules assess --input FILE` answers a batch of `--memory-count` items
(default 1,000,000) element by element; its peak resident memory is printed beside the in-run
baseline, the same command answering one request (the interpreter and the engine loaded), and
beside a batch a tenth the size (a flat peak means memory does not grow with the batch).

Run: .venv/bin/python bench/rules.py [--count N] [--memory-count N] (--memory-count 0 skips it)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
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
    return list(assessment_stream(count, seed))


def assessment_stream(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """The same mix, one request at a time."""
    rng = random.Random(seed)
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
        yield (
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


def peak_memory(argv: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) and wall time (s) of a command, its output thrown away."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"{argv} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def write_batch(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for index, item in enumerate(assessment_stream(count)):
            handle.write((", " if index else "") + json.dumps(item))
        handle.write("]")


def measure_memory(count: int) -> None:
    tegak = str(Path(sys.executable).with_name("tegak"))
    with tempfile.TemporaryDirectory() as folder:
        one, small, big = (
            Path(folder, "one.json"),
            Path(folder, "small.json"),
            Path(folder, "big.json"),
        )
        one.write_text(json.dumps(next(assessment_stream(1))))
        write_batch(small, max(count // 10, 1))
        write_batch(big, count)
        baseline, _ = peak_memory([tegak, "rules", "assess", "--input", str(one)])
        tenth, _ = peak_memory([tegak, "rules", "assess", "--input", str(small)])
        peak, seconds = peak_memory([tegak, "rules", "assess", "--input", str(big)])
        size = big.stat().st_size / 1024 / 1024
    print(
        f"assess batch memory: {count:,} items ({size:,.0f} MB of JSON) peak {peak:.0f} MB "
        f"in {seconds:.0f} s; baseline one request {baseline:.0f} MB; "
        f"{max(count // 10, 1):,} items {tenth:.0f} MB; "
        f"above baseline {peak - baseline:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--memory-count", type=int, default=1_000_000)
    arguments = parser.parse_args()
    count = arguments.count
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
    if arguments.memory_count:
        measure_memory(arguments.memory_count)


if __name__ == "__main__":
    main()
