"""The declaration: what a publisher declares about a release, with its classification, as TOML.

Written with tomli-w from pydantic models and read back with tomllib; writing is atomic and never
replaces a file unless asked to.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from questionnaire import __version__
from questionnaire.answers import AnswersModel, describe_validation_error, flatten, nest
from questionnaire.components import COMPONENTS
from questionnaire.errors import UserError
from questionnaire.rules import RULESET_VERSION, TIERS, Classification

SCHEMA_VERSION = 1
Tier = Literal["open-source", "open-weight", "partially-open", "closed"]
Grade = Literal["open", "partial", "closed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class ModelIdentity(_Model):
    name: str = Field(min_length=1)
    version: str | None = None
    publisher: str | None = None
    contact: str | None = None
    repository: str | None = None
    modality: str | None = None
    architecture: str | None = None
    base_model: str | None = None


class ComponentEntry(_Model):
    name: str
    released: bool
    license: str | None = None
    license_id: str | None = None  # the licence as the knowledge base resolved it
    license_match: str | None = None  # exact, alias, self-assessed, suggestion, none
    open_terms: bool = False
    access: str | None = None
    location: str | None = None
    mof: str | None = None  # included, invalid, unlicensed, missing (required components)


class ReasonEntry(_Model):
    text: str
    refs: list[str] = []


class RequirementEntry(_Model):
    id: str
    text: str
    met: bool
    action: str | None = None


class OsaidVerdict(_Model):
    met: bool
    unmet: list[str] = []
    requirements: list[RequirementEntry] = []


class MofVerdict(_Model):
    mof_class: Literal["I", "II", "III"] | None = Field(default=None, alias="class")
    progress: dict[Literal["III", "II", "I"], float]
    next_class_needs: list[str] = []


class OwdVerdict(_Model):
    met: bool
    criteria: list[RequirementEntry] = []


class OsaiDimension(_Model):
    id: str
    label: str
    group: str
    grade: Grade | None = None
    basis: str


class OsaiProfile(_Model):
    score: float
    dimensions: list[OsaiDimension] = []


class NextTierEntry(_Model):
    tier: Tier
    changes: list[str] = []


class ClassificationEntry(_Model):
    tier: Tier
    reasons: list[ReasonEntry] = []
    osaid: OsaidVerdict
    mof: MofVerdict
    owd: OwdVerdict
    osai: OsaiProfile
    next_tier: NextTierEntry | None = None
    warnings: list[str] = []
    ruleset_version: str
    generator: str
    generated_at: datetime


class SourceEntry(_Model):
    """Where a declared fact was read: a URL (licence file, model card, paper) and the day it was checked."""

    url: str = Field(min_length=1)
    checked: date
    note: str | None = None


class Declaration(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    model: ModelIdentity
    components: dict[str, ComponentEntry]
    answers: AnswersModel
    sources: dict[str, SourceEntry] = {}  # question id (or "*" for the whole release) -> its source
    classification: ClassificationEntry

    def flat_answers(self) -> dict[str, Any]:
        return flatten(self.answers.model_dump(exclude_none=True))


def classification_entry(result: Classification, *, generated_at: datetime | None = None) -> ClassificationEntry:
    def req(r: Any) -> RequirementEntry:
        return RequirementEntry(id=r.id, text=r.text, met=r.met, action=None if r.met else r.action)

    return ClassificationEntry(
        tier=result.tier,
        reasons=[ReasonEntry(text=r.text, refs=list(r.refs)) for r in result.reasons],
        osaid=OsaidVerdict(met=result.osaid.met, unmet=[r.text for r in result.osaid.unmet],
                           requirements=[req(r) for r in result.osaid.requirements]),
        mof=MofVerdict(mof_class=result.mof.mof_class, progress=result.mof.progress,
                       next_class_needs=list(result.mof.next_class_needs)),
        owd=OwdVerdict(met=result.owd.met, criteria=[req(r) for r in result.owd.requirements]),
        osai=OsaiProfile(score=result.osai.score, dimensions=[
            OsaiDimension(id=d.id, label=d.label, group=d.group, grade=d.grade, basis=d.basis)
            for d in result.osai.dimensions]),
        next_tier=NextTierEntry(tier=result.next_tier.tier, changes=list(result.next_tier.changes))
        if result.next_tier else None,
        warnings=list(result.warnings),
        ruleset_version=RULESET_VERSION,
        generator=f"openness {__version__}",
        generated_at=(generated_at or datetime.now(timezone.utc)).replace(microsecond=0),
    )


def build(
    answers: Mapping[str, Any],
    *,
    generated_at: datetime | None = None,
    sources: Mapping[str, SourceEntry] | None = None,
) -> Declaration:
    """A declaration from flat answers (validated), with a freshly computed classification."""
    from questionnaire.answers import validate_answers
    from questionnaire.rules import read_release

    flat = validate_answers(nest(answers))
    if not flat.get("identity.name"):
        raise UserError("the model has no name (identity.name)")
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
            location=flat.get(f"components.{component.key}.location"),
            mof=result.mof.buckets.get(component.key),
        )
    identity = {key.split(".", 1)[1]: value for key, value in flat.items()
                if key.startswith("identity.") and key not in ("identity.is_finetune",)}
    return Declaration(
        model=ModelIdentity(**identity),
        components=components,
        answers=AnswersModel.model_validate(nest(flat)),
        sources=dict(sources or {}),
        classification=classification_entry(result, generated_at=generated_at),
    )


def read_sources(data: Any, *, path: str | None = None) -> dict[str, SourceEntry]:
    """The `[sources]` table of an answers file or declaration: question id -> {url, checked, note}."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise UserError("sources should be a table of question ids", path=path)
    try:
        return {str(key): SourceEntry.model_validate(value) for key, value in data.items()}
    except ValidationError as error:
        raise UserError(f"sources: {describe_validation_error(error)}", path=path) from None


