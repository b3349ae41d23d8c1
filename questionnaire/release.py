"""The release a set of answers describes: each component's state, the data information, the base model.

`read_release(answers)` reads flat answers once, resolving each licence string against the licence
knowledge base, and says what it could not read in `Release.warnings`. The frameworks
(`questionnaire.frameworks`) and the tier policy (`questionnaire.rules`) judge this release; neither
reads the answers again. Also here: a licence's restricting clauses in words, used by every framework that
says why terms are not open. Pure and deterministic. Core: no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from questionnaire import ids, licenses, vocabulary
from questionnaire.components import BY_KEY, COMPONENTS, DATA_INFORMATION_ITEMS, TERM_KEYS
from questionnaire.text import REMEMBERED_LENGTH

WEIGHTS = "model_parameters_final"
CHECKPOINTS = "model_parameters_intermediate"
DATASETS = "datasets"
BASE_LICENSE_REFS = (ids.BASE_MODEL_LICENSE, ids.BASE_MODEL)
DOWNLOADABLE = ("public", "click_through")


@dataclass(frozen=True)
class ComponentState:
    key: str
    released: bool
    license_text: str | None  # exactly as answered
    access: str | None  # None: not answered (never taken for public)
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
            return license_label(self.license)
        return self.license_text or "no licence"


def license_label(license: Any) -> str:
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
            return license_label(self.license)
        if self.license_text is None or not self.license_text.strip():
            return "not given"
        return self.license_text.strip()

    def action(self) -> str:
        """What lifts the cap: another base model, or the licence named when it is missing or unknown."""
        text = (self.license_text or "").strip()
        if self.license is None and text != "unlicensed":
            return (
                "give the licence of the base model's weights as the knowledge base knows it (an SPDX id or "
                "a known AI licence), or choose a base model whose weights are under open terms"
            )
        return (
            "choose a base model whose weights are under open terms, such as Apache-2.0, MIT or OpenMDW-1.0, "
            "or train the model from scratch"
        )

    def binding(self) -> str:
        """Why the base model's licence keeps the fine-tune from open terms, in a phrase."""
        if self.license is not None:
            return (
                f"the base model's licence, {self.license_label}, binds derivatives: "
                f"{', '.join(restrictions(self.license))}"
            )
        if self.license_text is None or not self.license_text.strip():
            return "the base model's licence is not given, so its terms count as not open"
        if licenses.is_unlicensed(self.license_text):
            return "the base model is released without a licence, which grants no rights to build on it"
        return f"the base model's licence {self.license_text.strip()!r} is not known, so its terms count as not open"


@lru_cache(maxsize=256)
def _both(own: Any, base: Any) -> Any:
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
        return self.state == "none_used" or (
            self.state == "published" and self.license is not None and self.license.open_terms
        )


@dataclass(frozen=True)
class Release:
    name: str
    components: dict[str, ComponentState]
    supporting_libraries_used: bool
    data_items: tuple[DataItem, ...]
    is_finetune: bool
    warnings: tuple[str, ...]
    base: BaseModel | None = None  # a fine-tune's base model; None for a model trained from scratch
    answers: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)  # as read, for frameworks

    def answer(self, qid: str) -> Any:
        """One answer as given (None when not answered): for a framework that asks questions of its own."""
        return None if self.answers is None else self.answers.get(qid)


class _Terms:
    """The self-assessed terms of a licence, read from the answers only when needed."""

    def __init__(self, answers: Mapping[str, Any], qid: Any) -> None:
        self.answers, self.qid = answers, qid

    def get(self, key: str) -> Any:
        return self.answers.get(self.qid(key))


def _resolve(text: str | None, terms: _Terms | None) -> tuple[Any, str, str | None]:
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
    suggestion = match.suggestions[0].id if match.suggestions else None
    if answered:  # (the nearest known licence kept: a near miss of one is said, terms self-assessed or not)
        return licenses.custom_license(text.strip(), answered), "self-assessed", suggestion
    return None, match.confidence, suggestion


