"""A yes/no or multiple-choice answer: the choices with their own explanations, chosen by arrow keys and
Enter, by number (1-9) or, for yes/no, by y and n; or by a click."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from questionnaire.app.fit import hanging
from questionnaire.app.widgets.answer_base import AnswerWidget


class ChoiceList(OptionList):
    """The list itself: an OptionList whose options wrap under their marker, and which keeps the
    highlighted choice in view when the user moves it and the page around it scrolls (the list is as
    tall as its choices). A highlight set when a question is shown moves nothing: the question opens
    at its prompt."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto; max-height: 999; overflow-y: hidden; padding: 0;
        & > .option-list--option { padding: 0 1; }
    }
    """

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._reveal_highlight()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._reveal_highlight()

    def action_first(self) -> None:
        super().action_first()
        self._reveal_highlight()

    def action_last(self) -> None:
        super().action_last()
        self._reveal_highlight()

    def _reveal_highlight(self) -> None:
        """Scroll the page around the list (the first ancestor that scrolls) to the highlighted choice."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        try:
            line, height = self._index_to_line[highlighted], self._heights[highlighted]
        except (AttributeError, KeyError, IndexError):
            return
        screen_y = self.content_region.y + line - int(self.scroll_offset.y)
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
        yield ChoiceList(*self._options(), id="answer-choices", markup=False)

    def _options(self) -> list[Option]:
        self._width = width = self._text_width()
        options = []
        for number, choice in enumerate(self.question.choices, start=1):
            chosen = self.value is not None and self.question.choice(self.value) is choice
            options.append(
                Option(
                    _choice_prompt(number, choice.label, choice.help, chosen, self._key(number, choice), width),
                    id=f"choice-{number}",
                )
            )
        return options

    def _text_width(self) -> int:
        """The width a choice's text wraps to. Read from this widget, whose width is known when it is
        resized (its list's is not laid out yet then, and a guess kept would wrap every line twice)."""
        width = self.content_region.width
        if width <= 0:  # before the first layout: what the layout will give (sidebar, scrollbar, padding)
            screen = self.app.size.width
            width = (screen - 30) * 3 // 5 - 4 if screen >= 100 else screen - 30 - 4
        lists = self.query(ChoiceList)
        gutter = lists.first().styles.gutter.width if lists else 2  # the list's border
        return width - gutter - 2  # and the option padding

    def on_resize(self) -> None:
        if self._width and self._text_width() != self._width:
            highlighted = self.query_one(ChoiceList).highlighted
            self.query_one(ChoiceList).set_options(self._options())
            self.query_one(ChoiceList).highlighted = highlighted

    def on_mount(self) -> None:
        self._highlight()

    def load_answer(self) -> None:
        self.query_one(ChoiceList).set_options(self._options())
        self._highlight()

    def _highlight(self) -> None:
        current = self.question.choice(self.value) if self.value is not None else None
        self.query_one(ChoiceList).highlighted = self.question.choices.index(current) if current is not None else 0

    def _key(self, number: int, choice) -> str:
        if self.question.type == "bool":
            return "y" if choice.value is True else "n"
        return str(number) if number <= 9 else ""

    def hint(self) -> str:
        if self.question.type == "bool":
            return "y yes · n no · or ↑↓ and Enter"
        return f"1–{min(len(self.question.choices), 9)} to choose · or ↑↓ and Enter"

    def focus_answer(self) -> None:
        for widget in self.query(ChoiceList):  # none yet while the widget is still being composed
            widget.focus(scroll_visible=False)  # the list can be taller than the page: keep the prompt in view

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(self.question.choices[event.option_index].value)

    def on_key(self, event: events.Key) -> None:
        key = event.character or ""
        for number, choice in enumerate(self.question.choices, start=1):
            if key and key == self._key(number, choice):
                event.stop()
                event.prevent_default()
                if not self.submit(choice.value):  # taken: the next question is loaded, and highlighted
                    self.query_one(ChoiceList).highlighted = number - 1
                return


def _choice_prompt(number: int, label: str, help_text: str, chosen: bool, key: str, width: int) -> Text:
    head = Text(("●" if chosen else "○") + (f" {key}" if key else "  ") + " ", style="bold" if chosen else "")
    head.append(label, style="bold")
    if chosen:
        head.append("  (your answer)", style="italic")
    return hanging(head, help_text, width, 4, "dim")
