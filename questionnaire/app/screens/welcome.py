"""The first screen: what the tool does, and how to start."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from questionnaire import drafts
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.app.app import OpennessApp

INTRO = (
    "Answer questions about what you release and under which licences.",
    "Get one verdict: open source, open-weight, partially open or closed.",
    "Learn what would make it more open, and save a declaration file.",
)
NOTE = "Every question explains its terms; every answer is saved as you go."


class WelcomeScreen(Screen[None]):
    DEFAULT_CSS = """
    WelcomeScreen {
        align-horizontal: center;
        & > VerticalScroll { width: 100%; height: 1fr; align-horizontal: center; }
        & #welcome-box { width: 76; max-width: 100%; height: auto; padding: 1 2 0 2; }
        & #welcome-title { text-style: bold; color: $accent; width: 100%; content-align: center middle; }
        & #welcome-tagline { width: 100%; content-align: center middle; margin-bottom: 1; }
        & .welcome-line { padding-left: 1; }
        & .welcome-note { color: $text-muted; padding-left: 1; margin-top: 1; }
        & #welcome-menu { margin-top: 1; height: auto; }
        & #welcome-detail { color: $text-muted; padding-left: 1; height: 1; }
        & #welcome-note { color: $text-warning; margin-top: 1; }
        & #welcome-footnote { color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS = [
        Binding("n", "new", "New", id="welcome.new"),
        Binding("r", "resume", "Resume", id="welcome.resume"),
        Binding("o", "open", "Open file", id="welcome.open"),
        # the menu shows these three with their keys; the footer keeps room for Quit and Help at 80 columns
        Binding("e", "app.examples", "Examples", id="welcome.examples", show=False),
        Binding("c", "app.compare", "Compare", id="welcome.compare", show=False),
        Binding("g", "app.glossary", "Glossary", id="welcome.glossary", show=False),
        Binding("ctrl+q", "app.quit", "Quit", id="welcome.quit"),
    ]
    AUTO_FOCUS = "#welcome-menu"

    def __init__(self) -> None:
        super().__init__()
        self.draft: drafts.Draft | None = None
        self.details: dict[str, str] = {}

    @property
    def openness(self) -> OpennessApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        self._read_draft()
        with VerticalScroll():
            with Center(id="welcome-box"):
                yield Static("openness", id="welcome-title")
                yield Static("Find out, and declare, how open your AI model release is.", id="welcome-tagline")
                for line in INTRO:
                    yield Static(Text("• " + line), classes="welcome-line")
                yield Static(NOTE, classes="welcome-line welcome-note")
                yield OptionList(*self._options(), id="welcome-menu")
                yield Static("", id="welcome-detail", markup=False)
                yield Static("", id="welcome-note")
                yield Static("Not legal advice: the verdicts rest on your answers and on public "
                             "facts about each licence.", id="welcome-footnote")
        yield KeyFooter()

    def _read_draft(self) -> None:
        """The draft this app claimed; an unreadable one is set aside, and the note says so."""
        claim = self.openness.draft_claim
        path = claim.path if claim is not None else drafts.draft_path(self.openness.data_dir)
        draft, note = drafts.recover(path, self.openness.clock())
        if note is not None:
            self.openness.draft_notes.append(note)
        self.draft = draft if draft is not None and draft.answers else None

    def _show_notes(self) -> None:
        notes = self.openness.draft_notes
        note = self.query_one("#welcome-note", Static)
        note.update(Text("\n".join(notes)))
        note.display = bool(notes)

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = [Option(_menu_item("Start a new declaration", "n"), id="new")]
        self.details = {"new": "Answer the questions from the beginning."}
        if self.draft is not None:
            name = one_line(self.draft.name) or "an unnamed model"
            count = len(self.draft.answers)
            options.append(Option(_menu_item(f"Resume the draft of {name}", "r"), id="resume"))
            self.details["resume"] = f"{count} answer{'s' if count != 1 else ''}{_saved_when(self.draft.saved_at)}."
        options.append(Option(_menu_item("Open a declaration file", "o"), id="open"))
        self.details["open"] = "Change a saved declaration and save it again."
        options.append(None)
        options += [Option(_menu_item("Open an example release", "e"), id="examples"),
                    Option(_menu_item("Compare releases side by side", "c"), id="compare"),
                    Option(_menu_item("Glossary of terms", "g"), id="glossary")]
        self.details.update({
            "examples": "Real releases from OLMo to GPT-4o: their verdicts, and what if they changed.",
            "compare": "Tier, each framework's verdict and the 17 components, one column per release.",
            "glossary": "Every term a workshop needs, searchable: open-weight, OSAID, MOF, RAIL ...",
        })
        return options

    def on_mount(self) -> None:
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
            Text(self.details.get(option.id or "", "") if option is not None else ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.draft is not None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.run_action(event.option_id or "")

    def run_action(self, name: str) -> None:
        actions = {"new": self.action_new, "resume": self.action_resume, "open": self.action_open,
                   "examples": self.openness.action_examples, "compare": self.openness.action_compare,
                   "glossary": self.openness.action_glossary}
        actions.get(name, lambda: None)()

    def action_new(self) -> None:
        if self.draft is None:
            self.openness.new_session()
            return
        from questionnaire.app.screens.confirm import ConfirmScreen

        name = one_line(self.draft.name) or "an unnamed model"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.draft = None
                self.openness.new_session()

        self.app.push_screen(ConfirmScreen(
            f"Start a new declaration? The draft of {name} will be discarded.",
            yes="Discard the draft and start", no="Keep the draft"), confirmed)

    def action_resume(self) -> None:
        if self.draft is not None:
            self.openness.resume_draft(self.draft)

    def action_open(self) -> None:
        self.openness.action_open_file()

    def on_screen_resume(self) -> None:
        # back here (after a save, say): the draft may be gone or new
        if not self.is_mounted:
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
