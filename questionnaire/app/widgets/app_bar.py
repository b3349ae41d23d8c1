"""The bar at the top of every working screen: the tool, the model, progress and the live verdict; and for a
few seconds after something is done ("Saved to ..."), a note in place of the model and the progress, so
that a confirmation covers nothing on the screen (a toast would hide the last rows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from questionnaire.app.widgets.verdict_badge import VerdictBadge
from questionnaire.text import one_line

if TYPE_CHECKING:
    from textual.timer import Timer

    from questionnaire.app.session import Session


class AppBar(Horizontal):
    DEFAULT_CSS = """
    AppBar {
        dock: top; height: 1; width: 100%; background: $panel;
        & #bar-title { width: auto; padding: 0 1; text-style: bold; color: $accent; }
        & #bar-name { width: 1fr; padding: 0 1; text-overflow: ellipsis; text-wrap: nowrap; }
        & #bar-progress { width: auto; padding: 0 1; color: $text-muted; }
        & #bar-note { width: 1fr; padding: 0 1; text-overflow: ellipsis; text-wrap: nowrap; display: none;
                      color: $text-success; text-style: bold; }
        &.-note #bar-note { display: block; }
        &.-warning #bar-note { color: $text-warning; }
        &.-note #bar-name, &.-note #bar-progress { display: none; }
    }
    """
    NOTE_SECONDS = 8.0

    def __init__(self, screen_title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.screen_title = screen_title
        self._note_timer: Timer | None = None
        self._shown: dict[str, Text] = {}

    def compose(self) -> ComposeResult:
        yield Static("openness", id="bar-title")
        yield Static("", id="bar-name", markup=False)
        yield Static("", id="bar-note", markup=False)
        yield Static("", id="bar-progress", markup=False)
        yield VerdictBadge(id="bar-verdict")

    def set_name(self, name: str) -> None:
        text = Text(self.screen_title + (" · " if self.screen_title and name else ""), style="bold")
        text.append(one_line(name) if name else ("" if self.screen_title else "unnamed model"))
        self._update("#bar-name", text)

    def set_progress(self, text: str) -> None:
        self._update("#bar-progress", Text(text))

    def _update(self, selector: str, text: Text) -> None:
        """Show `text` in a part of the bar, unless it is shown already (an update lays the screen out
        again, and after every answer the name at least is the same)."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text)

    def show_note(self, text: str, *, warning: bool = False) -> None:
        """A confirmation (or, `warning`, a notice), for a few seconds, where the model's name and the
        progress are."""
        self.query_one("#bar-note", Static).update(Text(one_line(text)))
        self.add_class("-note")
        self.set_class(warning, "-warning")
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(self.NOTE_SECONDS, self.clear_note)

    def clear_note(self) -> None:
        self.remove_class("-note")

    def set_tier(self, tier: str | None) -> None:
        self.query_one(VerdictBadge).set_tier(tier)

    def show_verdict_of(self, session: Session | None) -> None:
        """The badge always means the user's own answers: the session's tier ("no verdict yet" before
        anything it rests on is answered), or no badge at all where there is no session. An example
        looked at, or a change tried in what-if, shows its tier on the screen, never here."""
        badge = self.query_one(VerdictBadge)
        badge.display = session is not None
        if session is not None:
            badge.set_tier(session.classification().tier if session.has_verdict() else None)

    def hide_verdict(self) -> None:
        """For screens about no release in particular (the glossary)."""
        self.query_one(VerdictBadge).display = False
