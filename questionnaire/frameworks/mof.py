"""The Model Openness Framework's class, exactly as the Model Openness Tool computes it (openness.md
section 2): `questionnaire.mof` runs MOT's algorithm; this module says what it found.

The summary is the class reached ("Class II", "Unclassified"); the measures are MOT's progress towards
classes III, II and I; the requirements are the components the next class needs (all of them once Class I
is reached), each under a licence MOT counts as open. The notes say what MOT would say besides: an open
licence that MOT's list does not name for the component's kind (a notice in MOT: the class is not
affected), and licences that count as open terms here but not for MOT (exact SPDX ids only).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from questionnaire import ids, licenses, vocabulary
from questionnaire.components import BY_KEY, COMPONENTS
from questionnaire.frameworks import Framework, FrameworkVerdict, Measure, Requirement, remembered
from questionnaire.mof import evaluate as evaluate_mof
from questionnaire.release import Release, component_refs
from questionnaire.text import REMEMBERED_LENGTH

CLASSES = (("III", 3, "Open Model"), ("II", 2, "Open Tooling"), ("I", 1, "Open Science"))
EXAMPLES = {"code": "Apache-2.0 or MIT", "data": "CDLA-Permissive-2.0 or CC0-1.0", "document": "CC-BY-4.0"}
KINDS = {"code": "code", "data": "data", "document": "documents"}
OPEN_FOR_MOT = (
    "an OSI-approved or FSF-free licence, an open data licence on MOT's list or OpenMDW-1.0, written "
    "as its exact SPDX id"
)


def _target(mof_class: str | None) -> int:
    """The class whose components are listed: the next one, or Class I once it is reached."""
    return {None: 3, "III": 2, "II": 1, "I": 1}[mof_class]


def _requirement(release: Release, key: str, bucket: str | None, class_name: str, waived: bool) -> Requirement:
    # an invalid licence is named in the action as written (repr: 0.0 and -0.0 are equal, but written apart)
    shown = repr(release.components[key].license_text) if bucket == "invalid" else ""
    if len(shown) > REMEMBERED_LENGTH:
        return _component_requirement.__wrapped__(key, bucket, class_name, waived, shown)
    return _component_requirement(key, bucket, class_name, waived, shown)


@lru_cache(maxsize=1024)
def _component_requirement(key: str, bucket: str | None, class_name: str, waived: bool, shown: str) -> Requirement:
    """The requirement for one component, made once per process for the same words (a batch's verdicts share
    most): `shown` is the licence string as written, for an invalid one."""
    component = BY_KEY[key]
    the = vocabulary.the(key)
    example = EXAMPLES[component.content_type]
    text = vocabulary.capital(
        f"{vocabulary.the_is(key)} released under a licence MOT counts as open (Class {class_name})"
    )
    if key == "technical_report":
        text = text[:-1] + "; an open research paper stands in for it)"
    if bucket == "unlicensed":
        action = f"give {the} a licence MOT counts as open, such as {example}: {OPEN_FOR_MOT}"
    elif bucket == "invalid":
        action = f"relicense {the} under a licence MOT counts as open, such as {example} (now {shown}): {OPEN_FOR_MOT}"
    else:
        action = f"release {the} under a licence MOT counts as open, such as {example}"
    return Requirement(
        f"mof-{key}", text, bucket == "included" or waived, action, component_refs(key, ids.RELEASED, ids.LICENSE)
    )


def _type_notes(release: Release, keys: tuple[str, ...]) -> list[str]:
    """MOT's notice for open licences its list does not name for the component's kind, one per licence
    and kind: what it is, and that the class is not affected."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        groups.setdefault((release.components[key].license_text or "", BY_KEY[key].content_type), []).append(key)
    notes = []
    for (licence, kind), members in groups.items():
        them = "them" if len(members) > 1 or vocabulary.component(members[0]).plural else "it"
        notes.append(
            f"MOT's list of licences by kind does not name {licence} for {KINDS[kind]}, so for "
            f"{vocabulary.join([vocabulary.the(k) for k in members])} MOT shows a notice asking for a "
            f"licence meant for {KINDS[kind]}; it counts {them} as open all the same, so the class is not "
            "affected"
        )
    return notes


def _exactness_notes(release: Release) -> list[str]:
    """Licences that count as open terms here but that MOT does not count as open: the MOF class differs."""
    notes = []
    for state in release.components.values():
        if not state.available or state.license is None:
            continue
        if state.confidence == "alias" and state.license.kind == "spdx":
            notes.append(
                f"{state.name}: licence {state.license_text!r} is read as {state.license.id}, but MOT "
                "counts only exact SPDX ids, so the MOF class does not count it as open"
            )
        elif state.license.open_terms and not licenses.mot_is_open(state.license_text):
            notes.append(
                f"{state.name}: licence {state.license_text!r} counts as open terms here, but MOT counts "
                "only exact SPDX ids, its open-data list and OpenMDW-1.0 as open, so the MOF class does "
                "not count it as open"
            )
    return notes


def _facts(release: Release) -> tuple:
    """All that this framework reads of a release: per component, its key, whether it is released and
    available, its licence string as answered (and its type), how it was matched and the licence's id, kind
    and open terms."""
    return tuple(
        (
            key,
            state.released,
            state.license_text,
            type(state.license_text),  # equal but written apart (1 and 1.0) is not the same fact
            state.available,
            state.confidence,
            None if state.license is None else (state.license.id, state.license.kind, state.license.open_terms),
        )
        for key, state in release.components.items()
    )


def _evaluate(release: Release) -> FrameworkVerdict:
    result = evaluate_mof({key: state.license_text for key, state in release.components.items() if state.released})
    target = _target(result.mof_class)
    paper_open = result.buckets.get("research_paper") == "included"
    requirements = []
    for class_name, number, _ in CLASSES:
        if number < target:
            break
        for component in COMPONENTS:
            if component.mof_class == number and component.required:
                waived = component.key == "technical_report" and paper_open
                requirements.append(
                    _requirement(release, component.key, result.buckets.get(component.key), class_name, waived)
                )
    measures = [
        Measure(name, f"Class {name} ({title})", result.progress.get(name, 0.0), 100) for name, _, title in CLASSES
    ]
    notes = _exactness_notes(release) + _type_notes(release, result.not_type_appropriate)
    return FRAMEWORK.verdict(
        met=result.mof_class is not None,
        summary=f"Class {result.mof_class}" if result.mof_class else "Unclassified",
        requirements=requirements,
        measures=measures,
        notes=notes,
    )


# The verdict, worked out once per set of facts (`_facts`): the records of a batch share many.
evaluate: Callable[[Release], FrameworkVerdict] = remembered(_facts, _evaluate)


FRAMEWORK = Framework(
    id="mof",
    title="Model Openness Framework (as MOT computes it)",
    short_title="MOF",
    url="https://mot.isitopen.ai",
    order=20,
    evaluate=evaluate,
)
