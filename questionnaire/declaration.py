"""The declaration: what a publisher declares about a release, with its classification, as TOML.

Written with tomli-w from pydantic models and read back with tomllib; writing is atomic and never
replaces a file unless asked to. The question bank defines two of its tables: `[answers]` holds the
answers (`answers.answers_model`) and `[model]` repeats the `identity.*` answers, who and what the model
is (`model_table`), so a question added to the bank's identity section shows in both. `declaration_model`
is the declaration's schema for a bank (the one in use by default).
Format 2 (schema_version 2) stores each framework's verdict in
`[[classification.frameworks]]`, as `questionnaire.frameworks.as_dict` gives it. A format-1 declaration
still loads: its answers are the truth, read as they are and classified afresh; `openness check` says it is
in the old format and how to rewrite it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, create_model, field_validator

from questionnaire import __version__, ids
from questionnaire.answers import answers_model, describe_validation_error, flatten, model_for, nest
from questionnaire.bank_model import Bank
from questionnaire.components import ACCESS_CHOICES, COMPONENTS
from questionnaire.errors import UserError
from questionnaire.rules import RULESET_VERSION, Classification
from questionnaire.text import MAX_ANSWER_LENGTH, answer_problem, unsafe_character
from questionnaire.vocabulary import TIERS

SCHEMA_VERSION = 2
OLD_SCHEMA_VERSIONS = (1,)  # still read: their answers, classified afresh
Tier = Literal["open-source", "open-weight", "partially-open", "closed"]
Grade = Literal["open", "partial", "closed"]
Access = Literal[ACCESS_CHOICES]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class ComponentEntry(_Model):
    name: str
    released: bool
    license: str | None = None
    license_id: str | None = None  # the licence as the knowledge base resolved it
    license_match: str | None = None  # exact, alias, self-assessed, suggestion, none
    open_terms: bool = False
    access: Access | None = None
    location: str | None = None


class ReasonEntry(_Model):
    text: str
    refs: list[str] = []


class RequirementEntry(_Model):
    id: str
    text: str
    met: bool
    action: str | None = None  # what to do, when it is not met
    grade: Grade | None = None  # a graded profile's dimension


class MeasureEntry(_Model):
    id: str
    label: str
    value: float
    maximum: float

    @property
    def text(self) -> str:
        from questionnaire.frameworks import measure_text

        return measure_text(self.value, self.maximum)


class FrameworkEntry(_Model):
    """One framework's verdict, as `questionnaire.frameworks.as_dict` gives it (without refs)."""

    id: str
    title: str
    short_title: str
    url: str
    met: bool | None = None  # absent: a graded profile with no pass mark
    summary: str
    requirements: list[RequirementEntry] = []
    measures: list[MeasureEntry] = []
    notes: list[str] = []


class NextTierEntry(_Model):
    tier: Tier
    changes: list[str] = []


GENERATOR_LENGTH = 200  # "openness 0.1.0", or another tool's name and version


class ClassificationEntry(_Model):
    tier: Tier
    reasons: list[ReasonEntry] = []
    frameworks: list[FrameworkEntry] = []
    next_tier: NextTierEntry | None = None
    warnings: list[str] = []
    ruleset_version: str
    # the tool that wrote it: never compared (NOT_DERIVED), but shown in every export, so bounded
    generator: str = Field(max_length=GENERATOR_LENGTH)
    generated_at: datetime

    def framework(self, framework_id: str) -> FrameworkEntry:
        """The stored verdict of one framework; KeyError when the declaration has none."""
        for entry in self.frameworks:
            if entry.id == framework_id:
                return entry
        raise KeyError(f"no framework {framework_id!r} in this declaration")


class SourceEntry(_Model):
    """Where a declared fact was read: a URL (licence file, model card, paper) and the day it was checked."""

    url: str = Field(min_length=1, json_schema_extra={"maxLength": MAX_ANSWER_LENGTH})  # (checked below)
    checked: date
    note: str | None = Field(default=None, json_schema_extra={"maxLength": MAX_ANSWER_LENGTH})

    @field_validator("url", "note")
    @classmethod
    def _shown_as_itself(cls, value: str | None) -> str | None:
        """Refused, as an answer is, when it holds a control, bidi or invisible character (a source is written
        into declarations as it is, and a terminal shows them raw), or is longer than an answer may be."""
        problem = answer_problem(value) if isinstance(value, str) else None
        if problem is not None:
            raise ValueError(problem)
        return value


