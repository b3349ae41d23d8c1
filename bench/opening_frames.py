"""What opening a screen costs after its first frame: a diagnostic for issue 11, not a target.

    python bench/opening_frames.py [--walks 3]

Runs bench/app_speed.py's headless walk (`app_walk`: 40 answers, then each screen of its OPENINGS opened three
times) `--walks` times in this process. For every opening, from its key until the walk's next key (the walk
waits 0.1 s after the first frame):
* first frame: the key to the end of the first screen update of the screen it opens (app_speed.py times the
  frame inside that update: its figures are the ones the targets are read from);
* settled: the key to the end of the last update with work (a layout, a widget to draw) of the screen it
  opens, before the walk leaves it: a key pressed before then waits behind those updates;
* layouts: how many of those updates laid the screen out again, and the CPU of the updates after the first.
Medians per row over every opening. Exit status 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import app_speed  # noqa: E402  (the walk this measures)
from compiled import compile_project  # noqa: E402

import questionnaire.app  # noqa: E402,F401  (first: it sets the app's frame pace, TEXTUAL_FPS, before Textual loads)

WORK_MS = 1.0  # a screen update that took less CPU than this had nothing to do


class Openings:
    """The screen updates after each opening's key: (row, key time, [(end, layout, CPU ms)])."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, list[tuple[float, bool, float]]]] = []
        self.current: list[tuple[float, bool, float]] | None = None
        self.opens: str | None = None  # the screen the opening's key opens: only its updates count

    def install(self) -> None:
        from textual.screen import Screen

        openings = self
        by_key = {(on, key): (row, opens) for row, key, on, opens, _first in app_speed.OPENINGS}
        press, refresh_layout = app_speed._press, Screen._refresh_layout

        def timed_press(app, key):  # type: ignore[no-untyped-def]
            row = by_key.get((type(app.screen).__name__, key))
            start = press(app, key)
            openings.current, openings.opens = None, None
            if row is not None:
                openings.current, openings.opens = [], row[1]
                openings.rows.append((row[0], start, openings.current))
            return start

        def timed_refresh_layout(screen: Screen, *args, **kwargs) -> None:  # type: ignore[no-untyped-def,type-arg]
            # every screen update goes through here: the timer's, and the first frame a pushed screen draws
            # when it is resumed; one that had nothing to lay out or draw takes a few microseconds
            layout, cpu = bool(screen._layout_required), time.thread_time()
            refresh_layout(screen, *args, **kwargs)
            spent = (time.thread_time() - cpu) * 1000
            if spent > WORK_MS and openings.current is not None and type(screen).__name__ == openings.opens:
                openings.current.append((time.perf_counter(), layout, spent))

        app_speed._press = timed_press
        Screen._refresh_layout = timed_refresh_layout  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=3)
    walks = parser.parse_args().walks
    print(compile_project())
    openings = Openings()
    openings.install()
    for _ in range(walks):
        with tempfile.TemporaryDirectory(prefix="openness-openings-") as data:
            os.environ["OPENNESS_DATA_DIR"] = data
            asyncio.run(app_speed.app_walk(40))
    print(f"openings after their first frame, medians of {walks} walks x 3 openings (ms; CPU of the later updates)")
    print(f"  {'row':34s} {'first frame':>11s} {'settled':>8s} {'layouts':>8s} {'later CPU':>10s}")
    for row in dict.fromkeys(row for row, _, _ in openings.rows):
        spans = [(start, updates) for name, start, updates in openings.rows if name == row and updates]
        first = statistics.median((updates[0][0] - start) * 1000 for start, updates in spans)
        settled = statistics.median((updates[-1][0] - start) * 1000 for start, updates in spans)
        layouts = statistics.median(sum(layout for _, layout, _ in updates) for _, updates in spans)
        later = statistics.median(sum(cpu for _, _, cpu in updates[1:]) for _, updates in spans)
        print(f"  {row:34s} {first:11.0f} {settled:8.0f} {layouts:8.0f} {later:10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
