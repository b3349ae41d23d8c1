"""What if: change a few answers and see how the classification moves.

A change is written `COMPONENT=SPEC`, the way a workshop asks it:

    training_code=released:Apache-2.0
    model_parameters_final=license:MIT
    model_parameters_final=access:public
    datasets=unreleased
    training_code=released,license:Apache-2.0,access:public
    model_parameters_final=access:click_through,click_through_terms:license_only
    data_information=description:CC-BY-4.0,public_list:CC-BY-4.0,third_party_list:none_used

`apply(answers, changes)` gives new flat answers; `diff(before, after, changes)` says in plain sentences
what changed: a headline built from the change and the tier ("releasing the training code under
Apache-2.0 makes this open-source"), then the tier, the OSAID requirements met or lost, the MOF class and
progress, the OWD criteria and the OSAI-style score. Pure: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Sequence

from questionnaire.components import ACCESS_CHOICES, BY_KEY, CLICK_THROUGH_CHOICES, COMPONENTS
from questionnaire.errors import UserError
from questionnaire.text import one_line

DATA_INFORMATION = "data_information"
COMPONENT_FIELDS = ("released", "unreleased", "license", "access", "location", "click_through_terms")
DATA_FIELDS = ("description", "public_list", "third_party_list")
ALIASES = {"weights": "model_parameters_final", "final_weights": "model_parameters_final",
           "intermediate_weights": "model_parameters_intermediate", "checkpoints": "model_parameters_intermediate"}
_TRUE, _FALSE = ("true", "yes"), ("false", "no")
_UNPUBLISHED = ("unpublished", "not_published", "no", "false")

# How a component is named inside a sentence.
_PHRASE_OVERRIDES = {
    "model_parameters_final": "final weights",
    "model_parameters_intermediate": "intermediate weights",
}
ACCESS_PHRASES = {  # the access of a component, after its name: "the final weights ..."
    "public": "downloadable by anyone",
    "click_through": "behind a click-through",
    "approval": "behind an approval gate",
    "on_request": "available only on request",
    "none": "not downloadable",
}
ACCESS_WITH = {  # the access, after a licence: "releasing the training code under MIT with ..."
    "public": "a public download",
    "click_through": "a click-through",
    "approval": "an approval gate",
    "on_request": "access only on request",
    "none": "no download",
}
_ACCEPTED = {  # after "behind a click-through"
    "license_only": " of the licence alone",
    "extra_terms": " with extra terms",
}
_ACCEPTS = {"license_only": "only the licence", "extra_terms": "extra terms"}
_DATA_PHRASES = {
    "description": "a complete description of the training data",
    "public_list": "the list of public training data",
    "third_party_list": "the list of third-party training data",
}


def component_phrase(key: str) -> str:
    """'training code', 'final weights': a component's name for the middle of a sentence."""
    if key in _PHRASE_OVERRIDES:
        return _PHRASE_OVERRIDES[key]
    name = BY_KEY[key].mot_name
    return name[0].lower() + name[1:]


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
    return UserError(f"--set {one_line(text)!r}: {message}")


