"""The app's garbage-collection policy (app.py). Once the welcome screen's warm-up is done, what it loaded is
frozen out of the garbage collector's full collections (app.on_worker_state_changed): they walked it all
every few answers, pausing a key press by up to 60 ms. Without the warm-up (the tests' apps) nothing is
frozen. Full collections wait for a screen change or idle time, young ones for a layout drawn."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from questionnaire.app.app import FULL_COLLECTION_EVERY, IDLE_BEFORE_COLLECTING, OpennessApp

from app_pilot import make_app, run_async, screen_text, until


@run_async
async def test_the_warm_up_freezes_what_it_loaded(tmp_path: Path) -> None:
    gc.unfreeze()
    try:
        app = make_app(tmp_path / "quiet")
        async with app.run_test(size=(80, 24)) as pilot:
            assert await until(pilot, lambda: app.screen.is_mounted)  # started, with no warm-up to wait for
            assert gc.get_freeze_count() == 0
        app = OpennessApp(data_dir=tmp_path / "data", theme="textual-dark", cursor_blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            assert await until(pilot, lambda: gc.get_freeze_count() > 0)
            await pilot.press("n")  # and the app goes on as before
            assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual


@run_async
async def test_full_collections_wait_for_a_screen_change_and_are_restored_on_exit(tmp_path: Path) -> None:
    """The app's garbage-collection policy (app._collect_when_idle): while it runs Python's own full
    collections come ten times less often; once a screen has opened, the garbage since is collected and
    what survives frozen; on exit Python collects as before."""
    before = gc.get_threshold()
    gc.unfreeze()
    try:
        app = make_app(tmp_path / "data", collect_when_idle=True)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await until(pilot, lambda: app.screen.is_mounted)
            assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY > before[2]
            await pilot.press("n")
            assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
            gc.collect(1)  # a young collection since the last full one: the next screen change collects
            await pilot.press("f1")
            assert await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
            assert await until(pilot, lambda: gc.get_freeze_count() > 0)
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


@contextlib.asynccontextmanager
async def _on_the_questions_collecting_untimed(tmp_path: Path) -> AsyncIterator[tuple[Any, Any]]:
    """An app with its garbage-collection policy, on the questions screen, whose collections the test calls
    at the moments the app would (none on a timer: a collection that ran while the test sets up its garbage,
    after a screen change or in what a loaded machine makes idle time, would make the test depend on how
    fast the machine is); what is frozen meanwhile is unfrozen after."""
    from unittest import mock

    import questionnaire.app.app as app_module

    gc.unfreeze()
    try:
        app = make_app(tmp_path / "data", collect_when_idle=True)
        app._screen_changed = lambda screen: None  # type: ignore[method-assign]  # no timed collections
        with mock.patch.object(app_module, "IDLE_CHECK_EVERY", 3600.0):  # nor a check for idle time
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.press("n")
                assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
                yield app, pilot
    finally:
        gc.unfreeze()


async def _help_drawn_then_closed(pilot: Any, *, frozen_while_open: bool = False) -> list[Any]:
    """Open the help over the questions, draw it all (and, if asked, have the app collect and freeze as it
    does just after a screen opens), close it: weak references to what each of its widgets drew, once the
    help has stopped."""
    import weakref

    app = pilot.app
    await pilot.press("f1")
    assert await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen" and app.screen.is_mounted)
    assert any(line.strip() for line in screen_text(app))  # every widget of the help drawn
    help_screen = weakref.ref(app.screen)
    drawn = [weakref.ref(widget._styles_cache) for widget in app.screen.query("*")]
    if frozen_while_open:
        gc.collect(1)  # a young collection since the last full one: the app's collection runs
        app._collect_young()
        assert gc.get_freeze_count() > 0
    await pilot.press("escape")
    assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
    assert await until(pilot, lambda: help_screen() is None or not help_screen().is_running)
    assert drawn
    return drawn


@run_async
async def test_the_lines_a_closed_screen_drew_are_freed_by_the_next_collection(tmp_path: Path) -> None:
    """What the widgets of a closed screen drew is freed when the app next collects, not kept by Textual's
    memo of their backgrounds (app._forget_drawn_widgets): a session that opens help, the glossary and the
    result many times does not keep every copy.

    The app's own collections are called here, at the moments the app calls them, rather than left to its
    timers: a screen-change collection that ran while the help was open would freeze it (as it should) and
    the next one could not free it, so the test would depend on how fast the machine is."""
    async with _on_the_questions_collecting_untimed(tmp_path) as (app, pilot):
        # closed before a collection froze it: the collection just after the screen change frees it
        drawn = await _help_drawn_then_closed(pilot)
        gc.collect(1)  # a young collection since the last full one, as after a screen change
        app._collect_young()
        assert all(ref() is None for ref in drawn)

        # frozen while it was open (the collection after it opened), then closed: the next collection in
        # idle time unfreezes and frees it
        drawn = await _help_drawn_then_closed(pilot, frozen_while_open=True)
        gc.collect(1)
        app._collect_young()
        assert not all(ref() is None for ref in drawn)  # frozen: the screen-change collection keeps it
        app._last_input = time.monotonic() - IDLE_BEFORE_COLLECTING  # the user reading since
        app._frozen_after_idle = 1  # and the frozen objects grown since the last idle collection
        app._collect_when_idle()
        assert all(ref() is None for ref in drawn)


async def _collections_of_an_answer(tmp_path: Path, policy: bool) -> tuple[list[tuple[int, str]], str, int]:
    """Answer the first question (the model's name), with enough young objects made as the answer is taken
    for a collection: each collection asked for from then on, as (generation, the question on screen then);
    the next question's id; Python's young threshold while the app ran."""
    from questionnaire.app.app import COLLECT_YOUNG_FROM

    calls: list[tuple[int, str]] = []
    kept: list[list[int]] = []
    collect = gc.collect
    app = make_app(tmp_path / "data", collect_when_idle=policy)

    def spied(generation: int = 2) -> int:
        calls.append((generation, getattr(app.screen, "question", None) and app.screen.question.id))
        return collect(generation)

    gc.unfreeze()
    gc.collect = spied  # type: ignore[assignment]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
            first = app.screen.question.id
            threshold = gc.get_threshold()[0]
            session = app.session
            record = session.set

            def record_with_garbage(*args: Any, **kwargs: Any) -> Any:
                """(The answer taken.) Young objects counted from none, so that Python's own collection
                cannot come first, then as many as a collection after a layout asks for, kept alive."""
                collect(0)
                calls.clear()
                kept.extend([] for _ in range(COLLECT_YOUNG_FROM * 2))
                return record(*args, **kwargs)

            session.set = record_with_garbage  # type: ignore[method-assign]
            await pilot.press(*"Model-7B", "enter")
            assert await until(pilot, lambda: app.screen.question.id != first)
            following = app.screen.question.id
            assert await until(pilot, lambda: any("question 2 of" in line for line in screen_text(app)))
            assert await until(pilot, lambda: not policy or any(generation < 2 for generation, _ in calls))
            await pilot.pause()
    finally:
        gc.collect = collect  # type: ignore[assignment]
        gc.unfreeze()
        kept.clear()
    return calls, following, threshold


@run_async
async def test_young_garbage_is_collected_once_the_next_question_is_drawn(tmp_path: Path) -> None:
    """While the app runs, Python's young collections wait for YOUNG_COLLECTION_AFTER objects instead of 700
    (an answer makes about 1,100: at 700 Python collected between the key and its frame), and the app
    collects them itself once the next question's layout is drawn (app._collect_after_layout). Without the
    policy (the other tests' apps) the app asks for no young collection."""
    from questionnaire.app.app import YOUNG_COLLECTION_AFTER

    calls, following, threshold = await _collections_of_an_answer(tmp_path / "policy", policy=True)
    assert threshold == YOUNG_COLLECTION_AFTER
    young = [(generation, shown) for generation, shown in calls if generation < 2]
    assert young and all(shown == following for _, shown in young), calls

    calls, _, _ = await _collections_of_an_answer(tmp_path / "none", policy=False)
    assert not [generation for generation, _ in calls if generation < 2], calls


class _Cycle:
    """An object that refers to itself: only the collector frees it."""

    def __init__(self) -> None:
        self.itself = self


@run_async
async def test_idle_time_collects_the_old_garbage_once_python_would_have(tmp_path: Path) -> None:
    """The young collections are the app's (after each layout), so Python seldom starts one itself, and its
    full collections would never come. Once FULL_COLLECTION_EVERY middle collections have run since the last
    full one, the next idle moment (app._collect_when_idle) collects the garbage that reached the old
    generation; before that it waits, as Python would have."""
    import weakref

    async with _on_the_questions_collecting_untimed(tmp_path) as (app, _pilot):
        gc.collect()
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        gc.collect(1)
        gc.collect(1)  # it has lived through two collections: in the old generation now
        del cycle
        app._last_input = time.monotonic() - IDLE_BEFORE_COLLECTING  # the user reading since
        while gc.get_count()[2] < FULL_COLLECTION_EVERY - 1:
            gc.collect(1)
        app._collect_when_idle()
        assert gone() is not None  # fewer middle collections than Python's cadence: kept for now
        gc.collect(1)
        app._collect_when_idle()
        assert gone() is None
        assert gc.get_count()[2] == 0
