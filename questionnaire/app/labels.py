"""Short names for questions and readable answers, derived from the bank (no wording of our own beyond
the field names of the component template); the tier words come from `questionnaire.vocabulary`. No
Textual here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questionnaire.ids import component_prefix
from questionnaire.text import one_line
from questionnaire.vocabulary import TIER_STYLES, TIER_SUMMARIES, TIER_TITLES, TIER_WORDS

if TYPE_CHECKING:
    from questionnaire.bank import Question

__all__ = [
    "TIER_STYLES",
    "TIER_SUMMARIES",
    "TIER_TITLES",
    "TIER_WORDS",
    "component_name",
    "field_label",
    "short_label",
    "format_answer",
]

_COMPONENT_FIELDS = {
    "released": "released?",
    "location": "where",
    "license": "licence",
    "access": "access",
    "click_through_terms": "click-through terms",
}


def component_name(key: str) -> str:
    from questionnaire.components import BY_KEY

    component = BY_KEY.get(key)
    return component.mot_name if component is not None else key.replace("_", " ")


def field_label(question: Question) -> str:
    """The question's own part of its id, in words: 'licence', 'terms: commercial use', 'Name'."""
    if question.component:
        rest = question.id.removeprefix(component_prefix(question.component))
        if rest.startswith("terms."):
            return "terms: " + rest.removeprefix("terms.").replace("_", " ")
        return _COMPONENT_FIELDS.get(rest, rest.replace("_", " "))
    parent, _, last = question.id.rpartition(".")
    if parent.endswith("_terms"):  # data_information.description_terms.commercial_use
        item = parent.rsplit(".", 1)[-1].removesuffix("_terms").replace("_", " ")
        return f"{item[:1].upper() + item[1:]} licence terms: {last.replace('_', ' ')}"
    words = last.replace("_", " ").replace("license", "licence")
    if words.startswith("is "):
        words = words.removeprefix("is ") + "?"
    return words[:1].upper() + words[1:]


def short_label(question: Question) -> str:
    """A name that stands alone, for tables: 'Training code: licence', 'Name'."""
    if question.component:
        return f"{component_name(question.component)}: {field_label(question)}"
    return field_label(question)


def format_answer(question: Question, value: Any) -> str:
    """An answer as the user would say it; '' when unanswered. Always one line, control codes escaped."""
    if value is None:
        return ""
    if question.type in ("bool", "choice"):
        choice = question.choice(value)
        return one_line(choice.label if choice is not None else value)
    if value == "":
        return "no licence" if question.type == "license" else "(left empty)"
    return one_line(value)
