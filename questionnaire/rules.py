"""The classifier: our ruleset (openness.md section 7) over a release's answers.

Pure and deterministic: `classify(answers)` gives the same `Classification` for the same answers.
It reads licence facts from `questionnaire.licenses` and the MOF class from `questionnaire.mof`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from questionnaire.components import BY_KEY, COMPONENTS, TERM_KEYS
from questionnaire.mof import MofResult
from questionnaire.mof import evaluate as evaluate_mof

RULESET_VERSION = "1.0"
TIERS = ("open-source", "open-weight", "partially-open", "closed")
TIER_WORDS = {  # each tier as words in a sentence; headings and tables derive their forms from these
    "open-source": "open source",
    "open-weight": "open-weight",
    "partially-open": "partially open",
    "closed": "closed",
}
WEIGHTS = "model_parameters_final"
OSAID_CODE = ("model_architecture", "training_code", "inference_code", "data_preprocessing_code", "supporting_libraries")
DOWNLOADABLE = ("public", "click_through")
ACCESS_WORDS = {
    "public": "downloadable by anyone",
    "click_through": "behind a click-through gate",
    "approval": "behind an approval gate",
    "on_request": "available only on request",
    "none": "not downloadable",
}


# ---------------------------------------------------------------- the release, read from the answers


@dataclass(frozen=True)
class ComponentState:
    key: str
    released: bool
    license_text: str | None  # exactly as answered
    access: str | None
    license: Any = None  # questionnaire.licenses.License, or None when unknown or absent
    confidence: str = "none"  # how the licence string was matched: exact, alias, self-assessed, suggestion, none
    suggestion: str | None = None  # nearest known licence id for an unknown string

    @property
    def name(self) -> str:
        return BY_KEY[self.key].mot_name

    @property
    def available(self) -> bool:
        """Released in a form someone can get at all (even behind a gate)."""
        return self.released and self.access != "none"

    @property
    def downloadable(self) -> bool:
        """Anyone can download it without approval (a click-through is fine). An access not given is
        never taken for public: until it is answered, nothing is downloadable on assumption."""
        return self.released and self.access in DOWNLOADABLE

    @property
    def open_terms(self) -> bool:
        return self.license is not None and self.license.open_terms

    @property
    def osi(self) -> bool:
        return self.license is not None and self.license.osi_approved and self.license.open_terms

    @property
    def license_label(self) -> str:
        if self.license is not None:
            return self.license.id if self.license.kind in ("spdx", "expression") else self.license.name
        return self.license_text or "no licence"


@dataclass(frozen=True)
class DataItem:
    key: str
    state: str  # published, not_published, none_used
    license: Any = None

    @property
    def satisfied(self) -> bool:
        return self.state == "none_used" or (self.state == "published" and self.license is not None and self.license.open_terms)


@dataclass(frozen=True)
class Release:
    name: str
    components: dict[str, ComponentState]
    supporting_libraries_used: bool
    data_items: tuple[DataItem, ...]
    is_finetune: bool
    warnings: tuple[str, ...]


class _terms:
    """The self-assessed terms of a component's licence, read from the answers only when needed."""

    def __init__(self, answers: Mapping[str, Any], prefix: str) -> None:
        self.answers, self.prefix = answers, prefix

    def get(self, key: str) -> Any:
        return self.answers.get(f"{self.prefix}terms.{key}")

    def __getitem__(self, key: str) -> Any:
        return self.get(key)


def _resolve(text: str | None, terms: Any) -> tuple[Any, str, str | None]:
    from questionnaire import licenses

    if text is None or licenses.is_unlicensed(text):
        return None, "none", None
    match = licenses.lookup(text)
    if match.license is not None and match.confidence in ("exact", "alias"):
        return match.license, match.confidence, None
    if terms and all(terms.get(key) is not None for key in TERM_KEYS):
        return licenses.custom_license(text.strip(), {key: bool(terms[key]) for key in TERM_KEYS}), "self-assessed", None
    suggestion = match.suggestions[0].id if match.suggestions else None
    return None, match.confidence, suggestion


