"""The mouse over a list that draws its options itself (ChoiceList, WelcomeMenu)."""

from __future__ import annotations

from textual import events


class PointedOptions:
    """For a widget whose lines carry their option's index as the style meta "option": a click highlights and
    chooses the option under the pointer, and the option under the pointer is marked (`_hover`, drawn by the
    widget) until the pointer leaves. The widget gives `option_count()`, `highlighted` and `action_select`."""

    _hover: int | None = None

    def option_count(self) -> int:
        raise NotImplementedError

    def on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and 0 <= clicked < self.option_count():
            self.highlighted = clicked
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = event.style.meta.get("option")
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
