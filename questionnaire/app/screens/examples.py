"""The shipped examples: real releases and a few constructed teaching cases, most open first; the
highlighted one's verdict shows beside the list, and Enter opens it on its result screen (from there: what if,
compare, the answers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from questionnaire.app import actions
from questionnaire.app.labels import TIER_STYLES, TIER_TITLES
from questionnaire.app.navigation import navigator
from questionnaire.app.screens.opening import OpensAtOnce
from questionnaire.app.widgets.app_bar import AppBar
from questionnaire.app.widgets.key_footer import KeyFooter
from questionnaire.app.widgets.result_list import ResultList
from questionnaire.app.widgets.tier_banner import TierBanner
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.examples import Example


class ExamplesScreen(OpensAtOnce, Screen[None]):
    DEFAULT_CSS = """
    ExamplesScreen {
        & #examples-body { height: 1fr; }
        & #examples-list { width: 40; height: 1fr; border: round $foreground 25%; }
        & #examples-list:focus { border: round $accent; }
        & #examples-preview { width: 1fr; height: 1fr; padding: 0 1; }
        & #examples-hint { color: $text-muted; padding: 0 1; }
    }
    ExamplesScreen.-narrow {
        & #examples-list { width: 34; }
    }
    """
    BINDINGS = actions.bindings("examples")
    AUTO_FOCUS = "#examples-list"
    ABOUT = (
        "Examples",
        (
            "Real releases, declared as their publishers license them, and a few constructed teaching cases "
            "(named 'Constructed: ...', published by 'constructed example'), each fact with the page it was read "
            "from and the day it was checked. Enter opens one on its result; from there `w` tries a change, "
            "`c` compares it, and its answers can be changed and saved elsewhere. Looking at an example never "
            "touches your own draft. `openness examples` lists them on the command line."
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        from questionnaire.examples import list_examples

        self.examples: list[Example] = list_examples()
        self._read_examples: dict[str, tuple[Any, Any]] = {}

    def compose(self) -> ComposeResult:
        yield AppBar("Examples", id="bar")
        yield Static('Real releases, and teaching cases named "Constructed:". Enter opens one.', id="examples-hint")
        with Horizontal(id="examples-body"):
            yield OptionList(
                *[Option(self._row(example), id=example.slug) for example in self.examples], id="examples-list"
            )
            with VerticalScroll(id="examples-preview"):
                yield TierBanner(id="examples-tier")
                yield ResultList("Why", id="examples-reasons")
                yield ResultList("Frameworks", id="examples-frameworks")
                yield ResultList("Sources", id="examples-sources")
        yield KeyFooter()

    def _row(self, example: Example) -> Text:
        text = Text(one_line(example.name), style="bold")
        text.append("\n")
        text.append("  " + TIER_TITLES.get(example.tier, example.tier), style=TIER_STYLES.get(example.tier, ""))
        return text

    def on_mount(self) -> None:
        bar = self.query_one(AppBar)
        bar.set_name("")
        bar.set_progress(f"{len(self.examples)} releases")
        bar.show_verdict_of(navigator(self).session)  # the user's own tier; each example's is in its preview
        if self.examples:
            self.query_one(OptionList).highlighted = 0
            self._preview(self.examples[0])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._preview(self.examples[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        navigator(self).open_example(event.option_id or "")

    def action_open(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            navigator(self).open_example(self.examples[index].slug)

    def _read(self, example: Example) -> tuple[Any, Any]:
        """The example's loaded source and its classification, read once per screen (not per arrow key)."""
        if example.slug not in self._read_examples:
            from questionnaire.app.session import load_example
            from questionnaire.rules import classify

            source = load_example(example.slug)
            self._read_examples[example.slug] = (source, classify(source.answers))
        return self._read_examples[example.slug]

    def _preview(self, example: Example) -> None:
        source, result = self._read(example)
        self.query_one(TierBanner).show(result.tier, example.name)
        self.query_one("#examples-reasons", ResultList).show(
            ((None, r.text) for r in result.reasons), heading=one_line(example.publisher)
        )
        self.query_one("#examples-frameworks", ResultList).show(
            (verdict.met, f"{verdict.short_title}: {verdict.summary}") for verdict in result.frameworks
        )
        facts: dict[str, int] = {}
        checked = set()
        for entry in source.sources.values():
            facts[entry.url] = facts.get(entry.url, 0) + 1
            checked.add(entry.checked.isoformat())
        sources = self.query_one("#examples-sources", ResultList)
        sources.border_title = "Sources" + (f" (checked {', '.join(sorted(checked))})" if checked else "")
        sources.show(
            ((None, f"{url} ({count} fact{'s' if count != 1 else ''})") for url, count in facts.items()),
            empty="No sources recorded.",
        )
