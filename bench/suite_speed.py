"""The README's test command, timed against the suite as it was when issue 11 was filed, in the same run.

    python bench/suite_speed.py [--against REV] [--runs N]

Issue 11 asks for the test command to finish in at most half the time it took then (84 s on the day it
was filed). This machine's speed moves by more than that from one hour to the next, so the baseline is
measured here, alternated with this checkout: a git worktree of `--against` (default a6c266f, the last
commit before the issue's work: its suite ran in one process) is made beside this checkout, so that it
finds the same MOT records (`../shared`), and removed at the end. Each tree runs `python -m pytest` (the
README's test command, with that tree's own pytest options) with this interpreter, `--runs` times,
alternated. Prints each run's wall time and test count, the medians, and this checkout's median as a ratio
of the baseline's, against the target (<= 0.5x). Exit 1 when the target is missed or a run fails.

The test environment must hold what both suites need (`pip install -e '.[test]'` here does). Both trees run
with the environment as it is (so, on a machine that sets PYTHONDONTWRITEBYTECODE, the baseline compiles
its modules at each start, as its suite did then). Takes minutes: the baseline took 8 minutes a run on a
slow day."""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "a6c266f"
TARGET = 0.5


def run_suite(tree: Path) -> tuple[float, str]:
    """(wall seconds, pytest's last line) of the README's test command in `tree`."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest"], cwd=tree, capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    last = re.sub(r"^=+ | =+$", "", lines[-1]) if lines else "(no output)"
    if done.returncode != 0:
        raise SystemExit(f"the suite failed in {tree} (exit {done.returncode}): {last}")
    return wall, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default=BASELINE, help=f"the baseline revision (default {BASELINE})")
    parser.add_argument("--runs", type=int, default=2, help="runs of each suite, alternated (default 2)")
    args = parser.parse_args(argv)
    revision = subprocess.run(
        ["git", "rev-parse", "--short", args.against], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    baseline = ROOT.parent / f"{ROOT.name}-suite-speed-{revision}"
    if baseline.exists():
        print(f"{baseline} exists already: remove it first", file=sys.stderr)
        return 2
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(baseline), revision], cwd=ROOT, check=True)
    walls: dict[str, list[float]] = {"baseline": [], "now": []}
    try:
        for run in range(1, args.runs + 1):
            for name, tree in (("baseline", baseline), ("now", ROOT)):
                wall, last = run_suite(tree)
                walls[name].append(wall)
                print(f"  run {run}, {name:8} {wall:6.1f} s   {last}", flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False)
        shutil.rmtree(baseline, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)
    before, now = statistics.median(walls["baseline"]), statistics.median(walls["now"])
    ratio = now / before
    verdict = "ok" if ratio <= TARGET else "OVER"
    print(f"the README's test command: {now:.1f} s median against {before:.1f} s at {revision}")
    print(f"  ratio {ratio:.2f}x  target <= {TARGET}x  {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
