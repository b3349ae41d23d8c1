"""The licence picker's result list: one line per entry, drawn as Textual's OptionList draws an option (the
same component classes and styles, so the same look), but lighter, and its lines can be made while the
list is hidden.

OptionList turns every prompt into a visual, measures and wraps each one to learn the list's height, and
throws what it drew away whenever its options are set or it is shown again: a licence question paid for all
of that on its first frame. Here a row is a Text already fitted to the list's width (the picker makes it so),
one line each: the list's height is its number of rows, and a row's segments are made once (`rows`, or
`draw_ahead` while hidden) and only styled when it is drawn."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.geometry import Region, Size, clamp
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from questionnaire.app.widgets.light_scrollbar import light_scrollbar
from questionnaire.app.widgets.pointed_options import OptionMessage, PointedOptions, option_strip

_META: dict[int, RichStyle] = {}  # a row's index as the style meta a click reads, made once per index


class LicenseResults(PointedOptions, ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of one line each; `highlighted` set by the picker moves nothing else (it shows the facts
    itself); a move by a key or a page posts `Highlighted`, Enter or a click posts `Selected`."""

    ALLOW_SELECT = False  # (as OptionList: a drag over the list selects no text)
    CONTENT_HEIGHT_FROM_WIDTH = True  # one line a row (kept_arrangement)
    COMPONENT_CLASSES = {"option-list--option", "option-list--option-highlighted", "option-list--option-hover"}
    # OptionList's keys, for when the list itself has focus (a click on it, or Tab), read by the list itself
    # (actions.py: typed.move, typed.ends, typed.enter) rather than bound, as ChoiceList and WelcomeMenu read
    # theirs; ScrollView's scrolling bindings are not inherited. PgUp/PgDn reach the list only without the
    # question screen's priority bindings, which page the list first (LicensePicker.page).
    _KEYS = {
        "up": "cursor_up",
        "down": "cursor_down",
        "home": "first",
        "end": "last",
        "pageup": "page_up",
        "pagedown": "page_down",
        "enter": "select",
    }
    # OptionList's DEFAULT_CSS (but for what this list never has: disabled options, separators, the compact
    # look), then the picker's own rules as they were written for OptionList
    DEFAULT_CSS = """
    LicenseResults {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
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
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    LicenseResults {
        height: auto; max-height: 7; padding: 0; margin-top: 0;
        border: none; border-left: outer $foreground 20%;
        & > .option-list--option { padding: 0 1; }
    }
    LicenseResults:focus { border: none; border-left: outer $accent; }
    """

    class Highlighted(OptionMessage):
        """The highlight moved by a key (or a page)."""

    class Selected(OptionMessage):
        """An entry taken by Enter or a click."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Text] = []
        self._segments: list[list[Segment] | None] = []  # each row's segments, unstyled, made once
        self._strips: dict[tuple[int, VisualStyle, int], Strip] = {}
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._pass: tuple[int, dict[str, VisualStyle], int] | None = None

    # ------------------------------------------------------------------ the rows

    @property
    def rows(self) -> Sequence[Text]:
        return self._rows

    @rows.setter
    def rows(self, rows: list[Text]) -> None:
        same_height = len(rows) == len(self._rows)
        self._rows = rows
        self._segments = [None] * len(rows)
        self._strips.clear()
        self._hover = None
        if self._highlighted is not None:
            self._highlighted = min(self._highlighted, len(rows) - 1) if rows else None
        self._update_virtual_size()
        # as many rows as before: the same height, nothing to lay out again (the width is the container's)
        self.refresh(layout=not same_height)

    def draw_ahead(self, count: int) -> None:
        """Make the segments of the first `count` rows now (the list is hidden: its next question shows it)."""
        for index in range(min(count, len(self._rows))):
            self._row_segments(index)

    def _row_segments(self, index: int) -> list[Segment]:
        segments = self._segments[index]
        if segments is None:
            segments = self._segments[index] = list(self._rows[index].render(self.app.console, end=""))
        return segments

    def option_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = clamp(index, 0, len(self._rows) - 1) if self._rows else None
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
        self.scroll_to_highlight()

    # ------------------------------------------------------------------ layout and scrolling

    def on_mount(self) -> None:
        light_scrollbar(self)  # its bar (when there are more rows than it shows) drawn as strips, the same cells

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def _update_virtual_size(self) -> None:
        """One line a row, as wide as the list: what the scrollbar and the scrolling go by."""
        region = self.scrollable_content_region
        if not region:
            return
        virtual_size = Size(region.width, len(self._rows))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            # Private, as OptionList._update_lines calls it: the scrollbar follows the new size now, not a
            # layout later
            self._scroll_update(virtual_size)

    def on_resize(self) -> None:
        self._strips.clear()
        self._update_virtual_size()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def scroll_to_highlight(self) -> None:
        """Scroll the list to its highlighted row (as OptionList does)."""
        highlighted = self._highlighted
        if highlighted is None or not self.is_mounted or not self.scrollable_content_region:
            return
        self._update_virtual_size()
        self.scroll_to_region(
            Region(0, highlighted, self.scrollable_content_region.width, 1),
            force=True,
            animate=False,
            immediate=True,
        )

    # ------------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_virtual_size()
        self._pass = None  # what every line of this pass shares is worked out once, at its first line
        return super().render_lines(crop)

    def _pass_styles(self) -> tuple[int, dict[str, VisualStyle], int]:
        if self._pass is None:
            self._pass = (
                self.scrollable_content_region.width,
                self.option_styles("option-list--option"),
                self.get_component_styles("option-list--option").padding.left,
            )
        return self._pass

    def render_line(self, y: int) -> Strip:
        width, styles, left = self._pass_styles()
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, styles[""].rich_style)
        visual_style = styles[self.option_state(index)]
        key = (index, visual_style, width)
        strip = self._strips.get(key)
        if strip is None:
            # as OptionList draws an option: its padding and text in the option's style, the rest of the
            # width too, the option's index on every cell (for a click)
            meta = _META.get(index)
            if meta is None:
                meta = _META[index] = RichStyle.from_meta({"option": index})
            style = visual_style.rich_style + meta
            strip = option_strip(self._row_segments(index), left, self._rows[index].cell_len, width, style)
            self._strips[key] = strip
        return strip

    # ------------------------------------------------------------------ keys and mouse

    def _move_to(self, index: int | None) -> None:
        before = self._highlighted
        self.highlighted = index
        if self._highlighted is not None and self._highlighted != before:
            self.post_message(self.Highlighted(self, self._highlighted))

    def action_cursor_up(self) -> None:
        """The previous row (from the first: the last, as OptionList wraps)."""
        if self._rows:
            current = self._highlighted
            self._move_to(len(self._rows) - 1 if current is None else (current - 1) % len(self._rows))

    def action_cursor_down(self) -> None:
        """The next row (from the last: the first)."""
        if self._rows:
            current = self._highlighted
            self._move_to(0 if current is None else (current + 1) % len(self._rows))

    def action_first(self) -> None:
        if self._rows:
            self._move_to(0)

    def action_last(self) -> None:
        if self._rows:
            self._move_to(len(self._rows) - 1)

    def _move_page(self, direction: int) -> None:
        """A page of rows up or down, stopping at the first and the last (as OptionList pages)."""
        if not self._rows:
            return
        height = self.scrollable_content_region.height
        self._move_to(clamp((self._highlighted or 0) + direction * height, 0, len(self._rows) - 1))

    def action_page_up(self) -> None:
        if self._highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_page_down(self) -> None:
        if self._highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))
