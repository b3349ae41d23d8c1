"""The classifier: our ruleset (openness.md section 7) over a release's answers.

Pure and deterministic: `classify(answers)` gives the same `Classification` for the same answers.
It reads licence facts from `questionnaire.licenses` and the MOF class from `questionnaire.mof`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from questionnaire import licenses
from questionnaire.components import BY_KEY, COMPONENTS, DATA_INFORMATION_ITEMS, TERM_KEYS
from questionnaire.mof import MofResult
from questionnaire.mof import evaluate as evaluate_mof

RULESET_VERSION = "2.0"  # 2.0: fine-tunes bound by their base, click-through terms, checkpoints, access never assumed
TIERS = ("open-source", "open-weight", "partially-open", "closed")
TIER_WORDS = {  # each tier as words in a sentence; headings and tables derive their forms from these
    "open-source": "open source",
    "open-weight": "open-weight",
    "partially-open": "partially open",
    "closed": "closed",
}
WEIGHTS = "model_parameters_final"
CHECKPOINTS = "model_parameters_intermediate"
BASE_LICENSE_REFS = ("identity.base_model_license", "identity.base_model")
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
    click_through_terms: str | None = None  # what a click-through asks people to accept: license_only, extra_terms
    bound_by: BaseModel | None = None  # the final weights of a fine-tune: the base model, whose licence binds them

    @property
    def name(self) -> str:
        return BY_KEY[self.key].mot_name

    @property
    def extra_terms(self) -> bool:
        """Behind a click-through that binds people to more than the licence (an acceptable use policy,
        registration terms): a use restriction. Unanswered counts as extra terms: never the open side."""
        return self.released and self.access == "click_through" and self.click_through_terms != "license_only"

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
    def own_open_terms(self) -> bool:
        """Its own licence is open terms and a click-through asks for nothing beyond it (whatever binds it
        besides)."""
        return self.license is not None and self.license.open_terms and not self.extra_terms

    @property
    def open_terms(self) -> bool:
        """Open terms in effect: its own licence and, for a fine-tune's weights, the base model's licence."""
        return self.own_open_terms and (self.bound_by is None or self.bound_by.open_terms)

    @property
    def terms_license(self) -> Any:
        """The licence whose facts apply in effect: its own; for a fine-tune's weights, its own AND the base
        model's (their restrictions add up); None when either is unknown or absent."""
        if self.bound_by is None:
            return self.license
        if self.license is None or self.bound_by.license is None:
            return None
        return _both(self.license, self.bound_by.license)

    @property
    def osi(self) -> bool:
        return self.open_terms and self.license.osi_approved

    @property
    def license_label(self) -> str:
        if self.license is not None:
            return _license_label(self.license)
        return self.license_text or "no licence"


def _license_label(license: Any) -> str:
    """A known licence as reasons name it: the id of an SPDX licence or expression, else its name."""
    return license.id if license.kind in ("spdx", "expression") else license.name


@dataclass(frozen=True)
class BaseModel:
    """The model a fine-tune starts from, as answered. Its licence binds the fine-tune's weights: a missing
    or unknown licence counts as not open, and its data information as not published unless answered yes."""

    name: str
    license_text: str | None  # exactly as answered; None when not answered
    license: Any = None  # questionnaire.licenses.License, or None when missing, unknown or "unlicensed"
    data_information: bool = False  # identity.base_data_information is true

    @property
    def open_terms(self) -> bool:
        return self.license is not None and self.license.open_terms

    @property
    def license_label(self) -> str:
        if self.license is not None:
            return _license_label(self.license)
        if self.license_text is None or not self.license_text.strip():
            return "not given"
        return self.license_text.strip()

    def action(self) -> str:
        """What lifts the cap: another base model, or the licence named when it is missing or unknown."""
        text = (self.license_text or "").strip()
        if self.license is None and text != "unlicensed":
            return ("give the licence of the base model's weights as the knowledge base knows it (an SPDX id or "
                    "a known AI licence), or choose a base model whose weights are under open terms")
        return ("choose a base model whose weights are under open terms, such as Apache-2.0, MIT or OpenMDW-1.0, "
                "or train the model from scratch")

    def binding(self) -> str:
        """Why the base model's licence keeps the fine-tune from open terms, in a phrase."""
        if self.license is not None:
            return (f"the base model's licence, {self.license_label}, binds derivatives: "
                    f"{', '.join(_restrictions(self.license))}")
        if self.license_text is None or not self.license_text.strip():
            return "the base model's licence is not given, so its terms count as not open"
        if _is_unlicensed(self.license_text):
            return "the base model is released without a licence, which grants no rights to build on it"
        return f"the base model's licence {self.license_text.strip()!r} is not known, so its terms count as not open"