class Declaration(_Model):
    """A declaration. The types of `model` and `answers` come from the bank: `declaration_model(bank)` is
    this class with them filled in, and every declaration read or built is one of those."""

    schema_version: Literal[2] = SCHEMA_VERSION
    model: BaseModel  # the identity answers (`model_table`)
    components: dict[str, ComponentEntry]
    answers: BaseModel  # the answers (`answers.answers_model`)
    sources: dict[str, SourceEntry] = {}  # question id (or "*" for the whole release) -> its source
    classification: ClassificationEntry
    _old_format: int | None = PrivateAttr(default=None)  # the schema_version it was read from, when an old one

    @property
    def old_format(self) -> int | None:
        """The old schema_version this declaration was read from (its answers classified afresh), or None."""
        return self._old_format

    def flat_answers(self) -> dict[str, Any]:
        return flatten(self.answers.model_dump(by_alias=True, exclude_none=True))


@lru_cache(maxsize=8)
def model_table(bank: Bank) -> type[BaseModel]:
    """The schema of `[model]`: the bank's `identity.*` questions, keyed without `identity.`. Derived from
    the answers, so not strict about text (`openness check` names what differs from the answers)."""
    prefix = ids.IDENTITY + "."
    return model_for("Model", (q for q in bank.questions if q.id.startswith(prefix)), strip=prefix, strict=False)


@lru_cache(maxsize=8)
def _declaration_model(bank: Bank) -> type[Declaration]:
    return create_model(
        "Declaration", __base__=Declaration, model=(model_table(bank), ...), answers=(answers_model(bank), ...)
    )


def declaration_model(bank: Bank | None = None) -> type[Declaration]:
    """The declaration's schema for `bank` (default: the bank in use): `Declaration` with the types of its
    `[model]` and `[answers]`."""
    return _declaration_model(_in_use(bank))


def _in_use(bank: Bank | None) -> Bank:
    if bank is not None:
        return bank
    from questionnaire.bank import load_bank

    return load_bank()


def classification_entry(result: Classification, *, generated_at: datetime | None = None) -> ClassificationEntry:
    from questionnaire.frameworks import as_dict

    return ClassificationEntry(
        tier=result.tier,
        reasons=[ReasonEntry(text=r.text, refs=list(r.refs)) for r in result.reasons],
        frameworks=[FrameworkEntry.model_validate(_without_none(as_dict(v, refs=False))) for v in result.frameworks],
        next_tier=NextTierEntry(tier=result.next_tier.tier, changes=list(result.next_tier.changes))
        if result.next_tier
        else None,
        warnings=list(result.warnings),
        ruleset_version=RULESET_VERSION,
        generator=f"openness {__version__}",
        generated_at=(generated_at or datetime.now(UTC)).replace(microsecond=0),
    )


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def build(
    answers: Mapping[str, Any],
    *,
    generated_at: datetime | None = None,
    sources: Mapping[str, SourceEntry] | None = None,
    bank: Bank | None = None,
) -> Declaration:
    """A declaration from flat answers (validated against `bank`, default: the bank in use), with a freshly
    computed classification."""
    from questionnaire.answers import validate_answers
    from questionnaire.rules import read_release

    bank = _in_use(bank)
    flat = validate_answers(nest(answers), bank=bank)
    if not flat.get(ids.NAME):
        raise UserError(f"the model has no name ({ids.NAME})")
    release = read_release(flat)
    from questionnaire.rules import classify_release

    result = classify_release(release)
    components = {}
    for component in COMPONENTS:
        state = release.components[component.key]
        components[component.key] = ComponentEntry(
            name=component.mot_name,
            released=state.released,
            license=state.license_text if state.released else None,
            license_id=state.license.id if state.license is not None else None,
            license_match=state.confidence if state.released else None,
            open_terms=state.open_terms,
            access=state.access,
            location=flat.get(component.qid(ids.LOCATION)),
        )
    nested = nest(flat)
    return _declaration_model(bank)(
        model=model_table(bank).model_validate(nested.get(ids.IDENTITY, {})),
        components=components,
        answers=answers_model(bank).model_validate(nested),
        sources=dict(sources or {}),
        classification=classification_entry(result, generated_at=generated_at),
    )


