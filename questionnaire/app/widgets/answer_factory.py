"""One factory from question type to answer widget: the form is built from the bank, never by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questionnaire.app.widgets.answer_base import AnswerWidget, Submit, Validate
from questionnaire.app.widgets.choice_answer import ChoiceAnswer
from questionnaire.app.widgets.license_picker import LicensePicker
from questionnaire.bank_model import FREE_TEXT_TYPES

if TYPE_CHECKING:
    from questionnaire.bank import Question

WIDGETS: dict[str, type[AnswerWidget]] = {  # every type of bank_model.QUESTION_TYPES
    # typed (text, url, email, contact, number) and licences: one widget, one field (see license_picker)
    **{kind: LicensePicker for kind in FREE_TEXT_TYPES},
    "bool": ChoiceAnswer,
    "choice": ChoiceAnswer,
    "license": LicensePicker,
}


def widget_class(question: Question) -> type[AnswerWidget]:
    try:
        return WIDGETS[question.type]
    except KeyError:
        raise ValueError(f"no answer widget for question type {question.type!r}") from None


def answer_widget(question: Question, value: Any, validate: Validate, on_answer: Submit) -> AnswerWidget:
    """The widget that asks `question`, showing `value` (the current answer, or None)."""
    return widget_class(question)(question, value, validate, on_answer)
