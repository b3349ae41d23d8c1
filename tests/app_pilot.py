"""Helpers for the app tests: a deterministic app, and answering a question by id the way a user would
(pressing keys), so that long paths stay short to write."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import textual._wait
from textual.pilot import Pilot

from questionnaire.app.app import OpennessApp

FIXED_NOW = datetime(2025, 6, 2, 10, 30, tzinfo=UTC)

# Pilot waits for the app to go idle after every key, sampling the CPU every 20 ms: most of a long path's
# time is that sampling. These tests sample every 2 ms instead, and take the app as idle when it used less
# than 0.5 ms of CPU in those 2 ms. Textual's own ratio (1 ms in 20) made that 0.1 ms, less than an idle app
# takes to wake up for a sample on a slow machine (0.11 to 0.15 ms on the 2-core machine on a slow day):
# idle was then seen only by chance, and a key could wait up to a second (the app tests, run one after the
# other, took 276 s rather than 122). A working app uses most of the 2 ms; the tests wait for the state
# they check in any case (`until`).
FAST_IDLE = (1 / 500, 1 / 500 / 4)


def run_async(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test in a fresh event loop (no async pytest plugin needed), with fast idle sampling."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        saved = textual._wait.SLEEP_GRANULARITY, textual._wait.SLEEP_IDLE
        textual._wait.SLEEP_GRANULARITY, textual._wait.SLEEP_IDLE = FAST_IDLE
        try:
            asyncio.run(test(*args, **kwargs))
        finally:
            textual._wait.SLEEP_GRANULARITY, textual._wait.SLEEP_IDLE = saved

    return wrapper


def make_app(data_dir: Path, *, collect_when_idle: bool = False, warm_up: bool = False, **kwargs: Any) -> OpennessApp:
    """No clock, no theme, no cursor blink, no background loading unless asked: the same screen every time.
    And no garbage-collection policy unless asked (tests/test_app_gc_freeze.py tests it): in a test process
    it would collect the whole of pytest's heap at each app's first screen change (tens of ms every test)."""
    app = OpennessApp(
        data_dir=data_dir, clock=lambda: FIXED_NOW, theme="textual-dark", cursor_blink=False, warm_up=warm_up, **kwargs
    )
    app.COLLECT_WHEN_IDLE = collect_when_idle
    return app


def widget_text(widget: Any) -> str:
    """What the widget shows, as plain text lines (the words a user reads)."""
    from textual.geometry import Region

    lines = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return "\n".join(strip.text.rstrip() for strip in lines)


def bar_badge(app: Any) -> str:
    """The live verdict's badge as the app bar draws it, at the right of its line ("" when it has none)."""
    from questionnaire.app.widgets.app_bar import AppBar

    bar = app.screen.query_one(AppBar)
    shown = bar.badge_text
    return shown if shown and widget_text(bar).rstrip().endswith(shown) else ""


def bar_name(app: Any) -> str:
    """The model's name as the app bar draws it (after the tool's name)."""
    from questionnaire.app.widgets.app_bar import AppBar

    bar = app.screen.query_one(AppBar)
    name = bar.name_text
    return name if name in widget_text(bar) else ""


def tree_text(widget: Any) -> str:
    """The text of every leaf widget under `widget` (containers draw none of their own)."""
    return "\n".join(widget_text(node) for node in widget.walk_children(with_self=True) if not node.children)


async def settle(pilot: Pilot) -> None:
    """Wait for the app's workers (a file read off the UI thread), then for what they post to be shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _screen_printed(app: Any, **options: Any) -> Any:
    """A Rich console of the app's size that has printed the whole screen now (toasts and every layer)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, **options)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console


def screen_text(app: Any) -> list[str]:
    """What the terminal shows now, line by line (toasts and every layer included), as plain text."""
    console = _screen_printed(app, record=True, legacy_windows=False, safe_box=False)
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


async def until(pilot: Pilot, check: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Wait, an idle app at a time, until `check()` holds, and say whether it did. The limit is time, not a
    number of tries: on a loaded machine a pause can end before the app has done its work (Textual takes a
    process that gets no CPU for an idle one), so only the state itself says the app is done. A check that
    raises (the screen it queries is not up yet) counts as not yet, except the last time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:
            pass
        await pilot.pause()
    return check()


def screen_styled(app: Any) -> str:
    """What the terminal shows now with its colours and styles (ANSI codes): what a snapshot compares."""
    return _screen_printed(app, color_system="truecolor").file.getvalue()


# Pauses in a row after which a screen that has not changed is taken as still (each lets the app handle what
# is queued and lays out what is pending: one step of a chain such as content, then the scrollbar it brings)
STILL_PAUSES = 2


async def still(pilot: Pilot, timeout: float = 30.0) -> bool:
    """Wait until the screen stops changing, its workers done, and say whether it did: the same colours and
    text across STILL_PAUSES pauses in a row. For a snapshot, whose check is the whole screen."""
    deadline = time.monotonic() + timeout
    unchanged, before = 0, None
    while time.monotonic() < deadline:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        now = screen_styled(pilot.app)
        unchanged = unchanged + 1 if now == before else 0
        if unchanged >= STILL_PAUSES:
            return True
        before = now
    return False


def after_keys(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """For `snap_compare(run_before=...)`: press `keys` as a user does, then wait until the screen is still
    (`still`). The plugin's own `press=` waits two idle pauses, which on a loaded machine can end one layout
    short of the screen the keys lead to (the what-if once: its content drawn, not yet its scrollbar)."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await still(pilot)

    return run_before


async def shown(pilot: Pilot, selector: str, *words: str) -> str:
    """The text of the widget `selector` on the screen, once it shows every one of `words` (or the limit of
    `until` passed: the assertions that follow then say what is missing)."""

    def text() -> str:
        return widget_text(pilot.app.screen.query_one(selector))

    await until(pilot, lambda: all(word in text() for word in words))
    return text()


async def screen_once(pilot: Pilot, check: Callable[[list[str]], bool]) -> list[str]:
    """What the terminal shows, once `check(lines)` holds for it (or the limit of `until` passed: the
    assertions that follow then say what is missing). The app's state changes a frame before the terminal
    does, so a test that reads the screen after waiting for the state waits for the screen too."""
    await until(pilot, lambda: check(screen_text(pilot.app)))
    return screen_text(pilot.app)


def on_screen(app: Any, screen_type: type) -> bool:
    """The screen on top is a `screen_type` and is mounted: composed, its widgets there to query (a screen is
    on the stack a moment before that)."""
    return isinstance(app.screen, screen_type) and app.screen.is_mounted


def current_id(pilot: Pilot) -> str | None:
    question = getattr(pilot.app.screen, "question", None)
    return question.id if question is not None else None


SKIP = object()  # as an answer: leave the (optional) question unanswered and go on with PgDn


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` into the focused widget, key by key, as a fast typist (or a paste) sends it: every key event
    goes to the app in order, without Pilot's wait for an idle app after each one. What follows (a key through
    `pilot.press`, or `until`) waits for the app to have handled them all."""
    from textual import events
    from textual.keys import _character_to_key  # the key name Pilot.press gives a character (Textual's own)

    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))


