"""How fast the app feels, measured against a minimal Textual app (Header, Static, Footer) in one run.

    python bench/app_speed.py [--runs 7] [--presses 40]

* Time to the first screen: from process start (the parent's clock just before it starts a fresh Python)
  to the first frame of the first screen, median of several fresh processes. Target: at most 1.3x the
  minimal app's.
* Peak memory: ru_maxrss of each of those child processes, median. Target: at most 1.3x the minimal app's.
* Answer to next question: in a headless run, from a key press that answers a question (y/n, a
  choice's number, Enter on a typed answer or on a licence in the picker) to the first frame drawn with
  the next question, median over a whole path. Target: under 50 ms.

The app runs with a temporary data folder (OPENNESS_DATA_DIR), so no draft of yours is read or written.
Exit status 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
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

# The child: build the app, and on the first frame of its first screen print the time since the
# parent's clock reading (argv[1]) and quit. The same hook for both apps.
CHILD = r"""
import sys, time
T0 = float(sys.argv[1])
KIND = sys.argv[2]
if KIND == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Hello: the smallest app with a header, some text and a footer.")
            yield Footer()

    app = Minimal()
    def ready(screen):
        return True
else:
    from questionnaire.app.app import OpennessApp

    app = OpennessApp()
    def ready(screen):
        return type(screen).__name__ == "WelcomeScreen"

shown = False
original = app._display
def display(screen, renderable):
    global shown
    original(screen, renderable)
    if renderable is not None and not shown and ready(screen):
        shown = True
        print(f"{time.time() - T0:.6f}", flush=True)
        app.call_later(app.exit)

app._display = display
app.run(headless=True, size=(80, 24))
"""


def first_screen(kind: str, data_dir: str) -> tuple[float, int]:
    """(seconds from process start to the first screen, peak RSS in KiB) of one fresh process."""
    env = dict(os.environ, OPENNESS_DATA_DIR=data_dir, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="")
    start = time.time()
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, repr(start), kind],
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
    return float(out.split()[0]), usage.ru_maxrss


TRACE = bool(os.environ.get("APP_SPEED_TRACE"))
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


async def answer_latencies(presses: int, data_dir: Path) -> list[float]:
    """Milliseconds from each answering key press to the first frame showing the next question."""
    from textual import events

    from questionnaire.app.app import OpennessApp
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen

    app = OpennessApp(data_dir=data_dir, cursor_blink=False, warm_up=False)
    frames: list[float] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press(*"Bench-7B", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        shown: list[float] = []  # when the next question was put in place (the state the next frame draws)
        show_question = screen.show_question

        def timed_show_question(*args, **kwargs):  # type: ignore[no-untyped-def]
            show_question(*args, **kwargs)
            shown.append(time.perf_counter())

        screen.show_question = timed_show_question  # type: ignore[method-assign]
        while len(latencies) < presses and app.screen is screen and screen.question is not None:
            question = screen.question
            key = _key_for(question)
            if question.type == "license":  # typing the licence is not timed; choosing it is
                await pilot.press(*"MIT")
                await pilot.pause(0.05)
            before = question.id
            shown.clear()
            start = time.perf_counter()
            app._driver.send_message(events.Key(key, key if len(key) == 1 else None))  # type: ignore[union-attr]
            while time.perf_counter() - start < 5:
                await asyncio.sleep(0.0005)
                if app.screen is not screen:
                    break  # the last answer opens the review: not a next question
                if shown and frames and frames[-1] > shown[-1]:
                    # the first frame drawn after the next question was put in place
                    first = next(f for f in frames if f > shown[-1])
                    latencies.append((first - start) * 1000)
                    if TRACE:
                        print(f"{latencies[-1]:6.1f} ms  {before} -> {screen.question.id}")
                    break
            else:
                raise SystemExit(f"no next question after answering {before}")
            await pilot.pause(0.03)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per app (default 7)")
    parser.add_argument("--presses", type=int, default=40, help="answers to time (default 40)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data:
        first_screen("minimal", data)  # warm the file cache for both before measuring
        first_screen("openness", data)
        results: dict[str, list[tuple[float, int]]] = {"minimal": [], "openness": []}
        for _ in range(args.runs):  # interleaved, so that a busy moment hits both alike
            for kind in results:
                results[kind].append(first_screen(kind, data))
        latencies = asyncio.run(answer_latencies(args.presses, Path(data)))

    def median(kind: str, index: int) -> float:
        return statistics.median(run[index] for run in results[kind])

    t_min, t_app = median("minimal", 0), median("openness", 0)
    m_min, m_app = median("minimal", 1), median("openness", 1)
    answer = statistics.median(latencies)
    checks = [
        ("time to first screen", f"{t_app * 1000:.0f} ms vs {t_min * 1000:.0f} ms minimal", t_app / t_min, 1.3),
        ("peak memory", f"{m_app / 1024:.1f} MiB vs {m_min / 1024:.1f} MiB minimal", m_app / m_min, 1.3),
    ]
    print(
        f"openness app speed, {args.runs} fresh processes each, terminal {SIZE[0]}x{SIZE[1]}, "
        f"Python {sys.version.split()[0]}"
    )
    ok = True
    for name, figures, ratio, limit in checks:
        met = ratio <= limit
        ok &= met
        print(f"  {name:<22} {figures:<34} ratio {ratio:.2f} (target <= {limit})  {'ok' if met else 'OVER'}")
    met = answer < 50
    ok &= met
    spread = sorted(latencies)
    p90 = spread[int(len(spread) * 0.9) - 1]
    print(
        f"  {'answer to next question':<22} {f'median {answer:.1f} ms, p90 {p90:.1f} ms, n={len(latencies)}':<34} "
        f"{'':<9}(target < 50 ms)        {'ok' if met else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
