"""What screens, widgets and the command palette may ask of the app: where the user is (the session), going
somewhere (a question, a section, the review, an example), the draft, and the keys as the user's keymap
has them. The app implements `Navigator`; everything else reaches it through `navigator(node)` and never
through the app's own class, so a screen neither imports the app nor runs its actions by hand (a key runs
an action by its binding; the table of those is actions.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode

    from questionnaire.app.session import Session
    from questionnaire.drafts import Draft


@runtime_checkable
class Navigator(Protocol):
    @property
    def session(self) -> Session | None:
        """The declaration being answered (or the example looked at); None before one is started."""

    @property
    def keymap(self) -> Mapping[str, str]:
        """The user's keymap as applied: binding id -> keys (only the rebound ones)."""

    @property
    def draft_notes(self) -> list[str]:
        """What the welcome screen says about the draft (set aside, shared with another app)."""

    def recover_draft(self) -> Draft | None:
        """The draft this app claimed, when it holds answers; an unreadable one is set aside (and noted)."""

    def new_session(self) -> None:
        """Start a new declaration (the draft is cleared) at its first question."""

    def resume_draft(self, draft: Draft) -> None:
        """Go on with the draft's answers, where it was left."""

    def open_example(self, slug: str) -> None:
        """A shipped example, on its result screen."""

    def jump_to(self, question_id: str, *, back_to_review: bool = False) -> None:
        """Show a question (and, with `back_to_review`, come back to the review once it is answered)."""

    def jump_to_section(self, section_id: str) -> None:
        """The first open question of a section."""

    def show_review(self) -> None:
        """The review of every answer."""

    def tell(self, message: str, *, warning: bool = False) -> None:
        """A short confirmation or notice that covers nothing."""


_NAVIGATORS: set[type] = set()  # the app classes found to be Navigators (the check looks up every member)


def navigator(node: DOMNode | Provider) -> Navigator:
    """The app of `node` (a screen, a widget, a command provider), as its navigation service."""
    app = node.app
    if type(app) not in _NAVIGATORS:
        if not isinstance(app, Navigator):
            raise TypeError(f"{type(app).__name__} is not a Navigator")
        _NAVIGATORS.add(type(app))
    return cast("Navigator", app)


def key_for(node: DOMNode | Provider, binding_id: str) -> str:
    """The key that runs a binding now (the user's keymap applied), as written in a sentence: 'Ctrl+S'."""
    from questionnaire.app import actions

    return actions.key_for(binding_id, navigator(node).keymap)


__all__ = ["Navigator", "key_for", "navigator"]
