"""Shown over everything while the terminal is smaller than the app is laid out for (80x24): what to do,
instead of a layout cut to pieces. It goes away by itself when the terminal is large enough again, and
everything underneath is as it was."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from questionnaire.app import actions
from questionnaire.app.navigation import key_for

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class SizeNotice(ModalScreen[None]):
    DEFAULT_CSS = """
    SizeNotice {
        align: center middle; background: $background;
        & > Static { width: auto; max-width: 100%; height: auto; padding: 0 1; text-align: center; }
    }
    """
    BINDINGS = actions.bindings("size")

    def compose(self) -> ComposeResult:
        yield Static(id="size-notice")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        text = Text(f"Make the terminal at least {MIN_WIDTH}x{MIN_HEIGHT}", style="bold")
        text.append(
            f"\n\nIt is {width}x{height} now. openness shows again, as you left it, as soon as the "
            "terminal is large enough (a larger window or a smaller font).\n\n"
            f"{key_for(self, 'app.quit')} quits; every answer is already saved in the draft."
        )
        self.query_one("#size-notice", Static).update(text)
