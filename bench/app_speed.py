"""How fast the app feels, each figure a ratio to a minimal Textual app measured in the same run.

    python bench/app_speed.py [--runs 7] [--walks 5] [--presses 40] [--no-tmux] [--cli-runs 5]

Every timing below is the median of several fresh processes, the app's and the minimal app's
interleaved, so that a busy moment of the machine hits both alike.

* First screen (headless): from the parent's clock just before it starts a fresh Python to the first frame
  of the first screen. Target: at most 1.1x the minimal app (Header, Static, Footer). Beside it, the CPU
  time of the same processes up to that frame (diagnostic: a busy machine inflates the wall clock more).
* First screen in a real terminal: the same, each app launched in a tmux window (bench/app_tmux.py).
  Target: at most 1.1x. Skipped, and said so, without tmux (or with --no-tmux).
* Peak memory: ru_maxrss of the headless first-screen processes, each kept on its first screen until the
  app has nothing left to do in the background (the warm-up that loads what the questionnaire needs).
  Target: at most 1.2x the minimal app.
* Answer to next question: in a headless walk (a new declaration, then `--presses` answers: y/n, a
  choice's number, Enter on a typed answer or on a licence in the picker), from the key to the first frame
  drawn with the next question. The floor: a minimal app that redraws two labels after a key, timed the
  same way in its own process. Targets: median at most 3x the floor's median, p90 at most 5x it. The
  minimal app draws at Textual's default pace (TEXTUAL_FPS, 60 frames a second), the app at its own (120,
  questionnaire/app/__init__.py); a TEXTUAL_FPS set in the environment sets both.
* Opening a screen: in the same walk's process, from the key to the first frame of the new screen: help
  (F1), the glossary (Ctrl+G), the command palette (Ctrl+P), the review (Ctrl+R), the result (Ctrl+T), and
  from the result what if (w), compare (c) and the examples (e), and from the examples opened there an
  example on its result (Enter; e pressed first, untimed). Each is opened three times per process; the
  target row is the first opening (the one a user waits for: its code and data load then), median over
  the walks; later openings are shown beside it. A frame counts only once it shows the answers now open:
  the example's, not those of the result it was opened from. Target: at most 100 ms.
* `openness classify --json` of all the MOT records in one call, against one record (OLMo-7B): bench/
  cli_speed.py's measurement, `--cli-runs` interleaved runs of each. Target: at most 2x. Skipped, and said
  so, without the records beside the checkout (../shared/data/mot/models) or with --cli-runs 0.

Before any timing, the project's modules are byte-compiled, as `pip install .` leaves them (bench/compiled.py).
The apps run with a temporary data folder (OPENNESS_DATA_DIR), so no draft of yours is read or written.
Beside each wall-clock figure of the walks, the main thread's CPU time over the same span ("CPU"): the
work the app did, which a busy machine (another process on the same cores) does not inflate the way it
inflates the wall clock. It includes the bench's own polling (every millisecond, on the same thread) for
both apps alike. The verdicts rest on the wall clock, as the targets are written.

Exit status 0 when every target is met, 1 otherwise. APP_SPEED_TRACE=1 prints every timed answer.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (80, 24)
TRACE = bool(os.environ.get("APP_SPEED_TRACE"))
CPU: dict[float, float] = {}  # a moment of the walk (perf_counter) -> the main thread's CPU time then

# ------------------------------------------------------------------ the children


def minimal_app():  # type: ignore[no-untyped-def]
    """The floor: the smallest app with a header, some text and a footer; a key redraws two labels."""
    from textual.app import App
    from textual.widgets import Footer, Header, Label, Static

    class Minimal(App[None]):
        count = 0

        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Static("Hello: the smallest app with a header, some text and a footer.")
            yield Label("", id="one")
            yield Label("", id="two")
            yield Footer()

        def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
            self.count += 1
            self.query_one("#one", Label).update(f"pressed {event.key} ({self.count})")
            self.query_one("#two", Label).update(f"{self.count} keys so far")
            self.changed = time.perf_counter()

    return Minimal()


# the frames (by time) drawn by a screen that shows answers (`_shown`: the session it drew, as the result
# screen keeps it) from another session than the app's: not yet the frame an opening waits for
STALE: set[float] = set()


def record_frames(app) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """(time, screen class) of every frame the app draws from now on."""
    frames: list[tuple[float, str]] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None and not app._batch_count:
            now = time.perf_counter()
            CPU[now] = time.thread_time()
            shown = getattr(screen, "_shown", None)
            if shown is not None and shown[0] is not app.session:
                STALE.add(now)
            frames.append((now, type(screen).__name__))

    app._display = display
    return frames


def child_first_screen(t0: float, kind: str) -> None:
    """Print the seconds from `t0` to the first frame of the first screen, then, once nothing runs in the
    background (workers) for 0.1 s, quit; the parent reads the peak memory."""
    if kind == "minimal":
        app = minimal_app()
        first = None
    else:
        from questionnaire.app.app import OpennessApp

        app = OpennessApp()
        first = "WelcomeScreen"
    shown: list[float] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None and not shown and (first is None or type(screen).__name__ == first):
            shown.append(time.time())
            print(f"{shown[0] - t0:.6f} {time.process_time():.6f}", flush=True)
            app.set_interval(0.02, idle)

    quiet: list[float] = []

    def idle() -> None:
        busy = any(not worker.is_finished for worker in app.workers)
        quiet.append(time.time()) if not busy else quiet.clear()
        if quiet and quiet[-1] - quiet[0] >= 0.1:
            app.exit()

    app._display = display
    app.run(headless=True, size=SIZE)


YES = ("model_parameters_final", "model_architecture", "training_code", "datasets", "model_card")


def _key_for(question) -> str:  # type: ignore[no-untyped-def]
    """The key that answers: yes for a few components (so that every kind of question comes up: where,
    the licence picker, access), no for the rest, the first access choice, the last other choice, and
    Enter (skip, or choose the licence typed) for the typed ones."""
    if question.type == "bool":
        return "y" if question.component in YES or question.id.startswith("data_information") else "n"
    if question.type == "choice":
        return "1" if question.id.endswith(".access") else str(len(question.choices))
    return "enter"


async def _wait(condition, what: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


def first_frame(frames: list[tuple[float, str]], start: float, screen: str) -> float | None:
    """When the first frame of `screen` after `start` that shows the app's answers now was drawn, if yet."""
    return next((t for t, name in frames if t > start and name == screen and t not in STALE), None)


