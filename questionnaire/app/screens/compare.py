"""Compare releases side by side: tick releases in the list (this declaration and the shipped examples);
the table shows one column per release: the tier, each framework's verdict, then the 17 components.

The cells are the core's own (`questionnaire.compare`), the same as `openness compare` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, SelectionList, Static
from textual.widgets.selection_list import Selection

from questionnaire.app import actions
from questionnaire.app.labels import TIER_STYLES
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.compare import legend
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.app.session import Session
    from questionnaire.compare import Entry

SESSION = "@session"  # the value of "this declaration" in the list; examples go by their slug
CELL_WIDTH = 18
NARROW = 100  # below this many columns the list starts hidden


class CompareScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    CompareScreen {
        & #compare-body { height: 1fr; }
        & #compare-side { width: 32; height: 1fr; }
        & #compare-picks { height: 1fr; border: round $foreground 25%; }
        & #compare-picks:focus { border: round $accent; }
        & #compare-hint { color: $text-muted; height: auto; padding: 0 1; }
        & #compare-table { width: 1fr; height: 1fr; }
        & #compare-legend { color: $text-muted; height: auto; padding: 0 1; }
        &.-list-hidden #compare-side { display: none; }
    }
    CompareScreen.-narrow {  /* too narrow for both: the list and the table take turns, each whole */
        & #compare-side { width: 1fr; }
        & #compare-table { display: none; }
        &.-list-hidden #compare-table { display: block; }
    }
    """
    BINDINGS = actions.bindings("compare")
    AUTO_FOCUS = "#compare-picks"
    ABOUT = (
        "Compare",
        (
            "One column per release: the tier, each framework's verdict, then the 17 components with their "
            "licence (✓ open terms, ✗ not; (click) a click-through, (gated) an approval gate; - not released). "
            "Space ticks a release in the list, `a` adds a declaration file, `l` hides the list so the table "
            "gets the width, Tab moves between the list and the table. `openness compare A.toml B.toml` "
            "prints the same table."
        ),
    )

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        from questionnaire.examples import list_examples

        self.session = session if session is not None and session.has_verdict() else None
        self.examples = list_examples()
        self.shown: list[str] = []  # the values of the releases in the table, in order
        self._entries: dict[str, Entry] = {}  # by value: declaration files added (examples: EXAMPLE_ENTRIES)
        self._picks = self._default_picks()
        if self.app.size.width < NARROW and len(self._picks) >= 2:
            # on a narrow terminal the table gets the width (l brings the list back): hidden before the
            # first styling, rather than styled again once shown
            self.add_class("-list-hidden", update=False)
            self.AUTO_FOCUS = "#compare-table"

    def compose(self) -> ComposeResult:
        yield AppBar("Compare", id="bar")
        with Horizontal(id="compare-body"):
            with Vertical(id="compare-side"):
                yield Static("Space ticks a release; l hides or shows this list.", id="compare-hint")
                yield SelectionList[str](*self._selections(), id="compare-picks")
            table: DataTable[Any] = DataTable(
                id="compare-table", fixed_columns=1, zebra_stripes=True, cursor_type="column"
            )
            yield table
        yield Static(legend(compact=True), id="compare-legend", markup=False)
        yield KeyFooter()

    def _selections(self) -> list[Selection[str]]:
        picked = self._picks
        selections = []
        if self.session is not None:
            name = one_line(self.session.model_name) or "unnamed model"
            selections.append(Selection(Text(f"This declaration: {name}", style="bold"), SESSION, SESSION in picked))
        for example in self.examples:
            label = Text(one_line(example.name))
            label.append(f"  {example.tier}", style="dim")
            selections.append(Selection(label, example.slug, example.slug in picked))
        return selections

    def _default_picks(self) -> list[str]:
        return default_picks(self.examples, self.session)

    def on_mount(self) -> None:
        bar = self.query_one(AppBar)
        bar.set_name(self.session.model_name if self.session is not None else "")
        bar.show_verdict_of(self.session)
        self.refresh_table()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.refresh_table()

    def action_toggle_list(self) -> None:
        hidden = not self.has_class("-list-hidden")
        self.set_class(hidden, "-list-hidden")
        if hidden:
            self.query_one(DataTable).focus()
        else:
            self.query_one(SelectionList).focus()

    def action_add_file(self) -> None:
        from questionnaire.app.screens.open_file import OpenFileScreen

        self.app.push_screen(
            OpenFileScreen(
                "Add a declaration to compare",
                "A declaration file (.toml) saved by this app or by `openness declare`: it gets a column of its own.",
            ),
            self._add,
        )

    def _add(self, result: tuple[dict[str, Any], str] | None) -> None:
        from questionnaire.compare import entry

        if result is None:
            return
        answers, path = result
        value = f"file:{path}"
        picks = self.query_one(SelectionList)
        if value not in self._entries:
            self._entries[value] = entry(answers, path)
            label = Text(one_line(self._entries[value].name) or one_line(path), style="bold")
            label.append(f"  {one_line(path)}", style="dim")
            picks.add_option(Selection(label, value, True))
        else:
            picks.select(value)
        self.refresh_table()

    # ------------------------------------------------------------------ the table

    def _entry(self, value: str) -> Entry:
        from questionnaire.compare import entry

        if value == SESSION and self.session is not None:
            return entry(self.session.declaration_answers(), "this declaration")
        if value in self._entries:
            return self._entries[value]
        return example_entry(value)

    def refresh_table(self) -> None:
        from questionnaire.compare import cell, row_label, verdict_rows
        from questionnaire.components import QUESTION_ORDER

        picks = self.query_one(SelectionList)
        ticked = set(picks.selected)
        # in the list's order (this declaration, then the most open first), not the order of ticking
        self.shown = [
            picks.get_option_at_index(i).value
            for i in range(picks.option_count)
            if picks.get_option_at_index(i).value in ticked
        ]
        entries = [self._entry(value) for value in self.shown]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        count = len(entries)
        self.query_one(AppBar).set_progress(f"{count} release{'s' if count != 1 else ''}")
        if not entries:
            _fill(
                table,
                [(Text(""), None)],
                [[Text("Tick two or more releases in the list to compare them.", style="dim")]],
            )
            return
        columns: list[tuple[Text, str | None]] = [(Text("Release", style="bold"), "label")]
        for index, (value, item) in enumerate(zip(self.shown, entries, strict=True), 1):
            name = one_line(item.name) or "unnamed"
            columns.append((Text(_fit(f"#{index} {name}", CELL_WIDTH), style="bold"), value))
        rows: list[list[Text]] = []
        for position, (label, cells) in enumerate(verdict_rows([item.result for item in entries])):
            rows.append(
                [
                    Text(label, style="bold"),
                    *(
                        Text(text, style=TIER_STYLES[item.result.tier] if position == 0 else "")
                        for text, item in zip(cells, entries, strict=True)
                    ),
                ]
            )  # the first row is the tier
        rows.append([Text("Components", style="bold underline"), *(Text("") for _ in entries)])
        for key in QUESTION_ORDER:
            rows.append(
                [Text(row_label(key)), *(_styled(cell(item.release.components[key], CELL_WIDTH)) for item in entries)]
            )
        _fill(table, columns, rows)
        table.move_cursor(column=1)  # on the first release, not on the labels


