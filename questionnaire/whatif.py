"""What if: change a few answers and see how the classification moves.

A change is written `COMPONENT=SPEC`, the way a workshop asks it:

    training_code=released:Apache-2.0
    model_parameters_final=license:MIT
    model_parameters_final=access:public
    datasets=unreleased
    training_code=released,license:Apache-2.0,access:public
    model_parameters_final=access:click_through,click_through_terms:license_only
    data_information=description:CC-BY-4.0,public_list:CC-BY-4.0,third_party_list:none_used

`apply(answers, changes)` gives new flat answers; `headline(changes, answers, before, after)` says in one
sentence what the change does to the tier ("Releasing the training code under Apache-2.0 makes this open
source"); `diff(before, after)` gives the structured differences (`Difference`): the tier, then each
framework's summary, requirements met or lost, grades, measures and new notes, then new warnings;
`sentence` renders each as the one sentence a user reads. Pure: no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from questionnaire import ids, vocabulary
from questionnaire.components import ACCESS_CHOICES, BY_KEY, CLICK_THROUGH_CHOICES, COMPONENTS
from questionnaire.errors import UserError
from questionnaire.frameworks import measure_text
from questionnaire.text import one_line, quoted

DATA_INFORMATION = ids.DATA_INFORMATION
COMPONENT_FIELDS = ("released", "unreleased", "license", "access", "location", "click_through_terms")
DATA_FIELDS = ids.DATA_ITEMS
ALIASES = {
    "weights": "model_parameters_final",
    "final_weights": "model_parameters_final",
    "intermediate_weights": "model_parameters_intermediate",
    "checkpoints": "model_parameters_intermediate",
}
_TRUE, _FALSE = ("true", "yes"), ("false", "no")
_UNPUBLISHED = ("unpublished", "not_published", "no", "false")
_ACCEPTS = {"license_only": "only the licence", "extra_terms": "extra terms"}
_DATA_PHRASES = {
    "description": "a complete description of the training data",
    "public_list": "the list of public training data",
    "third_party_list": "the list of third-party training data",
}


@dataclass(frozen=True)
class Change:
    """One parsed `COMPONENT=SPEC`. For a component: released/license/access/location/click_through_terms
    as given (None: unchanged). For data_information: `data` holds (field, value) pairs."""

    text: str
    component: str
    released: bool | None = None
    license: str | None = None
    access: str | None = None
    location: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    click_through_terms: str | None = None


def _valid_components() -> str:
    return ", ".join([c.key for c in COMPONENTS] + [DATA_INFORMATION])


def _bad(text: str, message: str) -> UserError:
    return UserError(f"--set {quoted(text)}: {message}")


def parse_change(text: str) -> Change:
    """`COMPONENT=SPEC` -> Change; a UserError that lists the valid names for anything unknown."""
    if not isinstance(text, str) or "=" not in text:
        raise _bad(str(text), "should be COMPONENT=SPEC, as in training_code=released:Apache-2.0")
    name, spec = text.split("=", 1)
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    if key != DATA_INFORMATION and key not in BY_KEY:
        raise _bad(text, f"unknown component {quoted(name.strip())}; the components are: {_valid_components()}")
    parts = [part.strip() for part in spec.split(",")]
    if not any(parts):
        raise _bad(text, "says nothing to change; give a field, as in released:Apache-2.0 or access:public")
    if key == DATA_INFORMATION:
        return _parse_data(text, parts)
    released: bool | None = None
    values: dict[str, str] = {}
    for field, value in _fields(parts):
        if field not in COMPONENT_FIELDS:
            raise _bad(
                text,
                f"unknown field {quoted(field)}; the fields are: released, released:LICENCE, "
                "unreleased, license:LICENCE, access:ACCESS, location:URL, "
                "click_through_terms:license_only|extra_terms",
            )
        if field == "unreleased":
            if value:
                raise _bad(text, "unreleased takes no value")
            released = False
        elif field == "released":
            if value.lower() in _FALSE:
                released = False
            else:
                released = True
                if value and value.lower() not in _TRUE:
                    values["license"] = value
        elif not value:
            raise _bad(
                text,
                f"{field} needs a value, as in {field}:"
                + {
                    "license": "Apache-2.0",
                    "access": "public",
                    "location": "https://...",
                    "click_through_terms": "license_only",
                }[field],
            )
        elif field in values:
            raise _bad(text, f"gives {field} twice")
        else:
            values[field] = value
    access = values.get("access")
    if access is not None:
        access = access.lower().replace("-", "_")
        if access not in ACCESS_CHOICES:
            raise _bad(text, f"unknown access {quoted(values['access'])}; the choices are: {', '.join(ACCESS_CHOICES)}")
    accepted = values.get("click_through_terms")
    if accepted is not None:
        accepted = accepted.lower().replace("-", "_")
        if accepted not in CLICK_THROUGH_CHOICES:
            raise _bad(
                text,
                f"unknown click_through_terms {quoted(values['click_through_terms'])}; the choices "
                f"are: {', '.join(CLICK_THROUGH_CHOICES)}",
            )
    if released is False and values:
        raise _bad(text, "a component that is unreleased has no licence, access, location or click-through terms")
    if released is None and values:
        released = True  # a licence, an access or a location means it is released
    return Change(
        text, key, released, values.get("license"), access, values.get("location"), click_through_terms=accepted
    )


def _fields(parts: list[str]) -> Iterator[tuple[str, str]]:
    """'license:Apache-2.0' -> ('license', 'Apache-2.0'): the field lower-cased, empty parts skipped."""
    for part in parts:
        if part:
            field, _, value = part.partition(":")
            yield field.strip().lower(), value.strip()


def _parse_data(text: str, parts: list[str]) -> Change:
    data: list[tuple[str, str]] = []
    for field, value in _fields(parts):
        if field not in DATA_FIELDS:
            raise _bad(
                text,
                f"unknown field {quoted(field)}; the fields of data_information are: "
                "description:LICENCE|unpublished, public_list:LICENCE|none_used|unpublished, "
                "third_party_list:LICENCE|none_used|unpublished",
            )
        if not value:
            raise _bad(
                text,
                f"{field} needs a value: a licence such as CC-BY-4.0, "
                + ("or unpublished" if field == "description" else "none_used or unpublished"),
            )
        if field == "description" and value.lower() == "none_used":
            raise _bad(text, "the description of the training data cannot be none_used; give a licence or unpublished")
        data.append((field, value))
    return Change(text, DATA_INFORMATION, data=tuple(data))


def _as_changes(changes: Iterable[str | Change]) -> list[Change]:
    return [c if isinstance(c, Change) else parse_change(c) for c in changes]


def apply(answers: Mapping[str, Any], changes: Iterable[str | Change]) -> dict[str, Any]:
    """New flat answers with the changes made (the given answers are not modified)."""
    from questionnaire.answers import nest, validate_answers

    result = dict(answers)
    for change in _as_changes(changes):
        if change.component == DATA_INFORMATION:
            _apply_data(result, change)
            continue
        key = change.component
        prefix = ids.component_prefix(key)
        if change.released is False:
            for qid in [q for q in result if q.startswith(prefix)]:
                del result[qid]
            result[ids.component(key, ids.RELEASED)] = False
            continue
        if change.released:
            result[ids.component(key, ids.RELEASED)] = True
            result.setdefault(ids.component(key, ids.ACCESS), "public")  # releasing, as a what-if says it: for anyone
            if key == "supporting_libraries":
                result[ids.SUPPORTING_LIBRARIES_USED] = True
        if change.license is not None and change.license != result.get(ids.component(key, ids.LICENSE)):
            result[ids.component(key, ids.LICENSE)] = change.license
            terms = ids.term(key, "")
            for qid in [q for q in result if q.startswith(terms)]:
                del result[qid]  # self-assessed terms belong to the licence they were given for
        for field, value in (
            (ids.ACCESS, change.access),
            (ids.CLICK_THROUGH_TERMS, change.click_through_terms),
            (ids.LOCATION, change.location),
        ):
            if value is not None:
                result[ids.component(key, field)] = value
    return validate_answers(nest(result))


def _apply_data(result: dict[str, Any], change: Change) -> None:
    for field, value in change.data:
        qid, licence = ids.data_item(field), ids.data_license(field)
        result.pop(licence, None)
        for stale in [q for q in result if q.startswith(ids.data_terms_prefix(field))]:
            del result[stale]  # self-assessed terms belong to the licence they were given for
        lowered = value.lower()
        if field == "description":
            result[qid] = lowered not in _UNPUBLISHED
            if result[qid] and lowered not in ("published", "yes", "true"):
                result[licence] = value
        elif lowered == "none_used":
            result[qid] = "none_used"
        elif lowered in _UNPUBLISHED:
            result[qid] = "not_published"
        else:
            result[qid] = "published"
            if lowered != "published":
                result[licence] = value


@lru_cache(maxsize=1)
def licence_choices() -> tuple[str, ...]:
    """The licences the app offers to try, from data/whatif_licences.toml (in its order; read once)."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "whatif_licences.toml"
    with path.open("rb") as handle:
        return tuple(tomllib.load(handle)["licences"])


