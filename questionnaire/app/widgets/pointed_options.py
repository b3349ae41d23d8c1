"""The mouse over a list that draws its options itself (ChoiceList, LicenseResults, WelcomeMenu), and what
such a list says about one of its options."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.message import Message
from textual.strip import Strip


def option_strip(segments: Iterable[Segment], left: int, cell_len: int, width: int, style: RichStyle) -> Strip:
    """One line of an option as OptionList draws it: `left` cells of padding, the option's segments
    (`cell_len` cells), and the rest of the `width`, all in `style` (the option's, with its index as meta)."""
    line = [Segment(" " * left, style)] if left else []
    line.extend(Segment.apply_style(segments, style))
    used = left + cell_len
    if used <= width:
        line.append(Segment(" " * (width - used), style))
        return Strip(line, width)
    return Strip(line).crop_extend(0, width, style)


class OptionMessage(Message):
    """What a self-drawn list says about one of its options: the list (`control`) and the option's `index`."""

    def __init__(self, options: Any, index: int) -> None:
        super().__init__()
        self.options = options
        self.index = index

    @property
    def control(self) -> Any:
        return self.options


class PointedOptions:
    """For a widget whose lines carry their option's index as the style meta "option": a click highlights and
    chooses the option under the pointer, and the option under the pointer is marked (`_hover`, drawn by the
    widget) until the pointer leaves. The widget gives `option_count()`, `highlighted` and `action_select`."""

    _hover: int | None = None
    _highlighted: int | None = None
    _KEYS: dict[str, str] = {}  # key -> the name of the action it runs (`action_<name>`)

    def keys_apply(self) -> bool:
        """Whether the list's keys (`_KEYS`) are its own now; when not, they go on to the screen."""
        return True

    def on_key(self, event: events.Key) -> None:
        action = self._KEYS.get(event.key)
        if action is not None and self.keys_apply():
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{action}")()

    def option_count(self) -> int:
        raise NotImplementedError

    def option_styles(self, component: str) -> dict[str, Any]:
        """The visual styles of an option, by `option_state`: the component class `component` alone, with
        its `-highlighted` class and with its `-hover` class."""
        return {
            "": self.get_visual_style(component),  # type: ignore[attr-defined]
            "highlighted": self.get_visual_style(component, f"{component}-highlighted"),  # type: ignore[attr-defined]
            "hover": self.get_visual_style(component, f"{component}-hover"),  # type: ignore[attr-defined]
        }

    def option_state(self, index: int) -> str:
        """How the option at `index` is drawn: "highlighted", "hover" (under the pointer) or ""."""
        return "highlighted" if index == self._highlighted else ("hover" if index == self._hover else "")

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
