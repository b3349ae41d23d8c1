"""What every answer widget shares: the question, the check of a raw answer, the error shown in place.

An answer widget is made once per question type and then `load`ed with each question of that type, so
that going from one question to the next changes text, not widgets (and focus stays where it is)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from questionnaire.app.widgets.kept_arrangement import HeightFreeArrangement
from questionnaire.app.widgets.kept_restyle import restyle
from questionnaire.app.widgets.laid_out import LaidOutSize, LaidOutStatic

if TYPE_CHECKING:
    from questionnaire.bank import Question

Validate = Callable[[object], "tuple[object, str | None]"]
Submit = Callable[[str, Any], None]


def show_text(static: Static, text: Text | Content, *, fixed_width: bool = True) -> None:
    """Show `text` in `static`, unless it shows it already (an update repaints the widget and lays the
    screen out again: after an answer the hint, or the section, is often the same). Without a layout when
    the Static's width is its container's (`fixed_width`) and the old and the new text have as many lines,
    each fitting the width: its size cannot change then."""
    plain = text.plain
    key = (plain, tuple(text.spans), text.style if isinstance(text, Text) else None)
    shown = getattr(static, "_shown_text", None)
    if shown is not None and shown[0] == key:
        return
    width = static.content_region.width
    lines = plain.split("\n")

    def fits(lines: list[str]) -> bool:
        return all(cell_len(line) <= width for line in lines)

    layout = not (
        fixed_width
        and width > 0
        and shown is not None
        and len(shown[1]) == len(lines)
        and fits(shown[1])
        and fits(lines)
    )
    static._shown_text = (key, lines)  # type: ignore[attr-defined]
    static.update(text, layout=layout)


def focus(widget: Widget, *, scroll_visible: bool = True) -> None:
    """Focus `widget` unless it has focus: Widget.focus repaints it and posts the change to the app even
    then (one message more, after every answer that keeps the same kind of answer widget)."""
    if widget.screen.focused is not widget:
        widget.focus(scroll_visible=scroll_visible)


def _displayed(widget: Widget) -> bool:
    """`widget` and all its containers are displayed (its screen aside)."""
    for node in widget.ancestors_with_self:
        if isinstance(node, Screen) or not isinstance(node, Widget):
            break
        if not node.display:
            return False
    return True


class RestyledWhenShown:
    """For an answer widget's focused part (the field, the choice list): when it loses focus because its
    question gives way to another kind of question (its answer widget is hidden as it happens), its styles
    are not worked out again for the blurred look nobody sees (a restyle of the field or the list and their
    component classes: ~1.5 ms of the frame that shows the next question). They are when it gains focus
    again, or, should it be shown without focus, when it is shown; and then put back as they were the last
    time it looked the same (`kept_restyle`), rather than matched against the stylesheet again."""

    _blur_restyle_pending = False

    def watch_has_focus(self, has_focus: bool) -> None:
        if not has_focus and not _displayed(self):  # type: ignore[arg-type]
            self._blur_restyle_pending = True
            return
        self._blur_restyle_pending = False
        restyle(self)  # type: ignore[arg-type]

    def on_show(self) -> None:
        if self._blur_restyle_pending and not self.has_focus:  # type: ignore[attr-defined]
            self._blur_restyle_pending = False
            restyle(self)  # type: ignore[arg-type]


class AnswerField(RestyledWhenShown, Input):
    """The Input of a typed or a licence answer."""

    CONTENT_HEIGHT_FROM_WIDTH = True  # one line (Input.get_content_height): kept_arrangement


class EnteredInField:
    """For an answer typed in a field (TextAnswer, LicensePicker): Enter in the field is taken as the key
    reaches the answer widget, rather than after it has gone up to the screen and come back as the field's
    binding and its Submitted message (seven messages on the way to the next question instead of one).
    The widget gives `entered(text)`."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            field = self.query_one(Input)
            if self.screen.focused is field:
                event.stop()
                event.prevent_default()
                self.entered(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.entered(event.value)


class AnswerWidget(HeightFreeArrangement, LaidOutSize, Vertical):
    """Base of the answer widgets. A value that passes `validate` (the bank's check) goes to `on_answer`,
    at once: the next key press already belongs to the next question."""

    # No border and nothing drawn of its own (its children draw the answer): Textual draws it as blank
    # lines of its background, without styling every line, when a new question redraws the panel.
    BLANK = True

    DEFAULT_CSS = """
    AnswerWidget {
        height: auto;
        & > .answer-error { color: $text-error; text-style: bold; height: auto; display: none; }
        & > .answer-error.-shown { display: block; }
        & > .answer-hint { color: $text-muted; height: auto; }
    }
    """

    def __init__(self, question: Question, value: Any, validate: Validate, on_answer: Submit) -> None:
        super().__init__(classes="answer")
        self.question = question
        self.value = value
        self.validate = validate
        self.on_answer = on_answer
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_answer()
        yield LaidOutStatic("", classes="answer-error", markup=False)
        self._hint_static = LaidOutStatic(Text(self.hint()), classes="answer-hint")  # kept at hand: each load sets it
        yield self._hint_static

    def on_mount(self) -> None:
        if self.display:  # not one made ahead, hidden (QuestionPanel.prepare)
            self.focus_answer()

    def load(self, question: Question, value: Any, validate: Validate, on_answer: Submit) -> None:
        """Ask another question of the same type with this widget."""
        self.question = question
        self.value = value
        self.validate = validate
        self.on_answer = on_answer
        self.show_error(None)
        show_text(self._hint_static, Text(self.hint()))
        self.load_answer()

    def propose(self, proposal: Any) -> None:
        """An answer the core proposes for the next question loaded (`lineage.BaseLicence`, or None).
        Widgets that cannot show one ignore it."""

    # True: `prepare` is also called while the widget asks the question on screen (it changes nothing shown)
    PREPARES_ON_SCREEN = False

    def prepare(self, question: Question, value: Any, proposal: Any) -> None:
        """Hidden, make ready what showing `question` with `value` (and `proposal`) will need; the next
        `propose` and `load` with the same find it done. Widgets with nothing costly to prepare ignore it."""

    def compose_answer(self) -> ComposeResult:  # pragma: no cover - subclasses
        yield from ()

    def load_answer(self) -> None:  # pragma: no cover - subclasses
        pass

    def hint(self) -> str:
        return ""

    def focus_answer(self) -> None:  # pragma: no cover - subclasses
        pass

    def page(self, step: int) -> bool:
        """PgDn (`step` 1) or PgUp (-1) while the answer has focus: page a list of the widget's own and
        say True, or say False when there is nothing (more) to page, and the key moves between questions."""
        return False

    def submit(self, raw: object) -> bool:
        value, error = self.validate(raw)
        self.show_error(error)
        if error is None:
            self.on_answer(self.question.id, value)
        return error is None

    def show_error(self, message: str | None) -> None:
        if message == self.error:
            return
        self.error = message
        for line in self.query(".answer-error").results(Static):
            line.update(Text("✗ " + message) if message else "")
            line.set_class(bool(message), "-shown")