@lru_cache(maxsize=256)
def _both(own: Any, base: Any) -> Any:
    from questionnaire import licenses

    return licenses.all_of((own, base))


@dataclass(frozen=True)
class DataItem:
    key: str
    state: str  # published, not_published, none_used
    license: Any = None
    license_text: str | None = None  # exactly as answered
    confidence: str = "none"  # as ComponentState.confidence

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
    base: BaseModel | None = None  # a fine-tune's base model; None for a model trained from scratch


class _terms:
    """The self-assessed terms of a component's licence, read from the answers only when needed."""

    def __init__(self, answers: Mapping[str, Any], prefix: str) -> None:
        self.answers, self.prefix = answers, prefix

    def get(self, key: str) -> Any:
        return self.answers.get(f"{self.prefix}terms.{key}")

    def __getitem__(self, key: str) -> Any:
        return self.get(key)


def _resolve(text: str | None, terms: _terms | None) -> tuple[Any, str, str | None]:
    """A licence string's licence, how it was matched and the nearest known licence when it is unknown.

    A word that means "no licence" ("unlicensed", "Proprietary", "none", ...) is no licence, whatever
    terms were answered for it. A licence the knowledge base does not know is built from its answered
    terms (an unanswered term counts as unfavourable) when at least one was answered."""
    if licenses.names_no_license(text):
        return None, "none", None
    match = licenses.lookup(text)
    if match.license is not None and match.confidence in ("exact", "alias"):
        return match.license, match.confidence, None
    answered = {key: bool(terms.get(key)) for key in TERM_KEYS if terms.get(key) is not None} if terms else {}
    if answered:
        return licenses.custom_license(text.strip(), answered), "self-assessed", None
    suggestion = match.suggestions[0].id if match.suggestions else None
    return None, match.confidence, suggestion


def _licence_warnings(label: str, text: str | None, license: Any, confidence: str, suggestion: str | None,
                      terms: _terms) -> list[str]:
    """What the reader should know about how a licence string was read: not known, or self-assessed with
    some terms unanswered."""
    if not text or licenses.is_unlicensed(text):
        return []
    if licenses.names_no_license(text):
        return [f"{label}: {text!r} names no licence, so it counts as declared without one (proprietary): "
                "nobody may reuse it, and its terms are not asked"]
    if license is None:
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        return [f"{label}: licence {text!r} is not known, so its terms count as not open: name a known licence "
                f"or answer the questions about its terms{hint}"]
    unanswered = [key for key in TERM_KEYS if terms.get(key) is None] if confidence == "self-assessed" else []
    if unanswered:
        one = len(unanswered) == 1
        names = ", ".join(key.replace("_", " ") for key in unanswered)
        return [f"{label}: the terms of {text!r} are self-assessed, but {names} {'is' if one else 'are'} not "
                f"answered and count{'s' if one else ''} against open terms"]
    return []


def read_release(answers: Mapping[str, Any]) -> Release:
    """The release a set of flat answers describes, with warnings about what could not be read."""
    warnings: list[str] = []
    base = _read_base(answers, warnings)
    components: dict[str, ComponentState] = {}
    for component in COMPONENTS:
        prefix = f"components.{component.key}."
        released = answers.get(prefix + "released") is True
        text = answers.get(prefix + "license") if released else None
        terms = _terms(answers, prefix)
        license, confidence, suggestion = _resolve(text, terms) if released else (None, "none", None)
        state = ComponentState(
            key=component.key,
            released=released,
            license_text=text,
            access=(answers.get(prefix + "access") or None) if released else None,  # None: not given
            license=license,
            confidence=confidence,
            suggestion=suggestion,
            click_through_terms=answers.get(prefix + "click_through_terms") if released else None,
            bound_by=base if component.key == WEIGHTS else None,
        )
        components[component.key] = state
        if released:
            warnings += _licence_warnings(component.mot_name, text, license, confidence, suggestion, terms)
        if state.available and state.extra_terms and state.click_through_terms is None and (
                license is not None and license.open_terms):
            warnings.append(f"{component.mot_name}: what people accept at the click-through is not answered, so it "
                            "counts as extra terms beyond the licence (a use restriction, not open terms)")
    data_items = []
    for key in DATA_INFORMATION_ITEMS:
        prefix = f"data_information.{key}_"
        if key == "description":
            state = "published" if answers.get("data_information.description") else "not_published"
        else:
            state = answers.get(f"data_information.{key}") or "not_published"
        text = answers.get(prefix + "license") if state == "published" else None
        terms = _terms(answers, prefix)
        license, confidence, suggestion = _resolve(text, terms) if state == "published" else (None, "none", None)
        data_items.append(DataItem(key, state, license, text, confidence))
        if state == "published":
            warnings += _licence_warnings(f"Data information ({DATA_ITEM_WORDS[key]})", text, license, confidence,
                                          suggestion, terms)
    return Release(
        name=str(answers.get("identity.name") or ""),
        components=components,
        supporting_libraries_used=bool(answers.get("development.supporting_libraries_used"))
        or components["supporting_libraries"].released,
        data_items=tuple(data_items),
        is_finetune=base is not None,
        warnings=tuple(dict.fromkeys(warnings)),
        base=base,
    )