def _licence_warnings(
    label: str, text: str | None, license: Any, confidence: str, suggestion: str | None, terms: _Terms
) -> list[str]:
    """What the reader should know about how a licence string was read: not known, or self-assessed with
    some terms unanswered."""
    if not text or licenses.is_unlicensed(text):
        return []
    if licenses.names_no_license(text):
        return [
            f"{label}: {text!r} names no licence, so it counts as declared without one (proprietary): "
            "nobody may reuse it, and its terms are not asked"
        ]
    if license is None:
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        return [
            f"{label}: licence {text!r} is not known, so its terms count as not open: name a known licence "
            f"or answer the questions about its terms{hint}"
        ]
    found = []
    if confidence == "self-assessed" and suggestion:
        found.append(
            f"{label}: {text!r} is not a licence the tool knows, so its terms are as answered (self-assessed), "
            f"but it is close to {suggestion}: if it is that licence, name it, and its known terms apply"
        )
    unanswered = [key for key in TERM_KEYS if terms.get(key) is None] if confidence == "self-assessed" else []
    if unanswered:
        one = len(unanswered) == 1
        names = ", ".join(key.replace("_", " ") for key in unanswered)
        found.append(
            f"{label}: the terms of {text!r} are self-assessed, but {names} {'is' if one else 'are'} not "
            f"answered and count{'s' if one else ''} against open terms"
        )
    return found


# Each component's answer ids (released, licence, access, click-through terms, its licence's terms), built once.
_COMPONENT_QIDS = tuple(
    (
        component,
        ids.component(component.key, ids.RELEASED),
        ids.component(component.key, ids.LICENSE),
        ids.component(component.key, ids.ACCESS),
        ids.component(component.key, ids.CLICK_THROUGH_TERMS),
        tuple(ids.term(component.key, term) for term in TERM_KEYS),
    )
    for component in COMPONENTS
)
# Each data-information item's answer ids (published, licence, its licence's terms).
_DATA_QIDS = tuple(
    (key, ids.data_item(key), ids.data_license(key), tuple(ids.data_term(key, term) for term in TERM_KEYS))
    for key in DATA_INFORMATION_ITEMS
)
_NO_TERMS = (None,) * len(TERM_KEYS)


@lru_cache(maxsize=64)
def _unreleased(key: str) -> ComponentState:
    """A component not released, the same frozen state for every release (no base model to bind it)."""
    return ComponentState(key, False, None, None)


# A released component's state and warnings, read once per process for the same answers about it: the
# records of a batch repeat them (273 MOT records: 1,834 released components, 237 distinct). Only answers of
# plain text (a licence string of at most 200 characters), no self-assessed terms and no base model: a
# bounded table of small entries, and no two answers that are equal but read apart (1 and 1.0, 0.0 and -0.0).
_STATES: dict[tuple, tuple[ComponentState, tuple[str, ...]]] = {}
_DATA: dict[tuple, tuple[DataItem, tuple[str, ...]]] = {}
_MAX_REMEMBERED = 4096


def _plain_text(value: Any) -> bool:
    return value is None or (type(value) is str and len(value) <= REMEMBERED_LENGTH)


