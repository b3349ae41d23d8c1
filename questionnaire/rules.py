"""The classifier: our ruleset (openness.md section 7) over a release's answers.

Pure and deterministic: `classify(answers)` gives the same `Classification` for the same answers. The
release is read once (`questionnaire.release`), every framework module judges it
(`questionnaire.frameworks`), and this module decides the tier from those verdicts: it is the tier policy,
so it may name the frameworks it rests on. Each tier asks for a set of requirements (partially open:
something released; open-weight: the Parameters of OSAID 1.0; open source: all of OSAID 1.0), the tier is
the most open one whose requirements hold, and the step to the next tier is the actions of that tier's
unmet requirements, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from questionnaire import frameworks, vocabulary
from questionnaire.components import BY_KEY, TERM_KEYS
from questionnaire.frameworks import FrameworkVerdict, Requirement
from questionnaire.frameworks.osaid import WEIGHTS_PREFIX
from questionnaire.ids import ACCESS, CLICK_THROUGH_TERMS, LICENSE, RELEASED, component, data_license, data_term, term
from questionnaire.release import (
    BASE_LICENSE_REFS,
    CHECKPOINTS,
    DATASETS,
    WEIGHTS,
    Release,
    component_refs,
    read_release,
)
from questionnaire.vocabulary import TIER_WORDS, TIERS

RULESET_VERSION = "2.0"  # 2.0: fine-tunes bound by their base, click-through terms, checkpoints, access never assumed
TIER_FRAMEWORK = "osaid"  # the framework whose requirements make the open-weight and open-source tiers


@dataclass(frozen=True)
class Reason:
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextTier:
    tier: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Classification:
    tier: str
    reasons: tuple[Reason, ...]
    frameworks: tuple[FrameworkVerdict, ...]
    next_tier: NextTier | None
    warnings: tuple[str, ...] = field(default=())

    def framework(self, framework_id: str) -> FrameworkVerdict:
        """The verdict of one framework; KeyError naming the known ids when there is none."""
        for verdict in self.frameworks:
            if verdict.id == framework_id:
                return verdict
        raise KeyError(f"no framework {framework_id!r}; the frameworks are: {', '.join(v.id for v in self.frameworks)}")


# ---------------------------------------------------------------- the tier


def classify(answers: Mapping[str, Any]) -> Classification:
    return classify_release(read_release(answers))


def _released_something(release: Release) -> Requirement:
    """Partially open asks for something substantive: the final weights, checkpoints, code or datasets."""
    something = any(
        state.available and (key in (WEIGHTS, CHECKPOINTS, DATASETS) or BY_KEY[key].content_type == "code")
        for key, state in release.components.items()
    )
    return _released_something_requirement(something)


@lru_cache(maxsize=2)
def _released_something_requirement(met: bool) -> Requirement:
    return Requirement(
        "released-something",
        "The final weights, the intermediate checkpoints, some code or the datasets are released",
        met,
        "release the final weights (model parameters), on any terms (or the intermediate checkpoints, any code "
        "component, or the datasets)",
        tuple(component(key, RELEASED) for key in (WEIGHTS, "training_code", DATASETS)),
    )


def tier_requirements(release: Release, verdicts: tuple[FrameworkVerdict, ...]) -> dict[str, tuple[Requirement, ...]]:
    """What each tier above closed asks for."""
    osaid = next(v for v in verdicts if v.id == TIER_FRAMEWORK)
    return {
        "partially-open": (_released_something(release),),
        "open-weight": tuple(r for r in osaid.requirements if r.id.startswith(WEIGHTS_PREFIX)),
        "open-source": osaid.requirements,
    }


def classify_release(release: Release) -> Classification:
    verdicts = frameworks.evaluate(release)
    asks = tier_requirements(release, verdicts)
    tier = next((t for t in TIERS[:-1] if all(r.met for r in asks[t])), "closed")
    above = TIERS[TIERS.index(tier) - 1] if tier != TIERS[0] else None
    next_tier = None if above is None else NextTier(above, tuple(r.action for r in asks[above] if not r.met))
    reasons = _tier_reasons(tier, release, asks) + _term_reasons(release)
    warnings = list(release.warnings)
    for state in release.components.values():
        if state.available and state.license is not None and getattr(state.license, "verify", False):
            warnings.append(
                f"{state.name}: some facts of {state.license.name} come from secondary sources; "
                "confirm them against the licence text"
            )
    return Classification(tier, tuple(reasons), verdicts, next_tier, tuple(dict.fromkeys(warnings)))


def _tier_reasons(tier: str, release: Release, asks: dict[str, tuple[Requirement, ...]]) -> list[Reason]:
    c = release.components
    weights = c[WEIGHTS]
    weights_refs = component_refs(WEIGHTS)
    base = weights.bound_by
    base_note = "" if base is None else f"; so is the base model's licence ({base.license_label})"
    if tier == "open-source":
        return [
            Reason(
                f"OSAID 1.0 is met: the final weights are open ({weights.license_label}{base_note}), the code "
                "is under OSI-approved licences and the data information is complete",
                weights_refs,
            )
        ]
    if tier == "open-weight":
        reasons = [
            Reason(
                f"The final weights are {vocabulary.access(weights.access).words} under open terms "
                f"({weights.license_label}{base_note})",
                weights_refs + (BASE_LICENSE_REFS[:1] if base else ()),
            )
        ]
        reasons += [Reason(f"Not open source: “{r.text}” is not met", r.refs) for r in asks["open-source"] if not r.met]
        return reasons
    if tier == "closed":
        return [
            Reason(
                "No weights, code or datasets are released; documents alone (a paper, a model card) do not "
                "make a release open",
                asks["partially-open"][0].refs,
            )
        ]
    available = [key for key, state in c.items() if state.available]
    parts = [vocabulary.the(key) for key in (WEIGHTS, CHECKPOINTS) if key in available]
    parts += [vocabulary.the(key) for key in available if BY_KEY[key].content_type == "code"]
    parts += [vocabulary.the(DATASETS)] if DATASETS in available else []
    reasons = [Reason(f"Released: {vocabulary.join(parts)}", tuple(component(key, RELEASED) for key in available))]
    for req in asks["open-weight"]:
        if req.met:
            continue
        if req.id == "weights-released" and c[CHECKPOINTS].available:
            reasons.append(
                Reason(
                    "Not open-weight: the final weights are not released; intermediate checkpoints "
                    "alone do not count as the weights (OWD criterion 2)",
                    req.refs + (component(CHECKPOINTS, RELEASED),),
                )
            )
        elif req.id == "weights-released":
            reasons.append(Reason("Not open-weight: the final weights are not released", req.refs))
        elif not weights.available:
            continue  # unreleased weights are neither downloadable nor licensed: "not released" says it all
        elif req.id == "weights-base-open-terms" and base is not None:
            reasons.append(
                Reason(f"Not open-weight: {base.binding()}, whatever the fine-tune's own licence says", req.refs)
            )
        else:
            reasons.append(Reason(f"Not open-weight: {req.action}", req.refs))
    return reasons


def _term_reasons(release: Release) -> list[Reason]:
    """Terms the reader should weigh: self-assessed licences, and extra terms at a click-through."""
    reasons = []
    for state in release.components.values():
        if state.confidence == "self-assessed":
            reasons.append(
                Reason(
                    f"{state.name}: the terms of {state.license_text!r} are self-assessed by the publisher, not "
                    "known to the knowledge base",
                    (component(state.key, LICENSE), *(term(state.key, t) for t in TERM_KEYS)),
                )
            )
        if state.available and state.extra_terms and state.license is not None and state.license.open_terms:
            accepted = (
                "people accept extra terms at the click-through"
                if state.click_through_terms
                else "what people accept at the click-through is not answered, so it counts as extra terms"
            )
            reasons.append(
                Reason(
                    f"{state.name}: {accepted} beyond its licence ({state.license_label}), such as an acceptable use "
                    "policy; they restrict its use, so it is not under open terms",
                    component_refs(state.key, ACCESS, CLICK_THROUGH_TERMS),
                )
            )
    for item in release.data_items:
        if item.confidence == "self-assessed":
            reasons.append(
                Reason(
                    f"Data information ({vocabulary.DATA_ITEMS[item.key]}): the terms of {item.license_text!r} are "
                    "self-assessed by the publisher, not known to the knowledge base",
                    (data_license(item.key), *(data_term(item.key, t) for t in TERM_KEYS)),
                )
            )
    return reasons


__all__ = [
    "RULESET_VERSION",
    "TIERS",
    "TIER_WORDS",
    "Reason",
    "NextTier",
    "Classification",
    "classify",
    "classify_release",
    "read_release",
    "tier_requirements",
    "Release",
]
