"""The questionnaire screen's compositor draws only the widgets an update touches, and the terminal is sent
the same as Textual's own compositor would send it (app/compositor.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual._compositor import Compositor

from questionnaire.app.screens.questionnaire import QuestionnaireScreen

from app_pilot import IDENTITY, answer_all, component, current_id, make_app, run_async, until


def sent(update: Any, size: tuple[int, int]) -> str:
    """What an update sends to the terminal, with its colours and cursor moves."""
    console = Console(width=size[0], height=size[1], file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(update, end="")
    return console.file.getvalue()


def compare_each_update(screen: QuestionnaireScreen, size: tuple[int, int]) -> list[dict[str, Any]]:
    """From now on, each partial update of `screen` is also made by Textual's own way of finding what to
    draw, for the same regions; each is recorded: what both send, and the widgets each drew."""
    compositor = screen._compositor
    touched = compositor._get_renders
    partial_update = compositor.render_partial_update
    records: list[dict[str, Any]] = []

    def both() -> Any:
        regions = set(compositor._dirty_regions)
        drew: dict[str, list[str]] = {}
        updates = {}
        for way, get_renders in (("textual", Compositor._get_renders.__get__(compositor)), ("touched", touched)):

            def recorded(crop: Any = None, get_renders: Any = get_renders, way: str = way) -> Any:
                for region, clip, strips in get_renders(crop):
                    drew.setdefault(way, []).append(str(region))
                    yield region, clip, strips

            compositor._dirty_regions.update(regions)
            compositor._get_renders = recorded
            updates[way] = partial_update()
        compositor._get_renders = touched
        if updates["touched"] is not None:
            records.append(
                {
                    "textual": sent(updates["textual"], size),
                    "touched": sent(updates["touched"], size),
                    "drawn": (len(drew.get("textual", [])), len(drew.get("touched", []))),
                }
            )
        return updates["touched"]

    compositor.render_partial_update = both
    return records


@run_async
async def test_each_update_after_an_answer_sends_what_textual_would_and_draws_fewer_widgets(tmp_path: Path) -> None:
    for size in ((80, 24), (120, 32)):
        app = make_app(tmp_path / f"data-{size[0]}")
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            assert await until(pilot, lambda: current_id(pilot) == "identity.name")
            screen = app.screen
            assert isinstance(screen, QuestionnaireScreen)
            records = compare_each_update(screen, size)
            steps = IDENTITY + component("model_parameters_final", "Apache-2.0")
            steps += component("model_parameters_intermediate")
            await answer_all(pilot, steps)
            assert await until(pilot, lambda: current_id(pilot) == "components.model_metadata.released")
            assert len(records) >= len(steps), f"{size}: {len(records)} updates for {len(steps)} answers"
            for number, record in enumerate(records):
                assert record["touched"] == record["textual"], f"{size}: update {number} sends something else"
            # the sidebar, the bar and the footer are left out of the updates of the question area
            assert sum(touched < textual for textual, touched in (r["drawn"] for r in records)) >= len(steps)
