"""How much of the test suite's CPU goes to Python's garbage collector: a pytest plugin, a diagnostic for issue 11.

    PYTHONPATH=bench python -m pytest -p suite_gc

Each test process (every xdist worker, and the controller) sums the CPU time of its collections, by
generation, from gc callbacks, and its own CPU time; at the end the controller prints the totals of all of
them in one line. The figures move with the machine like any CPU time; compare runs made one after the other.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

_SPENT = [0.0, 0.0, 0.0]  # CPU seconds in collections of generation 0, 1 and 2
_COUNT = [0, 0, 0]
_STARTED = [0.0]


def _on_gc(phase: str, info: dict) -> None:
    if phase == "start":
        _STARTED[0] = time.thread_time()
    else:
        _SPENT[info["generation"]] += time.thread_time() - _STARTED[0]
        _COUNT[info["generation"]] += 1


gc.callbacks.append(_on_gc)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist): where the figures go
        os.environ["SUITE_GC_DIR"] = tempfile.mkdtemp(prefix="suite-gc-")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = Path(os.environ["SUITE_GC_DIR"])
    mine = {"spent": _SPENT, "count": _COUNT, "cpu": time.process_time()}
    (folder / f"{os.getpid()}.json").write_text(json.dumps(mine))
    if hasattr(config, "workerinput"):
        return
    figures = [json.loads(path.read_text()) for path in folder.glob("*.json")]
    spent = [sum(f["spent"][g] for f in figures) for g in range(3)]
    count = [sum(f["count"][g] for f in figures) for g in range(3)]
    cpu = sum(f["cpu"] for f in figures)
    print(
        f"\nsuite_gc: {len(figures)} processes, CPU {cpu:.1f} s, of it in the garbage collector {sum(spent):.1f} s "
        f"(generations 0/1/2: {spent[0]:.1f}/{spent[1]:.1f}/{spent[2]:.1f} s; {count[0]}/{count[1]}/{count[2]} "
        "collections)"
    )