def _press(app, key: str) -> float:  # type: ignore[no-untyped-def]
    """Send a key as the terminal would (through the driver, no waiting); the time it was sent."""
    from textual import events

    start = time.perf_counter()
    CPU[start] = time.thread_time()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    return start


def _cpu_ms(start: float, end: float) -> float:
    return (CPU[end] - CPU[start]) * 1000


async def floor_walk(presses: int) -> dict[str, list[float]]:
    """Milliseconds from each key to the first frame drawn after the minimal app redrew its labels."""
    app = minimal_app()
    app.changed = 0.0
    frames = record_frames(app)
    latencies: list[float] = []
    cpu: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        for number in range(presses):
            before = app.count
            start = _press(app, "abcdefghij"[number % 10])
            await _wait(lambda: app.count > before and frames and frames[-1][0] > app.changed, "a redraw")  # noqa: B023
            drawn = next(t for t, _ in frames if t > app.changed)
            latencies.append((drawn - start) * 1000)
            cpu.append(_cpu_ms(start, drawn))
            await pilot.pause(0.03)
    return {"answer": latencies, "answer cpu": cpu}


# (row, key, the screen it is pressed on, the screen it opens, a key pressed first, untimed); the result is
# left open for the last four
OPENINGS = (
    ("help (F1)", "f1", "QuestionnaireScreen", "HelpScreen", ""),
    ("glossary (Ctrl+G)", "ctrl+g", "QuestionnaireScreen", "GlossaryScreen", ""),
    ("command palette (Ctrl+P)", "ctrl+p", "QuestionnaireScreen", "CommandPalette", ""),
    ("review (Ctrl+R)", "ctrl+r", "QuestionnaireScreen", "ReviewScreen", ""),
    ("result (Ctrl+T)", "ctrl+t", "QuestionnaireScreen", "ResultScreen", ""),
    ("what if (w on the result)", "w", "ResultScreen", "WhatIfScreen", ""),
    ("compare (c on the result)", "c", "ResultScreen", "CompareScreen", ""),
    ("examples (e on the result)", "e", "ResultScreen", "ExamplesScreen", ""),
    ("example (Enter in examples)", "enter", "ExamplesScreen", "ResultScreen", "e"),
)
NEW = "questions (n on welcome)"  # timed once per walk, first


