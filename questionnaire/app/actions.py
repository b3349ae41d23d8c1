"""The app's actions, in one table: every key binding (its id, keys, what it runs and where), the footer's
labels, the command palette's entries, the welcome menu and the lines of the keys table (F1, README).

The app's and the screens' `BINDINGS` are made here (`bindings(scope)`), the palette (commands.py), the
welcome menu (welcome.py) and the keys table (help.py) read the same rows, so that they cannot disagree.
A binding id is `scope.name` ("app.save", "question.next"); a user's keymap file (keymap.py) rebinds by id.

An app action can be repeated on a screen (`also_on`): a modal screen sees no app bindings, and a footer
shows only the keys marked for it. The repeat is the same binding (same id), so one keymap line moves both.
Rows of scope `typed` are keys the answer widgets read themselves (y, n, 1-9, Enter): they are listed in the
keys table and cannot be rebound.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from textual.binding import Binding

TYPED = "typed"

# where each scope's keys work, for sentences ("w on the result") and the list of binding ids
PLACES = {
    "app": "everywhere",
    "welcome": "the welcome screen",
    "question": "a question",
    "nav": "the sidebar",
    "licences": "the licence picker",
    "review": "the review",
    "answers": "the review's table",
    "result": "the result",
    "examples": "the examples",
    "compare": "compare",
    "whatif": "what if",
    "list": "an open list of choices (what if)",
    "glossary": "the glossary",
    "help": "the help",
    "save": "the save dialog",
    "open": "the open dialog",
    "confirm": "a confirmation",
    "size": "the size notice",
    TYPED: "a question",
}


@dataclass(frozen=True)
class Action:
    id: str  # the binding id: "<scope>.<name>"
    keys: str  # Textual key names, comma-separated ("ctrl+s", "escape,f1,q"); "" for the palette only
    action: str = ""  # what the binding runs: "app.save", "next", "answer(True)"
    description: str = ""  # the footer's label
    footer: bool = False  # shown in the footer (an app action: on every screen)
    also_on: Mapping[str, bool] = field(default_factory=dict)  # app action repeated on a screen: shown there?
    key_display: str | None = None  # how the default key is written, when not as its name
    priority: bool = False
    group: str | None = None  # the footer's label for keys shown together
    needs_session: bool = False  # only once a declaration is started (hidden before)
    palette: tuple[str, str] | None = None  # (title, help) in the command palette
    menu: tuple[str, str] | None = None  # (title, detail) in the welcome menu; {placeholders} filled there
    menu_break: bool = False  # a line above this entry in the welcome menu
    row: str | None = None  # the keys table's line; actions with the same line share one row

    @property
    def scope(self) -> str:
        return self.id.partition(".")[0]

    @property
    def bindable(self) -> bool:
        return self.scope != TYPED and bool(self.keys)

    @property
    def name(self) -> str:
        """The action's name without its namespace and arguments: "app.glossary('x')" -> "glossary"."""
        return self.action.partition("(")[0].rpartition(".")[2]


# lines of the keys table that several actions share (their keys are listed together)
ESC_ROW = (
    "back: from the review, the result, the examples, compare, what if, the glossary, the list of sections; "
    "cancel a dialog"
)
ENTER_ROW = "answer and go on (in the review: change the selected answer)"
MOVE_ROW = "move between choices, licences in the licence picker, or glossary terms"
ENDS_ROW = "the first / last choice; in the review, the first / last answer"
PAGE_ROW = "the previous / next question (in the licence picker: a page of licences, then the question)"
COMPARE_ROW = "in compare: hide or show the list, add a declaration file"
SCROLL_ROW = "in the glossary: scroll the entry"
CONFIRM_ROW = "in a confirmation: yes / no"
RESULT_ROW = "on the result: what if, compare, the examples"
WELCOME_ROW = "on the welcome screen: new, resume, open a file, the examples, compare, the glossary"

