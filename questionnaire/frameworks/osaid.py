"""OSI's Open Source AI Definition 1.0 (openness.md section 3), as our ruleset reads it (section 7).

The Parameters: the final weights released, downloadable by anyone without approval, under open terms
(a fine-tune's weights also under its base model's terms). The Code: the model architecture, training,
inference and data preprocessing code, and the supporting libraries where used, under OSI-approved
licences. The Data Information: the datasets under open terms, or the three data-information items (a
fine-tune's base model's data information too). The requirement ids of the Parameters start with
"weights-": the tier policy (`questionnaire.rules`) reads them for the open-weight tier.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from questionnaire import ids, vocabulary
from questionnaire.frameworks import Framework, FrameworkVerdict, Requirement, remembered
from questionnaire.release import (
    BASE_LICENSE_REFS,
    DATASETS,
    WEIGHTS,
    ComponentState,
    Release,
    component_refs,
    component_restrictions,
    now_access,
)
from questionnaire.text import REMEMBERED_LENGTH

CODE = ("model_architecture", "training_code", "inference_code", "data_preprocessing_code", "supporting_libraries")
WEIGHTS_PREFIX = "weights-"  # the Parameters' requirement ids
NONE_USED = {
    "public_list": "Publicly available training data",
    "third_party_list": "Training data obtainable from third parties",
}
DATA_ITEMS = {  # the text of each data-information requirement and what to do
    "description": (
        "A complete description of all training data is published under open terms",
        "publish a complete description of all training data (provenance, selection, processing) under open terms",
    ),
    "public_list": (
        "The list of publicly available training data is published",
        "publish the list of publicly available training data and where to get it",
    ),
    "third_party_list": (
        "The list of training data obtainable from third parties is published",
        "publish the list of training data obtainable from third parties and where to get it",
    ),
}
OPEN_TERMS_EXAMPLES = "such as Apache-2.0, MIT, CC-BY-4.0 or OpenMDW-1.0"


def weights_requirements(weights: ComponentState) -> list[Requirement]:
    """The Parameters: released, downloadable by anyone, under open terms, and for a fine-tune its base
    model's weights under open terms. Each is there whether or not the weights are released, so that what
    open-weight needs is always the unmet ones."""
    refs = component_refs(WEIGHTS)
    out = [
        Requirement(
            "weights-released",
            "The final weights (model parameters) are released",
            weights.available,
            "release the final weights (model parameters)",
            refs[:1],
        )
    ]
    if weights.available:
        downloadable = (
            f"let anyone download the final weights without approval ({now_access(weights)}; "
            "a click-through of open terms is fine)"
        )
    else:
        downloadable = "let anyone download the final weights without approval (a click-through of open terms is fine)"
    out.append(
        Requirement(
            "weights-downloadable",
            "Anyone can download the final weights without approval",
            weights.downloadable,
            downloadable,
            refs[2:3],
        )
    )
    if weights.available and weights.license is not None and weights.license.open_terms:  # the gate is the problem
        if weights.click_through_terms is None:
            action = (
                f"answer what people accept at the click-through of the final weights: only their licence "
                f"({weights.license_label}) keeps open terms; extra terms such as an acceptable use policy "
                "do not"
            )
        else:
            action = (
                f"let people get the final weights by accepting only their licence ({weights.license_label}): "
                "drop the extra terms of the click-through, such as an acceptable use policy"
            )
        refs_terms = component_refs(WEIGHTS, ids.ACCESS, ids.CLICK_THROUGH_TERMS)
    elif weights.available:
        action = (
            f"license the final weights under open terms, {OPEN_TERMS_EXAMPLES} (now {weights.license_label}: "
            f"{', '.join(component_restrictions(weights))})"
        )
        refs_terms = refs[1:2]
    else:
        action = f"license the final weights under open terms, {OPEN_TERMS_EXAMPLES}"
        refs_terms = refs[1:2]
    out.append(
        Requirement(
            "weights-open-terms", "The final weights are under open terms", weights.own_open_terms, action, refs_terms
        )
    )
    base = weights.bound_by
    if base is not None:
        out.append(
            Requirement(
                "weights-base-open-terms",
                "The base model's weights are under open terms (a fine-tune's weights are bound by them)",
                base.open_terms,
                f"{base.action()} ({base.binding()})",
                BASE_LICENSE_REFS,
            )
        )
    return out


def _weights_requirements(weights: ComponentState) -> tuple[Requirement, ...]:
    return tuple(weights_requirements(weights))


def _code_requirement(state: ComponentState) -> Requirement:
    key = state.key
    the = vocabulary.the(key)
    if not state.available:
        action = f"release {the} under an OSI-approved licence such as Apache-2.0 or MIT"
    elif not state.osi:
        action = f"relicense {the} under an OSI-approved licence (now {state.license_label})"
    else:
        action = f"make {the} downloadable without approval ({now_access(state)})"
    return Requirement(
        f"code-{key}",
        vocabulary.capital(f"{vocabulary.the_is(key)} released under an OSI-approved licence"),
        state.downloadable and state.osi,
        action,
        component_refs(key),
    )


def _facts(release: Release) -> tuple:
    """All that this framework reads of a release, frozen: the states of the final weights (its base model
    with it), the code components and the datasets, whether supporting libraries are used, the data
    information and the base model; and the type of each licence string (1 == 1.0, but they read apart)."""
    states = tuple(release.components[key] for key in (WEIGHTS, DATASETS, *CODE))
    return (
        states,
        tuple(type(state.license_text) for state in states),
        release.supporting_libraries_used,
        release.data_items,
        release.base,
    )


def _remembered(make: Any, state: ComponentState) -> Any:
    """`make(state)`, made once per process for an equal state whose licence string is written alike (1 and
    1.0 are equal, but named apart): the verdicts of a batch share most components' states. Only for a short
    licence string, so that what is remembered stays small whatever the files hold."""
    shown = repr(state.license_text)
    if len(shown) > REMEMBERED_LENGTH:
        return make(state)
    try:
        return _made(make, state, shown)
    except TypeError:  # unhashable: made afresh
        return make(state)


@lru_cache(maxsize=1024)
def _made(make: Any, state: ComponentState, license_repr: str) -> Any:
    return make(state)


def _evaluate(release: Release) -> FrameworkVerdict:
    requirements = list(_remembered(_weights_requirements, release.components[WEIGHTS]))
    for key in CODE:
        if key == "supporting_libraries" and not release.supporting_libraries_used:
            continue
        requirements.append(_remembered(_code_requirement, release.components[key]))
    datasets = release.components[DATASETS]
    datasets_open = datasets.downloadable and datasets.open_terms
    for item in release.data_items:
        text, action = DATA_ITEMS[item.key]
        if item.state == "none_used":  # nothing to list: met, and said as the publisher answered it
            text = f"{NONE_USED[item.key]}: none used, so there is no list to publish"
        refs = (ids.data_item(item.key), ids.data_license(item.key)) + component_refs(DATASETS)[:2]
        requirements.append(Requirement(f"data-{item.key}", text, datasets_open or item.satisfied, action, refs))
    if release.base is not None:
        requirements.append(
            Requirement(
                "data-base-model",
                "The base model's training data is described as OSAID asks, under open terms",
                release.base.data_information,
                "choose a base model whose training data is described as OSAID asks (a complete description and the "
                "lists of its public and third-party data, under open terms), such as OLMo or Pythia",
                (ids.BASE_DATA_INFORMATION, ids.BASE_MODEL),
            )
        )
    return FRAMEWORK.all_of(requirements)


# The verdict, worked out once per set of facts (`_facts`): the records of a batch share many.
evaluate: Callable[[Release], FrameworkVerdict] = remembered(_facts, _evaluate)


FRAMEWORK = Framework(
    id="osaid",
    title="Open Source AI Definition 1.0",
    short_title="OSAID 1.0",
    url="https://opensource.org/ai/open-source-ai-definition",
    order=10,
    evaluate=evaluate,
)
