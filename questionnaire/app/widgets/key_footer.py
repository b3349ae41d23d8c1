"""The footer of key bindings: one widget that draws every key itself, as Textual's Footer shows them.

Textual's Footer is a container of one widget per key (and per group of keys and its label): nine or ten
widgets that the screen lays out again on every layout, after every answer. This draws the same line:
each key in the key colour and its description, the keys of a group (PgUp PgDn) with the group's label
after them, and the command palette's key at the right, behind a thin bar. Below 100 columns the keys
sit closer together (Textual's compact footer), so that every key's name shows whole at 80.

What Footer does for a user, it does: a click on a key presses that key (a disabled key rings the bell),
a disabled key is dimmed, the key under the mouse is highlighted and shows its tooltip, and the line
follows the screen's bindings (redrawn only when the keys it shows change: going from one question to
the next moves focus between answer widgets whose keys are the same)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

COMPACT_BELOW = 100  # columns


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it (the attributes of Textual's FooterKey)."""

    key: str
    key_display: str
    description: str  # "" for a key of a group: the group's label follows the group
    action: str
    disabled: bool
    tooltip: str
    grouped: bool = False
    palette: bool = False  # the command palette's key, at the right


@dataclass(frozen=True)
class _Label:
    text: str


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--label",
        "key-footer--hover",
        "key-footer--separator",
    }
    # The colours of Textual's Footer and FooterKey (the same theme variables)
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom; height: 1; color: $footer-foreground; background: $footer-background;
        text-wrap: nowrap; text-overflow: clip;
        & > .key-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .key-footer--description { color: $footer-description-foreground;
                                       background: $footer-description-background; }
        & > .key-footer--label { color: $footer-description-foreground; background: $footer-description-background; }
        & > .key-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .key-footer--separator { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.compact = False
        self.show_command_palette = True
        self._items: tuple[FooterEntry | _Label, ...] = ()
        self._hover: FooterEntry | None = None
        self._spans: list[tuple[int, int, FooterEntry]] = []  # where each key was drawn: (from, to) columns

    @property
    def entries(self) -> list[FooterEntry]:
        """The keys shown, left to right, the command palette's last."""
        return [item for item in self._items if isinstance(item, FooterEntry)]

    # ------------------------------------------------------------------ the keys

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._show(self._items_of(self.screen))

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.app.app_focus:  # as Footer: not while the terminal has not the focus
            return
        if self.is_attached and screen is self.screen:
            self._show(self._items_of(screen))

    def _show(self, items: tuple[FooterEntry | _Label, ...]) -> None:
        if items != self._items:
            self._items = items
            if self._hover is not None and self._hover not in items:
                self._hover = None
            self.refresh()

    def _items_of(self, screen: Screen) -> tuple[FooterEntry | _Label, ...]:
        """The keys as Footer.compose makes its widgets: a binding per action, the keys of a group of
        more than one action together and then the group's label, the command palette's key last."""
        app = self.app
        active = screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        items: list[FooterEntry | _Label] = []

        def entry(binding: Binding, enabled: bool, tooltip: str, description: str, **kind: bool) -> FooterEntry:
            key_display = app.get_key_display(binding)
            return FooterEntry(binding.key, key_display, description, binding.action, not enabled, tooltip, **kind)

        for group, in_group in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
            actions = list(in_group)
            grouped = group is not None and len(actions) > 1
            for binding, enabled, tooltip in (bindings[0] for bindings in actions):
                if grouped:
                    items.append(entry(binding, enabled, tooltip or binding.description, "", grouped=True))
                else:
                    items.append(entry(binding, enabled, tooltip, binding.description))
            if grouped:
                items.append(_Label(group.description))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                tooltip = binding.tooltip or binding.description
                items.append(entry(binding, enabled, tooltip, binding.description, palette=True))
        return tuple(items)

    # ------------------------------------------------------------------ drawing

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            self.refresh()

    def _entry_text(self, entry: FooterEntry, compact: bool) -> Text:
        """A key as FooterKey renders it: the key, padded by a cell either side unless compact, then the
        description (a cell before it when compact, after it when not); dimmed when disabled, on the
        hover colours under the mouse."""
        style = self.get_component_rich_style
        key_style = style("key-footer--key")
        description_style = style("key-footer--description")
        base = Style()
        if entry is self._hover:
            hover = style("key-footer--hover")
            base = hover
            if self.get_component_styles("key-footer--key").background.a == 0:
                key_style += Style(bgcolor=hover.bgcolor)
            if self.get_component_styles("key-footer--description").background.a == 0:
                description_style += Style(bgcolor=hover.bgcolor)
        if entry.disabled:
            base += Style(dim=True)
        if entry.description:
            pad = "" if compact else " "
            text = Text.assemble(
                (pad + entry.key_display + pad, key_style),
                ((" " if compact else "") + entry.description + ("" if compact else " "), description_style),
            )
        else:
            text = Text(entry.key_display, style=key_style)
        text.stylize_before(base)
        return text

    def render(self) -> Text:
        """The keys from the left, each with its margins as Footer lays them out (the larger of two
        neighbours' margins between them), and the command palette's key at the right."""
        width = self.size.width
        compact = self.compact
        line = Text()
        spans: list[tuple[int, int, FooterEntry]] = []
        margin = 0  # the right margin of the last item drawn
        palette: FooterEntry | None = None
        for item in self._items:
            if isinstance(item, _Label):
                left, right = 0, 1
                text = Text(item.text, style=self.get_component_rich_style("key-footer--label"))
            elif item.palette:
                palette = item
                continue
            else:
                left, right = (1, 1) if item.grouped else (0, 1 if compact else 0)
                text = self._entry_text(item, compact)
            line.append(" " * max(margin, left))
            start = line.cell_len
            line.append_text(text)
            if isinstance(item, FooterEntry):
                spans.append((start, line.cell_len, item))
            margin = right
        line.append(" " * margin)
        if palette is not None:
            # docked right: a thin bar, the key as a compact FooterKey, a cell of padding
            text = Text("▏", style=self.get_component_rich_style("key-footer--separator"))
            text.append_text(self._entry_text(palette, compact=True))
            text.append(" ")
            start = max(0, width - text.cell_len)
            if line.cell_len > start:
                line.truncate(start)
            line.append(" " * (start - line.cell_len))
            spans = [span for span in spans if span[1] <= start]
            spans.append((start, start + text.cell_len, palette))
            line.append_text(text)
        line.truncate(width, pad=True)
        self._spans = spans
        return line

    # ------------------------------------------------------------------ the mouse

    def _entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it, as on Textual's FooterKey."""
        entry = self._entry_at(event.x)
        if entry is None:
            return
        if entry.disabled:
            self.app.bell()
        else:
            self.app.simulate_key(entry.key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
        if entry is not self._hover:
            self._hover = entry
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