async def app_walk(presses: int) -> dict[str, list[float]]:
    """In one fresh app: wait on the welcome screen until the warm-up is done (as a user reading it does),
    start a declaration (timed: the questions screen opening), time `presses` answers, then open each screen
    three times."""
    from questionnaire.app.app import OpennessApp

    app = OpennessApp(data_dir=Path(os.environ["OPENNESS_DATA_DIR"]), cursor_blink=False)
    frames = record_frames(app)
    timings: dict[str, list[float]] = {"answer": [], "answer cpu": []}
    async with app.run_test(size=SIZE) as pilot:
        await _wait(lambda: type(app.screen).__name__ == "WelcomeScreen", "the welcome screen")
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        start = _press(app, "n")  # a new declaration: the questions screen, made afresh
        await _wait(lambda: first_frame(frames, start, "QuestionnaireScreen") is not None, "the questions to open")
        drawn = first_frame(frames, start, "QuestionnaireScreen")
        assert drawn is not None
        timings[NEW] = [(drawn - start) * 1000]
        timings[f"{NEW} cpu"] = [_cpu_ms(start, drawn)]
        await pilot.pause(0.1)
        await pilot.press(*"Bench-7B", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        shown: list[float] = []  # when the next question was put in place (the state the next frame draws)
        show_question = screen.show_question

        def timed_show_question(*args, **kwargs):  # type: ignore[no-untyped-def]
            show_question(*args, **kwargs)
            shown.append(time.perf_counter())

        screen.show_question = timed_show_question
        latencies = timings["answer"]
        while len(latencies) < presses and app.screen is screen and screen.question is not None:
            question = screen.question
            key = _key_for(question)
            if question.type == "license":  # typing the licence is not timed; choosing it is
                await pilot.press(*"MIT")
                await pilot.pause(0.05)
            before = question.id
            shown.clear()
            start = _press(app, key)
            await _wait(lambda: app.screen is not screen or (shown and frames[-1][0] > shown[-1]), "a next question")  # noqa: B023
            if app.screen is not screen:
                break  # the last answer opens the review: not a next question
            drawn = next(t for t, _ in frames if t > shown[-1])
            latencies.append((drawn - start) * 1000)
            timings["answer cpu"].append(_cpu_ms(start, drawn))
            if TRACE:
                print(f"{latencies[-1]:6.1f} ms  {before} -> {screen.question.id}", file=sys.stderr)
            await pilot.pause(0.03)
        if app.screen is not screen:
            raise SystemExit("the walk reached the review: time fewer answers (--presses)")

        for _ in range(3):
            for row, key, on, opens, first in OPENINGS:
                if first:
                    await pilot.press(first)
                await _wait(lambda: type(app.screen).__name__ == on and app.screen.is_mounted, f"{on} before {row}")  # noqa: B023
                await pilot.pause(0.05)
                start = _press(app, key)
                await _wait(lambda: first_frame(frames, start, opens) is not None, f"{row} to open")  # noqa: B023
                drawn = first_frame(frames, start, opens)
                assert drawn is not None
                timings.setdefault(row, []).append((drawn - start) * 1000)
                timings.setdefault(f"{row} cpu", []).append(_cpu_ms(start, drawn))
                await pilot.pause(0.1)
                if opens != "ResultScreen":
                    await pilot.press("escape")
            await _wait(lambda: type(app.screen).__name__ == "ResultScreen", "the result again")
            await pilot.press("escape")
    return timings


def child_walk(kind: str, presses: int) -> None:
    timings = asyncio.run(floor_walk(presses) if kind == "minimal" else app_walk(presses))
    print(json.dumps(timings))


# ------------------------------------------------------------------ the parent


def first_screen(kind: str, data_dir: str) -> tuple[float, int, float]:
    """(seconds from process start to the first screen, peak RSS in KiB, CPU seconds to the first screen)
    of one fresh process."""
    env = dict(os.environ, OPENNESS_DATA_DIR=data_dir, PYTHONPATH=str(ROOT))
    start = time.time()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", "first", repr(start), kind],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not out.strip():
        raise SystemExit(f"{kind} app failed (exit {process.returncode}):\n{err}")
    return float(out.split()[0]), usage.ru_maxrss, float(out.split()[1])


def walk(kind: str, presses: int, data_dir: str) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(dir=data_dir) as own:  # a fresh data folder: no draft to resume
        env = dict(os.environ, OPENNESS_DATA_DIR=own, PYTHONPATH=str(ROOT))
        process = subprocess.run(
            [sys.executable, __file__, "--child", "walk", kind, str(presses)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    if TRACE:
        print(process.stderr, file=sys.stderr, end="")
    if process.returncode != 0:
        raise SystemExit(f"{kind} walk failed (exit {process.returncode}):\n{process.stderr}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.9 + 0.5) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh first-screen processes per app (default 7)")
    parser.add_argument("--walks", type=int, default=5, help="fresh walk processes per app (default 5)")
    parser.add_argument("--presses", type=int, default=40, help="answers timed per walk (default 40)")
    parser.add_argument("--tmux-runs", type=int, default=9, help="launches per app in tmux (default 9)")
    parser.add_argument("--no-tmux", action="store_true", help="skip the real-terminal row")
    parser.add_argument(
        "--cli-runs", type=int, default=5, help="runs of `classify` on one and on all MOT records (default 5)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "first":
            child_first_screen(float(args.child[1]), args.child[2])
        else:
            child_walk(args.child[1], int(args.child[2]))
        return 0

    from compiled import compile_project

    print(compile_project())
    kinds = ("minimal", "openness")
    with tempfile.TemporaryDirectory() as data:
        for kind in kinds:  # warm the file cache for both before measuring
            first_screen(kind, data)
        starts: dict[str, list[tuple[float, int, float]]] = {kind: [] for kind in kinds}
        for _ in range(args.runs):  # interleaved, so that a busy moment hits both alike
            for kind in kinds:
                starts[kind].append(first_screen(kind, data))
        walks: dict[str, list[dict[str, list[float]]]] = {kind: [] for kind in kinds}
        for _ in range(args.walks):
            for kind in kinds:
                walks[kind].append(walk(kind, args.presses, data))
    tmux = tmux_cpu = None
    if not args.no_tmux:
        import app_tmux

        if app_tmux.available():
            cpu: dict[str, list[float]] = {}
            tmux = {kind: statistics.median(values) for kind, values in app_tmux.measure(args.tmux_runs, cpu).items()}
            tmux_cpu = {kind: statistics.median(values) for kind, values in cpu.items()}

    import cli_speed

    batch = cli_speed.mot_batch(args.cli_runs) if args.cli_runs > 0 else None
    rows: list[tuple[str, str, float, float, str]] = []  # (row, figures, ratio, limit, unit of the limit)

    def median_of(kind: str, index: int) -> float:
        return statistics.median(run[index] for run in starts[kind])

    t_min, t_app = median_of("minimal", 0), median_of("openness", 0)
    c_min, c_app = median_of("minimal", 2), median_of("openness", 2)
    rows.append(
        (
            "first screen, headless",
            f"{t_app * 1000:.0f} ms vs {t_min * 1000:.0f} ms minimal (CPU {c_app * 1000:.0f} vs {c_min * 1000:.0f})",
            t_app / t_min,
            1.1,
            "x",
        )
    )
    if tmux is not None and tmux_cpu is not None:
        rows.append(
            (
                "first screen, tmux",
                f"{tmux['openness'] * 1000:.0f} ms vs {tmux['minimal'] * 1000:.0f} ms minimal "
                f"(CPU {tmux_cpu['openness'] * 1000:.0f} vs {tmux_cpu['minimal'] * 1000:.0f})",
                tmux["openness"] / tmux["minimal"],
                1.1,
                "x",
            )
        )
    m_min, m_app = median_of("minimal", 1), median_of("openness", 1)
    rows.append(("peak memory", f"{m_app / 1024:.1f} MiB vs {m_min / 1024:.1f} MiB minimal", m_app / m_min, 1.2, "x"))

    def pooled(kind: str, row: str) -> list[float]:
        return [ms for run in walks[kind] for ms in run[row]]

    floor, answers = pooled("minimal", "answer"), pooled("openness", "answer")
    f_cpu, a_cpu = pooled("minimal", "answer cpu"), pooled("openness", "answer cpu")
    f_med = statistics.median(floor)
    a_med, a_p90 = statistics.median(answers), p90(answers)
    floor_figures = (
        f"floor: minimal app {f_med:.1f} ms median (p90 {p90(floor):.1f}; CPU {statistics.median(f_cpu):.1f}), "
        f"n={len(floor)}"
    )
    rows.append(
        (
            "answer -> next, median",
            f"{a_med:.1f} ms (CPU {statistics.median(a_cpu):.1f}), n={len(answers)}",
            a_med / f_med,
            3,
            "x",
        )
    )
    rows.append(("answer -> next, p90", f"{a_p90:.1f} ms (CPU {p90(a_cpu):.1f})", a_p90 / f_med, 5, "x"))
    opened = [run[NEW][0] for run in walks["openness"]]
    opened_cpu = statistics.median(run[f"{NEW} cpu"][0] for run in walks["openness"])
    rows.append(
        (
            f"open {NEW}",
            f"{statistics.median(opened):.0f} ms (CPU {opened_cpu:.0f})",
            statistics.median(opened) / 100,
            100,
            " ms",
        )
    )
    for row, *_ in OPENINGS:
        first = [run[row][0] for run in walks["openness"]]
        later = [ms for run in walks["openness"] for ms in run[row][1:]]
        cold = statistics.median(first)
        cold_cpu = statistics.median(run[f"{row} cpu"][0] for run in walks["openness"])
        rows.append(
            (
                f"open {row}",
                f"{cold:.0f} ms first (CPU {cold_cpu:.0f}), {statistics.median(later):.0f} later",
                cold / 100,
                100,
                " ms",
            )
        )

    if batch is not None:
        single, many, single_cpu, many_cpu, records = batch
        rows.append(
            (
                f"classify {records} MOT records",
                f"{many * 1000:.0f} ms vs {single * 1000:.0f} ms one "
                f"(CPU {many_cpu * 1000:.0f} vs {single_cpu * 1000:.0f})",
                many / single,
                2,
                "x",
            )
        )

    print(
        f"openness app speed: terminal {SIZE[0]}x{SIZE[1]}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
        f"medians of {args.runs} first-screen and {args.walks} walk processes per app"
        + (f", {args.tmux_runs} tmux launches" if tmux is not None else "")
    )
    if tmux is None:
        print("  (first screen in tmux not measured: " + ("--no-tmux" if args.no_tmux else "tmux not found") + ")")
    if batch is None:
        why = "--cli-runs 0" if args.cli_runs <= 0 else "no ../shared/data/mot/models beside the checkout"
        print(f"  (classify of the MOT records not measured: {why})")
    print(f"  {floor_figures}")
    print(f"  {'row':<32} {'measured':<40} {'ratio':>6}  {'target':<11} verdict")
    ok = True
    for name, figures, ratio, limit, unit in rows:
        met = ratio <= (1 if unit == " ms" else limit)
        ok &= met
        target = f"<= {limit:g}{unit}"
        print(f"  {name:<32} {figures:<40} {ratio:>5.2f}x  {target:<11} {'ok' if met else 'OVER'}")
    print("  (ratio: to the minimal app for x targets; to the target itself for ms targets)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
