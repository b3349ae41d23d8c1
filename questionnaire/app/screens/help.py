"""Help: the current question's help text and its section's, and the keys that work everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

if TYPE_CHECKING:
    from questionnaire.bank import Bank, Question

KEYS = """
## Keys

| key | what it does |
|---|---|
| Enter | answer and go on (in the review: change the selected answer) |
| Home / End | the first / last choice; in the review, the first / last answer |
| y / n, 1–9 | choose yes, no, or a numbered choice |
| ↑ ↓ | move between choices, or between licences in the licence picker |
| PgUp / PgDn | the previous / next question (in the licence picker: a page of licences, then the question) |
| F2 | the list of sections and questions (Enter or a click goes there) |
| Ctrl+R | review every answer |
| Ctrl+T | the result: tier, reasons, each framework's verdict |
| Ctrl+S | save the declaration |
| Ctrl+G | the glossary: every term, searchable (on a question: at its first term) |
| w / c / e | on the result: what if, compare, the examples |
| Ctrl+P | commands: jump to a section, save, review, what if, glossary, switch theme … |
| Ctrl+Q | quit (every answer is already saved in the draft) |
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90; max-width: 100%; height: auto; max-height: 100%;
            border: thick $accent; background: $panel; padding: 0 1;
            border-title-style: bold;
        }
        & Markdown { background: transparent; }
    }
    """
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close")]

    def __init__(self, question: Question | None = None, bank: Bank | None = None, *,
                 about: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.bank = bank
        self.about = about  # (title, Markdown) of the screen underneath, when it is not a question

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
            parts.append("## openness\n\nAnswer questions about what you release and under which licences; "
                         "see the tier they lead to, each framework's verdict, and what would make the release "
                         "more open. Every answer is saved at once in a draft.")
        parts.append(KEYS)
        with VerticalScroll() as box:
            box.border_title = "Help (Esc to close)"
            yield Markdown("\n\n".join(parts))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
