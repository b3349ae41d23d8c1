"""Drafts never crash the app and never lose an answer: an unreadable draft is set aside with a note, an
unwritable data folder keeps the answers in memory and says so once, and two apps on one data folder
each keep their own draft."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from questionnaire import drafts
from questionnaire.app.screens.confirm import ConfirmScreen
from questionnaire.app.screens.welcome import WelcomeScreen
from questionnaire.cli import main as cli_main
from tests.conftest import ROOT

from app_pilot import (
    FIXED_NOW,
    IDENTITY,
    answer,
    answer_all,
    component,
    current_id,
    make_app,
    on_screen,
    run_async,
    type_text,
    until,
    widget_text,
)

RANDOM_BYTES = bytes(range(0x80, 0x100)) * 4 + b"\x1b]52;c;aGk=\x07"  # not UTF-8
SET_ASIDE = "draft.unreadable-20250602-103000.json"  # app_pilot's fixed clock


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def every_notification(app) -> list[str]:
    """Every message the app notifies from now on, kept: a toast leaves the screen after its timeout, which on
    a loaded machine can pass before the test reads it."""
    said: list[str] = []
    notify = app.notify

    def record(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = record
    return said


# ---------------------------------------------------------------- an unreadable draft


def test_a_draft_of_random_bytes_is_a_draft_error_and_is_set_aside(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "draft.json"
    path.write_bytes(RANDOM_BYTES)
    with pytest.raises(drafts.DraftError, match="is not UTF-8 text"):
        drafts.load(tmp_path)
    draft, note = drafts.recover(path, datetime(2025, 6, 2, 10, 30))
    assert draft is None and note is not None and SET_ASIDE in note and "is not UTF-8 text" in note
    assert not path.exists() and (tmp_path / SET_ASIDE).read_bytes() == RANDOM_BYTES  # nothing destroyed
    path.write_bytes(b"{}")
    drafts.recover(path, datetime(2025, 6, 2, 10, 30))  # the same second again: never over the first
    assert (tmp_path / SET_ASIDE).read_bytes() == RANDOM_BYTES
    assert (tmp_path / "draft.unreadable-20250602-103000-2.json").read_bytes() == b"{}"


@pytest.mark.parametrize(
    "content",
    [
        RANDOM_BYTES,
        b'{"format": 1, "answers": {"identity.name": "Evil\\u001b]2;x\\u0007"}}',
        b"[" * 100_000,
        b'{"format": 1, "answers": {}, "x": ' + b"1" * 100_000 + b"}",
    ],
    ids=["random-bytes", "control-character", "deep-json", "huge-number"],
)
@run_async
async def test_an_unreadable_draft_is_set_aside_with_a_note_on_the_welcome_screen(
    tmp_path: Path, content: bytes
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "draft.json").write_bytes(content)
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: on_screen(app, WelcomeScreen))
        note = " ".join(widget_text(app.screen.query_one("#welcome-note")).split())
        assert "A saved draft was found but cannot be read" in note and "set aside as" in note
        assert SET_ASIDE in note.replace(" ", "")  # the path may wrap
        assert "Resume" not in widget_text(app.screen.query_one("#welcome-menu"))
        await pilot.press("n")
        await answer(pilot, "identity.name", "M")
    assert (data / SET_ASIDE).read_bytes() == content
    assert drafts.load(data).answers == {"identity.name": "M"}


@run_async
async def test_a_draft_that_is_a_folder_is_set_aside_and_answers_are_saved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "draft.json").mkdir(parents=True)
    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: "is a directory" in widget_text(app.screen.query_one("#welcome-note")))
        await pilot.press("n")
        await answer(pilot, "identity.name", "M")
        assert await until(pilot, lambda: messages(app) == [])
    assert (data / SET_ASIDE).is_dir() and drafts.load(data).answers == {"identity.name": "M"}


# ---------------------------------------------------------------- a data folder that cannot be written


async def answer_with_an_unwritable_draft(tmp_path: Path, data: Path, where: str) -> None:
    app = make_app(data)
    said = every_notification(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer(pilot, "identity.name", "OLMo-7B")
        assert await until(pilot, lambda: said)
        assert len(said) == 1 and "Your answers cannot be saved to the draft" in said[0] and where in said[0]
        await answer_all(pilot, IDENTITY[1:])  # the app keeps answering, and says it only once
        await answer_all(pilot, component("model_parameters_final", "Apache-2.0"))
        access = "components.model_parameters_final.access"
        assert await until(pilot, lambda: app.session.answers.get(access) == "public" and current_id(pilot) != access)
        assert len(said) == 1, said  # the next question is drawn: the draft was tried again meanwhile
        assert app.session.answers["identity.publisher"] == "Ai2"
        await pilot.press("ctrl+q")  # quitting now would lose them: asked first
        await pilot.pause()
        assert await until(pilot, lambda: app.return_code is None)
        assert isinstance(app.screen, ConfirmScreen) and "Quit and lose your answers?" in widget_text(
            app.screen.query_one("#confirm-message")
        )
        await pilot.press("n")
        await pilot.pause()
        target = tmp_path / "olmo.toml"  # saved elsewhere: nothing lost
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert await until(pilot, lambda: target.exists())
        await pilot.press("ctrl+q")  # saved: quits without asking
        assert await until(pilot, lambda: app.return_code == 0)
    assert cli_main(["check", str(target)]) == 0


@run_async
async def test_a_data_folder_that_is_a_file_keeps_the_answers_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    await answer_with_an_unwritable_draft(tmp_path, data, f"{data} is a file, not a folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
@run_async
async def test_a_read_only_data_folder_keeps_the_answers_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    try:
        await answer_with_an_unwritable_draft(tmp_path, data, "Permission denied")
    finally:
        data.chmod(0o700)


# ---------------------------------------------------------------- two apps on one data folder


@run_async
async def test_a_second_app_works_on_a_separate_draft(tmp_path: Path) -> None:
    data = tmp_path / "data"
    drafts.save(drafts.Draft({"identity.name": "First"}), data)
    first = drafts.claim(data)  # another app, running
    assert first.path == data / "draft.json" and not first.shared
    try:
        app = make_app(data)
        async with app.run_test(size=(100, 30)) as pilot:
            assert await until(pilot, lambda: "Another openness" in widget_text(app.screen.query_one("#welcome-note")))
            note = " ".join(widget_text(app.screen.query_one("#welcome-note")).split())
            assert "Another openness is using the draft" in note and "draft-2.json" in note
            assert "Resume" not in widget_text(app.screen.query_one("#welcome-menu"))  # not the other's draft
            await pilot.press("n")
            await answer(pilot, "identity.name", "Second")
        assert drafts.load(data).answers == {"identity.name": "First"}  # the first app's draft is untouched
        assert drafts.load(path=data / "draft-2.json").answers == {"identity.name": "Second"}
        third = drafts.claim(data)  # the second app quit and let go of draft-2.json: a third start resumes it
        assert third.path == data / "draft-2.json" and third.shared
        third.release()
    finally:
        first.release()
    again = drafts.claim(data)  # the first one quit: the next start gets the main draft back
    assert again.path == data / "draft.json"
    again.release()


def test_a_later_start_picks_up_a_separate_draft_left_behind(tmp_path: Path) -> None:
    drafts.save(drafts.Draft({"identity.name": "Second"}), path=tmp_path / "draft-2.json")
    claimed = drafts.claim(tmp_path)
    try:
        assert claimed.path == tmp_path / "draft-2.json" and not claimed.shared
    finally:
        claimed.release()


def test_the_lock_goes_when_its_process_is_killed(tmp_path: Path) -> None:
    code = f"""
