"""Load any input the CLI accepts (a declaration, an answers file or a MOT record), told apart by content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questionnaire import ids
from questionnaire.errors import UserError
from questionnaire.sources import parse_toml, parse_yaml, read_text
from questionnaire.text import MAX_ANSWER_LENGTH, answer_problem

TOML_SUFFIXES = (".toml",)
YAML_SUFFIXES = (".yml", ".yaml")
CARD_SUFFIXES = (".md",)


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # declaration, answers, mot, hf (a Hugging Face model card)
    answers: dict[str, Any]
    warnings: tuple[str, ...] = ()
    declaration: Any = None  # questionnaire.declaration.Declaration for kind "declaration"
    sources: dict[str, Any] = field(default_factory=dict)  # question id -> SourceEntry

    @property
    def kind_label(self) -> str:
        """What the file is, in words: "an answers file", "a MOT record", "a model card", "a declaration"."""
        return KIND_LABELS.get(self.kind, "another kind of file")


KIND_LABELS = {
    "declaration": "a declaration",
    "answers": "an answers file",
    "mot": "a MOT record",
    "hf": "a model card",
}


def load(path: str, *, name: str | None = None) -> Source:
    """The file at `path`, told apart by content. `name` names a model card's model whatever the card says
    (`openness declare --name`); the other kinds of file name their model themselves."""
    suffix = Path(path).suffix.lower()
    if suffix not in TOML_SUFFIXES + YAML_SUFFIXES + CARD_SUFFIXES:
        if Path(path).is_dir():
            raise UserError("is a directory, not a file", path=path)
        raise UserError(
            f"has an unknown extension {suffix or '(none)'!r}; expected .toml (a declaration or answers), "
            ".yml/.yaml (a Model Openness Tool record) or .md (a Hugging Face model card)",
            path=path,
        )
    text = read_text(path)
    if suffix in CARD_SUFFIXES:
        from questionnaire.hf_card import import_card

        card = import_card(text, path=path, name=name)
        return Source(path, "hf", _shown_as_text(card.answers, path), card.warnings, sources=card.sources)
    if suffix in YAML_SUFFIXES:
        from questionnaire.mot import import_mot

        imported = import_mot(parse_yaml(text, path), path=path)
        return Source(path, "mot", _shown_as_text(imported.answers, path), imported.warnings)
    data = parse_toml(text, path)
    return from_toml_data(data, path)


def from_toml_data(data: Mapping[str, Any], path: str) -> Source:
    if "schema_version" in data or "classification" in data:
        from questionnaire.declaration import from_data

        declaration = from_data(data, path=path)
        answers = declaration.flat_answers()
        if not answers.get(ids.NAME):
            raise UserError(f"answers.{ids.NAME} is missing: a declaration must name the model", path=path)
        return Source(path, "declaration", answers, declaration=declaration, sources=dict(declaration.sources))
    from questionnaire.answers import validate_answers

    data = dict(data)
    sources = {}
    if "sources" in data:
        from questionnaire.declaration import read_sources

        sources = read_sources(data.pop("sources"), path=path)
    if not data:
        raise UserError("has no answers", path=path)
    answers = validate_answers(data, path=path)
    if not answers.get(ids.NAME):
        raise UserError(f"{ids.NAME} is missing: the answers must name the model", path=path)
    return Source(path, "answers", answers, sources=sources)


def _shown_as_text(answers: dict[str, Any], path: str) -> dict[str, Any]:
    """The answers read from a MOT record or a model card, refused (as an answers file's would be) when a
    text holds a control or invisible character, or is longer than an answer may be."""
    texts = [value for value in answers.values() if isinstance(value, str)]
    # every character refused (tab and newline too) is unprintable: when none is there, only lengths are left
    if "".join(texts).isprintable() and all(len(text) <= MAX_ANSWER_LENGTH for text in texts):
        return answers
    for qid, value in answers.items():
        problem = answer_problem(value) if isinstance(value, str) else None
        if problem is not None:
            raise UserError(f"{qid}: {problem}", path=path)
    return answers
