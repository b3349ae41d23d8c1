"""An OSAI-style profile, after the European Open Source AI Index (openness.md section 6): twelve
dimensions, each open, partial or closed, and their mean as a score (open 1, partial 0.5, closed 0). A
graded profile with no pass mark: its verdict's `met` is None, and each dimension is a requirement with a
grade (met when open).
"""

from __future__ import annotations

from functools import lru_cache

from questionnaire import ids
from questionnaire.frameworks import Framework, FrameworkVerdict, Requirement
from questionnaire.release import WEIGHTS, ComponentState, Release, component_refs

POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}
SCORE_NOTE = "The score is the mean of the twelve grades: open 1, partial 0.5, closed 0."


def _grade(state: ComponentState, *, code: bool = False) -> str:
    if not state.available:
        return "closed"
    good = state.osi if code else state.open_terms
    return "open" if good and state.downloadable else "partial"


def _either(*states: ComponentState) -> str:
    grades = [_grade(s) for s in states]
    return "open" if "open" in grades else ("partial" if "partial" in grades else "closed")


@lru_cache(maxsize=64)
def _refs(*keys: str) -> tuple[str, ...]:
    return tuple(ref for key in keys for ref in component_refs(key))


def evaluate(release: Release) -> FrameworkVerdict:
    """The twelve grades are read from the release; the verdict is built from them alone (`_verdict`), once
    per set of grades: a batch of records shares a few dozen."""
    c = release.components
    data_info_published = any(item.state == "published" for item in release.data_items)
    data_grade = (
        "open"
        if c["datasets"].downloadable and c["datasets"].open_terms
        else ("partial" if c["datasets"].available or data_info_published else "closed")
    )
    weights = c[WEIGHTS]
    weights_grade = (
        "open" if weights.open_terms and weights.access == "public" else ("partial" if weights.available else "closed")
    )
    base = release.base
    base_grades = (
        None
        if base is None
        else (
            "partial" if base.data_information else "closed",
            "open" if base.open_terms else ("partial" if base.license is not None else "closed"),
        )
    )
    code_doc = (_grade(c["model_architecture"], code=True), _grade(c["inference_code"], code=True))
    licences = (
        "open" if weights.open_terms else ("partial" if weights.available and weights.license is not None else "closed")
    )
    return _verdict(
        base_grades,
        data_grade,
        weights_grade,
        _grade(c["training_code"], code=True),
        code_doc,
        _either(c["model_metadata"], c["technical_report"]),
        _either(c["technical_report"]),
        _either(c["research_paper"]),
        _either(c["model_card"]),
        _either(c["data_card"]),
        licences,
    )


@lru_cache(maxsize=1024)
def _verdict(
    base_grades: tuple[str, str] | None,
    data_grade: str,
    weights_grade: str,
    training_code: str,
    code_doc: tuple[str, str],
    hardware: str,
    preprint: str,
    paper: str,
    model_card: str,
    datasheet: str,
    licences: str,
) -> FrameworkVerdict:
    """The verdict of twelve grades (a fine-tune's base model's two, or None when trained from scratch)."""
    data_refs = _refs("datasets") + tuple(ids.data_item(item) for item in ids.DATA_ITEMS)
    if base_grades is None:
        base_data = (data_grade, "release the datasets under open terms, downloadable by anyone", data_refs)
        base_weights = (weights_grade, "let anyone download the final weights under open terms", _refs(WEIGHTS))
    else:
        base_data = (
            base_grades[0],
            "choose a base model whose training data is described as OSAID asks",
            (ids.BASE_DATA_INFORMATION, ids.BASE_MODEL),
        )
        base_weights = (
            base_grades[1],
            "choose a base model whose weights are under open terms",
            (ids.BASE_MODEL_LICENSE, ids.BASE_MODEL),
        )
    dimensions = (
        ("base_data", "Base model data", *base_data),
        (
            "end_data",
            "End model data",
            data_grade,
            "release the datasets under open terms, downloadable by anyone",
            data_refs,
        ),
        ("base_weights", "Base model weights", *base_weights),
        (
            "end_weights",
            "End model weights",
            weights_grade,
            "let anyone download the final weights under open terms, without a gate (a gate counts as partial)",
            _refs(WEIGHTS),
        ),
        (
            "training_code",
            "Training code",
            training_code,
            "release the training code under an OSI-approved licence, downloadable by anyone",
            _refs("training_code"),
        ),
        (
            "code_docs",
            "Code documentation",
            "open"
            if all(g == "open" for g in code_doc)
            else ("closed" if all(g == "closed" for g in code_doc) else "partial"),
            "release the model architecture and inference code under OSI-approved licences",
            _refs("model_architecture", "inference_code"),
        ),
        (
            "hardware",
            "Hardware architecture",
            hardware,
            "publish the model metadata or a technical report under open terms",
            _refs("model_metadata", "technical_report"),
        ),
        (
            "preprint",
            "Preprint",
            preprint,
            "publish a technical report under open terms",
            _refs("technical_report"),
        ),
        (
            "paper",
            "Paper",
            paper,
            "publish a research paper under open terms",
            _refs("research_paper"),
        ),
        (
            "model_card",
            "Model card",
            model_card,
            "publish the model card under open terms",
            _refs("model_card"),
        ),
        ("datasheet", "Datasheet", datasheet, "publish a data card under open terms", _refs("data_card")),
        (
            "licences",
            "Licences",
            licences,
            "license the final weights under open terms"
            + ("" if base_grades is None else ", on a base model under open terms"),
            _refs(WEIGHTS)[1:2] + (() if base_grades is None else (ids.BASE_MODEL_LICENSE,)),
        ),
    )
    requirements = [_dimension(*dimension) for dimension in dimensions]
    score = round(sum(POINTS[r.grade] for r in requirements) / len(requirements), 3)
    return FRAMEWORK.verdict(met=None, summary=f"{score:.2f}", requirements=requirements, notes=(SCORE_NOTE,))


@lru_cache(maxsize=1024)
def _dimension(did: str, label: str, grade: str, action: str, refs: tuple[str, ...]) -> Requirement:
    """One dimension as a requirement, made once per process for the same grade and words (verdicts share most)."""
    return Requirement(did, label, grade == "open", action, refs, grade)


FRAMEWORK = Framework(
    id="osai",
    title="OSAI-style profile (12 dimensions)",
    short_title="OSAI-style",
    url="https://osai-index.eu",
    order=40,
    evaluate=evaluate,
)
