"""The glossary: every term a workshop needs, searchable. Type to narrow the list; the highlighted term's
definition, its related terms (a click opens them) and the shipped examples that show it are beside it.

The entries are data (questions/glossary.toml, read by `questionnaire.glossary`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from questionnaire.app import actions
from questionnaire.app.links import action_link
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.text_field import text_field
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.glossary import Entry, Glossary


class GlossaryScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    GlossaryScreen {
        & #glossary-body { height: 1fr; }
        & #glossary-side { width: 34; height: 1fr; }
        & #glossary-search { margin: 0; }
        & #glossary-list { height: 1fr; border: round $foreground 25%; }
        & #glossary-list:focus { border: round $accent; }
        & #glossary-entry { width: 1fr; height: 1fr; padding: 0 1 0 2; }
        & #glossary-term { text-style: bold; color: $accent; height: auto; }
        & #glossary-text { height: auto; }
    }
    GlossaryScreen.-narrow {
        & #glossary-side { width: 28; }
    }
    """
    BINDINGS = actions.bindings("glossary")
    AUTO_FOCUS = "#glossary-search"
    ABOUT = (
        "Glossary",
        (
            "Type to search every term (its name, other spellings and its definition); ↑ ↓ move through the "
            "list. A click on a related term opens it. The entries are data, in `questions/glossary.toml`; "
            "the help beside each question links the terms it uses."
        ),
    )

    def __init__(self, entry_id: str | None = None) -> None:
        super().__init__()
        from questionnaire.glossary import load_glossary

        self.glossary: Glossary = load_glossary()
        self.found: list[Entry] = list(self.glossary.entries)
        self.start = entry_id
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        from questionnaire.glossary import MAX_QUERY_LENGTH

        yield AppBar("Glossary", id="bar")
        with Horizontal(id="glossary-body"):
            with Vertical(id="glossary-side"):
                yield text_field(
                    self.app, MAX_QUERY_LENGTH, placeholder="Search: open weight, RAIL, MOF …", id="glossary-search"
                )
                yield OptionList(id="glossary-list", markup=False)
            with VerticalScroll(id="glossary-entry"):
                yield Static("", id="glossary-term", markup=False)
                yield Static("", id="glossary-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        bar = self.query_one(AppBar)
        bar.set_name("")
        bar.hide_verdict()
        self._fill("")
        self.show_entry(self.start or (self.found[0].id if self.found else ""))

    # ------------------------------------------------------------------ searching

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)
        if self.found:
            self._show(self.found[0])
            self.query_one(OptionList).highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(OptionList).focus()

    def _fill(self, query: str) -> None:
        self.found = self.glossary.search(query)
        results = self.query_one(OptionList)
        results.set_options([Option(Text(one_line(entry.term)), id=entry.id) for entry in self.found])
        count = len(self.found)
        self.query_one(AppBar).set_progress(
            f"{count} term{'s' if count != 1 else ''}" if query.strip() else f"{len(self.glossary)} terms"
        )
        if not self.found:
            self.entry = None
            self.query_one("#glossary-term", Static).update(Text("Nothing found"))
            self.query_one("#glossary-text", Static).update(
                Text(f"No term matches “{one_line(query)}”. Try fewer words, or another spelling.", style="dim")
            )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id in self.glossary:
            self._show(self.glossary[event.option.id])

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not self.found:
            return
        index = results.highlighted if results.highlighted is not None else -step
        results.highlighted = max(0, min(len(self.found) - 1, index + step))

    def action_scroll_entry(self, step: int) -> None:
        pane = self.query_one("#glossary-entry", VerticalScroll)
        pane.scroll_page_down() if step > 0 else pane.scroll_page_up()

    def action_back(self) -> None:
        self.app.pop_screen()

    # ------------------------------------------------------------------ showing an entry

    def show_entry(self, entry_id: str) -> None:
        """Show `entry_id` (a related term's link lands here), clearing a search that would hide it."""
        if entry_id not in self.glossary:
            return
        if not any(entry.id == entry_id for entry in self.found):
            with self.prevent(Input.Changed):  # else the change would show the first term, not this one
                self.query_one(Input).value = ""
            self._fill("")
        results = self.query_one(OptionList)
        index = next(i for i, entry in enumerate(self.found) if entry.id == entry_id)
        results.highlighted = index
        self._show(self.glossary[entry_id])

    def action_show_entry(self, entry_id: str) -> None:
        """The action of a related term's link."""
        self.show_entry(entry_id)

    def _show(self, entry: Entry) -> None:
        self.entry = entry
        self.query_one("#glossary-term", Static).update(Text(one_line(entry.term)))
        self.query_one("#glossary-text", Static).update(entry_renderable(entry, self.glossary))
        self.query_one("#glossary-entry", VerticalScroll).scroll_home(animate=False)


def entry_renderable(entry: Entry, glossary: Glossary) -> RenderableType:
    parts: list[RenderableType] = []
    if entry.aliases:
        parts.append(
            Text(
                "Search also finds it as: " + ", ".join(one_line(alias) for alias in entry.aliases), style="dim italic"
            )
        )
    parts.append(Markdown(entry.text, inline_code_theme="ansi_dark", hyperlinks=False))
    if entry.related:
        related = Text("\nRelated: ", style="bold")
        for number, entry_id in enumerate(entry.related):
            if number:
                related.append(" · ")
            related.append_text(action_link(glossary[entry_id].term, "screen.show_entry", entry_id))
        parts.append(related)
    if entry.examples:
        from questionnaire.examples import list_examples

        known = {example.slug: example for example in list_examples()}
        shown = [known[slug] for slug in entry.examples if slug in known]
        if shown:
            examples = Text("Examples: ", style="bold")
            examples.append("; ".join(f"{one_line(e.name)} ({e.tier})" for e in shown))
            parts.append(examples)
    if entry.sources:
        parts.append(Text("Sources: " + " ".join(one_line(url) for url in entry.sources), style="dim"))
    return Group(*parts)
