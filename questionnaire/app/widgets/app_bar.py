"""The bar at the top of every working screen: the tool, the model, progress and the live verdict; and for a
few seconds after something is done ("Saved to ..."), a note in place of the model and the progress, so
that a confirmation covers nothing on the screen (a toast would hide the last rows).

One widget that draws its parts itself (they were five widgets, laid out again on every layout of the
screen): the tool's name, the model's name (the room left, cut with … when too long), the progress and the
verdict badge, each in the colours of its component class below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

from questionnaire.text import one_line
from questionnaire.vocabulary import TIER_TITLES

if TYPE_CHECKING:
    from textual.timer import Timer

    from questionnaire.app.session import Session

BADGE_TOOLTIP = "The tier the answers so far lead to"


class AppBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "app-bar--title",
        "app-bar--progress",
        "app-bar--note",
        "app-bar--warning",
        "app-bar--no-verdict",
        *(f"app-bar--{tier}" for tier in TIER_TITLES),
    }
    DEFAULT_CSS = """
    AppBar {
        dock: top; height: 1; width: 100%; background: $panel; text-wrap: nowrap; text-overflow: clip;
        & > .app-bar--title { text-style: bold; color: $accent; }
        & > .app-bar--progress { color: $text-muted; }
        & > .app-bar--note { color: $text-success; text-style: bold; }
        & > .app-bar--warning { color: $text-warning; text-style: bold; }
        & > .app-bar--no-verdict { text-style: bold; background: $panel-lighten-2; color: $text; }
        & > .app-bar--open-source { text-style: bold; background: $success; color: $text; }
        & > .app-bar--open-weight { text-style: bold; background: $primary; color: $text; }
        & > .app-bar--partially-open { text-style: bold; background: $warning; color: $background; }
        & > .app-bar--closed { text-style: bold; background: $error; color: $text; }
    }
    """
    NOTE_SECONDS = 8.0

    def __init__(self, screen_title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.screen_title = screen_title
        self._note_timer: Timer | None = None
        self._name = Text()
        self._progress = ""
        self._note: tuple[str, bool] | None = None  # (text, warning)
        self._badge_shown = True
        self._tier: str | None = None
        self._badge_from = -1  # the column where the badge starts (for its tooltip)

    # ------------------------------------------------------------------ what it shows

    def _set(self, **parts: object) -> None:
        """Change parts of the bar and draw it again, unless each is as it is shown already (after every
        answer the name at least is the same). Its size never changes: no layout."""
        changed = False
        for name, value in parts.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.refresh()

    def set_name(self, name: str) -> None:
        text = Text(self.screen_title + (" · " if self.screen_title and name else ""), style="bold")
        text.append(one_line(name) if name else ("" if self.screen_title else "unnamed model"))
        self._set(_name=text)

    def set_progress(self, text: str) -> None:
        self._set(_progress=text)

    def show_note(self, text: str, *, warning: bool = False) -> None:
        """A confirmation (or, `warning`, a notice), for a few seconds, where the model's name and the
        progress are."""
        self._set(_note=(one_line(text), warning))
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(self.NOTE_SECONDS, self.clear_note)

    def clear_note(self) -> None:
        self._set(_note=None)

    def set_tier(self, tier: str | None) -> None:
        self._set(_tier=tier)

    def show_verdict_of(self, session: Session | None) -> None:
        """The badge always means the user's own answers: the session's tier ("no verdict yet" before
        anything it rests on is answered), or no badge at all where there is no session. An example
        looked at, or a change tried in what-if, shows its tier on the screen, never here."""
        if session is None:
            self._set(_badge_shown=False)
        else:
            self._set(_badge_shown=True, _tier=session.classification().tier if session.has_verdict() else None)

    def hide_verdict(self) -> None:
        """For screens about no release in particular (the glossary)."""
        self._set(_badge_shown=False)

    @property
    def badge_text(self) -> str:
        """The badge's words as shown ("" when there is no badge)."""
        if not self._badge_shown:
            return ""
        return TIER_TITLES[self._tier] if self._tier is not None else "no verdict yet"

    @property
    def name_text(self) -> str:
        """The model's name as the bar holds it (before it is cut to the room it has)."""
        return self._name.plain

    @property
    def note_text(self) -> str:
        return self._note[0] if self._note is not None else ""

    # ------------------------------------------------------------------ drawing

    def render(self) -> Text:
        """One line: " openness " (bold, accent), then the name (the room left; cut with …) and the
        progress (muted), or a note in their place (bold, success or warning), then the badge. Each part
        has a cell of padding either side, as the widgets it replaces had."""
        width = self.size.width
        style = self.get_component_rich_style
        title = Text(" openness ", style=style("app-bar--title"))
        badge = Text()
        if self._badge_shown:
            tier_class = f"app-bar--{self._tier}" if self._tier is not None else "app-bar--no-verdict"
            badge = Text(f" {self.badge_text} ", style=style(tier_class))
        if self._note is not None:
            note, warning = self._note
            middle = [(Text(note, style=style("app-bar--warning" if warning else "app-bar--note")), True)]
        else:
            middle = [(self._name, True), (Text(self._progress, style=style("app-bar--progress")), False)]
        fixed = title.cell_len + badge.cell_len + sum(text.cell_len + 2 for text, flexible in middle if not flexible)
        room = max(0, width - fixed - 2)  # the flexible part's text, between its padding
        line = Text()
        line.append_text(title)
        for text, flexible in middle:
            part = text.copy()
            if flexible:
                part.truncate(room, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(part)
            line.append(" ")
        self._badge_from = cell_len(line.plain) if self._badge_shown else -1
        line.append_text(badge)
        line.truncate(width, overflow="crop", pad=True)
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The badge's tooltip, over the badge only (it was a widget of its own)."""
        over_badge = self._badge_shown and self._tier is not None and 0 <= self._badge_from <= event.x
        self.tooltip = BADGE_TOOLTIP if over_badge else None
