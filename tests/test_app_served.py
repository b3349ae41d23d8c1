"""The Save and Open-file dialogs of a browser session under `openness serve` (OPENNESS_SERVED=1 and a session
folder), driven with the keys: every way out of the session folder is refused with a plain message, and
nothing outside is written or read. And, in any mode: no control character reaches the screen from a file
name, and the Open-file dialog answers keys whatever the file is."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from questionnaire import declaration
from questionnaire.app.screens.open_file import OpenFileScreen
from questionnaire.app.screens.review import ReviewScreen
from questionnaire.app.screens.save import SaveScreen
from questionnaire.app.screens.welcome import WelcomeScreen
from questionnaire.examples import EXAMPLES_DIR, example_path

from app_pilot import (
    IDENTITY,
    answer_all,
    llama_answers,
    make_app,
    on_screen,
    run_async,
    settle,
    tree_text,
    type_text,
    until,
    widget_text,
)

# Every file opened in this process under a watched folder (an audit hook sees each open(), whoever calls it).
_WATCHED: list[str] = []
_OPENED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _WATCHED and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if any(path == folder or path.startswith(folder + os.sep) for folder in _WATCHED):
            _OPENED.append(path)


sys.addaudithook(_audit)


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A session folder as `openness serve` makes it, with links and a pipe in it; a folder and a home outside."""
    outside, home, folder = tmp_path / "outside", tmp_path / "home", tmp_path / "session-abc123"
    for each in (outside, home, folder):
        each.mkdir()
    secret = declaration.build(llama_answers())
    for where in (outside, home):
        declaration.write(secret, where / "secret.toml")
    (folder / "link.toml").symlink_to(outside / "secret.toml")
    (folder / "linkdir").symlink_to(outside)
    os.mkfifo(folder / "fifo.toml")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("OPENNESS_DATA_DIR", str(folder))
    monkeypatch.setenv("OPENNESS_SERVED", "1")
    before = snapshot(outside, home)
    _WATCHED[:] = [str(outside), str(home)]
    _OPENED.clear()
    yield folder, outside
    _WATCHED.clear()
    assert snapshot(outside, home) == before, "something outside the session folder was written"
    assert _OPENED == [], f"something outside the session folder was opened: {_OPENED}"


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() if p.is_file() else b"" for folder in folders for p in sorted(folder.rglob("*"))}


async def type_into(pilot, text: str) -> None:
    """Type `text` into the focused field (pasted, as a browser's paste sends it, when it is long) and Enter."""
    await pilot.press("ctrl+u")
    if len(text) > 200:
        from textual import events

        pilot.app.post_message(events.Paste(text))
    else:
        await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


def escapes(outside: Path) -> list[tuple[str, str]]:
    """What a person at a browser might type to reach the server's files, and the words that refuse it."""
    return [
        (str(outside / "secret.toml"), "outside this session's folder"),
        ("~/secret.toml", "home folder of the server's user"),
        ("../outside/secret.toml", "goes up (..) out of this session's folder"),
        ("link.toml", "a link that leads outside this session's folder"),
        ("linkdir/secret.toml", "a link that leads outside this session's folder"),
        ("fifo.toml", "is a named pipe (FIFO), not a regular file"),
    ]