# ---------------------------------------------------------------- the headline


def describe_change(change: Change, before: Mapping[str, Any]) -> str:
    """A gerund phrase: 'releasing the training code under Apache-2.0', 'making the final weights
    downloadable by anyone'. `before` (flat answers) tells releasing from relicensing."""
    if change.component == DATA_INFORMATION:
        return vocabulary.join([_describe_data(field, value) for field, value in change.data])
    key = change.component
    what = vocabulary.the(key)
    was_released = before.get(ids.component(key, ids.RELEASED)) is True
    old_licence, old_access = before.get(ids.component(key, ids.LICENSE)), before.get(ids.component(key, ids.ACCESS))
    if change.released is False:
        return f"withdrawing {what}" if was_released else f"leaving {what} unreleased"
    licence = one_line(change.license) if change.license is not None else None
    if licence is not None and not was_released:
        phrase = f"releasing {what} under {licence}"
    elif licence is not None and licence != old_licence:
        phrase = f"relicensing {what} under {licence}"
    elif change.released and not was_released:
        phrase = f"releasing {what}" + ("" if old_licence else " with no licence")
    elif change.access is not None:
        verb = "putting" if change.access in ("click_through", "approval") else "making"
        accepted = vocabulary.CLICK_THROUGH_ACCEPTS.get(change.click_through_terms or "", "")
        accepted = f" {accepted}" if accepted and change.access == "click_through" else ""
        return f"{verb} {what} {vocabulary.access(change.access).gate}{accepted}" + (
            f" at {one_line(change.location)}" if change.location else ""
        )
    elif change.click_through_terms is not None:
        return f"asking people to accept {_ACCEPTS[change.click_through_terms]} at the click-through of {what}"
    elif change.location is not None:
        return f"recording where {what} {vocabulary.is_(key)} ({one_line(change.location)})"
    else:
        phrase = f"keeping {what} as {'they are' if vocabulary.component(key).plural else 'it is'}"
    if change.access is not None and (change.access != old_access if was_released else change.access != "public"):
        phrase += f" with {vocabulary.access(change.access).with_}"
    return phrase


