"""CPU priority of the worker (no Django here: tested in a bare interpreter)."""

from __future__ import annotations

import os


def lower_priority(nice: int) -> None:
    """Lower this process's CPU priority (its children inherit it).

    On Linux with automatic process groups (`kernel.sched_autogroup_enabled`, the default on
    many distributions), a process started in a session of its own — as `tegak serve` starts
    the worker — is in a scheduling group of its own, and the CPU is shared between groups
    first: a niced process in its own group still got as much CPU as all the web workers
    together (issue #16's intake bench). So the group's nice value is lowered too, where the
    kernel has one."""
    os.nice(nice)
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(nice))
    except OSError:
        pass  # no autogroups here (or not allowed): the process's own nice value is enough
