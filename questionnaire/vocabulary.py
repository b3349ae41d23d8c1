"""The words of the tool, written once: tiers, access, components, licence tags.

Every presenter (the text report, the exports, what if, compare, the app) takes its words from here, so a
tier, an access or a component reads the same everywhere and a sentence built from a component name
agrees with it ("the final weights are released", "the model card is released"). Pure data and small
functions; it imports nothing of the classifier. Core: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------- tiers

TIERS: tuple[str, ...] = ("open-source", "open-weight", "partially-open", "closed")  # most open first
TIER_WORDS = {  # each tier in a sentence; titles and headings derive from these
    "open-source": "open source",
    "open-weight": "open-weight",
    "partially-open": "partially open",
    "closed": "closed",
}
TIER_TITLES = {tier: words[:1].upper() + words[1:] for tier, words in TIER_WORDS.items()}  # Open source
TIER_HEADINGS = {tier: words.upper() for tier, words in TIER_WORDS.items()}  # OPEN SOURCE
TIER_SUMMARIES = {
    "open-source": "Meets the Open Source AI Definition 1.0: weights, code and data information are open.",
    "open-weight": "The final weights are open; code or data information is missing for open source.",
    "partially-open": "Some parts are released, but the weights are not downloadable by anyone under open terms.",
    "closed": "No weights, code or datasets are released.",
}
TIER_STYLES = {  # the colour of each tier wherever the app writes it (Rich styles)
    "open-source": "bold green",
    "open-weight": "bold cyan",
    "partially-open": "bold yellow",
    "closed": "bold red",
}
TIER_COLOURS = {  # the badge's colours: white text on each is above 4.5:1 contrast
    "open-source": "#1e7b1e",
    "open-weight": "#1f6fb2",
    "partially-open": "#9a6700",
    "closed": "#c0392b",
}


def tier_rank(tier: str) -> int:
    """0 for closed up to 3 for open source: a larger number is more open."""
    return len(TIERS) - 1 - TIERS.index(tier)


# ---------------------------------------------------------------- access


@dataclass(frozen=True)
class Access:
    words: str  # after a component: "the training code is downloadable by anyone"
    gate: str  # after a verb of placing: "putting the weights behind an approval gate"
    with_: str  # after a licence: "releasing the training code under MIT with an approval gate"
    mark: str  # a compare cell's mark: "(gated)"; "" for none
    short: str  # a legend's or a label's word: "approval gate"


ACCESS: dict[str, Access] = {
    "public": Access("downloadable by anyone", "downloadable by anyone", "a public download", "", "public"),
    "click_through": Access(
        "behind a click-through gate", "behind a click-through", "a click-through", "(click)", "click-through"
    ),
    "approval": Access(
        "behind an approval gate", "behind an approval gate", "an approval gate", "(gated)", "approval gate"
    ),
    "on_request": Access(
        "available only on request", "available only on request", "access only on request", "(request)", "on request"
    ),
    "none": Access("not downloadable", "not downloadable", "no download", "", "not downloadable"),
}
NOT_ANSWERED = Access(
    "access not answered", "access not answered", "an access not answered", "(access?)", "access not answered"
)
"""An access that is not answered: never taken for public."""
CLICK_THROUGH_ACCEPTS = {  # after "behind a click-through"
    "license_only": "of the licence alone",
    "extra_terms": "with extra terms",
}


def access(value: str | None) -> Access:
    """The words for an access answer; an unanswered (or unknown) one reads as not answered."""
    return ACCESS.get(value or "", NOT_ANSWERED)


# ---------------------------------------------------------------- components


@dataclass(frozen=True)
class ComponentWords:
    short: str  # a table row: "Weights (final)"
    phrase: str  # in a sentence, after "the": "final weights"
    plural: bool  # "the final weights are", "the model card is"

    @property
    def the(self) -> str:
        return f"the {self.phrase}"

    @property
    def is_(self) -> str:
        return "are" if self.plural else "is"

    @property
    def has(self) -> str:
        return "have" if self.plural else "has"


COMPONENTS: dict[str, ComponentWords] = {  # in the order the questionnaire asks about them
    "model_parameters_final": ComponentWords("Weights (final)", "final weights", True),
    "model_parameters_intermediate": ComponentWords("Intermediate weights", "intermediate checkpoints", True),
    "model_metadata": ComponentWords("Model metadata", "model metadata", False),
    "model_architecture": ComponentWords("Model architecture", "model architecture code", False),
    "training_code": ComponentWords("Training code", "training code", False),
    "inference_code": ComponentWords("Inference code", "inference code", False),
    "evaluation_code": ComponentWords("Evaluation code", "evaluation code", False),
    "data_preprocessing_code": ComponentWords("Data preprocessing", "data preprocessing code", False),
    "supporting_libraries": ComponentWords("Supporting libraries", "supporting libraries and tools", True),
    "datasets": ComponentWords("Datasets", "training datasets", True),
    "evaluation_data": ComponentWords("Evaluation data", "evaluation data", False),
    "model_card": ComponentWords("Model card", "model card", False),
    "data_card": ComponentWords("Data card", "data card", False),
    "technical_report": ComponentWords("Technical report", "technical report", False),
    "research_paper": ComponentWords("Research paper", "research paper", False),
    "evaluation_results": ComponentWords("Evaluation results", "evaluation results", True),
    "sample_model_outputs": ComponentWords("Sample outputs", "sample model outputs", True),
}


def component(key: str) -> ComponentWords:
    return COMPONENTS[key]


def the(key: str) -> str:
    """'the final weights', 'the training code'."""
    return COMPONENTS[key].the


def is_(key: str) -> str:
    """'are' for a component named in the plural, else 'is'."""
    return COMPONENTS[key].is_


def the_is(key: str) -> str:
    """'the final weights are', 'the model card is'."""
    return f"{the(key)} {is_(key)}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 change', '3 changes'."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


# ---------------------------------------------------------------- data information

DATA_ITEMS = {  # OSAID's data-information items, in a sentence
    "description": "the description of the training data",
    "public_list": "the list of public training data",
    "third_party_list": "the list of third-party training data",
}

# ---------------------------------------------------------------- licence tags

TERM_TAGS = {  # a licence clause that stands in the way of open terms, as a short tag
    "commercial_use": "non-commercial",
    "derivatives": "no derivatives",
    "redistribution": "no redistribution",
    "use_restrictions": "use restrictions",
    "threshold": "threshold",
    "regional_exclusion": "regional exclusion",
    "revocation": "revocable",
    "output_restriction": "output limits",
    "product_specific": "one product only",
}
NOT_AN_OPEN_FAMILY = "not OSI-approved"
"""The tag of a licence with no restricting clause that is neither OSI-approved nor an open data or content
licence nor OpenMDW (MIT-CMU, Apache-1.0, BSD-4-Clause): what keeps it from open terms."""
OPEN_TAG = "open"
NOT_OPEN_TAG = "not open"  # where there is no room to say why


def licence_tags(license: Any) -> tuple[str, ...]:
    """What keeps a licence (questionnaire.licenses.License) from open terms, as short tags, most telling
    first: its clauses ("non-commercial", "use restrictions", "threshold", ...), else "not OSI-approved"
    when it is not of an open family; ("open",) when its terms are open."""
    if license.open_terms:
        return (OPEN_TAG,)
    tags = tuple(TERM_TAGS[key] for key in license.unfavourable_terms)
    if not tags and license.kind == "expression":
        tags = tuple(dict.fromkeys(t for part in license.parts for t in licence_tags(part) if t != OPEN_TAG))
    return tags or (NOT_AN_OPEN_FAMILY,)


def licence_tag(license: Any) -> str:
    """One tag for a list row: the first of `licence_tags`, with '+N' for the others."""
    tags = licence_tags(license)
    return tags[0] + (f" +{len(tags) - 1}" if len(tags) > 1 else "")


__all__ = [
    "TIERS",
    "TIER_WORDS",
    "TIER_TITLES",
    "TIER_HEADINGS",
    "TIER_SUMMARIES",
    "TIER_STYLES",
    "TIER_COLOURS",
    "tier_rank",
    "Access",
    "ACCESS",
    "NOT_ANSWERED",
    "CLICK_THROUGH_ACCEPTS",
    "access",
    "ComponentWords",
    "COMPONENTS",
    "component",
    "the",
    "is_",
    "the_is",
    "capital",
    "join",
    "count",
    "DATA_ITEMS",
    "TERM_TAGS",
    "NOT_AN_OPEN_FAMILY",
    "OPEN_TAG",
    "NOT_OPEN_TAG",
    "licence_tags",
    "licence_tag",
]
