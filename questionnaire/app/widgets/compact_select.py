"""A one-line select, captioned: its caption, then the chosen option's label and an arrow; Enter, Space, Up
or Down (or a click on the field) opens the list of options below it, where the arrows, Home/End, PgUp/PgDn
and typing (the first option holding what is typed) move, Enter or a click chooses, and Escape closes.

It looks and works as a Label beside Textual's `Select(compact=True, allow_blank=False)` in a Horizontal,
but it is one widget instead of eight (the Horizontal, the Label, and a Select: itself, a SelectCurrent of
three Statics and its OptionList overlay, all made, styled and laid out when a screen opens); its list is
made when it opens, and removed when it closes. The what-if screen's three fields were about half of its
opening. Captions and labels are shown as text, never markup."""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from questionnaire.app import actions

ARROW_WIDTH = 2  # " ▼", as the Select's arrow: one cell and a one-cell padding on its left
RIGHT_PADDING = 1  # as the compact Select's SelectCurrent (padding: 0 1 0 0)


class CompactSelectOverlay(OptionList):
    """The list a CompactSelect opens (Textual's SelectOverlay, as a CompactSelect needs it): Escape or
    losing focus closes it, Enter or a click chooses, a printable key jumps to the first option holding
    what has been typed within 0.7 s."""

    BINDINGS = actions.bindings("list")  # Escape closes the list (and says so in the footer), not the screen
    ALLOW_SELECT = False
    SEARCH_RESET = 0.7  # seconds after the last key at which typing starts a new search

    class Dismiss(Message):
        def __init__(self, lost_focus: bool = False) -> None:
            super().__init__()
            self.lost_focus = lost_focus

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *options: Option, highlighted: int = 0) -> None:
        super().__init__(*options, compact=True)
        self._query = ""
        self._typed_at = 0.0
        self._first_highlight = highlighted

    def on_mount(self) -> None:
        self.highlighted = self._first_highlight
        self.call_after_refresh(self.scroll_to_highlight)  # once its height is known

    def on_click(self, event: events.Click) -> None:
        event.stop()  # chosen here (OptionList's own handler): not a click on the field under it as well

    def watch_has_focus(self, value: bool) -> None:
        self._query = ""
        super().watch_has_focus(value)

    def _on_blur(self, event: events.Blur) -> None:
        self.post_message(self.Dismiss(lost_focus=True))
        self.suppress_click()  # a click on the field that took the focus closes the list, not reopens it

    def action_dismiss(self) -> None:
        self.post_message(self.Dismiss())

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable()

    def _on_key(self, event: events.Key) -> None:
        if event.character is None or not event.is_printable:
            return
        event.stop()
        event.prevent_default()
        now = time.monotonic()
        if now - self._typed_at > self.SEARCH_RESET:
            self._query = ""
        self._typed_at = now
        self._query += event.character
        query = self._query.lower()
        best: tuple[int, int] | None = None  # (where the typed text starts in the prompt, option index)
        for index, option in enumerate(self.options):
            found = str(option.prompt).lower().find(query)
            if found != -1 and (best is None or found < best[0]):
                best = (found, index)
        if best is not None:
            self.highlighted = best[1]
            self.scroll_to_highlight()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()