def to_toml(declaration: Declaration) -> str:
    import tomli_w

    data = declaration.model_dump(mode="python", by_alias=True, exclude_none=True)
    return tomli_w.dumps(data)


def from_data(data: Mapping[str, Any], *, path: str | None = None) -> Declaration:
    try:
        return Declaration.model_validate(data)
    except ValidationError as error:
        raise UserError(f"is not a valid declaration: {describe_validation_error(error)}", path=path) from None


def write(declaration: Declaration, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write atomically (a temporary file beside the target, then a rename). Refuses to replace a file unless
    forced, and to write a declaration too large for `check` and `edit` to read back."""
    from questionnaire.files import write_text
    from questionnaire.sources import readable_problem

    text = to_toml(declaration)
    problem = readable_problem(text, "toml")
    if problem is not None:
        raise UserError(f"was not written: the declaration {problem}, so openness could not read it back",
                        path=os.fspath(path))
    return write_text(path, text, force=force)


def recheck(source: Any) -> tuple[Declaration, list[str]]:
    """A loaded declaration (`loading.Source` of kind "declaration") rebuilt from its own answers, with
    the same time stamp and sources, and how its stored classification differs from the rebuilt one
    (empty: it still matches its answers)."""
    stored = source.declaration
    fresh = build(source.answers, generated_at=stored.classification.generated_at, sources=source.sources)
    return fresh, differences(stored.classification, fresh.classification)


def comparable(entry: ClassificationEntry) -> dict[str, Any]:
    """The parts of a stored classification that a recomputation must reproduce."""
    return entry.model_dump(mode="json", exclude={"generator", "generated_at", "ruleset_version"})


def differences(stored: ClassificationEntry, fresh: ClassificationEntry) -> list[str]:
    a, b = comparable(stored), comparable(fresh)
    out = []
    for key in a:
        if a[key] != b[key]:
            if key == "tier":
                out.append(f"the stored tier is {stored.tier!r} but the answers give {fresh.tier!r}")
            else:
                out.append(f"the stored {key} differs from what the answers give")
    return out


__all__ = ["Declaration", "build", "to_toml", "from_data", "write", "differences", "TIERS"]
