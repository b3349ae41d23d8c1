"""The command palette's commands: jump to a section, save, review, the result, what if, help, the
glossary, the examples, compare, switch theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from questionnaire.app.app import OpennessApp


class OpennessCommands(Provider):
    @property
    def openness(self) -> OpennessApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self.openness
        session = app.session
        if session is not None:
            for section in session.bank.sections:
                yield (f"Go to section: {section.title}", "Jump to its first open question",
                       partial(app.jump_to_section, section.id))
            yield ("Save the declaration", "Choose where, then write the TOML file (Ctrl+S)", app.action_save)
            yield ("Review all answers", "Every answer in one table, each can be changed (Ctrl+R)", app.action_review)
            yield ("Show the result", "The tier, the reasons and each framework's verdict (Ctrl+T)", app.action_result)
            yield ("What if …", "Change one component and see how the verdicts move (w on the result)",
                   app.action_whatif)
        yield ("Open help", "Help for this question, and the keys (F1)", app.action_help)
        yield ("Open the glossary", "Every term, searchable (Ctrl+G)", app.action_glossary)
        yield ("Open an example release", "Real releases and their verdicts", app.action_examples)
        yield ("Compare releases", "Side by side: tier, each framework's verdict, the 17 components",
               app.action_compare)
        yield ("Switch theme", "Choose the colours of the app", app.action_change_theme)
        yield ("Open a declaration file", "Change a saved declaration and save it again", app.action_open_file)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