async def answer(pilot: Pilot, question_id: str, value: Any) -> None:
    """Answer the question on screen, which must be `question_id`, by pressing keys (SKIP: go on without)."""
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen
    from questionnaire.app.widgets.license_picker import LicensePicker

    await until(pilot, lambda: current_id(pilot) == question_id)  # the previous answer's move may still be on its way
    screen = pilot.app.screen
    assert isinstance(screen, QuestionnaireScreen), f"not on a question but on {type(screen).__name__}"
    question = screen.question
    assert question is not None and question.id == question_id, f"expected {question_id}, on {question.id}"
    if value is SKIP:
        await pilot.press("pagedown")
    elif question.type == "bool":
        await pilot.press("y" if value else "n")
    elif question.type == "choice":
        await pilot.press(str(question.choice_values.index(value) + 1))
    elif question.type == "license":
        await pilot.press("ctrl+u")
        await type_text(pilot, value or "")
        picker = screen.query_one(LicensePicker)
        assert await until(pilot, lambda: picker.filled == (value or "")), f"the list was not made for {value!r}"
        if value:
            wanted = next(
                i
                for i, (kind, item) in enumerate(picker.entries)
                if (kind in ("license", "proposed") and item.id == value)
                or (kind == "written" and item == value)
                or (kind == "none" and value == "unlicensed")
            )
            await pilot.press(*["down"] * wanted)
        await pilot.press("enter")
    else:
        await pilot.press("ctrl+u")
        await type_text(pilot, value or "")
        await pilot.press("enter")
    await pilot.pause()


async def answer_all(pilot: Pilot, steps: list[tuple[str, Any]]) -> None:
    for question_id, value in steps:
        await answer(pilot, question_id, value)


def component(
    key: str, license: str | None = None, access: str = "public", location: str = "", accepted: str = "license_only"
) -> list[tuple[str, Any]]:
    """The steps for one component: released (no licence given: not released), where, licence, access, and
    behind a click-through what people accept there."""
    prefix = f"components.{key}."
    if license is None:
        return [(prefix + "released", False)]
    steps = [
        (prefix + "released", True),
        (prefix + "location", location),
        (prefix + "license", license),
        (prefix + "access", access),
    ]
    if access == "click_through":
        steps.append((prefix + "click_through_terms", accepted))
    return steps


IDENTITY = [
    ("identity.name", "OLMo-7B"),
    ("identity.version", ""),
    ("identity.publisher", "Ai2"),
    ("identity.contact", ""),
    ("identity.architecture", ""),
    ("identity.repository", "https://allenai.org"),
    ("identity.modality", "text"),
    ("identity.is_finetune", False),
]


def save_llama_draft(data_dir: Path) -> None:
    """A draft of Llama-3.1-8B's answers (`llama_answers`) in `data_dir`, at the first question."""
    from questionnaire import drafts

    drafts.save(drafts.Draft(llama_answers(), "identity.name", None, FIXED_NOW.isoformat()), data_dir)


def llama_answers() -> dict[str, Any]:
    """Llama-3.1-8B as Meta releases it: weights behind an approval gate under the Llama 3.1 licence,
    inference code, a model card and a paper; no training code or data."""
    answers: dict[str, Any] = {
        "identity.name": "Llama-3.1-8B",
        "identity.publisher": "Meta",
        "identity.modality": "text",
        "identity.is_finetune": False,
        "development.supporting_libraries_used": False,
        "data_information.description": False,
        "data_information.public_list": "not_published",
        "data_information.third_party_list": "not_published",
    }
    released = {
        "model_parameters_final": ("llama3.1", "approval"),
        "model_architecture": ("llama3.1", "public"),
        "inference_code": ("llama3.1", "public"),
        "model_card": ("llama3.1", "public"),
        "research_paper": ("unlicensed", "public"),
    }
    from questionnaire.components import COMPONENTS

    for c in COMPONENTS:
        if c.key in released:
            license, access = released[c.key]
            answers.update(
                {
                    f"components.{c.key}.released": True,
                    f"components.{c.key}.license": license,
                    f"components.{c.key}.access": access,
                }
            )
        else:
            answers[f"components.{c.key}.released"] = False
    return answers
