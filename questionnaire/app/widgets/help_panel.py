"""The help beside a question: its Markdown help text (it teaches the term), the frameworks it cites,
and, on a section's first question, what the section is about.

The text is drawn with Rich's Markdown into one Static: going to the next question replaces a
renderable instead of mounting a widget per paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from questionnaire.app.links import action_link
from questionnaire.app.navigation import key_for

if TYPE_CHECKING:
    from questionnaire.bank import Question, Section


class HelpPanel(VerticalScroll):
    DEFAULT_CSS = """
    HelpPanel {
        height: auto; padding: 0 1 0 2; background: $surface;
        border-left: wide $foreground 10%;
        & > #help-title { color: $text-muted; text-style: bold; }
        & > #help-body { width: 100%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)

    def compose(self) -> ComposeResult:
        yield Static("What this means", id="help-title")
        yield Static("", id="help-body")

    def show(
        self, question: Question, section: Section, *, with_section: bool, terms: Sequence[tuple[str, str]] = ()
    ) -> None:
        parts: list[RenderableType] = [_markdown(question.help)]
        if question.cite:
            parts.append(Text("Sources: " + ", ".join(question.cite), style="dim"))
        if terms:
            parts.append(glossary_links(terms, key_for(self, "app.glossary")))
        if with_section:
            parts.append(Text(f"\nAbout “{section.title}”", style="bold dim"))
            parts.append(_markdown(section.help))
        self.query_one("#help-body", Static).update(Group(*parts))
        self.scroll_home(animate=False)


def glossary_links(terms: Sequence[tuple[str, str]], key: str) -> Text:
    """'Glossary (Ctrl+G): open-weight · OSAID', each term a link that opens its entry."""
    text = Text(f"Glossary ({key}): ", style="bold dim")
    for number, (entry_id, term) in enumerate(terms):
        if number:
            text.append(" · ", style="dim")
        text.append_text(action_link(term, "app.glossary", entry_id))
    return text


def _markdown(text: str) -> Markdown:
    return Markdown(text, inline_code_theme="ansi_dark", hyperlinks=False)
