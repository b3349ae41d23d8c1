"""A typed answer (text, web address, email, contact, number): checked when submitted, then again as it
is corrected.

A web address typed without https:// is refused (the bank's rule), with an offer: Enter again uses the
address with https:// in front. A contact (an email address or a web page) that is neither gets the same
offer when it would make a web address of it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from questionnaire.app.widgets.answer_base import AnswerField, AnswerWidget, EnteredInField, focus
from questionnaire.app.widgets.text_field import text_field
from questionnaire.text import MAX_ANSWER_LENGTH

_TYPES = {
    "url": "a web address starting with https://",
    "email": "an email address",
    "contact": "an email address, or a web page starting with https://",
    "number": "a number such as 3.8e25, or unknown",
}


class TextAnswer(EnteredInField, AnswerWidget):
    DEFAULT_CSS = """
    TextAnswer {
        & > Input { width: 100%; margin-bottom: 0; }
    }
    """

    offer: tuple[str, str] | None = None  # (the address as typed, the same with https://)

    def compose_answer(self) -> ComposeResult:
        yield self.answer_field(_shown(self.value), self.question.placeholder or self.question.example or "")

    def answer_field(self, value: str, placeholder: str) -> AnswerField:
        """The field an answer is typed in, as long as an answer may be (kept at hand: each load sets it)."""
        self._field = text_field(
            self.app,
            MAX_ANSWER_LENGTH,
            kind=AnswerField,
            value=value,
            placeholder=placeholder,
            id="answer-input",
            select_on_focus=False,
        )
        return self._field

    def load_answer(self) -> None:
        self.offer = None
        field = self._field
        field.placeholder = self.question.placeholder or self.question.example or ""
        field.value = _shown(self.value)
        field.cursor_position = len(field.value)

    def hint(self) -> str:
        what = _TYPES.get(self.question.type, "")
        if self.question.required:
            return f"Required{': ' + what if what else ''}. Enter to continue."
        return f"Optional{': ' + what if what else ''}. Enter to continue; leave it empty to skip."

    def focus_answer(self) -> None:
        for widget in self.query(Input):  # none yet while the widget is still being composed
            focus(widget)

    def entered(self, raw: str) -> None:
        """The field's text, Enter pressed."""
        if self.offer is not None and raw == self.offer[0]:
            field = self.query_one(Input)
            field.value = raw = self.offer[1]
            field.cursor_position = len(raw)
        self.offer = None
        if not self.submit(raw) and self.question.type in ("url", "contact"):
            with_scheme = "https://" + raw.strip()
            if "://" not in raw and "@" not in raw and self.validate(with_scheme)[1] is None:
                self.offer = (raw, with_scheme)
                self.show_error(f"{self.error} Press Enter again to use {with_scheme}")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.error is not None:  # once a problem is shown, follow the correction as it is typed
            self.offer = None
            _, error = self.validate(event.value)
            self.show_error(error)


def _shown(value: object) -> str:
    """An answer as the field shows it: text as it is, a number as Python writes it (3.8e+25, 100000: both
    read back)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return value if isinstance(value, str) else repr(value)