ACTIONS: tuple[Action, ...] = (
    # ------------------------------------------------------------------ keys the answers read themselves
    Action("typed.enter", "enter", row=ENTER_ROW),
    Action(
        "typed.choose", "y,n,1,2,3,4,5,6,7,8,9", key_display="y / n, 1–9", row="choose yes, no, or a numbered choice"
    ),
    Action("typed.move", "up,down", row=MOVE_ROW),
    Action("typed.ends", "home,end", row=ENDS_ROW),
    # ------------------------------------------------------------------ a question, and its sidebar
    Action(
        "question.back",
        "pageup",
        "back",
        "Back",
        footer=True,
        key_display="PgUp",
        priority=True,
        group="Back/Next",
        row=PAGE_ROW,
    ),
    Action(
        "question.next",
        "pagedown",
        "next",
        "Next",
        footer=True,
        key_display="PgDn",
        priority=True,
        group="Back/Next",
        row=PAGE_ROW,
    ),
    Action(
        "question.sections",
        "f2",
        "sections",
        "Sections",
        footer=True,
        key_display="F2",
        row="the list of sections and questions (Enter or a click goes there)",
    ),
    Action("nav.back", "escape", "screen.focus_answer", "Back to the question", footer=True, row=ESC_ROW),
    Action("licences.next", "down", "move(1)", "Next licence", row=MOVE_ROW),
    Action("licences.previous", "up", "move(-1)", "Previous licence", row=MOVE_ROW),
    # ------------------------------------------------------------------ app-wide
    Action(
        "app.review",
        "ctrl+r",
        "review",
        "Review",
        footer=True,
        needs_session=True,
        row="review every answer",
        palette=("Review all answers", "Every answer in one table, each can be changed"),
    ),
    Action(
        "app.result",
        "ctrl+t",
        "result",
        "Result",
        also_on={"review": True},
        needs_session=True,
        row="the result: tier, reasons, each framework's verdict",
        palette=("Show the result", "The tier, the reasons and each framework's verdict"),
    ),
    Action(
        "app.save",
        "ctrl+s",
        "save",
        "Save",
        footer=True,
        needs_session=True,
        row="save the declaration",
        palette=("Save the declaration", "Choose where, then write the TOML file"),
    ),
    Action(
        "app.whatif",
        "",
        "whatif",
        needs_session=True,
        palette=("What if …", "Change one component and see how the verdicts move"),
    ),
    Action(
        "app.help",
        "f1",
        "help",
        "Help",
        footer=True,
        key_display="F1",
        row="help: for the question on screen, and the keys",
        palette=("Open help", "Help for this question, and the keys"),
    ),
    Action(
        "app.glossary",
        "ctrl+g",
        "glossary",
        "Glossary",
        row="the glossary: every term, searchable (on a question: at its first term)",
        palette=("Open the glossary", "Every term, searchable"),
    ),
    Action("app.examples", "", "examples", palette=("Open an example release", "Real releases and their verdicts")),
    Action(
        "app.compare",
        "",
        "compare",
        palette=("Compare releases", "Side by side: tier, each framework's verdict, the 17 components"),
    ),
    Action("app.theme", "", "change_theme", palette=("Switch theme", "Choose the colours of the app")),
    Action(
        "app.open_file",
        "",
        "open_file",
        palette=("Open a declaration file", "Change a saved declaration and save it again"),
    ),
    Action(
        "app.commands",
        "ctrl+p",
        "command_palette",
        "palette",
        priority=True,
        row="commands: jump to a section, save, review, what if, glossary, switch theme …",
    ),
    Action(
        "app.quit",
        "ctrl+q",
        "quit",
        "Quit",
        priority=True,
        also_on={"welcome": True, "size": False},
        row="quit (every answer is already saved in the draft)",
    ),
    # ------------------------------------------------------------------ the welcome screen
    Action(
        "welcome.new",
        "n",
        "new",
        "New",
        footer=True,
        row=WELCOME_ROW,
        menu=("Start a new declaration", "Answer the questions from the beginning."),
    ),
    Action(
        "welcome.resume",
        "r",
        "resume",
        "Resume",
        footer=True,
        row=WELCOME_ROW,
        menu=("Resume the draft of {name}", "{answers}{saved}."),
    ),
    Action(
        "welcome.open",
        "o",
        "app.open_file",
        "Open file",
        footer=True,
        row=WELCOME_ROW,
        menu=("Open a declaration file", "Change a saved declaration and save it again."),
    ),
    # the menu shows these three with their keys; the footer keeps room for Quit and Help at 80 columns
    Action(
        "welcome.examples",
        "e",
        "app.examples",
        "Examples",
        row=WELCOME_ROW,
        menu_break=True,
        menu=(
            "Open an example release",
            "Real releases from OLMo to GPT-4o: their verdicts, and what if they changed.",
        ),
    ),
    Action(
        "welcome.compare",
        "c",
        "app.compare",
        "Compare",
        row=WELCOME_ROW,
        menu=(
            "Compare releases side by side",
            "Tier, each framework's verdict and the 17 components, one column per release.",
        ),
    ),
    Action(
        "welcome.glossary",
        "g",
        "app.glossary",
        "Glossary",
        row=WELCOME_ROW,
        menu=("Glossary of terms", "Every term a workshop needs, searchable: open-weight, OSAID, MOF, RAIL ..."),
    ),
    # ------------------------------------------------------------------ the review
    Action("review.back", "escape", "app.pop_screen", "Questions", footer=True, row=ESC_ROW),
    Action(
        "review.edit",
        "enter",
        "edit",
        "Change",  # (the table's own Enter comes first, and does the same)
        row=ENTER_ROW,
    ),
    Action("answers.first", "home", "scroll_top", "First answer", row=ENDS_ROW),
    Action("answers.last", "end", "scroll_bottom", "Last answer", row=ENDS_ROW),
    # ------------------------------------------------------------------ the result and what follows it
    Action("result.back", "escape", "app.pop_screen", "Back", footer=True, row=ESC_ROW),
    Action("result.whatif", "w", "app.whatif", "What if", footer=True, row=RESULT_ROW),
    Action("result.compare", "c", "app.compare", "Compare", footer=True, row=RESULT_ROW),
    Action("result.examples", "e", "app.examples", "Examples", footer=True, row=RESULT_ROW),
    Action(
        "examples.open",
        "enter",
        "open",
        "Open",
        key_display="Enter",  # (the list's own Enter comes first)
        row="in the examples: open the highlighted release on its result",
    ),
    Action("examples.back", "escape", "app.pop_screen", "Back", footer=True, row=ESC_ROW),
    Action("compare.back", "escape", "app.pop_screen", "Back", footer=True, row=ESC_ROW),
    Action("compare.list", "l", "toggle_list", "List on/off", footer=True, row=COMPARE_ROW),
    Action("compare.add", "a", "add_file", "Add a file", footer=True, row=COMPARE_ROW),
    Action("whatif.back", "escape", "app.pop_screen", "Back", footer=True, row=ESC_ROW),
    Action("whatif.reset", "ctrl+z", "reset", "Undo the change", footer=True, row="in what if: undo the change"),
    Action("list.close", "escape", "dismiss", "Dismiss menu", footer=True, row=ESC_ROW),  # (Textual's Select's words)
    # ------------------------------------------------------------------ the glossary
    Action("glossary.back", "escape", "back", "Back", footer=True, row=ESC_ROW),
    Action("glossary.next", "down", "move(1)", "Next term", row=MOVE_ROW),
    Action("glossary.previous", "up", "move(-1)", "Previous term", row=MOVE_ROW),
    Action("glossary.scroll-up", "pageup", "scroll_entry(-1)", "Scroll", row=SCROLL_ROW),
    Action("glossary.scroll-down", "pagedown", "scroll_entry(1)", "Scroll", row=SCROLL_ROW),
    # ------------------------------------------------------------------ dialogs
    Action("help.close", "escape,f1,q", "close", "Close", footer=True, row="close the help"),
    Action("save.cancel", "escape", "cancel", "Cancel", footer=True, row=ESC_ROW),
    Action("open.cancel", "escape", "cancel", "Cancel", footer=True, row=ESC_ROW),
    Action("confirm.yes", "y", "answer(True)", "Yes", footer=True, row=CONFIRM_ROW),
    Action("confirm.no", "n,escape", "answer(False)", "No", footer=True, row=CONFIRM_ROW),
    Action("confirm.switch", "left,right", "app.focus_next", "Switch"),  # between the two buttons
)

BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}
BINDABLE: dict[str, Action] = {action.id: action for action in ACTIONS if action.bindable}
SESSION_ACTIONS = frozenset(a.name for a in ACTIONS if a.scope == "app" and a.needs_session)


# ---------------------------------------------------------------------- bindings


def _binding(action: Action, *, show: bool, namespace: str = "") -> Binding:
    return Binding(
        action.keys,
        namespace + action.action,
        action.description,
        show=show,
        key_display=action.key_display,
        priority=action.priority,
        id=action.id,
        group=_GROUPS[action.group] if action.group else None,
    )


_GROUPS = {label: Binding.Group(label) for label in {a.group for a in ACTIONS if a.group}}


def bindings(scope: str) -> list[Binding]:
    """The BINDINGS of a scope ("app", "review", ...): its own actions, then the app actions repeated on it."""
    own = [_binding(a, show=a.footer) for a in ACTIONS if a.scope == scope and a.bindable]
    repeated = [
        _binding(a, show=a.also_on[scope], namespace="app.")
        for a in ACTIONS
        if a.scope == "app" and scope != "app" and scope in a.also_on and a.bindable
    ]
    return own + repeated


# ---------------------------------------------------------------------- keys as people read them

_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "tab": "Tab",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Del",
    "insert": "Ins",
}


