"""How long a workshop's first example takes to open from the welcome screen.

    python bench/example_open.py [--runs 7] [--read 1.5]

Each run is a fresh process (the first opening is the one that loads what an example needs): the welcome
screen until its warm-up is done, `e`, the examples list read for `--read` seconds (as a user reads it;
what an example opens loads in the background meanwhile), then Enter on the first example. Timed from
Enter to the first frame of its result that shows the example's answers (bench/app_speed.py's frame
recorder, headless, 80x24). An example opened from another example's result is app_speed.py's row
"open example (Enter in examples)".

Prints the median of the runs (wall clock, and the main thread's CPU beside it) as a ratio to the target,
100 ms, as app_speed.py does for its openings. Exit status 0 when the median meets it, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

TARGET_MS = 100


async def open_first_example(read: float) -> tuple[float, float]:
    """(ms, CPU ms) from Enter on the first example to its result drawn, in this process's app."""
    import app_speed

    from questionnaire.app.app import OpennessApp

    app = OpennessApp(data_dir=Path(os.environ["OPENNESS_DATA_DIR"]), cursor_blink=False)
    frames = app_speed.record_frames(app)
    async with app.run_test(size=app_speed.SIZE) as pilot:
        await app_speed._wait(lambda: type(app.screen).__name__ == "WelcomeScreen", "the welcome screen")
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        await pilot.press("e")
        await app_speed._wait(
            lambda: type(app.screen).__name__ == "ExamplesScreen" and app.screen.is_mounted, "the examples"
        )
        await pilot.pause(read)
        await app.workers.wait_for_complete()
        start = app_speed._press(app, "enter")
        await app_speed._wait(lambda: app_speed.first_frame(frames, start, "ResultScreen") is not None, "the result")
        drawn = app_speed.first_frame(frames, start, "ResultScreen")
        assert drawn is not None
        return (drawn - start) * 1000, app_speed._cpu_ms(start, drawn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes (default 7)")
    parser.add_argument("--read", type=float, default=1.5, help="seconds on the examples list (default 1.5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(open_first_example(args.read))))
        return 0

    from compiled import compile_project

    compile_project()
    runs = []
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, OPENNESS_DATA_DIR=data, PYTHONPATH=str(BENCH.parent))
        for _ in range(args.runs):
            command = [sys.executable, __file__, "--child", "--read", str(args.read)]
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    wall = statistics.median(ms for ms, _ in runs)
    cpu = statistics.median(cpu for _, cpu in runs)
    met = wall <= TARGET_MS
    print(f"example from the welcome screen (e, {args.read:g} s reading, Enter), median of {args.runs} processes:")
    print(
        f"  {wall:.0f} ms (CPU {cpu:.0f}), each: {', '.join(f'{ms:.0f}' for ms, _ in runs)}"
        f"  {wall / TARGET_MS:.2f}x  <= {TARGET_MS} ms  {'ok' if met else 'OVER'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
