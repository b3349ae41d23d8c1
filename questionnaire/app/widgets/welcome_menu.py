"""The welcome screen's menu: its entries, a line between groups of them, one highlighted; the arrow keys,
Home/End, PgUp/PgDn and Enter, or a click, the way Textual's OptionList is used.

One plain widget drawn as OptionList draws it (the same component classes and styles, so the same look,
cell by cell), without what a short fixed menu does not need: a scrolling view with its scrollbars, the
reactive highlight and its watcher, the options' line cache. It is on the first screen, so its class, its
styles and its first render are all paid for before the first frame."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from questionnaire.app.widgets.pointed_options import OptionMessage, PointedOptions


class WelcomeMenu(PointedOptions, Widget, can_focus=True):
    """Entries (id, prompt), each drawn as OptionList draws an option; `breaks`: the ids with a line above."""

    ALLOW_SELECT = False  # (as OptionList: a drag over the menu selects no text)
    COMPONENT_CLASSES = {
        "option-list--option",
        "option-list--option-highlighted",
        "option-list--option-hover",
        "option-list--separator",
    }
    # OptionList's DEFAULT_CSS, but for what this menu never has (disabled entries, the compact look)
    DEFAULT_CSS = """
    WelcomeMenu {
        height: auto; max-height: 100%; color: $foreground; overflow: hidden hidden;
        border: tall $border-blurred; padding: 0 1; background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--separator { color: $foreground 15%; }
        & > .option-list--option-hover { background: $block-hover-background; }
    }
    """
    # the keys the menu reads itself (as OptionList's bindings did, none shown in the footer)
    _KEYS = {
        "up": "cursor_up",
        "down": "cursor_down",
        "home": "first",
        "end": "last",
        "pageup": "first",  # a page is the whole menu: it is always shown whole
        "pagedown": "last",
        "enter": "select",
    }

    class Highlighted(OptionMessage):
        """The highlight moved to another entry."""

    class Selected(OptionMessage):
        """An entry chosen by Enter or a click."""

    def __init__(
        self, entries: list[tuple[str, Content]], breaks: set[str], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[tuple[str, Content]] = []
        self._breaks: set[str] = set()
        # (entry, line of it) of each line at a width (entry None: the line between two groups)
        self._lines: list[tuple[int | None, int]] = []
        self._lines_at: int | None = None
        self._cache: dict[tuple[int, object, int], list[Strip]] = {}
        self._highlighted = 0
        self._hover: int | None = None
        self.set_entries(entries, breaks)

    # ------------------------------------------------------------------ the entries

    def set_entries(self, entries: list[tuple[str, Content]], breaks: set[str]) -> None:
        self._entries = list(entries)
        self._breaks = set(breaks)
        self._lines_at = None
        self._cache.clear()
        self._hover = None
        self._highlighted = min(self._highlighted, max(len(self._entries) - 1, 0))
        self.refresh(layout=True)

    @property
    def entry_ids(self) -> list[str]:
        return [entry_id for entry_id, _ in self._entries]

    @property
    def highlighted(self) -> int:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        """(A move posts `Highlighted`.)"""
        index = max(0, min(index, len(self._entries) - 1))
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
            self.post_message(self.Highlighted(self, index))

    @property
    def highlighted_id(self) -> str | None:
        return self._entries[self._highlighted][0] if self._entries else None

    # ------------------------------------------------------------------ drawing

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines_for(width))

    def _lines_for(self, width: int) -> list[tuple[int | None, int]]:
        """The lines at `width`: an entry takes one line, or more when its prompt is wider (a long model
        name), wrapped as OptionList wraps it."""
        if width != self._lines_at:
            lines: list[tuple[int | None, int]] = []
            for index, (entry_id, prompt) in enumerate(self._entries):
                if entry_id in self._breaks and lines:
                    lines.append((None, 0))
                height = 1 if prompt.cell_length <= width else prompt.get_height(self.styles, width)
                lines.extend((index, line) for line in range(height))
            self._lines, self._lines_at = lines, width
        return self._lines

    def notify_style_update(self) -> None:
        self._cache.clear()
        self._lines_at = None
        super().notify_style_update()

    def on_resize(self) -> None:
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self._lines_for(width)
        index, line = lines[y] if 0 <= y < len(lines) else (-1, 0)
        if index is None:  # drawn as OptionList draws the line under an option followed by a separator
            style = self.get_visual_style("option-list--separator")
            return Strip([Segment("─" * width, style.rich_style)], width)
        if index < 0:
            return Strip.blank(width, self.get_visual_style("option-list--option").rich_style)
        if index == self._highlighted:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif index == self._hover:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        key = (index, style, width)
        strips = self._cache.get(key)
        if strips is None:
            # as OptionList renders an option: the prompt at the width, in the option's style, with its
            # index for the mouse
            prompt = self._entries[index][1]
            if prompt.cell_length <= width:  # (one line: no wrapping to work out)
                strips = [Strip(prompt.render_segments(style))]
            else:
                strips = Visual.to_strips(self, prompt, width, None, style)
            meta = {"option": index}
            strips = [strip.extend_cell_length(width, style.rich_style).apply_meta(meta) for strip in strips]
            self._cache[key] = strips
        return strips[line] if line < len(strips) else Strip.blank(width, style.rich_style)

    # ------------------------------------------------------------------ keys and mouse

    def keys_apply(self) -> bool:
        return bool(self._entries)

    def action_cursor_up(self) -> None:
        self.highlighted = (self._highlighted - 1) % len(self._entries)

    def action_cursor_down(self) -> None:
        self.highlighted = (self._highlighted + 1) % len(self._entries)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._entries) - 1

    def action_select(self) -> None:
        if self._entries:
            self.post_message(self.Selected(self, self._highlighted))

    def option_count(self) -> int:
        return len(self._entries)