def _describe_data(field: str, value: str) -> str:
    lowered = value.lower()
    thing = _DATA_PHRASES[field]
    if lowered == "none_used":
        return "stating that no " + ("public" if field == "public_list" else "third-party") + " training data was used"
    if lowered in _UNPUBLISHED:
        return f"not publishing {thing}"
    if lowered in ("published", "yes", "true"):
        return f"publishing {thing}"
    return f"publishing {thing} under {one_line(value)}"


def headline(changes: Iterable[str | Change], before_answers: Mapping[str, Any], before: Any, after: Any) -> str:
    """'Releasing the training code under Apache-2.0 makes this open source (it was open-weight).'"""
    parsed = _as_changes(changes)
    doing = vocabulary.join([describe_change(c, before_answers) for c in parsed]) or "this change"
    words = vocabulary.TIER_WORDS
    if after.tier != before.tier:
        sentence = f"{doing} makes this {words[after.tier]} (it was {words[before.tier]})"
    else:
        sentence = f"{doing} keeps this {words[after.tier]}"
        if after.next_tier is not None and after.next_tier.changes:
            needed = vocabulary.count(len(after.next_tier.changes), "more change")
            sentence += f": {words[after.next_tier.tier]} still needs {needed}"
    return vocabulary.capital(sentence) + "."


# ---------------------------------------------------------------- the differences


@dataclass(frozen=True)
class Difference:
    """One thing that moved between two classifications (or, for "tier" and "summary", stayed).

    kind: "tier" (before/after: tier ids), "summary" (a framework's summary line), "requirement" (met:
    bool), "grade" (a graded requirement: open/partial/closed), "measure" (a number; `scale` is its
    maximum), "note" (a framework's new note, in `after`) or "warning" (a new warning, in `after`).
    `framework` is the framework's id, `item` the requirement's or measure's id; `label` and
    `framework_title` are their words, so that a difference is rendered without the classifications.
    `direction` says which way it went for openness: 1 gained, -1 lost, 0 neither (or unchanged)."""

    kind: str
    framework: str | None
    item: str | None
    before: Any
    after: Any
    label: str = ""
    framework_title: str = ""
    direction: int = 0
    scale: float | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


