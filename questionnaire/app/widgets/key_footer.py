"""The footer of key bindings, redrawn only when the keys it shows change.

Textual's Footer rebuilds itself whenever focus moves; going from one question to the next moves focus
between answer widgets whose keys are the same, so that rebuild is skipped here. Below 100 columns the
keys sit closer together (Textual's compact footer), so that every key's name shows whole at 80."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer

COMPACT_BELOW = 100  # columns


class KeyFooter(Footer):
    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }  /* a group's label, apart from the next key */
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

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def bindings_changed(self, screen: Screen) -> None:
        keys = self._keys(screen)
        if keys == self._shown_keys and self._bindings_ready:
            return
        self._shown_keys = keys
        super().bindings_changed(screen)