# a shipped example's column, by slug and the frameworks it was classified by: the files never change
EXAMPLE_ENTRIES: dict[tuple[str, tuple[str, ...]], Entry] = {}


def example_entry(slug: str) -> Entry:
    """The column of the shipped example `slug`, read and classified once (in this process) for each set of
    frameworks in force."""
    from questionnaire.frameworks import all_frameworks

    key = (slug, tuple(framework.id for framework in all_frameworks()))
    found = EXAMPLE_ENTRIES.get(key)
    if found is None:
        from questionnaire.app.session import load_example
        from questionnaire.compare import entry

        source = load_example(slug)  # a shipped example: a declaration
        found = EXAMPLE_ENTRIES[key] = entry(dict(source.answers), source.path)
    return found


def prepare(slugs: list[str]) -> None:
    """Read and classify the examples `slugs` (those compare shows first: `default_picks`), off the UI
    thread while the result is read, so that `c` finds them ready."""
    for slug in slugs:
        if slug != SESSION:
            example_entry(slug)


def default_picks(examples: list[Any], session: Session | None) -> list[str]:
    """This declaration and the most open real example of each tier above it, or, with no declaration,
    the most open real example of every tier: four columns that tell the tiers apart."""
    first_of_tier: dict[str, str] = {}
    for example in examples:
        if not example.constructed:
            first_of_tier.setdefault(example.tier, example.slug)
    if session is None or not session.has_verdict():
        return list(first_of_tier.values())
    order = ["open-source", "open-weight", "partially-open", "closed"]
    tier = session.classification().tier
    above = order[: order.index(tier)] if tier in order else order
    return [SESSION, *(first_of_tier[t] for t in above if t in first_of_tier)]


def _fill(table: DataTable[Any], columns: list[tuple[Text, str | None]], rows: list[list[Text]]) -> None:
    """Columns as wide as their widest cell, measured here rather than left to the table: DataTable measures
    an auto-width column only when it next goes idle, and a frame drawn before that (a busy machine) was kept
    in its cache at the old width, a blank table until the next change."""
    for index, (label, key) in enumerate(columns):
        width = max([label.cell_len, *(row[index].cell_len for row in rows)])
        table.add_column(label, key=key, width=width)
    table.add_rows(rows)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _styled(value: str) -> Text:
    if value == "-":
        return Text(value, style="dim")
    text = Text(value)
    if value.endswith("✓"):
        text.stylize("green", len(value) - 1)
    elif value.endswith("✗"):
        text.stylize("red", len(value) - 1)
    return text