def read_release(answers: Mapping[str, Any]) -> Release:
    """The release a set of flat answers describes, with warnings about what could not be read."""
    warnings: list[str] = []
    base = _read_base(answers, warnings)
    components: dict[str, ComponentState] = {}
    get = answers.get
    for component, released_qid, license_qid, access_qid, click_through_qid, term_qids in _COMPONENT_QIDS:
        key = component.key
        if get(released_qid) is not True:
            components[key] = (
                _unreleased(key)
                if key != WEIGHTS or base is None
                else ComponentState(key, False, None, None, bound_by=base)
            )
            continue
        text, access, click_through = get(license_qid), get(access_qid) or None, get(click_through_qid)
        bound_by = base if key == WEIGHTS else None
        remembered = (
            bound_by is None
            and _plain_text(text)
            and _plain_text(access)
            and _plain_text(click_through)
            and tuple(map(get, term_qids)) == _NO_TERMS
        )
        found = _STATES.get((key, text, access, click_through)) if remembered else None
        if found is None:
            found = _component_state(component, text, access, click_through, bound_by, answers)
            if remembered and len(_STATES) < _MAX_REMEMBERED:
                _STATES[(key, text, access, click_through)] = found
        components[key] = found[0]
        warnings += found[1]
    data_items = []
    for key, item_qid, license_qid, term_qids in _DATA_QIDS:
        if key == "description":
            state = "published" if get(item_qid) else "not_published"
        else:
            state = get(item_qid) or "not_published"
        text = get(license_qid) if state == "published" else None
        remembered = (
            type(state) is str and _plain_text(text) and (text is None or tuple(map(get, term_qids)) == _NO_TERMS)
        )
        found = _DATA.get((key, state, text)) if remembered else None
        if found is None:
            found = _data_item(key, state, text, answers)
            if remembered and len(_DATA) < _MAX_REMEMBERED:
                _DATA[(key, state, text)] = found
        data_items.append(found[0])
        warnings += found[1]
    return Release(
        name=str(answers.get(ids.NAME) or ""),
        components=components,
        supporting_libraries_used=bool(answers.get(ids.SUPPORTING_LIBRARIES_USED))
        or components["supporting_libraries"].released,
        data_items=tuple(data_items),
        is_finetune=base is not None,
        warnings=tuple(dict.fromkeys(warnings)),
        base=base,
        answers=dict(answers),
    )


def _component_state(
    component: Any, text: Any, access: Any, click_through: Any, bound_by: BaseModel | None, answers: Mapping[str, Any]
) -> tuple[ComponentState, tuple[str, ...]]:
    """A released component's state, and the warnings about how its licence was read."""
    key = component.key
    terms = _Terms(answers, lambda term, key=key: ids.term(key, term))
    license, confidence, suggestion = _resolve(text, terms)
    state = ComponentState(
        key=key,
        released=True,
        license_text=text,
        access=access,
        license=license,
        confidence=confidence,
        suggestion=suggestion,
        click_through_terms=click_through,
        bound_by=bound_by,
    )
    warnings = _licence_warnings(component.mot_name, text, license, confidence, suggestion, terms)
    if (
        state.available
        and state.extra_terms
        and state.click_through_terms is None
        and (license is not None and license.open_terms)
    ):
        warnings.append(
            f"{component.mot_name}: what people accept at the click-through is not answered, so it "
            "counts as extra terms beyond the licence (a use restriction, not open terms)"
        )
    return state, tuple(warnings)


def _data_item(key: str, state: Any, text: Any, answers: Mapping[str, Any]) -> tuple[DataItem, tuple[str, ...]]:
    """A data-information item, and the warnings about how its licence was read."""
    terms = _Terms(answers, lambda term, key=key: ids.data_term(key, term))
    license, confidence, suggestion = _resolve(text, terms) if state == "published" else (None, "none", None)
    warnings: list[str] = []
    if state == "published":
        warnings = _licence_warnings(
            f"Data information ({vocabulary.DATA_ITEMS[key]})", text, license, confidence, suggestion, terms
        )
    return DataItem(key, state, license, text, confidence), tuple(warnings)


