"""The command palette's commands: jump to a section (one a section of the bank), then the palette entries of
the action table (save, review, the result, what if, help, the glossary, the examples, compare, switch
theme, open a file), each with the key that does the same, and run as that key runs it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from questionnaire.app import actions
from questionnaire.app.navigation import navigator


class OpennessCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        nav = navigator(self)
        session = nav.session
        if session is not None:
            for section in session.bank.sections:
                yield (
                    f"Go to section: {section.title}",
                    "Jump to its first open question",
                    partial(nav.jump_to_section, section.id),
                )
        for action in actions.palette_entries(has_session=session is not None):
            assert action.palette is not None
            yield (
                action.palette[0],
                actions.palette_help(action, nav.keymap),
                partial(self.app.run_action, action.action),
            )

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
