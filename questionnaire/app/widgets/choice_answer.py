"""A yes/no or multiple-choice answer: the choices with their own explanations, chosen by arrow keys and
Enter, by number (1-9) or, for yes/no, by y and n; or by a click."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from questionnaire.app.fit import hanging
from questionnaire.app.widgets.answer_base import AnswerWidget, RestyledWhenShown, focus
from questionnaire.app.widgets.laid_out import LaidOutSize
from questionnaire.app.widgets.pointed_options import OptionMessage, PointedOptions, option_strip
from questionnaire.app.widgets.styled_rows import StyledRows

if TYPE_CHECKING:
    from questionnaire.bank import Question


KEPT_CHOICES = 256  # choices drawn and kept (in a state, at a width)


def _text_key(text: Text) -> tuple[object, ...]:
    return (text.plain, tuple(text.spans), text.style)


class ChoiceList(RestyledWhenShown, LaidOutSize, PointedOptions, StyledRows, Widget, can_focus=True):
    """The list itself, drawn as OptionList draws it (the same component styles, borders and highlight) but
    lighter: one widget that renders its choices' already-wrapped text straight to strips (no Content
    wrapping again, no per-option visuals), cached per choice and style, and as tall as its choices.
    Up/Down/Home/End move the highlight and keep it in view when the page around the list scrolls; Enter
    or a click chooses (`Selected`). A highlight set when a question is shown moves nothing: the question
    opens at its prompt."""

    COMPONENT_CLASSES = {"choice-list--option", "choice-list--option-highlighted", "choice-list--option-hover"}
    CONTENT_HEIGHT_FROM_WIDTH = True  # its choices' lines at the width (kept_arrangement)
    # Keys the list reads itself (actions.py: typed.move, typed.ends, typed.enter), as OptionList did
    _KEYS = {"up": "cursor_up", "down": "cursor_down", "home": "first", "end": "last", "enter": "select"}
    # OptionList's look (its DEFAULT_CSS, with the option padding this list had)
    DEFAULT_CSS = """
    ChoiceList {
        height: auto; color: $foreground; overflow: hidden hidden; padding: 0;
        border: tall $border-blurred; background: $surface;
        & > .choice-list--option { padding: 0 1; }
        & > .choice-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .choice-list--option-hover { background: $block-hover-background; }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .choice-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Selected(OptionMessage):
        """A choice taken by Enter or a click."""

    def __init__(
        self, *choices: Text, id: str | None = None, answer_key: Callable[[events.Key], bool] | None = None
    ) -> None:
        super().__init__(id=id)
        # the keys that answer (y, n, a choice's number), tried first: taken here, not passed up to the answer
        # widget as a message of its own (a task switch, a tenth of a millisecond, between the key and the answer)
        self._answer_key = answer_key
        self._texts: list[Text] = []
        self._wrapped_at: int | None = None
        self._choices: list[list[Text]] = []
        self._lines: list[tuple[int, int]] = []  # (choice, line in it) of each line
        self._index_to_line: list[int] = []
        self._heights: list[int] = []
        # a choice's drawn lines, by its text, place, style and width: kept across questions, so that the
        # choices of the question an answer most likely leads to can be drawn ahead (`draw_ahead`)
        self._cache: dict[tuple[object, ...], list[Strip]] = {}
        # a choice's lines, by its text and the room it wraps in: the choices drawn ahead (`draw_ahead`) are
        # not split into lines again when they are shown and laid out (Rich's Text.split: a tenth of a layout)
        self._split: dict[tuple[object, ...], list[Text]] = {}
        self._keys: list[tuple[object, ...]] = []  # each choice's text as a key
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._pass: tuple[int, dict[str, VisualStyle], Spacing] | None = None
        # the styles of a choice and the option padding the last time the list was drawn with focus: the
        # choices drawn ahead while the list is hidden are drawn in them (it gets focus when it is shown)
        self._focused_styles: tuple[dict[str, VisualStyle], Spacing] | None = None
        self._drawn_at: tuple[object, int] | None = None  # (the terminal's size, the list's width) when last drawn
        self.set_choices(list(choices))

    # ------------------------------------------------------------------ the choices

    def set_choices(self, choices: list[Text]) -> None:
        lines = len(self._lines) if self._wrapped_at else None
        self._texts = choices
        self._keys = [_text_key(text) for text in choices]
        self._wrapped_at = None  # the lines are made again now (at the width known, if any)
        self._hover = None
        if self._highlighted is not None:
            self._highlighted = min(self._highlighted, len(choices) - 1) if choices else None
        width = self.content_region.width
        self._wrap(width)
        # as many lines as before, at the width it has: the same size, nothing to lay out again
        self.refresh(layout=not (width > 0 and lines == len(self._lines)))

    def _wrap(self, width: int) -> None:
        """The choices' lines at `width` (their text comes wrapped to it; a longer line is folded, as
        OptionList would)."""
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        choices = self._wrapped(self._texts, width)
        self._choices = choices
        self._lines = [(index, line) for index, lines in enumerate(choices) for line in range(len(lines))]
        self._heights = [len(lines) for lines in choices]
        self._index_to_line = [sum(self._heights[:index]) for index in range(len(choices))]

    def _wrapped(self, texts: list[Text], width: int) -> list[list[Text]]:
        padding = self.get_component_styles("choice-list--option").padding if self.is_attached else None
        room = max(1, width - (padding.width if padding else 2))
        console = self.app.console if self.is_attached else None
        wraps = console is not None and width > 0
        choices = []
        for text in texts:
            key = (_text_key(text), room, wraps)
            lines = self._split.get(key)
            if lines is None:
                lines = text.split("\n", allow_blank=True)
                if console is not None and wraps and any(line.cell_len > room for line in lines):
                    lines = list(text.wrap(console, room))
                if len(self._split) >= KEPT_CHOICES:
                    self._split.clear()
                self._split[key] = lines
            choices.append(list(lines))
        return choices

    def draw_ahead(self, choices: list[Text], highlighted: int) -> None:
        """Draw, at the width and in the styles the list has now, the lines of `choices` (the choices of
        the question an answer most likely leads to, with `highlighted` highlighted), so that the frame
        that shows them finds them drawn. Changes nothing shown."""
        width = self.content_region.width
        if width <= 0 and self._drawn_at is not None and self._drawn_at[0] == self.app.size:
            width = self._drawn_at[1]  # hidden (another kind of question is shown): the width it had then
        if width <= 0 or not self.is_mounted:
            return
        if not self.has_focus and self._focused_styles is not None:
            styles, padding = self._focused_styles  # as it will be drawn: with focus
        else:
            styles = self.option_styles("choice-list--option")
            padding = self.get_component_styles("choice-list--option").padding
        drawn: list[Strip] = []
        for index, lines in enumerate(self._wrapped(choices, width)):
            style = styles["highlighted" if index == highlighted else ""]
            key = (_text_key(choices[index]), index, style, width, padding)
            drawn += self._drawn(key, lines, index, style, width, padding)
        if self.has_focus:  # and styled, as the list is now (StyledRows): it keeps focus for the next question
            self.style_rows_ahead(drawn)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._texts) - 1)) if self._texts else None
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()

    # ------------------------------------------------------------------ drawing

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._wrap(width)
        return len(self._lines)

    # The drawn choices are not forgotten when the list's styles change (its focus, a theme): they are kept by
    # the style they were drawn in, and the list gets focus back with the styles it had.

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = None  # what every line of this pass shares is worked out once, at its first line
        return super().render_lines(crop)

    def _pass_styles(self) -> tuple[int, dict[str, VisualStyle], Spacing]:
        """(width, the three visual styles of a choice, the option padding) of the lines drawn now."""
        if self._pass is None:
            self._pass = (
                self.content_region.width,
                self.option_styles("choice-list--option"),
                self.get_component_styles("choice-list--option").padding,
            )
            if self.has_focus:
                self._focused_styles = self._pass[1:]
            if self._pass[0] > 0:
                self._drawn_at = (self.app.size, self._pass[0])
        return self._pass

    def content_row(self, y: int) -> Strip | None:
        return self.render_line(y)

    def render_line(self, y: int) -> Strip:
        width, styles, padding = self._pass_styles()
        self._wrap(width)
        try:
            index, line = self._lines[y]
        except IndexError:
            return Strip.blank(width, styles[""].rich_style)
        visual_style = styles[self.option_state(index)]
        key = (self._keys[index], index, visual_style, width, padding)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._drawn(key, self._choices[index], index, visual_style, width, padding)
        return strips[line]

    def _drawn(
        self,
        key: tuple[object, ...],
        lines: list[Text],
        index: int,
        visual_style: VisualStyle,
        width: int,
        padding: Spacing,
    ) -> list[Strip]:
        """One Strip a line: the option's style and its index (for a click) on every segment, the padding and
        the rest of the width in the same style; kept by `key`."""
        strips = self._cache.get(key)
        if strips is not None:
            return strips
        if len(self._cache) >= KEPT_CHOICES:
            self._cache.clear()
        style = visual_style.rich_style + RichStyle.from_meta({"option": index})
        console = self.app.console
        strips = [
            option_strip(text.render(console, end=""), padding.left, text.cell_len, width, style) for text in lines
        ]
        self._cache[key] = strips
        return strips

    # ------------------------------------------------------------------ keys and mouse

    def on_key(self, event: events.Key) -> None:
        if self._answer_key is not None and self._answer_key(event):
            return
        super().on_key(event)

    def action_cursor_up(self) -> None:
        if self._choices:
            self.highlighted = (self._highlighted - 1) % len(self._choices) if self._highlighted is not None else 0
            self._reveal_highlight()

    def action_cursor_down(self) -> None:
        if self._choices:
            self.highlighted = (self._highlighted + 1) % len(self._choices) if self._highlighted is not None else 0
            self._reveal_highlight()

    def action_first(self) -> None:
        self.highlighted = 0
        self._reveal_highlight()

    def action_last(self) -> None:
        self.highlighted = len(self._choices) - 1
        self._reveal_highlight()

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    def option_count(self) -> int:
        return len(self._choices)

    def _reveal_highlight(self) -> None:
        """Scroll the page around the list (the first ancestor that scrolls) to the highlighted choice."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        line, height = self._index_to_line[highlighted], self._heights[highlighted]
        screen_y = self.content_region.y + line
        for ancestor in self.ancestors:
            if isinstance(ancestor, Widget) and ancestor.allow_vertical_scroll:
                y = screen_y - ancestor.content_region.y + int(ancestor.scroll_offset.y)
                ancestor.scroll_to_region(Region(0, y, 1, height), animate=False, immediate=True)
                break


class ChoiceAnswer(AnswerWidget):
    _width = 0

    DEFAULT_CSS = """
    ChoiceAnswer {
        & > ChoiceList { width: 100%; }
    }
    """

    def compose_answer(self) -> ComposeResult:
        self._list = ChoiceList(*self._options(), id="answer-choices", answer_key=self.answer_key)  # kept at hand
        yield self._list

    _prepared: tuple[object, list[Text]] | None = None

    def _options(self) -> list[Text]:
        self._width = width = self._text_width()
        key = (self.question.id, self.question.type, _value_key(self.value), width)
        if self._prepared is not None and self._prepared[0] == key:
            return list(self._prepared[1])
        return self._options_of(self.question, self.value, width)

    def _options_of(self, question: Question, value: object, width: int) -> list[Text]:
        options = []
        for number, choice in enumerate(question.choices, start=1):
            chosen = value is not None and question.choice(value) is choice
            key = _choice_key(question, number, choice)
            options.append(_choice_prompt(number, choice.label, choice.help, chosen, key, width))
        return options

    # the choices' text is made ahead for the question an answer most likely leads to, on screen or not:
    # it changes nothing shown
    PREPARES_ON_SCREEN = True

    def prepare(self, question: Question, value: Any, proposal: Any) -> None:
        """Make the text of `question`'s choices (wrapped to the width they have now), so that showing it
        finds them made."""
        if question.type not in ("bool", "choice") or not self.is_mounted:
            return
        width = self._text_width()
        key = (question.id, question.type, _value_key(value), width)
        self._prepared = (key, self._options_of(question, value, width))
        current = question.choice(value) if value is not None else None
        highlighted = question.choices.index(current) if current is not None else 0
        for choices in self.query(ChoiceList):
            choices.draw_ahead(self._prepared[1], highlighted)

    def _text_width(self) -> int:
        """The width a choice's text wraps to. Read from this widget, whose width is known when it is
        resized (its list's is not laid out yet then, and a guess kept would wrap every line twice)."""
        width = self.content_region.width
        if width <= 0:  # before the first layout: what the layout will give (sidebar, scrollbar, padding)
            screen = self.app.size.width
            width = (screen - 30) * 3 // 5 - 4 if screen >= 100 else screen - 30 - 4
        choices = self.__dict__.get("_list")  # none yet while the widget is still being composed
        gutter = choices.styles.gutter.width if choices is not None else 2  # the list's border
        return width - gutter - 2  # and the option padding

    def on_resize(self) -> None:
        if self._width and self._text_width() != self._width:
            highlighted = self._list.highlighted
            self._list.set_choices(self._options())
            self._list.highlighted = highlighted

    def on_mount(self) -> None:
        self._highlight()

    def load_answer(self) -> None:
        self._list.set_choices(self._options())
        self._highlight()

    def _highlight(self) -> None:
        current = self.question.choice(self.value) if self.value is not None else None
        self._list.highlighted = self.question.choices.index(current) if current is not None else 0

    def _key(self, number: int, choice) -> str:
        return _choice_key(self.question, number, choice)

    def hint(self) -> str:
        if self.question.type == "bool":
            return "y yes · n no · or ↑↓ and Enter"
        return f"1–{min(len(self.question.choices), 9)} to choose · or ↑↓ and Enter"

    def focus_answer(self) -> None:
        for widget in self.query(ChoiceList):  # none yet while the widget is still being composed
            focus(widget, scroll_visible=False)  # the list can be taller than the page: keep the prompt in view

    def on_choice_list_selected(self, event: ChoiceList.Selected) -> None:
        event.stop()
        self.submit(self.question.choices[event.index].value)

    def on_key(self, event: events.Key) -> None:
        self.answer_key(event)

    def answer_key(self, event: events.Key) -> bool:
        """Take `event` if it is a key that answers (y or n for yes/no, a choice's number); say whether it was."""
        key = event.character or ""
        for number, choice in enumerate(self.question.choices, start=1):
            if key and key == self._key(number, choice):
                event.stop()
                event.prevent_default()
                if not self.submit(choice.value):  # taken: the next question is loaded, and highlighted
                    self.query_one(ChoiceList).highlighted = number - 1
                return True
        return False


def _choice_key(question: Question, number: int, choice) -> str:
    if question.type == "bool":
        return "y" if choice.value is True else "n"
    return str(number) if number <= 9 else ""


def _value_key(value: object) -> tuple[type, object]:
    """A value as a cache key: True and 1 are different answers."""
    return (type(value), value)


def _choice_prompt(number: int, label: str, help_text: str, chosen: bool, key: str, width: int) -> Text:
    head = Text(("●" if chosen else "○") + (f" {key}" if key else "  ") + " ", style="bold" if chosen else "")
    head.append(label, style="bold")
    if chosen:
        head.append("  (your answer)", style="italic")
    return hanging(head, help_text, width, 4, "dim")