class CompactSelect(Widget, can_focus=True):
    """`CompactSelect([(label, value), ...], value=..., caption=...)`: the first option is chosen unless
    `value` says another. `value` reads and sets the choice; `set_options` replaces the options and chooses the first.
    Every change of the value posts `CompactSelect.Changed` (as Select.Changed)."""

    ALLOW_SELECT = False
    OPENING_KEYS = {"enter", "down", "space", "up"}  # the Select's; read in `on_key` (as ChoiceList reads its keys)
    COMPONENT_CLASSES = {"compact-select--caption", "compact-select--field", "compact-select--arrow"}
    # The caption: as a Label beside the Select (muted, on the parent's background; its width, gap included,
    # is the caption component's `width`, set by the screen). The field: the compact Select's SelectCurrent
    # (surface, the label in the foreground colour, a dimmer arrow, one cell of padding on the right, tinted
    # when focused); the list: the Select's overlay.
    DEFAULT_CSS = """
    CompactSelect {
        width: 1fr;
        height: auto;
        color: $foreground;
        pointer: pointer;
        & > .compact-select--caption { width: 0; color: $text-muted; }
        & > .compact-select--field { background: $surface; }
        & > .compact-select--arrow { color: $foreground 50%; }
        &:focus > .compact-select--field { background-tint: $foreground 5%; }
        &:ansi > .compact-select--field { color: ansi_default; background: ansi_default; }
        /* Disabled, as the disabled Select: Textual's `*:disabled:can-focus { opacity: 0.7 }` faded the Select
           (its own background transparent) over its parent, and its SelectCurrent's surface and text inside
           it, and not the Label beside it. Here the same colours, made without fading the caption and
           without fading the surface twice (over the surface faded already). */
        &:disabled:can-focus {
            opacity: 1;
            & > .compact-select--field { background: $surface 70%; color: $foreground 70%; }
            & > .compact-select--arrow { color: $foreground 35%; }
        }
        & > CompactSelectOverlay {
            width: 1fr;
            height: auto;
            max-height: 12;
            overlay: screen;
            constrain: none inside;
            color: $foreground;
            border: tall $border-blurred;
            background: $surface;
            &:focus { background-tint: $foreground 5%; }
            & > .option-list--option { padding: 0 1; }
        }
    }
    """

    class Changed(Message):
        """The value changed (chosen in the list, or set)."""

        def __init__(self, select: CompactSelect, value: Any) -> None:
            super().__init__()
            self.select = select
            self.value = value

        @property
        def control(self) -> CompactSelect:
            return self.select

    def __init__(
        self,
        options: Iterable[tuple[str, Hashable]],
        *,
        value: Hashable | None = None,
        caption: str = "",
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self._options: list[tuple[str, Hashable]] = []
        self._value: Hashable = None
        self._overlay: CompactSelectOverlay | None = None  # the list, while open
        self._open_at_press = False  # the list was open when the mouse button went down on the field
        self._caption = caption
        self._lines: tuple[int, list[Content]] | None = None  # the label wrapped at a width
        self._set_options(options)
        if value is not None:
            self._check(value)
            self._value = value

    # ------------------------------------------------------------------ options and value

    @property
    def options(self) -> Sequence[tuple[str, Hashable]]:
        """The (label, value) of each option, in order."""
        return tuple(self._options)

    @property
    def value(self) -> Hashable:
        return self._value

    @value.setter
    def value(self, value: Hashable) -> None:
        self._check(value)
        if value != self._value:
            self._value = value
            self._label_changed()
            self.post_message(self.Changed(self, value))

    @property
    def expanded(self) -> bool:
        return self.has_class("-expanded")

    def set_options(self, options: Iterable[tuple[str, Hashable]]) -> None:
        """Replace the options; the first is chosen (a Changed is posted if that changes the value). An open
        list closes (its options are gone), the field keeping the focus."""
        if self.expanded:
            self._expand(False)
            self.focus()
        before = self._value
        self._set_options(options)
        self._label_changed()  # the chosen option's label may be new even when its value is not
        if self._value != before:
            self.post_message(self.Changed(self, self._value))

    def _set_options(self, options: Iterable[tuple[str, Hashable]]) -> None:
        self._options = [(str(label), value) for label, value in options]
        if not self._options:
            raise ValueError("a CompactSelect needs at least one option")
        self._value = self._options[0][1]

    def _check(self, value: Hashable) -> None:
        if all(value != option for _, option in self._options):
            raise ValueError(f"{value!r} is not one of the options")

    def _label(self) -> str:
        return next(label for label, value in self._options if value == self._value)

    def _label_changed(self) -> None:
        self._lines = None
        self.refresh(layout=True)

    # ------------------------------------------------------------------ drawing

    def _caption_width(self) -> int:
        width = self.get_component_styles("compact-select--caption").width if self._caption else None
        return int(width.value) if width is not None and width.is_cells else 0

    def _captioned(self, width: int) -> list[Content]:
        """The caption's lines, wrapped in its column less the gap after it (as the Label's padding)."""
        caption_width = min(self._caption_width(), width)
        if not caption_width:
            return []
        return Content(self._caption).wrap(max(1, caption_width - 1))

    def _wrapped(self, width: int) -> list[Content]:
        """The label's lines, wrapped (as the Select's label Static wraps) in the field, beside the arrow."""
        if self._lines is None or self._lines[0] != width:
            room = max(1, width - ARROW_WIDTH - RIGHT_PADDING)
            self._lines = (width, Content(self._label()).wrap(room) or [Content("")])
        return self._lines[1]

    def _field_width(self, width: int) -> int:
        return max(1, width - min(self._caption_width(), width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        field = max(line.cell_length for line in self._wrapped(container.width)) + ARROW_WIDTH + RIGHT_PADDING
        return self._caption_width() + field

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # its own lines, whether or not the overlay (laid out over the screen, below them) has been made
        if not width:
            return 0
        return max(len(self._captioned(width)), len(self._wrapped(self._field_width(width))))

    def render(self) -> Content:
        width = self.size.width
        caption_width = min(self._caption_width(), width)
        field_width = self._field_width(width)
        captions = self._captioned(width)
        lines = self._wrapped(field_width)
        room = max(1, field_width - ARROW_WIDTH - RIGHT_PADDING)
        field_style = self.get_visual_style("compact-select--field")
        caption_style = self.get_visual_style("compact-select--caption")
        arrow = Content(" " + ("▲" if self.expanded else "▼")).stylize(
            self.get_visual_style("compact-select--field", "compact-select--arrow")
        )
        drawn = []
        for number in range(max(len(captions), len(lines))):
            caption = captions[number] if number < len(captions) else Content("")
            line = caption.pad_right(max(0, caption_width - caption.cell_length)).stylize(caption_style)
            if number < len(lines):  # the field: its label, the arrow on the first line, on the surface
                label = lines[number].pad_right(max(0, room - lines[number].cell_length))
                end = arrow + " " if number == 0 else Content(" " * (ARROW_WIDTH + RIGHT_PADDING))
                line += (label + end).stylize_before(field_style)
            drawn.append(line)
        return Content("\n").join(drawn)

    # ------------------------------------------------------------------ opening and choosing

    def on_key(self, event: events.Key) -> None:
        if event.key in self.OPENING_KEYS and self.has_focus:  # (not a key of its open list, bubbling up)
            event.stop()
            event.prevent_default()
            self._expand(True)

    def focus_on_click(self) -> bool:
        return False  # only a press on the field focuses it (`on_mouse_down`), not one on its caption

    def _on_field(self, x: int, y: int) -> bool:
        field_width = self._field_width(self.size.width)
        return x >= self.size.width - field_width and y < len(self._wrapped(field_width))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # whether the list was open when the button went down: that press takes the focus from the list,
        # which closes it, maybe before the click that follows arrives (Textual's Select then opened it again)
        self._open_at_press = self.expanded
        if event.widget is self and self._on_field(event.x, event.y):
            self.focus(scroll_visible=False)

    def _on_click(self, event: events.Click) -> None:
        event.stop()
        if event.widget is self and self._on_field(event.x, event.y):
            self._expand(not self.expanded and not self._open_at_press)
        self._open_at_press = False

    def _expand(self, expanded: bool) -> None:
        """Open the list below the label (made now, the chosen option highlighted and in view), or close
        it (removed: closed, the field is one widget again)."""
        if expanded == self.expanded:
            return
        self.set_class(expanded, "-expanded")
        self.refresh()  # the arrow
        if expanded:
            chosen = next(i for i, (_, value) in enumerate(self._options) if value == self._value)
            self._overlay = CompactSelectOverlay(*self._overlay_options(), highlighted=chosen)
            # below the field's label, as wide as the field (not the caption)
            field_width = self._field_width(self.size.width)
            self._overlay.styles.offset = (self.size.width - field_width, len(self._wrapped(field_width)))
            self._overlay.styles.width = field_width
            self.mount(self._overlay)
            # focused now, not after a refresh (as `focus()` does): a key pressed at once goes to the list
            self.screen.set_focus(self._overlay, scroll_visible=False)
        elif self._overlay is not None:
            self._overlay.remove()
            self._overlay = None

    def _overlay_options(self) -> list[Option]:
        return [Option(Content(label)) for label, _ in self._options]  # text, not markup

    def on_compact_select_overlay_dismiss(self, event: CompactSelectOverlay.Dismiss) -> None:
        event.stop()
        self._expand(False)
        if not event.lost_focus:
            self.focus()

    def on_compact_select_overlay_chosen(self, event: CompactSelectOverlay.Chosen) -> None:
        event.stop()
        self.value = self._options[event.index][1]
        self.focus()
        self._expand(False)
