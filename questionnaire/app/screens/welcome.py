"""The first screen: what the tool does, and how to start."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from questionnaire.app import actions
from questionnaire.app.navigation import navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.welcome_menu import WelcomeMenu

if TYPE_CHECKING:
    from questionnaire import drafts

INTRO = (
    "Answer questions about what you release and under which licences.",
    "Get one verdict: open source, open-weight, partially open or closed.",
    "Learn what would make it more open, and save a declaration file.",
)
NOTE = "Every question explains its terms; every answer is saved as you go."
TAGLINE = "Find out, and declare, how open your AI model release is."


class WelcomeScreen(OpensAtOnce, Screen[None]):
    # The screen itself scrolls (Screen's own overflow-y: auto) and centres a column of 72 cells (76 with the
    # margins): no container around the column, whose lines would be styled, laid out and drawn for nothing
    # before the first frame (under the widgets, which cover them).
    DEFAULT_CSS = """
    WelcomeScreen {
        align-horizontal: center;
        & > .welcome { width: 72; max-width: 100%; }
        & #welcome-head { text-align: center; margin: 1 0; }
        & #welcome-intro { padding-left: 1; }
        & #welcome-menu { margin-top: 1; height: auto; }
        & #welcome-detail { color: $text-muted; padding-left: 1; height: 1; }
        & #welcome-note { color: $text-warning; margin-top: 1; }
        & #welcome-footnote { color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS = actions.bindings("welcome")
    AUTO_FOCUS = "#welcome-menu"

    def __init__(self) -> None:
        super().__init__()
        self.draft: drafts.Draft | None = None
        self.details: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        self._read_draft()
        # one widget for the title and the tagline, one for the lines under them: fewer widgets to style, lay
        # out and render before the first frame (the look is the same, cell by cell)
        head = Content.assemble(("openness", "bold $accent"), "\n", TAGLINE)
        yield Static(head, id="welcome-head", classes="welcome")
        yield Static(self._intro(), id="welcome-intro", classes="welcome")
        yield WelcomeMenu(*self._entries(), id="welcome-menu", classes="welcome")
        yield Static("", id="welcome-detail", markup=False, classes="welcome")
        if navigator(self).draft_notes:  # (made only when there is something to say: it seldom is)
            yield self._note()
        yield Static(
            "Not legal advice: the verdicts rest on your answers and on public facts about each licence.",
            id="welcome-footnote",
            classes="welcome",
        )
        yield KeyFooter()

    def _intro(self) -> Content:
        """The lines under the tagline, the note under them muted: as `color: $text-muted` would colour it
        (a Content style cannot name that variable: its value, "auto 60%" in most themes, is used)."""
        muted = self.app.theme_variables.get("text-muted", "auto 60%")
        return Content.assemble("\n".join("• " + line for line in INTRO), "\n\n", (NOTE, muted))

    def _theme_changed(self, _theme: object) -> None:
        self.query_one("#welcome-intro", Static).update(self._intro())

    def _read_draft(self) -> None:
        """The draft this app claimed; an unreadable one is set aside, and the note says so."""
        self.draft = navigator(self).recover_draft()

    def _note(self) -> Static:
        return Static(Text("\n".join(navigator(self).draft_notes)), id="welcome-note", classes="welcome")

    def _show_notes(self) -> None:
        """(Back on this screen.) The notes about the draft as they are now, or none."""
        notes = navigator(self).draft_notes
        shown = self.query("#welcome-note")
        if notes and shown:
            shown.first(Static).update(Text("\n".join(notes)))
        elif notes:
            self.mount(self._note(), before="#welcome-footnote")
        else:
            shown.remove()

    def _entries(self) -> tuple[list[tuple[str, Content]], set[str]]:
        """The menu: the welcome's entries of the action table (their titles, keys and details), and the
        entries with a line above them."""
        fields = {"name": "", "answers": "", "saved": ""}
        if self.draft is not None:
            from questionnaire.text import one_line

            count = len(self.draft.answers)
            fields = {
                "name": one_line(self.draft.name) or "an unnamed model",
                "answers": f"{count} answer{'s' if count != 1 else ''}",
                "saved": _saved_when(self.draft.saved_at),
            }
        keymap = navigator(self).keymap
        entries: list[tuple[str, Content]] = []
        breaks: set[str] = set()
        self.details = {}
        for action in actions.menu_entries(lambda action: self.check_action(action.name, ()) is not False):
            assert action.menu is not None
            title, detail = (text.format_map(fields) for text in action.menu)
            if action.menu_break:
                breaks.add(action.id)
            entries.append((action.id, _menu_item(title, actions.key_for(action.id, keymap))))
            self.details[action.id] = detail
        return entries, breaks

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._highlight_default()

    def _highlight_default(self) -> None:
        menu = self.query_one("#welcome-menu", WelcomeMenu)
        menu.highlighted = 1 if self.draft is not None else 0  # resuming is the likely wish
        self._show_detail(menu)

    def on_welcome_menu_highlighted(self, event: WelcomeMenu.Highlighted) -> None:
        event.stop()
        self._show_detail(event.control)

    def _show_detail(self, menu: WelcomeMenu) -> None:
        entry = menu.highlighted_id
        self.query_one("#welcome-detail", Static).update(Text(self.details.get(entry, "") if entry else ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.draft is not None
        return True

    async def on_welcome_menu_selected(self, event: WelcomeMenu.Selected) -> None:
        """An entry runs what its key runs (the binding's action, in this screen's namespace)."""
        event.stop()
        action = actions.BY_ID.get(event.control.entry_ids[event.index])
        if action is not None:
            await self.run_action(action.action)

    def action_new(self) -> None:
        if self.draft is None:
            navigator(self).new_session()
            return
        from questionnaire.app.screens.confirm import ConfirmScreen
        from questionnaire.text import one_line

        name = one_line(self.draft.name) or "an unnamed model"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.draft = None
                navigator(self).new_session()

        self.app.push_screen(
            ConfirmScreen(
                f"Start a new declaration? The draft of {name} will be discarded.",
                yes="Discard the draft and start",
                no="Keep the draft",
            ),
            confirmed,
        )

    def action_resume(self) -> None:
        if self.draft is not None:
            navigator(self).resume_draft(self.draft)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # back here (after a save, say): the draft may be gone or new. Not on the resume that follows the
        # first mount (the draft was read a moment before, as the screen was composed), nor before it.
        first = not self._resumed_once  # (set by OpensAtOnce's handler, which runs after this one)
        if first or not self.is_mounted:
            return
        self._read_draft()
        self._show_notes()
        menu = self.query_one("#welcome-menu", WelcomeMenu)
        menu.set_entries(*self._entries())
        self._highlight_default()
        self.refresh_bindings()


def _menu_item(title: str, key: str) -> Content:
    return Content.assemble((title, "bold"), (f"  ({key})", "dim"))


def _saved_when(saved_at: str) -> str:
    try:
        when = datetime.fromisoformat(saved_at)
    except ValueError:
        return ""
    return f", saved {when:%Y-%m-%d %H:%M}"
