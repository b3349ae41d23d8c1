"""The footer of key bindings, redrawn only when the keys it shows change.

Textual's Footer rebuilds itself whenever focus moves; going from one question to the next moves focus
between answer widgets whose keys are the same, so that rebuild is skipped here."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    DEFAULT_CSS = """
    KeyFooter { }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown_keys: tuple | None = None

    def _keys(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        keys = self._keys(screen)
        if keys == self._shown_keys and self._bindings_ready:
            return
        self._shown_keys = keys
        super().bindings_changed(screen)