_GRADE_POINTS = {"open": 2, "partial": 1, "closed": 0}


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)


def _verdict_differences(old: Any, new: Any) -> list[Difference]:
    title = new.short_title
    met_moved = (new.met is True) - (old.met is True)
    out = [
        Difference(
            "summary",
            new.id,
            None,
            old.summary,
            new.summary,
            new.title,
            title,
            met_moved if old.summary != new.summary else 0,
        )
    ]
    was = {r.id: r for r in old.requirements}
    for requirement in new.requirements:
        before = was.get(requirement.id)
        if before is None:
            continue  # a requirement only one side asks for (the MOF's next class): no flip to tell
        if requirement.grade is not None and before.grade != requirement.grade:
            out.append(
                Difference(
                    "grade",
                    new.id,
                    requirement.id,
                    before.grade,
                    requirement.grade,
                    requirement.text,
                    title,
                    _sign(_GRADE_POINTS.get(requirement.grade, 0) - _GRADE_POINTS.get(before.grade or "", 0)),
                )
            )
        elif requirement.grade is None and before.met != requirement.met:
            out.append(
                Difference(
                    "requirement",
                    new.id,
                    requirement.id,
                    before.met,
                    requirement.met,
                    requirement.text,
                    title,
                    1 if requirement.met else -1,
                )
            )
    old_measures = {m.id: m for m in old.measures}
    for measure in new.measures:
        before_measure = old_measures.get(measure.id)
        if before_measure is not None and before_measure.value != measure.value:
            out.append(
                Difference(
                    "measure",
                    new.id,
                    measure.id,
                    before_measure.value,
                    measure.value,
                    measure.label,
                    title,
                    _sign(measure.value - before_measure.value),
                    measure.maximum,
                )
            )
    out += [Difference("note", new.id, None, None, note, "", title) for note in new.notes if note not in old.notes]
    return out


def diff(before: Any, after: Any) -> list[Difference]:
    """What moved between two classifications: the tier, then each framework in order (its summary, the
    requirements met or lost, grades and measures that moved, new notes), then new warnings."""
    differences = [
        Difference(
            "tier",
            None,
            None,
            before.tier,
            after.tier,
            direction=_sign(vocabulary.tier_rank(after.tier) - vocabulary.tier_rank(before.tier)),
        )
    ]
    old = {v.id: v for v in before.frameworks}
    for verdict in after.frameworks:
        if verdict.id in old:
            differences += _verdict_differences(old[verdict.id], verdict)
    differences += [Difference("warning", None, None, None, w) for w in after.warnings if w not in before.warnings]
    return differences


def sentence(difference: Difference) -> str:
    """One difference as a sentence: every what-if text is written here."""
    d, words = difference, vocabulary.TIER_WORDS
    if d.kind == "tier":
        if not d.changed:
            return f"The tier stays {words[d.after]}."
        return f"The tier goes from {words[d.before]} to {words[d.after]}."
    if d.kind == "summary":
        if not d.changed:
            return f"{d.framework_title}: {d.after}, unchanged."
        return f"{d.framework_title}: {d.after} (was {d.before})."
    if d.kind == "requirement":
        return f"{'Now met' if d.after else 'No longer met'} for {d.framework_title}: {_lower_first(d.label)}."
    if d.kind == "grade":
        return f"{d.framework_title}, {d.label}: {d.before or 'not assessed'} to {d.after or 'not assessed'}."
    if d.kind == "measure":
        before, after = measure_text(d.before, d.scale or 0), measure_text(d.after, d.scale or 0)
        return f"{d.framework_title}, {d.label}: from {before} to {after}."
    if d.kind == "note":
        return f"New note from {d.framework_title}: {d.after}."
    return f"New warning: {d.after}"


def sentences(differences: Iterable[Difference]) -> list[str]:
    return [sentence(d) for d in differences]


def as_dict(difference: Difference) -> dict[str, Any]:
    """A difference as JSON: kind, framework, item, before, after, direction and its sentence."""
    return {
        "kind": difference.kind,
        "framework": difference.framework,
        "item": difference.item,
        "before": difference.before,
        "after": difference.after,
        "direction": difference.direction,
        "text": sentence(difference),
    }


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


__all__ = [
    "Change",
    "Difference",
    "parse_change",
    "apply",
    "diff",
    "sentence",
    "sentences",
    "as_dict",
    "headline",
    "describe_change",
    "licence_choices",
]