def key_label(key: str) -> str:
    """'ctrl+s' -> 'Ctrl+S', 'escape' -> 'Esc', 'f5' -> 'F5', 'question_mark' -> '?', 'w' -> 'w'."""
    from textual.keys import key_to_character

    *modifiers, base = key.split("+")
    if base in _NAMES:
        name = _NAMES[base]
    elif len(base) > 1 and base[0] == "f" and base[1:].isdigit():
        name = base.upper()
    elif len(base) == 1:
        name = base.upper() if modifiers else base
    else:
        name = key_to_character(base) or base
    return "+".join([m.capitalize() for m in modifiers] + [name])


def effective_keys(action: Action, keymap: Mapping[str, str]) -> list[str]:
    """The keys of an action once the user's keymap is applied."""
    keys = keymap.get(action.id) if action.bindable else None
    return [k.strip() for k in (keys or action.keys).split(",") if k.strip()]


def keys_shown(action: Action, keymap: Mapping[str, str]) -> list[str]:
    """How the keys are written in the keys table: each key, or the row's own way for the default keys."""
    if action.key_display and (not action.bindable or action.id not in keymap):
        return [action.key_display]
    return [key_label(key) for key in effective_keys(action, keymap)]


def key_for(action_id: str, keymap: Mapping[str, str]) -> str:
    """The (first) key that runs an action now, as written in a sentence: 'Ctrl+S'."""
    return keys_shown(BY_ID[action_id], keymap)[0] if effective_keys(BY_ID[action_id], keymap) else ""


# ---------------------------------------------------------------------- the keys table (F1, README)


def key_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, what they do), one row per distinct `row` in table order; a row's keys are those of all its
    actions, each once."""
    keymap = keymap or {}
    rows: dict[str, list[str]] = {}
    for action in ACTIONS:
        if action.row is None:
            continue
        keys = rows.setdefault(action.row, [])
        keys += [k for k in keys_shown(action, keymap) if k not in keys]
    return [(" / ".join(keys), row) for row, keys in rows.items()]


def keys_markdown(keymap: Mapping[str, str] | None = None) -> str:
    lines = ["| key | what it does |", "|---|---|"]
    lines += [f"| {_cell(keys)} | {_cell(text)} |" for keys, text in key_rows(keymap)]
    return "\n".join(lines)


def ids_markdown() -> str:
    """Every binding id a keymap can use, with its default keys and what it does."""
    lines = ["| binding id | keys | where | what |", "|---|---|---|---|"]
    for action in BINDABLE.values():
        lines.append(f"| `{action.id}` | {_cell(action.keys)} | {PLACES[action.scope]} | {_cell(action.description)} |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


# ---------------------------------------------------------------------- the command palette, the welcome menu


def palette_entries(*, has_session: bool) -> Iterator[Action]:
    for action in ACTIONS:
        if action.palette is not None and (has_session or not action.needs_session):
            yield action


def palette_help(action: Action, keymap: Mapping[str, str]) -> str:
    """The entry's help, and where its key is: '… (Ctrl+S)', '… (w on the result)'."""
    assert action.palette is not None
    help_text = action.palette[1]
    if action.bindable:
        return f"{help_text} ({' / '.join(keys_shown(action, keymap))})"
    places: dict[str, list[str]] = {}  # key -> the screens where it runs this action
    for other in ACTIONS:
        if other.bindable and other.scope != "app" and other.action == f"app.{action.action}":
            for key in keys_shown(other, keymap):
                places.setdefault(key, []).append(PLACES[other.scope])
    if not places:
        return help_text
    where = "; ".join(f"{key} on {' or '.join(screens)}" for key, screens in places.items())
    return f"{help_text} ({where})"


def menu_entries(visible: Callable[[Action], bool] = lambda action: True) -> Iterable[Action]:
    return [a for a in ACTIONS if a.menu is not None and visible(a)]


__all__ = [
    "ACTIONS",
    "Action",
    "BINDABLE",
    "BY_ID",
    "PLACES",
    "SESSION_ACTIONS",
    "TYPED",
    "bindings",
    "effective_keys",
    "ids_markdown",
    "key_for",
    "key_label",
    "key_rows",
    "keys_markdown",
    "keys_shown",
    "menu_entries",
    "palette_entries",
    "palette_help",
]