def parse_change(text: str) -> Change:
    """`COMPONENT=SPEC` -> Change; a UserError that lists the valid names for anything unknown."""
    if not isinstance(text, str) or "=" not in text:
        raise _bad(str(text), "should be COMPONENT=SPEC, as in training_code=released:Apache-2.0")
    name, spec = text.split("=", 1)
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = ALIASES.get(key, key)
    if key != DATA_INFORMATION and key not in BY_KEY:
        raise _bad(text, f"unknown component {one_line(name.strip())!r}; the components are: {_valid_components()}")
    parts = [part.strip() for part in spec.split(",")]
    if not any(parts):
        raise _bad(text, "says nothing to change; give a field, as in released:Apache-2.0 or access:public")
    if key == DATA_INFORMATION:
        return _parse_data(text, parts)
    released: bool | None = None
    values: dict[str, str] = {}
    for field, value in _fields(parts):
        if field not in COMPONENT_FIELDS:
            raise _bad(text, f"unknown field {one_line(field)!r}; the fields are: released, released:LICENCE, "
                             "unreleased, license:LICENCE, access:ACCESS, location:URL, "
                             "click_through_terms:license_only|extra_terms")
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
            raise _bad(text, f"{field} needs a value, as in {field}:"
                             + {"license": "Apache-2.0", "access": "public", "location": "https://...",
                                "click_through_terms": "license_only"}[field])
        elif field in values:
            raise _bad(text, f"gives {field} twice")
        else:
            values[field] = value
    access = values.get("access")
    if access is not None:
        access = access.lower().replace("-", "_")
        if access not in ACCESS_CHOICES:
            raise _bad(text, f"unknown access {one_line(values['access'])!r}; the choices are: {', '.join(ACCESS_CHOICES)}")
    accepted = values.get("click_through_terms")
    if accepted is not None:
        accepted = accepted.lower().replace("-", "_")
        if accepted not in CLICK_THROUGH_CHOICES:
            raise _bad(text, f"unknown click_through_terms {one_line(values['click_through_terms'])!r}; the choices "
                             f"are: {', '.join(CLICK_THROUGH_CHOICES)}")
    if released is False and values:
        raise _bad(text, "a component that is unreleased has no licence, access, location or click-through terms")
    if released is None and values:
        released = True  # a licence, an access or a location means it is released
    return Change(text, key, released, values.get("license"), access, values.get("location"),
                  click_through_terms=accepted)


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
            raise _bad(text, f"unknown field {one_line(field)!r}; the fields of data_information are: "
                             "description:LICENCE|unpublished, public_list:LICENCE|none_used|unpublished, "
                             "third_party_list:LICENCE|none_used|unpublished")
        if not value:
            raise _bad(text, f"{field} needs a value: a licence such as CC-BY-4.0, "
                             + ("or unpublished" if field == "description" else "none_used or unpublished"))
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
        prefix = f"components.{change.component}."
        if change.released is False:
            for qid in [q for q in result if q.startswith(prefix)]:
                del result[qid]
            result[prefix + "released"] = False
            continue
        if change.released:
            result[prefix + "released"] = True
            result.setdefault(prefix + "access", "public")
            if change.component == "supporting_libraries":
                result["development.supporting_libraries_used"] = True
        if change.license is not None and change.license != result.get(prefix + "license"):
            result[prefix + "license"] = change.license
            for qid in [q for q in result if q.startswith(prefix + "terms.")]:
                del result[qid]  # self-assessed terms belong to the licence they were given for
        if change.access is not None:
            result[prefix + "access"] = change.access
        if change.click_through_terms is not None:
            result[prefix + "click_through_terms"] = change.click_through_terms
        if change.location is not None:
            result[prefix + "location"] = change.location
    return validate_answers(nest(result))


def _apply_data(result: dict[str, Any], change: Change) -> None:
    for field, value in change.data:
        qid = f"data_information.{field}"
        result.pop(qid + "_license", None)
        for stale in [q for q in result if q.startswith(qid + "_terms.")]:
            del result[stale]  # self-assessed terms belong to the licence they were given for
        lowered = value.lower()
        if field == "description":
            result[qid] = lowered not in _UNPUBLISHED
            if result[qid] and lowered not in ("published", "yes", "true"):
                result[qid + "_license"] = value
        elif lowered == "none_used":
            result[qid] = "none_used"
        elif lowered in _UNPUBLISHED:
            result[qid] = "not_published"
        else:
            result[qid] = "published"
            if lowered != "published":
                result[qid + "_license"] = value


@lru_cache(maxsize=1)
def licence_choices() -> tuple[str, ...]:
    """The licences the app offers to try, from data/whatif_licences.toml (in its order; read once)."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "whatif_licences.toml"
    with path.open("rb") as handle:
        return tuple(tomllib.load(handle)["licences"])


# ---------------------------------------------------------------- the headline and the differences


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_change(change: Change, before: Mapping[str, Any]) -> str:
    """A gerund phrase: 'releasing the training code under Apache-2.0', 'making the final weights
    downloadable by anyone'. `before` (flat answers) tells releasing from relicensing."""
    if change.component == DATA_INFORMATION:
        return _join([_describe_data(field, value) for field, value in change.data])
    prefix = f"components.{change.component}."
    what = f"the {component_phrase(change.component)}"
    was_released = before.get(prefix + "released") is True
    if change.released is False:
        return f"withdrawing {what}" if was_released else f"leaving {what} unreleased"
    licence = one_line(change.license) if change.license is not None else None
    if licence is not None and not was_released:
        phrase = f"releasing {what} under {licence}"
    elif licence is not None and licence != before.get(prefix + "license"):
        phrase = f"relicensing {what} under {licence}"
    elif change.released and not was_released:
        phrase = f"releasing {what}" + ("" if before.get(prefix + "license") else " with no licence")
    elif change.access is not None:
        verb = "putting" if change.access in ("click_through", "approval") else "making"
        accepted = _ACCEPTED.get(change.click_through_terms or "", "") if change.access == "click_through" else ""
        return f"{verb} {what} {ACCESS_PHRASES[change.access]}{accepted}" + (
            f" at {one_line(change.location)}" if change.location else "")
    elif change.click_through_terms is not None:
        return f"asking people to accept {_ACCEPTS[change.click_through_terms]} at the click-through of {what}"
    elif change.location is not None:
        return f"recording where {what} is ({one_line(change.location)})"
    else:
        phrase = f"keeping {what} as it is"
    if change.access is not None and (change.access != before.get(prefix + "access", "public")
                                      if was_released else change.access != "public"):
        phrase += f" with {ACCESS_WITH[change.access]}"
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


