"""Help: the current question's help text and its section's, and the keys (made from the action table,
with the user's keymap applied)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.lazy import Lazy
from textual.screen import ModalScreen
from textual.widgets import Markdown

from questionnaire.app import actions
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.keys_table import KeysTable

if TYPE_CHECKING:
    from questionnaire.bank import Bank, Question


class HelpScreen(OpensAtOnce, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90; max-width: 100%; height: auto; max-height: 100%;
            border: thick $accent; background: $panel; padding: 0 1;
            border-title-style: bold;
            /* the scrollbar's room kept: help taller than the box does not bring a scrollbar after the
               first frame, and with it every line wrapped again and laid out a second time */
            scrollbar-gutter: stable;
        }
        & Markdown { background: transparent; }
    }
    """
    BINDINGS = actions.bindings("help")

    def __init__(
        self,
        question: Question | None = None,
        bank: Bank | None = None,
        *,
        about: tuple[str, str] | None = None,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.bank = bank
        self.about = about  # (title, Markdown) of the screen underneath, when it is not a question
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        parts = []
        if self.question is not None:
            parts.append(f"## {_escape(self.question.prompt)}\n\n{self.question.help}")
            if self.bank is not None:
                section = self.bank.section(self.question.section)
                parts.append(f"## About “{_escape(section.title)}”\n\n{section.help}")
        elif self.about is not None:
            title, text = self.about
            parts.append(f"## {_escape(title)}\n\n{text}")
        else:
            parts.append(
                "## openness\n\nAnswer questions about what you release and under which licences; "
                "see the tier they lead to, each framework's verdict, and what would make the release "
                "more open. Every answer is saved at once in a draft."
            )
        with VerticalScroll() as box:
            box.border_title = f"Help ({actions.key_for('help.close', self.keymap)} to close)"
            yield Markdown("\n\n".join(parts))
            # the keys are mounted a frame later, under the help the user opened this for (Textual's `Lazy`)
            yield Lazy(KeysTable(self.keymap, id="help-keys"))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
