"""What an answer costs besides its key-to-frame time: a diagnostic for issue 11, not a target.

    python bench/walk_frames.py [--presses 40]

Runs bench/app_speed.py's headless walk (`app_walk`: a new declaration, then `--presses` answers) in this
process and prints, per answer (from its key to the next key):
* the screen updates (frames), and how many of them laid the screen out again (the typing of a licence
  before a licence answer counts in its span: it is not timed, but its frames are there);
* the CPU of the first update (the frame that shows the next question), and of the updates after it (the
  sidebar, progress and verdict catching up, and anything a layout asks for a frame later);
* the CPU spent in Python's garbage collector, inside the key-to-frame span and over the whole answer.
Medians (and means where a few answers carry most of it). CPU is the main thread's time, so a busy machine
blurs it less than the wall clock. Exit status 0.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    presses_wanted = parser.parse_args().presses
    print(compile_project())
    os.environ.setdefault("OPENNESS_DATA_DIR", tempfile.mkdtemp(prefix="openness-walk-"))
    from textual.screen import Screen

    updates: list[tuple[float, bool, float]] = []  # (when, a layout, CPU) of each screen update with work
    original_update = Screen._on_timer_update

    def timed_update(screen: Screen) -> None:  # type: ignore[type-arg]
        busy = screen.is_current and (screen._layout_required or screen._dirty_widgets or screen._repaint_required)
        layout, start, cpu = bool(screen._layout_required), time.perf_counter(), time.thread_time()
        original_update(screen)
        if busy:
            updates.append((start, layout, time.thread_time() - cpu))

    Screen._on_timer_update = timed_update  # type: ignore[method-assign]
    collections: list[tuple[float, float]] = []  # (when, CPU) of each garbage collection
    started = [0.0, 0.0]

    def on_gc(phase: str, _info: dict) -> None:
        if phase == "start":
            started[:] = [time.perf_counter(), time.thread_time()]
        else:
            collections.append((started[0], time.thread_time() - started[1]))

    gc.callbacks.append(on_gc)
    presses: list[float] = []
    press = app_speed._press

    def recorded_press(app, key):  # type: ignore[no-untyped-def]
        start = press(app, key)
        presses.append(start)
        return start

    app_speed._press = recorded_press
    # the answers, then only the result opened (the walk ends on it)
    app_speed.OPENINGS = tuple(row for row in app_speed.OPENINGS if row[2:4] == ("QuestionnaireScreen", "ResultScreen"))
    timings = asyncio.run(app_speed.app_walk(presses_wanted))
    count = len(timings["answer"])
    frames, layouts, first, after, gc_in_span, gc_all = [], [], [], [], [], []
    for index in range(count):
        start = presses[index]
        end = presses[index + 1] if index + 1 < len(presses) else start + 0.3
        mine = [u for u in updates if start < u[0] < end]
        frames.append(len(mine))
        layouts.append(sum(1 for u in mine if u[1]))
        first.append(mine[0][2] * 1000 if mine else 0.0)
        after.append(sum(u[2] for u in mine[1:]) * 1000)
        span_end = start + timings["answer"][index] / 1000
        gc_in_span.append(sum(c for when, c in collections if start <= when < span_end) * 1000)
        gc_all.append(sum(c for when, c in collections if start <= when < end) * 1000)
    med, mean = statistics.median, statistics.mean
    print(f"walk of {count} answers (headless, 80x24), per answer from its key to the next key:")
    print(f"  key -> next question      median {med(timings['answer']):.1f} ms (CPU {med(timings['answer cpu']):.1f})")
    print(f"  screen updates            median {med(frames):g}, mean {mean(frames):.2f}")
    print(f"  of them with a layout     median {med(layouts):g}, mean {mean(layouts):.2f} ({sum(layouts)} in all)")
    print(f"  CPU, first update         median {med(first):.1f} ms")
    print(f"  CPU, later updates        median {med(after):.1f} ms, mean {mean(after):.1f}")
    print(f"  CPU, garbage collector    median {med(gc_in_span):.2f} ms key to frame, {med(gc_all):.2f} ms in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