def read_sources(data: Any, *, path: str | None = None) -> dict[str, SourceEntry]:
    """The `[sources]` table of an answers file or declaration: question id -> {url, checked, note}."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise UserError("sources should be a table of question ids", path=path)
    for key in data:
        problem = unsafe_character(str(key))
        if problem is not None:
            raise UserError(f"sources: a key {problem}", path=path)
    found = {}
    for key, value in data.items():
        try:
            found[str(key)] = SourceEntry.model_validate(value)
        except ValidationError as error:
            raise UserError(f"sources: {describe_validation_error(error, f'{key}.')}", path=path) from None
    return found


def to_toml(declaration: Declaration) -> str:
    import tomli_w

    data = declaration.model_dump(mode="python", by_alias=True, exclude_none=True)
    return tomli_w.dumps(data)


def from_data(data: Mapping[str, Any], *, path: str | None = None, bank: Bank | None = None) -> Declaration:
    """A declaration read from TOML data, checked against the schema of `bank` (default: the bank in use). An
    old format (schema_version 1) is read by its answers and sources alone, classified afresh; the result's
    `old_format` says which format it was."""
    version = data.get("schema_version") if isinstance(data, Mapping) else None
    if version in OLD_SCHEMA_VERSIONS and not isinstance(version, bool):
        return _from_old_format(data, version, path=path, bank=bank)
    try:
        return declaration_model(bank).model_validate(data)
    except ValidationError as error:
        raise UserError(f"is not a valid declaration: {describe_validation_error(error)}", path=path) from None


def _from_old_format(data: Mapping[str, Any], version: int, *, path: str | None, bank: Bank | None) -> Declaration:
    from questionnaire.answers import validate_answers

    answers = data.get("answers")
    if not isinstance(answers, Mapping):
        raise UserError(f"is a declaration of format {version} without an [answers] table", path=path)
    flat = validate_answers(dict(answers), path=path, bank=bank)
    if not flat.get(ids.NAME):
        raise UserError("answers.identity.name is missing: a declaration must name the model", path=path)
    stored = data.get("classification")
    generated_at = stored.get("generated_at") if isinstance(stored, Mapping) else None
    declaration = build(
        flat,
        generated_at=generated_at if isinstance(generated_at, datetime) else None,
        sources=read_sources(data.get("sources"), path=path),
        bank=bank,
    )
    declaration._old_format = version
    return declaration


def write(declaration: Declaration, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write atomically (a temporary file beside the target, then a rename). Refuses to replace a file unless
    forced, and to write a declaration too large for `check` and `edit` to read back."""
    from questionnaire.files import write_text
    from questionnaire.sources import readable_problem

    text = to_toml(declaration)
    problem = readable_problem(text, "toml")
    if problem is not None:
        raise UserError(
            f"was not written: the declaration {problem}, so openness could not read it back", path=os.fspath(path)
        )
    return write_text(path, text, force=force)


# ---------------------------------------------------------------- checking a stored declaration

# Not derived from the answers, so never compared: the tool version that wrote the file (another version
# under the same ruleset must still pass) and the time stamp (the rebuild reuses the stored one).
NOT_DERIVED = frozenset({"classification.generator", "classification.generated_at"})
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHOWN = 100  # at most this many characters of a value in a message


class StaleDeclaration(UserError):
    """A declaration whose stored fields are not what its answers give (edited by hand, or made under
    another ruleset). Its `lines()` name each differing field; exit code 1, a finding."""

    def __init__(self, problems: list[str], *, path: str | None = None) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}", path=path, exit_code=1)
        self.problems = list(problems)

    def lines(self) -> list[str]:
        count = len(self.problems)
        summary = (
            f"{count} field{'s differ' if count > 1 else ' differs'} from what the answers give; "
            "`openness declare DECL.toml -o DECL.toml --force` rebuilds the declaration from them"
        )
        return [f"{self.path}: {p}" if self.path else p for p in [*self.problems, summary]]


def recheck(source: Any) -> tuple[Declaration, list[str]]:
    """A loaded declaration (`loading.Source` of kind "declaration") rebuilt from its own answers, with
    the same time stamp and sources, and every field where the stored one differs from the rebuilt one
    (empty: it still matches its answers)."""
    stored = source.declaration
    fresh = build(source.answers, generated_at=stored.classification.generated_at, sources=source.sources)
    return fresh, differences(stored, fresh)


def verified(source: Any) -> Declaration:
    """The stored declaration of `source` when every derived field matches what its answers give;
    StaleDeclaration naming each differing field otherwise, and a finding (exit 1) for an old format."""
    if source.declaration.old_format is not None:
        raise UserError(
            f"is a declaration in the old format (schema_version {source.declaration.old_format}): its "
            "answers still load, but its verdicts are stored the old way; `openness declare "
            f"{source.path} -o {source.path} --force` rewrites it in the current format (schema_version "
            f"{SCHEMA_VERSION})",
            path=source.path,
            exit_code=1,
        )
    _, problems = recheck(source)
    if problems:
        raise StaleDeclaration(problems, path=source.path)
    return source.declaration


def derived(decl: Declaration) -> dict[str, Any]:
    """The parts of a declaration its answers decide, as written to TOML: [model], [components] and
    [classification] (its generator and time stamp aside). The answers and sources are the input."""
    data = decl.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {key: data[key] for key in ("model", "components", "classification")}