def read_release(answers: Mapping[str, Any]) -> Release:
    """The release a set of flat answers describes, with warnings about what could not be read."""
    warnings: list[str] = []
    components: dict[str, ComponentState] = {}
    for component in COMPONENTS:
        prefix = f"components.{component.key}."
        released = answers.get(prefix + "released") is True
        text = answers.get(prefix + "license") if released else None
        license, confidence, suggestion = _resolve(text, _terms(answers, prefix)) if released else (None, "none", None)
        components[component.key] = ComponentState(
            key=component.key,
            released=released,
            license_text=text,
            access=(answers.get(prefix + "access") or None) if released else None,  # None: not given
            license=license,
            confidence=confidence,
            suggestion=suggestion,
        )
        if released and text and license is None and not _is_unlicensed(text):
            hint = f"; did you mean {suggestion}?" if suggestion else ""
            warnings.append(f"{component.mot_name}: licence {text!r} is not known, so its terms count as not open{hint}")
    data_items = []
    description = answers.get("data_information.description")
    data_items.append(
        DataItem("description", "published" if description else "not_published",
                 _resolve(answers.get("data_information.description_license"), None)[0] if description else None)
    )
    for key in ("public_list", "third_party_list"):
        state = answers.get(f"data_information.{key}") or "not_published"
        license = _resolve(answers.get(f"data_information.{key}_license"), None)[0] if state == "published" else None
        data_items.append(DataItem(key, state, license))
    return Release(
        name=str(answers.get("identity.name") or ""),
        components=components,
        supporting_libraries_used=bool(answers.get("development.supporting_libraries_used"))
        or components["supporting_libraries"].released,
        data_items=tuple(data_items),
        is_finetune=answers.get("identity.is_finetune") is True,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _is_unlicensed(text: str) -> bool:
    from questionnaire import licenses

    return licenses.is_unlicensed(text)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str  # what the framework asks, in plain words
    met: bool
    action: str = ""  # what to do to meet it, when it is not met
    refs: tuple[str, ...] = ()  # question ids it rests on


@dataclass(frozen=True)
class Reason:
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    met: bool
    requirements: tuple[Requirement, ...]

    @property
    def unmet(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    group: str
    grade: str | None  # open, partial, closed; None when not assessed
    basis: str


@dataclass(frozen=True)
class Profile:
    dimensions: tuple[Dimension, ...]

    @property
    def score(self) -> float:
        points = {"open": 1.0, "partial": 0.5, "closed": 0.0}
        graded = [points[d.grade] for d in self.dimensions if d.grade is not None]
        return round(sum(graded) / len(graded), 3) if graded else 0.0


@dataclass(frozen=True)
class NextTier:
    tier: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Classification:
    tier: str
    reasons: tuple[Reason, ...]
    osaid: Verdict
    owd: Verdict
    mof: MofResult
    osai: Profile
    next_tier: NextTier | None
    warnings: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------- the frameworks


@lru_cache(maxsize=512)
def _component_refs(key: str, *fields: str) -> tuple[str, ...]:
    return tuple(f"components.{key}.{name}" for name in (fields or ("released", "license", "access")))


def _restrictions(license: Any) -> list[str]:
    """The clauses that keep a licence from being open terms, in plain words."""
    if license is None:
        return ["no licence grants any rights"]
    found = []
    if not (license.osi_approved or license.open_data or license.openmdw):
        found.append("it is neither OSI-approved nor an open data or content licence")
    if not license.commercial_use:
        found.append("no commercial use")
    if not license.derivatives:
        found.append("no derivatives")
    if not license.redistribution:
        found.append("no redistribution")
    if license.use_restrictions:
        detail = (license.use_restrictions_text or "").strip().rstrip(".")
        found.append(f"use restrictions ({detail[0].lower() + detail[1:]})" if detail else "use restrictions")
    if license.threshold:
        found.append(f"a threshold ({license.threshold})")
    if license.regional_exclusion:
        found.append("a regional exclusion")
    if license.revocation:
        found.append("the licensor may revoke or restrict it")
    return found


def _now_access(state: ComponentState) -> str:
    if state.access is None:
        return "how people get it is not answered yet"
    return f"now {ACCESS_WORDS.get(state.access, 'gated')}"


def _weights_requirements(weights: ComponentState) -> list[Requirement]:
    refs = _component_refs(WEIGHTS)
    out = [
        Requirement("weights-released", "The final model parameters (weights) are released", weights.available,
                    "release the final model parameters (weights)", refs[:1]),
    ]
    if weights.available:
        out.append(Requirement(
            "weights-downloadable", "Anyone can download the weights without approval", weights.downloadable,
            f"let anyone download the weights without approval ({_now_access(weights)}; "
            "a click-through of open terms is fine)", refs[2:3]))
        problems = _restrictions(weights.license)
        out.append(Requirement(
            "weights-open-terms", "The weights are under open terms", weights.open_terms,
            f"license the weights under open terms, such as Apache-2.0, MIT, CC-BY-4.0 or OpenMDW-1.0 "
            f"(now {weights.license_label}: {', '.join(problems)})", refs[1:2]))
    return out


NONE_USED = {"public_list": "Publicly available training data",
             "third_party_list": "Training data obtainable from third parties"}


def _osaid(release: Release) -> Verdict:
    weights = release.components[WEIGHTS]
    requirements = _weights_requirements(weights)
    for key in OSAID_CODE:
        state = release.components[key]
        if key == "supporting_libraries" and not release.supporting_libraries_used:
            continue
        name = BY_KEY[key].mot_name
        lowered = name[0].lower() + name[1:]
        if not state.available:
            action = f"release the {lowered} under an OSI-approved licence such as Apache-2.0 or MIT"
        elif not state.osi:
            action = f"relicense the {lowered} under an OSI-approved licence (now {state.license_label})"
        else:
            action = f"make the {lowered} downloadable without approval ({_now_access(state)})"
        requirements.append(Requirement(
            f"code-{key}", f"{name} is released under an OSI-approved licence",
            state.downloadable and state.osi, action, _component_refs(key)))
    datasets = release.components["datasets"]
    datasets_open = datasets.downloadable and datasets.open_terms
    item_text = {
        "description": ("A complete description of all training data is published under open terms",
                        "publish a complete description of all training data (provenance, selection, processing) under open terms",
                        ("data_information.description", "data_information.description_license")),
        "public_list": ("The list of publicly available training data is published",
                        "publish the list of publicly available training data and where to get it",
                        ("data_information.public_list", "data_information.public_list_license")),
        "third_party_list": ("The list of training data obtainable from third parties is published",
                             "publish the list of training data obtainable from third parties and where to get it",
                             ("data_information.third_party_list", "data_information.third_party_list_license")),
    }
    for item in release.data_items:
        text, action, refs = item_text[item.key]
        if item.state == "none_used":  # nothing to list: met, and said as the publisher answered it
            text = f"{NONE_USED[item.key]}: none used, so there is no list to publish"
        requirements.append(Requirement(
            f"data-{item.key}", text, datasets_open or item.satisfied, action, refs + _component_refs("datasets")[:2]))
    return Verdict(all(r.met for r in requirements), tuple(requirements))


OWD_CRITERIA = (
    ("owd-1", "Free redistribution, no royalty"),
    ("owd-2", "The weights themselves are included and may be distributed"),
    ("owd-3", "Derived works are allowed under the same terms"),
    ("owd-4", "Integrity of the author's work (a rename of modified versions may be required)"),
    ("owd-5", "No discrimination against persons or groups"),
    ("owd-6", "No discrimination against fields of endeavour"),
    ("owd-7", "The rights apply to all who receive the weights, without further licences"),
    ("owd-8", "The licence is not specific to one product"),
    ("owd-9", "The licence does not restrict other software or models"),
    ("owd-10", "The licence is technology-neutral"),
)


def _owd(release: Release) -> Verdict:
    weights = release.components[WEIGHTS]
    lic = weights.license if weights.available else None
    has = lic is not None
    gated = weights.access in ("approval", "on_request")
    checks = {
        "owd-1": (has and lic.redistribution, "allow free redistribution of the weights"),
        "owd-2": (weights.available, "release the final weights themselves"),
        "owd-3": (has and lic.derivatives, "allow derived works"),
        "owd-4": (has, "put the weights under a licence"),
        "owd-5": (has and not lic.threshold and not lic.regional_exclusion and not gated,
                  "drop user or revenue thresholds, regional exclusions and approval gates"),
        "owd-6": (has and lic.commercial_use and not lic.use_restrictions,
                  "drop non-commercial clauses, acceptable use policies and field-of-use limits"),
        "owd-7": (has and not lic.revocation, "drop the licensor's right to revoke or restrict remotely"),
        "owd-8": (has, "put the weights under a licence"),
        "owd-9": (has and not lic.output_restriction, "drop limits on using outputs to train other models"),
        "owd-10": (has, "put the weights under a licence"),
    }
    refs = _component_refs(WEIGHTS)
    requirements = tuple(
        Requirement(cid, text, bool(checks[cid][0]), checks[cid][1], refs) for cid, text in OWD_CRITERIA
    )
    return Verdict(all(r.met for r in requirements), requirements)


def _grade(state: ComponentState, *, code: bool = False) -> str:
    if not state.available:
        return "closed"
    good = state.osi if code else state.open_terms
    return "open" if good and state.downloadable else "partial"


def _osai(release: Release) -> Profile:
    c = release.components
    data_info_published = any(item.state == "published" for item in release.data_items)
    data_grade = "open" if c["datasets"].downloadable and c["datasets"].open_terms else (
        "partial" if c["datasets"].available or data_info_published else "closed")
    weights = c[WEIGHTS]
    weights_grade = "open" if weights.open_terms and weights.access == "public" else (
        "partial" if weights.available else "closed")
    base = None if release.is_finetune else "same as the end model (not a fine-tune)"

    def either(*states: ComponentState) -> str:
        grades = [_grade(s) for s in states]
        return "open" if "open" in grades else ("partial" if "partial" in grades else "closed")

    code_doc = [_grade(c["model_architecture"], code=True), _grade(c["inference_code"], code=True)]
    dims = (
        Dimension("base_data", "Base model data", "availability", data_grade if base else None, base or "not asked for a fine-tune's base model"),
        Dimension("end_data", "End model data", "availability", data_grade, "Datasets and the data information"),
        Dimension("base_weights", "Base model weights", "availability", weights_grade if base else None, base or "not asked for a fine-tune's base model"),
        Dimension("end_weights", "End model weights", "availability", weights_grade, "Model parameters (Final); gated downloads count as partial"),
        Dimension("training_code", "Training code", "availability", _grade(c["training_code"], code=True), "Training code"),
        Dimension("code_docs", "Code documentation", "documentation",
                  "open" if all(g == "open" for g in code_doc) else ("closed" if all(g == "closed" for g in code_doc) else "partial"),
                  "Model architecture and Inference code"),
        Dimension("hardware", "Hardware architecture", "documentation", either(c["model_metadata"], c["technical_report"]),
                  "Model metadata and Technical report"),
        Dimension("preprint", "Preprint", "documentation", either(c["technical_report"]), "Technical report"),
        Dimension("paper", "Paper", "documentation", either(c["research_paper"]), "Research paper"),
        Dimension("model_card", "Model card", "documentation", either(c["model_card"]), "Model card"),
        Dimension("datasheet", "Datasheet", "documentation", either(c["data_card"]), "Data card"),
        Dimension("licences", "Licences", "access",
                  "open" if weights.open_terms else ("partial" if weights.available and weights.license is not None else "closed"),
                  "the licence of the final weights"),
    )
    return Profile(dims)


# ---------------------------------------------------------------- the tier


def classify(answers: Mapping[str, Any]) -> Classification:
    return classify_release(read_release(answers))


def classify_release(release: Release) -> Classification:
    c = release.components
    weights = c[WEIGHTS]
    osaid = _osaid(release)
    owd = _owd(release)
    mof = evaluate_mof({key: state.license_text for key, state in c.items() if state.released})
    weights_open = weights.downloadable and weights.open_terms
    released_code = [s for s in c.values() if BY_KEY[s.key].content_type == "code" and s.available]
    something = weights.available or bool(released_code) or c["datasets"].available

    reasons: list[Reason] = []
    weights_refs = _component_refs(WEIGHTS)
    if osaid.met:
        tier = "open-source"
        reasons.append(Reason(
            f"OSAID 1.0 is met: the weights are open ({weights.license_label}), the code is under OSI-approved "
            "licences and the data information is complete", weights_refs))
    elif weights_open:
        tier = "open-weight"
        reasons.append(Reason(
            f"The final weights are {ACCESS_WORDS[weights.access or 'public']} under open terms ({weights.license_label})",
            weights_refs))
        for req in osaid.unmet:
            reasons.append(Reason(f"Not open source: {req.text[0].lower() + req.text[1:]} is not met", req.refs))
    elif something:
        tier = "partially-open"
        parts = []
        if weights.available:
            parts.append("the final weights")
        parts += [s.name.lower() for s in released_code]
        if c["datasets"].available:
            parts.append("the datasets")
        reasons.append(Reason(f"Released: {', '.join(parts)}",
                              tuple(f"components.{s.key}.released" for s in c.values() if s.available)))
        for req in _weights_requirements(weights):
            if not req.met:
                reasons.append(Reason(f"Not open-weight: {req.action}" if req.id != "weights-released"
                                      else "Not open-weight: the final weights are not released", req.refs))
    else:
        tier = "closed"
        reasons.append(Reason(
            "No weights, code or datasets are released; documents alone (a paper, a model card) do not make a "
            "release open", tuple(f"components.{key}.released" for key in (WEIGHTS, "training_code", "datasets"))))
    for state in c.values():
        if state.confidence == "self-assessed":
            reasons.append(Reason(
                f"{state.name}: the terms of {state.license_text!r} are self-assessed by the publisher, not known to "
                "the knowledge base", _component_refs(state.key, "license", *(f"terms.{t}" for t in TERM_KEYS))))

    next_tier = _next_tier(tier, release, osaid)
    warnings = list(release.warnings)
    for key in mof.not_type_appropriate:
        warnings.append(f"MOF: {BY_KEY[key].mot_name} has an open licence that MOT does not expect for "
                        f"{BY_KEY[key].content_type}")
    for state in c.values():
        if state.available and state.confidence == "alias" and state.license is not None and state.license.kind == "spdx":
            warnings.append(f"MOF: {state.name} licence {state.license_text!r} is read as {state.license.id}, but MOT "
                            "counts only exact SPDX ids, so the MOF class does not count it as open")
        if state.available and state.license is not None and getattr(state.license, "verify", False):
            warnings.append(f"{state.name}: some facts of {state.license.name} come from secondary sources; "
                            "confirm them against the licence text")
    return Classification(tier, tuple(reasons), osaid, owd, mof, _osai(release), next_tier, tuple(dict.fromkeys(warnings)))


def _next_tier(tier: str, release: Release, osaid: Verdict) -> NextTier | None:
    if tier == "open-source":
        return None
    if tier == "closed":
        return NextTier("partially-open", (
            "release the final model parameters (weights), on any terms (or any code component, or the datasets)",))
    if tier == "partially-open":
        unmet = [r.action for r in _weights_requirements(release.components[WEIGHTS]) if not r.met]
        if not release.components[WEIGHTS].available:
            unmet += ["let anyone download them without approval", "license them under open terms such as Apache-2.0"]
        return NextTier("open-weight", tuple(unmet))
    return NextTier("open-source", tuple(r.action for r in osaid.unmet))
