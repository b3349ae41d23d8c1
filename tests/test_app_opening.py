"""A screen that opens shows at its first frame the lines it keeps: nothing is wrapped again a moment later.

Text taller than its scrolling box brings a scrollbar once it is laid out; where the box kept no room for
it, every line was wrapped again two columns narrower and the screen laid out a second time (the result:
each list drawn at 74 columns, then at 72; the help: its paragraphs jumped as it opened). The first frame
is read as the app draws it (the screen's first update), the settled one once the screen is still."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from app_pilot import (
    make_app,
    on_screen,
    run_async,
    save_llama_draft,
    screen_text,
    still,
    until,
)


def first_frames(monkeypatch: pytest.MonkeyPatch, screen_name: str) -> list[list[str]]:
    """What the terminal shows after each screen update of the first `screen_name` screen opened, the
    first of them first (filled as the app draws)."""
    frames: list[list[str]] = []
    refresh_layout = Screen._refresh_layout

    def recorded(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
        refresh_layout(screen, *args, **kwargs)
        if type(screen).__name__ == screen_name and screen.is_current:
            frames.append(screen_text(screen.app))

    monkeypatch.setattr(Screen, "_refresh_layout", recorded)
    return frames


def wrapped_lines(lines: list[str], marker: str) -> list[str]:
    """The lines from the one holding `marker` on, right blanks dropped (where a scrollbar's room is kept)."""
    start = next(i for i, line in enumerate(lines) if marker in line)
    return [line.rstrip(" █▐▌▎▊▍▕▏▁▂▃▄▅▆▇") for line in lines[start:]]


async def first_and_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], key: str, screen_type: type
) -> tuple[list[str], list[str], Any]:
    """Llama's draft resumed (at its second question), then `key` pressed there: the lines of the first
    frame of the `screen_type` it opens, those of that screen once still, and the screen."""
    from questionnaire.app.screens.questionnaire import QuestionnaireScreen

    data = tmp_path / "data"
    save_llama_draft(data)
    frames = first_frames(monkeypatch, screen_type.__name__)
    app = make_app(data)
    async with app.run_test(size=size) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: on_screen(app, QuestionnaireScreen))
        await pilot.press(key)
        assert await until(pilot, lambda: on_screen(app, screen_type) and bool(frames))
        assert await still(pilot)
        return frames[0], screen_text(app), app.screen


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@run_async
async def test_the_result_is_not_wrapped_again_after_its_first_frame(
    size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from questionnaire.app.screens.result import ResultScreen

    first, settled, _ = await first_and_settled(tmp_path, monkeypatch, size, "ctrl+t", ResultScreen)
    assert "Why" in "".join(first)
    # the reasons and the lists under them, as the first frame drew them
    assert wrapped_lines(first, "Why")[:8] == wrapped_lines(settled, "Why")[:8]


@run_async
async def test_the_help_is_not_wrapped_again_after_its_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from questionnaire.app.screens.help import HelpScreen

    # at the second question, its help and its section's fill the box at 80x24 (the keys make it scroll)
    first, settled, screen = await first_and_settled(tmp_path, monkeypatch, (80, 24), "f1", HelpScreen)
    prompt = screen.question.prompt
    assert prompt in "".join(first)  # the question's help is there at the first frame
    assert wrapped_lines(first, prompt)[:15] == wrapped_lines(settled, prompt)[:15]