import time
from questionnaire import drafts
claim = drafts.claim({str(tmp_path)!r})
print(claim.path.name, flush=True)
time.sleep(600)
"""
    holder = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "draft.json\n"
        busy = drafts.claim(tmp_path)
        assert busy.path.name == "draft-2.json" and busy.shared
        busy.release()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    free = drafts.claim(tmp_path)
    assert free.path.name == "draft.json" and not free.shared
    free.release()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@run_async
async def test_fifos_in_the_data_folder_never_block_the_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "draft.json")
    os.mkfifo(data / "preferences.json")
    from questionnaire.app.app import OpennessApp

    app = OpennessApp(data_dir=data, clock=lambda: FIXED_NOW, cursor_blink=False, warm_up=False)  # reads preferences
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: app.theme == "textual-dark")  # no preference
        assert "is a named pipe (FIFO)" in widget_text(app.screen.query_one("#welcome-note"))
    assert (data / SET_ASIDE).is_fifo() and not (data / "draft.json").exists()


def test_a_draft_keeps_number_answers_and_refuses_values_that_are_no_answer(tmp_path: Path) -> None:
    from questionnaire import drafts

    drafts.save(drafts.Draft({"identity.name": "X", "development.training_compute_flop": 3.8e25}), tmp_path)
    loaded = drafts.load(tmp_path)
    assert loaded is not None and loaded.answers["development.training_compute_flop"] == 3.8e25
    (tmp_path / "draft.json").write_text('{"format": 1, "answers": {"identity.name": [1, 2]}}', encoding="utf-8")
    with pytest.raises(drafts.DraftError, match="text, numbers and yes/no values"):
        drafts.load(tmp_path)
