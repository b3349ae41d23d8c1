"""One question: where it sits, its prompt, and the widget that takes the answer.

The answer widgets are made on first use, one per kind, and reused: the next question of the same kind
only changes their text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from questionnaire.app.widgets.answer_base import AnswerWidget, Submit, Validate, show_text
from questionnaire.app.widgets.answer_factory import answer_widget, widget_class
from questionnaire.app.widgets.kept_arrangement import HeightFreeArrangement
from questionnaire.app.widgets.laid_out import LaidOutSize, LaidOutStatic

if TYPE_CHECKING:
    from textual.widget import Widget

    from questionnaire.bank import Question


def scroll_home(widget: Widget) -> None:
    """Scroll `widget` to its top, unless it is there and going nowhere else (scroll_home would otherwise
    post a callback for after the next refresh to scroll it nowhere: one message more per question, for
    each of the three scrolling parts of the question screen)."""
    if widget.scroll_y or widget.scroll_target_y or widget.scroll_x or widget.scroll_target_x:
        widget.scroll_home(animate=False)


def _prompt(question: Question) -> Text:
    """The question's prompt, a red star after it when an answer is required."""
    prompt = Text(question.prompt)
    if question.required:
        prompt.append(" *", style="bold red")
    return prompt


class QuestionPanel(HeightFreeArrangement, LaidOutSize, VerticalScroll):
    BLANK = True  # no border, no content of its own (see AnswerWidget.BLANK); its scrollbar draws itself
    DEFAULT_CSS = """
    QuestionPanel {
        height: auto; padding: 0 1 0 1;
        & > #question-head { margin: 0 0 1 0; }
        & > AnswerWidget { margin-bottom: 1; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.answer: AnswerWidget | None = None
        self._made: dict[type[AnswerWidget], AnswerWidget] = {}
        self._head: tuple[str, Text] | None = None
        self._head_made: tuple[tuple[object, ...], Content] | None = None  # the last head made (_head_text)

    def compose(self) -> ComposeResult:
        # where the question sits (muted) and its prompt (bold): one widget, one line each or more
        self._head_static = LaidOutStatic("", id="question-head", markup=False)  # kept at hand: every answer sets it
        yield self._head_static

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        if self._head is not None:
            self._show_head(*self._head)

    def _head_text(self, where: str, prompt: Text) -> Content:
        """The section line, muted as `color: $text-muted` would colour it (a Content style cannot name
        that variable: its value, "auto 60%" in most themes, is used), then the prompt in bold. Kept for
        the head made ready ahead (`prepare`), which the next `show` then finds made."""
        muted = self.app.theme_variables.get("text-muted", "auto 60%")
        key = (where, prompt.plain, tuple(prompt.spans), muted)
        if self._head_made is not None and self._head_made[0] == key:
            return self._head_made[1]
        head = Content.assemble((where, muted), "\n", Content.from_rich_text(prompt).stylize_before("bold"))
        self._head_made = (key, head)
        return head

    def _show_head(self, where: str, prompt: Text) -> None:
        self._head = (where, prompt)
        show_text(self._head_static, self._head_text(where, prompt))

    def show(
        self, question: Question, value: Any, validate: Validate, on_answer: Submit, *, where: str, proposal: Any = None
    ) -> AnswerWidget:
        """Ask `question`; `proposal` is an answer the core proposes for it (shown by the licence picker)."""
        self._show_head(where, _prompt(question))
        kind = widget_class(question)
        widget = self._made.get(kind)
        if widget is not None and not widget.is_mounted:
            # made ahead (prepare), still being mounted: made anew, and that one removed once it is mounted
            # (removed now, its Mount still comes, to a widget whose parts are gone: its handlers fail)
            widget.call_later(widget.remove)
            widget = None
        if widget is None:
            widget = self._made[kind] = answer_widget(question, value, validate, on_answer)
            widget.propose(proposal)
            self.mount(widget)
        else:
            widget.propose(proposal)
            widget.load(question, value, validate, on_answer)
            widget.focus_answer()
        for other in self._made.values():
            other.display = other is widget
        self.answer = widget
        scroll_home(self)
        return widget

    def prepare(
        self,
        question: Question,
        value: Any,
        validate: Validate,
        on_answer: Submit,
        *,
        where: str,
        proposal: Any = None,
    ) -> None:
        """Make ready, hidden, the widget that would ask `question` (the question an answer most likely
        leads to), so that showing it then costs less: made and mounted if it is the first of its kind, else
        told to prepare (the licence picker makes its default list). Never the widget on screen. The
        question's head is drawn ahead too (the head on screen does not change)."""
        self._head_static.draw_ahead(self._head_text(where, _prompt(question)))
        kind = widget_class(question)
        widget = self._made.get(kind)
        if widget is None:
            widget = self._made[kind] = answer_widget(question, value, validate, on_answer)
            widget.propose(proposal)
            widget.display = False
            self.mount(widget)
        elif widget is not self.answer or widget.PREPARES_ON_SCREEN:
            widget.prepare(question, value, proposal)
