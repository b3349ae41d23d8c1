"""A scrolling container whose focus restyles itself, not everything it holds.

When a widget gains or loses focus, Textual restyles it and every widget inside it, for rules that style
what it holds by its focus (`Container:focus > Child`). The result screen's scroll holds the whole result
(its banner, lists and framework panels, each restyled with its rules matched again), focused as the
screen opens: a cost on every Ctrl+T (122-126 ms -> 105-111 ms without it, python bench/app_speed.py),
for nothing, as no rule styles what it holds by its focus. tests/test_app_behaviour.py checks that no
rule of the app's stylesheet does, and that the result is drawn the same as after a full restyle.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class SelfStyledScroll(VerticalScroll):
    """A VerticalScroll for content that no rule styles by the scroll's focus."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self])  # (Widget.watch_has_focus restyles the whole subtree)
