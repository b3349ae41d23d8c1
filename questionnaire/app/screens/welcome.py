"""The first screen: what the tool does, and how to start."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from questionnaire import drafts
from questionnaire.app import actions
from questionnaire.app.navigation import navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.text import one_line

INTRO = (
    "Answer questions about what you release and under which licences.",
    "Get one verdict: open source, open-weight, partially open or closed.",
    "Learn what would make it more open, and save a declaration file.",
)
NOTE = "Every question explains its terms; every answer is saved as you go."
TAGLINE = "Find out, and declare, how open your AI model release is."


class WelcomeScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    WelcomeScreen {
        align-horizontal: center;
        & > VerticalScroll { width: 100%; height: 1fr; align-horizontal: center; }
        & #welcome-box { width: 76; max-width: 100%; height: auto; padding: 1 2 0 2; }
        & #welcome-head { width: 100%; text-align: center; margin-bottom: 1; }
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
        with VerticalScroll():
            with Center(id="welcome-box"):
                # one widget for the title and the tagline, one for the lines under them: fewer widgets
                # to style, lay out and render before the first frame (the look is the same, cell by cell)
                yield Static(Content.assemble(("openness", "bold $accent"), "\n", TAGLINE), id="welcome-head")
                yield Static(self._intro(), id="welcome-intro")
                yield OptionList(*self._options(), id="welcome-menu")
                yield Static("", id="welcome-detail", markup=False)
                yield Static("", id="welcome-note")
                yield Static(
                    "Not legal advice: the verdicts rest on your answers and on public facts about each licence.",
                    id="welcome-footnote",
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

    def _show_notes(self) -> None:
        notes = navigator(self).draft_notes
        note = self.query_one("#welcome-note", Static)
        note.update(Text("\n".join(notes)))
        note.display = bool(notes)

    def _options(self) -> list[Option | None]:
        """The menu: the welcome's entries of the action table (their titles, keys and details)."""
        fields = {"name": "", "answers": "", "saved": ""}
        if self.draft is not None:
            count = len(self.draft.answers)
            fields = {
                "name": one_line(self.draft.name) or "an unnamed model",
                "answers": f"{count} answer{'s' if count != 1 else ''}",
                "saved": _saved_when(self.draft.saved_at),
            }
        keymap = navigator(self).keymap
        options: list[Option | None] = []
        self.details = {}
        for action in actions.menu_entries(lambda action: self.check_action(action.name, ()) is not False):
            assert action.menu is not None
            title, detail = (text.format_map(fields) for text in action.menu)
            if action.menu_break and options:
                options.append(None)
            options.append(Option(_menu_item(title, actions.key_for(action.id, keymap)), id=action.id))
            self.details[action.id] = detail
        return options

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_notes()
        self._highlight_default()

    def _highlight_default(self) -> None:
        menu = self.query_one("#welcome-menu", OptionList)
        menu.highlighted = 1 if self.draft is not None else 0  # resuming is the likely wish
        self._show_detail(menu)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option_list)

    def _show_detail(self, menu: OptionList) -> None:
        option = menu.highlighted_option
        self.query_one("#welcome-detail", Static).update(
            Text(self.details.get(option.id or "", "") if option is not None else "")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.draft is not None
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """An entry runs what its key runs (the binding's action, in this screen's namespace)."""
        event.stop()
        action = actions.BY_ID.get(event.option_id or "")
        if action is not None:
            await self.run_action(action.action)

    def action_new(self) -> None:
        if self.draft is None:
            navigator(self).new_session()
            return
        from questionnaire.app.screens.confirm import ConfirmScreen

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
        menu = self.query_one("#welcome-menu", OptionList)
        menu.set_options(self._options())
        self._highlight_default()
        self.refresh_bindings()


def _menu_item(title: str, key: str) -> Text:
    text = Text()
    text.append(title, style="bold")
    text.append(f"  ({key})", style="dim")
    return text


def _saved_when(saved_at: str) -> str:
    try:
        when = datetime.fromisoformat(saved_at)
    except ValueError:
        return ""
    return f", saved {when:%Y-%m-%d %H:%M}"
