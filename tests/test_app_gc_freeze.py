"""Once the welcome screen's warm-up is done, what it loaded is frozen out of the garbage collector's full
collections (app.on_worker_state_changed): they walked it all every few answers, pausing a key press by up
to 60 ms. Without the warm-up (the tests' apps) nothing is frozen."""

from __future__ import annotations

import gc
from pathlib import Path

from questionnaire.app.app import FULL_COLLECTION_EVERY, OpennessApp

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


@run_async
async def test_the_lines_a_closed_screen_drew_are_freed_by_the_next_collection(tmp_path: Path) -> None:
    """What the widgets of a closed screen drew is freed when the app next collects, not kept by Textual's
    memo of their backgrounds (app._forget_drawn_widgets): a session that opens help, the glossary and the
    result many times does not keep every copy."""
    import weakref

    gc.unfreeze()
    try:
        app = make_app(tmp_path / "data", collect_when_idle=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
            await pilot.press("f1")
            assert await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen" and app.screen.is_mounted)
            assert any(line.strip() for line in screen_text(app))  # every widget of the help drawn
            help_screen = weakref.ref(app.screen)
            drawn = [weakref.ref(widget._styles_cache) for widget in app.screen.query("*")]
            await pilot.press("escape")
            assert await until(pilot, lambda: type(app.screen).__name__ == "QuestionnaireScreen")
            assert await until(pilot, lambda: help_screen() is None or not help_screen().is_running)
            gc.collect(1)  # a young collection since the last full one: the app's collection runs
            app._collect_young()  # (as it does just after a screen change)
            assert drawn and all(ref() is None for ref in drawn)
    finally:
        gc.unfreeze()
