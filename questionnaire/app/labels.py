"""Short names for questions and readable answers, derived from the bank (no wording of our own beyond
the field names of the component template). No Textual here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questionnaire.rules import TIER_WORDS
from questionnaire.text import one_line

if TYPE_CHECKING:
    from questionnaire.bank import Question

TIER_TITLES = {tier: words[:1].upper() + words[1:] for tier, words in TIER_WORDS.items()}  # Open source
TIER_SUMMARIES = {
    "open-source": "Meets the Open Source AI Definition 1.0: weights, code and data information are open.",
    "open-weight": "The final weights are open; code or data information is missing for open source.",
    "partially-open": "Some parts are released, but the weights are not downloadable by anyone under open terms.",
    "closed": "No weights, code or datasets are released.",
}
TIER_STYLES = {  # the colour of each tier wherever it is written in text
    "open-source": "bold green",
    "open-weight": "bold cyan",
    "partially-open": "bold yellow",
    "closed": "bold red",
}
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
        rest = question.id.removeprefix(f"components.{question.component}.")
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
