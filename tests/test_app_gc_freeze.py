"""Once the welcome screen's warm-up is done, what it loaded is frozen out of the garbage collector's full
collections (app.on_worker_state_changed): they walked it all every few answers, pausing a key press by up
to 60 ms. Without the warm-up (the tests' apps) nothing is frozen."""

from __future__ import annotations

import gc
from pathlib import Path

from questionnaire.app.app import OpennessApp

from app_pilot import make_app, run_async, until


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
