"""The worker beside the web server runs below the web workers' CPU priority, also where Linux
shares the CPU between automatic process groups first (issue #16: `tegak serve` starts the
worker in a session of its own, so in its own group, where its nice value alone changed
nothing against the web workers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import os
from tegak.jobs.priority import lower_priority
lower_priority(10)
print(os.nice(0))
try:
    print(open("/proc/self/autogroup").read().split()[-1])
except OSError:
    print("none")
"""


def test_a_worker_in_a_session_of_its_own_lowers_its_group_too():
    if not Path("/proc/self/autogroup").exists():
        pytest.skip("this kernel has no automatic process groups")
    if os.nice(0) != 0:
        pytest.skip("the test process already runs below normal priority")
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # as tegak.core.server starts the worker
        check=True,
    )
    nice, group_nice = probe.stdout.split()
    assert nice == "10"
    assert group_nice == "10"
