"""What composing no unseen frame (tests/conftest.py, `_draw_frames_only_when_read`) saves the app tests.

    python bench/suite_frames.py [--runs 3] [MODULE ...]

Each run is two pytest processes on the same app test modules (default: the questionnaire's paths, its
behaviour and a new user's walk), one process each, one drawing every frame
(OPENNESS_TESTS_DRAW_EVERY_FRAME=1) and one as the suite runs, interleaved. Printed: the CPU time of each
(the process and what it started), medians of the runs, and their ratio. A diagnostic of the test suite, not a
target of the app; the figures move with the machine, so only the ratio of one run is compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("tests/test_app_paths.py", "tests/test_app_behaviour.py", "tests/test_app_new_user.py")
KINDS = {"every frame": "1", "read frames only": ""}


def cpu_of(modules: list[str], every_frame: str) -> float:
    """CPU seconds of one pytest process on `modules` and of the processes it started; it must pass."""
    env = dict(os.environ, OPENNESS_TESTS_DRAW_EVERY_FRAME=every_frame)
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:randomly", *modules]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # its rusage, and that of what it waited for
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"pytest failed:\n{out.decode(errors='replace')[-3000:]}")
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="pairs of processes (default 3)")
    parser.add_argument("modules", nargs="*", default=list(MODULES), help="test modules (default: three app ones)")
    args = parser.parse_args()
    figures: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(args.runs):
        for kind, value in KINDS.items():
            figures[kind].append(cpu_of(args.modules, value))
    med = {kind: statistics.median(values) for kind, values in figures.items()}
    print(f"CPU of {' '.join(Path(m).name for m in args.modules)}, one process, medians of {args.runs} runs:")
    for kind, values in figures.items():
        print(f"  {kind:<17} {med[kind]:6.1f} s  (runs: {', '.join(f'{v:.1f}' for v in values)})")
    print(f"  read frames only / every frame: {med['read frames only'] / med['every frame']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