@run_async
async def test_the_save_dialog_of_a_browser_session_writes_only_in_its_folder(served) -> None:
    folder, outside = served
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await answer_all(pilot, IDENTITY[:1])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(
            pilot, lambda: "this session's own folder on the server" in widget_text(app.screen.query_one("#save-hint"))
        )
        for typed, words in escapes(outside) + [
            (str(outside / "new.toml"), "outside this session's folder"),
            ("linkdir/new.toml", "a link that leads outside"),
            ("a" * 300 + ".toml", "That name cannot be used here"),  # (these crashed the session's app)
            ("a/" * 2040 + "x.toml", "That name cannot be used here"),  # 4,086 characters: the field takes them
            ("a/" * 2100 + "x.toml", "Give a file name"),  # past the 4,096 a path field takes: the paste is refused
        ]:
            await type_into(pilot, typed)
            assert isinstance(app.screen, SaveScreen), typed  # no "Replace it?" for a file outside
            message = widget_text(app.screen.query_one("#save-error"))
            assert words in " ".join(message.split()), (typed, message)
        await type_into(pilot, "olmo.toml")
        assert not isinstance(app.screen, SaveScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(
            pilot, lambda: app.screen.query_one("#save-path").value == "olmo.toml"
        )  # the name, not the server's folder
    assert tomllib.loads((folder / "olmo.toml").read_text())["model"]["name"] == "OLMo-7B"
    assert (folder / "fifo.toml").is_fifo()


@run_async
async def test_the_open_dialog_of_a_browser_session_reads_only_its_folder_and_the_examples(served) -> None:
    folder, outside = served
    shutil.copy(example_path("gemma-2-9b-it"), folder / "mine.toml")
    examples_before = snapshot(EXAMPLES_DIR)
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        assert await until(pilot, lambda: on_screen(app, OpenFileScreen))
        hint = " ".join(widget_text(app.screen.query_one("#open-hint")).split())
        assert "the files of this session can be opened" in hint
        for typed, words in escapes(outside):
            await type_into(pilot, typed)
            assert isinstance(app.screen, OpenFileScreen) and app.session is None, typed
            message = widget_text(app.screen.query_one("#open-error"))
            assert words in " ".join(message.split()), (typed, message)
        await type_into(pilot, "mine.toml")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.source == "mine.toml" and app.session.model_name == "Gemma 2 9B IT"
        # a shipped example can be opened too; saving it goes to the session folder, under its own name
        app.action_open_file()  # as the command palette's "Open a declaration file" does
        await pilot.pause()
        await type_into(pilot, str(example_path("olmo-2-7b")))
        assert isinstance(app.screen, ReviewScreen) and app.session.model_name.startswith("OLMo")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.query_one("#save-path").value == "olmo-2-7b.toml")
        await pilot.press("enter")
        await pilot.pause()
    assert (folder / "olmo-2-7b.toml").is_file()
    assert snapshot(EXAMPLES_DIR) == examples_before


@run_async
async def test_a_file_name_with_control_characters_never_reaches_the_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data", answers=llama_answers(), source="\x1b]2;owned\x07.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: app.screen.query_one("#save-path", Input).value != "")
        field = app.screen.query_one("#save-path", Input)
        assert field.value == "Llama-3.1-8B-openness.toml"  # the model's name, as for a new declaration
        note = widget_text(app.screen.query_one("#save-note"))
        assert "\\x1b]2;owned\\x07.toml" in note and "control or invisible characters" in " ".join(note.split())
        shown = tree_text(app.screen)
        assert "\x1b" not in shown and "\x07" not in shown
        field.post_message(events.Paste("\x1b]2;pasted\x07.toml"))  # a pasted escape sequence is refused
        await pilot.pause()
        assert await until(pilot, lambda: field.value == "Llama-3.1-8B-openness.toml")
        await pilot.press("escape")
        await pilot.pause()
        app.action_open_file()
        assert await until(pilot, lambda: on_screen(app, OpenFileScreen))
        field = app.screen.query_one("#open-path", Input)
        field.post_message(events.Paste("a\x1b[2Jb.toml"))
        await pilot.pause()
        assert await until(pilot, lambda: field.value == "")


@run_async
async def test_the_open_dialog_refuses_a_pipe_at_once_in_a_terminal_too(tmp_path: Path) -> None:
    fifo = tmp_path / "decl.toml"
    os.mkfifo(fifo)  # opened for reading, with no writer, it would wait forever
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await type_into(pilot, str(fifo))
        assert "is a named pipe (FIFO), not a regular file" in " ".join(
            widget_text(app.screen.query_one("#open-error")).split()
        )


@run_async
async def test_the_open_dialog_answers_keys_while_a_file_is_being_read(tmp_path: Path, monkeypatch) -> None:
    from questionnaire.app import session

    reading, release = threading.Event(), threading.Event()

    def slow_disk(path: str) -> dict:
        reading.set()
        release.wait(30)
        return llama_answers()

    monkeypatch.setattr(session, "answers_from_declaration", slow_disk)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await pilot.press("o")
            await pilot.pause()
            await pilot.press(*"slow.toml", "enter")
            await pilot.pause()
            assert await until(pilot, lambda: reading.wait(10))
            assert "Opening slow.toml" in widget_text(app.screen.query_one("#open-status"))
            await pilot.press("escape")  # the read has not finished: the keys still work
            await pilot.pause()
            assert await until(pilot, lambda: on_screen(app, WelcomeScreen))
        finally:
            release.set()
        await settle(pilot)
        assert await until(
            pilot, lambda: app.session is None and isinstance(app.screen, WelcomeScreen)
        )  # the late result is dropped