DATA_ITEM_WORDS = {
    "description": "the description of the training data",
    "public_list": "the list of public training data",
    "third_party_list": "the list of third-party training data",
}


def _read_base(answers: Mapping[str, Any], warnings: list[str]) -> BaseModel | None:
    """The base model of a fine-tune, its licence resolved like a component's (no self-assessed terms)."""
    if answers.get("identity.is_finetune") is not True:
        return None
    text = answers.get("identity.base_model_license")
    text = text if isinstance(text, str) else None
    license, _, suggestion = _resolve(text, None)
    if text and text.strip() and license is None and not _is_unlicensed(text):
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        warnings.append(f"Base model: licence {text!r} is not known, so its terms count as not open{hint}")
    name = answers.get("identity.base_model")
    return BaseModel(name=name.strip() if isinstance(name, str) else "", license_text=text, license=license,
                     data_information=answers.get("identity.base_data_information") is True)


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


NO_LICENCE = "released without a licence, so nobody may reuse it"
UNKNOWN_LICENCE = ("the licence is not known, so its terms count as not open (name a known licence, or answer "
                   "the questions about its terms)")
EXTRA_TERMS = "extra terms accepted at the click-through, such as an acceptable use policy, restrict its use"


def _restrictions(license: Any, text: str | None = None) -> list[str]:
    """The clauses that keep a licence from being open terms, in plain words. Without a licence, `text`
    (the licence string as answered) tells a string that names no licence from an unknown licence."""
    if license is None:
        if licenses.is_unlicensed(text):
            return [NO_LICENCE]
        if licenses.names_no_license(text):
            return ["declared without a licence (proprietary), so nobody may reuse it"]
        return [UNKNOWN_LICENCE]
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
    if license.output_restriction:
        found.append("limits on using outputs to train other models")
    if license.product_specific:
        found.append("rights tied to one product")
    return found


def _component_restrictions(state: ComponentState) -> list[str]:
    """What keeps a component from open terms: its licence's clauses, and the extra terms of its
    click-through when the publisher says there are some (unanswered, they count, but are not stated as
    a fact of the release)."""
    found = _restrictions(state.license, state.license_text)
    if state.extra_terms and state.click_through_terms == "extra_terms":
        found.append(EXTRA_TERMS)
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
        if weights.license is not None and weights.license.open_terms:  # the licence is fine: the gate is not
            if weights.click_through_terms is None:
                action = (f"answer what people accept at the click-through of the weights: only their licence "
                          f"({weights.license_label}) keeps open terms; extra terms such as an acceptable use policy "
                          "do not")
            else:
                action = (f"let people get the weights by accepting only their licence ({weights.license_label}): "
                          "drop the extra terms of the click-through, such as an acceptable use policy")
            refs_terms = _component_refs(WEIGHTS, "access", "click_through_terms")
        else:
            problems = _component_restrictions(weights)
            action = (f"license the weights under open terms, such as Apache-2.0, MIT, CC-BY-4.0 or OpenMDW-1.0 "
                      f"(now {weights.license_label}: {', '.join(problems)})")
            refs_terms = refs[1:2]
        out.append(Requirement(
            "weights-open-terms", "The weights are under open terms", weights.own_open_terms, action, refs_terms))
    base = weights.bound_by
    if base is not None:
        out.append(Requirement(
            "weights-base-open-terms",
            "The base model's weights are under open terms (a fine-tune's weights are bound by them)",
            base.open_terms, f"{base.action()} ({base.binding()})", BASE_LICENSE_REFS))
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
    if release.base is not None:
        requirements.append(Requirement(
            "data-base-model", "The base model's training data is described as OSAID asks, under open terms",
            release.base.data_information,
            "choose a base model whose training data is described as OSAID asks (a complete description and the "
            "lists of its public and third-party data, under open terms), such as OLMo or Pythia",
            ("identity.base_data_information", "identity.base_model")))
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


