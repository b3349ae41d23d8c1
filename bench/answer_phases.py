"""Where the time from an answer's key to the next question's frame goes: a diagnostic for issue 11.

    python bench/answer_phases.py [--walks 3] [--presses 40]

Runs bench/app_speed.py's headless walk (`app_walk`: a new declaration, then `--presses` answers) `--walks`
times in this process, and the minimal app's walk (`floor_walk`, the baseline) as many times, alternated.
For each timed answer, the span from its key to the frame that shows the next question is cut where the
app and Textual hand over:

* key -> answer taken: the key reaches the answer widget, which checks it (to QuestionnaireScreen.answered);
* answer -> next question set: the answer recorded, the next question found and put in the widgets
  (to the end of show_question);
* waiting for the frame: messages the widgets posted, and Textual's update timer, which draws on a grid
  of TEXTUAL_FPS lines a second;
* the frame: layout (Compositor.reflow), drawing the changed lines (Compositor.render_update), the rest.

Each phase's median and p90 in milliseconds, and the median of the whole span as a ratio to the minimal
app's key-to-frame median (the bench's floor). The whole span ends with the screen update that draws the
frame, a little after app_speed.py's moment (the frame handed to the driver, inside that update), and the
timing of every phase and of each widget's lines adds a little of its own: app_speed.py's figures are the
ones the targets are read from. Answers that keep their answer widget (yes/no after yes/no,
typed after typed) and answers that switch to the other one (a choice after a typed answer, or the
reverse: the other widget is shown and takes focus) are shown apart: the second kind makes most of the
p90. Then the slowest steps from one kind of question to another (`released -> location`: a component's
"released?" answered, its location asked), which say which answers make the p90. Then Python's garbage
collections that ran inside the spans (gc.callbacks): how many per answer and how long. Last, the widgets
whose lines the frame draws, by time per frame. Exit status 0.
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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import app_speed  # noqa: E402  (the walks this cuts into phases)
from compiled import compile_project  # noqa: E402

import questionnaire.app  # noqa: E402,F401  (first: it sets the app's frame pace, TEXTUAL_FPS, before Textual loads)

PHASES = ("key -> answer taken", "answer -> next question set", "waiting for the frame", "frame: layout",
          "frame: drawing", "frame: the rest", "whole span")  # fmt: skip


class Recorder:
    """Marks, on the perf_counter clock, of the moments the phases run between, for one answer at a time."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.spans: list[tuple[str, float, float]] = []  # (what, start, end) inside the frame
        self.armed = False  # the next question is set; its frame not drawn yet
        self.in_frame = False
        self.switched = False
        self.step = ""  # the kinds of the two questions, "released -> location" (the last part of each id)
        self.rows: list[tuple[bool, dict[str, float]]] = []
        self.steps: list[str] = []  # each row's step
        self.drawn: Counter[str] = Counter()
        self.drawn_ms: Counter[str] = Counter()
        self.frames = 0
        # Python's garbage collections between a timed answer's key and its frame: (ms, count) per answer
        self.collecting: list[tuple[float, int]] = []
        self._collected = [0.0, 0]
        self._collection_start = 0.0

    def _gc_callback(self, phase: str, _info: dict[str, int]) -> None:
        if "key" not in self.marks:
            return  # between answers, or before the first
        if phase == "start":
            self._collection_start = time.perf_counter()
        else:
            self._collected[0] += (time.perf_counter() - self._collection_start) * 1000
            self._collected[1] += 1

    def install(self) -> None:
        gc.callbacks.append(self._gc_callback)
        from textual._compositor import Compositor
        from textual.screen import Screen
        from textual.widget import Widget

        from questionnaire.app.screens.questionnaire import QuestionnaireScreen
        from questionnaire.app.widgets.answer_factory import widget_class

        recorder = self
        press, answered, show = app_speed._press, QuestionnaireScreen.answered, QuestionnaireScreen.show_question
        refresh_layout, reflow, render = Screen._refresh_layout, Compositor.reflow, Compositor.render_update
        render_lines = Widget.render_lines

        def timed_press(app, key):  # type: ignore[no-untyped-def]
            # an answer's key only: the "n" that opens the questions is no answer's start (the name, typed
            # with Pilot's keys after it, was counted from it: a step of 700 ms that no user waits for)
            on_question = isinstance(app.screen, QuestionnaireScreen)
            start = press(app, key)
            recorder.marks = {"key": start} if on_question else {}
            recorder._collected = [0.0, 0]
            recorder.armed = False
            return start

        def timed_answered(screen, question_id, value):  # type: ignore[no-untyped-def]
            recorder.marks.setdefault("answered", time.perf_counter())
            return answered(screen, question_id, value)

        def timed_show(screen, question_id, **options):  # type: ignore[no-untyped-def]
            before = screen.question
            result = show(screen, question_id, **options)
            if before is not None and "key" in recorder.marks:
                recorder.switched = widget_class(before) is not widget_class(screen.question)
                recorder.step = f"{_kind(before.id)} -> {_kind(screen.question.id)}"
                recorder.marks["shown"] = time.perf_counter()
                recorder.armed = True
            return result

        def timed_refresh_layout(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not (recorder.armed and isinstance(screen, QuestionnaireScreen)):
                return refresh_layout(screen, *args, **kwargs)
            recorder.armed, recorder.in_frame, recorder.spans = False, True, []
            start = time.perf_counter()
            try:
                return refresh_layout(screen, *args, **kwargs)
            finally:
                recorder.in_frame = False
                recorder.frame_done(start, time.perf_counter())

        def spanned(original, what):  # type: ignore[no-untyped-def]
            def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
                if not recorder.in_frame:
                    return original(*args, **kwargs)
                start = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    recorder.spans.append((what, start, time.perf_counter()))

            return timed

        def timed_render_lines(widget, crop):  # type: ignore[no-untyped-def]
            if not recorder.in_frame:
                return render_lines(widget, crop)
            start = time.perf_counter()
            try:
                return render_lines(widget, crop)
            finally:
                name = type(widget).__name__ + (f"#{widget.id}" if widget.id else "")
                recorder.drawn[name] += 1
                recorder.drawn_ms[name] += (time.perf_counter() - start) * 1000

        app_speed._press = timed_press
        QuestionnaireScreen.answered = timed_answered  # type: ignore[method-assign]
        QuestionnaireScreen.show_question = timed_show  # type: ignore[method-assign]
        Screen._refresh_layout = timed_refresh_layout  # type: ignore[method-assign]
        Compositor.reflow = spanned(reflow, "layout")  # type: ignore[method-assign]
        Compositor.render_update = spanned(render, "drawing")  # type: ignore[method-assign]
        Widget.render_lines = timed_render_lines  # type: ignore[method-assign]

    def frame_done(self, start: float, end: float) -> None:
        marks = self.marks
        if not {"key", "answered", "shown"} <= marks.keys():
            return  # not the frame of a timed answer (a jump, the first question)
        layout = sum(e - s for what, s, e in self.spans if what == "layout")
        drawing = sum(e - s for what, s, e in self.spans if what == "drawing")
        ms = {
            PHASES[0]: marks["answered"] - marks["key"],
            PHASES[1]: marks["shown"] - marks["answered"],
            PHASES[2]: start - marks["shown"],
            PHASES[3]: layout,
            PHASES[4]: drawing,
            PHASES[5]: (end - start) - layout - drawing,
            PHASES[6]: end - marks["key"],
        }
        self.rows.append((self.switched, {name: value * 1000 for name, value in ms.items()}))
        self.collecting.append((self._collected[0], self._collected[1]))
        self.steps.append(self.step)
        self.frames += 1
        self.marks = {}


def _kind(question_id: str) -> str:
    """A question's kind as the walk meets it again for each component: the last part of its id."""
    return question_id.rsplit(".", 1)[-1]


def by_step(recorder: Recorder, slowest: int = 8) -> list[tuple[str, int, float, float]]:
    """(step, answers, median, slowest) of the whole span, for the `slowest` steps by median: the answers
    that make the p90."""
    spans: dict[str, list[float]] = {}
    for step, (_, row) in zip(recorder.steps, recorder.rows, strict=True):
        spans.setdefault(step, []).append(row[PHASES[-1]])
    rows = [(step, len(values), statistics.median(values), max(values)) for step, values in spans.items()]
    return sorted(rows, key=lambda row: -row[2])[:slowest]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=3, help="walks of each app (default 3)")
    parser.add_argument("--presses", type=int, default=40, help="answers timed per walk (default 40)")
    args = parser.parse_args()
    print(compile_project())
    recorder = Recorder()
    recorder.install()
    # the answers, then only the result opened (the walk ends on it)
    app_speed.OPENINGS = tuple(row for row in app_speed.OPENINGS if row[2:4] == ("QuestionnaireScreen", "ResultScreen"))
    floor: list[float] = []
    for _ in range(args.walks):
        with tempfile.TemporaryDirectory(prefix="openness-phases-") as data:
            os.environ["OPENNESS_DATA_DIR"] = data
            asyncio.run(app_speed.app_walk(args.presses))
        floor += asyncio.run(app_speed.floor_walk(args.presses))["answer"]
    floor_median = statistics.median(floor)
    groups = [("every answer", [row for _, row in recorder.rows])]
    groups += [
        ("same answer widget", [row for switched, row in recorder.rows if not switched]),
        ("the other answer widget", [row for switched, row in recorder.rows if switched]),
    ]
    print(f"answer -> next question, cut into phases; minimal app (floor) {floor_median:.1f} ms median, n={len(floor)}")
    for title, rows in groups:
        if not rows:
            continue
        whole = statistics.median(row[PHASES[-1]] for row in rows)
        print(f"  {title}: n={len(rows)}, whole span {whole:.1f} ms median, {whole / floor_median:.2f}x the floor")
        for phase in PHASES:
            values = [row[phase] for row in rows]
            print(f"    {phase:30s} median {statistics.median(values):5.1f} ms  p90 {app_speed.p90(values):5.1f} ms")
    whole = [row[PHASES[-1]] for _, row in recorder.rows]
    p90_all = app_speed.p90(whole)
    print(f"  the slowest steps (each question by its id's last part), by median; p90 of all {p90_all:.1f} ms:")
    for step, count, median, slowest in by_step(recorder):
        print(f"    {step:44s} n={count:3d}  median {median:5.1f} ms  slowest {slowest:5.1f} ms")
    if recorder.collecting:
        spent = [ms for ms, _ in recorder.collecting]
        collections = sum(count for _, count in recorder.collecting)
        print(
            f"  Python's garbage collections inside the span: {collections / len(spent):.2f} per answer, "
            f"{statistics.mean(spent):.2f} ms per answer on average, {max(spent):.1f} ms at most"
        )
    frames = max(1, recorder.frames)
    print(f"  lines drawn in the frame, by widget (ms per frame, over {recorder.frames} frames):")
    for name, ms in recorder.drawn_ms.most_common(10):
        print(f"    {name:36s} {ms / frames:5.2f} ms  ({recorder.drawn[name] / frames:.2f} times a frame)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
