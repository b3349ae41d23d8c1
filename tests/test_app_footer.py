"""The key footer (one widget that draws every key) looks and acts as Textual's Footer: the same line, cell
for cell and colour for colour, at 80 columns (compact) and 120; a click on a key presses it; a disabled
key is dimmed and a click on it rings the bell; the key under the mouse is highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from questionnaire.app.screens.help import HelpScreen
from questionnaire.app.widgets.key_footer import KeyFooter

from app_pilot import make_app, on_screen, run_async, until

ARROWS = Binding.Group("Back/Next")


class FooterOfWidgets(Footer):
    """The footer as it was: Textual's Footer, a group's label apart from the next key when compact."""

    DEFAULT_CSS = """
    FooterOfWidgets.-compact FooterLabel { margin: 0 1 0 0; }
    """


class Keys(App[None]):
    """A few keys like the app's: a group of two, plain keys, one disabled, and the command palette's."""

    BINDINGS = [
        Binding("pageup", "back", "Back", group=ARROWS),
        Binding("pagedown", "next", "Next", group=ARROWS),
        Binding("f2", "sections", "Sections"),
        Binding("ctrl+r", "review", "Review"),
        Binding("x", "off", "Not now"),
        Binding("f1", "help", "Help", tooltip="Help for this screen"),
    ]

    def __init__(self, footer: type) -> None:
        super().__init__()
        self.footer = footer
        self.done: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield self.footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "off" else True  # None: shown, disabled

    def action_sections(self) -> None:
        self.done.append("sections")

    def bell(self) -> None:
        self.bells += 1


def last_line(app: Any) -> list[tuple[str, Any]]:
    """(character, (colour, background, bold, dim)) of every cell of the screen's last line; a blank cell's
    colour is None (it shows none)."""
    strips = app.screen._compositor.render_strips()  # as app_pilot.screen_text reads the screen
    cells: list[tuple[str, Any]] = []
    for segment in strips[-1]:
        style = segment.style or Style()
        cells.extend(
            (character, (style.color if character.strip() else None, style.bgcolor, style.bold, style.dim))
            for character in segment.text
        )
    return cells


async def drawn(app: Any, pilot: Any) -> list[tuple[str, Any]]:
    assert await until(pilot, lambda: "Help" in "".join(c for c, _ in last_line(app)))
    return last_line(app)


@pytest.mark.parametrize("width", [80, 120])
@run_async
async def test_the_footer_draws_the_line_textuals_footer_draws(width: int) -> None:
    lines = []
    for footer in (FooterOfWidgets, KeyFooter):
        app = Keys(footer)
        async with app.run_test(size=(width, 5)) as pilot:
            if footer is FooterOfWidgets:
                app.query_one(Footer).compact = width < 100  # as KeyFooter below 100 columns
            lines.append(await drawn(app, pilot))
    textual, ours = lines
    assert "".join(c for c, _ in ours) == "".join(c for c, _ in textual)
    assert ours == textual


@run_async
async def test_a_click_on_a_key_presses_it_and_a_disabled_key_rings_the_bell() -> None:
    app = Keys(KeyFooter)
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(KeyFooter)
        line = "".join(c for c, _ in await drawn(app, pilot))
        entries = {entry.action: entry for entry in footer.entries}
        assert entries["off"].disabled and not entries["sections"].disabled
        cells = last_line(app)
        # dimmed: the disabled key and its words in fainter colours than an enabled key's
        assert cells[line.index("x Not")][1][0] != cells[line.index("f2")][1][0]
        assert cells[line.index("Not now")][1][0] != cells[line.index("Sections")][1][0]

        await pilot.click(KeyFooter, offset=(line.index("Sections"), 0))
        assert await until(pilot, lambda: app.done == ["sections"])
        await pilot.click(KeyFooter, offset=(line.index("Not now"), 0))
        assert await until(pilot, lambda: app.bells == 1)
        assert app.done == ["sections"]


@run_async
async def test_the_key_under_the_mouse_is_highlighted_and_shows_its_tooltip() -> None:
    app = Keys(KeyFooter)
    async with app.run_test(size=(80, 5)) as pilot:
        footer = app.query_one(KeyFooter)
        before = await drawn(app, pilot)
        line = "".join(c for c, _ in before)
        at = line.index("Help")
        await pilot.hover(KeyFooter, offset=(at, 0))
        assert await until(pilot, lambda: last_line(app)[at][1][1] != before[at][1][1])  # another background
        assert footer.tooltip == "Help for this screen"
        elsewhere = line.index("Sections")
        assert last_line(app)[elsewhere] == before[elsewhere]


@run_async
async def test_a_click_on_f1_in_the_apps_footer_opens_the_help(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        assert await until(pilot, lambda: any(entry.key == "f1" for entry in footer.entries))
        line = "".join(c for c, _ in last_line(app))
        await pilot.click(KeyFooter, offset=(line.index("F1"), 0))
        assert await until(pilot, lambda: on_screen(app, HelpScreen))