def _owd_checks(lic: Any, weights: ComponentState) -> dict[str, tuple[bool, str]]:
    """Each OWD criterion on the terms `lic` (None: no licence known): (met, what to do)."""
    has = lic is not None
    gated = weights.access in ("approval", "on_request")
    return {
        "owd-1": (has and lic.redistribution, "allow free redistribution of the weights"),
        "owd-2": (weights.available, "release the final weights themselves (intermediate checkpoints alone do not count)"),
        "owd-3": (has and lic.derivatives, "allow derived works"),
        "owd-4": (has, "put the weights under a licence"),
        "owd-5": (has and not lic.threshold and not lic.regional_exclusion and not gated,
                  "drop user or revenue thresholds, regional exclusions and approval gates"),
        "owd-6": (has and lic.commercial_use and not lic.use_restrictions and not weights.extra_terms,
                  "drop non-commercial clauses, acceptable use policies (in the licence or at the click-through) "
                  "and field-of-use limits"),
        "owd-7": (has and not lic.revocation, "drop the licensor's right to revoke or restrict remotely"),
        "owd-8": (has and not lic.product_specific,
                  "drop any tie of the rights to one product" if has else "put the weights under a licence"),
        "owd-9": (has and not lic.output_restriction, "drop limits on using outputs to train other models"),
        "owd-10": (has, "put the weights under a licence"),
    }