def headline(changes: Iterable[str | Change], before_answers: Mapping[str, Any],
             before: Any, after: Any) -> str:
    """'Releasing the training code under Apache-2.0 makes this open-source (it was open-weight).'"""
    parsed = _as_changes(changes)
    doing = _join([describe_change(c, before_answers) for c in parsed]) or "this change"
    if after.tier != before.tier:
        sentence = f"{doing} makes this {after.tier} (it was {before.tier})"
    else:
        sentence = f"{doing} keeps this {after.tier}"
        if after.next_tier is not None:
            count = len(after.next_tier.changes)
            sentence += (f": {after.next_tier.tier} still needs {count} more change{'s' if count != 1 else ''}"
                         if count else "")
    return sentence[0].upper() + sentence[1:] + "."


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def _pct(value: float) -> str:
    return f"{value:g}%"


def diff(before: Any, after: Any, changes: Iterable[str | Change] = (), *,
         before_answers: Mapping[str, Any] | None = None) -> list[str]:
    """What changed between two classifications, in plain sentences. With `changes` (and the answers
    they were applied to), the first sentence is the headline."""
    lines: list[str] = []
    changes = list(changes)
    if changes:
        lines.append(headline(changes, before_answers or {}, before, after))

    if before.tier != after.tier:
        lines.append(f"The tier goes from {before.tier} to {after.tier}.")
    else:
        lines.append(f"The tier stays {after.tier}.")

    # OSAID
    if before.osaid.met != after.osaid.met:
        lines.append("OSAID 1.0 is now met." if after.osaid.met else "OSAID 1.0 is no longer met.")
    elif not after.osaid.met:
        was, now = len(before.osaid.unmet), len(after.osaid.unmet)
        counted = f"{now} requirement{'s' if now != 1 else ''} unmet"
        lines.append(f"OSAID 1.0 is still not met: {counted}" + (f" (was {was})." if was != now else "."))
    old = {r.id: r for r in before.osaid.requirements}
    new = {r.id: r for r in after.osaid.requirements}
    for rid, requirement in new.items():
        if requirement.met and (rid not in old or not old[rid].met):
            lines.append(f"OSAID requirement now met: {_lower_first(requirement.text)}.")
    for rid, requirement in old.items():
        if requirement.met and (rid not in new or not new[rid].met):
            lines.append(f"OSAID requirement no longer met: {_lower_first(requirement.text)}.")

    # MOF
    def mof_name(result: Any) -> str:
        return f"Class {result.mof.mof_class}" if result.mof.mof_class else "Unclassified"

    if before.mof.mof_class != after.mof.mof_class:
        lines.append(f"The MOF class goes from {mof_name(before)} to {mof_name(after)}.")
    else:
        lines.append(f"The MOF class stays {mof_name(after)}.")
    moved = [f"Class {k} from {_pct(before.mof.progress.get(k, 0.0))} to {_pct(v)}"
             for k, v in after.mof.progress.items() if before.mof.progress.get(k) != v]
    if moved:
        lines.append(f"MOF progress: {_join(moved)}.")

    # OWD
    owd_before = sum(r.met for r in before.owd.requirements)
    owd_after = sum(r.met for r in after.owd.requirements)
    total = len(after.owd.requirements)
    if owd_before != owd_after:
        lines.append(f"Open Weight Definition: {owd_after} of {total} criteria met (was {owd_before})"
                     + (", so it is now met." if after.owd.met else
                        ", so it is no longer met." if before.owd.met else "."))
        old_owd = {r.id: r.met for r in before.owd.requirements}
        for requirement in after.owd.requirements:
            if requirement.met != old_owd.get(requirement.id):
                state = "now met" if requirement.met else "no longer met"
                lines.append(f"OWD criterion {requirement.id[4:]} {state}: {_lower_first(requirement.text)}.")
    else:
        lines.append(f"Open Weight Definition: unchanged, {owd_after} of {total} criteria met.")

    # OSAI-style profile
    grades = {None: "not assessed"}
    old_dims = {d.id: d for d in before.osai.dimensions}
    dim_changes = [f"{d.label}: {grades.get(old_dims[d.id].grade, old_dims[d.id].grade)} to "
                   f"{grades.get(d.grade, d.grade)}"
                   for d in after.osai.dimensions if d.id in old_dims and old_dims[d.id].grade != d.grade]
    if before.osai.score != after.osai.score or dim_changes:
        sentence = f"OSAI-style score goes from {before.osai.score:.2f} to {after.osai.score:.2f}"
        lines.append(sentence + (f" ({'; '.join(dim_changes)})." if dim_changes else "."))
    else:
        lines.append(f"OSAI-style score stays {after.osai.score:.2f}.")

    new_warnings = [w for w in after.warnings if w not in before.warnings]
    for warning in new_warnings:
        lines.append(f"New warning: {warning}")
    return lines


__all__ = ["Change", "parse_change", "apply", "diff", "headline", "describe_change", "component_phrase",
           "licence_choices"]