def _named(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _read_base(answers: Mapping[str, Any], warnings: list[str]) -> BaseModel | None:
    """The base model of a fine-tune, its licence resolved like a component's (no self-assessed terms).

    Never more open than what is known: a base model or its licence named binds the weights when the answer
    to "is it a fine-tune?" is missing (a required answer, left out of a hand-written file), and a base
    model the tool knows (`lineage.find`) under a licence that is not open terms binds them by that licence,
    whatever licence is answered for it. An explicit no is taken at its word: the base model's answers are
    left aside, and said to be (the questionnaire itself drops them when the answer is no)."""
    finetune = answers.get(ids.IS_FINETUNE)
    text, name = answers.get(ids.BASE_MODEL_LICENSE), answers.get(ids.BASE_MODEL)
    if finetune is not True:
        if not (_named(text) or _named(name)):
            return None
        pairs = (("base model", name), ("licence", text))
        named = ", ".join(f"{what} {value.strip()!r}" for what, value in pairs if _named(value))
        if finetune is False:
            warnings.append(
                f"Base model: the model is answered as not a fine-tune, so the answers about a base model "
                f"({named}) are left aside (if it is a fine-tune, answer yes: its base model's licence binds "
                "its weights)"
            )
            return None
        warnings.append(
            f"Base model: whether the model is a fine-tune is not answered, yet the answers name a base model "
            f"({named}), so it counts as a fine-tune bound by its base model (answer no if it was trained "
            "from scratch)"
        )
    text = text if isinstance(text, str) else None
    license, _, suggestion = _resolve(text, None)
    if text and text.strip() and license is None and not licenses.is_unlicensed(text):
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        warnings.append(f"Base model: licence {text!r} is not known, so its terms count as not open{hint}")
    if _named(name):
        license, text = _known_base_licence(name, text, license, warnings)
    return BaseModel(
        name=name.strip() if isinstance(name, str) else "",
        license_text=text,
        license=license,
        data_information=answers.get(ids.BASE_DATA_INFORMATION) is True,
    )


def _known_base_licence(name: str, text: str | None, license: Any, warnings: list[str]) -> tuple[Any, str | None]:
    """The base model's licence (and its text) once checked against what the tool knows of the base model:
    a licence answered as open terms for a base model the tool knows under a licence that is not gives
    way to the known licence, with a warning; any other difference is only said."""
    if not _named(text):
        return license, text
    from questionnaire import lineage

    known = lineage.find(name)
    if known is None:
        return license, text
    known_license = licenses.lookup(known.license).license
    if known_license is None or (license is not None and license.id == known_license.id):
        return license, text
    if license is not None and license.open_terms and not known_license.open_terms:
        warnings.append(
            f"Base model: {name.strip()!r} is known under {known.license} ({known.reason}), not under "
            f"{text.strip()!r} as answered; its weights are bound by {known.license}, which is not open terms"
        )
        return known_license, known.license
    warnings.append(
        f"Base model: {name.strip()!r} is known under {known.license} ({known.reason}), not under "
        f"{text.strip()!r} as answered; check which licence its weights are under"
    )
    return license, text


# ---------------------------------------------------------------- what a framework says about a component


@lru_cache(maxsize=512)
def component_refs(key: str, *fields: str) -> tuple[str, ...]:
    """The answer ids a verdict about component `key` rests on: released, licence and access unless named."""
    return tuple(ids.component(key, name) for name in (fields or (ids.RELEASED, ids.LICENSE, ids.ACCESS)))


NO_LICENCE = "released without a licence, so nobody may reuse it"
UNKNOWN_LICENCE = (
    "the licence is not known, so its terms count as not open (name a known licence, or answer "
    "the questions about its terms)"
)
EXTRA_TERMS = "extra terms accepted at the click-through, such as an acceptable use policy, restrict its use"


def restrictions(license: Any, text: str | None = None) -> list[str]:
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


def component_restrictions(state: ComponentState) -> list[str]:
    """What keeps a component from open terms: its licence's clauses, and the extra terms of its
    click-through when the publisher says there are some (unanswered, they count, but are not stated as
    a fact of the release)."""
    found = restrictions(state.license, state.license_text)
    if state.extra_terms and state.click_through_terms == "extra_terms":
        found.append(EXTRA_TERMS)
    return found


def now_access(state: ComponentState) -> str:
    """'now behind an approval gate', or that the access is not answered yet."""
    if state.access is None:
        return "how people get it is not answered yet"
    return f"now {vocabulary.access(state.access).words}"


__all__ = [
    "ComponentState",
    "BaseModel",
    "DataItem",
    "Release",
    "read_release",
    "license_label",
    "component_refs",
    "restrictions",
    "component_restrictions",
    "now_access",
    "WEIGHTS",
    "CHECKPOINTS",
    "DATASETS",
    "BASE_LICENSE_REFS",
    "DOWNLOADABLE",
    "NO_LICENCE",
    "UNKNOWN_LICENCE",
    "EXTRA_TERMS",
]