def _owd(release: Release) -> Verdict:
    """The OWD criteria on the terms in effect: for a fine-tune, its own licence and its base model's. A
    criterion that only the base model's licence fails says so, with what would lift it."""
    weights = release.components[WEIGHTS]
    checks = _owd_checks(weights.terms_license if weights.available else None, weights)
    refs = _component_refs(WEIGHTS)
    base = weights.bound_by
    if base is not None:
        refs += BASE_LICENSE_REFS[:1]
        own = _owd_checks(weights.license if weights.available else None, weights)
        for cid, (met, _) in list(checks.items()):
            if not met and own[cid][0]:
                checks[cid] = (False, f"{base.action()} ({base.binding()})")
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
    if release.base is None:
        same = "same as the end model (not a fine-tune)"
        base_data, base_weights = (data_grade, same), (weights_grade, same)
    else:
        base = release.base
        base_data = ("partial" if base.data_information else "closed",
                     "the base model's data information, as answered (its datasets themselves are not asked)")
        base_weights = ("open" if base.open_terms else ("partial" if base.license is not None else "closed"),
                        f"the licence of the base model's weights ({base.license_label}); their access is not asked")

    def either(*states: ComponentState) -> str:
        grades = [_grade(s) for s in states]
        return "open" if "open" in grades else ("partial" if "partial" in grades else "closed")

    code_doc = [_grade(c["model_architecture"], code=True), _grade(c["inference_code"], code=True)]
    dims = (
        Dimension("base_data", "Base model data", "availability", *base_data),
        Dimension("end_data", "End model data", "availability", data_grade, "Datasets and the data information"),
        Dimension("base_weights", "Base model weights", "availability", *base_weights),
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
                  "the licence of the final weights" + ("" if release.base is None else " and of the base model's")),
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
    checkpoints = c[CHECKPOINTS]
    something = weights.available or checkpoints.available or bool(released_code) or c["datasets"].available

    reasons: list[Reason] = []
    weights_refs = _component_refs(WEIGHTS)
    base = weights.bound_by
    base_note = "" if base is None else f"; so is the base model's licence ({base.license_label})"
    if osaid.met:
        tier = "open-source"
        reasons.append(Reason(
            f"OSAID 1.0 is met: the weights are open ({weights.license_label}{base_note}), the code is under "
            "OSI-approved licences and the data information is complete", weights_refs))
    elif weights_open:
        tier = "open-weight"
        reasons.append(Reason(
            f"The final weights are {ACCESS_WORDS[weights.access or 'public']} under open terms "
            f"({weights.license_label}{base_note})", weights_refs + (BASE_LICENSE_REFS[:1] if base else ())))
        for req in osaid.unmet:
            reasons.append(Reason(f"Not open source: {req.text[0].lower() + req.text[1:]} is not met", req.refs))
    elif something:
        tier = "partially-open"
        parts = []
        if weights.available:
            parts.append("the final weights")
        if checkpoints.available:
            parts.append("the intermediate checkpoints")
        parts += [s.name.lower() for s in released_code]
        if c["datasets"].available:
            parts.append("the datasets")
        reasons.append(Reason(f"Released: {', '.join(parts)}",
                              tuple(f"components.{s.key}.released" for s in c.values() if s.available)))
        for req in _weights_requirements(weights):
            if req.met:
                continue
            if req.id == "weights-released" and checkpoints.available:
                reasons.append(Reason("Not open-weight: the final weights are not released; intermediate checkpoints "
                                      "alone do not count as the weights (OWD criterion 2)",
                                      req.refs + (f"components.{CHECKPOINTS}.released",)))
            elif req.id == "weights-released":
                reasons.append(Reason("Not open-weight: the final weights are not released", req.refs))
            elif req.id == "weights-base-open-terms" and weights.bound_by is not None:
                reasons.append(Reason(f"Not open-weight: {weights.bound_by.binding()}, whatever the fine-tune's own "
                                      "licence says", req.refs))
            else:
                reasons.append(Reason(f"Not open-weight: {req.action}", req.refs))
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
        if state.available and state.extra_terms and state.license is not None and state.license.open_terms:
            accepted = ("people accept extra terms at the click-through" if state.click_through_terms
                        else "what people accept at the click-through is not answered, so it counts as extra terms")
            reasons.append(Reason(
                f"{state.name}: {accepted} beyond its licence ({state.license_label}), such as an acceptable use "
                "policy; they restrict its use, so it is not under open terms",
                _component_refs(state.key, "access", "click_through_terms")))
    for item in release.data_items:
        if item.confidence == "self-assessed":
            prefix = f"data_information.{item.key}_"
            reasons.append(Reason(
                f"Data information ({DATA_ITEM_WORDS[item.key]}): the terms of {item.license_text!r} are self-assessed "
                "by the publisher, not known to the knowledge base",
                (prefix + "license", *(f"{prefix}terms.{t}" for t in TERM_KEYS))))

    next_tier = _next_tier(tier, release, osaid)
    warnings = list(release.warnings)
    for key in mof.not_type_appropriate:
        warnings.append(f"MOF: {BY_KEY[key].mot_name} has an open licence that MOT does not expect for "
                        f"{BY_KEY[key].content_type}")
    for state in c.values():
        if state.available and state.confidence == "alias" and state.license is not None and state.license.kind == "spdx":
            warnings.append(f"MOF: {state.name} licence {state.license_text!r} is read as {state.license.id}, but MOT "
                            "counts only exact SPDX ids, so the MOF class does not count it as open")
        elif state.available and state.license is not None and state.license.open_terms and not licenses.mot_is_open(
                state.license_text):
            warnings.append(f"MOF: {state.name} licence {state.license_text!r} counts as open terms here, but MOT "
                            "counts only exact SPDX ids, its open-data list and OpenMDW-1.0 as open, so the MOF class "
                            "does not count it as open")
        if state.available and state.license is not None and getattr(state.license, "verify", False):
            warnings.append(f"{state.name}: some facts of {state.license.name} come from secondary sources; "
                            "confirm them against the licence text")
    return Classification(tier, tuple(reasons), osaid, owd, mof, _osai(release), next_tier, tuple(dict.fromkeys(warnings)))


def _next_tier(tier: str, release: Release, osaid: Verdict) -> NextTier | None:
    if tier == "open-source":
        return None
    if tier == "closed":
        return NextTier("partially-open", (
            "release the final model parameters (weights), on any terms (or intermediate checkpoints, any code "
            "component, or the datasets)",))
    if tier == "partially-open":
        unmet = [r for r in _weights_requirements(release.components[WEIGHTS]) if not r.met]
        changes = [r.action for r in unmet if r.id != "weights-base-open-terms"]
        if not release.components[WEIGHTS].available:
            changes += ["let anyone download them without approval", "license them under open terms such as Apache-2.0"]
        changes += [r.action for r in unmet if r.id == "weights-base-open-terms"]
        return NextTier("open-weight", tuple(changes))
    return NextTier("open-source", tuple(r.action for r in osaid.unmet))