def differences(stored: Declaration, fresh: Declaration) -> list[str]:
    """One line per field where `stored` differs from `fresh` (rebuilt from the same answers), named by
    its dotted path, with both values: "components.datasets.license: stored 'MIT', the answers give
    'CC-BY-4.0'". A field only one side has is "missing from the file" or given as "none"."""
    out: list[str] = []
    _compare(derived(stored), derived(fresh), "", out)
    return out


def _compare(a: Any, b: Any, path: str, out: list[str]) -> None:
    if path in NOT_DERIVED:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*b, *(k for k in a if k not in b)]:
            _compare(a.get(key, _MISSING), b.get(key, _MISSING), _join(path, key), out)
    elif isinstance(a, list) and isinstance(b, list):
        _compare_lists(a, b, path, out)
    elif a is _MISSING and b is _MISSING:
        return
    elif a is _MISSING or b is _MISSING or type(a) is not type(b) and not _same_number(a, b) or a != b:
        out.append(_line(path, a, b))


def _ids(items: list[Any]) -> list[str] | None:
    """The ids of a list of tables that each have a unique string id (frameworks, requirements), else None."""
    found = [item.get("id") if isinstance(item, dict) else None for item in items]
    if all(isinstance(i, str) for i in found) and len(set(found)) == len(found):
        return found  # type: ignore[return-value]
    return None


def _compare_lists(a: list[Any], b: list[Any], path: str, out: list[str]) -> None:
    """Tables with ids (the frameworks, their requirements) matched by id and named by it:
    'classification.frameworks[osaid].met'. Others item by item when both have as many (an edited item is
    named by its index); otherwise matched up as a diff would, so a deleted reason is one line, not a shift
    of every one after it. An item only the answers give is named by its index among theirs, any other by
    its index in the file."""
    import json
    from difflib import SequenceMatcher

    ids_a, ids_b = _ids(a), _ids(b)
    if ids_a is not None and ids_b is not None and (a or b):
        by_id = dict(zip(ids_a, a, strict=True))
        for key, item in zip(ids_b, b, strict=True):
            _compare(by_id.pop(key, _MISSING), item, f"{path}[{key}]", out)
        for key, item in by_id.items():
            _compare(item, _MISSING, f"{path}[{key}]", out)
        return
    if len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _compare(x, y, f"{path}[{index}]", out)
        return
    keys_a = [json.dumps(x, sort_keys=True) for x in a]
    keys_b = [json.dumps(x, sort_keys=True) for x in b]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            _compare(a[i1 + k], b[j1 + k], f"{path}[{i1 + k}]", out)
        for i in range(i1 + paired, i2):
            _compare(a[i], _MISSING, f"{path}[{i}]", out)
        for j in range(j1 + paired, j2):
            _compare(_MISSING, b[j], f"{path}[{j}]", out)


class _Missing:
    pass


_MISSING: Any = _Missing()


def _same_number(a: Any, b: Any) -> bool:
    numbers = (int, float)
    return isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool)


def _join(path: str, key: str) -> str:
    key = key if _BARE_KEY.fullmatch(key) else _quoted(key)
    return f"{path}.{key}" if path else key


def _line(path: str, stored: Any, fresh: Any) -> str:
    if path == "classification.ruleset_version" and stored is not _MISSING and fresh is not _MISSING:
        return (
            f"{path}: stored {_show(stored)}, but this version of openness applies ruleset {_show(fresh)}; "
            "`openness declare` rebuilds the declaration under it"
        )
    if isinstance(stored, str) and isinstance(fresh, str) and max(len(stored), len(fresh)) > _SHOWN:
        stored, fresh = _around_difference(stored, fresh)  # long texts: show where they part
    was = "missing from the file" if stored is _MISSING else f"stored {_show(stored)}"
    now = "none" if fresh is _MISSING else _show(fresh)
    return f"{path}: {was}, the answers give {now}"


def _around_difference(a: str, b: str) -> tuple[Any, Any]:
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, common - 30)

    def cut(text: str) -> _Shown:
        piece = text[start : start + _SHOWN - 10]
        return _Shown(("…" if start else "") + _quoted(piece) + ("…" if start + len(piece) < len(text) else ""))

    return cut(a), cut(b)


class _Shown(str):
    """Text already quoted for a message."""


def _show(value: Any) -> str:
    """A value as TOML would write it, on one line, safe to print, cut at about _SHOWN characters."""
    if isinstance(value, _Shown):
        return str(value)
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = _quoted(value)
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{_join('', k)} = {_show(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _quoted(text: str) -> str:
    """'text' in single quotes, every control character (and newline) shown as an escape."""
    from questionnaire.text import one_line

    return "'" + one_line(text).replace("'", "\\'") + "'"


__all__ = [
    "Declaration",
    "StaleDeclaration",
    "build",
    "to_toml",
    "from_data",
    "write",
    "recheck",
    "verified",
    "differences",
    "TIERS",
]
